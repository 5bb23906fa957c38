package har

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// canaryForms are the ways a secret could show up in a written file.
func canaryForms(c string) map[string]string {
	js := string(appendString(nil, c))
	return map[string]string{
		"exact":         c,
		"url-encoded":   url.QueryEscape(c),
		"path-encoded":  url.PathEscape(c),
		"json-escaped":  js[1 : len(js)-1],
		"base64":        base64.StdEncoding.EncodeToString([]byte(c)),
		"base64url":     base64.URLEncoding.EncodeToString([]byte(c)),
		"base64-nopad":  base64.RawStdEncoding.EncodeToString([]byte(c)),
		"base64url-raw": base64.RawURLEncoding.EncodeToString([]byte(c)),
	}
}

// assertNoCanary fails when any form of any canary occurs in out.
func assertNoCanary(t *testing.T, what string, out []byte, canaries []string) {
	t.Helper()
	for _, c := range canaries {
		if len(c) < 6 {
			continue // too short to mean anything
		}
		for form, s := range canaryForms(c) {
			if i := bytes.Index(out, []byte(s)); i >= 0 {
				lo, hi := max(0, i-80), min(len(out), i+len(s)+40)
				t.Errorf("%s: canary %.40q (%s) survives: …%s…", what, c, form, out[lo:hi])
			}
		}
	}
}

func loadCanaries(t *testing.T, labels string) []string {
	t.Helper()
	data, err := os.ReadFile(labels)
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Canaries []string `json:"canaries"`
	}
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Canaries) == 0 {
		t.Fatalf("%s has no canaries", labels)
	}
	return l.Canaries
}

// redactToBytes reads, redacts and writes a capture as import does.
func redactToBytes(t *testing.T, name string, in []byte, opts RedactOptions) []byte {
	t.Helper()
	rd, err := NewReader(bytes.NewReader(in), name, ReadOptions{KeepBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	red := NewRedactor(opts)
	var out bytes.Buffer
	w := NewWriter(&out)
	for {
		e, err := rd.Next()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatal(err)
		}
		if e.Index == 0 {
			red.Log(rd.Log())
		}
		red.Entry(e)
		if err := w.WriteEntry(rd.Log(), e); err != nil {
			t.Fatal(err)
		}
	}
	red.Log(rd.Log())
	if err := w.Close(rd.Log()); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestRedactCanaries(t *testing.T) {
	dir := fixtureDir(t, "har-browser")
	labels, _ := filepath.Glob(filepath.Join(dir, "*.labels.json"))
	if len(labels) == 0 {
		t.Skip("no labels in " + dir)
	}
	for _, lf := range labels {
		harPath := strings.TrimSuffix(lf, ".labels.json") + ".har"
		t.Run(filepath.Base(harPath), func(t *testing.T) {
			canaries := loadCanaries(t, lf)
			in, err := os.ReadFile(harPath)
			if err != nil {
				t.Fatal(err)
			}
			// The canaries are there to begin with (else the test proves nothing).
			found := 0
			for _, c := range canaries {
				if bytes.Contains(in, []byte(c)) {
					found++
				}
			}
			if found == 0 {
				t.Fatalf("no canary occurs in %s itself", harPath)
			}
			out := redactToBytes(t, harPath, in, publicOptions)
			assertNoCanary(t, "redacted capture", out, canaries)
			if !json.Valid(out) {
				t.Fatal("the redacted capture is not valid JSON")
			}
			// Idempotent: redacting the output again changes nothing.
			again := redactToBytes(t, "again.har", out, publicOptions)
			if !bytes.Equal(out, again) {
				t.Errorf("redaction is not idempotent:\n%s", firstDiff(out, again))
			}
			// Deterministic.
			if twice := redactToBytes(t, harPath, in, publicOptions); !bytes.Equal(out, twice) {
				t.Error("redacting the same capture twice gave different bytes")
			}
		})
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

// TestRedactRealJWTs feeds the JWTs of the labelled captures (they sit in
// response bodies there) to the header, cookie and query redaction: not
// even a 20-character piece of any canary survives.
func TestRedactRealJWTs(t *testing.T) {
	dir := fixtureDir(t, "har-browser")
	labels, _ := filepath.Glob(filepath.Join(dir, "*.labels.json"))
	n := 0
	for _, lf := range labels {
		canaries := loadCanaries(t, lf)
		for _, c := range canaries {
			if !strings.HasPrefix(c, "eyJ") || strings.Count(c, ".") < 2 {
				continue
			}
			n++
			r := NewRedactor(publicOptions)
			outs := []string{
				r.header("x-amzn-oidc-data", c),
				r.header("Authorization", "Bearer "+c),
				r.cookieHeader("token=" + c),
				r.URL("https://app.example.com/cb#id_token=" + c + "&state=x"),
			}
			for _, out := range outs {
				for _, cc := range canaries {
					// The claim names and iss/exp/iat stay by design, and
					// base64 pieces of them may line up with the original
					// payload's: look for whole segments there, and for any
					// piece of a signature or of a value that is no JWT.
					pieces := cc
					if segs := strings.Split(cc, "."); strings.HasPrefix(cc, "eyJ") {
						for _, seg := range segs {
							if len(seg) >= 20 && strings.Contains(out, seg) {
								t.Errorf("%s: a whole JWT segment survives in %.60s…", filepath.Base(lf), out)
							}
						}
						pieces = ""
						if len(segs) > 1 {
							pieces = segs[len(segs)-1] // the signature
						}
					}
					for i := 0; i+20 <= len(pieces); i += 5 {
						if piece := pieces[i : i+20]; strings.Contains(out, piece) {
							t.Errorf("%s: a piece of a canary (%s) survives in %.60s…", filepath.Base(lf), piece, out)
							break
						}
					}
				}
			}
			if jwe := strings.Count(c, ".") == 4; jwe && !IsPlaceholder(outs[0]) || !jwe && !strings.HasSuffix(outs[0], ".redacted") {
				t.Errorf("a JWT header value lost its shape: %.60s", outs[0])
			}
		}
	}
	if n == 0 {
		t.Skip("no JWT among the canaries")
	}
}

// TestRedactBrowserFailure: the browser's own words for a failure (a net
// error, why CORS blocked a request) stay; anything else in those fields is
// a secret.
func TestRedactBrowserFailure(t *testing.T) {
	e := &Entry{}
	e.Extra = Extensions{{Name: "_failureText", Value: RawJSON(`"net::ERR_FAILED"`)}}
	e.Response.Extra = Extensions{
		{Name: "_error", Value: RawJSON(`"net::ERR_FAILED"`)},
		{Name: "_corsError", Value: RawJSON(`"MissingAllowOriginHeader"`)},
		{Name: "_blockedReason", Value: RawJSON(`"https://idp.example/cb?code=SECRETCODE"`)},
	}
	NewRedactor(RedactOptions{}).Entry(e)
	if got := e.Extra.String("_failureText"); got != "net::ERR_FAILED" {
		t.Errorf("_failureText: %q", got)
	}
	if got := e.Response.Extra.String("_corsError"); got != "MissingAllowOriginHeader" {
		t.Errorf("_corsError: %q", got)
	}
	if got := e.Response.Extra.String("_blockedReason"); strings.Contains(got, "SECRETCODE") {
		t.Errorf("_blockedReason kept a secret: %q", got)
	}
}
