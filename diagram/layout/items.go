package layout

import (
	"math"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// sweep is the state of the walk down the items.
type sweep struct {
	y        float64         // top of the next item's band
	lastY    float64         // y of the last arrow drawn
	lastEnd  float64         // where it ends: lastY, or a self-message's loop bottom
	lastMsg  *model.Message  // the last message
	active   [][]float64     // per participant: start y of each open activation bar
	frames   []*openFrame    // open blocks, innermost last
	doomed   map[int]bool    // destroyed participants waiting for their last message
	headTop  float64         // top of the participant boxes
	headH    float64         // height of the tallest participant box
	created  map[int]float64 // created participants: top of their box
	frameOut []Frame
}

type openFrame struct {
	f          Frame
	minX, maxX float64
}

func (w *sweep) grow(x1, x2 float64) {
	for _, f := range w.frames {
		f.minX = math.Min(f.minX, x1)
		f.maxX = math.Max(f.maxX, x2)
	}
}

// placeItems walks the items top to bottom. Every item gets a band of its
// own (label above arrow, note, frame header, divider) and the next starts
// ItemGap lower, so texts never share height.
func (c *ctx) placeItems() {
	n := len(c.d.Participants)
	w := &sweep{active: make([][]float64, n), doomed: map[int]bool{}, created: map[int]float64{}}
	y := c.s.Margin
	if c.d.Title != "" {
		st := TextStyle{Size: c.s.TitleFontSize, Bold: true}
		ls := lines(c.d.Title)
		h := float64(len(ls)) * c.lh(st.Size)
		c.r.Title = &Text{Lines: ls, Anchor: Middle, Style: st, LineHeight: c.lh(st.Size), Y: y + c.lh(st.Size)*c.s.Baseline,
			Box: Rect{Y: y, W: c.maxWidth(ls, st), H: h}}
		y += h + c.s.ItemGap
	}
	if c.hasLabelledGroup() {
		y += c.lh(c.s.NoteFontSize) + c.s.BoxPad
	}
	for i, p := range c.d.Participants {
		if !p.Created {
			w.headH = math.Max(w.headH, c.head[i].h)
		}
	}
	w.headTop, c.headTop = y, y
	c.r.Participants = make([]Participant, n)
	for i, p := range c.d.Participants {
		rp := &c.r.Participants[i]
		rp.ID, rp.Kind, rp.X, rp.Links = p.ID, p.Kind, c.x[i], p.Links
		if !p.Created {
			c.placeHead(i, y+w.headH-c.head[i].h)
		}
	}
	w.y = y + w.headH + c.s.ItemGap
	w.lastY, w.lastEnd = w.y, w.y
	for _, it := range c.d.Items {
		c.item(w, it)
	}
	c.r.Frames = w.frameOut
	c.endActivations(w)
	c.bottom(w)
}

// placeHead puts participant i's box with its top at y; its lifeline
// starts under it.
func (c *ctx) placeHead(i int, y float64) {
	rp := &c.r.Participants[i]
	h := c.head[i]
	rp.Top = Rect{X: c.x[i] - h.w/2, Y: y, W: h.w, H: h.h}
	rp.Label = c.headLabel(i, rp.Top)
	rp.Y1 = rp.Top.Bottom()
}

func (c *ctx) headLabel(i int, r Rect) Text {
	h := c.head[i]
	lh := c.lh(c.s.FontSize)
	top := r.Y + c.s.ActorPadY
	if h.icon {
		top += c.s.IconHeight
	}
	tw := c.maxWidth(h.lines, c.headStyle())
	return Text{Lines: h.lines, X: c.x[i], Y: top + lh*c.s.Baseline, Anchor: Middle, Style: c.headStyle(), LineHeight: lh,
		Box: Rect{X: c.x[i] - tw/2, Y: top, W: tw, H: float64(len(h.lines)) * lh}}
}

func (c *ctx) hasLabelledGroup() bool {
	for _, b := range c.d.Boxes {
		if b.Label != "" {
			return true
		}
	}
	return false
}

func (c *ctx) item(w *sweep, it model.Item) {
	switch it := it.(type) {
	case *model.Message:
		c.message(w, it)
	case *model.Note:
		c.note(w, it)
	case *model.BlockStart:
		c.blockStart(w, it)
	case *model.BlockSection:
		c.blockSection(w, it)
	case *model.BlockEnd:
		c.blockEnd(w)
	case *model.Activation:
		i := c.index[it.Participant]
		if it.Active {
			start := w.y - c.s.ItemGap/2
			if w.lastMsg != nil && (w.lastMsg.To == it.Participant || w.lastMsg.From == it.Participant) {
				start = w.lastEnd
			}
			w.active[i] = append(w.active[i], start)
		} else if len(w.active[i]) > 0 {
			// A bar ends where the last arrow that touched it ends: a
			// self-message's loop comes back onto the bar (Mermaid).
			end := w.y - c.s.ItemGap/2
			if w.lastMsg != nil && (w.lastMsg.To == it.Participant || w.lastMsg.From == it.Participant) {
				end = w.lastEnd
			}
			c.closeBar(w, i, end)
		}
	case *model.Create:
		i := c.index[it.Participant]
		top := w.y + c.s.CreateGap
		c.placeHead(i, top)
		w.grow(c.r.Participants[i].Top.X, c.r.Participants[i].Top.Right())
		w.y = top + c.head[i].h + c.s.ItemGap
	case *model.Destroy:
		w.doomed[c.index[it.Participant]] = true
	case *model.Phase:
		c.phase(w, it)
	}
}

// closeBar ends the newest activation bar of participant i at y.
func (c *ctx) closeBar(w *sweep, i int, y float64) {
	st := w.active[i]
	start := st[len(st)-1]
	w.active[i] = st[:len(st)-1]
	depth := len(st) - 1
	x := c.x[i] - c.s.ActivationWidth/2 + float64(depth)*c.s.ActivationStep
	h := math.Max(y-start, c.s.ItemGap)
	c.r.Activations = append(c.r.Activations, Rect{X: x, Y: start, W: c.s.ActivationWidth, H: h})
	w.grow(x, x+c.s.ActivationWidth)
}

// endActivations closes the bars still open at the bottom.
func (c *ctx) endActivations(w *sweep) {
	for i := range w.active {
		for len(w.active[i]) > 0 {
			c.closeBar(w, i, w.y-c.s.ItemGap/2)
		}
	}
}

// edge returns where an arrow meets participant i coming from the side
// of x: the lifeline, or the outer edge of its activation bars.
func (c *ctx) edge(w *sweep, i int, from float64) float64 {
	depth := len(w.active[i])
	if depth == 0 {
		return c.x[i]
	}
	if from < c.x[i] {
		return c.x[i] - c.s.ActivationWidth/2
	}
	return c.x[i] + c.s.ActivationWidth/2 + float64(depth-1)*c.s.ActivationStep
}

// message places an arrow with its label above it and its badge on its
// start:
//
//	      label text
//	(3)------------------>
func (c *ctx) message(w *sweep, m *model.Message) {
	a, b := c.index[m.From], c.index[m.To]
	t := c.texts[m]
	st := c.msgStyle()
	lh := c.lh(st.Size)
	arrowY := w.y + t.h + c.s.LabelGap
	if t.h == 0 {
		arrowY = w.y + c.s.BadgeRadius
	}
	rm := Message{Arrow: m.Arrow, Implied: m.Implied, From: a, To: b, Self: a == b, Link: m.Link, ID: m.ID, AccDetail: m.AccDetail}
	closeFrom := m.Deactivate && len(w.active[a]) > 0
	badge := c.badges[m]
	bw := c.badgeWidth(badge)
	var x1 float64
	if a == b {
		x1 = c.edge(w, a, c.x[a]+1)
		x2 := x1 + c.s.SelfWidth
		rm.Points = []Point{{x1, arrowY}, {x2, arrowY}, {x2, arrowY + c.s.SelfHeight}, {x1, arrowY + c.s.SelfHeight}}
		lx := x1 + c.s.LabelGap*2 + bw/2
		rm.Label = Text{Lines: t.lines, X: lx, Y: w.y + lh*c.s.Baseline, Anchor: Start, Style: st, LineHeight: lh,
			Box: Rect{X: lx, Y: w.y, W: t.w, H: t.h}, Tooltip: t.tooltip}
		w.grow(c.x[a], math.Max(x2, lx+t.w))
		w.y = arrowY + c.s.SelfHeight + c.s.ItemGap
	} else {
		x1 = c.edge(w, a, c.x[b])
		if m.Activate {
			w.active[b] = append(w.active[b], arrowY)
		}
		x2 := c.edge(w, b, c.x[a])
		rm.Points = []Point{{x1, arrowY}, {x2, arrowY}}
		// Centred by default; messageAlign moves the label to an end,
		// clear of the badges the span left room for.
		lo, hi := math.Min(c.x[a], c.x[b]), math.Max(c.x[a], c.x[b])
		tx, anchor, boxX := (lo+hi)/2, Middle, (lo+hi)/2-t.w/2
		inset := c.s.LabelPadX + bw + c.s.ActivationWidth/2
		switch c.d.Config.MessageAlign {
		case "left":
			tx, anchor, boxX = lo+inset, Start, lo+inset
		case "right":
			tx, anchor, boxX = hi-inset, End, hi-inset-t.w
		}
		rm.Label = Text{Lines: t.lines, X: tx, Y: w.y + lh*c.s.Baseline, Anchor: anchor, Style: st, LineHeight: lh,
			Box: Rect{X: boxX, Y: w.y, W: t.w, H: t.h}, Tooltip: t.tooltip}
		w.grow(math.Min(x1, x2), math.Max(x1, x2))
		w.y = arrowY + c.s.BadgeRadius + c.s.ItemGap
	}
	if m.Activate && a == b {
		w.active[b] = append(w.active[b], arrowY+c.s.SelfHeight)
	}
	if badge != "" {
		// The badge sits on the arrow's start, like Mermaid's numbers;
		// when something is drawn there (a tail head, a central circle,
		// the cross of a sender destroyed by this message) it moves along
		// the arrow, into the room the label left free.
		bx := x1
		if m.Arrow.Tail != model.HeadNone || m.Arrow.CentralFrom || w.doomed[a] {
			dir := 1.0
			if a == b || c.x[b] < c.x[a] {
				dir = -1 // self-messages: left, away from their label
			}
			bx += dir * (bw/2 + c.s.BadgePadX + c.s.BadgeShift)
		}
		bs := c.badgeStyle()
		rm.Badge = &Badge{Rect: Rect{X: bx - bw/2, Y: arrowY - c.s.BadgeRadius, W: bw, H: 2 * c.s.BadgeRadius},
			Text: badge, TextX: bx, TextY: arrowY + bs.Size*c.s.CentreBase, Size: bs.Size}
		w.grow(bx-bw/2, bx+bw/2)
	}
	for _, i := range []int{a, b} {
		if w.doomed[i] {
			delete(w.doomed, i)
			c.r.Participants[i].Destroyed = true
			c.r.Participants[i].Y2 = arrowY
		}
	}
	w.lastY, w.lastEnd, w.lastMsg = arrowY, arrowY, m
	if a == b {
		w.lastEnd = arrowY + c.s.SelfHeight
	}
	c.r.Messages = append(c.r.Messages, rm)
	if closeFrom {
		c.closeBar(w, a, w.lastEnd)
	}
}

// note places a note box in its own band.
func (c *ctx) note(w *sweep, n *model.Note) {
	t := c.texts[n]
	st := c.noteStyle()
	lh := c.lh(st.Size)
	bw := t.w + 2*c.s.NotePadX
	h := math.Max(t.h, lh) + 2*c.s.NotePadY
	a := c.index[n.Participants[0]]
	var x float64
	switch {
	case n.Placement == model.RightOf:
		x = math.Max(c.x[a]+c.s.ActivationWidth/2, c.edge(w, a, math.Inf(1))) + c.s.NoteGap
	case n.Placement == model.LeftOf:
		x = c.x[a] - c.s.ActivationWidth/2 - c.s.NoteGap - bw
	case len(n.Participants) == 2:
		b := c.index[n.Participants[1]]
		l, r := math.Min(c.x[a], c.x[b]), math.Max(c.x[a], c.x[b])
		if r-l+2*c.s.NoteOver > bw {
			bw = r - l + 2*c.s.NoteOver
		}
		x = (l+r)/2 - bw/2
	default:
		bw = math.Max(bw, 2*c.s.NoteOver)
		x = c.x[a] - bw/2
	}
	rect := Rect{X: x, Y: w.y, W: bw, H: h}
	tx, anchor := x+bw/2, Middle
	switch c.d.Config.NoteAlign {
	case "left":
		tx, anchor = x+c.s.NotePadX, Start
	case "right":
		tx, anchor = x+bw-c.s.NotePadX, End
	}
	boxX := tx - t.w/2
	if anchor == Start {
		boxX = tx
	} else if anchor == End {
		boxX = tx - t.w
	}
	c.r.Notes = append(c.r.Notes, Note{Rect: rect, Text: Text{Lines: t.lines, X: tx, Y: w.y + c.s.NotePadY + lh*c.s.Baseline,
		Anchor: anchor, Style: st, LineHeight: lh, Box: Rect{X: boxX, Y: w.y + c.s.NotePadY, W: t.w, H: t.h}, Tooltip: t.tooltip}, ID: n.ID, Link: n.Link})
	w.grow(rect.X, rect.Right())
	w.y += h + c.s.ItemGap
}

// phase places a full-width divider; its ends are set in finish, once the
// width is known.
func (c *ctx) phase(w *sweep, p *model.Phase) {
	st := TextStyle{Size: c.s.NoteFontSize, Bold: true}
	lh := c.lh(st.Size)
	tw := c.m.Width(p.Label, st)
	mid := w.y + c.s.PhaseHeight/2
	c.r.Phases = append(c.r.Phases, Phase{Y: mid, Label: Text{Lines: []string{p.Label}, Anchor: Middle, Style: st, LineHeight: lh,
		Y: mid + st.Size*c.s.CentreBase, Box: Rect{Y: mid - lh/2, W: tw, H: lh}},
		Pill: Rect{Y: mid - lh/2 - c.s.TabPadY, W: tw + 4*c.s.TabPadX, H: lh + 2*c.s.TabPadY}})
	w.y += c.s.PhaseHeight + c.s.ItemGap
}
