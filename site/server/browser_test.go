package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/site"
)

// TestBrowserReloadsAndShowsErrors opens a page of a real site (package
// site's builder, live reload on) in headless Chromium and checks, through
// the page's own script: an edit to the page reloads it with the new text;
// a stylesheet edit is swapped in without a reload;
// an edit to another page does not reload it; a broken edit shows the error
// overlay without reloading; undoing it removes the overlay without a reload;
// a real fix removes the overlay and reloads.
func TestBrowserReloadsAndShowsErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browsertest.Chromium(t) // skips (or fails in CI) before building the site
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "_index.md"), "---\ntitle: Browser test\n---\nHome.\n")
	writeFile(t, filepath.Join(dir, "a/guide.md"), "# Guide\n\nfirst version\n")
	writeFile(t, filepath.Join(dir, "b/other.md"), "# Other\n\nunrelated\n")

	layouts := t.TempDir()
	writeFile(t, filepath.Join(layouts, "seqdoc.css"), "body { color: rgb(1, 2, 3) }\n")

	b := site.NewBuilder(site.Options{Content: os.DirFS(dir), Layouts: os.DirFS(layouts), LiveReload: true})
	s, err := New(context.Background(), Options{Site: builderSite{b: b, dir: dir},
		Watch: []WatchRoot{{Dir: dir}, {Dir: layouts, Prefix: "layouts/"}}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	wctx, stopWatch := context.WithCancel(context.Background())
	watchDone := make(chan struct{})
	go func() { s.Watch(wctx); close(watchDone) }()
	defer func() { stopWatch(); <-watchDone; s.Close(); ts.Close() }()
	<-s.Ready()

	actx, cancelA := browsertest.Allocator(t)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	// The first action starts the browser; it must not run under a timeout
	// (that would stop the browser), the later ones do.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/a/guide/")); err != nil {
		t.Fatalf("open the page: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	eval := func(name, expr string) bool {
		t.Helper()
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return ok
	}
	// wait polls expr until it is true. A reload in between destroys the
	// page's JavaScript context: that evaluation fails and is retried.
	wait := func(name, expr string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		var lastErr error
		for time.Now().Before(deadline) {
			ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](expr))
			if err == nil && ok {
				return
			}
			lastErr = err
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: %s still false after 20 s (last error: %v)", name, expr, lastErr)
	}
	// mark sets a flag that survives only as long as the page is not
	// reloaded, and counts the reload events the page receives.
	const mark = `window.__seqdocMark = true; window.__reloads = 0;
		new EventSource("/_seqdoc/events").addEventListener("reload", function () { window.__reloads++; }); true`
	// connected waits until the page's event streams are open.
	connected := func() {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for s.Clients() < 2 {
			if time.Now().After(deadline) {
				t.Fatalf("%d live-reload clients, want the page's and the test's", s.Clients())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}

	wait("open", `document.body && document.body.innerText.indexOf("first version") >= 0 && document.querySelector('script[src$="_seqdoc/reload.js"]') !== null`)
	eval("mark", mark)
	connected()

	writeFile(t, filepath.Join(dir, "b/other.md"), "# Other\n\nchanged elsewhere\n")
	wait("another page edited", `window.__reloads >= 1`)
	if !eval("still marked", `window.__seqdocMark === true`) {
		t.Error("the page reloaded after an edit to another page")
	}

	// A stylesheet edit is applied in place, without a reload.
	wait("first style", `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`)
	writeFile(t, filepath.Join(layouts, "seqdoc.css"), "body { color: rgb(4, 5, 6) }\n")
	wait("style swapped", `getComputedStyle(document.body).color === "rgb(4, 5, 6)"`)
	if !eval("not reloaded for a stylesheet", `window.__seqdocMark === true`) {
		t.Error("the page reloaded for a stylesheet change; it should swap the stylesheet in place")
	}

	writeFile(t, filepath.Join(dir, "a/guide.md"), "# Guide\n\nsecond version\n")
	wait("reloaded by itself", `window.__seqdocMark === undefined && document.body.innerText.indexOf("second version") >= 0`)

	eval("mark again", mark)
	connected()
	writeFile(t, filepath.Join(dir, "a/guide.md"), "# Guide\n\nbroken [link](nope.md)\n")
	wait("error overlay", overlayText+`.indexOf("guide.md:3:15: broken link") >= 0`)
	if !eval("kept under the overlay", `window.__seqdocMark === true && document.body.innerText.indexOf("second version") >= 0`) {
		t.Error("the page reloaded on a failed build; it should keep the last good version under the overlay")
	}

	// Undoing the broken edit gives back the page being shown: the overlay
	// goes away without a reload.
	writeFile(t, filepath.Join(dir, "a/guide.md"), "# Guide\n\nsecond version\n")
	wait("overlay cleared", `document.getElementById("seqdoc-error-overlay") === null`)
	if !eval("not reloaded", `window.__seqdocMark === true`) {
		t.Error("the page reloaded although the fix gave back the bytes it shows")
	}

	writeFile(t, filepath.Join(dir, "a/guide.md"), "# Guide\n\nbroken [link](nope.md)\n")
	wait("error overlay again", `document.getElementById("seqdoc-error-overlay") !== null`)
	writeFile(t, filepath.Join(dir, "a/guide.md"), "# Guide\n\nthird version\n")
	wait("overlay cleared and reloaded", `document.getElementById("seqdoc-error-overlay") === null && window.__seqdocMark === undefined && document.body.innerText.indexOf("third version") >= 0`)
}
