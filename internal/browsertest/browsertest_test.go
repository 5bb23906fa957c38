package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAllocatorStartsHeadless starts the browser the allocator describes and
// checks it runs headless with the extra options applied.
func TestAllocatorStartsHeadless(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	actx, cancel := Allocator(t, chromedp.WindowSize(800, 600))
	defer cancel()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	ua, err := chromedp.Run(tctx, chromedp.Evaluate[string](`navigator.userAgent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ua, "HeadlessChrome") {
		t.Errorf("user agent %q: want a headless browser", ua)
	}
	w, err := chromedp.Run(tctx, chromedp.Evaluate[int](`window.outerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if w != 800 {
		t.Errorf("window is %d px wide, want the 800 px of the extra WindowSize option", w)
	}
}
