package site

import (
	"bytes"
	"os"
	"testing"

	"github.com/alecthomas/chroma/v2/styles"

	"github.com/seqdoc/seqdoc/internal/golden"
)

// TestChromaCSS checks that assets/chroma.css is what chroma writes for
// the two styles (light, then dark under prefers-color-scheme and for a
// reader who chose the dark theme). The styles package is imported here
// only, so the seqdoc binary does not load it.
func TestChromaCSS(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("/* code colours: chroma " + highlightStyleLight + " / " + highlightStyleDark + " (go test ./site -run ChromaCSS -update) */\n")
	if err := chromaFormatter.WriteCSS(&buf, styles.Get(highlightStyleLight)); err != nil {
		t.Fatal(err)
	}
	var dark bytes.Buffer
	if err := chromaFormatter.WriteCSS(&dark, styles.Get(highlightStyleDark)); err != nil {
		t.Fatal(err)
	}
	// Dark colours when the system asks for them and the reader did not
	// choose light, and when the reader chose dark (html[data-theme]).
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	buf.Write(scopeRules(dark.Bytes(), ":root:not([data-theme=light]) "))
	buf.WriteString("}\n")
	buf.Write(scopeRules(dark.Bytes(), ":root[data-theme=dark] "))
	if golden.Update() {
		if err := os.WriteFile("assets/chroma.css", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(buf.Bytes(), highlightCSS) {
		t.Error("assets/chroma.css is out of date: run go test ./site -run ChromaCSS -update")
	}
}

// TestLexersLoad checks that every embedded lexer parses and the usual
// fence languages resolve.
func TestLexersLoad(t *testing.T) {
	for _, lang := range []string{"go", "sh", "bash", "console", "json", "yaml", "html", "xml", "js", "ts", "python", "java", "css", "sql", "toml", "dockerfile", "ini", "diff", "hcl", "terraform", "text", "powershell", "makefile", "rust", "c", "cpp", "ruby", "kotlin", "proto", "nginx"} {
		if lexerRegistry().Get(lang) == nil {
			t.Errorf("no lexer for %q", lang)
		}
	}
	out := string(highlightNow("html", []byte("<p style=\"x\"><script>var a = 1;</script></p>")))
	if !bytes.Contains([]byte(out), []byte(`<span class="kd">var</span>`)) {
		t.Errorf("html with script not lexed through the JavaScript lexer:\n%s", out)
	}
}

// scopeRules puts prefix before the selector of each of chroma's rules,
// one a line: "/* Keyword */ .chroma .k { … }".
func scopeRules(css []byte, prefix string) []byte {
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(css, []byte("\n")) {
		if i := bytes.Index(line, []byte("*/ .")); i >= 0 {
			out.Write(line[:i+3])
			out.WriteString(prefix)
			out.Write(line[i+3:])
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}
