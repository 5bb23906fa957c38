package paint

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/color"
	"io"
	"math"

	"github.com/seqdoc/seqdoc/diagram/layout"
)

// MaxPixels bounds a PNG's size (width × height), so that a huge diagram
// or scale is an error rather than gigabytes of memory.
const MaxPixels = 200 << 20

// italicSlant is how far an italic line leans: DejaVu Sans Oblique's 11°.
const italicSlant = 0.194

// PNG draws r as a PNG image to w. It writes nothing when it fails.
func PNG(w io.Writer, r *layout.Result, opts Options) error {
	fs, err := loadFaces()
	if err != nil {
		return err
	}
	scale := opts.Scale
	if scale <= 0 {
		scale = 1
	}
	wd, ht := int(math.Ceil(r.Width*scale)), int(math.Ceil(r.Height*scale))
	if wd <= 0 || ht <= 0 || float64(wd)*float64(ht) > MaxPixels {
		return fmt.Errorf("a %d×%d image is too large for a PNG (at most %d pixels): lower --scale", wd, ht, MaxPixels)
	}
	img := &pixels{pix: make([]byte, 4*wd*ht), w: wd, h: ht}
	s := &raster{img: img, scale: scale, faces: fs, fallback: fallback}
	paintScene(r, s, opts.Theme)
	return encodePNG(w, img)
}

// encodePNG writes an opaque image as an 8-bit RGB PNG: every row with
// the "up" filter (diagrams are mostly flat colour, which it turns into
// zeros) and fast deflate. image/png tries five filters on every row,
// which costs more than drawing the diagram.
func encodePNG(w io.Writer, img *pixels) error {
	wd, ht := img.w, img.h
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		c := crc32.NewIEEE()
		c.Write([]byte(kind))
		c.Write(data)
		out.WriteString(kind)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], c.Sum32())
		out.Write(n[:])
	}
	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(wd))
	binary.BigEndian.PutUint32(hdr[4:], uint32(ht))
	hdr[8], hdr[9] = 8, 2 // 8 bits, truecolour
	chunk("IHDR", hdr[:])
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		return err
	}
	row, prev := make([]byte, 1+3*wd), make([]byte, 3*wd)
	cur := make([]byte, 3*wd)
	for y := 0; y < ht; y++ {
		pix := img.pix[y*4*wd : (y+1)*4*wd]
		for x := 0; x < wd; x++ {
			cur[3*x], cur[3*x+1], cur[3*x+2] = pix[4*x], pix[4*x+1], pix[4*x+2]
		}
		row[0] = 2 // up
		for i, c := range cur {
			row[1+i] = c - prev[i]
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
		prev, cur = cur, prev
	}
	if err := zw.Close(); err != nil {
		return err
	}
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	_, err = w.Write(out.Bytes())
	return err
}

// raster paints a scene into an image with a scanline rasterizer: each
// shape covers only its own bounding box.
type raster struct {
	fallback func() *face // the font for characters DejaVu Sans lacks, or nil
	img      *pixels
	scale    float64
	faces    [2]*face
	z        coverage
	pts      [][]pt // scratch: flattened subpaths
	glyph    []glyph
}

func (s *raster) background(c color.NRGBA) {
	p := s.img.pix
	for i := 0; i < len(p); i += 4 {
		p[i], p[i+1], p[i+2], p[i+3] = c.R, c.G, c.B, 255
	}
}

func (s *raster) path(p *path, st style) {
	if st.fill.A > 0 {
		s.fill(p, st.fill)
	}
	if st.stroke.A > 0 && st.width > 0 {
		s.stroke(p, st)
	}
}

// bounds returns the pixel box around points (scaled), grown by pad,
// clipped to the image.
func (s *raster) bounds(minX, minY, maxX, maxY, pad float64) box {
	b := clip(int(math.Floor(minX*s.scale-pad)), int(math.Floor(minY*s.scale-pad)),
		int(math.Ceil(maxX*s.scale+pad)), int(math.Ceil(maxY*s.scale+pad)))
	return b.within(s.img.w, s.img.h)
}

