package site

import (
	"context"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seqdoc/seqdoc/content"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// testSite is a small site with every kind of page.
func testSite() fstest.MapFS {
	return fstest.MapFS{
		"_index.md":                     file("---\ntitle: My cookbook\n---\nWelcome. See [the cookbook](cookbook/).\n"),
		"cookbook/_index.md":            file("---\ntitle: Cookbook\ndescription: Recipes.\n---\n"),
		"cookbook/zeta.md":              file("---\ntitle: Zeta\nweight: 1\n---\nBack [home](../_index.md) and to [alpha](alpha.md#top).\n"),
		"cookbook/alpha.md":             file("---\ntitle: Alpha\ndescription: First by title.\n---\n## Top\n\n![pic](app/pic.png)\n"),
		"cookbook/unweighted-b.md":      file("---\ntitle: Beta\n---\nSee [app](app/) and [zeta](../cookbook/zeta/).\n"),
		"cookbook/draft.md":             file("---\ntitle: Draft\ndraft: true\n---\nnot yet\n"),
		"cookbook/app/index.md":         file("---\ntitle: App\n---\nA bundle.\n"),
		"cookbook/app/pic.png":          file("PNG"),
		"cookbook/app/capture.har":      file("{}"),
		"cookbook/empty/only-image.png": file("PNG"),
	}
}

func build(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := NewBuilder(opts).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestBuildSiteShape(t *testing.T) {
	res := build(t, Options{Content: testSite()})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	wantPages := []string{"/", "/cookbook/", "/cookbook/alpha/", "/cookbook/app/", "/cookbook/unweighted-b/", "/cookbook/zeta/"}
	if !reflect.DeepEqual(res.Pages, wantPages) {
		t.Errorf("pages = %q, want %q", res.Pages, wantPages)
	}
	for _, f := range []string{"index.html", "404.html", "seqdoc.css", "cookbook/app/pic.png", "cookbook/empty/only-image.png"} {
		if _, ok := res.Files[f]; !ok {
			t.Errorf("missing output file %s", f)
		}
	}
	if _, ok := res.Files["cookbook/app/capture.har"]; ok {
		t.Error("a capture was published; captures are read, never copied")
	}
	if _, ok := res.Files["cookbook/draft/index.html"]; ok {
		t.Error("a draft page was built without Drafts")
	}
	// Children: weighted first (Zeta), then by title: Alpha, App, Beta.
	sec := string(res.Files["cookbook/index.html"])
	order := []string{`href="zeta/index.html">Zeta`, `href="alpha/index.html">Alpha`, `href="app/index.html">App`, `href="unweighted-b/index.html">Beta`}
	last := -1
	for _, o := range order {
		i := strings.Index(sec, o)
		if i < 0 || i < last {
			t.Fatalf("section list out of order or missing %q:\n%s", o, sec)
		}
		last = i
	}
	if !strings.Contains(sec, "<p>First by title.</p>") {
		t.Error("section list lacks the child's description")
	}
}

func TestBuildLinksAndBreadcrumbs(t *testing.T) {
	res := build(t, Options{Content: testSite()})
	zeta := string(res.Files["cookbook/zeta/index.html"])
	for _, want := range []string{
		`<a href="../../index.html">home</a>`, // ../_index.md from cookbook/zeta.md
		`<a href="../alpha/index.html#top">`,  // alpha.md#top
		`<a href="../../index.html" aria-label="Home" title="Home"><svg class="home-icon"`,
		// Breadcrumbs and "back to" show the pages' titles, not their
		// folder and file names (cookbook / zeta).
		`<li><a href="../index.html">Cookbook</a></li>`,
		`<span aria-current="page">Zeta</span>`,
		`back to <a href="../index.html">Cookbook</a>`,
		`href="../../seqdoc.css"`,
	} {
		if !strings.Contains(zeta, want) {
			t.Errorf("zeta page lacks %s", want)
		}
	}
	// A folder without a title keeps its name; a bundle's page gives its
	// title to its own crumb.
	app := string(res.Files["cookbook/app/index.html"])
	if !strings.Contains(app, `<span aria-current="page">App</span>`) || !strings.Contains(app, `back to <a href="../index.html">Cookbook</a>`) {
		t.Errorf("bundle page's breadcrumbs:\n%s", app)
	}
	alpha := string(res.Files["cookbook/alpha/index.html"])
	if !strings.Contains(alpha, `<img src="../app/pic.png" alt="pic">`) {
		t.Errorf("image not rewritten relative to the page:\n%s", alpha)
	}
	if !strings.Contains(alpha, `<h2 id="top">Top <a class="anchor" href="#top"`) {
		t.Error("heading lacks its id and anchor")
	}
	beta := string(res.Files["cookbook/unweighted-b/index.html"])
	if !strings.Contains(beta, `href="../app/index.html"`) || !strings.Contains(beta, `href="../zeta/index.html"`) {
		t.Errorf("folder and pretty-URL links not resolved:\n%s", beta)
	}
	home := string(res.Files["index.html"])
	if strings.Contains(home, "breadcrumbs") || strings.Contains(home, "back to") {
		t.Error("the home page has breadcrumbs or a back link")
	}
}

func TestBuildErrorsHaveLines(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":  file("---\ntitle: x\n---\n\nline five [broken](nowhere.md)\n"),
		"bad.md":    file("---\ntitle: [unclosed\n---\n"),
		"nofm.md":   file("---\ntitle: x\n"),
		"escape.md": file("[up](../../etc/passwd)\n"),
	}
	res := build(t, Options{Content: fsys})
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.File+":"+strconv.Itoa(e.Line))
	}
	want := []string{"bad.md:2", "escape.md:1", "index.md:5", "nofm.md:1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("error positions = %v, want %v (%v)", got, want, res.Errors)
	}
}

