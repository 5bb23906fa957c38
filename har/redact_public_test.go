package har

import (
	"strings"
	"testing"
)

// publicOptions stand for what a caller that knows a protocol passes
// (package authflow: authflow.RedactOptions, whose own tests check its
// list); package har itself knows no parameter to be public.
var publicOptions = RedactOptions{
	PublicParams: []string{"client_id", "redirect_uri", "response_type", "scope", "logout_uri", "identity_provider", "lang"},
	PublicValue:  func(param, value string) bool { return param == "error" && value == "redirect_mismatch" },
}

// TestRedactPublicFromCaller: without options every parameter value is a
// secret; PublicParams keeps the values of the parameters it names
// (without regard to case) in URLs, query lists and forms; PublicValue is
// asked about each value of the others.
func TestRedactPublicFromCaller(t *testing.T) {
	const u = "https://idp.example.com/authorize?Client_ID=c1&scope=openid&error=redirect_mismatch&state=S1"
	cases := []struct {
		opts       RedactOptions
		kept, gone []string
	}{
		{RedactOptions{}, nil, []string{"c1", "openid", "redirect_mismatch", "S1"}},
		{RedactOptions{PublicParams: []string{"client_id"}}, []string{"Client_ID=c1"}, []string{"openid", "redirect_mismatch", "S1"}},
		{publicOptions, []string{"Client_ID=c1", "scope=openid", "error=redirect_mismatch"}, []string{"S1"}},
	}
	for i, c := range cases {
		e := &Entry{Request: Request{Method: "GET", URL: u, QueryString: []NameValue{{Name: "scope", Value: "openid"}, {Name: "state", Value: "S1"}},
			PostData: &PostData{MimeType: "application/x-www-form-urlencoded", Text: "scope=openid&state=S1"}}}
		NewRedactor(c.opts).Entry(e)
		all := e.Request.URL + " " + e.Request.QueryString[0].Value + " " + e.Request.QueryString[1].Value + " " + e.Request.PostData.Text
		for _, k := range c.kept {
			if !strings.Contains(all, k) {
				t.Errorf("case %d: %q lost %s", i, all, k)
			}
		}
		for _, g := range c.gone {
			if strings.Contains(all, g) {
				t.Errorf("case %d: %q still holds %s", i, all, g)
			}
		}
	}
}
