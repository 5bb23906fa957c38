package paint

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/color"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/layout"
)

// PDF draws r as a one-page PDF to w: vector shapes and real text (the
// fonts embedded, with a ToUnicode map, so the labels can be searched,
// selected and extracted). One CSS pixel is 0.75 pt, as in a browser's
// print. It writes nothing when it fails.
func PDF(w io.Writer, r *layout.Result, opts Options) error {
	fs, err := loadFaces()
	if err != nil {
		return err
	}
	s := &pdfPage{faces: fs, used: [2]map[int]rune{{}, {}}}
	// y down in CSS pixels, as the layout is
	fmt.Fprintf(&s.b, "0.75 0 0 -0.75 0 %s cm\n", num(r.Height*0.75))
	paintScene(r, s, opts.Theme)
	var out bytes.Buffer
	if err := s.write(&out, r); err != nil {
		return err
	}
	_, err = w.Write(out.Bytes())
	return err
}

// pdfPage collects a page's content stream and the glyphs its text uses.
type pdfPage struct {
	b     bytes.Buffer
	faces [2]*face
	used  [2]map[int]rune
	glyph []glyph
	alpha []float64 // the opacities used, each an ExtGState /Gn
}

func num(f float64) string {
	if math.Abs(f) < 5e-5 {
		return "0"
	}
	return strconv.FormatFloat(math.Round(f*10000)/10000, 'f', -1, 64)
}

func (s *pdfPage) colour(c color.NRGBA, op string) {
	fmt.Fprintf(&s.b, "%s %s %s %s\n", num(float64(c.R)/255), num(float64(c.G)/255), num(float64(c.B)/255), op)
}

// opacity selects an ExtGState with the given fill and stroke alpha.
func (s *pdfPage) opacity(a float64) {
	a = math.Round(a*1000) / 1000
	i := -1
	for j, x := range s.alpha {
		if x == a {
			i = j
		}
	}
	if i < 0 {
		s.alpha = append(s.alpha, a)
		i = len(s.alpha) - 1
	}
	fmt.Fprintf(&s.b, "/G%d gs\n", i)
}

func (s *pdfPage) trace(p *path) {
	for _, o := range p.ops {
		switch o.kind {
		case 'M':
			fmt.Fprintf(&s.b, "%s %s m\n", num(o.p[0].X), num(o.p[0].Y))
		case 'L':
			fmt.Fprintf(&s.b, "%s %s l\n", num(o.p[0].X), num(o.p[0].Y))
		case 'C':
			fmt.Fprintf(&s.b, "%s %s %s %s %s %s c\n", num(o.p[0].X), num(o.p[0].Y), num(o.p[1].X), num(o.p[1].Y), num(o.p[2].X), num(o.p[2].Y))
		case 'Z':
			s.b.WriteString("h\n")
		}
	}
}

func (s *pdfPage) background(c color.NRGBA) {
	s.b.WriteString("q\n")
	s.colour(c, "rg")
	s.b.WriteString("0 0 100000 100000 re f\nQ\n")
}

func (s *pdfPage) path(p *path, st style) {
	if st.fill.A > 0 {
		s.b.WriteString("q\n")
		if st.fill.A < 255 {
			s.opacity(float64(st.fill.A) / 255)
		}
		s.colour(st.fill, "rg")
		s.trace(p)
		s.b.WriteString("f\nQ\n")
	}
	if st.stroke.A > 0 && st.width > 0 {
		s.b.WriteString("q\n")
		if st.stroke.A < 255 {
			s.opacity(float64(st.stroke.A) / 255)
		}
		s.colour(st.stroke, "RG")
		fmt.Fprintf(&s.b, "%s w 1 j\n", num(st.width))
		if len(st.dash) > 0 {
			s.b.WriteString("[")
			for i, d := range st.dash {
				if i > 0 {
					s.b.WriteString(" ")
				}
				s.b.WriteString(num(d))
			}
			s.b.WriteString("] 0 d\n")
		}
		s.trace(p)
		s.b.WriteString("S\nQ\n")
	}
}

