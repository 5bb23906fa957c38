package paint

import (
	"image/color"
	"math"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/model"
)

// Options tune PNG and PDF.
type Options struct {
	// Theme is "light" (also for "" and "auto": a file has no reader's
	// preference to follow) or "dark".
	Theme string
	// Scale is the PNG's pixels per CSS pixel of the layout (2 for a
	// sharp image on high-density screens); 0 means 1. PDF ignores it.
	Scale float64
}

// style is how a path is painted; a colour with A == 0 is not painted.
type style struct {
	fill, stroke color.NRGBA
	width        float64
	dash         []float64
}

// run is one line of text: X, Y its anchor on the baseline.
type run struct {
	x, y         float64
	s            string
	size         float64
	bold, italic bool
	anchor       layout.Anchor
	fill         color.NRGBA
	halo         color.NRGBA // a background under the line, so lines behind it do not cross it
}

// surface is what a scene is drawn on: pixels or PDF operators.
type surface interface {
	background(c color.NRGBA)
	path(p *path, st style)
	text(r run)
}

type pt = layout.Point

// op is one path command: 'M', 'L', 'C' (three points) or 'Z'.
type op struct {
	kind byte
	p    [3]pt
}

type path struct{ ops []op }

func (p *path) moveTo(x, y float64) *path {
	p.ops = append(p.ops, op{kind: 'M', p: [3]pt{{X: x, Y: y}}})
	return p
}
func (p *path) lineTo(x, y float64) *path {
	p.ops = append(p.ops, op{kind: 'L', p: [3]pt{{X: x, Y: y}}})
	return p
}
func (p *path) cubeTo(x1, y1, x2, y2, x, y float64) *path {
	p.ops = append(p.ops, op{kind: 'C', p: [3]pt{{X: x1, Y: y1}, {X: x2, Y: y2}, {X: x, Y: y}}})
	return p
}
func (p *path) close() *path { p.ops = append(p.ops, op{kind: 'Z'}); return p }

// kappa places the control points of a cubic quarter ellipse.
const kappa = 0.5522847498

// quarter appends a quarter ellipse from the current point (cx+rx·cos a0,
// …) to the next axis point, turning by +90° (dir 1) or −90° (dir −1).
func (p *path) arc(cx, cy, rx, ry, a0 float64, dir float64) *path {
	a1 := a0 + dir*math.Pi/2
	x0, y0 := cx+rx*math.Cos(a0), cy+ry*math.Sin(a0)
	x1, y1 := cx+rx*math.Cos(a1), cy+ry*math.Sin(a1)
	// tangents at the ends
	t0x, t0y := -rx*math.Sin(a0)*dir, ry*math.Cos(a0)*dir
	t1x, t1y := -rx*math.Sin(a1)*dir, ry*math.Cos(a1)*dir
	return p.cubeTo(x0+kappa*t0x, y0+kappa*t0y, x1-kappa*t1x, y1-kappa*t1y, round(x1), round(y1))
}

func round(f float64) float64 { return math.Round(f*1e6) / 1e6 }

func rectPath(r layout.Rect, rx float64) *path {
	p := &path{}
	rx = math.Min(rx, math.Min(r.W, r.H)/2)
	if rx <= 0 {
		return p.moveTo(r.X, r.Y).lineTo(r.Right(), r.Y).lineTo(r.Right(), r.Bottom()).lineTo(r.X, r.Bottom()).close()
	}
	p.moveTo(r.X+rx, r.Y).lineTo(r.Right()-rx, r.Y)
	p.arc(r.Right()-rx, r.Y+rx, rx, rx, -math.Pi/2, 1)
	p.lineTo(r.Right(), r.Bottom()-rx)
	p.arc(r.Right()-rx, r.Bottom()-rx, rx, rx, 0, 1)
	p.lineTo(r.X+rx, r.Bottom())
	p.arc(r.X+rx, r.Bottom()-rx, rx, rx, math.Pi/2, 1)
	p.lineTo(r.X, r.Y+rx)
	p.arc(r.X+rx, r.Y+rx, rx, rx, math.Pi, 1)
	return p.close()
}

