package layout

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/internal/mermaidcorpus"
)

const corpusDir = "../../../shared/fixtures/mermaid-sequence"

// corpus returns every diagram of the Mermaid corpus that parses.
func corpus(t testing.TB) map[string]*model.Diagram {
	t.Helper()
	var files []string
	for _, dir := range mermaidcorpus.Dirs(t, "../testdata/realworld", corpusDir) {
		m, _ := filepath.Glob(filepath.Join(dir, "*.mmd"))
		files = append(files, m...)
	}
	if len(files) < 200 {
		t.Fatalf("only %d Mermaid diagrams found", len(files))
	}
	out := map[string]*model.Diagram{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if d, err := mermaid.Parse(f, src); err == nil {
			out[filepath.Join(filepath.Base(filepath.Dir(f)), filepath.Base(f))] = d
		}
	}
	return out
}

func sortedNames(m map[string]*model.Diagram) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TestInvariants lays out every corpus diagram and checks relations that
// hold whatever the spacing: participants left to right, messages top to
// bottom, no two texts overlapping, arrows ending on lifelines, everything
// inside the drawing.
func TestInvariants(t *testing.T) {
	ds := corpus(t)
	for _, name := range sortedNames(ds) {
		r, err := Compute(ds[name], Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, problem := range checkInvariants(r, DefaultSpacing()) {
			t.Errorf("%s: %s", name, problem)
		}
	}
	t.Logf("invariants checked on %d corpus diagrams", len(ds))
}

func checkInvariants(r *Result, s Spacing) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for i := 1; i < len(r.Participants); i++ {
		if !(r.Participants[i].X > r.Participants[i-1].X) {
			bad("participant %d (x=%.1f) is not right of participant %d (x=%.1f)", i, r.Participants[i].X, i-1, r.Participants[i-1].X)
		}
	}
	for i := 1; i < len(r.Messages); i++ {
		if !(r.Messages[i].Points[0].Y > r.Messages[i-1].Points[0].Y) {
			bad("message %d is not below message %d", i, i-1)
		}
	}
	type box struct {
		what string
		r    Rect
	}
	var boxes []box
	add := func(what string, r Rect) {
		if r.W > 0 && r.H > 0 {
			boxes = append(boxes, box{what, r})
		}
	}
	for i, p := range r.Participants {
		add(fmt.Sprintf("participant %d", i), p.Top)
		if p.Bottom != nil {
			add(fmt.Sprintf("participant %d bottom", i), *p.Bottom)
		}
	}
	for i, m := range r.Messages {
		add(fmt.Sprintf("message %d label %q", i, strings.Join(m.Label.Lines, " ")), m.Label.Box)
		if m.Badge != nil {
			add(fmt.Sprintf("message %d badge", i), m.Badge.Rect)
		}
	}
	for i, n := range r.Notes {
		add(fmt.Sprintf("note %d", i), n.Rect)
	}
	for i, f := range r.Frames {
		if f.Kind == model.Rect {
			continue
		}
		add(fmt.Sprintf("frame %d tab", i), f.Tab)
		if f.Label != nil {
			add(fmt.Sprintf("frame %d label", i), f.Label.Box)
		}
		for j, sec := range f.Sections {
			if sec.Label != nil {
				add(fmt.Sprintf("frame %d section %d label", i, j), sec.Label.Box)
			}
		}
	}
	for i, p := range r.Phases {
		add(fmt.Sprintf("phase %d", i), p.Pill)
	}
	for i, g := range r.Groups {
		if g.Label != nil {
			add(fmt.Sprintf("group %d label", i), g.Label.Box)
		}
	}
	if r.Title != nil {
		add("title", r.Title.Box)
	}
	const eps = 0.5
	shrink := func(r Rect) Rect { return Rect{r.X + eps, r.Y + eps, r.W - 2*eps, r.H - 2*eps} }
	for i := range boxes {
		b := boxes[i].r
		if b.X < -eps || b.Y < -eps || b.Right() > r.Width+eps || b.Bottom() > r.Height+eps {
			bad("%s %+v is outside the drawing %.0fx%.0f", boxes[i].what, b, r.Width, r.Height)
		}
		for j := i + 1; j < len(boxes); j++ {
			if shrink(b).Overlaps(shrink(boxes[j].r)) {
				bad("%s %+v overlaps %s %+v", boxes[i].what, b, boxes[j].what, boxes[j].r)
			}
		}
	}
	// An arrow meets a lifeline on it, or on the outer edge of its stacked
	// activation bars.
	onLifeline := func(x, lx float64) bool {
		if math.Abs(x-lx) <= eps || math.Abs(x-(lx-s.ActivationWidth/2)) <= eps {
			return true
		}
		for k := 0; k <= len(r.Activations); k++ {
			if math.Abs(x-(lx+s.ActivationWidth/2+float64(k)*s.ActivationStep)) <= eps {
				return true
			}
		}
		return false
	}
	for i, m := range r.Messages {
		ends := []struct {
			p  int
			pt Point
		}{{m.From, m.Points[0]}, {m.To, m.Points[len(m.Points)-1]}}
		for _, e := range ends {
			p := r.Participants[e.p]
			if !onLifeline(e.pt.X, p.X) {
				bad("message %d ends at x=%.1f, off the lifeline of %s at x=%.1f", i, e.pt.X, p.ID, p.X)
			}
			if e.pt.Y < p.Y1-eps || e.pt.Y > p.Y2+eps {
				bad("message %d ends at y=%.1f, outside the lifeline of %s (%.1f to %.1f)", i, e.pt.Y, p.ID, p.Y1, p.Y2)
			}
		}
	}
	return out
}
