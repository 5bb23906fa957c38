package har

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/canary"
	"github.com/seqdoc/seqdoc/internal/golden"
)

// TestPathSpec checks testdata/paths.txt: URLs and cookie names with what
// their redaction must give ("want" lines, reviewed by hand; -update writes
// the current output in their place, to review as a diff).
func TestPathSpec(t *testing.T) {
	path := filepath.Join("testdata", "paths.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var r *Redactor
	var keep []string
	got := ""
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, line := range lines {
		kind, arg, _ := strings.Cut(line, " ")
		switch kind {
		case "", "#":
		case "---":
			r, keep = nil, nil
		case "keep":
			keep = append(keep, arg)
			r = nil
		case "url", "cookie":
			if r == nil {
				r = NewRedactor(RedactOptions{KeepPathSegments: keep, PublicParams: publicOptions.PublicParams})
			}
			if kind == "url" {
				got = r.URL(arg)
			} else {
				got = r.cookieNameOf(arg)
			}
			// Idempotent: the output redacts to itself, in a new
			// capture too.
			again := NewRedactor(RedactOptions{KeepPathSegments: keep, PublicParams: publicOptions.PublicParams})
			if kind == "url" && again.URL(got) != got || kind == "cookie" && again.cookieNameOf(got) != got {
				t.Errorf("%s:%d: %q is not redacted to itself", path, i+1, got)
			}
		case "want":
			if golden.Update() {
				fmt.Fprintf(&out, "want %s\n", got)
				continue
			}
			if arg != got {
				t.Errorf("%s:%d: got  %s\n%*s want %s", path, i+1, got, len(path)+len(fmt.Sprint(i+1))+2, "", arg)
			}
			continue
		default:
			t.Fatalf("%s:%d: unknown line %q", path, i+1, line)
		}
		out.WriteString(line + "\n")
		if golden.Update() && (kind == "url" || kind == "cookie") && (i+1 == len(lines) || !strings.HasPrefix(lines[i+1], "want ")) {
			fmt.Fprintf(&out, "want %s\n", got)
		}
	}
	if golden.Update() {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRandomValuesReplaced measures how often a random value of the shapes
// secrets take (generated tokens, ids, codes) would pass for a route word
// and stay: never for hex runs of 12 characters or more, rarely for tokens
// of 16 and seldom at 20, never for base32 of 16, and never in any shape at
// 32. (Shorter runs of letters cannot be told from words by their shape:
// 6-letter base64url codes stay about one time in five.)
func TestRandomValuesReplaced(t *testing.T) {
	const (
		b62    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		b64url = b62 + "-_"
		b36    = "abcdefghijklmnopqrstuvwxyz0123456789"
		b32    = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
		hexl   = "0123456789abcdef"
		hexu   = "0123456789ABCDEF"
	)
	cases := []struct {
		name     string
		alphabet string
		n        int
		max      float64 // the largest share that may stay
	}{
		{"hex", hexl, 8, 0.001}, {"hex", hexl, 12, 0}, {"HEX", hexu, 12, 0}, {"hex", hexl, 32, 0},
		{"base62", b62, 16, 0.005}, {"base62", b62, 20, 0.001}, {"base62", b62, 32, 0},
		{"base64url", b64url, 16, 0.01}, {"base64url", b64url, 22, 0.002}, {"base64url", b64url, 32, 0.0005}, {"base64url", b64url, 43, 0},
		{"base36", b36, 16, 0.005}, {"base36", b36, 25, 0.0005}, {"base36", b36, 32, 0},
		{"base32", b32, 16, 0.0005}, {"base32", b32, 32, 0},
	}
	rng := rand.New(rand.NewPCG(14, 9))
	const samples = 4000
	for _, c := range cases {
		r := NewRedactor(RedactOptions{})
		kept := 0
		b := make([]byte, c.n)
		for range samples {
			for j := range b {
				b[j] = c.alphabet[rng.IntN(len(c.alphabet))]
			}
			if s := string(b); r.segment(s) == s {
				kept++
			}
		}
		if share := float64(kept) / samples; share > c.max {
			t.Errorf("%s of %d characters: %.2f %% stay (at most %.2f %%)", c.name, c.n, 100*share, 100*c.max)
		}
	}
}

// TestRedactHostilePaths redacts testdata/hostile-paths.har, a sign-in whose
// URLs carry secrets in every place a path can be (request URLs, :path,
// Location absolute and relative, Referer, Content-Location, redirect_uri
// and logout_uri, a redirect_uri encoded twice or with an app's own scheme,
// Set-Cookie Path, the cookies' path, _initiator, the page title, a URL
// written with JSON escapes) and in cookie names, in every shape (base64url,
// base62, hex, e-mail addresses, UUIDs, long numbers, a JWT, percent-encoded
// base64, a jsessionid): none survives in any form (as is, URL-encoded,
// JSON-escaped, base64), the routes read as routes, the same value keeps
// its placeholder, and the result redacts to itself.
func TestRedactHostilePaths(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "hostile-paths.har"))
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := canary.Load(filepath.Join("testdata", "hostile-paths.secrets"))
	if err != nil || len(secrets) < 15 {
		t.Fatalf("secrets: %v (%d)", err, len(secrets))
	}
	// A secret is in the capture as written or as its JSON decodes (one
	// entry is written with JSON escapes: \/ and \u0040).
	var v any
	if err := json.Unmarshal(in, &v); err != nil {
		t.Fatal(err)
	}
	var decoded bytes.Buffer
	enc := json.NewEncoder(&decoded)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if len(canary.Find(in, []string{s})) == 0 && len(canary.Find(decoded.Bytes(), []string{s})) == 0 {
			t.Errorf("secret %q is not in the capture: the test would prove nothing", s)
		}
	}
	out := redactToBytes(t, "hostile-paths.har", in, publicOptions)
	for _, f := range canary.Find(out, secrets) {
		t.Errorf("a secret survives: %s", f)
	}
	if again := redactToBytes(t, "again.har", out, publicOptions); !bytes.Equal(out, again) {
		t.Errorf("not idempotent:\n%s", firstDiff(out, again))
	}
	l, es, err := readEntries(bytes.NewReader(out), "out.har", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{l.Pages[0].Title, "https://app.example.com/invite/{token-1}/accept"},
		{es[0].Request.Header("Referer"), "https://mail.example.net/magic-link/{token-2}?utm=redacted-utm-1"},
		{es[0].Request.Header("Cookie"), "wordpress_logged_in_{token-3}=redacted-cookie-1-3b; AMP_{token-4}=redacted-cookie-2-4b; _pk_id.1.{token-5}=redacted-cookie-3-3b"},
		{es[4].Response.Header("Location"), "/invite/{token-1}/accept"},
		{es[4].Response.HeaderValues("Set-Cookie")[1], "invite_ctx=redacted-utm-1-1b; Path=/invite/{token-1}/; Secure; HttpOnly"},
		{es[4].Response.Cookies[0].Path, "/invite/{token-1}/"},
		{es[5].Response.Header("Location"), "/users/{email-1}/profile"},
		{es[5].Response.Header("Set-Cookie"), "CognitoIdentityServiceProvider.{token-6}.{email-2}.idToken=redacted-cookie-6-3b; Path=/; Secure"},
		{es[6].Request.URL, "https://app.example.com/users/{email-1}/profile"},
		{es[6].Response.Header("Content-Location"), "/users/{email-1}/profile"},
		{es[7].Request.URL, "https://app.example.com/api/accounts/{id-1}/transactions/{id-2}"},
		{es[7].Request.Header(":path"), "/api/accounts/{id-1}/transactions/{id-2}"},
		{string(es[8].Extra.Get("_initiator")), `{"type":"script","url":"https://app.example.com/orders/{uuid-1}/view"}`},
		{es[10].Request.URL, "https://app.example.com/t/{jwt-1}/view"},
		{es[15].Request.URL, "https://app.example.com/app;jsessionid={token-12}"},
		{es[16].Request.URL, "https://login.microsoftonline.com/{uuid-2}/oauth2/v2.0/authorize?client_id=abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2F%7Btoken-13%7D&response_type=code&scope=openid"},
		{es[17].Response.Header("Location"), "https://auth.example.auth.eu-west-1.amazoncognito.com/logout?client_id=4l7ubmq0t7mja1b3kqhcr9jmkd&logout_uri=https%3A%2F%2Fapp.example.com%2Fsigned-out%2F%7Btoken-14%7D"},
		{es[19].Request.URL, "https://app.example.com/signed-out/{token-14}"},
		// An app's own scheme in redirect_uri and Location.
		{es[20].Request.URL, "https://auth.example.auth.eu-west-1.amazoncognito.com/oauth2/authorize?client_id=4l7ubmq0t7mja1b3kqhcr9jmkd&redirect_uri=com.example.app%3A%2Fcallback%2F%7Btoken-15%7D&response_type=code"},
		{es[20].Request.QueryString[1].Value, "com.example.app:/callback/{token-15}"},
		{es[20].Response.Header("Location"), "com.example.app:/callback/{token-15}?code=redacted-code-2"},
		{es[20].Response.RedirectURL, "com.example.app:/callback/{token-15}?code=redacted-code-2"},
		// A redirect_uri encoded twice.
		{es[21].Request.URL, "https://app.example.com/oauth2/start?redirect_uri=https%253A%252F%252Fapp.example.com%252Finvite%252F%257Btoken-16%257D%252Faccept"},
		{es[21].Request.QueryString[0].Value, "https%3A%2F%2Fapp.example.com%2Finvite%2F%7Btoken-16%7D%2Faccept"},
		// A URL written with JSON escapes.
		{es[22].Request.URL, "https://app.example.com/users/{email-3}/settings"},
		{es[22].Request.Header("Referer"), "https://app.example.com/invite/{token-16}/accept"},
	} {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}

// TestRedactStats: the counts the import summary shows.
func TestRedactStats(t *testing.T) {
	r := NewRedactor(RedactOptions{})
	for _, u := range []string{"https://a/api/accounts/123456789/x/987654321", "https://a/api/accounts/123456789", "https://a/ok/route"} {
		e := &Entry{Request: Request{URL: u, Headers: []NameValue{{Name: "Referer", Value: "https://a/u/alice@example.com"}, {Name: "Cookie", Value: "AMP_5e6f7a8b9c=1; AMP_5e6f7a8b9c=2; _ga=3"}}}}
		r.Entry(e)
	}
	if got, want := r.Stats(), (RedactStats{PathValues: 3, PathRequests: 2, CookieNames: 1}); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
}

func TestNameFamily(t *testing.T) {
	for in, want := range map[string]string{
		"_ga_{token-2}":             "_ga_{token-N}",
		"_ga_{token-13}":            "_ga_{token-N}",
		"CIP.{token-1}.{email-2}":   "CIP.{token-N}.{email-N}",
		"AWSELBAuthSessionCookie-0": "",
		"x{y}":                      "",
		"{id-0}":                    "", // not a placeholder: numbers start at 1
	} {
		got, ok := NameFamily(in)
		if want == "" {
			if ok || got != in {
				t.Errorf("NameFamily(%q) = %q, %v; want it unchanged", in, got, ok)
			}
		} else if !ok || got != want {
			t.Errorf("NameFamily(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestPlaceholdersAlignAcrossCaptures: the same flow recorded twice, with
// other ids and tokens of the same shapes in its paths, redacts to the same
// bytes, so that two captures compare route by route (seqdoc diff).
func TestPlaceholdersAlignAcrossCaptures(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "hostile-paths.har"))
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := canary.Load(filepath.Join("testdata", "hostile-paths.secrets"))
	if err != nil {
		t.Fatal(err)
	}
	// other turns a value into another of its shape: each character into
	// the next of its class (0-9, a-f, g-z, A-F, G-Z), a JWT's "eyJ" kept.
	other := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if strings.HasPrefix(s, "eyJ") && i < 3 {
				continue
			}
			for _, cl := range []string{"0123456789", "abcdef", "ghijklmnopqrstuvwxyz", "ABCDEF", "GHIJKLMNOPQRSTUVWXYZ"} {
				if j := strings.IndexByte(cl, c); j >= 0 {
					b[i] = cl[(j+1)%len(cl)]
					break
				}
			}
		}
		return string(b)
	}
	var pairs []string
	for _, s := range secrets {
		pairs = append(pairs, s, other(s))
		if q := url.QueryEscape(s); q != s {
			pairs = append(pairs, q, url.QueryEscape(other(s)))
		}
	}
	again := []byte(strings.NewReplacer(pairs...).Replace(string(in)))
	if bytes.Equal(in, again) {
		t.Fatal("the second capture is the first")
	}
	a := redactToBytes(t, "first.har", in, publicOptions)
	b := redactToBytes(t, "second.har", again, publicOptions)
	if !bytes.Equal(a, b) {
		t.Errorf("two captures of one flow redact differently:\n%s", firstDiff(a, b))
	}
}

// TestSecretName: names that hold a key or token are told from long real
// names (the latter from the names of 538 captures: the repository's, the
// shared corpus and 176 public HAR files).
func TestSecretName(t *testing.T) {
	for _, n := range []string{
		"AKIAIOSFODNN7EXAMPLE", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
		"AIzaSyA-1234567890abcdefghijklmnopqrstu", "X-Key-9f86d081884c7d659a2feaa0c55ad015", "xKqPzLmNvBtRwYsDqW",
		"qwrtzpsdfghjklxcvbnm", hostileJWT,
	} {
		if !secretName(n) {
			t.Errorf("secretName(%q) = false, want true", n)
		}
	}
	for _, n := range []string{
		"csrfToken", "cd12", "client_id", "X-Amzn-Oidc-Accesstoken", "AspxAutoDetectCookieSupport", "isSeparateFormTemplateFromData",
		"__VIEWSTATEGENERATOR", "includeDeletedItemsInResponse", "g-recaptcha-response", "AWSELBAuthSessionCookie-0",
		"Sec-Fetch-Dest", "x-correlation-id", "XMLHttpRequestUpload", "user[email]",
	} {
		if secretName(n) {
			t.Errorf("secretName(%q) = true, want false", n)
		}
	}
}