func (s *pdfPage) text(r run) {
	fi := 0
	if r.bold {
		fi = 1
	}
	fc := s.faces[fi]
	var width float64
	s.glyph, width = fc.shape(r.s, r.size, s.glyph[:0], nil) // the PDF embeds DejaVu Sans alone
	x0 := startX(r, width)
	if r.halo.A > 0 {
		s.path(rectPath(layout.Rect{X: x0 - 2, Y: r.y - 0.8*r.size - 1, W: width + 4, H: 1.06*r.size + 2}, 2), style{fill: r.halo})
	}
	slant := 0.0
	if r.italic {
		slant = italicSlant
	}
	s.b.WriteString("BT\n")
	s.colour(r.fill, "rg")
	fmt.Fprintf(&s.b, "/F%d %s Tf\n1 0 %s -1 %s %s Tm\n<", fi, num(r.size), num(slant), num(x0), num(r.y))
	for _, g := range s.glyph {
		if _, ok := s.used[fi][g.id]; !ok {
			s.used[fi][g.id] = g.r
		}
		fmt.Fprintf(&s.b, "%04X", uint16(g.id))
	}
	s.b.WriteString("> Tj\nET\n")
}

// write assembles the document: catalog, page, content, fonts.
func (s *pdfPage) write(w *bytes.Buffer, r *layout.Result) error {
	var objs []string // bodies; object n is objs[n-1]
	add := func(body string) int { objs = append(objs, body); return len(objs) }
	flated := func(dict string, z []byte) int {
		return add(fmt.Sprintf("<< %s /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", dict, len(z), z))
	}
	stream := func(dict string, data []byte) int { return flated(dict, deflate(data, zlib.BestSpeed)) }
	catalog := add("") // filled in below
	pages := add("")
	content := stream("", s.b.Bytes())
	var fonts []string
	for fi, fc := range s.faces {
		if len(s.used[fi]) == 0 {
			continue
		}
		file := flated(fmt.Sprintf("/Length1 %d", len(fc.data)), fc.deflated())
		k := 1000 / fc.upem
		desc := add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%s %s %s %s] /ItalicAngle 0 /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R >>",
			fc.name, num(fc.bbox[0]*k), num(fc.bbox[1]*k), num(fc.bbox[2]*k), num(fc.bbox[3]*k), num(fc.ascent*k), num(fc.descent*k), num(fc.capHeight*k), file))
		ids := make([]int, 0, len(s.used[fi]))
		for id := range s.used[fi] {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		var wArr, cmap strings.Builder
		for _, id := range ids {
			fmt.Fprintf(&wArr, "%d [%s] ", id, num(fc.advanceUnits(id)*k))
		}
		cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
		for i := 0; i < len(ids); i += 100 {
			end := min(i+100, len(ids))
			fmt.Fprintf(&cmap, "%d beginbfchar\n", end-i)
			for _, id := range ids[i:end] {
				fmt.Fprintf(&cmap, "<%04X> <%s>\n", id, utf16Hex(s.used[fi][id]))
			}
			cmap.WriteString("endbfchar\n")
		}
		cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
		toUni := stream("", []byte(cmap.String()))
		cid := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>",
			fc.name, desc, strings.TrimSpace(wArr.String())))
		font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", fc.name, cid, toUni))
		fonts = append(fonts, fmt.Sprintf("/F%d %d 0 R", fi, font))
	}
	var gs []string
	for i, a := range s.alpha {
		gs = append(gs, fmt.Sprintf("/G%d << /Type /ExtGState /ca %s /CA %s >>", i, num(a), num(a)))
	}
	wPt, hPt := num(r.Width*0.75), num(r.Height*0.75)
	page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << /Font << %s >> /ExtGState << %s >> >> /Contents %d 0 R >>",
		pages, wPt, hPt, strings.Join(fonts, " "), strings.Join(gs, " "), content))
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages)
	objs[pages-1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page)

	w.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = w.Len()
		fmt.Fprintf(w, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := w.Len()
	fmt.Fprintf(w, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(w, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(w, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return nil
}

func utf16Hex(r rune) string {
	if r >= 0x10000 {
		r -= 0x10000
		return fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
	}
	return fmt.Sprintf("%04X", r)
}

func deflate(data []byte, level int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, level)
	zw.Write(data)
	zw.Close()
	return z.Bytes()
}

// deflated returns the font file compressed for a PDF, made once.
func (fc *face) deflated() []byte {
	fc.zOnce.Do(func() { fc.z = deflate(fc.data, zlib.BestCompression) })
	return fc.z
}
