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
// Chromium, in light and in dark mode, and measures every text (prose,
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
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(br.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, name := range sortedKeys(res.Files) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			br.do(t, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, name))), chromedp.WaitReady("body"))
			rep, err := browsertest.Contrast(br.ctx, "body")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Checked < 5 || rep.Unknown > 0 {
				t.Errorf("%s, %s mode: %d texts measured, %d not: want every text", name, scheme, rep.Checked, rep.Unknown)
			}
			for _, x := range rep.Failing() {
				t.Errorf("%s, %s mode: %s", name, scheme, x)
			}
		}
	}
}
