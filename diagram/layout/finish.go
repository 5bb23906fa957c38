package layout

import "math"

// bottom ends the lifelines and mirrors the participant boxes below them.
func (c *ctx) bottom(w *sweep) {
	end := w.y
	mirror := c.d.Config.Mirror()
	tallest := 0.0
	for i := range c.r.Participants {
		rp := &c.r.Participants[i]
		if rp.Destroyed {
			continue
		}
		rp.Y2 = end
		if mirror {
			h := c.head[i]
			r := Rect{X: c.x[i] - h.w/2, Y: end, W: h.w, H: h.h}
			l := c.headLabel(i, r)
			rp.Bottom, rp.BottomLabel = &r, &l
			tallest = max(tallest, h.h)
		}
	}
	c.r.Height = end + tallest
}

// finish adds the group boxes, stretches phase dividers across the
// drawing, and shifts everything right so that the leftmost ink sits at
// the margin.
func (c *ctx) finish() {
	r := c.r
	for bi, b := range c.d.Boxes {
		x1, x2 := math.Inf(1), math.Inf(-1)
		for i, p := range c.d.Participants {
			if p.Box == bi {
				x1 = math.Min(x1, r.Participants[i].Top.X)
				x2 = math.Max(x2, r.Participants[i].Top.Right())
			}
		}
		if math.IsInf(x1, 1) {
			continue
		}
		top := c.headTop - c.s.BoxPad
		if c.hasLabelledGroup() {
			top -= c.lh(c.s.NoteFontSize)
		}
		g := Group{Rect: Rect{X: x1 - c.s.BoxPad, Y: top, W: x2 - x1 + 2*c.s.BoxPad, H: r.Height + c.s.BoxPad - top}, Color: b.Color}
		if b.Label != "" {
			st := TextStyle{Size: c.s.NoteFontSize, Bold: true}
			lh := c.lh(st.Size)
			tw := c.m.Width(b.Label, st)
			g.Label = &Text{Lines: lines(b.Label), X: (x1 + x2) / 2, Y: top + c.s.TabPadY + lh*c.s.Baseline, Anchor: Middle, Style: st, LineHeight: lh,
				Box: Rect{X: (x1+x2)/2 - tw/2, Y: top + c.s.TabPadY, W: tw, H: lh}}
		}
		r.Groups = append(r.Groups, g)
	}
	if len(r.Groups) > 0 {
		r.Height += c.s.BoxPad
	}
	minX, maxX := c.extent()
	dx := c.s.Margin - minX
	c.shift(dx)
	r.Width = math.Ceil(maxX - minX + 2*c.s.Margin)
	r.Height = math.Ceil(r.Height + c.s.Margin)
	for i := range r.Phases {
		p := &r.Phases[i]
		p.X1, p.X2 = c.s.Margin/2, r.Width-c.s.Margin/2
		mid := r.Width / 2
		p.Label.X = mid
		p.Label.Box.X = mid - p.Label.Box.W/2
		p.Pill.X = mid - p.Pill.W/2
	}
	if r.Title != nil {
		r.Title.X = r.Width / 2
		r.Title.Box.X = r.Title.X - r.Title.Box.W/2
	}
}

// extent returns the leftmost and rightmost x of anything drawn.
func (c *ctx) extent() (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	add := func(x1, x2 float64) {
		lo, hi = math.Min(lo, x1), math.Max(hi, x2)
	}
	r := c.r
	for i, p := range r.Participants {
		add(p.Top.X, p.Top.Right())
		add(c.x[i]-c.leftExtra, c.x[i])
		add(c.x[i], c.x[i]+c.rightExtra)
		if i == 0 {
			add(c.x[i]-c.leftExtra, c.x[i])
		}
	}
	for _, m := range r.Messages {
		add(m.Label.Box.X, m.Label.Box.Right())
		for _, p := range m.Points {
			add(p.X, p.X)
		}
	}
	for _, n := range r.Notes {
		add(n.Rect.X, n.Rect.Right())
	}
	for _, f := range r.Frames {
		add(f.Rect.X, f.Rect.Right())
	}
	for _, g := range r.Groups {
		add(g.Rect.X, g.Rect.Right())
	}
	if r.Title != nil {
		mid := (lo + hi) / 2
		add(mid-r.Title.Box.W/2, mid+r.Title.Box.W/2)
	}
	for _, p := range r.Phases {
		mid := (lo + hi) / 2
		add(mid-p.Pill.W/2, mid+p.Pill.W/2)
	}
	if math.IsInf(lo, 1) {
		return 0, 0
	}
	return lo, hi
}

// shift moves every x by dx.
func (c *ctx) shift(dx float64) {
	r := c.r
	st := func(t *Text) {
		if t != nil {
			t.X += dx
			t.Box.X += dx
		}
	}
	for i := range r.Participants {
		p := &r.Participants[i]
		p.X += dx
		p.Top.X += dx
		st(&p.Label)
		if p.Bottom != nil {
			p.Bottom.X += dx
			st(p.BottomLabel)
		}
	}
	for i := range r.Messages {
		m := &r.Messages[i]
		for j := range m.Points {
			m.Points[j].X += dx
		}
		st(&m.Label)
		if m.Badge != nil {
			m.Badge.Rect.X += dx
			m.Badge.TextX += dx
		}
	}
	for i := range r.Notes {
		r.Notes[i].Rect.X += dx
		st(&r.Notes[i].Text)
	}
	for i := range r.Activations {
		r.Activations[i].X += dx
	}
	for i := range r.Frames {
		f := &r.Frames[i]
		f.Rect.X += dx
		f.Tab.X += dx
		st(&f.Keyword)
		st(f.Label)
		for j := range f.Sections {
			st(f.Sections[j].Label)
		}
	}
	for i := range r.Groups {
		r.Groups[i].Rect.X += dx
		st(r.Groups[i].Label)
	}
	for i := range c.x {
		c.x[i] += dx
	}
}
