package paint

import (
	"encoding/binary"
	"errors"
	"math"
)

// ttf reads what drawing needs from a TrueType font: the character map,
// advance widths and glyph outlines (quadratic contours, composite glyphs
// resolved), and the few metrics a PDF font descriptor wants. Our own
// reader rather than a library's keeps the binary's start-up free of the
// library's package initialisation.
type ttf struct {
	data                       []byte
	upem                       float64
	longLoca                   bool
	numGlyphs                  int
	numHMetric                 int
	hmtx, loca, glyf           []byte
	cmap4                      []byte // a format 4 subtable, or nil
	cmap12                     []byte // a format 12 subtable, or nil
	ascent, descent, capHeight float64
	bbox                       [4]float64
}

var errFont = errors.New("malformed font")

func u16(b []byte, o int) int { return int(binary.BigEndian.Uint16(b[o:])) }
func i16(b []byte, o int) int { return int(int16(binary.BigEndian.Uint16(b[o:]))) }
func u32(b []byte, o int) int { return int(binary.BigEndian.Uint32(b[o:])) }

func parseTTF(data []byte) (*ttf, error) {
	dir := 0
	if len(data) >= 16 && string(data[:4]) == "ttcf" {
		dir = u32(data, 12) // a collection (.ttc): its first font
	}
	if len(data) < dir+12 {
		return nil, errFont
	}
	tables := map[string][]byte{}
	n := u16(data, dir+4)
	for i := 0; i < n; i++ {
		rec := dir + 12 + 16*i
		if rec+16 > len(data) {
			return nil, errFont
		}
		off, length := u32(data, rec+8), u32(data, rec+12)
		if off+length > len(data) {
			return nil, errFont
		}
		tables[string(data[rec:rec+4])] = data[off : off+length]
	}
	head, maxp, hhea := tables["head"], tables["maxp"], tables["hhea"]
	f := &ttf{data: data, hmtx: tables["hmtx"], loca: tables["loca"], glyf: tables["glyf"]}
	if len(head) < 54 || len(maxp) < 6 || len(hhea) < 36 || f.hmtx == nil || f.loca == nil || f.glyf == nil {
		return nil, errFont
	}
	f.upem = float64(u16(head, 18))
	f.bbox = [4]float64{float64(i16(head, 36)), float64(i16(head, 38)), float64(i16(head, 40)), float64(i16(head, 42))}
	f.longLoca = i16(head, 50) != 0
	f.numGlyphs = u16(maxp, 4)
	f.numHMetric = u16(hhea, 34)
	f.ascent, f.descent = float64(i16(hhea, 4)), float64(i16(hhea, 6))
	f.capHeight = f.ascent
	if os2 := tables["OS/2"]; len(os2) >= 90 {
		f.capHeight = float64(i16(os2, 88))
	}
	cm := tables["cmap"]
	if len(cm) < 4 {
		return nil, errFont
	}
	for i := 0; i < u16(cm, 2); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cm) {
			break
		}
		pid, eid, off := u16(cm, rec), u16(cm, rec+2), u32(cm, rec+4)
		if pid != 3 && pid != 0 || off+4 > len(cm) {
			continue
		}
		sub := cm[off:]
		switch u16(sub, 0) {
		case 4:
			if eid == 1 || pid == 0 {
				f.cmap4 = sub[:min(len(sub), u16(sub, 2))]
			}
		case 12:
			if len(sub) >= 16 {
				f.cmap12 = sub[:min(len(sub), u32(sub, 4))]
			}
		}
	}
	if f.cmap4 == nil && f.cmap12 == nil {
		return nil, errFont
	}
	return f, nil
}

