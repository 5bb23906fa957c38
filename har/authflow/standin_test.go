package authflow

import (
	"path/filepath"
	"testing"
)

// TestStandinCaptures classifies the captures that `seqdoc record` made
// of the stand-in's scenarios (real Chromium against internal/standin,
// redacted; go test ./cmd/seqdoc -run TestRecordCaptures -update-captures)
// and compares them with the labels the stand-in wrote as it served each
// request: every entry's kind, phase and steps, the expected and forbidden
// findings. They are in the repository, so a plain clone runs this test.
func TestStandinCaptures(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "internal", "standin", "testdata", "captures", "*"))
	if len(dirs) < 10 {
		t.Fatalf("%d captures in internal/standin/testdata/captures, want the stand-in's 11 scenarios", len(dirs))
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			l := readLabels(t, filepath.Join(dir, "labels.json"))
			f := classifyFile(t, filepath.Join(dir, "capture.har"))
			checkLabels(t, name, f, l, true)
			if len(l.Expected) == 0 && name != "happy" && name != "managed-login" {
				t.Errorf("%s: the labels expect no finding", name)
			}
		})
	}
}
