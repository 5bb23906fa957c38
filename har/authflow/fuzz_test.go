package authflow

import (
	"bytes"
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
// with one entry out per entry in, and the diagram stays consistent.
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
