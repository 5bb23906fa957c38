package site

import (
	"net/url"
	"path"
	"strings"
)

// resolveLink turns a Markdown link destination into an href relative to
// the page at from. Destinations are read the way GitHub reads them:
// relative to the source file's folder (or to the content root when they
// start with "/"), naming a .md file, a folder, a page's URL ("../b/") or a
// static file. ok is false when a local destination names nothing in the
// site.
func (t *tree) resolveLink(from *node, dest string) (href string, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || isExternal(dest) {
		return dest, true
	}
	p, rest := dest, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, rest = p[:i], p[i:]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if strings.HasPrefix(p, "/") {
		p = path.Clean(strings.TrimLeft(p, "/"))
	} else {
		p = path.Join(from.dir, p)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return dest, false
	}
	target, ok := t.lookup(p)
	if !ok {
		return dest, false
	}
	return relURL(from.url, target) + rest, true
}

// lookup finds the output file a content path names.
func (t *tree) lookup(p string) (string, bool) {
	p = strings.TrimSuffix(p, "/")
	if p == "" {
		p = "."
	}
	if n, ok := t.byPath[p]; ok {
		return n.out, true
	}
	if n, ok := t.byPath[p+".md"]; ok {
		return n.out, true
	}
	if t.files[p] && !strings.HasSuffix(p, ".har") && !strings.HasSuffix(p, ".har.gz") {
		return p, true
	}
	if strings.HasSuffix(p, "index.html") {
		d := strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/")
		for _, n := range t.nodes {
			if n.out == p || (d == "" && n == t.root) {
				return n.out, true
			}
		}
	}
	return "", false
}

// isExternal reports whether a destination leaves the site: it has a
// scheme (https:, mailto:) or starts with "//".
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}

// relURL is the relative href from the page whose URL folder is fromDir
// ("", "a/", "a/b/") to the output file to ("a/c/index.html").
func relURL(fromDir, to string) string {
	from := strings.Split(strings.TrimSuffix(fromDir, "/"), "/")
	if fromDir == "" {
		from = nil
	}
	tp := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(tp)-1 && from[i] == tp[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(tp[i:], "/")
}

// rootPrefix is the relative href from a page's URL folder to the site root
// ("" or "../../").
func rootPrefix(fromDir string) string {
	return strings.Repeat("../", strings.Count(fromDir, "/"))
}
