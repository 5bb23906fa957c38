package mermaid

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// corpusDir is Mermaid's own sequence diagrams (see its SOURCES.md).
const corpusDir = "../../../shared/fixtures/mermaid-sequence"

// Oracle is what Mermaid did with one corpus diagram.
type Oracle struct {
	Accepted     bool           `json:"accepted"`
	Participants []string       `json:"participants"`
	Messages     []string       `json:"messages"`
	Notes        []string       `json:"notes"`
	Blocks       map[string]int `json:"blocks"`
	Error        string         `json:"error"`
}

func loadOracle(t testing.TB) map[string]Oracle {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "oracle.json"))
	if os.IsNotExist(err) {
		t.Skipf("no Mermaid corpus at %s (the shared fixtures are absent)", corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]Oracle
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// norm makes texts comparable: Mermaid wraps long labels with its own
// measurements, so every run of white space counts as one space.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func normAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = norm(s)
	}
	return out
}

// TestParseConformance parses every corpus diagram and compares what it
// read with what Mermaid drew: accepted or not, and for accepted ones the
// participants, message texts and note texts in order. (The SVG-level
// check lives in package diagram.)
func TestParseConformance(t *testing.T) {
	oracle := loadOracle(t)
	names := make([]string, 0, len(oracle))
	for n := range oracle {
		names = append(names, n)
	}
	sort.Strings(names)
	pass := 0
	for _, name := range names {
		want := oracle[name]
		src, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(name, src)
		if msg := compareParse(d, err, want); msg != "" {
			t.Errorf("%s: %s", name, msg)
			continue
		}
		pass++
	}
	t.Logf("parse conformance: %d/%d = %.1f%%", pass, len(names), 100*float64(pass)/float64(len(names)))
}

func compareParse(d *model.Diagram, err error, want Oracle) string {
	if !want.Accepted {
		if err == nil {
			return "Mermaid rejects it (" + strings.SplitN(want.Error, "\n", 2)[0] + ") but it parsed"
		}
		return ""
	}
	if err != nil {
		return "Mermaid accepts it but: " + err.Error()
	}
	var ps, ms, ns []string
	for _, p := range d.Participants {
		ps = append(ps, p.Label)
	}
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			ms = append(ms, it.Text)
		case *model.Note:
			ns = append(ns, it.Text)
		}
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"participants", ps, want.Participants}, {"messages", ms, want.Messages}, {"notes", ns, want.Notes}} {
		g, w := normAll(c.got), normAll(c.want)
		if strings.Join(g, "\x00") != strings.Join(w, "\x00") {
			return c.what + ":\n got  " + strings.Join(g, " | ") + "\n want " + strings.Join(w, " | ")
		}
	}
	return ""
}