// TestSitemapNeedsBaseURL: a sitemap's <loc>s must be absolute URLs, so
// without a base URL (Options.BaseURL, else base_url in the home page's
// front matter) no sitemap.xml is written and the build says so once
// (serve, which writes nothing, says nothing). It used to list relative
// <loc>s such as "cookbook/".
func TestSitemapNeedsBaseURL(t *testing.T) {
	locRE := regexp.MustCompile(`<loc>([^<]*)</loc>`)
	withFM := testSite()
	withFM["_index.md"] = file("---\ntitle: Home\nbase_url: https://www.example.org/cb/\n---\nSee the [cookbook](cookbook/).\n")
	for _, c := range []struct {
		name   string
		opts   Options
		prefix string // of every <loc>; "" for no sitemap
		notes  int
	}{
		{"no base URL", Options{Content: testSite()}, "", 1},
		{"no base URL, serving", Options{Content: testSite(), LiveReload: true}, "", 0},
		{"--base-url", Options{Content: testSite(), BaseURL: "https://example.com/docs/"}, "https://example.com/docs/", 0},
		{"base_url in the home page", Options{Content: withFM}, "https://www.example.org/cb/", 0},
		{"--base-url wins", Options{Content: withFM, BaseURL: "https://example.com/docs/"}, "https://example.com/docs/", 0},
	} {
		res := build(t, c.opts)
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %v", c.name, res.Errors)
		}
		sm, ok := res.Files["sitemap.xml"]
		if ok != (c.prefix != "") {
			t.Errorf("%s: sitemap.xml written %v, want %v", c.name, ok, c.prefix != "")
		}
		locs := locRE.FindAllSubmatch(sm, -1)
		if ok && len(locs) != len(res.Pages) {
			t.Errorf("%s: %d <loc>s for %d pages", c.name, len(locs), len(res.Pages))
		}
		for _, l := range locs {
			if !strings.HasPrefix(string(l[1]), c.prefix) {
				t.Errorf("%s: <loc>%s</loc>, want it under %s", c.name, l[1], c.prefix)
			}
		}
		if len(res.Notes) != c.notes {
			t.Errorf("%s: notes %q, want %d", c.name, res.Notes, c.notes)
		}
	}
}

