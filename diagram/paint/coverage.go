package paint

import (
	"image/color"
	"math"
)

// coverage is a scanline rasterizer: each edge adds the signed area it
// covers to an accumulation buffer; a running sum then gives every
// pixel's coverage (the algorithm of font-rs). Paths fill by the nonzero
// rule; overlapping parts of one fill count once.
type coverage struct {
	w, h   int
	acc    []float32
	x0, y0 float64 // subpath start
	cx, cy float64 // current point
	open   bool
}

func (z *coverage) reset(w, h int) {
	z.w, z.h = w, h
	n := w*h + 2
	if cap(z.acc) < n {
		z.acc = make([]float32, n)
	}
	z.acc = z.acc[:n]
	clear(z.acc)
	z.open = false
}

func (z *coverage) moveTo(x, y float64) {
	z.closePath()
	z.x0, z.y0, z.cx, z.cy, z.open = x, y, x, y, true
}

func (z *coverage) lineTo(x, y float64) {
	z.line(z.cx, z.cy, x, y)
	z.cx, z.cy = x, y
}

func (z *coverage) closePath() {
	if z.open {
		z.line(z.cx, z.cy, z.x0, z.y0)
		z.cx, z.cy = z.x0, z.y0
	}
	z.open = false
}

// cubeTo flattens a cubic Bézier into lines, more of them when it is long.
func (z *coverage) cubeTo(x1, y1, x2, y2, x, y float64) {
	l := math.Hypot(x1-z.cx, y1-z.cy) + math.Hypot(x2-x1, y2-y1) + math.Hypot(x-x2, y-y2)
	n := int(math.Min(32, math.Max(2, math.Ceil(math.Sqrt(l)*1.5))))
	px, py := z.cx, z.cy
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		z.lineTo(u*u*u*px+3*u*u*t*x1+3*u*t*t*x2+t*t*t*x, u*u*u*py+3*u*u*t*y1+3*u*t*t*y2+t*t*t*y)
	}
}

func (z *coverage) line(ax, ay, bx, by float64) {
	clampX := func(x float64) float64 { return math.Max(0, math.Min(float64(z.w), x)) }
	ax, bx = clampX(ax), clampX(bx)
	if math.Abs(ay-by) < 1e-9 {
		return
	}
	dir := float32(1)
	if ay > by {
		dir = -1
		ax, ay, bx, by = bx, by, ax, ay
	}
	dxdy := (bx - ax) / (by - ay)
	x := ax
	if ay < 0 {
		x -= ay * dxdy
	}
	y0 := int(math.Max(0, ay))
	y1 := int(math.Min(float64(z.h), math.Ceil(by)))
	for y := y0; y < y1; y++ {
		line := y * z.w
		dy := math.Min(float64(y+1), by) - math.Max(float64(y), ay)
		xnext := x + dxdy*dy
		d := float32(dy) * dir
		x0, x1 := x, xnext
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		x0f := math.Floor(x0)
		x0i := int(x0f)
		x1c := math.Ceil(x1)
		x1i := int(x1c)
		if x1i <= x0i+1 {
			xm := float32(0.5*(x+xnext) - x0f)
			z.acc[line+x0i] += d - d*xm
			z.acc[line+x0i+1] += d * xm
		} else {
			s := float32(1 / (x1 - x0))
			fx0 := float32(x0 - x0f)
			a0 := 0.5 * s * (1 - fx0) * (1 - fx0)
			fx1 := float32(x1 - x1c + 1)
			am := 0.5 * s * fx1 * fx1
			z.acc[line+x0i] += d * a0
			if x1i == x0i+2 {
				z.acc[line+x0i+1] += d * (1 - a0 - am)
			} else {
				a1 := s * (1.5 - fx0)
				z.acc[line+x0i+1] += d * (a1 - a0)
				for xi := x0i + 2; xi < x1i-1; xi++ {
					z.acc[line+xi] += d * s
				}
				a2 := a1 + float32(x1i-x0i-3)*s
				z.acc[line+x1i-1] += d * (1 - a2 - am)
			}
			z.acc[line+x1i] += d * am
		}
		x = xnext
	}
}

// draw blends colour c into img's box b (the buffer's origin at its
// top left) by the coverage.
func (z *coverage) draw(img *pixels, b box, c color.NRGBA) {
	z.closePath()
	sr, sg, sb, sa := float32(c.R), float32(c.G), float32(c.B), float32(c.A)/255
	var acc float32
	for y := 0; y < z.h; y++ {
		row := img.pix[((b.y0+y)*img.w+b.x0)*4:]
		for x := 0; x < z.w; x++ {
			acc += z.acc[y*z.w+x]
			a := acc
			if a < 0 {
				a = -a
			}
			if a > 1 {
				a = 1
			}
			if a < 1.0/512 {
				continue
			}
			a *= sa
			p := row[4*x : 4*x+4 : 4*x+4]
			k := 1 - a
			p[0] = uint8(sr*a + float32(p[0])*k + 0.5)
			p[1] = uint8(sg*a + float32(p[1])*k + 0.5)
			p[2] = uint8(sb*a + float32(p[2])*k + 0.5)
			p[3] = uint8(255*a + float32(p[3])*k + 0.5)
		}
	}
}