func ellipsePath(cx, cy, rx, ry float64) *path {
	p := (&path{}).moveTo(cx+rx, cy)
	for i := 0; i < 4; i++ {
		p.arc(cx, cy, rx, ry, float64(i)*math.Pi/2, 1)
	}
	return p.close()
}

func line(x1, y1, x2, y2 float64) *path { return (&path{}).moveTo(x1, y1).lineTo(x2, y2) }

// palette is a theme's colours, as the SVG's CSS custom properties.
type palette struct {
	bg, fg, line, life, box, boxLine, note, noteLine, frame, tab, act, badge, badgeFg, implied, phase, pill color.NRGBA
}

func hex(s string) color.NRGBA {
	c, _ := parseColor(s)
	return c
}

func themePalette(theme string) palette {
	if theme == "dark" {
		return palette{hex("#0d1117"), hex("#e6edf3"), hex("#adbac7"), hex("#3d444d"), hex("#1c2340"), hex("#8193f0"),
			hex("#3a2f0b"), hex("#bb8009"), hex("#768390"), hex("#1c2128"), hex("#2a3356"), hex("#8193f0"), hex("#0d1117"),
			hex("#768390"), hex("#adbac7"), hex("#161b22")}
	}
	return palette{hex("#fff"), hex("#1f2328"), hex("#3d444d"), hex("#b1bac4"), hex("#eef1fc"), hex("#4f5fbf"),
		hex("#fff8c5"), hex("#c69026"), hex("#8c959f"), hex("#eaeef2"), hex("#dde3fa"), hex("#4f5fbf"), hex("#fff"),
		hex("#656d76"), hex("#57606a"), hex("#f6f8fa")}
}

var none color.NRGBA

func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(float64(c.A) * a))
	return c
}

// scene walks the layout in the SVG's painting order.
type scene struct {
	r   *layout.Result
	c   surface
	pal palette
}

func paintScene(r *layout.Result, s surface, theme string) {
	d := &scene{r: r, c: s, pal: themePalette(theme)}
	d.c.background(d.pal.bg)
	d.groups()
	d.frames(true)
	d.lifelines()
	d.frames(false)
	for _, a := range r.Activations {
		d.c.path(rectPath(a, 0), style{fill: d.pal.act, stroke: d.pal.boxLine, width: 1})
	}
	d.phases()
	for i := range r.Messages {
		d.message(&r.Messages[i])
	}
	for i := range r.Notes {
		n := &r.Notes[i]
		d.c.path(rectPath(n.Rect, 2), style{fill: d.pal.note, stroke: d.pal.noteLine, width: 1})
		d.text(&n.Text, d.pal.fg, false, none)
	}
	d.participants()
	if r.Title != nil {
		d.text(r.Title, d.pal.fg, false, none)
	}
}

// text draws a text block line by line.
func (d *scene) text(t *layout.Text, fill color.NRGBA, italic bool, halo color.NRGBA) {
	for i, l := range t.Lines {
		if l == "" {
			continue
		}
		d.c.text(run{x: t.X, y: t.Y + float64(i)*t.LineHeight, s: l, size: t.Style.Size, bold: t.Style.Bold,
			italic: italic, anchor: t.Anchor, fill: fill, halo: halo})
	}
}

func (d *scene) groups() {
	for _, g := range d.r.Groups {
		st := style{stroke: withAlpha(d.pal.frame, .5), width: 1}
		if c, ok := parseColor(g.Color); ok && g.Color != "" {
			st.fill = withAlpha(c, .35)
		}
		d.c.path(rectPath(g.Rect, 6), st)
		if g.Label != nil {
			d.text(g.Label, d.pal.fg, false, none)
		}
	}
}

