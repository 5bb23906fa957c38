package site

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/browsertest"
)

// TestBrowserPagesContrast opens every page of the built-in cookbook in
// Chromium, in light and in dark mode, and with the theme toggle's choice
// against the system's (dark on a light system, light on a dark one), and
// measures every text (prose,
// tables, code, breadcrumbs, the diagrams' SVG labels and badges) against
// what is behind it with the colours Chromium computed: each must meet WCAG
// AA (4.5:1, 3:1 for large text). The serve overlay has its own test in
// site/server.
func TestBrowserPagesContrast(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	br := newBrowser(t)
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("build: %v %v", err, res.Errors)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(res.Files, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	// The system's scheme, and the theme the reader chose with the toggle
	// (html[data-theme]): auto follows the system; a chosen theme wins.
	for _, c := range []struct{ system, chosen string }{
		{"light", "auto"}, {"dark", "auto"}, {"light", "dark"}, {"dark", "light"},
	} {
		scheme := c.system + " system, " + c.chosen + " theme"
		if _, err := chromedp.Call(br.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.system}}}); err != nil {
			t.Fatal(err)
		}
		for _, name := range sortedKeys(res.Files) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			br.do(t, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, name))), chromedp.WaitReady("body"))
			if c.chosen != "auto" {
				eval[bool](t, br, `document.documentElement.setAttribute("data-theme", "`+c.chosen+`"), true`)
			}
			// The theme took effect: the page's background is dark exactly
			// when the theme (chosen, else the system's) is. (404.html links
			// its stylesheet from the site's root, which file:// lacks: it
			// has no background of its own.)
			want := "light"
			if c.chosen == "dark" || c.chosen == "auto" && c.system == "dark" {
				want = "dark"
			}
			got := eval[string](t, br, `(() => { const m = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? "none" : m[0] + m[1] + m[2] < 200 ? "dark" : "light"; })()`)
			if got != want && !(got == "none" && name == "404.html") {
				t.Fatalf("%s, %s: the page's background is %s, want %s", name, scheme, got, want)
			}
			rep, err := browsertest.Contrast(br.ctx, "body")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Checked < 5 || rep.Unknown > 0 {
				t.Errorf("%s, %s: %d texts measured, %d not: want every text", name, scheme, rep.Checked, rep.Unknown)
			}
			for _, x := range rep.Failing() {
				t.Errorf("%s, %s: %s", name, scheme, x)
			}
		}
	}
}
