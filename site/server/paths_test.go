package server

import (
	"net/http"
	"net/url"
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
// every page that connects gets the error.
func TestBrokenFirstBuildIsServedWithItsErrors(t *testing.T) {
	ts := startServer(t, map[string]string{"guide.md": "text\n\nBROKEN\n"}, 0)
	if code, body := ts.get("/guide/"); code != 200 || !strings.Contains(body, "text") {
		t.Fatalf("GET /guide/: %d %q", code, body)
	}
	c := ts.subscribe()
	if ev := c.next(t); ev.name != "error" || ev.data != "guide.md:3: broken page: remove the BROKEN line" {
		t.Errorf("first event %q %q, want the build's error", ev.name, ev.data)
	}
}
