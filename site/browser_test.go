package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/browsertest"
)

// browser is headless Chromium with the console errors, uncaught
// exceptions and failed loads (log entries of level error) it reported.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	actx, cancelA := browsertest.Allocator(t, chromedp.WindowSize(1280, 900))
	b := &browser{}
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				b.errors = append(b.errors, "console.error")
			}
		case *runtime.EventExceptionThrown:
			b.errors = append(b.errors, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				b.errors = append(b.errors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	}))
	t.Cleanup(func() { cancelC(); cancelA() })
	b.ctx = ctx
	// The first call starts the browser; it must not run under a timeout.
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return b
}

// do runs actions with a timeout.
func (b *browser) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression into a T.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string{}, b.errors...)
}

type box struct{ W, H float64 }

// TestBrowserMulticcyPage opens the built multiccy page from file:// and
// checks what a reader sees: the diagram's SVG visible with a real size,
// the glossary table, no console errors; on a phone, the diagram keeps its
// size in a frame that scrolls. It saves a screenshot (in
// SEQDOC_SCREENSHOT_DIR, else the test's temporary folder).
func TestBrowserMulticcyPage(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	br := newBrowser(t)
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("the built-in cookbook has errors: %v", res.Errors)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(res.Files, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	page := "file://" + filepath.ToSlash(filepath.Join(out, "cookbook/app-multiccy/sequencediag-auth/index.html"))
	br.do(t, chromedp.Navigate(page), chromedp.WaitReady("body"))
	svg := eval[box](t, br, `(() => { const r = document.querySelector('.seqdoc-diagram .diagram-frame svg').getBoundingClientRect(); return {W: r.width, H: r.height}; })()`)
	visible := eval[bool](t, br, `(() => { const s = document.querySelector('.seqdoc-diagram .diagram-frame svg'); const c = getComputedStyle(s); return c.display !== 'none' && c.visibility === 'visible' && c.opacity !== '0'; })()`)
	if svg.W < 100 || svg.H < 100 || !visible {
		t.Errorf("diagram SVG is %gx%g px, visible %v; want a visible diagram at least 100 px each way", svg.W, svg.H, visible)
	}
	if n := eval[int](t, br, `document.querySelectorAll('table.seqdoc-glossary tbody tr').length`); n < 3 {
		t.Errorf("glossary table has %d rows, want the ALB and Cognito cookies and headers", n)
	}
	if n := eval[int](t, br, `document.querySelectorAll('table.seqdoc-steps tbody tr').length`); n < 5 {
		t.Errorf("steps table has %d rows", n)
	}
	// The stylesheet loaded from file:// (a relative link): the frame scrolls.
	if o := eval[string](t, br, `getComputedStyle(document.querySelector('.diagram-frame')).overflowX`); o != "auto" {
		t.Errorf("diagram frame overflow-x = %q: the stylesheet did not load from file://", o)
	}
	shot, err := chromedp.Run(br.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("SEQDOC_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	name := filepath.Join(dir, "multiccy.png")
	if err := os.WriteFile(name, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", name)

	// On a phone the diagram keeps its size and its frame scrolls sideways.
	br.do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page), chromedp.WaitReady("body"))
	phone := eval[struct{ SVG, Frame, Page float64 }](t, br, `(() => ({SVG: document.querySelector('.seqdoc-diagram .diagram-frame svg').getBoundingClientRect().width, Frame: document.querySelector('.diagram-frame').clientWidth, Page: document.documentElement.scrollWidth}))()`)
	if phone.SVG != svg.W || phone.Frame >= phone.SVG || phone.Page > 390 {
		wide := eval[string](t, br, `Array.from(document.querySelectorAll('main *')).filter(e => !e.closest('.diagram-frame, .table-wrap, pre') && e.getBoundingClientRect().right > 392).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')`)
		t.Logf("wider than the phone: %s", wide)
		t.Errorf("on a 390 px phone: svg %g px (desktop %g), frame %g px, page %g px wide; want the svg unshrunk inside a narrower scrolling frame and no page-wide scroll", phone.SVG, svg.W, phone.Frame, phone.Page)
	}
	// The glossary, five columns wide, fits the phone: a card per cookie or
	// header under its name, each other part under its column's name. It
	// scrolled sideways with two columns in view and rows a screen tall.
	// So do the requests: number and request, then status, kind, AWS steps
	// and phase, each after its column's name (only # and request showed).
	for _, tc := range []struct{ table, cells string }{
		{"seqdoc-glossary", "td:not(:first-child)"},
		{"seqdoc-steps", "td:nth-child(n+3)"},
	} {
		gl := eval[struct{ Scroll, Client, Labels, Cells float64 }](t, br, `(() => { const w = document.querySelector('table.`+tc.table+`').closest('.table-wrap'), cells = w.querySelectorAll('tbody `+tc.cells+`');
		return {Scroll: w.scrollWidth, Client: w.clientWidth, Cells: cells.length,
			Labels: Array.from(cells).filter(td => getComputedStyle(td, '::before').content === JSON.stringify(td.dataset.label || '')).length}; })()`)
		if gl.Scroll > gl.Client || gl.Cells == 0 || gl.Labels != gl.Cells {
			t.Errorf("%s on a 390 px phone: %g px wide in a %g px frame (want no sideways scroll); %g of %g cells show their column's name", tc.table, gl.Scroll, gl.Client, gl.Labels, gl.Cells)
		}
	}
	if shot, err := chromedp.Run(br.ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "multiccy-phone.png"), shot, 0o644)
	}
	// Scrolled down into the diagram and sideways in its frame, the
	// participants' heads stay at the top of the screen, over their
	// lifelines.
	eval[bool](t, br, `document.documentElement.style.scrollBehavior = "auto"; const f = document.querySelector(".seqdoc-diagram .diagram-frame");
		f.scrollLeft = 400; window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY + 600); true`)
	browsertest.Wait(t, br.ctx, `!!document.querySelector(".seqdoc-diagram .diagram-heads.stuck")`)
	heads := eval[struct{ Top, Heads, Diagram, Scroll, Page float64 }](t, br, `(() => { const s = document.querySelector(".seqdoc-diagram .diagram-heads"), f = document.querySelector(".seqdoc-diagram .diagram-frame");
		return {Top: s.getBoundingClientRect().top, Heads: s.querySelector("svg").getBoundingClientRect().left, Diagram: f.querySelector("svg").getBoundingClientRect().left,
			Scroll: f.scrollLeft, Page: document.documentElement.scrollWidth}; })()`)
	if heads.Top != 0 || heads.Heads != heads.Diagram || heads.Scroll < 100 || heads.Page > 390 {
		t.Errorf("sticky heads on a phone: top %g px (want 0), heads at x %g, diagram at x %g (want equal), frame scrolled %g px, page %g px wide", heads.Top, heads.Heads, heads.Diagram, heads.Scroll, heads.Page)
	}
	// Dark mode: the page and the diagram follow prefers-color-scheme.
	if _, err := chromedp.Call(br.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	br.do(t, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(page), chromedp.WaitReady("body"))
	if bg := eval[string](t, br, `getComputedStyle(document.body).backgroundColor`); bg == "rgb(255, 255, 255)" {
		t.Errorf("dark mode: the page background stays white")
	}
	if shot, err := chromedp.Run(br.ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "multiccy-dark.png"), shot, 0o644)
	}
	if errs := br.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestBrowserHostileCaptureRunsNoScript builds a page whose capture holds
