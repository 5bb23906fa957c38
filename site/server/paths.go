package server

import (
	"net/http"
	"net/url"
	"strings"
)

// requestPath returns the cleaned URL path of r, or ok=false when the path
// tries to leave the site: ".." or "." segments (plain, percent-encoded or
// double-encoded), backslashes, NUL and control bytes, empty segments ("//",
// which some file servers read as an absolute path) and Windows drive or UNC
// forms. Everything is served from memory, so this is defence in depth and a
// clear 400 rather than a silent 404.
func requestPath(r *http.Request) (string, bool) {
	u := r.URL
	if u.Opaque != "" || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	// Check the path as decoded once by net/http, then decode again
	// (double encoding: %252e%252e → %2e%2e → ..) until it no longer
	// changes, checking every level.
	for level := p; ; {
		if !safePath(level) {
			return "", false
		}
		if !strings.Contains(level, "%") {
			break
		}
		next, err := url.PathUnescape(level)
		if err != nil || next == level {
			break
		}
		level = next
	}
	return p, true
}

// safePath reports whether a decoded path is a plain relative walk down from
// the root.
func safePath(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c == '\\' || c < 0x20 || c == 0x7f {
			return false
		}
	}
	if !strings.HasPrefix(p, "/") {
		return false
	}
	segs := strings.Split(p[1:], "/")
	for i, s := range segs {
		switch {
		case s == "." || s == "..":
			return false
		case s == "" && i != len(segs)-1: // "//" anywhere
			return false
		case len(s) == 2 && s[1] == ':' && isLetter(s[0]): // C:
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// urlPath turns an output path into the URL path that serves it:
// "index.html" → "/", "a/b/index.html" → "/a/b/", "404.html" → "/404.html".
func urlPath(out string) string {
	if out == "index.html" {
		return "/"
	}
	if strings.HasSuffix(out, "/index.html") {
		return "/" + strings.TrimSuffix(out, "index.html")
	}
	return "/" + out
}
