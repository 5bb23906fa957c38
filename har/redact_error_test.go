package har

import (
	"strings"
	"testing"
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
	}
	for _, c := range cases {
		e := &Entry{Request: Request{Method: "GET", URL: c.url, QueryString: queryOf(c.url)}}
		r := NewRedactor(RedactOptions{})
		r.Entry(e)
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

func queryOf(u string) []NameValue {
	var out []NameValue
	_, q, _ := strings.Cut(u, "?")
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		out = append(out, NameValue{Name: k, Value: strings.ReplaceAll(v, "+", " ")})
	}
	return out
}
