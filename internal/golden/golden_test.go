package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGotName(t *testing.T) {
	for give, want := range map[string]string{
		"testdata/a.golden.svg":         "testdata/a.got.svg",
		"testdata/a.layout.golden.json": "testdata/a.layout.got.json",
		"x/b.txt":                       "x/b.got.txt",
	} {
		if got := gotName(give); got != want {
			t.Errorf("gotName(%q) = %q, want %q", give, got, want)
		}
	}
}

func TestCheckMismatchWritesGot(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.golden.txt")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ft := &fakeT{TB: t}
	Check(ft, path, []byte("one\nTWO\n"))
	if !ft.failed || !strings.Contains(ft.msg, "- two") || !strings.Contains(ft.msg, "+ TWO") {
		t.Fatalf("failed=%v msg=%q", ft.failed, ft.msg)
	}
	got, err := os.ReadFile(filepath.Join(dir, "a.got.txt"))
	if err != nil || string(got) != "one\nTWO\n" {
		t.Fatalf("got file = %q, %v", got, err)
	}
	ft = &fakeT{TB: t}
	Check(ft, path, []byte("one\ntwo\n"))
	if ft.failed {
		t.Fatal("equal output failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "a.got.txt")); !os.IsNotExist(err) {
		t.Error("stale .got file left behind after a pass")
	}
}

type fakeT struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.failed = true
	f.msg = strings.TrimSpace(sprintf(format, args...))
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
