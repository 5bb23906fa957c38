package server

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// dirSite is a small real site builder over a folder, standing in for
// package site: every "x/y.md" becomes "x/y/index.html" ("x/index.md"
// becomes "x/index.html"), a capture.har beside index.md is printed in its
// page, "style.css" is copied, and a line "BROKEN" makes the build report
// "file:line: message". It records the changed paths of every Rebuild.
type dirSite struct {
	dir string

	mu      sync.Mutex
	changes [][]string
}

func (d *dirSite) Build(ctx context.Context) (Snapshot, error) {
	snap := Snapshot{Files: map[string][]byte{
		"404.html": []byte("<!doctype html><title>not found</title><p>no such page in the cookbook</p>"),
	}}
	err := filepath.WalkDir(d.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.dir, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() || ignoredPath(p, []WatchRoot{{Dir: d.dir}}) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil // removed while walking
		}
		switch {
		case rel == "style.css":
			snap.Files[rel] = b
		case strings.HasSuffix(rel, ".md"):
			out, url := pageOut(rel)
			page := "<!doctype html><html><head><meta name=\"seqdoc-page\" content=\"" + url + "\">" +
				"<script src=\"/_seqdoc/reload.js\" defer></script></head><body><main>" + string(b)
			if strings.HasSuffix(rel, "/index.md") {
				if har, err := os.ReadFile(filepath.Join(filepath.Dir(p), "capture.har")); err == nil {
					page += "<pre class=diagram>" + string(har) + "</pre>"
				}
			}
			snap.Files[out] = []byte(page + "</main></body></html>")
			for i, line := range strings.Split(string(b), "\n") {
				if strings.TrimSpace(line) == "BROKEN" {
					snap.Errors = append(snap.Errors, fmt.Sprintf("%s:%d: broken page: remove the BROKEN line", rel, i+1))
				}
			}
		}
		return nil
	})
	return snap, err
}

func (d *dirSite) Rebuild(ctx context.Context, changed []string) (Snapshot, []string, error) {
	d.mu.Lock()
	d.changes = append(d.changes, changed)
	d.mu.Unlock()
	snap, err := d.Build(ctx)
	return snap, nil, err
}

func (d *dirSite) rebuilds() [][]string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([][]string(nil), d.changes...)
}

func pageOut(rel string) (out, url string) {
	if rel == "index.md" {
		return "index.html", "/"
	}
	if strings.HasSuffix(rel, "/index.md") {
		dir := strings.TrimSuffix(rel, "index.md")
		return dir + "index.html", "/" + dir
	}
	base := strings.TrimSuffix(rel, ".md")
	return base + "/index.html", "/" + base + "/"
}

// testServer is a Server over a temporary folder, served by httptest and
// watching for real.
type testServer struct {
	t    *testing.T
	dir  string
	site *dirSite
	s    *Server
	ts   *httptest.Server
}

func startServer(t *testing.T, files map[string]string, debounce time.Duration) *testServer {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	site := &dirSite{dir: dir}
	if debounce == 0 {
		// Longer than the default so that the tests that count Rebuild
		// calls hold on a loaded machine, where the truncate and the write
		// of one os.WriteFile can be milliseconds apart.
		debounce = 30 * time.Millisecond
	}
	s, err := New(context.Background(), Options{Site: site, Watch: []WatchRoot{{Dir: dir}}, Debounce: debounce, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		s.Close()
		ts.Close()
	})
	<-s.Ready()
	return &testServer{t: t, dir: dir, site: site, s: s, ts: ts}
}

func writeFile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (ts *testServer) get(path string) (int, string) {
	ts.t.Helper()
	resp, err := http.Get(ts.ts.URL + path)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

// sse is one live-reload client.
type sse struct {
	events chan sseEvent
	resp   *http.Response
}

type sseEvent struct{ name, data string }

func (ts *testServer) subscribe() *sse {
	ts.t.Helper()
	req, _ := http.NewRequest("GET", ts.ts.URL+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		ts.t.Fatalf("GET %s: %s, Content-Type %q", EventsPath, resp.Status, resp.Header.Get("Content-Type"))
	}
	c := &sse{events: make(chan sseEvent, 64), resp: resp}
	go readEvents(resp, c.events)
	ts.t.Cleanup(func() { resp.Body.Close() })
	return c
}

func readEvents(resp *http.Response, out chan<- sseEvent) {
	defer close(out)
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var name string
	var data []string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if name != "" || data != nil {
				out <- sseEvent{name, strings.Join(data, "\n")}
			}
			name, data = "", nil
		case strings.HasPrefix(line, ":"), strings.HasPrefix(line, "retry:"):
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		}
	}
}

// next waits for the next event (up to 10 s: a generous bound for a loaded
// machine; the speed itself is measured by the benchmark, not here).
func (c *sse) next(t *testing.T) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return sseEvent{}
}
