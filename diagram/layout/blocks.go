package layout

import (
	"math"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// blockStart opens a frame. Its header band holds the keyword tab and the
// label in brackets:
//
//	+------+------------------------------+
//	| loop | [every minute]               |
//	+------+                              |
//	|   …items…                           |
func (c *ctx) blockStart(w *sweep, b *model.BlockStart) {
	f := Frame{Kind: b.Kind, Color: b.Color, Depth: len(w.frames), Rect: Rect{Y: w.y}}
	if b.Kind != model.Rect {
		st := TextStyle{Size: c.s.NoteFontSize, Bold: true}
		lh := c.lh(st.Size)
		kw := b.Kind.String()
		if b.Kind == model.ParOver {
			kw = "par" // Mermaid's tab reads "par" for par_over too
		}
		kwW := c.m.Width(kw, st)
		f.Tab = Rect{Y: w.y, W: kwW + 2*c.s.TabPadX, H: lh + 2*c.s.TabPadY}
		f.Keyword = Text{Lines: []string{kw}, Anchor: Middle, Style: st, LineHeight: lh, Y: w.y + c.s.TabPadY + lh*c.s.Baseline,
			Box: Rect{Y: w.y + c.s.TabPadY, W: kwW, H: lh}}
		head := f.Tab.H
		if b.Label != "" {
			f.Label = c.frameLabel(b.Label, w.y+c.s.TabPadY)
			head = math.Max(head, f.Label.Box.H+2*c.s.TabPadY)
		}
		w.y += head + c.s.BlockPadTop
	} else {
		w.y += c.s.BlockPadTop
	}
	w.frames = append(w.frames, &openFrame{f: f, minX: math.Inf(1), maxX: math.Inf(-1)})
}

// frameLabel sets a block or section label "[label]" at top y; its x is
// fixed in blockEnd once the frame's left edge is known.
func (c *ctx) frameLabel(label string, y float64) *Text {
	st := TextStyle{Size: c.s.NoteFontSize}
	lh := c.lh(st.Size)
	ls := c.wrap("["+label+"]", st, c.s.MaxLabelWidth)
	tw := c.maxWidth(ls, st)
	return &Text{Lines: ls, Anchor: Start, Style: st, LineHeight: lh, Y: y + lh*c.s.Baseline,
		Box: Rect{Y: y, W: tw, H: float64(len(ls)) * lh}}
}

// blockSection draws the dashed line of else/and/option and its label.
func (c *ctx) blockSection(w *sweep, s *model.BlockSection) {
	if len(w.frames) == 0 {
		return
	}
	f := w.frames[len(w.frames)-1]
	w.y += c.s.BlockPadBottom - c.s.ItemGap
	sec := Section{Y: w.y}
	h := 0.0
	if s.Label != "" {
		sec.Label = c.frameLabel(s.Label, w.y+c.s.TabPadY)
		h = sec.Label.Box.H + c.s.TabPadY
	}
	f.f.Sections = append(f.f.Sections, sec)
	w.y += h + c.s.BlockPadTop
}

// blockEnd closes the innermost frame around everything it holds,
// BlockPadX wider on each side, and makes its header fit.
func (c *ctx) blockEnd(w *sweep) {
	if len(w.frames) == 0 {
		return
	}
	f := w.frames[len(w.frames)-1]
	w.frames = w.frames[:len(w.frames)-1]
	if math.IsInf(f.minX, 1) { // an empty block: as wide as the first lifeline's box
		f.minX, f.maxX = 0, 0
		if len(c.x) > 0 {
			f.minX, f.maxX = c.x[0]-c.head[0].w/2, c.x[0]+c.head[0].w/2
		}
	}
	x1, x2 := f.minX-c.s.BlockPadX, f.maxX+c.s.BlockPadX
	fr := &f.f
	need := fr.Tab.W
	if fr.Label != nil {
		need += c.s.TabPadX + fr.Label.Box.W + c.s.TabPadX
	}
	for _, s := range fr.Sections {
		if s.Label != nil {
			need = math.Max(need, s.Label.Box.W+2*c.s.TabPadX)
		}
	}
	if x2-x1 < need {
		x2 = x1 + need
	}
	bottom := w.y - c.s.ItemGap + c.s.BlockPadBottom
	fr.Rect = Rect{X: x1, Y: fr.Rect.Y, W: x2 - x1, H: bottom - fr.Rect.Y}
	fr.Tab.X = x1
	fr.Keyword.X = x1 + fr.Tab.W/2
	fr.Keyword.Box.X = fr.Keyword.X - fr.Keyword.Box.W/2
	if fr.Label != nil {
		fr.Label.X = x1 + fr.Tab.W + c.s.TabPadX
		fr.Label.Box.X = fr.Label.X
	}
	for i := range fr.Sections {
		if l := fr.Sections[i].Label; l != nil {
			l.X = x1 + c.s.TabPadX
			l.Box.X = l.X
		}
	}
	w.frameOut = append(w.frameOut, *fr)
	w.grow(x1, x2)
	w.y = bottom + c.s.ItemGap
}
