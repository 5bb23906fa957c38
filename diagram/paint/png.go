package paint

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/vector"
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
	img := image.NewRGBA(image.Rect(0, 0, wd, ht))
	s := &raster{img: img, scale: scale, faces: fs}
	paintScene(r, s, opts.Theme)
	return encodePNG(w, img)
}

// encodePNG writes an opaque image as an 8-bit RGB PNG: every row with
// the "up" filter (diagrams are mostly flat colour, which it turns into
// zeros) and fast deflate. image/png tries five filters on every row,
// which costs more than drawing the diagram.
func encodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	wd, ht := b.Dx(), b.Dy()
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
		pix := img.Pix[y*img.Stride : y*img.Stride+4*wd]
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
	img   *image.RGBA
	scale float64
	faces [2]*face
	z     vector.Rasterizer
	pts   [][]pt // scratch: flattened subpaths
	glyph []glyph
}

func (s *raster) background(c color.NRGBA) {
	draw.Draw(s.img, s.img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
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
func (s *raster) bounds(minX, minY, maxX, maxY, pad float64) image.Rectangle {
	b := image.Rect(int(math.Floor(minX*s.scale-pad)), int(math.Floor(minY*s.scale-pad)),
		int(math.Ceil(maxX*s.scale+pad)), int(math.Ceil(maxY*s.scale+pad)))
	return b.Intersect(s.img.Bounds())
}

func (s *raster) begin(b image.Rectangle) {
	s.z.Reset(b.Dx(), b.Dy())
	s.z.DrawOp = draw.Over
}

func (s *raster) end(b image.Rectangle, c color.NRGBA) {
	s.z.Draw(s.img, b, image.NewUniform(c), image.Point{})
}

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
	if b.Empty() {
		return
	}
	s.begin(b)
	ox, oy := float64(b.Min.X), float64(b.Min.Y)
	f := func(q pt) (float32, float32) { return float32(q.X*s.scale - ox), float32(q.Y*s.scale - oy) }
	open := false
	for _, o := range p.ops {
		switch o.kind {
		case 'M':
			if open {
				s.z.ClosePath()
			}
			s.z.MoveTo(f(o.p[0]))
			open = true
		case 'L':
			s.z.LineTo(f(o.p[0]))
		case 'C':
			x1, y1 := f(o.p[0])
			x2, y2 := f(o.p[1])
			x, y := f(o.p[2])
			s.z.CubeTo(x1, y1, x2, y2, x, y)
		case 'Z':
			s.z.ClosePath()
			open = false
		}
	}
	if open {
		s.z.ClosePath()
	}
	s.end(b, c)
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
	if b.Empty() {
		return
	}
	s.begin(b)
	ox, oy := float64(b.Min.X), float64(b.Min.Y)
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
			s.z.MoveTo(float32(ax+nx), float32(ay+ny))
			s.z.LineTo(float32(ax-nx), float32(ay-ny))
			s.z.LineTo(float32(bx-nx), float32(by-ny))
			s.z.LineTo(float32(bx+nx), float32(by+ny))
			s.z.ClosePath()
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
		a := -float64(i) * 2 * math.Pi / n // the quads' winding
		px, py := float32(x+r*math.Cos(a)), float32(y+r*math.Sin(a))
		if i == 0 {
			s.z.MoveTo(px, py)
		} else {
			s.z.LineTo(px, py)
		}
	}
	s.z.ClosePath()
}

func (s *raster) text(r run) {
	fc := pick(s.faces, r.bold)
	var width float64
	s.glyph, width = fc.shape(r.s, r.size, s.glyph[:0])
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
	if b.Empty() {
		return
	}
	s.begin(b)
	ox, oy := float64(b.Min.X), float64(b.Min.Y)
	size := r.size * s.scale
	for _, g := range s.glyph {
		segs, err := fc.outline(g.id, size)
		if err != nil {
			continue
		}
		gx, gy := (x0+g.x)*s.scale-ox, r.y*s.scale-oy
		f := func(q [3]fixedPt, i int) (float32, float32) {
			x, y := float64(q[i].X)/64, float64(q[i].Y)/64
			return float32(gx + x - slant*y), float32(gy + y)
		}
		open := false
		for _, sg := range segs {
			a := [3]fixedPt{{int32(sg.Args[0].X), int32(sg.Args[0].Y)}, {int32(sg.Args[1].X), int32(sg.Args[1].Y)}, {int32(sg.Args[2].X), int32(sg.Args[2].Y)}}
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				if open {
					s.z.ClosePath()
				}
				s.z.MoveTo(f(a, 0))
				open = true
			case sfnt.SegmentOpLineTo:
				s.z.LineTo(f(a, 0))
			case sfnt.SegmentOpQuadTo:
				x1, y1 := f(a, 0)
				x, y := f(a, 1)
				s.z.QuadTo(x1, y1, x, y)
			case sfnt.SegmentOpCubeTo:
				x1, y1 := f(a, 0)
				x2, y2 := f(a, 1)
				x, y := f(a, 2)
				s.z.CubeTo(x1, y1, x2, y2, x, y)
			}
		}
		if open {
			s.z.ClosePath()
		}
	}
	s.end(b, r.fill)
}

type fixedPt struct{ X, Y int32 }
