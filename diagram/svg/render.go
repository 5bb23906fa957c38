package svg

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/model"
)

// Options tune Render. The zero value draws an "auto" theme with the id
// prefix "sd".
type Options struct {
	// Theme is "auto" (light, or dark when the reader prefers it), "light"
	// or "dark". "" means "auto".
	Theme string
	// ID prefixes the ids inside the SVG (markers, title), so that several
	// diagrams can sit inline in one page. "" means "sd".
	ID string
}

// Render writes r as an SVG document to w.
func Render(w io.Writer, r *layout.Result, opts Options) error {
	o := &out{b: getBuf(6<<10 + len(r.Messages)*420 + len(r.Notes)*200)}
	defer putBuf(o)
	theme := opts.Theme
	if theme != "light" && theme != "dark" {
		theme = "auto"
	}
	id := opts.ID
	if id == "" {
		id = "sd"
	}
	d := &drawing{out: o, r: r, id: id}
	d.svg(theme)
	_, err := w.Write(o.b)
	return err
}

// bufs recycles output buffers: rendering then allocates little, so the
// garbage collector (and its write barriers) rarely runs during a render.
var bufs sync.Pool

func getBuf(size int) []byte {
	if b, ok := bufs.Get().(*[]byte); ok && cap(*b) >= size {
		return (*b)[:0]
	}
	return make([]byte, 0, size)
}

func putBuf(o *out) {
	if cap(o.b) <= 1<<20 {
		b := o.b[:0]
		bufs.Put(&b)
	}
	o.b = nil
}

type drawing struct {
	*out
	r  *layout.Result
	id string
}

func (d *drawing) svg(theme string) {
	r := d.r
	d.s(`<svg xmlns="http://www.w3.org/2000/svg" class="sd sd-`)
	d.s(theme)
	if d.interactive() {
		// Links inside an image would be hidden from assistive technology
		// (an image's children are presentational): a diagram with links
		// is a group, named by its title and described by its description.
		d.s(`" role="group" aria-labelledby="`)
		d.text(d.id)
		d.s(`-t" aria-describedby="`)
	} else {
		d.s(`" role="img" aria-labelledby="`)
		d.text(d.id)
		d.s(`-t `)
	}
	d.text(d.id)
	d.s(`-d" viewBox="0 0 `)
	d.n(r.Width)
	d.s(" ")
	d.n(r.Height)
	d.s(`"`)
	d.attr("width", r.Width)
	d.attr("height", r.Height)
	d.s(`><title id="`)
	d.text(d.id)
	d.s(`-t">`)
	d.text(title(r))
	d.s(`</title><desc id="`)
	d.text(d.id)
	d.s(`-d">`)
	d.text(describe(r))
	d.s("</desc>\n<style>")
	d.s(style(theme))
	if d.interactive() || d.named() {
		d.s(linkStyle(theme))
	}
	d.s("</style>\n")
	d.markers()
	d.s(`<rect class="bg" width="100%" height="100%"/>` + "\n")
	d.groups()
	d.frames(true)
	d.lifelines()
	d.frames(false)
	for _, a := range r.Activations {
		d.rect("a", a, 0)
		d.s("\n")
	}
	d.phases()
	for i := range r.Messages {
		d.message(&r.Messages[i])
	}
	d.notes()
	d.participants()
	if r.Title != nil {
		d.textEl("ti", r.Title)
		d.s("\n")
	}
	d.s("</svg>\n")
}

// interactive reports whether the diagram holds links: a message's or a
// participant's.
func (d *drawing) interactive() bool {
	for i := range d.r.Messages {
		if safeURL(d.r.Messages[i].Link) != "" {
			return true
		}
	}
	for i := range d.r.Participants {
		if len(d.r.Participants[i].Links) > 0 && safeURL(d.r.Participants[i].Links[0].URL) != "" {
			return true
		}
	}
	for i := range d.r.Notes {
		if safeURL(d.r.Notes[i].Link) != "" {
			return true
		}
	}
	return false
}

// named reports whether a message or a note has an ID, for a page to
// highlight.
func (d *drawing) named() bool {
	for i := range d.r.Messages {
		if d.r.Messages[i].ID != "" {
			return true
		}
	}
	for i := range d.r.Notes {
		if d.r.Notes[i].ID != "" {
			return true
		}
	}
	return false
}

func title(r *layout.Result) string {
	switch {
	case r.AccTitle != "":
		return r.AccTitle
	case r.Title != nil:
		return strings.Join(r.Title.Lines, " ")
	}
	return "Sequence diagram"
}

// describe returns the accessible description: the one given, or a
// summary of who takes part.
func describe(r *layout.Result) string {
	if r.AccDescr != "" {
		return r.AccDescr
	}
	names := make([]string, len(r.Participants))
	for i, p := range r.Participants {
		names[i] = strings.Join(p.Label.Lines, " ")
	}
	return fmt.Sprintf("Sequence diagram: %d participants (%s), %d messages, %d notes.",
		len(names), strings.Join(names, ", "), len(r.Messages), len(r.Notes))
}

// rect writes <rect class=… x y width height [rx]/>.
func (d *drawing) rect(class string, r layout.Rect, rx float64) {
	d.s(`<rect class="`)
	d.s(class)
	d.s(`"`)
	d.attr("x", r.X)
	d.attr("y", r.Y)
	d.attr("width", r.W)
	d.attr("height", r.H)
	if rx > 0 {
		d.attr("rx", rx)
	}
	d.s("/>")
}

