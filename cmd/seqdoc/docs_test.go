package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestDocsStayInTheRepository: what a user reads (every command's --help,
// the README, docs/) points only at documents the repository holds: the
// contract is docs/contract.md, not a DESIGN.md that sat beside the
// repository. Every relative Markdown link resolves to a file or folder of
// the repository.
func TestDocsStayInTheRepository(t *testing.T) {
	var help bytes.Buffer
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		help.WriteString(c.Long + "\n" + c.Example + "\n" + c.Flags().FlagUsages())
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&Streams{In: strings.NewReader(""), Out: &help, Err: &help}))
	if strings.Contains(help.String(), "DESIGN.md") {
		t.Error("a command's --help cites DESIGN.md, which is not in the repository: point at docs/contract.md")
	}
	if !strings.Contains(help.String(), "docs/contract.md") {
		t.Error("no --help names docs/contract.md (inspect --json's contract)")
	}

	root := filepath.Join("..", "..")
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	guides, _ := filepath.Glob(filepath.Join(root, "content", "guides", "*.md"))
	files := append(append([]string{filepath.Join(root, "README.md")}, docs...), guides...)
	linkRE := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	codeRE := regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(src, []byte("DESIGN.md")) {
			t.Errorf("%s cites DESIGN.md, which is not in the repository: point at docs/contract.md", f)
		}
		// Links inside code (`[setup](../setup.md)` as an example) are text.
		text := codeRE.ReplaceAll(src, nil)
		for _, m := range linkRE.FindAllSubmatch(text, -1) {
			link := string(m[1])
			if strings.Contains(link, "://") || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			link, _, _ = strings.Cut(link, "#")
			target := filepath.Join(filepath.Dir(f), filepath.FromSlash(link))
			if rel, err := filepath.Rel(root, target); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links outside the repository: %s", f, m[1])
				continue
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: broken link %s", f, m[1])
			}
		}
	}
}

// TestEveryHelpHasAnExample: each command's --help, run as a user runs it,
// ends its description with examples: version and completion (cobra's own,
// and its four shells) had none.
func TestEveryHelpHasAnExample(t *testing.T) {
	root := newRootCmd(&Streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	root.InitDefaultCompletionCmd()
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.Name() != "help" {
			paths = append(paths, path)
		}
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clip(path), sub.Name()))
		}
	}
	walk(root, nil)
	if len(paths) < 15 {
		t.Fatalf("walked only %d commands: %v", len(paths), paths)
	}
	for _, p := range paths {
		var out bytes.Buffer
		s := &Streams{In: strings.NewReader(""), Out: &out, Err: &out}
		if code := run(s, append(slices.Clip(p), "--help")); code != 0 {
			t.Errorf("seqdoc %s --help: exit %d", strings.Join(p, " "), code)
		}
		_, ex, ok := strings.Cut(out.String(), "\nExamples:\n")
		if !ok || !strings.Contains(ex, "  seqdoc ") {
			t.Errorf("seqdoc %s --help has no examples:\n%s", strings.Join(p, " "), out.String())
		}
	}
}

// TestDocsShowFindingPositionsAsPrinted: inspect, check and build print a
// finding at capture.har:LINE:COL (where its entry starts); every place
// the README, docs/ and the guides spell that form out says so too (the
// findings guide still said capture.har:LINE).
func TestDocsShowFindingPositionsAsPrinted(t *testing.T) {
	root := filepath.Join("..", "..")
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	guides, _ := filepath.Glob(filepath.Join(root, "content", "guides", "*.md"))
	lineOnly := regexp.MustCompile(`LINE(?::COL)?`)
	for _, f := range append(append([]string{filepath.Join(root, "README.md")}, docs...), guides...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(src), "\n") {
			for _, m := range lineOnly.FindAllString(l, -1) {
				if m == "LINE" {
					t.Errorf("%s:%d: %q: findings are printed at LINE:COL", f, i+1, strings.TrimSpace(l))
				}
			}
		}
	}
}
