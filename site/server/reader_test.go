package server

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/site"
)

// TestBrowserReader is what a reader does on the built-in cookbook, in
// headless Chromium, on the site opened from disk (file://) and on the site
// as seqdoc serve serves it (live reload on): search from the keyboard,
// follow an arrow of the diagram to its request and back, ask the glossary
// where a cookie is set and cleared, copy a code block and the diagram's
// Mermaid source, and switch to the dark theme, which stays on the next
// page.
func TestBrowserReader(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browsertest.Chromium(t)
	ctx := context.Background()
	res, err := site.NewBuilder(site.Options{Content: content.FS()}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := site.Publish(res.Files, out, site.PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, Options{Site: builderSite{b: site.NewBuilder(site.Options{Content: content.FS(), LiveReload: true})}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer func() { s.Close(); ts.Close() }()
	for _, m := range []struct{ name, base string }{
		{"file", "file://" + filepath.ToSlash(out) + "/"},
		{"serve", ts.URL + "/"},
	} {
		t.Run(m.name, func(t *testing.T) { readerScenario(t, m.base) })
	}
}

// reader drives one browser tab.
type reader struct {
	t   *testing.T
	ctx context.Context
}

func (r *reader) do(actions ...chromedp.Action[chromedp.Void]) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(r.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		r.t.Fatal(err)
	}
}

func evalAs[T any](r *reader, expr string, opts ...chromedp.EvaluateOption) T {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(r.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		r.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// wait waits until a JavaScript condition holds (what names it for the
// reader of the test).
func (r *reader) wait(what, expr string) {
	r.t.Helper()
	browsertest.Wait(r.t, r.ctx, expr)
}

// open loads a page and waits for seqdoc.js to have set it up.
func (r *reader) open(url string) {
	r.t.Helper()
	r.do(chromedp.Navigate(url))
	r.wait("seqdoc.js ran on "+url, `document.readyState === "complete" && document.documentElement.classList.contains("seqdoc-ready")`)
	evalAs[bool](r, `document.documentElement.style.scrollBehavior = "auto"; true`)
}

// press types one key the way a keyboard does: a keydown that carries the
// text, so that a page that cancels the keydown gets no character (the
// "/" that opens the search must not land in the search box).
func (r *reader) press(key, code string, vk int64) {
	r.t.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		p := input.DispatchKeyEventParams{Type: typ, Key: key, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
		if typ == input.DispatchKeyEventTypeKeyDown {
			p.Text, p.UnmodifiedText = key, key
		}
		if _, err := chromedp.Call(r.ctx, input.DispatchKeyEvent, p); err != nil {
			r.t.Fatal(err)
		}
	}
}

// clickAt clicks the middle of an element with the mouse, as a reader
// does, once the page has scrolled it into view and drawn the scroll (a
// click sent before that lands where the element was).
func (r *reader) clickAt(what, expr string) {
	r.t.Helper()
	p := evalAs[struct{ X, Y float64 }](r, `new Promise(done => { const e = `+expr+`; e.scrollIntoView({block: "center", inline: "center"});
		requestAnimationFrame(() => requestAnimationFrame(() => { const b = e.getBoundingClientRect(); done({X: b.left + b.width / 2, Y: b.top + b.height / 2}); })); })`, chromedp.EvalAwaitPromise)
	r.do(chromedp.MouseClickXY(p.X, p.Y))
}

func readerScenario(t *testing.T, base string) {
	actx, cancelA := browsertest.Allocator(t, chromedp.WindowSize(1280, 900))
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // starts the browser, without a timeout
		t.Fatal(err)
	}
	r := &reader{t: t, ctx: ctx}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true}, Setting: "granted"}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	multiccy := base + "cookbook/app-multiccy/sequencediag-auth/index.html"
	r.open(multiccy)

	// Search: "/" opens it, results come as one types, the findings page
	// first (its heading is the code), then the pages that mention it.
	r.press("/", "Slash", 191)
	r.wait("search open, its input focused", `document.activeElement === document.querySelector(".search-dialog[open] input")`)
	r.do(chromedp.KeyEvent("logout-keeps"))
	r.wait("results", `document.querySelector(".search-results").getAttribute("data-query") === "logout-keeps"`)
	found := evalAs[[]string](r, `[...document.querySelectorAll(".search-results a")].map(a => a.getAttribute("href"))`)
	if len(found) < 2 || !strings.HasSuffix(found[0], "guides/findings/index.html") || !strings.HasSuffix(found[1], "guides/findings/index.html#logout-keeps-alb-session") {
		t.Errorf("search results %q: want the findings page and its logout-keeps-alb-session section first", found)
	}
	if !contains(found, "cookbook/app-multiccy/sequencediag-auth/index.html") {
		t.Errorf("search results %q: want the multiccy page too", found)
	}
	if m := evalAs[string](r, `document.querySelector(".search-results mark").textContent`); m != "logout-keeps" {
		t.Errorf("first marked word %q, want logout-keeps", m)
	}
	// The keyboard leads to the section: down to the page, down to the
	// section, Enter.
	r.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	r.wait("the section's result focused", `(document.activeElement.getAttribute("href") || "").endsWith("guides/findings/index.html#logout-keeps-alb-session")`)
	r.do(chromedp.KeyEvent(kb.Enter))
	r.wait("at the findings section", `location.pathname.endsWith("guides/findings/index.html") && location.hash === "#logout-keeps-alb-session"`)

	// An arrow of the diagram leads to its row, which is highlighted; the
	// row's number leads back to the arrow.
	r.open(multiccy)
	prefix := evalAs[string](r, `document.querySelector(".seqdoc-diagram .diagram-frame svg title").id.slice(0, -2)`)
	r.clickAt("the arrow of request 4", `document.querySelector('[id="`+prefix+`-e4"] .hit')`)
	r.wait("row 4 highlighted", `location.hash === "#entry-4" && document.getElementById("entry-4").matches(":target.hl")`)
	if bg := evalAs[string](r, `getComputedStyle(document.getElementById("entry-4")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" {
		t.Error("the target row has no background")
	}
	if n := evalAs[int](r, `document.querySelectorAll(".diagram-frame .hl").length`); n < 2 {
		t.Errorf("%d items of the diagram highlighted with row 4, want its request and response at least", n)
	}
	r.do(chromedp.Focus(`[id="`+prefix+`-e11"]`), chromedp.KeyEvent(kb.Enter))
	r.wait("Enter on the arrow of request 11 leads to its row", `location.hash === "#entry-11" && document.getElementById("entry-11").matches(":target.hl")`)
	r.clickAt("row 11's number", `document.querySelector("#entry-11 td a")`)
	r.wait("back at the arrow, highlighted", `location.hash === "#`+prefix+`-e11" && document.getElementById("`+prefix+`-e11").matches(":target.hl")`)
	if c := evalAs[string](r, `getComputedStyle(document.querySelector('[id="`+prefix+`-e11"] .m')).stroke`); c != "rgb(188, 76, 0)" {
		t.Errorf("the target arrow is drawn in %s, want the highlight colour", c)
	}
	if name := evalAs[string](r, `document.getElementById("`+prefix+`-e4").getAttribute("aria-label")`); !strings.Contains(name, "GET /oauth2/idpresponse") || !strings.Contains(name, "302") || !strings.Contains(name, "#3") {
		t.Errorf("the arrow of request 4 is named %q: want its method, path, status and steps", name)
	}

	// Each cookie of the glossary highlights exactly the notes that name
	// it (where it is set or expired), and some arrows.
	cookies := evalAs[[]string](r, `[...document.querySelectorAll(".seqdoc-glossary tbody tr")].filter(tr => tr.querySelector(".sub") && tr.querySelector(".sub").textContent === "cookie" && tr.querySelector(".hl-button:not([hidden])")).map(tr => tr.querySelector("code").textContent)`)
	if len(cookies) < 5 {
		t.Fatalf("glossary cookies with a highlight button: %q", cookies)
	}
	for _, c := range cookies {
		r.clickAt("show "+c, `[...document.querySelectorAll(".seqdoc-glossary tbody tr")].find(tr => tr.querySelector("code").textContent === "`+c+`").querySelector(".hl-button")`)
		r.wait(c+" pressed", `[...document.querySelectorAll(".seqdoc-glossary .hl-button")].find(b => b.textContent.endsWith(": `+c+`")).getAttribute("aria-pressed") === "true"`)
		got := evalAs[struct {
			Pressed string
			Lit     []string
			Want    []string
			Arrows  int
		}](r, `(() => {
			const name = "`+c+`", sharded = name.endsWith("-N"), stem = name.slice(0, -1);
			const names = n => n.querySelector("text").textContent.split(/[\s,:]+/).some(w => sharded ? w.startsWith(stem) : w === name);
			const notes = [...document.querySelectorAll(".diagram-frame svg g[id$='n']")];
			return {
				Pressed: [...document.querySelectorAll(".seqdoc-glossary .hl-button")].find(b => b.textContent.endsWith(": " + name)).getAttribute("aria-pressed"),
				Lit: notes.filter(n => n.classList.contains("hl")).map(n => n.id),
				Want: notes.filter(names).map(n => n.id),
				Arrows: document.querySelectorAll(".diagram-frame svg a.hl").length,
			};
		})()`)
		if strings.Join(got.Lit, " ") != strings.Join(got.Want, " ") || got.Arrows == 0 || got.Pressed != "true" {
			t.Errorf("%s: highlighted notes %q, want %q; %d arrows; pressed %s", c, got.Lit, got.Want, got.Arrows, got.Pressed)
		}
	}

	// Copy buttons put the right text on the clipboard.
	mermaid := evalAs[string](r, `document.querySelector(".seqdoc-diagram .diagram-source code").textContent`)
	if !strings.HasPrefix(mermaid, "sequenceDiagram\n") || !strings.Contains(mermaid, "[#35;3] GET /oauth2/idpresponse") {
		t.Errorf("the diagram's Mermaid source is not the flow:\n%s", mermaid)
	}
	r.clickAt("Copy Mermaid source", `document.querySelector(".seqdoc-diagram [data-copy=mermaid]")`)
	r.wait("Mermaid source copied", `document.querySelector(".seqdoc-diagram [data-copy=mermaid]").textContent === "Copied"`)
	if got := evalAs[string](r, `navigator.clipboard.readText()`, chromedp.EvalAwaitPromise); got != mermaid {
		t.Errorf("clipboard after Copy Mermaid source:\n%s\nwant:\n%s", got, mermaid)
	}
	// Download SVG and PNG: the diagram as files, without the highlights
	// lit above; the PNG twice the diagram's size, in the light theme shown.
	svgFile := r.download(t.TempDir(), "Download SVG", "sequencediag-auth.svg")
	if !bytes.HasPrefix(svgFile, []byte("<?xml")) || !bytes.Contains(svgFile, []byte("<title")) || !bytes.Contains(svgFile, []byte("GET /oauth2/idpresponse")) || bytes.Contains(svgFile, []byte(`class="hl"`)) || bytes.Contains(svgFile, []byte(" hl\"")) {
		t.Errorf("downloaded SVG: want the diagram with its title and labels and no highlight: %.300s", svgFile)
	}
	if err := xml.Unmarshal(svgFile, new(struct{})); err != nil {
		t.Errorf("downloaded SVG is not XML: %v", err)
	}
	size := evalAs[struct{ W, H float64 }](r, `(() => { const s = document.querySelector(".seqdoc-diagram .diagram-frame svg"); return {W: +s.getAttribute("width"), H: +s.getAttribute("height")}; })()`)
	checkPNG(t, r.download(t.TempDir(), "Download PNG", "sequencediag-auth.png"), 2*size.W, 2*size.H, color.RGBA{255, 255, 255, 255}, color.RGBA{0x1f, 0x23, 0x28, 255})
	// A diagram too large for a canvas at twice its size (a capture's every
	// request) is drawn smaller: at most 16 million pixels, its shape kept.
	evalAs[bool](r, `(() => { const s = document.querySelector(".seqdoc-diagram .diagram-frame svg"); s.setAttribute("width", 5000); s.setAttribute("height", 12000); return true; })()`)
	big := r.download(t.TempDir(), "Download PNG", "sequencediag-auth.png")
	evalAs[bool](r, `(() => { const s = document.querySelector(".seqdoc-diagram .diagram-frame svg"); s.setAttribute("width", `+fmt.Sprint(size.W)+`); s.setAttribute("height", `+fmt.Sprint(size.H)+`); return true; })()`)
	if cfg, err := png.DecodeConfig(bytes.NewReader(big)); err != nil || cfg.Width*cfg.Height > 16e6 || cfg.Width*cfg.Height < 15e6 || math.Abs(float64(cfg.Height)/float64(cfg.Width)-2.4) > 0.01 {
		t.Errorf("PNG of a 5000x12000 diagram: %dx%d (%v); want about 16 million pixels, 2.4 times as high as wide", cfg.Width, cfg.Height, err)
	}

	r.open(base + "guides/seqdoc-blocks/index.html")
	want := evalAs[string](r, `document.querySelector("main pre code").textContent`)
	r.clickAt("the first code block's Copy", `document.querySelector("main .code-block .copy-button")`)
	r.wait("code copied", `document.querySelector("main .code-block .copy-button").textContent === "Copied"`)
	if got := evalAs[string](r, `navigator.clipboard.readText()`, chromedp.EvalAwaitPromise); got != want || !strings.Contains(want, "capture: other.har") {
		t.Errorf("clipboard after Copy: %q, want the block's text %q", got, want)
	}

	// The theme: auto, then light, then dark; the next page opens dark.
	for _, want := range []string{"light", "dark"} {
		r.clickAt("the theme button", `document.querySelector(".theme-toggle")`)
		r.wait("theme "+want, `document.documentElement.getAttribute("data-theme") === "`+want+`" && document.querySelector(".theme-toggle").textContent.trim() === "Theme: `+want+`"`)
	}
	r.clickAt("the breadcrumb to the cookbook home", `document.querySelector(".breadcrumbs a")`)
	r.wait("home page", `location.href.endsWith("/index.html") && !location.href.includes("guides")`)
	r.open(multiccy)
	if got := evalAs[struct{ Theme, Page, Diagram string }](r, `({Theme: document.documentElement.getAttribute("data-theme"),
		Page: getComputedStyle(document.body).backgroundColor, Diagram: getComputedStyle(document.querySelector(".diagram-frame svg .bg")).fill})`); got.Theme != "dark" || got.Page != "rgb(13, 17, 23)" || got.Diagram != "rgb(13, 17, 23)" {
		t.Errorf("after navigating: theme %q, page background %s, diagram background %s; want dark all through", got.Theme, got.Page, got.Diagram)
	}
	// In the dark theme the PNG is dark too (on a light system).
	checkPNG(t, r.download(t.TempDir(), "Download PNG", "sequencediag-auth.png"), 2*size.W, 2*size.H, color.RGBA{13, 17, 23, 255}, color.RGBA{0xe6, 0xed, 0xf3, 255})
}

// download presses a button of the diagram's tools and returns the file
// the browser saved in dir.
func (r *reader) download(dir, button, name string) []byte {
	r.t.Helper()
	if _, err := chromedp.CallBrowser(r.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		r.t.Fatal(err)
	}
	r.clickAt(button, `[...document.querySelectorAll(".seqdoc-diagram .diagram-tools button")].find(b => b.textContent === "`+button+`")`)
	path := filepath.Join(dir, name)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return data
		}
	}
	entries, _ := os.ReadDir(dir)
	r.t.Fatalf("%s: no %s downloaded in 20 s (the folder holds %v)", button, name, entries)
	return nil
}

// checkPNG decodes a downloaded PNG: w x h pixels, its corner the
// diagram's background, and text drawn in the foreground colour.
func checkPNG(t *testing.T, data []byte, w, h float64, bg, fg color.RGBA) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("downloaded PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != int(w) || b.Dy() != int(h) {
		t.Errorf("PNG is %dx%d px, want %gx%g (twice the diagram's size)", b.Dx(), b.Dy(), w, h)
	}
	near := func(c color.Color, want color.RGBA) bool {
		r, g, bl, a := c.RGBA()
		d := func(x uint32, y uint8) bool { return x>>8 >= uint32(y)-3 && x>>8 <= uint32(y)+3 }
		return d(r, want.R) && d(g, want.G) && d(bl, want.B) && a>>8 == 255
	}
	if c := img.At(b.Min.X+2, b.Min.Y+2); !near(c, bg) {
		t.Errorf("PNG background %v, want %v", c, bg)
	}
	text := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if near(img.At(x, y), fg) {
				text++
			}
		}
	}
	if text < 500 {
		t.Errorf("PNG has %d pixels of the text colour %v: the labels are not drawn", text, fg)
	}
}

func contains(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}
