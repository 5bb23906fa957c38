package mermaid

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/internal/mermaidcorpus"
)

// corpusDir is Mermaid's own sequence diagrams (see its SOURCES.md).
const corpusDir = "../../../shared/fixtures/mermaid-sequence"

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
	oracle, names := mermaidcorpus.Load(t, corpusDir)
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

func compareParse(d *model.Diagram, err error, want mermaidcorpus.Oracle) string {
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