func (d *scene) frames(backgrounds bool) {
	for i := range d.r.Frames {
		f := &d.r.Frames[i]
		if (f.Kind == model.Rect) != backgrounds {
			continue
		}
		if backgrounds {
			c, ok := parseColor(f.Color)
			if !ok || f.Color == "" {
				c = color.NRGBA{0x88, 0x88, 0x88, 0x22}
			}
			d.c.path(rectPath(f.Rect, 0), style{fill: withAlpha(c, .5)})
			continue
		}
		d.c.path(rectPath(f.Rect, 0), style{stroke: d.pal.frame, width: 1.2})
		t := f.Tab
		tab := (&path{}).moveTo(t.X, t.Y).lineTo(t.Right(), t.Y).lineTo(t.Right(), t.Bottom()-5).lineTo(t.Right()-5, t.Bottom()).lineTo(t.X, t.Bottom()).close()
		d.c.path(tab, style{fill: d.pal.tab, stroke: d.pal.frame, width: 1})
		d.text(&f.Keyword, d.pal.fg, false, none)
		if f.Label != nil {
			d.text(f.Label, d.pal.fg, true, d.pal.bg)
		}
		for _, s := range f.Sections {
			d.c.path(line(f.Rect.X, s.Y, f.Rect.Right(), s.Y), style{stroke: d.pal.frame, width: 1, dash: []float64{4, 3}})
			if s.Label != nil {
				d.text(s.Label, d.pal.fg, true, d.pal.bg)
			}
		}
	}
}

func (d *scene) lifelines() {
	for _, p := range d.r.Participants {
		if p.Y2 > p.Y1 {
			d.c.path(line(p.X, p.Y1, p.X, p.Y2), style{stroke: d.pal.life, width: 1.2})
		}
	}
	for _, p := range d.r.Participants {
		if p.Destroyed {
			x, y := p.X-7, p.Y2-7
			d.c.path((&path{}).moveTo(x, y).lineTo(x+14, y+14).moveTo(x+14, y).lineTo(x, y+14), style{stroke: d.pal.line, width: 2})
		}
	}
}

func (d *scene) phases() {
	for i := range d.r.Phases {
		p := &d.r.Phases[i]
		d.c.path(line(p.X1, p.Y, p.X2, p.Y), style{stroke: d.pal.phase, width: 1, dash: []float64{8, 4}})
		d.c.path(rectPath(p.Pill, p.Pill.H/2), style{fill: d.pal.pill, stroke: d.pal.phase, width: 1})
		d.text(&p.Label, d.pal.phase, false, none)
	}
}

func (d *scene) message(m *layout.Message) {
	col := d.pal.line
	st := style{stroke: col, width: 1.4}
	if m.Arrow.Dotted {
		st.dash = []float64{5, 3}
	}
	if m.Implied {
		col = d.pal.implied
		st.stroke, st.dash = col, []float64{2, 3}
	}
	p := &path{}
	for i, q := range m.Points {
		if i == 0 {
			p.moveTo(q.X, q.Y)
		} else {
			p.lineTo(q.X, q.Y)
		}
	}
	d.c.path(p, st)
	n := len(m.Points)
	if n >= 2 {
		d.head(m.Arrow.Head, m.Points[n-2], m.Points[n-1], col)
		d.head(m.Arrow.Tail, m.Points[1], m.Points[0], col)
	}
	if m.Arrow.CentralFrom {
		d.c.path(ellipsePath(m.Points[0].X, m.Points[0].Y, 4, 4), style{stroke: d.pal.line, width: 1.4})
	}
	if m.Arrow.CentralTo {
		q := m.Points[n-1]
		d.c.path(ellipsePath(q.X, q.Y, 4, 4), style{stroke: d.pal.line, width: 1.4})
	}
	if m.Implied {
		d.text(&m.Label, d.pal.implied, true, d.pal.bg)
	} else {
		d.text(&m.Label, d.pal.fg, false, d.pal.bg)
	}
	if bd := m.Badge; bd != nil {
		fill := d.pal.badge
		if m.Implied {
			fill = d.pal.implied
		}
		if bd.Rect.W <= bd.Rect.H+0.1 {
			d.c.path(ellipsePath(bd.TextX, bd.Rect.Y+bd.Rect.H/2, bd.Rect.H/2, bd.Rect.H/2), style{fill: fill})
		} else {
			d.c.path(rectPath(bd.Rect, bd.Rect.H/2), style{fill: fill})
		}
		d.c.text(run{x: bd.TextX, y: bd.TextY, s: bd.Text, size: 11, bold: true, anchor: layout.Middle, fill: d.pal.badgeFg})
	}
}

// headShape is the SVG's marker for a head: a 10×10 box, the tip at
// (refX, 5), pointing along +x; open ones are stroked. (A switch, not a
// table: nothing to build at start-up.)
type headShape struct {
	pts    []pt // polyline; a fill closes it
	filled bool
	refX   float64
	cross  bool
}

