package authflow

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
		for name, want := range files {
			p := filepath.Join(genDir, name)
			if *update {
				if err := os.MkdirAll(genDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, want, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGenerated -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from what the generator writes (run go test -run TestGenerated -update and review the diff)", p)
			}
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
