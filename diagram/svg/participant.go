package svg

import (
	"fmt"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/model"
)

// participants draws every participant box, top and bottom.
func (d *drawing) participants() {
	for i := range d.r.Participants {
		p := &d.r.Participants[i]
		if p.Top.W > 0 {
			d.head(p, p.Top, &p.Label, "pl", true)
		}
		if p.Bottom != nil {
			d.head(p, *p.Bottom, p.BottomLabel, "pl pb", false)
		}
	}
}

// iconH is the height of the symbol drawn above the name of actors and
// the UML kinds; it matches Spacing.IconHeight's default loosely: the
// symbol is centred in the room the layout left.
func (d *drawing) head(p *layout.Participant, r layout.Rect, label *layout.Text, class string, top bool) {
	link := ""
	if top && len(p.Links) > 0 {
		link = safeURL(p.Links[0].URL)
	}
	if link != "" {
		d.s(`<a href="`)
		d.text(link)
		d.s(`"><title>`)
		var ls []string
		for _, l := range p.Links {
			ls = append(ls, l.Label+": "+l.URL)
		}
		d.text(strings.Join(ls, "\n"))
		d.s("</title>")
	}
	cx := r.X + r.W/2
	iconBottom := label.Box.Y - 4
	switch p.Kind {
	case model.KindActor:
		y := iconBottom - 28
		d.s(fmt.Sprintf(`<circle class="ic" cx="%s" cy="%s" r="5"/>`, d.num(cx), d.num(y+5)))
		d.path("ic", fmt.Sprintf("M%s %sv10m-9-6h18m-9 6l-7 8m7-8l7 8", d.num(cx), d.num(y+10)))
	case model.KindBoundary:
		cy := iconBottom - 12
		d.s(fmt.Sprintf(`<circle class="p" cx="%s" cy="%s" r="10"/>`, d.num(cx+5), d.num(cy)))
		d.path("ic", fmt.Sprintf("M%s %sv20m0-10h10", d.num(cx-14), d.num(cy-10)))
	case model.KindControl:
		cy := iconBottom - 12
		d.s(fmt.Sprintf(`<circle class="p" cx="%s" cy="%s" r="10"/>`, d.num(cx), d.num(cy)))
		d.path("ic", fmt.Sprintf("M%s %sl-5-4m5 4l-5 4", d.num(cx+3), d.num(cy-10)))
	case model.KindEntity:
		cy := iconBottom - 14
		d.s(fmt.Sprintf(`<circle class="p" cx="%s" cy="%s" r="10"/>`, d.num(cx), d.num(cy)))
		d.path("ic", fmt.Sprintf("M%s %sh20", d.num(cx-10), d.num(cy+12)))
	case model.KindDatabase:
		e := 6.0
		d.path("p", fmt.Sprintf("M%s %sa%s %s 0 0 0 %s 0v%sa%s %s 0 0 1 -%s 0z",
			d.num(r.X), d.num(r.Y+e), d.num(r.W/2), d.num(e), d.num(r.W), d.num(r.H-2*e), d.num(r.W/2), d.num(e), d.num(r.W)))
		d.s(fmt.Sprintf(`<ellipse class="p" cx="%s" cy="%s" rx="%s" ry="%s"/>`, d.num(cx), d.num(r.Y+e), d.num(r.W/2), d.num(e)))
	case model.KindCollections:
		d.rect("p", layout.Rect{X: r.X + 4, Y: r.Y - 4, W: r.W, H: r.H}, 3)
		d.rect("p", r, 3)
	case model.KindQueue:
		d.rect("p", r, r.H/2)
		d.path("ic", fmt.Sprintf("M%s %sa6 %s 0 0 0 0 %s", d.num(r.Right()-r.H/2+6), d.num(r.Y), d.num(r.H/2), d.num(r.H)))
	default:
		d.rect("p", r, 4)
	}
	if link != "" {
		class += " lk"
	}
	d.textEl(class, label)
	if link != "" {
		d.s("</a>")
	}
	d.s("\n")
}