func TestBuildDraftsAndLiveReload(t *testing.T) {
	res := build(t, Options{Content: testSite(), Drafts: true, LiveReload: true, BaseURL: "https://example.com/docs/"})
	d, ok := res.Files["cookbook/draft/index.html"]
	if !ok {
		t.Fatal("Drafts did not build the draft page")
	}
	for _, want := range []string{
		`<meta name="seqdoc-page" content="/cookbook/draft/">`,
		`<script src="../../_seqdoc/reload.js" defer></script>`,
		`<link rel="canonical" href="https://example.com/docs/cookbook/draft/">`,
	} {
		if !strings.Contains(string(d), want) {
			t.Errorf("draft page lacks %s", want)
		}
	}
	if sm := string(res.Files["sitemap.xml"]); !strings.Contains(sm, "<loc>https://example.com/docs/cookbook/zeta/</loc>") {
		t.Errorf("sitemap lacks absolute URLs:\n%s", sm)
	}
	plain := build(t, Options{Content: testSite()})
	if strings.Contains(string(plain.Files["index.html"]), "reload.js") {
		t.Error("reload script without LiveReload")
	}
}

func TestRebuildReportsChangedPages(t *testing.T) {
	fsys := testSite()
	b := NewBuilder(Options{Content: fsys})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	fsys["cookbook/alpha.md"] = file("---\ntitle: Alpha\ndescription: First by title.\n---\nnew text [broken](nope.md)\n")
	res, changed, err := b.Rebuild(context.Background(), []string{"cookbook/alpha.md"})
	if err != nil {
		t.Fatal(err)
	}
	// The page's text changed, so did the search index.
	if want := []string{"/cookbook/alpha/", "/search-index.js"}; !reflect.DeepEqual(changed, want) {
		t.Errorf("changed = %q, want %q", changed, want)
	}
	// The incremental rebuild equals a full build of the new content.
	full := build(t, Options{Content: fsys})
	if !reflect.DeepEqual(res.Files, full.Files) || !reflect.DeepEqual(res.Errors, full.Errors) {
		t.Errorf("incremental rebuild differs from a full build: errors %v vs %v", res.Errors, full.Errors)
	}
	if len(res.Errors) != 1 {
		t.Errorf("errors after the edit = %v, want the broken link", res.Errors)
	}
	// A new title shows in the section's list too.
	fsys["cookbook/alpha.md"] = file("---\ntitle: Aardvark\n---\nnew text\n")
	_, changed, _ = b.Rebuild(context.Background(), []string{"cookbook/alpha.md"})
	if want := []string{"/cookbook/", "/cookbook/alpha/", "/search-index.js"}; !reflect.DeepEqual(changed, want) {
		t.Errorf("changed = %q, want %q", changed, want)
	}
	_, changed, _ = b.Rebuild(context.Background(), nil)
	if len(changed) != 0 {
		t.Errorf("a rebuild without changes changed %q", changed)
	}
}

