//go:build unix

// Package umask is a test helper: it runs code under a given umask and
// checks that a written tree has the permissions that umask gives (folders
// 0777 &^ umask, files 0666 &^ umask), as a web server running as another
// user or a copy with rsync -a meets them.
package umask

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Set sets the process's umask to m until the test ends. The umask belongs
// to the whole process: call it only from a test that is not parallel.
func Set(t testing.TB, m int) {
	t.Helper()
	old := syscall.Umask(m)
	t.Cleanup(func() { syscall.Umask(old) })
}

// Check walks root and returns an error listing every folder whose mode is
// not 0777 &^ m and every file whose mode is not 0666 &^ m (root included).
func Check(root string, m int) error {
	wantDir, wantFile := fs.FileMode(0o777&^m), fs.FileMode(0o666&^m)
	var bad []string
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		n++
		want := wantFile
		if d.IsDir() {
			want = fs.ModeDir | wantDir
		}
		if fi.Mode() != want {
			bad = append(bad, fmt.Sprintf("%s is %v, want %v", p, fi.Mode(), want))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		if len(bad) > 10 {
			bad = append(bad[:10], fmt.Sprintf("… and %d more", len(bad)-10))
		}
		return fmt.Errorf("under umask %03o, %d of %d entries have other permissions:\n  %s", m, len(bad), n, strings.Join(bad, "\n  "))
	}
	return nil
}
