package site

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/seqdoc/seqdoc/internal/hartest"
)

// streamFS serves a content folder and records the largest single Read
// made of a capture: a build must read a capture as a stream, never whole
// (a 60 MB capture took 216 MB of memory so).
type streamFS struct {
	fstest.MapFS
	mu      sync.Mutex
	largest int
	reads   int
}

func (s *streamFS) Open(name string) (fs.File, error) {
	f, err := s.MapFS.Open(name)
	if err != nil || !strings.HasSuffix(name, ".har") {
		return f, err
	}
	return &streamFile{File: f, fs: s}, nil
}

type streamFile struct {
	fs.File
	fs *streamFS
}

func (f *streamFile) Read(p []byte) (int, error) {
	f.fs.mu.Lock()
	f.fs.largest = max(f.fs.largest, len(p))
	f.fs.reads++
	f.fs.mu.Unlock()
	return f.File.Read(p)
}

func TestBuildReadsCapturesAsStreams(t *testing.T) {
	var capture bytes.Buffer
	if _, err := hartest.WriteLarge(&capture, hartest.Options{}, 8<<20); err != nil {
		t.Fatal(err)
	}
	fsys := &streamFS{MapFS: fstest.MapFS{
		"app/auth/index.md":    {Data: []byte("---\ntitle: t\n---\n\n```seqdoc diagram\n```\n\n```seqdoc steps\n```\n")},
		"app/auth/capture.har": {Data: capture.Bytes()},
	}}
	b := NewBuilder(Options{Content: fsys})
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if !bytes.Contains(res.Files["app/auth/index.html"], []byte("/api/items?page=")) {
		t.Fatal("the page does not show the capture's padding requests")
	}
	if fsys.largest > 1<<20 || fsys.reads < 8 {
		t.Errorf("the capture (%d MB) was read in %d reads of up to %d bytes: read it as a stream (at most 1 MB a read), never whole", capture.Len()>>20, fsys.reads, fsys.largest)
	}
	// A rebuild checks that the capture did not change (hashing it again)
	// the same way.
	fsys.largest = 0
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if fsys.largest > 1<<20 {
		t.Errorf("the rebuild read the capture in reads of up to %d bytes", fsys.largest)
	}
}
