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
