package authflow

import (
	"net/url"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// Bug 4 of issue 15: one source each for the application session cookies,
// the OAuth error codes and the AWS steps' forms.

// TestOneListOfAppSessionCookies: the knowledge base's "application session
// cookie" and the cookie-attributes finding read one list
// (isAppSessionCookie): every name of it is explained (express.sid and
// koa.sess were in the finding's list only), and a name the knowledge base
// calls an application session cookie is one the finding checks.
func TestOneListOfAppSessionCookies(t *testing.T) {
	names := []string{"_myapp_session", "ASPSESSIONIDQQGGGNCG", "PHPSESSID"}
	for n := range appSessionCookies {
		names = append(names, n)
	}
	for _, n := range names {
		k, ok := Lookup("cookie", n)
		if !ok || (k.Name != "application session cookie" && k.Name != "JSESSIONID") {
			t.Errorf("%s: the knowledge base says %q (%v), want the application session cookie", n, k.Name, ok)
		}
		if !isAppSessionCookie(n) {
			t.Errorf("%s: not an application session cookie for the cookie-attributes finding", n)
		}
	}
	for _, n := range []string{"AWSALB", "cognito", "XSRF-TOKEN", "_ga", "sessionidx"} {
		if k, ok := Lookup("cookie", n); ok && k.Name == "application session cookie" || isAppSessionCookie(n) {
			t.Errorf("%s: taken for an application session cookie", n)
		}
	}
	// The finding fires for one the knowledge base learnt from the list.
	e := &har.Entry{Request: har.Request{Method: "GET", URL: "https://app.example.com/"},
		Response: har.Response{Status: 200, Headers: []har.NameValue{{Name: "Server", Value: "awselb/2.0"},
			{Name: "Set-Cookie", Value: "koa.sess=abc; Path=/"}}}}
	f := Classify(nil, []*har.Entry{e})
	if !strings.Contains(findingMsg(f, CodeCookieAttributes), "koa.sess without Secure and HttpOnly") {
		t.Errorf("cookie-attributes for koa.sess: %v", f.Findings)
	}
}

// TestOneRuleForOAuthErrorCodes: the codes idp-error explains are the ones
// the redactor keeps (oauthErrorCode, the one rule both read); a redacted
// value is never taken for a code.
func TestOneRuleForOAuthErrorCodes(t *testing.T) {
	for code := range idpErrorAdvice {
		if oauthErrorCode(code) != code || !publicValue("error", code) {
			t.Errorf("%s: explained by idp-error, yet not an OAuth error code to the redactor", code)
		}
		u := "https://auth.example.com/error?error=" + code
		e := &har.Entry{Request: har.Request{Method: "GET", URL: u, QueryString: []har.NameValue{{Name: "error", Value: code}}}}
		har.NewRedactor(RedactOptions(nil)).Entry(e)
		if got, _ := url.Parse(e.Request.URL); got.Query().Get("error") != code {
			t.Errorf("%s: redacted to %s", code, e.Request.URL)
		}
		if o := observe(e); o.oauthErr != code {
			t.Errorf("%s: the classifier reads %q", code, o.oauthErr)
		}
	}
	if oauthErrorCode("redacted-error-1") != "" {
		t.Error("a placeholder taken for an OAuth error code")
	}
}
