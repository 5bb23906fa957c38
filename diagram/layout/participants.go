package layout

import (
	"sort"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// span is a constraint between two lifelines: x[b] - x[a] >= need.
type span struct {
	a, b int
	need float64
}

// placeParticipants puts the lifelines left to right. Neighbours start
// ActorGap apart (box edge to box edge); then every label, note and
// self-message asks for the room it needs between the lifelines it sits
// between, narrowest spans first, and a span short of room is widened
// evenly across its gaps:
//
//	A          B          C
//	|  label   |          |      (A,B): label width + padding
//	|------------label--->|      (A,C): shared by gaps A-B and B-C
func (c *ctx) placeParticipants() {
	n := len(c.d.Participants)
	c.x = make([]float64, n)
	if n == 0 {
		return
	}
	spans := make([]span, 0, n+len(c.d.Items))
	for i := 0; i+1 < n; i++ {
		need := c.head[i].w/2 + c.head[i+1].w/2 + c.s.ActorGap
		if bi, bj := c.d.Participants[i].Box, c.d.Participants[i+1].Box; bi != bj && (bi >= 0 || bj >= 0) {
			need += 2 * c.s.BoxPad
		}
		spans = append(spans, span{i, i + 1, need})
	}
	spans = c.itemSpans(spans)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].b-spans[i].a < spans[j].b-spans[j].a })
	for _, sp := range spans {
		deficit := sp.need - (c.x[sp.b] - c.x[sp.a])
		if deficit <= 0 {
			continue
		}
		per := deficit / float64(sp.b-sp.a)
		for k := sp.a + 1; k < n; k++ {
			inc := per * float64(min(k, sp.b)-sp.a)
			c.x[k] += inc
		}
	}
	c.leftExtra = max(c.leftExtra, c.head[0].w/2)
	c.rightExtra = max(c.rightExtra, c.head[n-1].w/2)
}

// itemSpans appends the room each message and note needs to out.
func (c *ctx) itemSpans(out []span) []span {
	n := len(c.d.Participants)
	side := func(i int, toRight bool, need float64) {
		switch {
		case toRight && i+1 < n:
			out = append(out, span{i, i + 1, need})
		case toRight:
			c.rightExtra = max(c.rightExtra, need)
		case i > 0:
			out = append(out, span{i - 1, i, need})
		default:
			c.leftExtra = max(c.leftExtra, need)
		}
	}
	for _, it := range c.d.Items {
		switch it := it.(type) {
		case *model.Message:
			t := c.texts[it]
			bw := c.badgeWidth(c.badges[it])
			a, b := c.index[it.From], c.index[it.To]
			if a == b {
				side(a, true, max(t.w, c.s.SelfWidth)+bw/2+c.s.LabelPadX+c.s.ActivationWidth+c.s.LabelGap*2)
				continue
			}
			if a > b {
				a, b = b, a
			}
			if bw > 0 && (it.Arrow.Tail != model.HeadNone || it.Arrow.CentralFrom) {
				bw = 2*bw + c.s.BadgePadX + c.s.BadgeShift // the badge moved off the start (see message)
			}
			out = append(out, span{a, b, t.w + 2*(c.s.LabelPadX+bw) + c.s.ActivationWidth})
		case *model.Note:
			t := c.texts[it]
			w := t.w + 2*c.s.NotePadX
			a := c.index[it.Participants[0]]
			switch {
			case it.Placement == model.RightOf:
				side(a, true, w+2*c.s.NoteGap+c.s.ActivationWidth/2)
			case it.Placement == model.LeftOf:
				side(a, false, w+2*c.s.NoteGap+c.s.ActivationWidth/2)
			case len(it.Participants) == 2 && c.index[it.Participants[1]] != a:
				b := c.index[it.Participants[1]]
				if a > b {
					a, b = b, a
				}
				out = append(out, span{a, b, w - 2*c.s.NoteOver})
			default:
				half := max(w/2, c.s.NoteOver)
				side(a, true, half+c.s.NoteGap)
				side(a, false, half+c.s.NoteGap)
			}
		}
	}
	return out
}
