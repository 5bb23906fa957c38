package site

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// fakeDiagrams draws a diagram as an SVG naming its line count, and fails
// on a line "boom" with a positioned error.
type fakeDiagrams struct{ calls int }

func (f *fakeDiagrams) RenderSVG(src []byte, w io.Writer) error {
	f.calls++
	for i, l := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(l) == "boom" {
			return fmt.Errorf("%d:5: unexpected boom", i+1)
		}
	}
	_, err := fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" data-lines="%d"></svg>`, strings.Count(string(src), "\n"))
	return err
}

// fakeCaptures turns a capture into parts whose text comes from the
// capture's bytes, so hostile captures reach every cell; its flow is one
// request (entry 0) and its answer, as authflow links them.
type fakeCaptures struct{}

func (fakeCaptures) analyze(name string, open func() (io.ReadCloser, error)) (*captureParts, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	s := string(data)
	if s == "bad" {
		return nil, errors.New("not a HAR file")
	}
	flow := func(all bool) *model.Diagram {
		d := model.New()
		d.AddParticipant("B", "Browser", model.KindActor)
		d.AddParticipant("S", s, model.KindParticipant)
		m := d.AddMessage("B", "S", model.Call, "GET /"+s)
		m.Link, m.ID, m.Step = "#entry-0", "e0", "#1"
		r := d.AddMessage("S", "B", model.Reply, "302")
		r.Link, r.ID = "#entry-0", "e0r"
		d.AddNote(model.RightOf, "Set-Cookie: "+s, "B").ID = "e0n"
		n := d.AddNote(model.Over, "Sign-in rejected", "B", "S")
		n.ID, n.Link = "e0f", "#finding-silent-reauth"
		if all {
			d.AddMessage("B", "S", model.Call, "GET /all").Link = "#entry-1"
		}
		return d
	}
	return &captureParts{
		Flow:     flow(false),
		FlowAll:  flow(true),
		Steps:    table{Head: []string{"#", "request"}, Rows: [][]cell{{{Text: "0"}, {Text: s}}}},
		StepsAll: table{Head: []string{"#", "request", "all"}, Rows: [][]cell{{{Text: "0"}, {Text: s}, {Text: "yes"}}}},
		Glossary: table{Head: []string{"name", "meaning"}, Rows: [][]cell{{{Text: s, Href: "https://x.example/" + s}, {Text: "from " + name}}},
			Refs: []refs{{Set: []int{0}, Sent: []int{0}}}},
		Findings: []finding{{Code: "silent-reauth", Severity: authflow.SeverityWarning, Message: s, Entries: []int{0, 2}}},
	}, nil
}

func fakeBuilder(fsys fstest.MapFS) (*Builder, *fakeDiagrams) {
	b := NewBuilder(Options{Content: fsys})
	d := &fakeDiagrams{}
	b.diagrams = diagramCache{r: d}
	b.captures = captureCache{a: fakeCaptures{}}
	return b, d
}

func TestFences(t *testing.T) {
	seq := "```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n"
	fsys := fstest.MapFS{
		"index.md": file("---\ntitle: t\n---\n" + seq + "\n" + seq + // lines 4-7, 9-12
			"\n```mermaid\nflowchart LR\n  A-->B\n```\n" + // 14
			"\n```mermaid\nsequenceDiagram\nboom\n```\n" + // 19: error at diagram line 2 → file line 21
			"\n```go\nfunc main() {}\n```\n" +
			"\n```\n<b>plain</b>\n```\n"),
	}
	b, d := fakeBuilder(fsys)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["index.html"])
	if n := strings.Count(page, `<div class="diagram-frame"><svg`); n != 2 {
		t.Errorf("%d inline diagrams, want 2", n)
	}
	if d.calls != 2 {
		t.Errorf("the renderer ran %d times for 2 distinct diagrams, want 2 (cache by hash)", d.calls)
	}
	if !strings.Contains(page, "this flowchart diagram is shown as its source") {
		t.Error("a flowchart lacks its note")
	}
	if !strings.Contains(page, `<span class="kd">func</span>`) {
		t.Error("go code not highlighted with chroma classes")
	}
	if strings.Contains(page, "style=\"color") {
		t.Error("chroma wrote inline styles")
	}
	if !strings.Contains(page, "&lt;b&gt;plain&lt;/b&gt;") {
		t.Error("a plain code block was not escaped")
	}
	if len(res.Errors) != 1 || res.Errors[0].String() != "index.md:21:5: diagram: unexpected boom" {
		t.Errorf("errors = %v, want the boom at index.md:21", res.Errors)
	}
	if !strings.Contains(page, `<div class="build-error" role="alert">`) {
		t.Error("a failing diagram shows no error box")
	}
}

