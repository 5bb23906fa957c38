package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// node is one page of the site: a section or bundle (a folder) or a page (a
// .md file).
type node struct {
	src      string // source file ("a/b.md", "a/index.md", "a/_index.md"); "" for a generated section
	dir      string // folder the source's relative links start from ("" for the root)
	name     string // last path element: folder name or file name without .md; "" for the root
	url      string // URL path relative to the root: "" (home), "a/", "a/b/"
	out      string // output file: "index.html", "a/index.html"
	isDir    bool   // a folder (section or bundle)
	isBundle bool   // a folder with index.md
	fm       FrontMatter
	raw      []byte // the source file
	body     []byte // raw without the front matter
	bodyLine int    // lines of the source before body
	fmOK     bool   // the front matter (if any) parsed without error
	h1       string // the body's leading "# Heading" when the front matter has no title (then blanked out of body)
	hash     [32]byte
	parent   *node
	children []*node // sorted by weight, then title
}

// title is the page's title: its front matter title, else the heading its
// text starts with, else its name.
func (n *node) title() string {
	if n.fm.Title != "" {
		return n.fm.Title
	}
	if n.h1 != "" {
		return n.h1
	}
	if n.name == "" {
		return "Home"
	}
	return n.name
}

// tree is the scanned content folder.
type tree struct {
	root   *node
	nodes  []*node          // every page, in URL order
	byPath map[string]*node // source file paths and folder paths → page
	static []string         // files copied as they are, sorted
	files  map[string]bool  // every non-page file (static and captures), for link and capture checks
	sig    [32]byte         // hash of the set of pages and files: what links resolve against
	errs   []Error
}

// scan reads the content folder: every .md file is read and its front
// matter parsed; other files are listed.
func scan(fsys fs.FS, drafts bool) (*tree, error) {
	t := &tree{byPath: map[string]*node{}, files: map[string]bool{}}
	dirs := map[string][]fs.DirEntry{}
	var order []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			dirs[p] = nil
			order = append(order, p)
			return nil
		}
		parent := path.Dir(p)
		dirs[parent] = append(dirs[parent], d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the content folder: %w", err)
	}
	if _, ok := dirs["."]; !ok {
		return nil, errors.New("reading the content folder: no root folder")
	}
	sub := map[string][]string{}
	for _, d := range order {
		if d != "." {
			sub[path.Dir(d)] = append(sub[path.Dir(d)], d)
		}
	}
	s := &scanner{fsys: fsys, drafts: drafts, t: t, dirs: dirs, sub: sub, pages: readPages(fsys, dirs)}
	t.root = s.dir(".", nil)
	if t.root == nil {
		t.root = &node{isDir: true, out: "index.html"}
	}
	t.index(t.root)
	sort.Strings(t.static)
	h := sha256.New()
	for _, n := range t.nodes {
		fmt.Fprintf(h, "p %s %s\n", n.src, n.out)
	}
	for _, f := range sortedKeys(t.files) {
		fmt.Fprintf(h, "f %s\n", f)
	}
	copy(t.sig[:], h.Sum(nil))
	return t, nil
}

type scanner struct {
	fsys   fs.FS
	drafts bool
	t      *tree
	dirs   map[string][]fs.DirEntry
	sub    map[string][]string
	pages  map[string]*pageFile // every page file, read (readPages)
}

// pageFile is one page file read and its front matter parsed.
type pageFile struct {
	raw  []byte
	hash [32]byte
	err  error
	fm   FrontMatter
	body []byte // without the front matter and the leading heading taken as title
	line int
	ferr *Error
	h1   string
}

func readPage(fsys fs.FS, p string) *pageFile {
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return &pageFile{err: err}
	}
	f := &pageFile{raw: raw, hash: sha256.Sum256(raw)}
	f.fm, f.body, f.line, f.ferr = splitFrontMatter(raw)
	f.h1, f.body = leadingHeading(f.fm, f.body)
	return f
}

// readPages reads every page file of the listed folders (.md files not
// hidden) on all cores: reading and parsing the front matter of a
// thousand pages one after the other was a third of a build's time before
// the pages render. The tree is then put together in order from them, so
// errors come in the same order as before.
func readPages(fsys fs.FS, dirs map[string][]fs.DirEntry) map[string]*pageFile {
	var paths []string
	for d, entries := range dirs {
		for _, e := range entries {
			if name := e.Name(); !strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".md") {
				paths = append(paths, path.Join(d, name))
			}
		}
	}
	files := make([]*pageFile, len(paths))
	_ = parallel(context.Background(), len(paths), func(i int) error {
		files[i] = readPage(fsys, paths[i])
		return nil
	})
	m := make(map[string]*pageFile, len(paths))
	for i, p := range paths {
		m[p] = files[i]
	}
	return m
}

