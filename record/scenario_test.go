package record

import (
	"bytes"
	"flag"
	"slices"
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
// Location and Set-Cookie names; redacted, it holds no secret of the run.
func checkCapture(t *testing.T, sc standin.Scenario, c *Capture, s *standin.StandIn) {
	t.Helper()
	labels := s.Labels(sc, c.Entries)
	if labels.Unmatched != 0 || len(labels.ServedButNotInHAR) != 0 {
		t.Errorf("%d entries the stand-in never served, %d requests served but not recorded: %+v", labels.Unmatched, len(labels.ServedButNotInHAR), labels.ServedButNotInHAR)
	}
	for _, m := range labels.HopMismatches(c.Entries) {
		t.Error(m)
	}
	// Classified right after redaction, as import does.
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
	for _, m := range labels.Mismatches(authflow.Classify(&log, entries)) {
		t.Error(m)
	}
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