// TestTitleFromLeadingHeading: a page without a front-matter title that
// starts with "# Heading" is titled by it (in its <h1>, its breadcrumb and
// its section's list) and shows it once; it used to show its file name as
// the title, then the heading again. Editing the heading updates the
// section's list as a full build would.
func TestTitleFromLeadingHeading(t *testing.T) {
	fsys := testSite()
	fsys["cookbook/setup.md"] = file("\n# Set `up` the ALB #\n\nText, [broken](nope.md) on line 4.\n")
	fsys["cookbook/notes.md"] = file("Text first.\n\n# A heading later\n")
	b := NewBuilder(Options{Content: fsys})
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["cookbook/setup/index.html"])
	if n := strings.Count(page, "<h1"); n != 1 || !strings.Contains(page, "<h1>Set up the ALB</h1>") {
		t.Errorf("%d <h1>, want one <h1>Set up the ALB</h1>:\n%s", n, page)
	}
	if !strings.Contains(page, `<span aria-current="page">Set up the ALB</span>`) {
		t.Error("the breadcrumb does not show the heading's title")
	}
	if sec := string(res.Files["cookbook/index.html"]); !strings.Contains(sec, `href="setup/index.html">Set up the ALB`) {
		t.Errorf("the section lists setup without its heading's title:\n%s", sec)
	}
	if len(res.Errors) != 1 || res.Errors[0].String() != "cookbook/setup.md:4:16: broken link \"nope.md\": no page or file at that path (paths are relative to this file's folder)" {
		t.Errorf("errors %v: want the broken link at its own line 4, column 16", res.Errors)
	}
	// A heading that does not open the page is not the title.
	if notes := string(res.Files["cookbook/notes/index.html"]); !strings.Contains(notes, "<h1>notes</h1>") || !strings.Contains(notes, ">A heading later") {
		t.Errorf("notes page:\n%s", notes)
	}
	// A front-matter title wins, and the heading stays in the text.
	if alpha := string(res.Files["cookbook/alpha/index.html"]); strings.Count(alpha, "<h1") != 1 {
		t.Errorf("alpha has %d <h1>", strings.Count(alpha, "<h1"))
	}

	fsys["cookbook/setup.md"] = file("\n# Configure the ALB\n\nText, [broken](nope.md) on line 4.\n")
	re, changed, err := b.Rebuild(context.Background(), []string{"cookbook/setup.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(changed, "/cookbook/") {
		t.Errorf("changed %q: the section's list shows the new title too", changed)
	}
	if full := build(t, Options{Content: fsys}); !reflect.DeepEqual(re.Files, full.Files) {
		t.Error("the rebuild after a new heading differs from a full build")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a := build(t, Options{Content: testSite()})
	b := build(t, Options{Content: testSite()})
	if !reflect.DeepEqual(a.Files, b.Files) {
		t.Error("two builds of the same content differ")
	}
}

func TestLayoutsOverrideTemplatesAndStylesheet(t *testing.T) {
	layouts := fstest.MapFS{
		"page.html":  file(`{{define "main"}}<div class="custom">{{.Title}}|{{.Content}}</div>{{end}}`),
		"seqdoc.css": file("body { color: red; }\n"),
	}
	res := build(t, Options{Content: testSite(), Layouts: layouts})
	// A folder without a title keeps its name; a bundle's page gives its
	// title to its own crumb.
	app := string(res.Files["cookbook/app/index.html"])
	if !strings.Contains(app, `<span aria-current="page">App</span>`) || !strings.Contains(app, `back to <a href="../index.html">Cookbook</a>`) {
		t.Errorf("bundle page's breadcrumbs:\n%s", app)
	}
	alpha := string(res.Files["cookbook/alpha/index.html"])
	if !strings.Contains(alpha, `<div class="custom">Alpha|<h2 id="top">`) {
		t.Errorf("page.html from layouts not used:\n%s", alpha)
	}
	if !strings.Contains(alpha, `<nav class="breadcrumbs"`) {
		t.Error("the embedded base.html should still wrap the custom page.html")
	}
	if sec := string(res.Files["cookbook/index.html"]); strings.Contains(sec, "custom") {
		t.Error("section pages should keep the embedded section.html")
	}
	if css := string(res.Files["seqdoc.css"]); !strings.HasPrefix(css, "body { color: red; }") || !strings.Contains(css, ".chroma") {
		t.Errorf("seqdoc.css from layouts not used (or code colours lost):\n%.200s", css)
	}
	_, err := NewBuilder(Options{Content: testSite(), Layouts: fstest.MapFS{"base.html": file(`{{define "base"}}{{.Nope`)}}).Build(context.Background())
	if err == nil || !strings.Contains(err.Error(), "layouts/base.html") {
		t.Errorf("a broken layout: err = %v, want one naming layouts/base.html", err)
	}
}

func TestMarkdownFeatures(t *testing.T) {
	fsys := fstest.MapFS{"index.md": file("## Top\n\n~~old~~ and https://example.com/x and a note[^1].\n\n- [x] done\n- [ ] todo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note.\n\n<b>raw</b>\n")}
	res := build(t, Options{Content: fsys})
	page := string(res.Files["index.html"])
	for _, want := range []string{
		`<h2 id="top">Top <a class="anchor" href="#top" aria-label="Link to this section">#</a></h2>`,
		`<del>old</del>`,
		`<a href="https://example.com/x">https://example.com/x</a>`,
		`<input checked="" disabled="" type="checkbox"> done`,
		`<table>`,
		`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
		`<!-- raw HTML omitted -->raw<!-- raw HTML omitted -->`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if errs := CheckLinks(res.Files); len(errs) > 0 {
		t.Errorf("broken links: %v", errs)
	}
}

// TestBuildOnceKeepsNothing: the Builder seqdoc build uses (once) writes
// the same bytes as serve's, on the test site and the built-in cookbook,
// while keeping neither rendered bodies nor sources; a Rebuild of it builds
// the whole site again rather than trusting what it dropped.
func TestBuildOnceKeepsNothing(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"test site": testSite(), "cookbook": content.FS()} {
		t.Run(name, func(t *testing.T) {
			want := build(t, Options{Content: fsys})
			b := NewBuilder(Options{Content: fsys})
			b.once = true
			got, err := b.Build(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Files, want.Files) {
				t.Fatal("a build that keeps nothing differs from one that keeps its bodies")
			}
			if len(b.bodies) != 0 || b.last != nil {
				t.Fatalf("kept %d bodies and last=%v, want none", len(b.bodies), b.last != nil)
			}
		})
	}
	// Text added to a page, edit after edit: a rebuild reuses what the last
	// build kept of a page (its front matter's length), so a Builder that
	// dropped the sources must not hand itself one.
	fsys := testSite()
	b := NewBuilder(Options{Content: fsys})
	b.once = true
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		f := fsys["cookbook/alpha.md"]
		f.Data = append(slices.Clip(f.Data), fmt.Sprintf("\nEdit %d.\n", i)...)
		re, _, err := b.Rebuild(context.Background(), []string{"cookbook/alpha.md"})
		if err != nil {
			t.Fatal(err)
		}
		if want := build(t, Options{Content: fsys}); !reflect.DeepEqual(re.Files, want.Files) {
			t.Fatalf("the rebuild after edit %d differs from a full build", i)
		}
	}
}

// TestBrokenLinkColumn: a broken link or image is reported at the line and
// column of its destination, where an editor should put the cursor (it was
// file:line only). A reference link's destination is in its definition.
func TestBrokenLinkColumn(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.md": file("fine\n"),
		"index.md": file("---\ntitle: x\n---\n\n" +
			"line five [broken](nowhere.md) and ![pic](gone.png)\n" + // 5
			"a paragraph\nwhose second line [has](ok.md) one [too](<no where.md>)\n" + // 6, 7
			"\n[by ref][r] and [**bold**](bad.md#top)\n" + // 9
			"\n[r]: ./missing.md\n"), // 11
	}
	res := build(t, Options{Content: fsys})
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.String())
	}
	want := []string{
		`index.md:5:20: broken link "nowhere.md": no page or file at that path (paths are relative to this file's folder)`,
		`index.md:5:43: broken image "gone.png": no page or file at that path (paths are relative to this file's folder)`,
		`index.md:7:43: broken link "no where.md": no page or file at that path (paths are relative to this file's folder)`,
		`index.md:9:28: broken link "bad.md#top": no page or file at that path (paths are relative to this file's folder)`,
		`index.md:11:6: broken link "./missing.md": no page or file at that path (paths are relative to this file's folder)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
