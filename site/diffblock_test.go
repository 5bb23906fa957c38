package site

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

// diffSite has a happy path ("before") and its buggy-logout twin, a page
// that compares them, one that compares a capture with itself, and pages
// with broken diff blocks.
func diffSite(broken bool) fstest.MapFS {
	fsys := fstest.MapFS{
		"_index.md":                  file("Home.\n"),
		"app/before/capture.har":     {Data: hartest.Bytes(hartest.Options{Seed: 1})},
		"app/capture.har":            {Data: hartest.Bytes(hartest.Options{Seed: 2, KeepALBSession: true})},
		"app/index.md":               file("---\ntitle: App\n---\n```seqdoc diff\n# the release\nold: before/capture.har\nnew: capture.har\n```\n"),
		"app/same.md":                file("---\ntitle: Same\n---\n```seqdoc diff\nold: before/capture.har\nnew: before/capture.har\n```\n"),
		"app/before/fixed/index.md":  file("---\ntitle: Fixed\n---\n```seqdoc diff\nold: ../../capture.har\nnew: ../capture.har\n```\n"),
		"app/before/fixed/.keep.txt": file(""),
	}
	if broken {
		fsys["app/broken.md"] = file("---\ntitle: Broken\n---\n```seqdoc diff\nold: capture.har\n```\n\n```seqdoc diff\nold: capture.har\nbefore: x.har\n```\n\n```seqdoc diff\nold: capture.har\nnew: nowhere.har\n```\n")
	}
	return fsys
}

func TestDiffBlock(t *testing.T) {
	res := build(t, Options{Content: diffSite(false)})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	page := string(res.Files["app/index.html"])
	for _, want := range []string{
		`<div class="seqdoc-diff">`,
		`<span class="d-del">−</span> <code>before/capture.har</code> <span class="d-add">+</span> <code>capture.har</code>`,
		`<p class="seqdoc-diff-title">cookies</p>`,
		`<li class="d-mod"><span class="d-mark" aria-hidden="true">~</span>AWSELBAuthSessionCookie: expired by: GET app.example.com/logged-out (logout-callback) → nobody; outlives the logout: no → yes</li>`,
		`<li class="d-add"><span class="d-mark" aria-hidden="true">+</span>new: error: After the logout`,
		`[logout-keeps-alb-session]</li>`,
		`<div class="seqdoc-diff-diagrams">`,
		`<figcaption>Old: <code>before/capture.har</code></figcaption>`,
		`<figcaption>New: <code>capture.har</code></figcaption>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// The two diagrams sit in the diagrams box, side by side.
	if m := regexp.MustCompile(`(?s)<div class="seqdoc-diff-diagrams">(.*)</div></div>`).FindStringSubmatch(page); m == nil || strings.Count(m[1], "<svg") != 2 {
		t.Error("the diagrams box does not hold the two diagrams")
	}
	if !strings.Contains(string(res.Files["app/same/index.html"]), `<p class="seqdoc-diff-none">No difference: <code>capture.har</code> and <code>capture.har</code> show the same`) {
		t.Error("a capture against itself does not say no difference")
	}
	// Reversed (bundle below): the finding is fixed.
	if !strings.Contains(string(res.Files["app/before/fixed/index.html"]), `<li class="d-del"><span class="d-mark" aria-hidden="true">−</span>fixed: error:`) {
		t.Error("the reversed diff does not show the fixed finding")
	}
	if !strings.Contains(string(res.Files["seqdoc.css"]), ".seqdoc-diff-diagrams {") {
		t.Error("no style for the diagrams")
	}
}

func TestDiffBlockErrors(t *testing.T) {
	res := build(t, Options{Content: diffSite(true)})
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.String())
	}
	want := []string{
		"app/broken.md:4: seqdoc diff block: name both captures, on an old: line and a new: line (paths relative to the page)",
		`app/broken.md:10: seqdoc diff block: "before: x.har" is not a line this block knows (old: CAPTURE and new: CAPTURE, paths relative to the page)`,
		"app/broken.md:13: seqdoc block: capture nowhere.har not found (paths are relative to the page; the page's folder holds capture.har)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// build --fail-on: the new side of a diff counts, the old side (often the
// broken "before") does not; a capture shown twice is listed once.
func TestDiffBlockFailOn(t *testing.T) {
	fsys := diffSite(false)
	res := build(t, Options{Content: fsys, FailOn: authflow.SeverityError})
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.File)
	}
	// app/index.md shows the buggy capture as new; the reversed page shows
	// it as old only.
	if strings.Join(got, ",") != "app/capture.har" {
		t.Errorf("errors at %q, want one at app/capture.har", got)
	}
	delete(fsys, "app/index.md")
	if res := build(t, Options{Content: fsys, FailOn: authflow.SeverityError}); len(res.Errors) != 0 {
		t.Errorf("the old side of a diff failed the build: %v", res.Errors)
	}
}
