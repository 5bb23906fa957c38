package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/seqdoc/seqdoc/content"
)

// listTree returns every path under dir (folders end in /), sorted.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			rel += "/"
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestWriteCookbookIntoSiteInUse: seqdoc new into a folder that holds a
// page imported first used to refuse ("not empty"). It adds every missing
// file of the built-in cookbook, keeps the files there (byte for byte) and
// lists them, and writes .gitignore.
func TestWriteCookbookIntoSiteInUse(t *testing.T) {
	dir := t.TempDir()
	mine := map[string]string{
		"content/cookbook/my-app/auth/index.md":    "---\ntitle: My app\n---\nmine\n",
		"content/cookbook/my-app/auth/capture.har": `{"log":{"version":"1.2","entries":[]}}`,
		"content/_index.md":                        "---\ntitle: Ours\n---\n",
	}
	for p, body := range mine {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ns, err := WriteCookbook(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, body := range mine {
		if got, _ := os.ReadFile(filepath.Join(dir, p)); string(got) != body {
			t.Errorf("%s became %q", p, got)
		}
	}
	if want := []string{filepath.Join(dir, "content", "_index.md")}; len(ns.Kept) != 1 || ns.Kept[0] != want[0] {
		t.Errorf("kept %q, want %q", ns.Kept, want)
	}
	n := 0
	err = fs.WalkDir(content.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		want, _ := fs.ReadFile(content.FS(), p)
		got, err := os.ReadFile(filepath.Join(dir, "content", filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("missing %s: %v", p, err)
		} else if p != "_index.md" && string(got) != string(want) {
			t.Errorf("%s differs from the built-in cookbook", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ns.Wrote) != n-1 {
		t.Errorf("wrote %d files, want the %d missing ones", len(ns.Wrote), n-1)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(got) != GitIgnore || !ns.GitIgnoreWritten {
		t.Errorf(".gitignore = %q (written %v), want %q", got, ns.GitIgnoreWritten, GitIgnore)
	}
	// A second run writes nothing and keeps everything.
	again, err := WriteCookbook(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Wrote) != 0 || len(again.Kept) != n || again.GitIgnoreWritten || again.GitIgnoreLacksPublic {
		t.Errorf("second run: wrote %d, kept %d of %d, gitignore written %v lacking %v", len(again.Wrote), len(again.Kept), n, again.GitIgnoreWritten, again.GitIgnoreLacksPublic)
	}
}

// TestWriteCookbookFailureAddsNothing: when a file cannot be written into a
// site in use (here a file named guides stands where a folder must go),
// what was added before the failure is removed again.
func TestWriteCookbookFailureAddsNothing(t *testing.T) {
	dir := t.TempDir()
	for p, body := range map[string]string{"content/guides": "not a folder", "content/notes.md": "# notes\n"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := listTree(t, dir)
	if _, err := WriteCookbook(dir); err == nil {
		t.Fatal("want an error: content/guides is a file")
	}
	if after := listTree(t, dir); !slices.Equal(after, before) {
		t.Errorf("a failed seqdoc new left %q, want %q", after, before)
	}
}
