package site

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/yuin/goldmark"
)

// Options configure a Builder. The zero value of each field is usable
// except Content.
type Options struct {
	// Content is the content folder: Markdown pages, captures, images.
	Content fs.FS
	// Layouts, when set, holds templates (base.html, page.html,
	// section.html, 404.html), seqdoc.css and seqdoc.js that replace the
	// embedded ones of the same name.
	Layouts fs.FS
	// Drafts builds pages whose front matter says draft: true.
	Drafts bool
	// BaseURL ("https://example.com/docs/") makes canonical links and the
	// sitemap absolute; links between pages stay relative.
	BaseURL string
	// LiveReload adds the page's URL path as <meta name="seqdoc-page"> and
	// the _seqdoc/reload.js script to every page (for seqdoc serve).
	LiveReload bool
	// FailOn, when set, makes each finding at or above this severity in a
	// capture that a page shows an Error at the capture's file and the
	// line of the finding's first entry, so that the build fails (seqdoc
	// build --fail-on). "" never does.
	FailOn authflow.Severity
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

// Error is String, so that an Error is an error.
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
	// Notes say, once per build, what a user may want to know about the
	// output though nothing is wrong (no sitemap.xml without a base URL).
	Notes []string
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
	models   modelRenderer

	// once, set by BuildToDir, says this Builder builds one site and is
	// dropped: it keeps nothing for a next build (a Rebuild builds all),
	// so that a page's source and body HTML are garbage as soon as its
	// page is rendered. The smaller heap is seqdoc build's peak memory
	// (81 → 56 MiB on the 1,000-page bench corpus) and time: on these
	// machines faulting fresh memory in costs more than collecting it.
	once bool

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
	search   [][]byte  // the pages' search records, by index in t.nodes
	siteErrs []Error   // the tree's and the output's own
}

// NewBuilder returns a Builder for opts.
func NewBuilder(opts Options) *Builder {
	b := &Builder{opts: opts, md: newMarkdown()}
	b.diagrams.r = defaultDiagramRenderer()
	b.captures.a = defaultCaptureAnalyzer()
	b.models = defaultModelRenderer()
	return b
}

// bodyEntry is a page's rendered Markdown and what it depended on.
type bodyEntry struct {
	html   []byte
	search []byte // the page's record in the search index
	errs   []Error
	deps   map[string][32]byte // content files read, by hash
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
	if !b.once {
		b.last = st
	}
	return st.res, nil
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
	var join *indexJoin
	if b.once {
		size := 0
		for _, n := range t.nodes {
			size += len(n.body)
		}
		join = newIndexJoin(size)
	} else {
		st.search = make([][]byte, len(t.nodes))
	}
	bodies := make(map[[32]byte]*bodyEntry, len(t.nodes))
	var bodiesMu sync.Mutex
	st.site = siteInfo{title: t.root.fm.Title, baseURL: strings.TrimSuffix(b.siteBaseURL(st), "/"), live: b.opts.LiveReload}
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
		if !b.once {
			bodiesMu.Lock()
			bodies[key] = be
			bodiesMu.Unlock()
		}
		out, err := renderPage(tmpl, site, t, n, be.html)
		if err != nil {
			return fmt.Errorf("%s: executing template: %w", n.src, err)
		}
		if b.once {
			n.body, n.raw = nil, nil // body is mostly a slice of raw: both go
		}
		outs[i], errs[i] = out, be.errs
		if join != nil {
			join.add(i, be.search)
		} else {
			st.search[i] = be.search
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.bodies = bodies
	b.hl.cache.sweep()
	b.diagrams.cache.sweep()
	b.captures.cache.sweep()
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
	generated := map[string][]byte{"seqdoc.css": stylesheet(b.opts.Layouts), "seqdoc.js": script(b.opts.Layouts),
		"favicon.svg": favicon}
	if join != nil {
		generated[searchIndexFile] = join.done()
	} else {
		generated[searchIndexFile] = searchIndex(st.search)
	}
	if site.baseURL != "" {
		generated["sitemap.xml"] = sitemap(site, t)
	} else if !b.opts.LiveReload {
		res.Notes = append(res.Notes, "no sitemap.xml: a sitemap needs absolute URLs; give --base-url https://… or put base_url: https://… in the front matter of the home page (_index.md at the top of the content folder)")
	}
	for name, data := range generated {
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
// sorted by file and line; an error two pages share (a finding of the
// capture both show) is listed once.
func (st *state) collectErrors() {
	errs := append([]Error{}, st.siteErrs...)
	seen := map[Error]bool{}
	for _, pe := range st.pageErrs {
		for _, e := range pe {
			if !seen[e] {
				seen[e] = true
				errs = append(errs, e)
			}
		}
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, c := errs[i], errs[j]
		if a.File != c.File {
			return a.File < c.File
		}
		return a.Line < c.Line
	})
	// A broken capture is one error, however many blocks and pages read it.
	st.res.Errors = slices.CompactFunc(errs, func(a, b Error) bool { return a == b })
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
		if got, err := hashFile(b.opts.Content, name); err != nil || got != h {
			return false
		}
	}
	return true
}

func (b *Builder) renderBody(t *tree, n *node) *bodyEntry {
	pr := &pageRender{b: b, t: t, n: n}
	be := &bodyEntry{html: pr.render()}
	be.errs, be.search, be.deps = pr.errs, pr.search, pr.deps
	return be
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

// siteBaseURL is Options.BaseURL, else the home page's base_url. A base_url
// that is not an absolute http(s) URL, or that sits in another page's front
// matter, is a problem of that file.
func (b *Builder) siteBaseURL(st *state) string {
	for _, n := range st.t.nodes {
		if n.fm.BaseURL != "" && n != st.t.root {
			st.siteErrs = append(st.siteErrs, Error{File: n.src, Line: fmLine(n.raw, "base_url"),
				Msg: "base_url is read only from the home page's front matter (_index.md at the top of the content folder): move it there"})
		}
	}
	if b.opts.BaseURL != "" {
		return b.opts.BaseURL
	}
	u := st.t.root.fm.BaseURL
	if u == "" {
		return ""
	}
	if !AbsoluteHTTPURL(u) {
		st.siteErrs = append(st.siteErrs, Error{File: st.t.root.src, Line: fmLine(st.t.root.raw, "base_url"),
			Msg: fmt.Sprintf("base_url %q must be an absolute http(s) URL, such as https://example.com/docs/", u)})
		return ""
	}
	return u
}

// AbsoluteHTTPURL reports whether u is an absolute http or https URL with a
// host: what a base URL must be.
func AbsoluteHTTPURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// fmLine is the line of key in a source's front matter, else 1.
func fmLine(raw []byte, key string) int {
	for i, line := range strings.Split(string(raw), "\n") {
		if i > 0 && strings.TrimSpace(line) == "---" {
			break
		}
		if strings.HasPrefix(line, key+":") {
			return i + 1
		}
	}
	return 1
}
