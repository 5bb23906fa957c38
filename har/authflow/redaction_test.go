package authflow

import (
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// TestRedactKeepsOAuthErrorCodes: an OAuth `error` code such as
// redirect_mismatch is public (findings name it), but an `error` value that is
// not such a code, and `error_description`, stay secrets.
func TestRedactKeepsOAuthErrorCodes(t *testing.T) {
	cases := []struct {
		url, want, notWant string
	}{
		{"https://auth.example.com/error?error=redirect_mismatch&client_id=c", "error=redirect_mismatch", ""},
		{"https://app.example.com/cb?error=access_denied&error_description=User+alice%40example.com+denied", "error=access_denied", "alice"},
		{"https://app.example.com/cb?error=SECRET-Token.123", "", "SECRET"},
		{"https://app.example.com/cb?error=a%20secret%20sentence", "", "secret"},
		{"https://app.example.com/cb?error=_private_", "", "private"},
	}
	for _, c := range cases {
		e := &har.Entry{Request: har.Request{Method: "GET", URL: c.url, QueryString: queryOf(c.url)}}
		har.NewRedactor(RedactOptions(nil)).Entry(e)
		for _, got := range []string{e.Request.URL, e.Request.QueryString[0].Name + "=" + e.Request.QueryString[0].Value} {
			if c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("%s: redacted to %q, want it to keep %q", c.url, got, c.want)
			}
		}
		for _, got := range []string{e.Request.URL, e.Request.QueryString[0].Value} {
			if c.notWant != "" && strings.Contains(got, c.notWant) {
				t.Errorf("%s: redacted to %q, which still holds %q", c.url, got, c.notWant)
			}
		}
	}
}

// TestRedactPublicParams: the values of docs/contract.md's public parameters stay
// (Cognito's and the OIDC ones), the secrets it names go, and --keep-param
// adds one.
func TestRedactPublicParams(t *testing.T) {
	u := "https://idp.example.com/authorize?client_id=c1&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth2%2Fidpresponse" +
		"&response_type=code&scope=openid&prompt=login&response_mode=query&code_challenge_method=S256&ui_locales=de" +
		"&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fbye&state=S3CRET&nonce=N0NCE&login_hint=alice&code_challenge=CH4LL&username=bob"
	for _, tc := range []struct {
		keep     []string
		kept     []string
		redacted []string
	}{
		{nil,
			[]string{"client_id=c1", "response_type=code", "scope=openid", "prompt=login", "response_mode=query", "code_challenge_method=S256", "ui_locales=de",
				"redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth2%2Fidpresponse", "post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fbye"},
			[]string{"S3CRET", "N0NCE", "alice", "CH4LL", "bob"}},
		{[]string{"Username"}, []string{"username=bob"}, []string{"S3CRET", "alice"}},
	} {
		e := &har.Entry{Request: har.Request{Method: "GET", URL: u}}
		har.NewRedactor(RedactOptions(tc.keep)).Entry(e)
		for _, k := range tc.kept {
			if !strings.Contains(e.Request.URL, k) {
				t.Errorf("keep %v: %s lost %s", tc.keep, e.Request.URL, k)
			}
		}
		for _, s := range tc.redacted {
			if strings.Contains(e.Request.URL, s) {
				t.Errorf("keep %v: %s still holds %s", tc.keep, e.Request.URL, s)
			}
		}
	}
}

func TestOAuthErrorCode(t *testing.T) {
	for v, want := range map[string]string{
		"redirect_mismatch": "redirect_mismatch",
		"wrong":             "wrong",
		"redacted-error-1":  "", // a placeholder: the value was a secret
		"Bad Thing":         "",
		"_leading":          "",
		"x":                 "",
		"":                  "",
	} {
		if got := oauthErrorCode(v); got != want {
			t.Errorf("oauthErrorCode(%q) = %q, want %q", v, got, want)
		}
	}
}

func queryOf(u string) []har.NameValue {
	var out []har.NameValue
	_, q, _ := strings.Cut(u, "?")
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		out = append(out, har.NameValue{Name: k, Value: strings.ReplaceAll(v, "+", " ")})
	}
	return out
}
