package paint

import (
	_ "embed"
	"fmt"
	"os"
	"sync"
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
	*ttf
	name string // PostScript name, for the PDF

	mu       sync.Mutex
	outlines map[int]*path // glyph → outline in font units, y up

	zOnce sync.Once
	z     []byte // the font file deflated, for PDFs
}

var (
	facesOnce sync.Once
	faces     [2]*face // regular, bold
	facesErr  error
)

func loadFaces() ([2]*face, error) {
	facesOnce.Do(func() {
		for i, f := range []struct {
			data []byte
			name string
		}{{regularTTF, "DejaVuSans"}, {boldTTF, "DejaVuSans-Bold"}} {
			t, err := parseTTF(f.data)
			if err != nil {
				facesErr = fmt.Errorf("embedded font %s: %w", f.name, err)
				return
			}
			faces[i] = &face{ttf: t, name: f.name, outlines: map[int]*path{}}
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
	id int
	r  rune
	x  float64 // pen x from the line's start, in px at the run's size
	fb *face   // the font it comes from when not the run's own (fallback)
}

// shape returns the glyphs of s set at size px and the line's width, from
// the fonts' advance widths (no kerning: the layout measures none). A
// character DejaVu Sans lacks (Chinese, Japanese, Korean …) is taken from
// fb when fb has it; with fb nil it is DejaVu's empty box.
func (fc *face) shape(s string, size float64, out []glyph, fb *face) ([]glyph, float64) {
	x := 0.0
	for _, r := range s {
		id := fc.glyphIndex(r)
		if id == 0 && fb != nil && r > ' ' {
			if g := fb.glyphIndex(r); g != 0 {
				out = append(out, glyph{id: g, r: r, x: x, fb: fb})
				x += fb.advance(g) * size / fb.upem
				continue
			}
		}
		out = append(out, glyph{id: id, r: r, x: x})
		x += fc.advance(id) * size / fc.upem
	}
	return out, x
}

// fallbackFonts are TrueType fonts (or collections) with the CJK
// characters DejaVu Sans lacks, where systems put them; a PNG takes the
// first that is there for what DejaVu cannot draw. SEQDOC_FALLBACK_FONT
// names another, tried first.
var fallbackFonts = []string{
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",          // Debian, Ubuntu (fonts-droid-fallback)
	"/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf", // Fedora
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",                     // Debian, Ubuntu (fonts-wqy-microhei)
	"/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",           // Arch
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",               // macOS
	"/Library/Fonts/Arial Unicode.ttf",                                   // macOS, older
	`C:\Windows\Fonts\msyh.ttc`,                                          // Windows (Microsoft YaHei)
	`C:\Windows\Fonts\malgun.ttf`,                                        // Windows (Malgun Gothic)
}

var (
	fallbackOnce sync.Once
	fallbackFace *face
)

// fallback returns the first usable fallback font, or nil. It is read on
// the first character DejaVu Sans lacks, never before.
func fallback() *face {
	fallbackOnce.Do(func() {
		paths := fallbackFonts
		if p := os.Getenv("SEQDOC_FALLBACK_FONT"); p != "" {
			paths = append([]string{p}, paths...)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			if t, err := parseTTF(data); err == nil {
				fallbackFace = &face{ttf: t, name: p, outlines: map[int]*path{}}
				return
			}
		}
	})
	return fallbackFace
}

// needsFallback reports whether s has a character fc lacks.
func (fc *face) needsFallback(s string) bool {
	for _, r := range s {
		if r > 0x7e && fc.glyphIndex(r) == 0 {
			return true
		}
	}
	return false
}

// advanceUnits returns a glyph's advance in font units.
func (fc *face) advanceUnits(id int) float64 { return fc.advance(id) }

// outline returns a glyph's outline in font units, y up (cached).
func (fc *face) outline(id int) *path {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if p, ok := fc.outlines[id]; ok {
		return p
	}
	p := &path{}
	tracePath(fc.ttf.outline(id, [6]float64{1, 0, 0, 1, 0, 0}, nil, 0), p)
	fc.outlines[id] = p
	return p
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
