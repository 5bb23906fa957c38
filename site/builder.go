package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
)

// Options configure a Builder. The zero value of each field is usable
// except Content.
type Options struct {
	// Content is the content folder: Markdown pages, captures, images.
	Content fs.FS
	// Layouts, when set, holds templates (base.html, page.html,
	// section.html, 404.html) and seqdoc.css that replace the embedded ones
	// of the same name.
	Layouts fs.FS
	// Drafts builds pages whose front matter says draft: true.
	Drafts bool
	// BaseURL ("https://example.com/docs/") makes canonical links and the
	// sitemap absolute; links between pages stay relative.
	BaseURL string
	// LiveReload adds the page's URL path as <meta name="seqdoc-page"> and
	// the _seqdoc/reload.js script to every page (for seqdoc serve).
	LiveReload bool
}

// Error is a problem in the content, at a position of a source file.
type Error struct {
	File string // path relative to the content folder
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Msg  string
}

// String formats the error as file:line:col: message.
func (e Error) String() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			s += fmt.Sprintf(":%d", e.Col)
		}
	}
	return s + ": " + e.Msg
}

func (e Error) Error() string { return e.String() }

// Result is a whole site built in memory.
type Result struct {
	// Files are the output files by path ("index.html",
	// "cookbook/index.html", "seqdoc.css", "sitemap.xml").
	Files map[string][]byte
	// Errors are the content's problems, sorted by file and line. Pages
	// with a failing block still build, showing an error box.
	Errors []Error
	// Pages are the URL paths of the pages ("/", "/cookbook/"), sorted.
	Pages []string
}

// Builder builds a site into memory and keeps what it rendered, keyed by
// content hash, for the next build. Its methods are safe to call from
// several goroutines; builds run one at a time.
type Builder struct {
	opts     Options
	md       goldmark.Markdown
	hl       highlighter
	diagrams diagramCache
	captures captureCache

	mu     sync.Mutex // one build at a time; guards the fields below
	bodies map[[32]byte]*bodyEntry
	last   *state
}

// state is the last build, kept for an incremental rebuild.
type state struct {
	res      *Result
	t        *tree
	tmpl     templates
	site     siteInfo
	pageErrs [][]Error // by index in t.nodes
	siteErrs []Error   // the tree's and the output's own
}

// NewBuilder returns a Builder for opts.
func NewBuilder(opts Options) *Builder {
	b := &Builder{opts: opts, md: newMarkdown()}
	b.diagrams.r = defaultDiagramRenderer()
	b.captures.a = defaultCaptureAnalyzer()
	return b
}

// bodyEntry is a page's rendered Markdown and what it depended on.
type bodyEntry struct {
	html []byte
	errs []Error
	deps map[string][32]byte // content files read, by hash
}

// Build renders the whole site into memory. The error is for problems that
// stop the build (an unreadable content folder, a template that does not
// parse, a cancelled context); content problems are in Result.Errors.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, err := b.build(ctx)
	if err != nil {
		return nil, err
	}
	b.last = st
	return st.res, nil
}

// Rebuild builds the site again after the files in changed were edited,
// added or removed (paths relative to the content folder, or "layouts/NAME"
// for a layout). It returns the new result and the URL paths of the output
// files whose bytes changed ("/cookbook/", "/seqdoc.css"), sorted. Pages
// whose sources and dependencies did not change are not rendered again, so
// changed is a hint: the result is always the complete site.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Result, []string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	prev := b.last
	st, ok := b.rebuildPages(ctx, prev, changed)
	if !ok {
		var err error
		if st, err = b.build(ctx); err != nil {
			return nil, nil, err
		}
	}
	b.last = st
	res := st.res
	var diff []string
	var old map[string][]byte
	if prev != nil {
		old = prev.res.Files
	}
	for p, data := range res.Files {
		if o, ok := old[p]; !ok || !bytes.Equal(o, data) {
			diff = append(diff, outputURL(p))
		}
	}
	for p := range old {
		if _, ok := res.Files[p]; !ok {
			diff = append(diff, outputURL(p))
		}
	}
	sort.Strings(diff)
	return res, diff, nil
}

