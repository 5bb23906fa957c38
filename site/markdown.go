package site

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown is the one goldmark configuration of the site: GFM (tables,
// strikethrough, autolinks, task lists), footnotes, heading ids. Raw HTML in
// the Markdown is left out (goldmark's safe default).
//
// nodeRenderer is registered at priority 100, below goldmark's own HTML
// renderer (1000): a smaller number wins, so it replaces the heading
// renderer and adds the prerendered-block kind.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100))),
	)
}

// kindPrerendered is the node kind of a block whose HTML was made before
// rendering (a highlighted fence, a diagram, a seqdoc block).
var kindPrerendered = ast.NewNodeKind("Prerendered")

// prerendered is a block that renders as the HTML it holds; text is what
// the search index takes from it.
type prerendered struct {
	ast.BaseBlock
	html []byte
	text []byte
}

func (n *prerendered) Kind() ast.NodeKind { return kindPrerendered }

func (n *prerendered) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// nodeRenderer draws headings with an anchor link and prerendered blocks.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(kindPrerendered, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*prerendered).html)
		}
		return ast.WalkSkipChildren, nil
	})
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			_, _ = w.WriteString(` <a class="anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(b))
			_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
		}
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

// pageRender is the state of one page's Markdown rendering.
type pageRender struct {
	b     *Builder
	t     *tree
	n     *node
	lines []int // offsets of the body's line starts
	errs  []Error
	deps  map[string][32]byte // content files the page read (captures), by the hash they had
	// rows are the entries whose rows in the page's first steps table have
	// an id (entry-N), for findings to link to; nil before that table.
	rows map[string]bool
	// firstSteps is the page's first steps block, diagramOf the captures
	// the page draws a diagram of (their first diagram's all: value): see
	// planBlocks.
	firstSteps *blockOpts
	diagramOf  map[string]bool
	// firstFindings is the capture of the page's first findings block: its
	// items have ids (finding-CODE) that this capture's diagram links to;
	// findingsDone once that block is drawn.
	firstFindings string
	findingsDone  bool
	// blockText collects the searchable text of the block being rendered.
	blockText []byte
	// figures counts the page's diagrams, for their download names.
	figures int
	// search is the page's record in the search index.
	search []byte
	// failChecked are the captures whose findings were held against
	// Options.FailOn already.
	failChecked map[string]bool
}

// line is the 1-based line of the source file at body offset off.
func (pr *pageRender) line(off int) int {
	return pr.n.bodyLine + sort.Search(len(pr.lines), func(i int) bool { return pr.lines[i] > off })
}

func (pr *pageRender) errorf(off int, format string, args ...any) {
	pr.errs = append(pr.errs, Error{File: pr.n.src, Line: pr.line(off), Msg: fmt.Sprintf(format, args...)})
}

// render turns the page's Markdown into HTML: parse, rewrite links, replace
// fences by their prerendered HTML, render.
func (pr *pageRender) render() []byte {
	src := pr.n.body
	pr.lines = append(pr.lines, 0)
	for i, c := range src {
		if c == '\n' {
			pr.lines = append(pr.lines, i+1)
		}
	}
	md := pr.b.md
	doc := md.Parser().Parse(text.NewReader(src))
	// Collect first, then change the tree: replacing nodes while walking
	// would skip siblings.
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			fences = append(fences, n)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			n.Destination = pr.link(n, n.Destination, "link")
		case *ast.Image:
			n.Destination = pr.link(n, n.Destination, "image")
		}
		return ast.WalkContinue, nil
	})
	// The seqdoc blocks are planned first: a diagram links to the rows of
	// the requests table that follows it, and the table back to it.
	var blocks []blockOpts
	for _, f := range fences {
		if f.Info == nil {
			continue
		}
		info := strings.TrimSpace(string(f.Info.Segment.Value(src)))
		if part, ok := strings.CutPrefix(info, "seqdoc "); ok {
			var code bytes.Buffer
			for i := 0; i < f.Lines().Len(); i++ {
				seg := f.Lines().At(i)
				code.Write(seg.Value(src))
			}
			if o, _, msg := pr.parseBlock(strings.TrimSpace(part), code.Bytes()); msg == "" {
				blocks = append(blocks, o)
			}
		}
	}
	pr.planBlocks(blocks)
	// Findings come last, so that they can link to the rows of the page's
	// steps table wherever it is.
	isFindings := func(f *ast.FencedCodeBlock) bool {
		return f.Info != nil && strings.HasPrefix(strings.TrimSpace(string(f.Info.Segment.Value(src))), "seqdoc findings")
	}
	extra := 0
	for _, last := range []bool{false, true} {
		for _, f := range fences {
			if isFindings(f) == last {
				pr.blockText = nil
				p := &prerendered{html: pr.fence(f, src)}
				p.text = pr.blockText
				extra += len(p.html)
				f.Parent().ReplaceChild(f.Parent(), f, p)
			}
		}
	}
	pr.search = searchRecord(pr.n, doc, src)
	var buf bytes.Buffer
	buf.Grow(len(src)*2 + extra) // HTML is about twice its Markdown; blocks bring their own size
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		pr.errorf(0, "rendering: %v", err)
	}
	return buf.Bytes()
}

// link resolves one destination; a local one that names nothing is an
// error at the link's line.
func (pr *pageRender) link(n ast.Node, dest []byte, what string) []byte {
	href, ok := pr.t.resolveLink(pr.n, string(dest))
	if !ok {
		off := destOffset(pr.n.body, nodeOffset(n), dest)
		pr.errs = append(pr.errs, Error{File: pr.n.src, Line: pr.line(off), Col: pr.col(off),
			Msg: fmt.Sprintf("broken %s %q: no page or file at that path (paths are relative to this file's folder)", what, dest)})
		return dest
	}
	return []byte(href)
}

// destOffset is the body offset of a link's destination, looked for from
// the offset of its text on: "(dest" or "(<dest" right after the text,
// else the first dest further on (a reference link's definition), else the
// text's offset (a destination written otherwise, e.g. with escapes).
func destOffset(src []byte, from int, dest []byte) int {
	if from < 0 || from > len(src) || len(dest) == 0 {
		return from
	}
	rest := src[from:]
	for _, open := range []string{"(", "(<"} {
		if i := bytes.Index(rest, append([]byte(open), dest...)); i >= 0 {
			// Only when it closes the link's own text: no blank line between.
			if !bytes.Contains(rest[:i], []byte("\n\n")) {
				return from + i + len(open)
			}
		}
	}
	if i := bytes.Index(rest, dest); i >= 0 {
		return from + i
	}
	return from
}

// col is the 1-based column (in bytes, as Go's tools count) of body
// offset off in its line.
func (pr *pageRender) col(off int) int {
	i := sort.Search(len(pr.lines), func(i int) bool { return pr.lines[i] > off })
	return off - pr.lines[i-1] + 1
}

// nodeOffset is the body offset of an inline node's text, else of its
// block's first line.
func nodeOffset(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
