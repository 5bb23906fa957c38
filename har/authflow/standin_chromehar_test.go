package authflow

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestStandinChromeHAR: the held-out check of issue 9. The stand-in's
// scenarios recorded by the second exporter (puppeteer-core and chrome-har
// from npm, internal/standin/testdata/chromehar; recorded again with go test
// ./internal/standin -run TestRecordChromeHAR -update-chromehar) are right
// entry by entry against the stand-in's own truth, with exact findings:
// those the scenario expects, capture-inconsistent where the exporter put
// a Location on an entry that was not sent with it, nothing else.
func TestStandinChromeHAR(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "internal", "standin", "testdata", "chromehar", "*", "labels.json"))
	if len(dirs) < 10 {
		t.Fatalf("%d captures in internal/standin/testdata/chromehar, want the stand-in's 11 scenarios", len(dirs))
	}
	for _, lp := range dirs {
		dir := filepath.Dir(lp)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			l := readLabels(t, lp)
			f := classifyFile(t, filepath.Join(dir, "capture.har"))
			checkLabels(t, name, f, l, true)
			may := readMay(t, lp)
			for _, c := range codes(f) {
				if !slices.Contains(l.Expected, c) && !slices.Contains(may, c) {
					t.Errorf("%s: %s reported, neither expected nor allowed: %s", name, c, findingMsg(f, c))
				}
			}
		})
	}
}
