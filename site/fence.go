package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// fence renders one fenced code block: a mermaid sequenceDiagram as SVG, a
// seqdoc block as the capture part it names, anything else highlighted.
func (pr *pageRender) fence(f *ast.FencedCodeBlock, src []byte) []byte {
	var info string
	off := 0
	if f.Info != nil {
		info = strings.TrimSpace(string(f.Info.Segment.Value(src)))
		off = f.Info.Segment.Start
	} else if f.Lines().Len() > 0 {
		off = f.Lines().At(0).Start
	}
	lang, rest, _ := strings.Cut(info, " ")
	if i := strings.IndexByte(lang, '{'); i >= 0 {
		lang = lang[:i]
	}
	var code bytes.Buffer
	lines := f.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		code.Write(s.Value(src))
	}
	if lang != "seqdoc" {
		pr.blockText = append(pr.blockText, code.Bytes()...)
	}
	switch lang {
	case "mermaid":
		if kind := mermaidKind(code.Bytes()); kind != "sequenceDiagram" {
			note := fmt.Sprintf(`<p class="diagram-note">seqdoc draws Mermaid sequence diagrams only; this %s diagram is shown as its source.</p>`, html.EscapeString(kind))
			return append([]byte(note+"\n"), plainCode("mermaid", code.Bytes())...)
		}
		return pr.diagram(code.Bytes(), off)
	case "seqdoc":
		return pr.seqdocBlock(strings.TrimSpace(rest), code.Bytes(), off)
	}
	return pr.b.hl.highlight(lang, code.Bytes())
}

// mermaidKind is the diagram type a Mermaid text declares: its first word
// after blank lines, %% comments and a --- front matter block.
func mermaidKind(src []byte) string {
	inFront := false
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case i == 0 && l == "---":
			inFront = true
		case inFront:
			inFront = l != "---"
		case l == "" || strings.HasPrefix(l, "%%"):
		default:
			w, _, _ := strings.Cut(l, " ")
			return w
		}
	}
	return "empty"
}

// DiagramRenderer draws the text of a Mermaid sequenceDiagram as SVG. The
// site calls it from several goroutines at once, once per distinct text.
// For text with problems it returns DiagramErrors (or an error whose
// message starts with "line:col: ", counted in the text).
type DiagramRenderer interface {
	RenderSVG(src []byte, w io.Writer) error
}

// DiagramError is a problem at a line and column of a diagram's text.
type DiagramError struct {
	Line, Col int
	Msg       string
}

// DiagramErrors are every problem of a diagram's text.
type DiagramErrors []DiagramError

// Error lists the problems as line:col: message, separated by "; ".
func (e DiagramErrors) Error() string {
	var b strings.Builder
	for i, x := range e {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%d:%d: %s", x.Line, x.Col, x.Msg)
	}
	return b.String()
}

// diagramCache renders each distinct diagram text once.
type diagramCache struct {
	r     DiagramRenderer
	cache hashCache[[]byte]
}

func (c *diagramCache) render(src []byte) ([]byte, error) {
	return c.cache.get(sha256.Sum256(src), func() ([]byte, error) {
		if c.r == nil {
			return nil, fmt.Errorf("this seqdoc was built without a diagram renderer")
		}
		var buf bytes.Buffer
		buf.Grow(16 << 10)
		err := c.r.RenderSVG(src, &buf)
		return buf.Bytes(), err
	})
}

var posPrefixRE = regexp.MustCompile(`^(?:[^:\s]*:)?(\d+):(\d+): `)

// diagram renders a mermaid fence as an inline SVG in its scrolling frame,
// or an error box over the fence's source.
func (pr *pageRender) diagram(code []byte, off int) []byte {
	svg, err := pr.b.diagrams.render(code)
	if err != nil {
		var list DiagramErrors
		if !errors.As(err, &list) {
			list = DiagramErrors{{Msg: err.Error()}}
			if m := posPrefixRE.FindStringSubmatch(err.Error()); m != nil {
				list[0].Line, _ = strconv.Atoi(m[1])
				list[0].Col, _ = strconv.Atoi(m[2])
				list[0].Msg = err.Error()[len(m[0]):]
			}
		}
		var box []byte
		for _, d := range list {
			e := Error{File: pr.n.src, Line: pr.line(off) + d.Line, Col: d.Col, Msg: "diagram: " + d.Msg}
			if d.Line == 0 {
				e.Line, e.Col = pr.line(off), 0
			}
			pr.errs = append(pr.errs, e)
			box = append(box, errorBox(e)...)
		}
		return append(box, plainCode("mermaid", code)...)
	}
	return pr.figure("diagram", svg, code, "")
}

// figure places a drawn diagram in its frame (which scrolls sideways on a
// narrow screen), with what a reader can take away: the Mermaid source,
// shown on demand and copied by a button (it renders on GitHub too), and
// the SVG and a PNG as files. The buttons need JavaScript and show only
// with it (seqdoc.js); the source is readable without.
//
// The PNG is drawn by the browser from the SVG (seqdoc.js), in the theme
// the reader sees, not by the build: package diagram/paint would add some
// 35 ms of CPU per diagram to every build for a file few readers take.
func (pr *pageRender) figure(class string, svg, mermaidSrc []byte, caption string) []byte {
	pr.figures++
	name := pr.n.name
	if name == "" {
		name = "index"
	}
	if pr.figures > 1 {
		name += "-" + strconv.Itoa(pr.figures)
	}
	var b bytes.Buffer
	b.Grow(len(svg) + 2*len(mermaidSrc) + 512)
	b.WriteString(`<figure class="` + class + `" data-name="` + html.EscapeString(name) + `">`)
	b.WriteString(`<div class="diagram-tools"><button type="button" data-copy="mermaid">Copy Mermaid source</button>`)
	b.WriteString(`<button type="button" data-download="svg">Download SVG</button><button type="button" data-download="png">Download PNG</button></div>`)
	b.WriteString(`<div class="diagram-frame">`)
	b.Write(svg)
	b.WriteString(`</div>`)
	if caption != "" {
		b.WriteString("<figcaption>" + caption + "</figcaption>")
	}
	b.WriteString(`<details class="diagram-source"><summary>Mermaid source</summary><pre><code class="language-mermaid">`)
	b.Write(util.EscapeHTML(mermaidSrc))
	b.WriteString("</code></pre></details></figure>\n")
	return b.Bytes()
}

// errorBox is the page's visible form of a build error.
func errorBox(e Error) []byte {
	return []byte(`<div class="build-error" role="alert"><strong>build error</strong> <code>` +
		html.EscapeString(e.String()) + "</code></div>\n")
}
