package paint

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The faces whose advance widths diagram/layout measures with (its
// metrics table was made from these files). Embedded data costs nothing
// at start-up; they are parsed on the first PNG or PDF.
var (
	//go:embed fonts/DejaVuSans.ttf
	regularTTF []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldTTF []byte
)

// face is one parsed font file.
type face struct {
	ttf  []byte
	f    *sfnt.Font
	name string // PostScript name, for the PDF
	upem float64
	// ascent, descent (negative), cap height and bounding box in font
	// units, for the PDF's font descriptor.
	ascent, descent, capHeight float64
	bbox                       [4]float64

	mu  sync.Mutex
	buf sfnt.Buffer
}

var (
	facesOnce sync.Once
	faces     [2]*face // regular, bold
	facesErr  error
)

func loadFaces() ([2]*face, error) {
	facesOnce.Do(func() {
		for i, ttf := range [][]byte{regularTTF, boldTTF} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				facesErr = fmt.Errorf("embedded font: %w", err)
				return
			}
			fc := &face{ttf: ttf, f: f, upem: float64(f.UnitsPerEm())}
			fc.name, _ = f.Name(&fc.buf, sfnt.NameIDPostScript)
			ppem := fixed.I(int(fc.upem))
			m, err := f.Metrics(&fc.buf, ppem, font.HintingNone)
			if err == nil {
				fc.ascent, fc.descent = float64(m.Ascent.Round()), -float64(m.Descent.Round())
				fc.capHeight = float64(m.CapHeight.Round())
			}
			if b, err := f.Bounds(&fc.buf, ppem, font.HintingNone); err == nil {
				fc.bbox = [4]float64{float64(b.Min.X.Round()), float64(-b.Max.Y.Round()), float64(b.Max.X.Round()), float64(-b.Min.Y.Round())}
			}
			faces[i] = fc
		}
	})
	return faces, facesErr
}

func pick(fs [2]*face, bold bool) *face {
	if bold {
		return fs[1]
	}
	return fs[0]
}

// glyph is one glyph of a laid-out line: its index and pen position.
type glyph struct {
	id sfnt.GlyphIndex
	r  rune
	x  float64 // pen x from the line's start, in px at the run's size
}

// shape returns the glyphs of s set at size px and the line's width, from
// the fonts' advance widths (no kerning: the layout measures none).
func (fc *face) shape(s string, size float64, out []glyph) ([]glyph, float64) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	x := 0.0
	ppem := fixed.I(int(fc.upem))
	for _, r := range s {
		id, err := fc.f.GlyphIndex(&fc.buf, r)
		if err != nil {
			id = 0
		}
		out = append(out, glyph{id: id, r: r, x: x})
		adv, err := fc.f.GlyphAdvance(&fc.buf, id, ppem, font.HintingNone)
		if err == nil {
			x += float64(adv) / 64 * size / fc.upem
		}
	}
	return out, x
}

// advanceUnits returns a glyph's advance in font units.
func (fc *face) advanceUnits(id sfnt.GlyphIndex) float64 {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	adv, err := fc.f.GlyphAdvance(&fc.buf, id, fixed.I(int(fc.upem)), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(adv) / 64
}

// outline returns a glyph's contours at ppem size, y down, origin at the
// pen position on the baseline.
func (fc *face) outline(id sfnt.GlyphIndex, size float64) (sfnt.Segments, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	segs, err := fc.f.LoadGlyph(&fc.buf, id, fixed.Int26_6(size*64), nil)
	if err != nil {
		return nil, err
	}
	return append(sfnt.Segments(nil), segs...), nil
}

// startX returns where a line of the given width starts for its anchor.
func startX(r run, width float64) float64 {
	switch r.anchor {
	case "middle":
		return r.x - width/2
	case "end":
		return r.x - width
	}
	return r.x
}
