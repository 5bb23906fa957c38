package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"sort"
	"strings"
)

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
		if body, ok := sameFrontMatter(old, raw); ok {
			n.body = body // the YAML is unchanged: keep its parse
		} else {
			fm, body, line, ferr := splitFrontMatter(raw)
			if ferr != nil || fm != old.fm {
				return nil, false
			}
			n.body, n.bodyLine = body, line
		}
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
