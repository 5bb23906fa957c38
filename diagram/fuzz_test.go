package diagram

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRender runs the whole pipeline on arbitrary text, seeded with the
// Mermaid corpus: no panic, and whatever renders is well-formed XML.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.mmd"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("sequenceDiagram\nA->>+A: x\nA-->>-A: y\ncreate actor Z\nA-xZ: z\ndestroy Z\nZ-)A: w\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var buf bytes.Buffer
		if err := Render(src, &buf, Options{}); err != nil {
			if buf.Len() != 0 {
				t.Fatal("wrote output despite an error")
			}
			return
		}
		if _, err := svgTexts(buf.Bytes()); err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	})
}

// FuzzRenderImage draws arbitrary diagrams as a small PNG and as a PDF,
// seeded with the real-world corpus (in the repository): no panic, and a
// PNG or PDF that starts as one.
func FuzzRenderImage(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(realWorldDir, "seen", "*.mmd"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("sequenceDiagram\nbox rgb(1,2,3) G\nparticipant D@{ \"type\": \"queue\" }\nend\nD-xD: 🎉 #9829;\nrect #ff000080\nNote over D: x\nend\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, opts := range []Options{{Format: "png", Scale: 0.25}, {Format: "pdf"}} {
			var buf bytes.Buffer
			if err := Render(src, &buf, opts); err != nil {
				if buf.Len() != 0 {
					t.Fatal("wrote output despite an error")
				}
				return
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("\x89PNG")) && !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatalf("%s output starts %q", opts.Format, buf.Bytes()[:min(8, buf.Len())])
			}
		}
	})
}