// markup and script in URLs, header and cookie names and the page title,
// opens it, and checks that none of it ran and all of it shows as text.
func TestBrowserHostileCaptureRunsNoScript(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	br := newBrowser(t)
	res, err := NewBuilder(Options{Content: hostileSite()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(res.Files, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	br.do(t, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, "app/index.html"))), chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond))
	// seqdoc's own scripts are the theme script in <head> and seqdoc.js.
	if eval[bool](t, br, `window.__pwned === true || document.querySelectorAll('body script, head script:not([src$="seqdoc.js"]):not(:first-of-type), [onerror], [onload], [onclick]').length > 0`) {
		t.Error("hostile capture text became live markup or script")
	}
	if text := eval[string](t, br, `document.querySelector('main').innerText`); !strings.Contains(text, "<script>") {
		t.Errorf("the hostile text is not shown literally; main text:\n%s", text)
	}
}

// TestBrowserFindingHighlights opens a page whose capture (a generated
// one: the logout leaves the ALB session alive) has findings, and presses
// each finding's "show in diagram": exactly the arrows of the entries the
// finding names are highlighted, and the arrows link to rows that exist.
func TestBrowserFindingHighlights(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	capture, err := os.ReadFile("../har/authflow/testdata/gen/u2-logout-keeps-alb-cookie.har")
	if err != nil {
		t.Fatal(err)
	}
	br := newBrowser(t)
	fsys := fstest.MapFS{
		"_index.md":        &fstest.MapFile{Data: []byte("---\ntitle: t\n---\n")},
		"shop/index.md":    &fstest.MapFile{Data: []byte("---\ntitle: Shop\n---\n```seqdoc diagram\n```\n\n```seqdoc steps\n```\n\n```seqdoc findings\n```\n")},
		"shop/capture.har": &fstest.MapFile{Data: capture},
	}
	res, err := NewBuilder(Options{Content: fsys}).Build(context.Background())
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("build: %v %v", err, res.Errors)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(res.Files, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	br.do(t, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, "shop/index.html"))))
	browsertest.Wait(t, br.ctx, `document.documentElement.classList.contains("seqdoc-ready")`)
	codes := eval[[]string](t, br, `[...document.querySelectorAll(".seqdoc-findings li")].filter(li => li.querySelector(".hl-button")).map(li => li.querySelector(".finding-code").textContent)`)
	if !slices.Contains(codes, "logout-keeps-alb-session") {
		t.Fatalf("findings with a highlight button: %q", codes)
	}
	for _, code := range codes {
		got := eval[struct {
			Entries, Lit, Want []string
		}](t, br, `(() => {
			const li = [...document.querySelectorAll(".seqdoc-findings li")].find(li => li.querySelector(".finding-code").textContent === "`+code+`");
			li.querySelector(".hl-button").click();
			const entries = [...li.querySelector(".finding-entries").textContent.matchAll(/#(\d+)/g)].map(m => +m[1]);
			// An entry's arrows: its own (eN, eNr), or its folded run's (eA-B).
			const mine = a => { const m = /-e(\d+)(?:-(\d+))?r?$/.exec(a.id); return m && entries.some(n => n >= +m[1] && n <= +(m[2] || m[1])); };
			const arrows = [...document.querySelectorAll(".diagram-frame svg a[id]")];
			return {Entries: entries.map(String), Lit: arrows.filter(a => a.classList.contains("hl")).map(a => a.id), Want: arrows.filter(mine).map(a => a.id)};
		})()`)
		if len(got.Want) == 0 || strings.Join(got.Lit, " ") != strings.Join(got.Want, " ") {
			t.Errorf("%s (entries %v): highlighted arrows %q, want %q", code, got.Entries, got.Lit, got.Want)
		}
	}
	if errs := CheckLinks(res.Files); len(errs) > 0 {
		t.Errorf("links: %v", errs)
	}
	if errs := br.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
