package record

import (
	"bytes"
	"flag"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/standin"
)

var allScenarios = flag.Bool("all-scenarios", false, "record every stand-in scenario (slow), not only the ones of the acceptance")

// quickScenarios run in every `go test`: sign-in, app, sign-out; a wrong
// password; the built-in sign-in on managed login.
var quickScenarios = []string{"happy", "wrong-password", "managed-login"}

// checkCapture compares a recorded capture with the stand-in's truth:
// every entry's kind, phase and steps, the findings, and each hop's own
// Location and Set-Cookie names.
func checkCapture(t *testing.T, sc standin.Scenario, c *Capture, s *standin.StandIn) {
	t.Helper()
	labels := s.Labels(sc, c.Entries)
	if labels.Unmatched != 0 || len(labels.ServedButNotInHAR) != 0 {
		t.Errorf("%d entries the stand-in never served, %d requests served but not recorded: %+v", labels.Unmatched, len(labels.ServedButNotInHAR), labels.ServedButNotInHAR)
	}
	// Each hop carries its own headers.
	for i, le := range labels.Entries {
		e := c.Entries[i]
		var names []string
		for _, line := range e.Response.SetCookies() {
			n, _, _ := strings.Cut(line, "=")
			names = append(names, n)
		}
		if e.Response.Status > 0 && !slices.Equal(names, le.SetCookie) && !(len(names) == 0 && len(le.SetCookie) == 0) {
			t.Errorf("#%d %s %s: Set-Cookie %v, the stand-in sent %v", i, e.Request.Method, le.URL, names, le.SetCookie)
		}
		loc := e.Response.Header("location")
		// A hop the browser blocked (status 0) keeps the headers it got,
		// and no redirectURL: the browser did not follow it.
		if (loc != "") != (le.Location != "") || (le.Location != "" && e.Response.Status > 0 && !strings.HasPrefix(e.Response.RedirectURL, le.Location)) {
			t.Errorf("#%d %s: Location %q redirectURL %q, the stand-in sent %q", i, le.URL, loc, e.Response.RedirectURL, le.Location)
		}
	}
	// Classified right (after redaction, as import does).
	log := *c.Log
	entries := make([]*har.Entry, len(c.Entries))
	for i, e := range c.Entries {
		cp := *e
		entries[i] = &cp
	}
	red := har.NewRedactor(authflow.RedactOptions(nil))
	red.Log(&log)
	for _, e := range entries {
		red.Entry(e)
	}
	f := authflow.Classify(&log, entries)
	for i, want := range labels.Entries {
		got := f.Entries[i]
		if string(got.Kind) != want.Kind || string(got.Phase) != want.Phase || !reflect.DeepEqual(orEmpty(got.Steps), orEmpty(want.AWSSteps)) {
			t.Errorf("#%d %s %s: classified %s/%s/%v, truth %s/%s/%v (%s; %s)", i, got.Method, want.URL, got.Kind, got.Phase, got.Steps, want.Kind, want.Phase, want.AWSSteps, got.Why, want.Note)
		}
	}
	var codes []string
	for _, x := range f.Findings {
		codes = append(codes, x.Code)
	}
	for _, want := range labels.ExpectedFindings {
		if !slices.Contains(codes, want) {
			t.Errorf("finding %s not reported (got %v)", want, codes)
		}
	}
	for _, bad := range labels.ForbiddenFindings {
		if slices.Contains(codes, bad) {
			t.Errorf("finding %s reported: %s", bad, findingMessage(f, bad))
		}
	}
	// Redacted, it holds none of the run's secrets.
	var buf bytes.Buffer
	w := har.NewWriter(&buf)
	for _, e := range entries {
		w.WriteEntry(&log, e)
	}
	w.Close(&log)
	for _, secret := range s.Canaries() {
		if bytes.Contains(buf.Bytes(), []byte(secret)) {
			t.Errorf("the redacted capture holds a secret of the run: %.6s…", secret)
		}
	}
}

func orEmpty(x []int) []int {
	if x == nil {
		return []int{}
	}
	return x
}

func findingMessage(f *authflow.Flow, code string) string {
	for _, x := range f.Findings {
		if x.Code == code {
			return x.Message
		}
	}
	return ""
}

func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	for _, sc := range standin.Scenarios {
		if !*allScenarios && !slices.Contains(quickScenarios, sc.Name) {
			continue
		}
		t.Run(sc.Name, func(t *testing.T) {
			c, _, s := recordScenario(t, sc)
			checkCapture(t, sc, c, s)
		})
	}
}
