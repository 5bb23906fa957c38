package server

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var pathSeeds = []string{
	"/", "/cookbook/", "/cookbook/app/auth/index.html", "/seqdoc.css?x=1",
	"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/x", "/..%5c..%5cwin.ini",
	"//etc/passwd", "/C:/Windows", "/a/%00", "/caf%C3%A9/", "/100%25/", "/%25252e%25252e/",
}

// FuzzRequestPath checks, for any request target, that an accepted path
// decodes (any number of times) to a plain walk down from the root: no "."
// or ".." segment, no backslash, no empty segment, no drive letter. And
// that nothing panics.
func FuzzRequestPath(f *testing.F) {
	for _, s := range pathSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		r := &http.Request{Method: "GET", URL: u}
		p, ok := requestPath(r)
		if !ok {
			return
		}
		for level, i := p, 0; i < 8; i++ {
			if strings.Contains(level, `\`) {
				t.Fatalf("accepted %q: a level has a backslash: %q", target, level)
			}
			segs := strings.Split(level, "/")
			for j, s := range segs[1:] {
				if s == "." || s == ".." || (s == "" && j != len(segs)-2) || (len(s) == 2 && s[1] == ':' && strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", rune(s[0]))) {
					t.Fatalf("accepted %q: a level has segment %q: %q", target, s, level)
				}
			}
			next, err := url.PathUnescape(level)
			if err != nil || next == level {
				break
			}
			level = next
		}
	})
}

func TestURLPath(t *testing.T) {
	for out, want := range map[string]string{
		"index.html": "/", "a/index.html": "/a/", "a/b/index.html": "/a/b/", "404.html": "/404.html",
		"seqdoc.css": "/seqdoc.css", "a/flow.svg": "/a/flow.svg", "a/xindex.html": "/a/xindex.html",
	} {
		if got := urlPath(out); got != want {
			t.Errorf("urlPath(%q) = %q, want %q", out, got, want)
		}
	}
}

// TestBrokenFirstBuildIsServedWithItsErrors: when the very first build has
// errors there is no older build to fall back on, so it is served, and
// every page that connects gets the error; later builds with only those
// problems are served too, one with a new problem is not.
func TestBrokenFirstBuildIsServedWithItsErrors(t *testing.T) {
	ts := startServer(t, map[string]string{"guide.md": "text\n\nBROKEN\n"}, 0)
	if code, body := ts.get("/guide/"); code != 200 || !strings.Contains(body, "text") {
		t.Fatalf("GET /guide/: %d %q", code, body)
	}
	c := ts.subscribe()
	if ev := c.next(t); ev.name != "error" || ev.data != "guide.md:3: broken page: remove the BROKEN line" {
		t.Errorf("first event %q %q, want the build's error", ev.name, ev.data)
	}

	// A problem left in one page does not freeze the others: an edit that
	// adds no problem is served, and the overlay is sent again.
	writeFile(t, filepath.Join(ts.dir, "other.md"), "a new page")
	if paths := waitReload(t, c); !slices.Equal(paths, []string{"/other/"}) {
		t.Errorf("reload paths %q", paths)
	}
	if ev := c.next(t); ev.name != "error" || !strings.HasPrefix(ev.data, "guide.md:3:") {
		t.Errorf("after the reload: %q %q, want the remaining error again", ev.name, ev.data)
	}
	if code, _ := ts.get("/other/"); code != 200 {
		t.Errorf("GET /other/: %d", code)
	}
	// Editing above the problem moves its line: still the same problem.
	writeFile(t, filepath.Join(ts.dir, "guide.md"), "more text\n\ntext\n\nBROKEN\n")
	waitReload(t, c)
	if ev := c.next(t); ev.name != "error" || !strings.HasPrefix(ev.data, "guide.md:5:") {
		t.Errorf("after moving the problem: %q %q", ev.name, ev.data)
	}
	if _, body := ts.get("/guide/"); !strings.Contains(body, "more text") {
		t.Errorf("edit of the page with the known problem not served: %q", body)
	}
	// A new problem is not served.
	writeFile(t, filepath.Join(ts.dir, "other.md"), "now broken too\nBROKEN\n")
	if ev := c.next(t); ev.name != "error" || !strings.Contains(ev.data, "other.md:2:") {
		t.Errorf("new problem: %q %q", ev.name, ev.data)
	}
	if _, body := ts.get("/other/"); !strings.Contains(body, "a new page") {
		t.Errorf("a build with a new problem was served: %q", body)
	}
}

func TestProblemKey(t *testing.T) {
	for in, want := range map[string]string{
		"content/a.md:3: broken link":        "content/a.md: broken link",
		"content/a.md:3:7: bad fence":        "content/a.md: bad fence",
		"content/a.md: bad front matter":     "content/a.md: bad front matter",
		"reading layouts: permission denied": "reading layouts: permission denied",
		"c:/x.md:12: msg with 4:5: inside":   "c:/x.md: msg with 4:5: inside",
	} {
		if got := problemKey(in); got != want {
			t.Errorf("problemKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFirstBuildWithProblemsLog: a site that has problems when serve starts
// is served as it is (there is no earlier build to fall back on), and the
// log says so; it said "serving the last good build until this is fixed".
func TestFirstBuildWithProblemsLog(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "a page\nBROKEN\n")
	var log strings.Builder
	s, err := New(context.Background(), Options{Site: &dirSite{dir: dir}, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if s.Files() == 0 {
		t.Fatal("nothing served")
	}
	want := "error: a.md:2: broken page: remove the BROKEN line\n" +
		"serving the site as it is; every page shows the problem until it is fixed\n"
	if log.String() != want {
		t.Errorf("log:\n%s\nwant:\n%s", log.String(), want)
	}
}