// glyphIndex maps a character to its glyph (0, .notdef, when missing).
func (f *ttf) glyphIndex(r rune) int {
	c := int(r)
	if t := f.cmap12; t != nil {
		n := u32(t, 12)
		lo, hi := 0, n
		for lo < hi {
			m := (lo + hi) / 2
			g := 16 + 12*m
			if g+12 > len(t) {
				return 0
			}
			start, end := u32(t, g), u32(t, g+4)
			switch {
			case c < start:
				hi = m
			case c > end:
				lo = m + 1
			default:
				return u32(t, g+8) + c - start
			}
		}
		return 0
	}
	t := f.cmap4
	if c > 0xffff || len(t) < 14 {
		return 0
	}
	segs := u16(t, 6) / 2
	ends, starts, deltas, offs := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if offs+2*segs > len(t) {
		return 0
	}
	for i := 0; i < segs; i++ {
		if c > u16(t, ends+2*i) {
			continue
		}
		start := u16(t, starts+2*i)
		if c < start {
			return 0
		}
		ro := u16(t, offs+2*i)
		if ro == 0 {
			return (c + u16(t, deltas+2*i)) & 0xffff
		}
		o := offs + 2*i + ro + 2*(c-start)
		if o+2 > len(t) {
			return 0
		}
		if g := u16(t, o); g != 0 {
			return (g + u16(t, deltas+2*i)) & 0xffff
		}
		return 0
	}
	return 0
}

// advance returns a glyph's advance width in font units.
func (f *ttf) advance(g int) float64 {
	i := min(g, f.numHMetric-1)
	if i < 0 || 4*i+2 > len(f.hmtx) {
		return 0
	}
	return float64(u16(f.hmtx, 4*i))
}

// glyphData returns a glyph's bytes in glyf.
func (f *ttf) glyphData(g int) []byte {
	if g < 0 || g >= f.numGlyphs {
		return nil
	}
	var a, b int
	if f.longLoca {
		if 4*g+8 > len(f.loca) {
			return nil
		}
		a, b = u32(f.loca, 4*g), u32(f.loca, 4*g+4)
	} else {
		if 2*g+4 > len(f.loca) {
			return nil
		}
		a, b = 2*u16(f.loca, 2*g), 2*u16(f.loca, 2*g+2)
	}
	if a >= b || b > len(f.glyf) {
		return nil
	}
	return f.glyf[a:b]
}

// contour is one closed outline in font units, y up: on-curve flags with
// their points.
type contour struct {
	pts []pt
	on  []bool
}

// outline appends a glyph's contours, transformed by m (a, b, c, d, e, f:
// x' = a·x + c·y + e, y' = b·x + d·y + f).
func (f *ttf) outline(g int, m [6]float64, out []contour, depth int) []contour {
	d := f.glyphData(g)
	if len(d) < 10 || depth > 8 {
		return out
	}
	nc := i16(d, 0)
	if nc < 0 {
		return f.composite(d[10:], m, out, depth)
	}
	if 10+2*nc+2 > len(d) {
		return out
	}
	ends := make([]int, nc)
	for i := range ends {
		ends[i] = u16(d, 10+2*i)
	}
	np := 0
	if nc > 0 {
		np = ends[nc-1] + 1
	}
	p := 10 + 2*nc
	p += 2 + u16(d, p) // instructions
	flags := make([]byte, 0, np)
	for len(flags) < np && p < len(d) {
		fl := d[p]
		p++
		flags = append(flags, fl)
		if fl&8 != 0 && p < len(d) {
			for r := int(d[p]); r > 0 && len(flags) < np; r-- {
				flags = append(flags, fl)
			}
			p++
		}
	}
	if len(flags) < np {
		return out
	}
	xs, ys := make([]int, np), make([]int, np)
	for k, short, same := 0, byte(2), byte(16); k < 2; k, short, same = k+1, 4, 32 {
		v := 0
		for i := 0; i < np; i++ {
			fl := flags[i]
			switch {
			case fl&short != 0:
				if p >= len(d) {
					return out
				}
				if fl&same != 0 {
					v += int(d[p])
				} else {
					v -= int(d[p])
				}
				p++
			case fl&same == 0:
				if p+2 > len(d) {
					return out
				}
				v += i16(d, p)
				p += 2
			}
			if k == 0 {
				xs[i] = v
			} else {
				ys[i] = v
			}
		}
	}
	start := 0
	for _, e := range ends {
		if e >= np || e < start {
			break
		}
		c := contour{}
		for i := start; i <= e; i++ {
			x, y := float64(xs[i]), float64(ys[i])
			c.pts = append(c.pts, pt{X: m[0]*x + m[2]*y + m[4], Y: m[1]*x + m[3]*y + m[5]})
			c.on = append(c.on, flags[i]&1 != 0)
		}
		out = append(out, c)
		start = e + 1
	}
	return out
}

