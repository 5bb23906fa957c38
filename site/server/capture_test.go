package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/hartest"
	"github.com/seqdoc/seqdoc/site"
)

// TestCaptureReplacedRerendersItsPage uses package site's real builder: a
// page bundle shows the diagram, steps and findings of its capture; replacing the
// capture (as seqdoc import does: temporary file, then rename) sends a
// reload naming that page, and the page now shows the new capture's
// diagram and findings.
func TestCaptureReplacedRerendersItsPage(t *testing.T) {
	happy := hartest.Bytes(hartest.Options{})
	wrong := hartest.Bytes(hartest.Options{WrongPassword: true})
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "_index.md"), "---\ntitle: Captures\n---\nHome.\n")
	writeFile(t, filepath.Join(dir, "app/auth/index.md"), "# Sign-in\n\n```seqdoc diagram\n```\n\n```seqdoc steps\n```\n\n```seqdoc findings\n```\n")
	writeFile(t, filepath.Join(dir, "app/auth/capture.har"), string(happy))
	writeFile(t, filepath.Join(dir, "other.md"), "# Other\n")

	b := site.NewBuilder(site.Options{Content: os.DirFS(dir), LiveReload: true})
	s, err := New(context.Background(), Options{Site: builderSite{b: b, dir: dir}, Watch: []WatchRoot{{Dir: dir}}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx); close(done) }()
	defer func() { cancel(); <-done; s.Close(); hs.Close() }()
	<-s.Ready()
	ts := &testServer{t: t, dir: dir, s: s, ts: hs}

	_, before := ts.get("/app/auth/")
	if strings.Contains(before, "login-failed") {
		t.Fatalf("the happy path already shows login-failed:\n%s", before)
	}
	c := ts.subscribe()
	tmp := filepath.Join(dir, "app/auth/.capture.har.tmp")
	writeFile(t, tmp, string(wrong))
	if err := os.Rename(tmp, filepath.Join(dir, "app/auth/capture.har")); err != nil {
		t.Fatal(err)
	}
	paths := waitReload(t, c)
	if !slices.Contains(paths, "/app/auth/") || slices.Contains(paths, "/other/") {
		t.Errorf("reload paths %q: want the capture's page, not the others", paths)
	}
	_, after := ts.get("/app/auth/")
	if !strings.Contains(after, "login-failed") {
		t.Errorf("after the capture was replaced the page does not show login-failed:\n%s", after)
	}
	if a, b := svgOf(before), svgOf(after); a == "" || a == b {
		t.Errorf("the diagram did not change (before %d bytes of SVG, after %d)", len(a), len(b))
	}
}

// svgOf is the SVG of the page's seqdoc diagram block (the page has other
// inline SVG, such as icons).
func svgOf(page string) string {
	k := strings.Index(page, "seqdoc-diagram")
	if k < 0 {
		return ""
	}
	page = page[k:]
	i := strings.Index(page, "<svg")
	j := strings.Index(page, "</svg>")
	if i < 0 || j < i {
		return ""
	}
	return page[i:j]
}
