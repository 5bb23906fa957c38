package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// Options tune Compute. The zero value means seqdoc's defaults.
type Options struct {
	// Spacing replaces DefaultSpacing when non-nil.
	Spacing *Spacing
	// Measurer replaces FontMetrics when non-nil.
	Measurer Measurer
}

// Compute lays d out. It runs these steps in order:
//
//  1. prepare: measure and wrap every text once.
//  2. placeParticipants: lifeline x positions, wide enough for every
//     label, note and self-message between them.
//  3. placeItems: one sweep down the items, giving each its own band of
//     height, so that no two texts can meet.
//  4. finish: bottom boxes, lifeline ends, group boxes, phase widths, then
//     shift everything so the drawing starts at the margin.
func Compute(d *model.Diagram, opts Options) (*Result, error) {
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("laying out: %w", err)
	}
	if d.Config.HideUnusedParticipants {
		d = withoutUnused(d)
	}
	c := &ctx{d: d, s: DefaultSpacing(), m: opts.Measurer, r: &Result{}}
	if opts.Spacing != nil {
		c.s = *opts.Spacing
	}
	if c.m == nil {
		c.m = FontMetrics{}
	}
	c.r.AccTitle, c.r.AccDescr = d.AccTitle, d.AccDescr
	c.prepare()
	c.placeParticipants()
	c.placeItems()
	c.finish()
	return c.r, nil
}

// withoutUnused returns a shallow copy of d without the participants no
// item refers to (Mermaid's hideUnusedParticipants).
func withoutUnused(d *model.Diagram) *model.Diagram {
	used := map[string]bool{}
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			used[it.From], used[it.To] = true, true
		case *model.Note:
			for _, id := range it.Participants {
				used[id] = true
			}
		case *model.Activation:
			used[it.Participant] = true
		case *model.Create:
			used[it.Participant] = true
		case *model.Destroy:
			used[it.Participant] = true
		}
	}
	if len(used) == 0 {
		return d // nothing is used: Mermaid then draws them all
	}
	c := *d
	c.Participants = nil
	for _, p := range d.Participants {
		if used[p.ID] {
			c.Participants = append(c.Participants, p)
		}
	}
	return &c
}

// ctx is the state of one layout.
type ctx struct {
	d *model.Diagram
	s Spacing
	m Measurer
	r *Result

	index map[string]int // participant ID → index
	head  []headInfo     // per participant: its box size and label
	x     []float64      // lifeline x per participant
	// rightExtra and leftExtra: room needed right of the last lifeline
	// and left of the first (self-messages, side notes).
	rightExtra, leftExtra float64

	headTop float64 // top of the participant boxes

	texts  map[model.Item]textInfo // measured label of each message and note
	badges map[*model.Message]string
}

type headInfo struct {
	lines []string
	w, h  float64
	icon  bool // drawn as a symbol above the name rather than a box
}

type textInfo struct {
	lines   []string
	w, h    float64
	tooltip string
}

func (c *ctx) lh(size float64) float64 { return math.Round(size*c.s.LineHeight*10) / 10 }

func (c *ctx) msgStyle() TextStyle   { return TextStyle{Size: c.s.FontSize} }
func (c *ctx) noteStyle() TextStyle  { return TextStyle{Size: c.s.NoteFontSize} }
func (c *ctx) headStyle() TextStyle  { return TextStyle{Size: c.s.FontSize, Bold: true} }
func (c *ctx) badgeStyle() TextStyle { return TextStyle{Size: c.s.BadgeFontSize, Bold: true} }

