package site

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/content"
)

// TestCookbookDiagramsNumberAWSSteps: the built-in cookbook numbers arrows
// only with the AWS workflow's steps (#1 … #11). Its block-syntax guide
// drew its example with Mermaid's autonumber (1 … 8), which clashed with
// them; it now carries step badges, drawn as in the generated diagrams.
func TestCookbookDiagramsNumberAWSSteps(t *testing.T) {
	err := fs.WalkDir(content.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := fs.ReadFile(content.FS(), p)
		if err != nil {
			return err
		}
		in := false
		for i, line := range strings.Split(string(src), "\n") {
			switch l := strings.TrimSpace(line); {
			case l == "```mermaid":
				in = true
			case in && strings.HasPrefix(l, "```"):
				in = false
			case in && strings.HasPrefix(l, "autonumber"):
				t.Errorf("%s:%d: autonumber numbers every arrow and clashes with the AWS steps #1-#11: write [#35;N] badges", p, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	guide := string(res.Files["guides/seqdoc-blocks/index.html"])
	badges := regexp.MustCompile(`<text class="bt"[^>]*>(#\d+)</text>`).FindAllStringSubmatch(guide, -1)
	var got []string
	for _, b := range badges {
		got = append(got, b[1])
	}
	if strings.Join(got, " ") != "#1 #2 #3 #4 #5 #8" {
		t.Errorf("the guide's diagram has badges %q, want the AWS steps #1 #2 #3 #4 #5 #8", got)
	}
}