func (s *raster) begin(b box) { s.z.reset(b.x1-b.x0, b.y1-b.y0) }

func (s *raster) end(b box, c color.NRGBA) { s.z.draw(s.img, b, c) }

// pixels is an opaque RGBA image (own type: the image package has
// package initialisation, and seqdoc's start-up takes on none).
type pixels struct {
	pix  []byte
	w, h int
}

// box is a pixel rectangle, x0, y0 inside, x1, y1 outside.
type box struct{ x0, y0, x1, y1 int }

func clip(x0, y0, x1, y1 int) box { return box{x0, y0, x1, y1} }

func (b box) within(w, h int) box {
	b.x0, b.y0, b.x1, b.y1 = max(b.x0, 0), max(b.y0, 0), min(b.x1, w), min(b.y1, h)
	return b
}

func (b box) empty() bool { return b.x0 >= b.x1 || b.y0 >= b.y1 }

func (s *raster) fill(p *path, c color.NRGBA) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, o := range p.ops {
		for i := 0; i < 3; i++ {
			if o.kind == 'Z' || i > 0 && o.kind != 'C' {
				break
			}
			q := o.p[i]
			minX, minY, maxX, maxY = math.Min(minX, q.X), math.Min(minY, q.Y), math.Max(maxX, q.X), math.Max(maxY, q.Y)
		}
	}
	b := s.bounds(minX, minY, maxX, maxY, 1)
	if b.empty() {
		return
	}
	s.begin(b)
	ox, oy := float64(b.x0), float64(b.y0)
	s.trace(p, func(q pt) (float64, float64) { return q.X*s.scale - ox, q.Y*s.scale - oy })
	s.end(b, c)
}

// trace feeds a path to the rasterizer through the transform f.
func (s *raster) trace(p *path, f func(pt) (float64, float64)) {
	for _, o := range p.ops {
		switch o.kind {
		case 'M':
			s.z.moveTo(f(o.p[0]))
		case 'L':
			s.z.lineTo(f(o.p[0]))
		case 'C':
			x1, y1 := f(o.p[0])
			x2, y2 := f(o.p[1])
			x, y := f(o.p[2])
			s.z.cubeTo(x1, y1, x2, y2, x, y)
		case 'Z':
			s.z.closePath()
		}
	}
	s.z.closePath()
}

