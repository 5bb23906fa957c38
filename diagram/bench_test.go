package diagram

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generated returns a diagram of n messages over 8 participants, with
// notes, blocks and activations mixed in, so that cost per message can be
// compared across sizes.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("sequenceDiagram\n    autonumber\n")
	names := []string{"Browser", "ALB", "Cognito", "App", "DB", "Cache", "Queue", "Audit"}
	for _, p := range names {
		fmt.Fprintf(&b, "    participant %s\n", p)
	}
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "    loop batch %d\n", i/50)
		}
		from, to := names[i%len(names)], names[(i*3+1)%len(names)]
		arrow := "->>"
		if i%2 == 1 {
			arrow = "-->>"
		}
		fmt.Fprintf(&b, "    %s%s%s: request number %d with a few words /path?x=%d\n", from, arrow, to, i, i)
		if i%10 == 5 {
			fmt.Fprintf(&b, "    Note right of %s: note %d\n", to, i)
		}
		if i%50 == 49 || i == n-1 {
			b.WriteString("    end\n")
		}
	}
	return []byte(b.String())
}

// BenchmarkRender measures parse + layout + SVG.
func BenchmarkRender(b *testing.B) {
	login, err := os.ReadFile(filepath.Join(benchDir, "login.mmd"))
	if err != nil {
		b.Skipf("no %s (the shared bench kit is absent)", benchDir)
	}
	for _, c := range []struct {
		name string
		src  []byte
	}{{"login", login}, {"generated-100", generated(100)}, {"generated-1000", generated(1000)}} {
		b.Run(c.name, func(b *testing.B) {
			if err := Render(c.src, io.Discard, Options{}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				Render(c.src, io.Discard, Options{})
			}
		})
	}
}

func TestGeneratedRenders(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(generated(1000), &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	texts, err := svgTexts(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(texts["t"]); got != 1000 {
		t.Errorf("%d message labels, want 1000", got)
	}
}

// BenchmarkRenderImage measures parse + layout + PNG (scale 1 and 2) or
// PDF of the 24-message login diagram, in-process; the fonts are parsed by
// the first call, before the timer.
func BenchmarkRenderImage(b *testing.B) {
	login, err := os.ReadFile(filepath.Join(benchDir, "login.mmd"))
	if err != nil {
		b.Skipf("no %s (the shared bench kit is absent)", benchDir)
	}
	for _, c := range []struct {
		name string
		opts Options
	}{{"png", Options{Format: "png"}}, {"png-scale2", Options{Format: "png", Scale: 2}}, {"pdf", Options{Format: "pdf"}}} {
		b.Run(c.name, func(b *testing.B) {
			if err := Render(login, io.Discard, c.opts); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				Render(login, io.Discard, c.opts)
			}
		})
	}
}
