package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/site"
)

// overlayText is a JavaScript expression: the text of the error overlay
// (in its shadow root), "" when there is none.
const overlayText = `(function () { var e = document.getElementById("seqdoc-error-overlay"); return e ? (e.shadowRoot || e).textContent : ""; })()`

// TestBrowserErrorOverlayContrast serves a real site (the embedded
// templates and stylesheet) whose page has a broken link, opens it in
// Chromium in light and in dark mode, and measures every text of the error
// overlay with the colours Chromium computed: each must meet WCAG AA
// (4.5:1). The overlay's message was drawn rgb(255,230,230) on the page's
// light pre background rgb(246,248,250), 1.1:1. A layout whose stylesheet
// restyles pre, strong and div must not reach the overlay either. With
// SEQDOC_SCREENSHOT_DIR set, a screenshot of each case is saved there.
func TestBrowserErrorOverlayContrast(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browsertest.Chromium(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "_index.md"), "---\ntitle: Contrast\n---\nHome with `code`.\n")
	writeFile(t, filepath.Join(dir, "guide.md"), "# Guide\n\nSome text, a [broken link](nope.md).\n\n```sh\nseqdoc serve\n```\n")
	hostile := t.TempDir()
	writeFile(t, filepath.Join(hostile, "seqdoc.css"), `body { background: #f6f8fa; color: #222 }
pre, strong, div { background: #f6f8fa !important; color: #eee !important; font-size: 8px !important }
`)

	actx, cancelA := browsertest.Allocator(t, chromedp.WindowSize(1000, 800))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	for _, c := range []struct {
		name, scheme string
		layouts      string
	}{
		{"light", "light", ""},
		{"dark", "dark", ""},
		{"light with a layout that restyles pre", "light", hostile},
		{"dark with a layout that restyles pre", "dark", hostile},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := site.Options{Content: os.DirFS(dir), LiveReload: true}
			if c.layouts != "" {
				opts.Layouts = os.DirFS(c.layouts)
			}
			s, err := New(context.Background(), Options{Site: builderSite{b: site.NewBuilder(opts), dir: dir}, Poll: -1})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s)
			defer func() { s.Close(); ts.Close() }()
			ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.scheme}}}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/guide/")); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for {
				txt, err := chromedp.Run(ctx, chromedp.Evaluate[string](overlayText))
				if err == nil && strings.Contains(txt, "guide.md:3:28: broken link") {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no error overlay after 20 s (text %q, %v)", txt, err)
				}
				time.Sleep(20 * time.Millisecond)
			}
			rep, err := browsertest.Contrast(ctx, "#seqdoc-error-overlay")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Checked < 2 || rep.Unknown > 0 {
				t.Fatalf("measured %d texts of the overlay (%d over an image), want its title and message: %v", rep.Checked, rep.Unknown, rep.Texts)
			}
			for _, x := range rep.Failing() {
				t.Errorf("%s mode: %s", c.scheme, x)
			}
			if d := os.Getenv("SEQDOC_SCREENSHOT_DIR"); d != "" {
				shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				name := "overlay-" + strings.ReplaceAll(c.name, " ", "-") + ".png"
				if err := os.WriteFile(filepath.Join(d, name), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if testing.Verbose() {
				for _, x := range rep.Texts {
					t.Logf("%s", x)
				}
			}
		})
	}
}
