package site

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/seqdoc/seqdoc/content"
)

// FuzzPage builds a one-page site from any bytes: the build never fails or
// panics, every error points at a line of the page, and the output never
// holds a raw <script> the page did not get from the template.
func FuzzPage(f *testing.F) {
	_ = fs.WalkDir(content.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := fs.ReadFile(content.FS(), p)
			f.Add(b)
		}
		return nil
	})
	for _, s := range []string{
		"---\ntitle: [\n---\n", "---\n", "```seqdoc steps\ncapture: ../../x\n```\n", "```mermaid\nsequenceDiagram\nA->>B: <script>\n```\n",
		"[x](../../../..)", "[x](/)", "[x](%zz)", "![i](a b.png)", "```seqdoc\n```\n", "```mermaid\n---\n---\n```",
		"```seqdoc diff\nold: capture.har\nnew: capture.har\n```\n", "```seqdoc diff\nold: ../a/capture.har\nnew:\nold: x\n```\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"a/page.md": &fstest.MapFile{Data: src}, "a/capture.har": &fstest.MapFile{Data: []byte(`{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}}`)}}
		start := time.Now()
		res, err := NewBuilder(Options{Content: fsys}).Build(context.Background())
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("a %d-byte page took %s to build", len(src), d)
		}
		if err != nil {
			t.Fatalf("build failed: %v", err)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, e := range res.Errors {
			if e.File != "a/page.md" || e.Line < 0 || e.Line > lines {
				t.Errorf("error outside the page: %s (page has %d lines)", e, lines)
			}
		}
		if !bytes.Contains(src, []byte("<")) {
			return
		}
		// The template's scripts: the theme one in <head> and seqdoc.js.
		page := res.Files["a/page/index.html"]
		if n := bytes.Count(page, []byte("<script")); n != 2 {
			t.Errorf("%d <script elements in the output, want the template's 2", n)
		}
	})
}
