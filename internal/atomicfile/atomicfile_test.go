package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.md")
	if err := os.WriteFile(p, []byte("my prose"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok, err := WriteNew(p, []byte("starter"), true)
	if ok || err != nil {
		t.Fatalf("WriteNew over an existing file = %v, %v; want false, nil", ok, err)
	}
	if got, _ := os.ReadFile(p); string(got) != "my prose" {
		t.Errorf("the file became %q", got)
	}
	assertOnly(t, dir, "index.md")
	if _, err := WriteNew(filepath.Join(dir, "no", "x"), nil, false); err == nil {
		t.Error("WriteNew into a missing folder: want an error")
	}
}

func TestWriteReplacesWhole(t *testing.T) {
	for _, sync := range []bool{false, true} {
		dir := t.TempDir()
		p := filepath.Join(dir, "out.svg")
		if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(p, []byte("new content"), sync); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		if string(got) != "new content" {
			t.Errorf("sync=%v: file holds %q", sync, got)
		}
		assertOnly(t, dir, "out.svg")
	}
}

func TestFailedWriteLeavesTheOldFileAndNoTemporary(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "capture.har")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, true, func(w io.Writer) error {
		w.Write([]byte("half a fi"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("the old file became %q", got)
	}
	assertOnly(t, dir, "capture.har")
}

func TestWriteIntoMissingFolderFails(t *testing.T) {
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "x"), nil, false); err == nil {
		t.Error("want an error for a missing folder")
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	if len(es) != len(names) {
		var got []string
		for _, e := range es {
			got = append(got, e.Name())
		}
		t.Errorf("folder holds %q, want only %q", got, names)
	}
}
