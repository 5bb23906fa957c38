package paint

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/internal/golden"
)

// login is a diagram of the shapes a sign-in flow has: an actor, a
// database, notes, a loop, badges, dotted and crossed arrows.
const login = `sequenceDiagram
    autonumber
    actor B as Browser
    participant ALB as ALB (authenticate-cognito)
    participant C as Cognito hosted UI
    participant DB@{ "type": "database" } as Sessions
    B->>ALB: GET /dashboard
    ALB-->>B: 302 Location: /oauth2/authorize
    Note over B,ALB: Sets AWSELBAuthNonce cookie
    B->>C: GET /oauth2/authorize?client_id=…
    loop until the password is right
        B->>C: POST /login
    end
    C-->>B: 302 /oauth2/idpresponse?code=…
    B->>ALB: GET /oauth2/idpresponse
    ALB-xDB: store session
    ALB-->>B: 302 /dashboard + Set-Cookie
`

func compute(t testing.TB, src string) *layout.Result {
	t.Helper()
	d, err := mermaid.Parse("t.mmd", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := layout.Compute(d, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPNG checks the image's size against the layout (a golden file holds
// the sizes at scale 1 and 2, reviewed with -update) and that what should
// be drawn is: dark text pixels inside each message label's box, the
// line colour along each arrow, the participant colours in the boxes,
// white elsewhere.
func TestPNG(t *testing.T) {
	r := compute(t, login)
	var sizes strings.Builder
	for _, scale := range []float64{1, 2} {
		var buf bytes.Buffer
		if err := PNG(&buf, r, Options{Scale: scale}); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		fmt.Fprintf(&sizes, "scale %g: %d×%d pixels\n", scale, b.Dx(), b.Dy())
		at := func(x, y float64) color.NRGBA {
			return color.NRGBAModel.Convert(img.At(int(x*scale), int(y*scale))).(color.NRGBA)
		}
		dark := func(c color.NRGBA) bool { return int(c.R)+int(c.G)+int(c.B) < 3*110 }
		for i, m := range r.Messages {
			// text: some dark pixels inside the label's box
			n := 0
			bx := m.Label.Box
			for y := bx.Y; y < bx.Bottom(); y++ {
				for x := bx.X; x < bx.Right(); x++ {
					if dark(at(x, y)) {
						n++
					}
				}
			}
			if n < 20 {
				t.Errorf("scale %g: message %d %q: %d dark pixels in its label's box, want text", scale, i, m.Label.Lines, n)
			}
			// arrow: the middle of a straight arrow has the line's colour
			// (dashed ones: somewhere along it)
			if len(m.Points) == 2 {
				a, z := m.Points[0], m.Points[1]
				found := false
				for k := 0.3; k < 0.7 && !found; k += 0.01 {
					c := at(a.X+(z.X-a.X)*k, a.Y)
					found = dark(c) || c.B > c.R+20
				}
				if !found {
					t.Errorf("scale %g: message %d: no arrow drawn along y=%g", scale, i, a.Y)
				}
			}
		}
		if c := at(1, r.Height-1); c != (color.NRGBA{255, 255, 255, 255}) {
			t.Errorf("scale %g: background %v, want white", scale, c)
		}
		p := r.Participants[1].Top
		if c := at(p.X+6, p.Y+p.H/2); c != (color.NRGBA{0xee, 0xf1, 0xfc, 255}) {
			t.Errorf("scale %g: participant box fill %v, want #eef1fc", scale, c)
		}
		if b.Dx() != int(r.Width*scale+0.999) || b.Dy() != int(r.Height*scale+0.999) {
			t.Errorf("scale %g: image %v, layout %gx%g", scale, b, r.Width, r.Height)
		}
	}
	golden.Check(t, "testdata/login-png-size.golden.txt", []byte(sizes.String()))
}

// TestPNGDeterministic: the same diagram gives the same bytes.
func TestPNGDeterministic(t *testing.T) {
	r := compute(t, login)
	var a, b bytes.Buffer
	if err := PNG(&a, r, Options{Scale: 2}); err != nil {
		t.Fatal(err)
	}
	if err := PNG(&b, compute(t, login), Options{Scale: 2}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PNGs of one diagram differ")
	}
}

// TestPNGTooLarge refuses an image that would not fit in memory.
func TestPNGTooLarge(t *testing.T) {
	r := &layout.Result{Width: 100000, Height: 100000}
	var buf bytes.Buffer
	if err := PNG(&buf, r, Options{}); err == nil || !strings.Contains(err.Error(), "too large") || buf.Len() > 0 {
		t.Fatalf("err = %v, %d bytes written; want a 'too large' error and nothing written", err, buf.Len())
	}
}

// TestPDFText opens the PDF with poppler's pdftotext: every message label
// and participant name is there as text.
func TestPDFText(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is missing")
		}
		t.Skip("no pdftotext (Debian: poppler-utils)")
	}
	r := compute(t, login)
	var buf bytes.Buffer
	if err := PDF(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "login.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-raw", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := string(out)
	for _, m := range r.Messages {
		for _, l := range m.Label.Lines {
			if !strings.Contains(text, l) {
				t.Errorf("pdftotext misses the label %q\n%s", l, text)
			}
		}
	}
	for _, p := range r.Participants {
		if !strings.Contains(text, p.Label.Lines[0]) {
			t.Errorf("pdftotext misses the participant %q", p.Label.Lines[0])
		}
	}
	var again bytes.Buffer
	if err := PDF(&again, compute(t, login), Options{}); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("two PDFs of one diagram differ (err %v)", err)
	}
}

// TestParseColor covers the colour spellings boxes and rects use.
func TestParseColor(t *testing.T) {
	for s, want := range map[string]color.NRGBA{
		"#fff": {255, 255, 255, 255}, "#11223344": {0x11, 0x22, 0x33, 0x44}, "rgb(200, 220, 255)": {200, 220, 255, 255},
		"rgba(0,0,255,0.5)": {0, 0, 255, 128}, "Aqua": {0, 255, 255, 255}, "lightyellow": {255, 255, 224, 255},
	} {
		if got, ok := parseColor(s); !ok || got != want {
			t.Errorf("parseColor(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "#12", "rgb(1,2)", "notacolour", "url(x)"} {
		if _, ok := parseColor(s); ok {
			t.Errorf("parseColor(%q) accepted", s)
		}
	}
}

// TestStrokeHasNoHoles strokes a right-angled corner and an ellipse (a
// database's top, flattened into many segments) at scale 4 and looks at
// the pixels on the line next to each join: they must be the stroke's
// colour. The round joins were wound against the segments, and the
// rasterizer sums signed areas, so every join left a pale hole: curved
// outlines came out dotted.
func TestStrokeHasNoHoles(t *testing.T) {
	const scale = 4
	img := &pixels{pix: make([]byte, 4*60*scale*40*scale), w: 60 * scale, h: 40 * scale}
	s := &raster{img: img, scale: scale}
	s.background(color.NRGBA{255, 255, 255, 255})
	black := style{stroke: color.NRGBA{0, 0, 0, 255}, width: 1.5}
	s.path((&path{}).moveTo(5, 5).lineTo(20, 5).lineTo(20, 30), black)
	s.path(ellipsePath(40, 20, 15, 6), black)
	dark := func(x, y float64) bool {
		i := 4 * (int(y*scale)*img.w + int(x*scale))
		return int(img.pix[i])+int(img.pix[i+1])+int(img.pix[i+2]) < 3*40
	}
	if !dark(19.7, 4.7) || !dark(20, 5) {
		t.Error("the corner's join is not painted")
	}
	for _, l := range s.flatten(ellipsePath(40, 20, 15, 6)) {
		for _, q := range l {
			if !dark(q.X, q.Y) {
				t.Errorf("ellipse outline not painted at its join (%.2f, %.2f)", q.X, q.Y)
			}
		}
	}
}

// TestPNGFallbackFont: characters DejaVu Sans lacks (here Chinese) are
// drawn from a system font when one is found, not as DejaVu's empty boxes:
// the glyphs come from the fallback font, and the pixels differ from the
// boxes drawn without it. The PDF keeps DejaVu alone (nil fallback).
func TestPNGFallbackFont(t *testing.T) {
	fs, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	const text = "用户 ok"
	if gs, _ := fs[0].shape(text, 14, nil, nil); gs[0].id != 0 || gs[0].fb != nil {
		t.Fatalf("DejaVu Sans has %q, or shape used a fallback it was not given", text[:3])
	}
	fb := fallback()
	if fb == nil {
		t.Skipf("no fallback font on this machine (looked for %v and $SEQDOC_FALLBACK_FONT)", fallbackFonts)
	}
	gs, _ := fs[0].shape(text, 14, nil, fb)
	for i, g := range gs {
		if cjk := g.r > 0x2e80; cjk != (g.fb == fb) || cjk && g.id == 0 {
			t.Errorf("glyph %d %q: id %d, from fallback %v", i, g.r, g.id, g.fb != nil)
		}
	}
	draw := func(fallback func() *face) []byte {
		img := &pixels{pix: make([]byte, 4*120*30), w: 120, h: 30}
		s := &raster{img: img, scale: 1, faces: fs, fallback: fallback}
		s.background(color.NRGBA{255, 255, 255, 255})
		s.text(run{x: 4, y: 20, s: text, size: 14, fill: color.NRGBA{0, 0, 0, 255}})
		return img.pix
	}
	if bytes.Equal(draw(nil), draw(fallback)) {
		t.Error("the text looks the same with the fallback font as without: still empty boxes")
	}
}
