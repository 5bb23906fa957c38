package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/browsertest"
)

// axeViolation is one rule axe-core found broken, with where.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// TestBrowserAxe runs axe-core (WCAG 2.2 A and AA, and its best
// practices) on every page of the built-in cookbook, as built, in
// the light and the dark colour scheme; on the multiccy page also on a
// phone, with the search open and with a glossary highlight on. Every page
// must have no violation; the counts are logged (go test -v).
func TestBrowserAxe(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browsertest.Chromium(t)
	axe := browsertest.Axe(t)
	br := newBrowser(t)
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(res.Files, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	// Served over HTTP, so that 404.html, whose links start at the
	// server's root, is checked too.
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	var pages []string
	for name := range res.Files {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	sort.Strings(pages)
	const multiccy = "cookbook/app-multiccy/sequencediag-auth/index.html"
	type check struct {
		page, scheme, state string
		width               int64
	}
	var checks []check
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range pages {
			checks = append(checks, check{p, scheme, "", 1280})
		}
		checks = append(checks, check{multiccy, scheme, "phone", 390}, check{multiccy, scheme, "search open", 1280},
			check{multiccy, scheme, "glossary highlight", 1280})
	}
	run := `axe.run(document, {resultTypes: ["violations"],
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))`
	for _, c := range checks {
		name := fmt.Sprintf("%s %s", c.page, c.scheme)
		if c.state != "" {
			name += " (" + c.state + ")"
		}
		if _, err := chromedp.Call(br.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.scheme}}}); err != nil {
			t.Fatal(err)
		}
		br.do(t, chromedp.EmulateViewport(c.width, 900), chromedp.Navigate(srv.URL+"/"+c.page), chromedp.WaitReady("body"))
		browsertest.Wait(t, br.ctx, `document.readyState === "complete" && document.documentElement.classList.contains("seqdoc-ready")`)
		switch c.state {
		case "search open":
			eval[bool](t, br, `document.querySelector(".search-open").click(); const i = document.querySelector(".search-dialog input"); i.value = "cookie"; i.dispatchEvent(new Event("input")); true`)
			browsertest.Wait(t, br.ctx, `document.querySelector(".search-results").getAttribute("data-query") === "cookie" && document.querySelectorAll(".search-results mark").length > 0`)
		case "glossary highlight":
			eval[bool](t, br, `document.querySelector(".seqdoc-glossary .hl-button:not([hidden])").click(); true`)
			browsertest.Wait(t, br.ctx, `document.querySelectorAll(".diagram-frame .hl").length > 0`)
		}
		eval[bool](t, br, axe+";true")
		ctx, cancel := context.WithTimeout(br.ctx, 90*time.Second)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			t.Fatalf("%s: axe: %v", name, err)
		}
		var vs []axeViolation
		if err := json.Unmarshal([]byte(raw), &vs); err != nil {
			t.Fatal(err)
		}
		t.Logf("%-60s %d violations", name, len(vs))
		for _, v := range vs {
			t.Errorf("%s: %s (%s): %s, at %s", name, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "; "))
		}
	}
}