// dir builds the page of folder d and its children; nil when the folder
// holds no page (or is a draft).
func (s *scanner) dir(d string, parent *node) *node {
	n := &node{isDir: true, parent: parent}
	if d != "." {
		n.dir, n.name, n.url = d, path.Base(d), d+"/"
	}
	n.out = n.url + "index.html"
	var pages []string
	for _, e := range s.dirs[d] {
		name := e.Name()
		p := path.Join(d, name)
		switch {
		case strings.HasPrefix(name, "."):
		case name == "index.md" || name == "_index.md":
			if n.src != "" {
				s.t.errs = append(s.t.errs, Error{File: p, Line: 1, Msg: fmt.Sprintf("%s and %s both give this folder its page (keep one)", n.src, p)})
				continue
			}
			n.src, n.isBundle = p, name == "index.md"
		case strings.HasSuffix(name, ".md"):
			pages = append(pages, p)
		case strings.HasSuffix(name, ".go"):
		case strings.HasSuffix(name, ".har") || strings.HasSuffix(name, ".har.gz"):
			s.t.files[p] = true // captures are read, never published
		default:
			s.t.files[p] = true
			s.t.static = append(s.t.static, p)
		}
	}
	if n.src != "" && !s.read(n) {
		return nil
	}
	for _, p := range pages {
		c := &node{src: p, dir: d, parent: n, name: strings.TrimSuffix(path.Base(p), ".md")}
		c.url = path.Join(d, c.name) + "/"
		if d == "." {
			c.url = c.name + "/"
		}
		c.out = c.url + "index.html"
		if s.read(c) {
			n.children = append(n.children, c)
		}
	}
	for _, sd := range s.sub[d] {
		if c := s.dir(sd, n); c != nil {
			for _, o := range n.children {
				if o.url == c.url {
					s.t.errs = append(s.t.errs, Error{File: o.src, Line: 1, Msg: fmt.Sprintf("page %s and folder %s/ would both be %s (rename one)", o.src, sd, c.out)})
				}
			}
			n.children = append(n.children, c)
		}
	}
	if n.src == "" && len(n.children) == 0 && d != "." {
		return nil
	}
	sortChildren(n.children)
	return n
}

// read loads a page's source and front matter; false when the page is a
// draft to skip or cannot be read.
func (s *scanner) read(n *node) bool {
	f := s.pages[n.src]
	if f == nil {
		f = readPage(s.fsys, n.src)
	}
	if f.err != nil {
		s.t.errs = append(s.t.errs, Error{File: n.src, Msg: "reading: " + f.err.Error()})
		return false
	}
	n.raw, n.hash = f.raw, f.hash
	if f.ferr != nil {
		e := *f.ferr
		e.File = n.src
		s.t.errs = append(s.t.errs, e)
	}
	n.fm, n.body, n.bodyLine, n.fmOK = f.fm, f.body, f.line, f.ferr == nil
	n.h1 = f.h1
	return !f.fm.Draft || s.drafts
}

func sortChildren(cs []*node) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if (a.fm.Weight == 0) != (b.fm.Weight == 0) {
			return a.fm.Weight != 0
		}
		if a.fm.Weight != b.fm.Weight {
			return a.fm.Weight < b.fm.Weight
		}
		if at, bt := strings.ToLower(a.title()), strings.ToLower(b.title()); at != bt {
			return at < bt
		}
		return a.url < b.url
	})
}

// index lists the pages in URL order and records the paths links can name.
func (t *tree) index(n *node) {
	t.nodes = append(t.nodes, n)
	if n.src != "" {
		t.byPath[n.src] = n
	}
	if n.isDir {
		if n.dir == "" {
			t.byPath["."] = n
		} else {
			t.byPath[n.dir] = n
		}
	}
	for _, c := range n.children {
		t.index(c)
	}
	if n == t.root {
		sort.Slice(t.nodes, func(i, j int) bool { return t.nodes[i].url < t.nodes[j].url })
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// leadingHeading takes a page's title from its text when its front matter
// has none: a body that starts with "# Heading" gives "Heading", and that
// line is blanked (not removed: lines keep their numbers) so that the page
// does not show its title twice. Otherwise it returns "" and body as is.
func leadingHeading(fm FrontMatter, body []byte) (string, []byte) {
	if fm.Title != "" {
		return "", body
	}
	start := 0
	for start < len(body) && (body[start] == '\n' || body[start] == '\r' || body[start] == ' ' || body[start] == '\t') {
		start++
	}
	end := bytes.IndexByte(body[start:], '\n')
	if end < 0 {
		end = len(body)
	} else {
		end += start
	}
	line := strings.TrimRight(string(body[start:end]), "\r")
	if !strings.HasPrefix(line, "# ") {
		return "", body
	}
	title := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[2:]), "#"))
	title = strings.ReplaceAll(title, "`", "")
	if title == "" {
		return "", body
	}
	rest := make([]byte, 0, len(body))
	rest = append(append(rest, body[:start]...), body[end:]...)
	return title, rest
}