func TestSeqdocBlocks(t *testing.T) {
	fsys := fstest.MapFS{
		"app/index.md": file("---\ntitle: t\n---\n" +
			"```seqdoc diagram\n```\n\n" + // 4
			"```seqdoc findings\n```\n\n" + // 7: before the steps table it links to
			"```seqdoc steps\nall: true\n```\n\n" + // 10
			"```seqdoc glossary\ncapture: other.har\n```\n\n" + // 14
			"```seqdoc nonsense\n```\n\n" + // 18
			"```seqdoc steps\ncolour: red\n```\n\n" + // 21, key on 22
			"```seqdoc steps\ncapture: missing.har\n```\n\n" + // 25
			"```seqdoc steps\ncapture: bad.har\n```\n"), // 29
		"app/capture.har": file("main"),
		"app/other.har":   file("other"),
		"app/bad.har":     file("bad"),
	}
	b, _ := fakeBuilder(fsys)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["app/index.html"])
	h := sha256.Sum256([]byte("main"))
	p := fmt.Sprintf("c%x", h[:4]) // the ids of capture.har's diagram
	for _, want := range []string{
		// The diagram's arrows link to the rows of the table below it, and
		// have ids for the links back.
		`<a href="#entry-0" id="` + p + `-e0" aria-label="GET /main #1: request 0">`,
		`<a href="#entry-0" id="` + p + `-e0r" aria-label="302: response to request 0">`,
		`<g id="` + p + `-e0n">`,
		`B-&gt;&gt;S: [#35;1] GET /main`, // its Mermaid source
		// all: true → StepsAll; the first steps table's rows have ids and
		// link back to their arrows, which a script highlights.
		`<tr id="entry-0" data-hl="` + p + `-e0 ` + p + `-e0r ` + p + `-e0n"><td><a href="#` + p + `-e0" aria-label="request 0 in the diagram"><code>0</code></a></td><td>main</td><td data-label="all">yes</td>`,
		// No diagram of other.har on the page: no highlight button.
		`<td><a href="https://x.example/other"><code>other</code></a></td><td data-label="meaning">from app/other.har</td>`,
		// The severity first, as inspect prints it (issue 9).
		// The first findings block's items are the targets of the
		// diagram's notes on rejected sign-ins.
		`<a href="#finding-silent-reauth" id="` + p + `-e0f" aria-label="Sign-in rejected">`,
		`<li id="finding-silent-reauth"><span class="finding-severity severity-warning">warning</span> <code class="finding-code">silent-reauth</code> main <span class="finding-entries">(entries <a href="#entry-0">#0</a>, #2)</span>` + // #2 has no row
			` <button type="button" class="hl-button" data-hl="` + p + `-e0 ` + p + `-e0r ` + p + `-e0n" aria-pressed="false">show in diagram<span class="vh">: silent-reauth</span></button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "#entry-1") {
		t.Error("an arrow links to entry 1, which has no row on the page")
	}
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.String())
	}
	want := []string{
		`app/index.md:18: seqdoc block: unknown part "nonsense" (use one of: diagram, steps, glossary, findings, diff)`,
		`app/index.md:22: seqdoc block: "colour: red" is not a key: value line this block knows (keys: all, capture)`,
		`app/index.md:25: seqdoc block: capture missing.har not found (paths are relative to the page; the page's folder holds bad.har, capture.har, other.har)`,
		`app/index.md:29: seqdoc block: reading capture app/bad.har: not a HAR file`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(page, `class="build-error"`); n != 4 {
		t.Errorf("%d error boxes, want 4", n)
	}

	// A page without the capture's findings: the note links nowhere.
	fsys["app/index.md"] = file("---\ntitle: t\n---\n```seqdoc diagram\n```\n\n```seqdoc findings\ncapture: other.har\n```\n")
	b, _ = fakeBuilder(fsys)
	if res, err = b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	page = string(res.Files["app/index.html"])
	if strings.Contains(page, `href="#finding-`) || !strings.Contains(page, `<g id="`+p+`-e0f">`) {
		t.Error("the diagram links to a finding the page does not list (or lost its note)")
	}
	if !strings.Contains(page, `<li id="finding-silent-reauth">`) {
		t.Error("the page's first findings block has no anchors")
	}
}

// TestHostileStringsRenderLiterally puts markup and script into a capture's
// text and into front matter: every one must come out escaped.
func TestHostileStringsRenderLiterally(t *testing.T) {
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`
	fsys := fstest.MapFS{
		"_index.md":       file("---\ntitle: '" + strings.ReplaceAll(hostile, "'", "''") + "'\ndescription: '" + strings.ReplaceAll(hostile, "'", "''") + "'\n---\n"),
		"app/index.md":    file("---\ntitle: x\n---\n<script>alert(3)</script>\n\n[x](javascript:alert(4))\n\n```seqdoc steps\n```\n```seqdoc glossary\n```\n```seqdoc findings\n```\n"),
		"app/capture.har": file(hostile),
	}
	b, _ := fakeBuilder(fsys)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range res.Files {
		s := string(data)
		for _, bad := range []string{"<script>alert", "<img src=x", "alert(3)</script>", `href="javascript:`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q unescaped", name, bad)
			}
		}
	}
	app := string(res.Files["app/index.html"])
	if !strings.Contains(app, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;&#39;&amp;") {
		t.Errorf("the capture's text is not shown literally:\n%s", app)
	}
}

