package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"slices"
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
	st, outs, ok := b.rebuildPages(ctx, prev, changed)
	if !ok {
		var err error
		if st, err = b.build(ctx); err != nil {
			return nil, nil, err
		}
		outs = nil
	}
	if !b.once {
		b.last = st
	}
	var old map[string][]byte
	if prev != nil {
		old = prev.res.Files
	}
	return st.res, changedOutputs(old, st.res.Files, outs, ok), nil
}

// changedOutputs lists, sorted, the URL paths whose bytes differ between
// the old and the new files. After the fast path only the re-rendered
// outputs can differ, so only those are compared: on a cold CPU a pass over
// every file of a large site costs milliseconds of the edit-to-reload time.
func changedOutputs(old, files map[string][]byte, rendered []string, fast bool) []string {
	var diff []string
	if fast {
		for _, p := range rendered {
			if o, ok := old[p]; !ok || !bytes.Equal(o, files[p]) {
				diff = append(diff, outputURL(p))
			}
		}
		sort.Strings(diff)
		return slices.Compact(diff)
	}
	for p, data := range files {
		if o, ok := old[p]; !ok || !bytes.Equal(o, data) {
			diff = append(diff, outputURL(p))
		}
	}
	for p := range old {
		if _, ok := files[p]; !ok {
			diff = append(diff, outputURL(p))
		}
	}
	sort.Strings(diff)
	return diff
}

// transient reports whether p came and went between two builds: the
// previous build never saw it and it does not exist now. That is the
// temporary file of an editor or a tool that saves by writing a new file and
// renaming it over the page ("page.md.tmp123", sed -i); it changes nothing,
// and must not turn a one-page rebuild into a full one.
func transient(fsys fs.FS, t *tree, p string) bool {
	if _, ok := t.byPath[p]; ok || t.files[p] {
		return false
	}
	_, err := fs.Stat(fsys, p)
	return errors.Is(err, fs.ErrNotExist)
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
// or retitled, a layout, capture or other file changed. outs lists the
// output files it rendered again.
func (b *Builder) rebuildPages(ctx context.Context, prev *state, changed []string) (st *state, outs []string, ok bool) {
	if prev == nil || len(changed) == 0 {
		return nil, nil, false
	}
	type update struct {
		i int
		n node
	}
	var ups []update
	for _, p := range changed {
		if strings.HasPrefix(p, "layouts/") {
			return nil, nil, false
		}
		if transient(b.opts.Content, prev.t, p) {
			continue
		}
		if !strings.HasSuffix(p, ".md") {
			return nil, nil, false
		}
		old, ok := prev.t.byPath[p]
		if !ok {
			return nil, nil, false
		}
		raw, err := fs.ReadFile(b.opts.Content, p)
		if err != nil {
			return nil, nil, false
		}
		n := *old
		n.raw, n.hash = raw, sha256.Sum256(raw)
		if body, ok := sameFrontMatter(old, raw); ok {
			n.body = body // the YAML is unchanged: keep its parse
		} else {
			fm, body, line, ferr := splitFrontMatter(raw)
			if ferr != nil || fm != old.fm {
				return nil, nil, false
			}
			n.body, n.bodyLine = body, line
		}
		// A page titled by its leading heading: a new heading is a new
		// title, shown in other pages too (lists, breadcrumbs).
		if n.h1, n.body = leadingHeading(n.fm, n.body); n.h1 != old.h1 {
			return nil, nil, false
		}
		i := sort.Search(len(prev.t.nodes), func(i int) bool { return prev.t.nodes[i].url >= n.url })
		if i == len(prev.t.nodes) || prev.t.nodes[i] != old {
			return nil, nil, false
		}
		ups = append(ups, update{i, n})
	}
	if len(ups) == 0 {
		return prev, nil, true // only temporary files came and went
	}
	next := *prev
	st = &next
	st.res = &Result{Files: make(map[string][]byte, len(prev.res.Files)), Pages: prev.res.Pages}
	for k, v := range prev.res.Files {
		st.res.Files[k] = v
	}
	st.pageErrs = append([][]Error{}, prev.pageErrs...)
	st.search = append([][]byte{}, prev.search...)
	searchChanged := false
	for _, u := range ups {
		if ctx.Err() != nil {
			return nil, nil, false
		}
		old := prev.t.nodes[u.i]
		*old = u.n // the tree is the builder's own; pointers to the node stay valid
		be := b.renderBody(prev.t, old)
		b.bodies[bodyKey(old, prev.t)] = be
		out, err := renderPage(prev.tmpl, prev.site, prev.t, old, be.html)
		if err != nil {
			return nil, nil, false
		}
		st.res.Files[old.out] = out
		st.pageErrs[u.i] = be.errs
		searchChanged = searchChanged || !bytes.Equal(st.search[u.i], be.search)
		st.search[u.i] = be.search
		outs = append(outs, old.out)
	}
	if searchChanged {
		st.res.Files[searchIndexFile] = searchIndex(st.search)
		outs = append(outs, searchIndexFile)
	}
	st.collectErrors()
	return st, outs, true
}