func shapeOf(h model.Head) (headShape, bool) {
	switch h {
	case model.HeadFilled:
		return headShape{[]pt{{X: 0, Y: 1}, {X: 10, Y: 5}, {X: 0, Y: 9}}, true, 10, false}, true
	case model.HeadOpen:
		return headShape{[]pt{{X: 1, Y: 1}, {X: 9, Y: 5}, {X: 1, Y: 9}}, false, 9, false}, true
	case model.HeadCross:
		return headShape{nil, false, 5, true}, true
	case model.HeadHalfTop:
		return headShape{[]pt{{X: 0, Y: 1}, {X: 10, Y: 5}, {X: 0, Y: 5}}, true, 10, false}, true
	case model.HeadHalfBottom:
		return headShape{[]pt{{X: 0, Y: 9}, {X: 10, Y: 5}, {X: 0, Y: 5}}, true, 10, false}, true
	case model.HeadStickTop:
		return headShape{[]pt{{X: 1, Y: 1}, {X: 9, Y: 5}}, false, 9, false}, true
	case model.HeadStickBottom:
		return headShape{[]pt{{X: 1, Y: 9}, {X: 9, Y: 5}}, false, 9, false}, true
	}
	return headShape{}, false
}

// head draws an arrow head at tip, pointing from "from" to tip.
func (d *scene) head(h model.Head, from, tip pt, col color.NRGBA) {
	if h == model.HeadNone {
		return
	}
	hd, ok := shapeOf(h)
	if !ok {
		return
	}
	dx, dy := tip.X-from.X, tip.Y-from.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	tr := func(q pt) pt { // marker space → user space
		x, y := q.X-hd.refX, q.Y-5
		return pt{X: tip.X + x*ux - y*uy, Y: tip.Y + x*uy + y*ux}
	}
	p := &path{}
	pts := hd.pts
	if hd.cross {
		a, b, c, e := tr(pt{X: 1, Y: 1}), tr(pt{X: 9, Y: 9}), tr(pt{X: 9, Y: 1}), tr(pt{X: 1, Y: 9})
		p.moveTo(a.X, a.Y).lineTo(b.X, b.Y).moveTo(c.X, c.Y).lineTo(e.X, e.Y)
		d.c.path(p, style{stroke: col, width: 1.4})
		return
	}
	for i, q := range pts {
		q = tr(q)
		if i == 0 {
			p.moveTo(q.X, q.Y)
		} else {
			p.lineTo(q.X, q.Y)
		}
	}
	if hd.filled {
		d.c.path(p.close(), style{fill: col})
	} else {
		d.c.path(p, style{stroke: col, width: 1.4})
	}
}

func (d *scene) participants() {
	for i := range d.r.Participants {
		p := &d.r.Participants[i]
		if p.Top.W > 0 {
			d.participant(p, p.Top, &p.Label)
		}
		if p.Bottom != nil {
			d.participant(p, *p.Bottom, p.BottomLabel)
		}
	}
}

