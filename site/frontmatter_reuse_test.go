package site

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// TestRebuildReusesUnchangedFrontMatter: an edit to a page's text keeps the
// parsed front matter (no YAML parse), and the result still equals a full
// build, whatever the edit does at the edge of the front matter.
func TestRebuildReusesUnchangedFrontMatter(t *testing.T) {
	cases := []struct {
		name, before, after string
		wantErr             string // a problem the rebuild must still report
	}{
		{"text edited", "---\ntitle: Alpha\n---\nold text\n", "---\ntitle: Alpha\n---\nnew text\n", ""},
		{"text appended", "---\ntitle: Alpha\n---\nold text\n", "---\ntitle: Alpha\n---\nold text\nmore\n", ""},
		{"CRLF lines", "---\r\ntitle: Alpha\r\n---\r\nold\r\n", "---\r\ntitle: Alpha\r\n---\r\nnew\r\n", ""},
		{"closing line at EOF grows", "---\ntitle: Alpha\n---", "---\ntitle: Alpha\n---more\n", "no closing ---"},
		{"YAML edited", "---\ntitle: Alpha\n---\ntext\n", "---\ntitle: Beta\n---\ntext\n", ""},
		{"YAML broken", "---\ntitle: Alpha\n---\ntext\n", "---\ntitle: [Alpha\n---\ntext\n", "front matter"},
		{"was broken, text edited", "---\ntitle: [Alpha\n---\ntext\n", "---\ntitle: [Alpha\n---\nnew text\n", "front matter"},
		{"front matter added", "plain text\n", "---\ntitle: Now titled\n---\nplain text\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := testSite()
			fsys["cookbook/alpha.md"] = file(c.before)
			b := NewBuilder(Options{Content: fsys})
			first, err := b.Build(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			fsys["cookbook/alpha.md"] = file(c.after)
			res, changed, err := b.Rebuild(context.Background(), []string{"cookbook/alpha.md"})
			if err != nil {
				t.Fatal(err)
			}
			// The changed list (from the fast path when it applies) is what a
			// comparison of every file gives.
			if all := changedOutputs(first.Files, res.Files, nil, false); !reflect.DeepEqual(changed, all) {
				t.Errorf("changed = %q, a full comparison gives %q", changed, all)
			}
			full := build(t, Options{Content: fsys})
			if !reflect.DeepEqual(res.Files, full.Files) || !reflect.DeepEqual(res.Errors, full.Errors) {
				t.Errorf("incremental rebuild differs from a full build: errors %v vs %v", res.Errors, full.Errors)
			}
			got := ""
			for _, e := range res.Errors {
				got += e.Msg + "\n"
			}
			if c.wantErr != "" && !strings.Contains(got, c.wantErr) {
				t.Errorf("errors = %q, want one containing %q", got, c.wantErr)
			}
			if c.wantErr == "" && got != "" {
				t.Errorf("unexpected errors: %q", got)
			}
		})
	}
}

func TestSameFrontMatter(t *testing.T) {
	old := &node{raw: []byte("---\ntitle: A\n---\nbody\n"), fmOK: true}
	old.body = old.raw[len("---\ntitle: A\n---\n"):]
	if body, ok := sameFrontMatter(old, []byte("---\ntitle: A\n---\nnew body\n")); !ok || string(body) != "new body\n" {
		t.Errorf("same block: got %q, %v", body, ok)
	}
	if _, ok := sameFrontMatter(old, []byte("---\ntitle: B\n---\nbody\n")); ok {
		t.Error("a changed block was reused")
	}
	bad := *old
	bad.fmOK = false
	if _, ok := sameFrontMatter(&bad, old.raw); ok {
		t.Error("a block that had failed to parse was reused")
	}
	none := &node{raw: []byte("body\n"), body: []byte("body\n"), fmOK: true}
	none.body = none.raw
	if _, ok := sameFrontMatter(none, []byte("---\ntitle: X\n---\nbody\n")); ok {
		t.Error("a page without front matter took the shortcut")
	}
}

// TestRebuildIgnoresTransientFiles: a save that writes a temporary file and
// renames it over the page reports both paths; the vanished temporary file
// changes nothing, so the rebuild stays on the one-page path. A file the
// previous build knew, removed, still rebuilds everything.
func TestRebuildIgnoresTransientFiles(t *testing.T) {
	fsys := testSite()
	b := NewBuilder(Options{Content: fsys})
	first, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fsys["cookbook/alpha.md"] = file("---\ntitle: Alpha\ndescription: First by title.\n---\nsaved atomically\n")
	res, changed, err := b.Rebuild(context.Background(), []string{"cookbook/alpha.md", "cookbook/alpha.md.tmp123", "cookbook/.goutputstream-X1"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/cookbook/alpha/", "/search-index.js"}; !reflect.DeepEqual(changed, want) {
		t.Errorf("changed = %q, want %q", changed, want)
	}
	if full := build(t, Options{Content: fsys}); !reflect.DeepEqual(res.Files, full.Files) {
		t.Error("rebuild differs from a full build")
	}
	// The one-page path keeps the previous page list; a full build makes a new one.
	if len(res.Pages) == 0 || &res.Pages[0] != &first.Pages[0] {
		t.Error("a temporary file turned the one-page rebuild into a full build")
	}

	// A save's temporary file alone changes nothing.
	again, changed, err := b.Rebuild(context.Background(), []string{"cookbook/alpha.md.tmp456"})
	if err != nil || len(changed) != 0 || !reflect.DeepEqual(again.Files, res.Files) {
		t.Errorf("a vanished temporary file alone: changed %q, err %v", changed, err)
	}

	// Removing a file the site had is not transient.
	var known string
	for p := range fsys {
		if !strings.HasSuffix(p, ".md") {
			known = p
			break
		}
	}
	if known == "" {
		t.Fatal("test site has no non-page file")
	}
	delete(fsys, known)
	res2, _, err := b.Rebuild(context.Background(), []string{known})
	if err != nil {
		t.Fatal(err)
	}
	if full := build(t, Options{Content: fsys}); !reflect.DeepEqual(res2.Files, full.Files) {
		t.Errorf("after removing %s the rebuild differs from a full build", known)
	}
}