// outputURL is the URL path of an output file: "a/index.html" → "/a/".
func outputURL(p string) string {
	if p == "index.html" {
		return "/"
	}
	if strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

func (b *Builder) build(ctx context.Context) (*state, error) {
	if b.opts.Content == nil {
		return nil, fmt.Errorf("no content folder")
	}
	tmpl, err := parseTemplates(b.opts.Layouts)
	if err != nil {
		return nil, fmt.Errorf("parsing templates: %w", err)
	}
	t, err := scan(b.opts.Content, b.opts.Drafts)
	if err != nil {
		return nil, err
	}
	res := &Result{Files: make(map[string][]byte, len(t.nodes)+len(t.static)+4)}
	st := &state{res: res, t: t, tmpl: tmpl}
	st.siteErrs = append(st.siteErrs, t.errs...)
	outs := make([][]byte, len(t.nodes))
	errs := make([][]Error, len(t.nodes))
	bodies := make(map[[32]byte]*bodyEntry, len(t.nodes))
	var bodiesMu sync.Mutex
	st.site = siteInfo{title: t.root.fm.Title, baseURL: strings.TrimSuffix(b.opts.BaseURL, "/"), live: b.opts.LiveReload}
	if st.site.title == "" {
		st.site.title = "Cookbook"
	}
	site := st.site
	err = parallel(ctx, len(t.nodes), func(i int) error {
		n := t.nodes[i]
		key := bodyKey(n, t)
		bodiesMu.Lock()
		be := b.bodies[key]
		bodiesMu.Unlock()
		if be == nil || !b.depsUnchanged(be) {
			be = b.renderBody(t, n)
		}
		bodiesMu.Lock()
		bodies[key] = be
		bodiesMu.Unlock()
		out, err := renderPage(tmpl, site, t, n, be.html)
		if err != nil {
			return fmt.Errorf("%s: executing template: %w", n.src, err)
		}
		outs[i], errs[i] = out, be.errs
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.bodies = bodies
	st.pageErrs = errs
	for i, n := range t.nodes {
		res.Files[n.out] = outs[i]
		res.Pages = append(res.Pages, "/"+n.url)
	}
	for _, p := range t.static {
		if _, ok := res.Files[p]; ok {
			st.siteErrs = append(st.siteErrs, Error{File: p, Msg: "this file has the same output path as a page (rename it)"})
			continue
		}
		data, err := fs.ReadFile(b.opts.Content, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		res.Files[p] = data
	}
	for name, data := range map[string][]byte{"seqdoc.css": stylesheet(b.opts.Layouts), "sitemap.xml": sitemap(site, t)} {
		if _, ok := res.Files[name]; ok {
			st.siteErrs = append(st.siteErrs, Error{File: name, Msg: "seqdoc writes " + name + " itself (rename this file)"})
		}
		res.Files[name] = data
	}
	nf, err := renderNotFound(tmpl, site)
	if err != nil {
		return nil, fmt.Errorf("404.html: executing template: %w", err)
	}
	res.Files["404.html"] = nf
	st.collectErrors()
	sort.Strings(res.Pages)
	return st, nil
}

// collectErrors gathers the site's and the pages' errors into the result,
// sorted by file and line.
func (st *state) collectErrors() {
	errs := append([]Error{}, st.siteErrs...)
	for _, e := range st.pageErrs {
		errs = append(errs, e...)
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, c := errs[i], errs[j]
		if a.File != c.File {
			return a.File < c.File
		}
		return a.Line < c.Line
	})
	st.res.Errors = errs
}

// rebuildPages is the fast path of Rebuild: when every changed path is a
// page that still exists with the same front matter, only those pages are
// rendered again (their list entries, breadcrumbs and links cannot have
// changed). ok is false when a full build is needed: a page added, removed
// or retitled, a layout, capture or other file changed.
func (b *Builder) rebuildPages(ctx context.Context, prev *state, changed []string) (*state, bool) {
	if prev == nil || len(changed) == 0 {
		return nil, false
	}
	type update struct {
		i int
		n node
	}
	var ups []update
	for _, p := range changed {
		if !strings.HasSuffix(p, ".md") || strings.HasPrefix(p, "layouts/") {
			return nil, false
		}
		old, ok := prev.t.byPath[p]
		if !ok {
			return nil, false
		}
		raw, err := fs.ReadFile(b.opts.Content, p)
		if err != nil {
			return nil, false
		}
		n := *old
		n.raw, n.hash = raw, sha256.Sum256(raw)
		fm, body, line, ferr := splitFrontMatter(raw)
		if ferr != nil || fm != old.fm {
			return nil, false
		}
		n.body, n.bodyLine = body, line
		i := sort.Search(len(prev.t.nodes), func(i int) bool { return prev.t.nodes[i].url >= n.url })
		if i == len(prev.t.nodes) || prev.t.nodes[i] != old {
			return nil, false
		}
		ups = append(ups, update{i, n})
	}
	st := *prev
	st.res = &Result{Files: make(map[string][]byte, len(prev.res.Files)), Pages: prev.res.Pages}
	for k, v := range prev.res.Files {
		st.res.Files[k] = v
	}
	st.pageErrs = append([][]Error{}, prev.pageErrs...)
	for _, u := range ups {
		if ctx.Err() != nil {
			return nil, false
		}
		old := prev.t.nodes[u.i]
		*old = u.n // the tree is the builder's own; pointers to the node stay valid
		be := b.renderBody(prev.t, old)
		b.bodies[bodyKey(old, prev.t)] = be
		out, err := renderPage(prev.tmpl, prev.site, prev.t, old, be.html)
		if err != nil {
			return nil, false
		}
		st.res.Files[old.out] = out
		st.pageErrs[u.i] = be.errs
	}
	st.collectErrors()
	return &st, true
}

// bodyKey identifies a page's rendered Markdown: its source, where it sits
// and what its links resolve against.
func bodyKey(n *node, t *tree) [32]byte {
	h := sha256.New()
	h.Write(n.hash[:])
	h.Write(t.sig[:])
	fmt.Fprintf(h, "%s\x00%s\x00%s", n.src, n.out, n.fm.Capture)
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

// depsUnchanged reports whether the files a cached body read still hash
// the same.
func (b *Builder) depsUnchanged(be *bodyEntry) bool {
	for name, h := range be.deps {
		data, err := fs.ReadFile(b.opts.Content, name)
		if err != nil || sha256.Sum256(data) != h {
			return false
		}
	}
	return true
}

func (b *Builder) renderBody(t *tree, n *node) *bodyEntry {
	pr := &pageRender{b: b, t: t, n: n}
	be := &bodyEntry{html: pr.render()}
	be.errs = pr.errs
	for _, d := range pr.deps {
		if be.deps == nil {
			be.deps = map[string][32]byte{}
		}
		if data, err := fs.ReadFile(b.opts.Content, d); err == nil {
			be.deps[d] = sha256.Sum256(data)
		}
	}
	return be
}

// siteInfo is what every page shares.
type siteInfo struct {
	title   string
	baseURL string // without the trailing slash
	live    bool
}

func renderPage(tmpl templates, site siteInfo, t *tree, n *node, body []byte) ([]byte, error) {
	d := pageData{
		Kind: "page", Title: n.title(), Description: n.fm.Description, SiteTitle: site.title,
		Content: template.HTML(body), Root: rootPrefix(n.url), URLPath: "/" + n.url, LiveReload: site.live,
	}
	if site.baseURL != "" {
		d.Canonical = site.baseURL + "/" + n.url
	}
	kind := "page"
	switch {
	case n == t.root:
		d.Kind, kind = "home", "section"
	case n.isDir && !n.isBundle:
		d.Kind, kind = "section", "section"
	}
	if n != t.root {
		var chain []*node
		for p := n; p != nil; p = p.parent {
			chain = append(chain, p)
		}
		for i := len(chain) - 1; i >= 0; i-- {
			c := chain[i]
			cr := crumb{Title: c.name}
			if c == t.root {
				cr = crumb{Title: "🏠", Label: "Home"}
			}
			if c != n {
				cr.Href = relURL(n.url, c.out)
			}
			d.Crumbs = append(d.Crumbs, cr)
		}
		p := n.parent
		name := p.name
		if p == t.root {
			name = "home"
		}
		d.Parent = &crumb{Title: name, Href: relURL(n.url, p.out)}
	}
	if kind == "section" {
		for _, c := range n.children {
			d.Children = append(d.Children, child{Title: c.title(), Description: c.fm.Description, Href: relURL(n.url, c.out)})
		}
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + 2048)
	if err := tmpl[kind].ExecuteTemplate(&buf, "base", d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderNotFound is 404.html. A server shows it at any depth, so its links
// start from the base URL, else from the server's root.
func renderNotFound(tmpl templates, site siteInfo) ([]byte, error) {
	root := site.baseURL + "/"
	d := pageData{Kind: "404", Title: "Page not found", SiteTitle: site.title, Root: root, URLPath: "/404.html", LiveReload: site.live}
	var buf bytes.Buffer
	err := tmpl["404"].ExecuteTemplate(&buf, "base", d)
	return buf.Bytes(), err
}

// sitemap lists every page; its URLs are absolute when a base URL is set.
func sitemap(site siteInfo, t *tree) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, n := range t.nodes {
		loc := n.url
		if site.baseURL != "" {
			loc = site.baseURL + "/" + n.url
		} else if loc == "" {
			loc = "./"
		}
		buf.WriteString("  <url><loc>")
		template.HTMLEscape(&buf, []byte(loc))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// parallel calls f(0..n-1) on GOMAXPROCS goroutines; the first error (or
// the context's) stops the rest.
func parallel(ctx context.Context, n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next int
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if first == nil && ctx.Err() != nil {
					first = ctx.Err()
				}
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if stop || i >= n {
					return
				}
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return first
}