func (d *scene) participant(p *layout.Participant, r layout.Rect, label *layout.Text) {
	box := style{fill: d.pal.box, stroke: d.pal.boxLine, width: 1.2}
	icon := style{stroke: d.pal.boxLine, width: 1.6}
	cx := r.X + r.W/2
	iconBottom := label.Box.Y - 4
	switch p.Kind {
	case model.KindActor:
		y := iconBottom - 28
		d.c.path(ellipsePath(cx, y+5, 5, 5), icon)
		d.c.path((&path{}).moveTo(cx, y+10).lineTo(cx, y+20).moveTo(cx-9, y+14).lineTo(cx+9, y+14).
			moveTo(cx, y+20).lineTo(cx-7, y+28).moveTo(cx, y+20).lineTo(cx+7, y+28), icon)
	case model.KindBoundary:
		cy := iconBottom - 12
		d.c.path(ellipsePath(cx+5, cy, 10, 10), box)
		d.c.path((&path{}).moveTo(cx-14, cy-10).lineTo(cx-14, cy+10).moveTo(cx-14, cy).lineTo(cx-4, cy), icon)
	case model.KindControl:
		cy := iconBottom - 12
		d.c.path(ellipsePath(cx, cy, 10, 10), box)
		d.c.path((&path{}).moveTo(cx+3, cy-10).lineTo(cx-2, cy-14).moveTo(cx+3, cy-10).lineTo(cx-2, cy-6), icon)
	case model.KindEntity:
		cy := iconBottom - 14
		d.c.path(ellipsePath(cx, cy, 10, 10), box)
		d.c.path(line(cx-10, cy+12, cx+10, cy+12), icon)
	case model.KindDatabase:
		e := 6.0
		rx := r.W / 2
		body := (&path{}).moveTo(r.X, r.Y+e)
		body.arc(cx, r.Y+e, rx, e, math.Pi, -1).arc(cx, r.Y+e, rx, e, math.Pi/2, -1)
		body.lineTo(r.Right(), r.Bottom()-e)
		body.arc(cx, r.Bottom()-e, rx, e, 0, 1).arc(cx, r.Bottom()-e, rx, e, math.Pi/2, 1)
		body.close()
		d.c.path(body, box)
		d.c.path(ellipsePath(cx, r.Y+e, rx, e), box)
	case model.KindCollections:
		d.c.path(rectPath(layout.Rect{X: r.X + 4, Y: r.Y - 4, W: r.W, H: r.H}, 3), box)
		d.c.path(rectPath(r, 3), box)
	case model.KindQueue:
		d.c.path(rectPath(r, r.H/2), box)
		x0 := r.Right() - r.H/2 + 6
		arc := (&path{}).moveTo(x0, r.Y)
		arc.arc(x0, r.Y+r.H/2, 6, r.H/2, -math.Pi/2, -1).arc(x0, r.Y+r.H/2, 6, r.H/2, math.Pi, -1)
		d.c.path(arc, icon)
	default:
		d.c.path(rectPath(r, 4), box)
	}
	d.text(label, d.pal.fg, false, none)
}

// parseColor reads the colours Mermaid diagrams give boxes and rect
// blocks: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(…), rgba(…) and the CSS
// names.
func parseColor(s string) (color.NRGBA, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "#") {
		h := s[1:]
		v := func(i, n int) (uint8, bool) {
			var x uint64
			for _, c := range h[i : i+n] {
				switch {
				case c >= '0' && c <= '9':
					x = x*16 + uint64(c-'0')
				case c >= 'a' && c <= 'f':
					x = x*16 + uint64(c-'a'+10)
				default:
					return 0, false
				}
			}
			if n == 1 {
				x *= 17
			}
			return uint8(x), true
		}
		n := 1
		if len(h) == 6 || len(h) == 8 {
			n = 2
		} else if len(h) != 3 && len(h) != 4 {
			return none, false
		}
		var c [4]uint8
		c[3] = 255
		for i := 0; i*n < len(h); i++ {
			x, ok := v(i*n, n)
			if !ok {
				return none, false
			}
			c[i] = x
		}
		return color.NRGBA{c[0], c[1], c[2], c[3]}, true
	}
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") && (s[:i] == "rgb" || s[:i] == "rgba") {
		f := strings.FieldsFunc(s[i+1:len(s)-1], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(f) < 3 || len(f) > 4 {
			return none, false
		}
		var c [4]float64
		c[3] = 1
		for j, x := range f {
			pct := strings.HasSuffix(x, "%")
			v, err := parseFloat(strings.TrimSuffix(x, "%"))
			if err {
				return none, false
			}
			switch {
			case pct && j < 3:
				v = v * 255 / 100
			case pct:
				v /= 100
			}
			c[j] = v
		}
		cl := func(v, max float64) uint8 { return uint8(math.Round(math.Max(0, math.Min(max, v)) * 255 / max)) }
		return color.NRGBA{cl(c[0], 255), cl(c[1], 255), cl(c[2], 255), cl(c[3], 1)}, true
	}
	if v, ok := namedColor(s); ok {
		return v, true
	}
	return none, false
}

func parseFloat(s string) (float64, bool) {
	var v, frac float64
	seen, dot := false, false
	scale := 1.0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			seen = true
			if dot {
				scale /= 10
				frac += float64(c-'0') * scale
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, true
		}
	}
	return v + frac, !seen
}