// prepare measures every participant name, message label and note once,
// wrapping and shortening them, and works out the badge of each message.
func (c *ctx) prepare() {
	d := c.d
	c.index = make(map[string]int, len(d.Participants))
	c.head = make([]headInfo, len(d.Participants))
	for i, p := range d.Participants {
		c.index[p.ID] = i
		ls := lines(p.Label)
		if p.Wrap || d.Config.Wrap {
			ls = c.wrap(p.Label, c.headStyle(), c.s.ActorWrap)
		}
		w := math.Max(c.maxWidth(ls, c.headStyle())+2*c.s.ActorPadX, c.s.ActorMinWidth)
		if p.Kind == model.KindQueue {
			w += 2 * c.s.ActorPadX // room for the cylinder's end
		}
		h := float64(len(ls))*c.lh(c.s.FontSize) + 2*c.s.ActorPadY
		icon := p.Kind == model.KindActor || p.Kind == model.KindBoundary || p.Kind == model.KindControl || p.Kind == model.KindEntity
		if icon {
			h += c.s.IconHeight
		}
		c.head[i] = headInfo{ls, w, h, icon}
	}
	nMsg, nNote := 0, 0
	for _, it := range d.Items {
		switch it.(type) {
		case *model.Message:
			nMsg++
		case *model.Note:
			nNote++
		}
	}
	c.texts = make(map[model.Item]textInfo, nMsg+nNote)
	c.badges = make(map[*model.Message]string, nMsg)
	c.r.Messages = make([]Message, 0, nMsg)
	c.r.Notes = make([]Note, 0, nNote)
	numbering, n, step := d.Config.ShowSequenceNumbers, 1.0, 1.0
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Autonumber:
			// "autonumber 200" restarts at 200 in steps of 1; a bare
			// "autonumber" carries on with the count of messages.
			numbering = !it.Off
			if it.Start != 0 {
				n, step = it.Start, 1
			}
			if it.Step != 0 {
				step = it.Step
			}
		case *model.Message:
			c.texts[it] = c.measure(it.Text, it.Tooltip, it.Wrap || d.Config.Wrap, c.msgStyle(), c.s.MaxLabelWidth, c.s.MaxLabelLines)
			switch {
			case it.Step != "":
				c.badges[it] = it.Step
			case numbering:
				c.badges[it] = formatNumber(n)
			}
			// Every message counts, numbered or not: after
			// "autonumber off" and a bare "autonumber", Mermaid's
			// numbers carry on as if they had been shown all along.
			n = math.Round((n+step)*100) / 100
		case *model.Note:
			max := c.s.NoteWidth
			if len(it.Participants) == 2 && it.Participants[0] != it.Participants[1] {
				max *= 2 // a note over two lifelines has their whole span
			}
			c.texts[it] = c.measure(it.Text, "", it.Wrap || d.Config.Wrap, c.noteStyle(), max, 0)
		}
	}
}

// maxTextBytes is the most of one label or note that is laid out; the
// rest is cut (the whole text stays in the tooltip).
const maxTextBytes = 8 << 10

func formatNumber(f float64) string {
	if i := int64(f); float64(i) == f && i >= 0 && i < 1e9 {
		return strconv.FormatInt(i, 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// measure wraps a text to max (or MaxWrapWidth when wrap is asked for),
// keeps at most lineLimit lines (0: all), and returns its size.
func (c *ctx) measure(text, tooltip string, wrap bool, st TextStyle, max float64, lineLimit int) textInfo {
	if wrap {
		max = math.Min(max, c.s.MaxWrapWidth)
	}
	if text == "" {
		return textInfo{lines: []string{""}, tooltip: tooltip}
	}
	if len(text) > maxTextBytes {
		// No drawing shows this much; cut before wrapping, which costs
		// time in proportion to length times line width.
		if tooltip == "" {
			tooltip = text
		}
		text = strings.ToValidUTF8(text[:maxTextBytes], "") + "…"
	}
	ls := c.balance(text, st, max)
	ls, cut := c.clamp(ls, lineLimit, st, max)
	if cut && tooltip == "" {
		tooltip = text
	}
	if len(tooltip) > 4*maxTextBytes {
		tooltip = strings.ToValidUTF8(tooltip[:4*maxTextBytes], "") + "…"
	}
	return textInfo{lines: ls, w: c.maxWidth(ls, st), h: float64(len(ls)) * c.lh(st.Size), tooltip: tooltip}
}

// badgeWidth returns the width of the badge for text (0 for none).
func (c *ctx) badgeWidth(text string) float64 {
	if text == "" {
		return 0
	}
	w := c.m.Width(text, c.badgeStyle()) + 2*c.s.BadgePadX
	return math.Max(w, 2*c.s.BadgeRadius)
}
