package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewServeCmdFlags(t *testing.T) {
	checkFlags(t, newServeCmdWith, []flagCase[serveOptions]{
		{args: nil, want: serveOptions{Bind: "127.0.0.1", Port: 1313}},
		{args: []string{"--src", "docs", "--port", "0", "--open", "--drafts"},
			want: serveOptions{Src: "docs", Bind: "127.0.0.1", Port: 0, Open: true, Drafts: true}},
		{args: []string{"--bind", "0.0.0.0", "--port", "8080"}, want: serveOptions{Bind: "0.0.0.0", Port: 8080}},
		{args: []string{"--port", "70000"}, wantErr: "--port 70000 is out of range"},
		{args: []string{"--port", "-1"}, wantErr: "--port -1 is out of range"},
		{args: []string{"--bind", ""}, wantErr: "--bind must name an address"},
		{args: []string{"--allow-host", "dev.example.com", "--allow-host", "vm.local:8080"},
			want: serveOptions{Bind: "127.0.0.1", Port: 1313, AllowHosts: []string{"dev.example.com", "vm.local:8080"}}},
		{args: []string{"--allow-host", "https://dev.example.com/"}, wantErr: `--allow-host "https://dev.example.com/" must be a host name`},
		{args: []string{"extra"}, wantErr: "unknown command"},
	})
}

// syncBuffer is a bytes.Buffer safe for a command writing while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommand runs seqdoc serve in-process on a content folder: it
// prints its URL, serves the pages from memory with the live-reload script,
// picks up an edit to a page and to the layouts folder beside the content
// folder, writes nothing to disk, and stops cleanly when its
// context ends (as on Ctrl-C).
func TestServeCommand(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "content")
	os.MkdirAll(filepath.Join(src, "guide"), 0o755)
	os.WriteFile(filepath.Join(src, "_index.md"), []byte("---\ntitle: Serve test\n---\nHome.\n"), 0o644)
	os.WriteFile(filepath.Join(src, "guide", "index.md"), []byte("# Guide\n\nfirst text\n"), 0o644)
	os.MkdirAll(filepath.Join(root, "layouts"), 0o755)
	os.WriteFile(filepath.Join(root, "layouts", "seqdoc.css"), []byte("body { color: #100 }\n"), 0o644)

	out, errs := &syncBuffer{}, &syncBuffer{}
	s := &Streams{In: strings.NewReader(""), Out: out, Err: errs}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := newRootCmd(s)
	cmd.SetArgs([]string{"serve", "--src", src, "--port", "0"})
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()

	urlRE := regexp.MustCompile(`seqdoc serve: (http://127\.0\.0\.1:[0-9]+/)`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == ""; {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no URL printed; stdout %q stderr %q", out, errs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		return string(b)
	}
	page := get("guide/")
	if !strings.Contains(page, "first text") || !strings.Contains(page, "_seqdoc/reload.js") ||
		!strings.Contains(page, `<meta name="seqdoc-page" content="/guide/">`) {
		t.Errorf("page lacks its text or the live-reload tags:\n%s", page)
	}
	if js := get("_seqdoc/reload.js"); !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js: %q", js)
	}

	os.WriteFile(filepath.Join(src, "guide", "index.md"), []byte("# Guide\n\nsecond text\n"), 0o644)
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(get("guide/"), "second text"); {
		if time.Now().After(deadline) {
			t.Fatalf("edit not served; stderr %q", errs)
		}
		time.Sleep(10 * time.Millisecond)
	}

	if css := get("seqdoc.css"); !strings.Contains(css, "#100") {
		t.Errorf("the layouts folder's seqdoc.css is not served: %q", css)
	}
	os.WriteFile(filepath.Join(root, "layouts", "seqdoc.css"), []byte("body { color: #200 }\n"), 0o644)
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(get("seqdoc.css"), "#200"); {
		if time.Now().After(deadline) {
			t.Fatalf("layout edit not served; stderr %q", errs)
		}
		time.Sleep(10 * time.Millisecond)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s of its context ending")
	}
	if !strings.Contains(out.String(), "seqdoc serve: stopped") {
		t.Errorf("stdout %q lacks the stop message", out)
	}
	if !strings.Contains(errs.String(), "rebuilt in") {
		t.Errorf("stderr %q lacks the rebuild line", errs)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("serve wrote to disk: %v beside the content folder", entries)
	}
}

// TestServePortTaken checks the exit code and message when the port is in
// use.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	var out, errs bytes.Buffer
	code := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errs}, []string{"serve", "--port", port})
	want := "seqdoc: port " + port + " on 127.0.0.1 is already in use"
	if code != 1 || !strings.HasPrefix(errs.String(), want) || !strings.Contains(errs.String(), "--port 0") {
		t.Errorf("exit %d, stderr %q; want 1 and %q…", code, errs.String(), want)
	}
}

// TestServeWarnsBeyondLoopback checks the warning for a --bind that opens
// the server to the network. The port is taken on loopback so that nothing
// is ever served beyond it.
func TestServeWarnsBeyondLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	var out, errs bytes.Buffer
	code := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errs}, []string{"serve", "--bind", "0.0.0.0", "--port", port})
	if code != 1 {
		t.Fatalf("exit %d (stderr %q): binding 0.0.0.0 on a port taken on loopback should fail", code, errs.String())
	}
	if !strings.HasPrefix(errs.String(), "warning: --bind 0.0.0.0 makes this preview reachable from other machines") {
		t.Errorf("stderr %q lacks the warning", errs.String())
	}
}
