package authflow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/shareddata"
)

// TestSharedCaptures: every shared browser capture, from both exporters
// (Playwright in har-browser, chrome-har in har-browser-cdp), full and
// sanitized, is right entry by entry (kind, phase, steps) and its findings
// are exact: every expected one, none outside expected and may. The
// fixtures are read in place; without them the test skips, except in CI.
func TestSharedCaptures(t *testing.T) {
	for _, dir := range []string{"har-browser", "har-browser-cdp"} {
		path := shareddata.Need(t, filepath.Join(sharedDir, "fixtures", dir))
		hars, _ := filepath.Glob(filepath.Join(path, "*.har"))
		if len(hars) == 0 {
			t.Fatalf("no captures in %s", path)
		}
		for _, h := range hars {
			name := dir + "/" + filepath.Base(h)
			t.Run(name, func(t *testing.T) {
				l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
				f := classifyFile(t, h)
				checkLabels(t, name, f, l, true)
				onlyAllowedFindings(t, name, f, l.Expected, readMay(t, strings.TrimSuffix(h, ".har")+".labels.json"))
			})
		}
	}
}

// onlyAllowedFindings fails for every finding of f neither expected nor
// allowed (may): with checkLabels (every expected one reported, no
// forbidden one), the findings are exact.
func onlyAllowedFindings(t *testing.T, name string, f *Flow, expected, may []string) {
	t.Helper()
	for _, c := range codes(f) {
		if !slices.Contains(expected, c) && !slices.Contains(may, c) {
			t.Errorf("%s: %s reported, neither expected nor allowed: %s", name, c, findingMsg(f, c))
		}
	}
}

// readMay returns a labels file's may_findings.
func readMay(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		May []string `json:"may_findings"`
	}
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return l.May
}
