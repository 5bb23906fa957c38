package site

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// standinCaptures are the stand-in's scenarios recorded by seqdoc record,
// in the repository.
const standinCaptures = "../internal/standin/testdata/captures"

func readStandin(t *testing.T, scenario string) *capture.Capture {
	t.Helper()
	src, err := capture.Open(context.Background(), filepath.Join(standinCaptures, scenario, "capture.har"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	c, err := capture.Read(context.Background(), src, capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSummarizeStandinCaptures: the starter page's title says what each
// recorded scenario shows, from its classification: a rejected password
// and no sign-out, an expired session, a failed callback, the top finding.
func TestSummarizeStandinCaptures(t *testing.T) {
	for _, tc := range []struct{ scenario, title, desc string }{
		{"happy", "app.example.com: sign-in, then sign-out", "sign-in, then sign-out. No findings."},
		{"wrong-password", "app.example.com: a rejected sign-in, then sign-in", "a rejected sign-in, then sign-in; no sign-out. Finding: a rejected sign-in (login-failed, info)."},
		{"logout-keeps-alb-session", "app.example.com: sign-in, then sign-out — the logout keeps the ALB session", "(logout-keeps-alb-session, error)"},
		{"xhr-auth-redirect", "app.example.com: sign-in, then an expired session", "; no sign-out. Finding: an API call sent to sign in (xhr-auth-redirect, error)."},
		{"callback-500", "app.example.com: a sign-in that failed at the callback (500)", "(callback-500, error)"},
		{"idp-error", "app.example.com: a sign-in stopped by an IdP error", "(idp-error, error)"},
		{"sharded-session", "app.example.com: sign-in, then sign-out — a sharded session cookie", "(session-cookie-sharded, warning)"},
		{"silent-reauth", "app.example.com: sign-in, then sign-out, then sign-in — signed in again without a sign-in page", "(silent-reauth, warning)"},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			s := Summarize(readStandin(t, tc.scenario))
			if s.Title != tc.title {
				t.Errorf("title %q\n        want %q", s.Title, tc.title)
			}
			d := s.Description("capture.har")
			if !strings.HasPrefix(d, "app.example.com, behind an AWS ALB with Amazon Cognito, recorded in capture.har: ") || !strings.Contains(d, tc.desc) {
				t.Errorf("description %q\n    want it to hold %q", d, tc.desc)
			}
		})
	}
}

// TestStarterPagesDiffer: three imports of one application, a clean
// sign-in, a rejected password without sign-out and a logout that keeps the
// session, get three different titles and descriptions (they were all
// "app.example.com sign-in", "sign-in and sign-out").
func TestStarterPagesDiffer(t *testing.T) {
	seen := map[string]string{}
	for _, sc := range []string{"happy", "wrong-password", "logout-keeps-alb-session"} {
		page, err := StarterPage(readStandin(t, sc), "")
		if err != nil {
			t.Fatal(err)
		}
		fm := strings.SplitN(string(page), "---\n", 3)[1]
		for _, line := range strings.Split(strings.TrimSpace(fm), "\n") {
			if other, ok := seen[line]; ok {
				t.Errorf("%s and %s share %q", other, sc, line)
			}
			seen[line] = sc
		}
		if sc == "wrong-password" && (strings.Contains(fm, "sign-out,") || !strings.Contains(fm, "no sign-out")) {
			t.Errorf("the wrong password's page (no sign-out in the capture) says:\n%s", fm)
		}
	}
}

// TestFindingPhrases: every finding code has its words for a title.
func TestFindingPhrases(t *testing.T) {
	for _, c := range authflow.Codes() {
		if findingPhrase[c] == "" {
			t.Errorf("no title phrase for %s", c)
		}
	}
}