func (f *ttf) composite(d []byte, m [6]float64, out []contour, depth int) []contour {
	p := 0
	for {
		if p+4 > len(d) {
			return out
		}
		fl, g := u16(d, p), u16(d, p+2)
		p += 4
		var dx, dy float64
		if fl&1 != 0 {
			if p+4 > len(d) {
				return out
			}
			dx, dy = float64(i16(d, p)), float64(i16(d, p+2))
			p += 4
		} else {
			if p+2 > len(d) {
				return out
			}
			dx, dy = float64(int8(d[p])), float64(int8(d[p+1]))
			p += 2
		}
		a, b, c, e := 1.0, 0.0, 0.0, 1.0
		f2 := func(o int) float64 { return float64(i16(d, o)) / 16384 }
		switch {
		case fl&8 != 0 && p+2 <= len(d):
			a = f2(p)
			e = a
			p += 2
		case fl&0x40 != 0 && p+4 <= len(d):
			a, e = f2(p), f2(p+2)
			p += 4
		case fl&0x80 != 0 && p+8 <= len(d):
			a, b, c, e = f2(p), f2(p+2), f2(p+4), f2(p+6)
			p += 8
		}
		// child transform, then ours
		cm := [6]float64{a, b, c, e, dx, dy}
		mm := [6]float64{
			m[0]*cm[0] + m[2]*cm[1], m[1]*cm[0] + m[3]*cm[1],
			m[0]*cm[2] + m[2]*cm[3], m[1]*cm[2] + m[3]*cm[3],
			m[0]*cm[4] + m[2]*cm[5] + m[4], m[1]*cm[4] + m[3]*cm[5] + m[5],
		}
		out = f.outline(g, mm, out, depth+1)
		if fl&0x20 == 0 {
			return out
		}
	}
}

// tracePath turns contours into a path: quadratic segments as cubics.
func tracePath(cs []contour, p *path) {
	for _, c := range cs {
		n := len(c.pts)
		if n == 0 {
			continue
		}
		// start at an on-curve point, or the midpoint of two off ones
		first := -1
		for i := range c.on {
			if c.on[i] {
				first = i
				break
			}
		}
		var start pt
		if first < 0 {
			start = mid(c.pts[0], c.pts[n-1])
			first = 0
		} else {
			start = c.pts[first]
		}
		p.moveTo(start.X, start.Y)
		cur := start
		var ctrl *pt
		for k := 1; k <= n; k++ {
			i := (first + k) % n
			q := c.pts[i]
			if c.on[i] {
				if ctrl != nil {
					quad(p, cur, *ctrl, q)
					ctrl = nil
				} else {
					p.lineTo(q.X, q.Y)
				}
				cur = q
				continue
			}
			if ctrl != nil {
				m := mid(*ctrl, q)
				quad(p, cur, *ctrl, m)
				cur = m
			}
			qq := q
			ctrl = &qq
		}
		if ctrl != nil {
			quad(p, cur, *ctrl, start)
		}
		p.close()
	}
}

func mid(a, b pt) pt { return pt{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2} }

func quad(p *path, a, c, b pt) {
	p.cubeTo(a.X+2*(c.X-a.X)/3, a.Y+2*(c.Y-a.Y)/3, b.X+2*(c.X-b.X)/3, b.Y+2*(c.Y-b.Y)/3, b.X, b.Y)
}

var _ = math.Abs
