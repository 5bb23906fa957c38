package diagram

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/seqdoc/seqdoc/internal/browsertest"
)

// TestBrowserGoldenContrast opens every golden SVG (what Render draws for
// the golden cases: badges, implied messages, notes, frames, boxes) in
// Chromium, in light and in dark mode, and measures every text against what
// is behind it with the colours Chromium computed: each must meet WCAG AA
// (4.5:1, 3:1 for large text). The implied messages' grey (#8c959f) was
// 3.0:1 on white, both as label and as badge.
func TestBrowserGoldenContrast(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	files, err := filepath.Glob("testdata/golden/*.golden.svg")
	if err != nil || len(files) < 10 {
		t.Fatalf("golden SVGs: %d, %v", len(files), err)
	}
	actx, cancelA := browsertest.Allocator(t, chromedp.WindowSize(1400, 1000))
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(tctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			abs, err := filepath.Abs(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
				t.Fatal(err)
			}
			rep, err := browsertest.Contrast(tctx, ":root")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Checked == 0 || rep.Unknown > 0 {
				t.Errorf("%s, %s mode: %d texts measured, %d not: want every text", filepath.Base(f), scheme, rep.Checked, rep.Unknown)
			}
			for _, x := range rep.Failing() {
				t.Errorf("%s, %s mode: %s", filepath.Base(f), scheme, x)
			}
		}
	}
}
