package authflow

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

func glossaryRow(rows []GlossaryRow, name string) (GlossaryRow, bool) {
	for _, r := range rows {
		if r.Name == name {
			return r, true
		}
	}
	return GlossaryRow{}, false
}

func TestKnowledgeBase(t *testing.T) {
	want := []string{"AWSELBAuthSessionCookie-N", "AWSALBAuthNonce", "AWSALB", "AWSALBCORS", "AWSALBAPP-N", "AWSALBTG",
		"AWSALBTGCORS", "XSRF-TOKEN", "csrf-state", "csrf-state-legacy", "cognito", "cognito-fl", "lang", "page-data",
		"JSESSIONID", "X-Amzn-Oidc-Accesstoken", "X-Amzn-Oidc-Identity", "X-Amzn-Oidc-Data"}
	kb := KnowledgeBase()
	for _, n := range want {
		found := false
		for _, k := range kb {
			if k.Name == n {
				found = true
				if k.Meaning == "" || k.SetBy == "" || k.Lifetime == "" || k.ClearedBy == "" {
					t.Errorf("%s: incomplete entry %+v", n, k)
				}
				if strings.HasPrefix(n, "AWS") && !strings.HasPrefix(k.DocURL, "https://") {
					t.Errorf("%s: no AWS document", n)
				}
				if strings.HasPrefix(n, "X-Amzn-Oidc") && (k.Observable || k.Type != "header") {
					t.Errorf("%s must be a header a browser capture never shows", n)
				}
			}
		}
		if !found {
			t.Errorf("knowledge base lacks %s", n)
		}
	}
	for name, want := range map[string]string{
		"AWSELBAuthSessionCookie-3": "AWSELBAuthSessionCookie-N", "AWSALBAPP-1": "AWSALBAPP-N",
		"PHPSESSID": "application session cookie", "_myapp_session": "application session cookie",
	} {
		if k, ok := Lookup("cookie", name); !ok || k.Name != want {
			t.Errorf("Lookup(%s) = %q, %v; want %q", name, k.Name, ok, want)
		}
	}
	if _, ok := Lookup("cookie", "tracking_id"); ok {
		t.Error("an unknown cookie was found in the knowledge base")
	}
}

func TestGlossary(t *testing.T) {
	f := classifyFile(t, filepath.Join(genDir, "u1-sharded-session.har"))
	rows := Glossary(f)
	s, ok := glossaryRow(rows, "AWSELBAuthSessionCookie-N")
	if !ok || !s.Seen || !strings.Contains(s.InCapture, "3 shards") || !strings.Contains(s.InCapture, "expired by") {
		t.Errorf("session cookie row: %+v", s)
	}
	for _, h := range oidcHeaders {
		r, ok := glossaryRow(rows, h)
		if !ok || r.Seen || !strings.Contains(r.InCapture, "never in a browser capture") {
			t.Errorf("%s row: %+v", h, r)
		}
	}
	// An unknown cookie of a federated IdP: set by it, with what the capture shows.
	fed := Glossary(classifyFile(t, filepath.Join(genDir, "u4-federated-idp.har")))
	if r, ok := glossaryRow(fed, "corp_sso"); !ok || r.Known || !strings.Contains(r.SetBy, "federated IdP (login.corp-idp.example.net)") || !strings.Contains(r.InCapture, "set by #") {
		t.Errorf("unknown cookie row: %+v", r)
	}
	// Sanitized: the core cookies are listed as not visible.
	san := Glossary(classifyFile(t, filepath.Join(genDir, "u1-sharded-session.sanitized.har")))
	if r, ok := glossaryRow(san, "AWSELBAuthSessionCookie-N"); !ok || r.Seen || !strings.Contains(r.InCapture, "sanitized") {
		t.Errorf("sanitized session cookie row: %+v", r)
	}
	if r, ok := glossaryRow(san, "x-amz-cognito-request-id"); !ok || !r.Seen {
		t.Errorf("sanitized x-amz-cognito-request-id row: %+v", r)
	}
}

func TestCustomSessionCookieName(t *testing.T) {
	f := classifyFile(t, filepath.Join(genDir, "f-custom-cookie-name.har"))
	var found bool
	for _, c := range f.Cookies {
		if c.Name == "shop-auth-session" {
			found = true
			if !c.ALBSession || len(c.Shards) != 2 || !c.AllShardsExpired || c.OutlivedLogout {
				t.Errorf("custom session cookie: %+v", c)
			}
		}
	}
	if !found {
		t.Fatal("the custom-named session cookie was not grouped")
	}
	if r, ok := glossaryRow(Glossary(f), "shop-auth-session-N"); !ok || !r.Known || r.DocURL != DocALBAuth {
		t.Errorf("glossary row: %+v", r)
	}
}

// TestCookieFamily: cookies whose names carried a value (one correlation
// cookie per sign-in attempt, as ASP.NET's OpenID Connect handler sets)
// are one cookie of the flow, named by their family, in the cookie list
// and the glossary; a name without a value stays a cookie of its own.
func TestCookieFamily(t *testing.T) {
	entry := func(i int, url, setCookie string) *har.Entry {
		return &har.Entry{Index: i, StartedDateTime: "2026-01-01T00:00:0" + strconv.Itoa(i) + "Z",
			Request:  har.Request{Method: "GET", URL: url},
			Response: har.Response{Status: 302, Headers: []har.NameValue{{Name: "Set-Cookie", Value: setCookie}, {Name: "Location", Value: "https://app.example.com/"}}}}
	}
	entries := []*har.Entry{
		entry(0, "https://app.example.com/signin", ".AspNetCore.Correlation.n7Kq_3rT-x9LmB2vYcZ8wQpJdF4sHa6uE1iG0oRtNkM=N; Path=/signin-oidc; Secure; HttpOnly"),
		entry(1, "https://app.example.com/signin", ".AspNetCore.Correlation.Qm9ndXNTaWduYXR1cmVGb3JQYXRoVGVzdHMxMjM0NTY=N; Path=/signin-oidc; Secure; HttpOnly"),
		entry(2, "https://app.example.com/", "_ga=GA1.1.123; Path=/"),
	}
	har.Redact(nil, entries, RedactOptions(nil))
	f := Classify(nil, entries)
	var names []string
	for _, c := range f.Cookies {
		names = append(names, c.Name)
		if c.Name == ".AspNetCore.Correlation.{token-N}" && (len(c.Shards) != 2 || c.Shards[0] != ".AspNetCore.Correlation.{token-1}" || len(c.SetBy) != 2) {
			t.Errorf("family: %+v", c)
		}
	}
	if strings.Join(names, " ") != ".AspNetCore.Correlation.{token-N} _ga" && strings.Join(names, " ") != "_ga .AspNetCore.Correlation.{token-N}" {
		t.Errorf("cookies %q, want the family and _ga", names)
	}
	r, ok := glossaryRow(Glossary(f), ".AspNetCore.Correlation.{token-N}")
	if !ok || !strings.Contains(r.InCapture, "2 cookies of this family (.AspNetCore.Correlation.{token-1}, .AspNetCore.Correlation.{token-2})") {
		t.Errorf("glossary row: %+v", r)
	}
}
