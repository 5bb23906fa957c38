package diagram

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/svg"
)

// BenchmarkStages times each stage on the login diagram, to show where
// BenchmarkRender's time goes.
func BenchmarkStages(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(benchDir, "login.mmd"))
	if err != nil {
		b.Skip("no shared bench diagrams")
	}
	d, _ := mermaid.Parse("login.mmd", src)
	r, _ := layout.Compute(d, layout.Options{})
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			mermaid.Parse("login.mmd", src)
		}
	})
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			layout.Compute(d, layout.Options{})
		}
	})
	b.Run("svg", func(b *testing.B) {
		for b.Loop() {
			svg.Render(io.Discard, r, svg.Options{})
		}
	})
}
