package authflow

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/har"
)

// FuzzClassify: any capture the reader accepts classifies without a panic,
// with one entry out per entry in, and the diagram stays consistent; every
// finding has a severity and names entries of the capture. Seeded also with
// issue 9's shapes: each exporter's quirks as the capture kit writes them
// (chrome-har's moved headers, a proxy's CONNECT and background requests,
// Firefox, Safari, unsorted, service-worker copies), a capture that starts
// late, an empty one, and an OIDC IdP (Keycloak) from the unseen corpus.
func FuzzClassify(f *testing.F) {
	for _, p := range []string{"f-idp-error.sanitized.har", "f-callback-401.har", "f-redirect-loop.har"} {
		if b, err := os.ReadFile(filepath.Join(genDir, p)); err == nil {
			f.Add(b)
		}
	}
	for _, p := range []string{"i24-invalid-scope-401.har", "i14-redirect-mismatch.sanitized.har"} {
		if b, err := os.ReadFile(filepath.Join(independentDir, p)); err == nil {
			f.Add(b)
		}
	}
	if b, err := os.ReadFile(filepath.Join(sharedDir, "fixtures", "har-browser", "b-wrong-password.har")); err == nil {
		f.Add(b)
	}
	seedKit := func(b []byte, _ ...any) { f.Add(b) }
	seedKit(newKit(cognitoScript()...).chromeHAR())
	seedKit(newKit(cognitoScript()...).firefox())
	seedKit(newKit(cognitoScript()...).safari())
	seedKit(newKit(cognitoScript()...).unsorted())
	seedKit(newKit(cognitoScript()[4:]...).devtools())
	proxy := cognitoScript()
	proxy = append(proxy, kx{m: "POST", u: "https://accounts.google.com/ListAccounts?gpsia=1", st: 200, dest: "empty", site: "none", bg: true, kind: KindOther})
	seedKit(newKit(proxy...).proxy())
	sw := cognitoScript()
	sw[9].sw = true
	seedKit(newKit(sw...).devtools())
	f.Add([]byte(`{"log":{"version":"1.2","entries":[]}}`))
	for _, p := range []string{"o04-keycloak.playwright.sanitized.har.gz", "n01-no-preserve-log-starts-at-idp-post.devtools.har.gz"} {
		if zf, err := os.Open(filepath.Join("testdata", "unseen", p)); err == nil {
			if zr, err := gzip.NewReader(zf); err == nil {
				if b, err := io.ReadAll(zr); err == nil {
					f.Add(b)
				}
			}
			zf.Close()
		}
	}
	f.Add([]byte(`{"log":{"entries":[{"request":{"method":"GET","url":"https://a/oauth2/idpresponse?code=1"},"response":{"status":302,"headers":[{"name":"Location","value":"//b/oauth2/authorize?redirect_uri=https%3A%2F%2Fa%2Foauth2%2Fidpresponse&client_id=x"},{"name":"Set-Cookie","value":"AWSELBAuthSessionCookie-7=; Max-Age=-1"}]}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := har.NewReader(bytes.NewReader(data), "fuzz.har", har.ReadOptions{})
		if err != nil {
			return
		}
		red := har.NewRedactor(RedactOptions(nil))
		c := NewClassifier(nil)
		n := 0
		for {
			e, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return
			}
			red.Entry(e)
			c.Add(e)
			n++
		}
		fl := c.Flow()
		if len(fl.Entries) != n {
			t.Fatalf("%d entries in, %d out", n, len(fl.Entries))
		}
		for _, e := range fl.Entries {
			if e.Kind == "" || e.Phase == "" || e.Steps == nil || e.HiddenSteps == nil {
				t.Fatalf("entry %d incomplete: %+v", e.Index, e)
			}
		}
		for _, x := range fl.Findings {
			if x.Severity == "" || x.Entries == nil {
				t.Fatalf("finding %s without severity or entries: %+v", x.Code, x)
			}
			for _, i := range x.Entries {
				if i < 0 || i >= n {
					t.Fatalf("finding %s names entry %d of %d", x.Code, i, n)
				}
			}
		}
		if err := fl.Diagram(DiagramOptions{}).Validate(); err != nil {
			t.Fatal(err)
		}
		Glossary(fl)
		var sb strings.Builder
		WriteTable(&sb, "fuzz.har", fl)
	})
}

// FuzzParseSetCookie: any Set-Cookie line parses or is refused, never panics.
func FuzzParseSetCookie(f *testing.F) {
	for _, s := range []string{
		"AWSELBAuthSessionCookie-0=abc; Path=/; Secure; HttpOnly",
		`cognito=""; Version=1; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT`,
		"a=b; Max-Age=99999999999999999999; Expires=garbage; SameSite",
	} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, line string) {
		sc, ok := parseSetCookie(line, now)
		if ok && sc.name == "" {
			t.Fatal("accepted a cookie without a name")
		}
	})
}
