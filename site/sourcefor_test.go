package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestSourceForLayoutsMadeLater: the layouts folder beside the content is
// read where it will be, also when it is made after SourceFor (seqdoc
// serve is running, and the user adds layouts/seqdoc.css): it was nil
// then, and serve showed the embedded stylesheet until restarted.
func TestSourceForLayoutsMadeLater(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	if err := os.MkdirAll(filepath.Join("site", "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, layouts, dir, err := SourceFor(filepath.Join("site", "content"))
	if err != nil || dir != filepath.Join("site", "content") {
		t.Fatalf("SourceFor: %q %v", dir, err)
	}
	if layouts == nil {
		t.Fatal("no layouts folder to read from: one made later is never seen")
	}
	if _, err := fs.ReadFile(layouts, "seqdoc.css"); err == nil {
		t.Fatal("read a seqdoc.css that is not there")
	}
	if err := os.MkdirAll(filepath.Join("site", "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("site", "layouts", "seqdoc.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(layouts, "seqdoc.css"); err != nil || string(b) != "body{}" {
		t.Errorf("layouts/seqdoc.css made later: %q %v", b, err)
	}
	if css := stylesheet(layouts); string(css[:6]) != "body{}" {
		t.Errorf("the stylesheet does not start with layouts/seqdoc.css: %.40q", css)
	}
}
