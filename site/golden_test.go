package site

import (
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/golden"
	"github.com/seqdoc/seqdoc/internal/shareddata"
)

// svgRE matches an inline SVG. The golden pages hold a placeholder instead:
// the diagram package checks its own drawings, and a change of its layout
// should not fail the site's tests.
var svgRE = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// TestBuiltinCookbookGolden builds the built-in cookbook and compares every
// page with testdata/golden. Run with -update after a deliberate change and
// review the diff.
func TestBuiltinCookbookGolden(t *testing.T) {
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("built-in cookbook: %s", e)
	}
	if errs := CheckLinks(res.Files); len(errs) > 0 {
		t.Errorf("broken links in the built-in cookbook: %v", errs)
	}
	dir := filepath.Join("testdata", "golden")
	if golden.Update() {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{}
	for name, data := range res.Files {
		if !strings.HasSuffix(name, ".html") && name != "sitemap.xml" {
			continue
		}
		want[name] = true
		data = svgRE.ReplaceAll(data, []byte("<svg><!-- diagram: see package diagram's own goldens --></svg>"))
		p := filepath.Join(dir, filepath.FromSlash(name))
		if golden.Update() {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		golden, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./site -run Golden -update)", name)
			continue
		}
		if string(golden) != string(data) {
			_ = os.WriteFile(p+".got", data, 0o644)
			t.Errorf("%s differs from %s (wrote %s.got): %s", name, p, p, firstDiff(string(golden), string(data)))
		}
	}
	if golden.Update() {
		return
	}
	_ = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".got") && !want[p] {
			t.Errorf("golden file %s has no page any more (run with -update)", p)
		}
		return nil
	})
}

// firstDiff describes the first line where two texts differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + clip(x) + "\n  got:  " + clip(y)
		}
	}
	return "same lines"
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// TestBuiltinCookbookHasNoSecrets checks every output file of the built-in
// cookbook against the secret values (canaries) of the fixture its capture
// was imported from.
func TestBuiltinCookbookHasNoSecrets(t *testing.T) {
	labels := filepath.Join("..", "..", "shared", "fixtures", "har-browser", "a-happy-path.labels.json")
	data, err := os.ReadFile(shareddata.Need(t, labels))
	if err != nil {
		t.Fatal(err)
	}
	var l struct{ Canaries []string }
	if err := json.Unmarshal(data, &l); err != nil || len(l.Canaries) == 0 {
		t.Fatalf("reading %s: %v (%d canaries)", labels, err, len(l.Canaries))
	}
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range res.Files {
		for _, c := range l.Canaries {
			for _, v := range []string{c, url.QueryEscape(c), html.EscapeString(c)} {
				if len(v) >= 8 && strings.Contains(string(out), v) {
					t.Errorf("%s holds a secret of the capture: %.12s…", name, v)
				}
			}
		}
	}
}
