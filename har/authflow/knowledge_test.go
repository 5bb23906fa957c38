package authflow

import (
	"path/filepath"
	"strings"
	"testing"
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
	if r, ok := glossaryRow(fed, "corp_sso"); !ok || r.Known || !strings.Contains(r.SetBy, "Federated IdP") || !strings.Contains(r.InCapture, "set by #") {
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
