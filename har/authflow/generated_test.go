package authflow

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/seqdoc/seqdoc/internal/golden"
)

const genDir = "testdata/gen"

// TestGeneratedFilesUpToDate: the committed captures are what the
// generator writes (-update rewrites them).
func TestGeneratedFilesUpToDate(t *testing.T) {
	for _, s := range scenarios {
		g := s.build()
		files := map[string][]byte{
			s.name + ".har":                   g.har(false),
			s.name + ".labels.json":           g.labelFile(false),
			s.name + ".sanitized.har":         g.har(true),
			s.name + ".sanitized.labels.json": g.labelFile(true),
		}
		checkFiles(t, genDir, files, golden.Update(), "go test -run TestGenerated -update")
	}
}

// checkFiles compares each of files with the committed file of that name
// in dir; with regen it writes them there instead. how says how to
// regenerate them.
func checkFiles(t *testing.T, dir string, files map[string][]byte, regen bool, how string) {
	t.Helper()
	for name, want := range files {
		p := filepath.Join(dir, name)
		if regen {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run %s)", err, how)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what makes it (run %s and review the diff)", p, how)
		}
	}
}

// TestGeneratedCaptures classifies every generated capture, full and
// sanitized, against its labels, and reports the kind accuracy of each.
func TestGeneratedCaptures(t *testing.T) {
	for _, s := range scenarios {
		for _, variant := range []string{"", ".sanitized"} {
			name := s.name + variant + ".har"
			t.Run(name, func(t *testing.T) {
				p := filepath.Join(genDir, name)
				if _, err := os.Stat(p); err != nil {
					t.Skipf("%s missing (go test -run TestGenerated -update)", p)
				}
				f := classifyFile(t, p)
				l := readLabels(t, filepath.Join(genDir, s.name+variant+".labels.json"))
				right := 0
				for i, e := range l.Entries {
					if i < len(f.Entries) && string(f.Entries[i].Kind) == e.Kind {
						right++
					}
				}
				acc := 100 * float64(right) / float64(len(l.Entries))
				t.Logf("%-40s %3d entries, kind accuracy %.1f%%", name, len(l.Entries), acc)
				checkLabels(t, name, f, l, variant == "")
			})
		}
	}
}
