package svg

import (
	"fmt"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/model"
)

// markerShapes draws each arrow head in a 10×10 box whose tip is at
// (refX, 5), pointing right; "auto-start-reverse" turns it for tails.
var markerShapes = map[model.Head]struct {
	name, class, shape string
	refX               int
}{
	model.HeadFilled:      {"f", "mk", `<path d="M0 1L10 5L0 9z"/>`, 10},
	model.HeadOpen:        {"o", "mo", `<path d="M1 1L9 5L1 9"/>`, 9},
	model.HeadCross:       {"x", "mo", `<path d="M1 1L9 9M9 1L1 9"/>`, 5},
	model.HeadHalfTop:     {"ht", "mk", `<path d="M0 1L10 5H0z"/>`, 10},
	model.HeadHalfBottom:  {"hb", "mk", `<path d="M0 9L10 5H0z"/>`, 10},
	model.HeadStickTop:    {"st", "mo", `<path d="M1 1L9 5"/>`, 9},
	model.HeadStickBottom: {"sb", "mo", `<path d="M1 9L9 5"/>`, 9},
}

func markerID(h model.Head, implied bool) string {
	s := markerShapes[h].name
	if implied {
		s += "i"
	}
	return s
}

// markers defines the arrow heads the messages use, and no others.
func (d *drawing) markers() {
	used := map[string]bool{}
	var order []string
	type mk struct {
		h       model.Head
		implied bool
	}
	defs := map[string]mk{}
	for _, m := range d.r.Messages {
		for _, h := range []model.Head{m.Arrow.Head, m.Arrow.Tail} {
			if h == model.HeadNone {
				continue
			}
			id := markerID(h, m.Implied)
			if !used[id] {
				used[id] = true
				order = append(order, id)
				defs[id] = mk{h, m.Implied}
			}
		}
	}
	if len(order) == 0 {
		return
	}
	d.s("<defs>")
	for _, id := range order {
		m := defs[id]
		s := markerShapes[m.h]
		class := s.class
		if m.implied {
			class = map[string]string{"mk": "mi", "mo": "moi"}[class]
		}
		d.s(`<marker id="`)
		d.text(d.id)
		d.s("-" + id)
		d.s(fmt.Sprintf(`" class="%s" viewBox="0 0 10 10" refX="%d" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse">`, class, s.refX))
		d.s(s.shape)
		d.s("</marker>")
	}
	d.s("</defs>\n")
}

func (d *drawing) markerRef(attr string, h model.Head, implied bool) {
	if h == model.HeadNone {
		return
	}
	d.s(" ")
	d.s(attr)
	d.s(`="url(#`)
	d.text(d.id)
	d.s("-")
	d.s(markerShapes[h].name)
	if implied {
		d.s("i")
	}
	d.s(`)"`)
}

// message draws an arrow, its central circles, its label and its badge;
// with a Link, inside an <a> named for assistive technology, with a wide
// invisible stroke that takes the clicks; with an ID, inside an element
// with that id.
func (d *drawing) message(m *layout.Message) {
	class := "m"
	if m.Arrow.Dotted {
		class += " d"
	}
	if m.Implied {
		class += " i"
	}
	link := safeURL(m.Link)
	switch {
	case link != "":
		d.openLink(link, m.ID, d.accName(m))
		d.s(`<path class="hit" d="`)
		d.points(m.Points)
		d.s(`"/>`)
	case m.ID != "":
		d.s(`<g id="`)
		d.text(d.id + "-" + m.ID)
		d.s(`">`)
	}
	d.s(`<path class="`)
	d.s(class)
	d.s(`" d="`)
	d.points(m.Points)
	d.s(`"`)
	d.markerRef("marker-end", m.Arrow.Head, m.Implied)
	d.markerRef("marker-start", m.Arrow.Tail, m.Implied)
	d.s("/>")
	if m.Arrow.CentralFrom {
		d.circle(m.Points[0])
	}
	if m.Arrow.CentralTo {
		d.circle(m.Points[len(m.Points)-1])
	}
	lc := "t"
	if m.Implied {
		lc = "t it"
	}
	d.textEl(lc, &m.Label)
	if bd := m.Badge; bd != nil {
		bc := "b"
		if m.Implied {
			bc = "i2"
		}
		if bd.Rect.W <= bd.Rect.H+0.1 {
			d.s(`<circle class="` + bc + `"`)
			d.attr("cx", bd.TextX)
			d.attr("cy", bd.Rect.Y+bd.Rect.H/2)
			d.attr("r", bd.Rect.H/2)
			d.s("/>")
		} else {
			d.rect(bc, bd.Rect, bd.Rect.H/2)
		}
		d.s(`<text class="bt"`)
		d.attr("x", bd.TextX)
		d.attr("y", bd.TextY)
		d.s(">")
		d.text(bd.Text)
		d.s("</text>")
	}
	switch {
	case link != "":
		d.s("</a>")
	case m.ID != "":
		d.s("</g>")
	}
	d.s("\n")
}

// points writes a path's data: M, then H or V for straight segments.
func (d *drawing) points(pts []layout.Point) {
	for i, p := range pts {
		if i == 0 {
			d.s("M")
			d.n(p.X)
			d.s(" ")
			d.n(p.Y)
			continue
		}
		prev := pts[i-1]
		switch {
		case p.Y == prev.Y:
			d.s("H")
			d.n(p.X)
		case p.X == prev.X:
			d.s("V")
			d.n(p.Y)
		default:
			d.s("L")
			d.n(p.X)
			d.s(" ")
			d.n(p.Y)
		}
	}
}

// accName is a linked message's accessible name: what it shows, its label
// and its badge in drawing order, then its AccDetail, else "Browser to
// ALB" (the first line of each participant's label; "implied" for an
// exchange the diagram only infers): "GET / #1: Browser to ALB".
// openLink starts an <a> to link (safe already), with the id of the item
// id when it has one, named name for assistive technology.
func (d *drawing) openLink(link, id, name string) {
	d.s(`<a href="`)
	d.text(link)
	d.s(`"`)
	if id != "" {
		d.s(` id="`)
		d.text(d.id + "-" + id)
		d.s(`"`)
	}
	d.s(` aria-label="`)
	d.text(name)
	d.s(`">`)
}

func (d *drawing) accName(m *layout.Message) string {
	shown := strings.Join(m.Label.Lines, " ")
	if m.Badge != nil {
		shown = strings.TrimSpace(shown + " " + m.Badge.Text)
	}
	detail := m.AccDetail
	if detail == "" {
		name := func(i int) string {
			if i < 0 || i >= len(d.r.Participants) || len(d.r.Participants[i].Label.Lines) == 0 {
				return "?"
			}
			return d.r.Participants[i].Label.Lines[0]
		}
		detail = name(m.From) + " to " + name(m.To)
		if m.Implied {
			detail += " (implied)"
		}
	}
	if shown == "" {
		return detail
	}
	return shown + ": " + detail
}

func (d *drawing) circle(p layout.Point) {
	d.s(`<circle class="mo"`)
	d.attr("cx", p.X)
	d.attr("cy", p.Y)
	d.s(` r="4"/>`)
}