// flatten turns a path into polylines (cubics in 12 steps), in layout
// units; closed subpaths repeat their first point at the end.
func (s *raster) flatten(p *path) [][]pt {
	out := s.pts[:0]
	var cur []pt
	flush := func() {
		if len(cur) > 1 {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, o := range p.ops {
		switch o.kind {
		case 'M':
			flush()
			cur = []pt{o.p[0]}
		case 'L':
			cur = append(cur, o.p[0])
		case 'C':
			p0 := cur[len(cur)-1]
			for i := 1; i <= 12; i++ {
				t := float64(i) / 12
				u := 1 - t
				cur = append(cur, pt{
					X: u*u*u*p0.X + 3*u*u*t*o.p[0].X + 3*u*t*t*o.p[1].X + t*t*t*o.p[2].X,
					Y: u*u*u*p0.Y + 3*u*u*t*o.p[0].Y + 3*u*t*t*o.p[1].Y + t*t*t*o.p[2].Y,
				})
			}
		case 'Z':
			if len(cur) > 0 {
				cur = append(cur, cur[0])
			}
			flush()
		}
	}
	flush()
	s.pts = out
	return out
}

// dashes cuts polylines into the dash pattern's "on" pieces.
func dashes(lines [][]pt, pattern []float64) [][]pt {
	var out [][]pt
	for _, l := range lines {
		i, left, on := 0, pattern[0], true
		cur := []pt{l[0]}
		for k := 1; k < len(l); k++ {
			a, b := l[k-1], l[k]
			seg := math.Hypot(b.X-a.X, b.Y-a.Y)
			pos := 0.0
			for seg-pos > left {
				pos += left
				q := pt{X: a.X + (b.X-a.X)*pos/seg, Y: a.Y + (b.Y-a.Y)*pos/seg}
				if on {
					out = append(out, append(cur, q))
				}
				cur = []pt{q}
				on = !on
				i = (i + 1) % len(pattern)
				left = pattern[i]
			}
			left -= seg - pos
			cur = append(cur, b)
		}
		if on && len(cur) > 1 {
			out = append(out, cur)
		}
	}
	return out
}

// stroke paints the outline of a path as quads along each segment, with
// round joins, all in one pass (overlaps do not darken).
func (s *raster) stroke(p *path, st style) {
	lines := s.flatten(p)
	if len(st.dash) > 0 {
		lines = dashes(lines, st.dash)
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, l := range lines {
		for _, q := range l {
			minX, minY, maxX, maxY = math.Min(minX, q.X), math.Min(minY, q.Y), math.Max(maxX, q.X), math.Max(maxY, q.Y)
		}
	}
	hw := st.width * s.scale / 2
	b := s.bounds(minX, minY, maxX, maxY, hw+1)
	if b.empty() {
		return
	}
	s.begin(b)
	ox, oy := float64(b.x0), float64(b.y0)
	for _, l := range lines {
		for k := 1; k < len(l); k++ {
			ax, ay := l[k-1].X*s.scale-ox, l[k-1].Y*s.scale-oy
			bx, by := l[k].X*s.scale-ox, l[k].Y*s.scale-oy
			dx, dy := bx-ax, by-ay
			d := math.Hypot(dx, dy)
			if d == 0 {
				continue
			}
			nx, ny := -dy/d*hw, dx/d*hw
			s.z.moveTo(ax+nx, ay+ny)
			s.z.lineTo(ax-nx, ay-ny)
			s.z.lineTo(bx-nx, by-ny)
			s.z.lineTo(bx+nx, by+ny)
			s.z.closePath()
			if k > 1 || l[0] == l[len(l)-1] {
				s.dot(ax, ay, hw)
			}
		}
	}
	s.end(b, st.stroke)
}

// dot adds a small polygon circle (a round join).
func (s *raster) dot(x, y, r float64) {
	const n = 8
	for i := 0; i <= n; i++ {
		// The quads' winding: the coverage sums signed areas, so a dot
		// wound the other way would cancel them into a hole at each join.
		a := float64(i) * 2 * math.Pi / n
		px, py := x+r*math.Cos(a), y+r*math.Sin(a)
		if i == 0 {
			s.z.moveTo(px, py)
		} else {
			s.z.lineTo(px, py)
		}
	}
	s.z.closePath()
}

func (s *raster) text(r run) {
	fc := pick(s.faces, r.bold)
	var fb *face
	if s.fallback != nil && fc.needsFallback(r.s) {
		fb = s.fallback()
	}
	var width float64
	s.glyph, width = fc.shape(r.s, r.size, s.glyph[:0], fb)
	x0 := startX(r, width)
	if r.halo.A > 0 {
		h := layout.Rect{X: x0 - 2, Y: r.y - 0.8*r.size - 1, W: width + 4, H: 1.06*r.size + 2}
		s.fill(rectPath(h, 2), r.halo)
	}
	slant := 0.0
	if r.italic {
		slant = italicSlant
	}
	b := s.bounds(x0-0.3*r.size*slant, r.y-1.1*r.size, x0+width+r.size*(0.2+slant), r.y+0.4*r.size, 1)
	if b.empty() {
		return
	}
	s.begin(b)
	ox, oy := float64(b.x0), float64(b.y0)
	for _, g := range s.glyph {
		gf := fc
		if g.fb != nil {
			gf = g.fb
		}
		k := r.size * s.scale / gf.upem
		gx, gy := (x0+g.x)*s.scale-ox, r.y*s.scale-oy
		s.trace(gf.outline(g.id), func(q pt) (float64, float64) {
			return gx + (q.X+slant*q.Y)*k, gy - q.Y*k
		})
	}
	s.end(b, r.fill)
}