func TestLinkCheckerOnBuiltSite(t *testing.T) {
	res := build(t, Options{Content: testSite()})
	if errs := CheckLinks(res.Files); len(errs) > 0 {
		t.Errorf("broken links: %v", errs)
	}
	// The checker itself catches each kind of bad link.
	files := map[string][]byte{
		"index.html":   []byte(`<a href="a/index.html#x">ok</a><a href="a/">dir</a><a href="/abs.html">abs</a><a href="missing.html">m</a><a href="a/index.html#nope">f</a><a href="https://e.com/">ext</a>`),
		"a/index.html": []byte(`<h2 id="x">X</h2>`),
	}
	errs := CheckLinks(files)
	if len(errs) != 4 {
		t.Errorf("checker found %d problems, want 4 (dir, absolute, missing, fragment): %v", len(errs), errs)
	}
}

// TestMermaidWithDiagramPackage renders through the real diagram package:
// a good fence becomes an inline SVG, a bad one an error at its file line.
func TestMermaidWithDiagramPackage(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md": file("---\ntitle: t\n---\n" +
			"```mermaid\nsequenceDiagram\n  Browser->>ALB: GET /\n  ALB-->>Browser: 302\n```\n\n" + // 4-8
			"```mermaid\nsequenceDiagram\n  Browser->>ALB: ok\n  participant\n```\n"), // 10; error on line 13
	}
	res := build(t, Options{Content: fsys})
	page := string(res.Files["index.html"])
	if !strings.Contains(page, `<div class="diagram-frame"><svg`) || !strings.Contains(page, "Browser-&gt;&gt;ALB: GET /") {
		t.Errorf("no inline SVG with its Mermaid source:\n%s", page)
	}
	if len(res.Errors) == 0 || res.Errors[0].File != "index.md" || res.Errors[0].Line != 13 {
		t.Errorf("errors = %v, want one at index.md:13", res.Errors)
	}
}

// TestCachesForgetWhatABuildNoLongerUses edits a page's diagram: after the
// next whole build the old drawing is gone from the cache.
func TestCachesForgetWhatABuildNoLongerUses(t *testing.T) {
	fsys := fstest.MapFS{"index.md": file("```mermaid\nsequenceDiagram\nA->>B: one\n```\n")}
	b, d := fakeBuilder(fsys)
	for i, text := range []string{"one", "two", "three"} {
		fsys["index.md"] = file("```mermaid\nsequenceDiagram\nA->>B: " + text + "\n```\n\n```go\nvar x = " + text + "\n```\n")
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n, h := b.diagrams.cache.len(), b.hl.cache.len(); n != 1 || h != 1 {
			t.Errorf("after build %d: %d cached diagrams and %d highlighted blocks, want 1 and 1", i+1, n, h)
		}
	}
	if d.calls != 3 {
		t.Errorf("renderer called %d times for 3 distinct diagrams", d.calls)
	}
}

// TestRebuildAfterCaptureEdit: a page whose Markdown did not change is
// rendered again when its capture did.
func TestRebuildAfterCaptureEdit(t *testing.T) {
	fsys := fstest.MapFS{
		"a/index.md":    file("```seqdoc steps\n```\n"),
		"a/capture.har": file("first"),
		"b.md":          file("other page"),
	}
	b, _ := fakeBuilder(fsys)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	fsys["a/capture.har"] = file("second")
	res, changed, err := b.Rebuild(context.Background(), []string{"a/capture.har"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(changed, " ") != "/a/ /search-index.js" {
		t.Errorf("changed = %q, want only /a/ and the search index (the page's text changed)", changed)
	}
	if !strings.Contains(string(res.Files["a/index.html"]), "<td>second</td>") {
		t.Error("the page does not show the new capture")
	}
}