// textEl writes a text block; each line after the first is a tspan with
// its own x and y, so that empty lines keep their height.
func (d *drawing) textEl(class string, t *layout.Text) {
	if len(t.Lines) == 0 {
		return
	}
	if t.Tooltip != "" {
		d.s("<g><title>")
		d.text(t.Tooltip)
		d.s("</title>")
	}
	d.s(`<text class="`)
	d.s(class)
	switch t.Anchor {
	case layout.Start:
		d.s(" s")
	case layout.End:
		d.s(" e")
	}
	d.s(`"`)
	d.attr("x", t.X)
	d.attr("y", t.Y)
	d.s(">")
	d.text(t.Lines[0])
	for i, l := range t.Lines[1:] {
		d.s("<tspan")
		d.attr("x", t.X)
		d.attr("y", t.Y+float64(i+1)*t.LineHeight)
		d.s(">")
		d.text(l)
		d.s("</tspan>")
	}
	d.s("</text>")
	if t.Tooltip != "" {
		d.s("</g>")
	}
}

func (d *drawing) path(class, data string) {
	d.s(`<path class="`)
	d.s(class)
	d.s(`" d="`)
	d.s(data)
	d.s(`"/>`)
}

// num formats a number the one way numbers are printed (see out.n).
func (d *drawing) num(f float64) string {
	return string(appendNum(nil, f))
}

func (d *drawing) lifelines() {
	var b strings.Builder
	for _, p := range d.r.Participants {
		if p.Y2 <= p.Y1 {
			continue
		}
		fmt.Fprintf(&b, "M%sV%s", d.num(p.X)+" "+d.num(p.Y1), d.num(p.Y2))
	}
	if b.Len() > 0 {
		d.path("life", b.String())
		d.s("\n")
	}
	for _, p := range d.r.Participants {
		if p.Destroyed {
			d.path("x", fmt.Sprintf("M%s %sl14 14m0-14l-14 14", d.num(p.X-7), d.num(p.Y2-7)))
		}
	}
}

func (d *drawing) groups() {
	for _, g := range d.r.Groups {
		d.s(`<rect class="g"`)
		d.attr("x", g.Rect.X)
		d.attr("y", g.Rect.Y)
		d.attr("width", g.Rect.W)
		d.attr("height", g.Rect.H)
		d.s(` rx="6"`)
		if c := safeColor(g.Color); c != "" {
			d.s(` fill="`)
			d.text(c)
			d.s(`" fill-opacity=".35"`)
		} else {
			d.s(` fill="none"`)
		}
		d.s("/>")
		if g.Label != nil {
			d.textEl("gt", g.Label)
		}
		d.s("\n")
	}
}

// frames draws the rect backgrounds (first pass) or the framed blocks.
func (d *drawing) frames(backgrounds bool) {
	for i := range d.r.Frames {
		f := &d.r.Frames[i]
		if (f.Kind == model.Rect) != backgrounds {
			continue
		}
		if backgrounds {
			d.s(`<rect class="rb"`)
			d.attr("x", f.Rect.X)
			d.attr("y", f.Rect.Y)
			d.attr("width", f.Rect.W)
			d.attr("height", f.Rect.H)
			c := safeColor(f.Color)
			if c == "" {
				c = "#8882"
			}
			d.s(` fill="`)
			d.text(c)
			d.s(`" fill-opacity=".5"/>` + "\n")
			continue
		}
		d.rect("f", f.Rect, 0)
		t := f.Tab
		d.path("ft", fmt.Sprintf("M%s %sh%sv%sl-5 5H%sz", d.num(t.X), d.num(t.Y), d.num(t.W), d.num(t.H-5), d.num(t.X)))
		d.textEl("fk", &f.Keyword)
		if f.Label != nil {
			d.textEl("fl", f.Label)
		}
		for _, s := range f.Sections {
			d.path("fs", fmt.Sprintf("M%s %sH%s", d.num(f.Rect.X), d.num(s.Y), d.num(f.Rect.Right())))
			if s.Label != nil {
				d.textEl("fl", s.Label)
			}
		}
		d.s("\n")
	}
}

func (d *drawing) phases() {
	for i := range d.r.Phases {
		p := &d.r.Phases[i]
		d.path("ph", fmt.Sprintf("M%s %sH%s", d.num(p.X1), d.num(p.Y), d.num(p.X2)))
		d.rect("pp", p.Pill, p.Pill.H/2)
		d.textEl("pt", &p.Label)
		d.s("\n")
	}
}

func (d *drawing) notes() {
	for i := range d.r.Notes {
		n := &d.r.Notes[i]
		link := safeURL(n.Link)
		switch {
		case link != "": // named by its text, as a message by its label
			d.openLink(link, n.ID, strings.Join(n.Text.Lines, " "))
		case n.ID != "":
			d.s(`<g id="`)
			d.text(d.id + "-" + n.ID)
			d.s(`">`)
		}
		d.rect("n", n.Rect, 2)
		d.textEl("nt", &n.Text)
		switch {
		case link != "":
			d.s("</a>")
		case n.ID != "":
			d.s("</g>")
		}
		d.s("\n")
	}
}
