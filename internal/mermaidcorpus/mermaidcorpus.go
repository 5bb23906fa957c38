// Package mermaidcorpus reads the oracle of the shared Mermaid corpus: what
// Mermaid itself did with each of its own sequence diagrams. The tests of
// diagram and diagram/mermaid check seqdoc against it.
package mermaidcorpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/seqdoc/seqdoc/internal/shareddata"
)

// Oracle is what Mermaid did with one corpus diagram.
type Oracle struct {
	Accepted     bool           `json:"accepted"`
	Participants []string       `json:"participants"`
	Messages     []string       `json:"messages"`
	Notes        []string       `json:"notes"`
	Blocks       map[string]int `json:"blocks"`
	Error        string         `json:"error"`
}

// Load reads dir/oracle.json and returns it with its diagram names
// sorted. Without the file (the shared fixtures are absent) the test
// skips.
func Load(t testing.TB, dir string) (map[string]Oracle, []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "oracle.json"))
	if os.IsNotExist(err) {
		t.Skipf("no Mermaid corpus at %s (the shared fixtures are absent)", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]Oracle
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(o))
	for n := range o {
		names = append(names, n)
	}
	sort.Strings(names)
	return o, names
}

// Dirs lists the corpora a test of the diagram engine runs on: the
// real-world diagrams the repository holds (realWorld/seen and
// realWorld/unseen, each with its oracle.json), then the shared Mermaid
// corpus (shared) when it sits beside the repository. A plain clone runs
// the test on the first two; nothing skips.
func Dirs(t testing.TB, realWorld, shared string) []string {
	t.Helper()
	dirs := []string{filepath.Join(realWorld, "seen"), filepath.Join(realWorld, "unseen")}
	if shareddata.Have(t, shared) {
		dirs = append(dirs, shared)
	}
	return dirs
}
