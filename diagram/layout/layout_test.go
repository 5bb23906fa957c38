package layout

import (
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
)

// fixed measures every rune as 8 px, so that tests can reason in widths.
type fixed struct{}

func (fixed) Width(s string, _ TextStyle) float64 { return 8 * float64(len([]rune(s))) }

func mustLayout(t *testing.T, src string) *Result {
	t.Helper()
	d, err := mermaid.Parse("t", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compute(d, Options{Measurer: fixed{}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestBasic lays out
//
//	A          B          C
//	|--hello-->|          |
//	|          |<--a much longer label--|   (widens B-C, not A-B)
//	|<-----back to A-----------------|
func TestBasic(t *testing.T) {
	r := mustLayout(t, "sequenceDiagram\nA->>B: hello\nC-->>B: a much longer label than the other\nC->>A: back to A\n")
	if len(r.Participants) != 3 || len(r.Messages) != 3 {
		t.Fatalf("got %d participants, %d messages", len(r.Participants), len(r.Messages))
	}
	ab := r.Participants[1].X - r.Participants[0].X
	bc := r.Participants[2].X - r.Participants[1].X
	if bc <= ab {
		t.Errorf("gap B-C = %.1f should exceed A-B = %.1f: the long label sits between B and C", bc, ab)
	}
	long := r.Messages[1].Label.Box
	if long.X <= r.Participants[1].X || long.Right() >= r.Participants[2].X {
		t.Errorf("label %+v is not between the lifelines of B (%.1f) and C (%.1f)", long, r.Participants[1].X, r.Participants[2].X)
	}
	if r.Messages[1].Points[0].X != r.Participants[2].X || r.Messages[1].Points[1].X != r.Participants[1].X {
		t.Errorf("reply points %+v do not run from C to B", r.Messages[1].Points)
	}
	if got := problems(r); got != "" {
		t.Error(got)
	}
}

func problems(r *Result) string { return strings.Join(checkInvariants(r, DefaultSpacing()), "\n") }

// TestCheckInvariantsCatches proves the invariant check can fail.
func TestCheckInvariantsCatches(t *testing.T) {
	r := mustLayout(t, "sequenceDiagram\nA->>B: one\nB->>A: two\n")
	r.Messages[1].Label.Box = r.Messages[0].Label.Box
	if p := problems(r); !strings.Contains(p, "overlaps") {
		t.Errorf("overlapping labels not caught: %q", p)
	}
	r = mustLayout(t, "sequenceDiagram\nA->>B: one\nB->>A: two\n")
	r.Messages[0].Points[1].X += 40
	if p := problems(r); !strings.Contains(p, "off the lifeline") {
		t.Errorf("arrow off its lifeline not caught: %q", p)
	}
	r = mustLayout(t, "sequenceDiagram\nA->>B: one\nB->>A: two\n")
	r.Messages[1].Points[0].Y = 0
	if p := problems(r); !strings.Contains(p, "not below") {
		t.Errorf("messages out of order not caught: %q", p)
	}
}

func TestLongLabelWrapsAndShortens(t *testing.T) {
	url := "GET /x?" + strings.Repeat("a=1&", 500)
	r := mustLayout(t, "sequenceDiagram\nA->>B: "+url+"\n")
	l := r.Messages[0].Label
	if n := len(l.Lines); n != DefaultSpacing().MaxLabelLines {
		t.Fatalf("%d lines, want %d", n, DefaultSpacing().MaxLabelLines)
	}
	if !strings.HasSuffix(l.Lines[len(l.Lines)-1], "…") || l.Tooltip != url {
		t.Errorf("shortened label lacks the ellipsis or the tooltip: %q / %q", l.Lines, l.Tooltip)
	}
	if l.Box.W > DefaultSpacing().MaxLabelWidth {
		t.Errorf("label %.0f px wide, above MaxLabelWidth", l.Box.W)
	}
}

func TestActivationsAndSelf(t *testing.T) {
	r := mustLayout(t, "sequenceDiagram\nA->>+B: call\nB->>B: think\nB->>+B: nested\nB-->>-A: done\nB-->>-A: done\n")
	if len(r.Activations) != 2 {
		t.Fatalf("%d activation bars, want 2", len(r.Activations))
	}
	self := r.Messages[1]
	if !self.Self || len(self.Points) != 4 {
		t.Fatalf("self message = %+v", self)
	}
	if self.Points[1].X <= self.Points[0].X {
		t.Error("self loop does not go right")
	}
	if p := problems(r); p != "" {
		t.Error(p)
	}
}

func TestSeqdocExtras(t *testing.T) {
	d := model.New()
	d.AddParticipant("B", "Browser", model.KindActor)
	d.AddParticipant("ALB", "", model.KindParticipant)
	d.AddPhase("Login")
	m := d.AddMessage("B", "ALB", model.Call, "GET /")
	m.Step = "#1 / #2"
	d.AddMessage("ALB", "B", model.Reply, "302").Implied = true
	r, err := Compute(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Phases) != 1 || r.Phases[0].X2-r.Phases[0].X1 < r.Width-2*DefaultSpacing().Margin {
		t.Errorf("phase divider does not span the drawing: %+v (width %.0f)", r.Phases, r.Width)
	}
	if b := r.Messages[0].Badge; b == nil || b.Text != "#1 / #2" || b.Rect.W <= b.Rect.H {
		t.Errorf("step badge = %+v, want a pill with the step", b)
	}
	if !r.Messages[1].Implied || r.Messages[1].Badge != nil {
		t.Errorf("implied reply = %+v", r.Messages[1])
	}
	if p := problems(r); p != "" {
		t.Error(p)
	}
}

func TestMessageAlign(t *testing.T) {
	for _, tc := range []struct{ align, want string }{{"left", "start"}, {"right", "end"}, {"center", "middle"}} {
		r := mustLayout(t, "%%{init: {'sequence': {'messageAlign': '"+tc.align+"'}}}%%\nsequenceDiagram\nA->>B: hi\nB->>A: back\n")
		l := r.Messages[0].Label
		if string(l.Anchor) != tc.want {
			t.Errorf("%s: anchor %s, want %s", tc.align, l.Anchor, tc.want)
		}
		a, b := r.Participants[0].X, r.Participants[1].X
		if l.Box.X <= a || l.Box.Right() >= b {
			t.Errorf("%s: label %+v not between the lifelines %.1f and %.1f", tc.align, l.Box, a, b)
		}
		if p := problems(r); p != "" {
			t.Errorf("%s: %s", tc.align, p)
		}
	}
}

func TestHideUnusedParticipants(t *testing.T) {
	src := "sequenceDiagram\nparticipant A\nparticipant Idle\nparticipant B\nA->>B: hi\n"
	if r := mustLayout(t, src); len(r.Participants) != 3 {
		t.Fatalf("%d participants drawn, want 3 by default", len(r.Participants))
	}
	r := mustLayout(t, "%%{init: {'sequence': {'hideUnusedParticipants': true}}}%%\n"+src)
	if len(r.Participants) != 2 || r.Participants[1].ID != "B" {
		t.Fatalf("participants = %+v, want A and B", r.Participants)
	}
	if p := problems(r); p != "" {
		t.Error(p)
	}
}

// TestSelfMessageInsideBar: a self-message's loop comes back onto the
// activation bar it is drawn on, whether "deactivate" follows it or it
// closes the bar itself ("->>-"), as in Mermaid; the bar ended at the
// loop's top, leaving its return arrow hanging beside the lifeline.
func TestSelfMessageInsideBar(t *testing.T) {
	r := mustLayout(t, "sequenceDiagram\nA->>B: a\nactivate A\nA->>A: self\ndeactivate A\nA->>+B: b\nB->>-B: closes\nB->>A: c\n")
	if len(r.Activations) != 2 {
		t.Fatalf("%d activation bars, want 2", len(r.Activations))
	}
	for i, m := range []int{1, 3} { // the self-messages, on A's bar, then on B's
		loop, bar := r.Messages[m], r.Activations[i]
		if !loop.Self {
			t.Fatalf("message %d is not a self-message", m)
		}
		if top, bottom := loop.Points[0].Y, loop.Points[3].Y; bar.Y > top || bar.Bottom() < bottom {
			t.Errorf("bar %d spans y %.1f–%.1f, not the whole loop of message %d (%.1f–%.1f)", i, bar.Y, bar.Bottom(), m, top, bottom)
		}
	}
	if p := problems(r); p != "" {
		t.Error(p)
	}
}

// TestAutonumberCountsEveryMessage: the count goes on while numbers are
// off, so "autonumber" after "autonumber off" resumes where Mermaid does
// (Mermaid 11.17.2 numbers these 10 15 · 25 30, and a bare "autonumber"
// after two plain messages starts at 3).
func TestAutonumberCountsEveryMessage(t *testing.T) {
	for src, want := range map[string]string{
		"autonumber 10 5\nA->>B: a\nB->>A: b\nautonumber off\nA->>B: c\nautonumber\nB->>A: d\nA->>B: e\n": "10 15 · 25 30",
		"A->>B: a\nNote over A: n\nB->>A: b\nautonumber\nA->>B: c\nautonumber 7\nA->>B: d\n":              "· · 3 7",
	} {
		r := mustLayout(t, "sequenceDiagram\n"+src)
		var got []string
		for _, m := range r.Messages {
			if m.Badge == nil {
				got = append(got, "·")
			} else {
				got = append(got, m.Badge.Text)
			}
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%q: numbers %s, want %s", src, g, want)
		}
	}
}

// TestBadgeClearsDestroyCross: a numbered message sent by a participant it
// destroys starts where that participant's cross is drawn; its number
// moves along the arrow instead of hiding the cross.
func TestBadgeClearsDestroyCross(t *testing.T) {
	r := mustLayout(t, "sequenceDiagram\nautonumber\nA->>B: make\ndestroy B\nB-->>A: results\n")
	b := r.Participants[1]
	if !b.Destroyed {
		t.Fatal("B is not destroyed")
	}
	badge := r.Messages[1].Badge
	if badge == nil {
		t.Fatal("the last message has no number")
	}
	if rr := badge.Rect; b.X >= rr.X-1 && b.X <= rr.Right()+1 && b.Y2 >= rr.Y && b.Y2 <= rr.Bottom() {
		t.Errorf("badge %+v covers B's cross at (%.1f, %.1f)", rr, b.X, b.Y2)
	}
	if p := problems(r); p != "" {
		t.Error(p)
	}
}
