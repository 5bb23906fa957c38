//go:build linux

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/seqdoc/seqdoc/internal/hartest"
)

// TestBuildLargeCapturePeakRSS builds a site whose page shows a 60 MB
// capture (the size of issue 12's, padded with bodies as DevTools writes
// them) in a seqdoc process of its own, and reads that process's peak
// resident set size as /usr/bin/time -v does (getrusage's ru_maxrss): it
// must stay under 100 MB. It was 216 MB while the site read each capture
// whole (and twice more to hash it); streamed, about 25 MB.
func TestBuildLargeCapturePeakRSS(t *testing.T) {
	const captureSize, limit = 60 << 20, 100 << 20
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "app", "auth")
	if err := os.MkdirAll(page, 0o777); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(page, "capture.har"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := hartest.WriteLarge(f, hartest.Options{WrongPassword: true}, captureSize)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	index := "---\ntitle: A large capture\n---\n\n```seqdoc diagram\n```\n\n```seqdoc steps\n```\n\n```seqdoc glossary\n```\n\n```seqdoc findings\n```\n"
	if err := os.WriteFile(filepath.Join(page, "index.md"), []byte(index), 0o666); err != nil {
		t.Fatal(err)
	}

	cmd := seqdocCommand("build")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("seqdoc build: %v\n%s", err, out)
	}
	html, err := os.ReadFile(filepath.Join(dir, "public", "app", "auth", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(html) < 100<<10 { // the steps table lists every entry
		t.Fatalf("the page is %d bytes: the capture was not read to its end?", len(html))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no rusage")
	}
	peak := ru.Maxrss << 10 // kilobytes on Linux
	t.Logf("capture %.1f MB: seqdoc build peaked at %.1f MB RSS", float64(n)/(1<<20), float64(peak)/(1<<20))
	if peak >= limit {
		t.Errorf("seqdoc build of a %.0f MB capture peaked at %.1f MB RSS, want under %d MB: is a capture read whole?", float64(n)/(1<<20), float64(peak)/(1<<20), limit>>20)
	}
}
