package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/site"
)

// benchCorpus returns a content folder of about 1,000 pages: the bench
// kit's corpus when SEQDOC_CORPUS names one, else a generated one (100
// sections of 10 pages, each a few paragraphs, a list and a code block).
func benchCorpus(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("SEQDOC_CORPUS"); dir != "" {
		tmp := b.TempDir()
		if err := os.CopyFS(tmp, os.DirFS(dir)); err != nil {
			b.Fatal(err)
		}
		return tmp
	}
	dir := b.TempDir()
	para := strings.Repeat("The ALB answers the first request with a redirect to the Cognito hosted UI; the browser follows it. ", 6)
	for s := 1; s <= 100; s++ {
		sec := filepath.Join(dir, "cookbook", fmt.Sprintf("app-%d", s))
		os.MkdirAll(sec, 0o755)
		os.WriteFile(filepath.Join(sec, "_index.md"), []byte(fmt.Sprintf("---\ntitle: App %d\n---\nSection %d.\n", s, s)), 0o644)
		for p := 1; p <= 10; p++ {
			body := fmt.Sprintf("---\ntitle: Page %d of app %d\n---\n# Page %d\n\n%s\n\n- one\n- two [next](page-%d.md)\n\n```go\nfunc main() {}\n```\n\n%s\n",
				p, s, p, para, p%10+1, para)
			os.WriteFile(filepath.Join(sec, fmt.Sprintf("page-%d.md", p)), []byte(body), 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\ntitle: Corpus\n---\nHome.\n"), 0o644)
	return dir
}

func corpusSite(b *testing.B, dir string) builderSite {
	return builderSite{b: site.NewBuilder(site.Options{Content: os.DirFS(dir), LiveReload: true}), dir: dir}
}

// BenchmarkRebuildOnePage is the server's share of write → reload: one page
// of a 1,000-page site edited, rebuilt by package site, diffed against the
// served build and swapped in, the reload event broadcast.
func BenchmarkRebuildOnePage(b *testing.B) {
	dir := benchCorpus(b)
	s, err := New(context.Background(), Options{Site: corpusSite(b, dir)})
	if err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(dir, "cookbook", "app-1", "page-1.md")
	orig, _ := os.ReadFile(page)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		os.WriteFile(page, append(orig, fmt.Sprintf("\nline %d\n", i)...), 0o644)
		s.rebuild(context.Background(), []string{"cookbook/app-1/page-1.md"})
	}
	b.ReportMetric(float64(s.Files()), "files")
}

// BenchmarkSwap is the server's own work after a rebuild: indexing the new
// files, diffing them against the served ones, broadcasting.
func BenchmarkSwap(b *testing.B) {
	dir := benchCorpus(b)
	cs := corpusSite(b, dir)
	snap1, _ := cs.Build(context.Background())
	snap2, _ := cs.Build(context.Background())
	prev := newTable(snap1.Files, nil)
	b.ResetTimer()
	for b.Loop() {
		next := newTable(snap2.Files, prev)
		changedURLs(prev, next)
	}
}

// BenchmarkServeCachedPage measures requests per second for one cached
// page over loopback with keep-alive connections (gzip accepted, as from a
// browser).
func BenchmarkServeCachedPage(b *testing.B) {
	s, err := New(context.Background(), Options{Site: memSite{"cookbook/index.html": []byte(bigPage)}})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	url := ts.URL + "/cookbook/"
	var failed atomic.Int64
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		buf := make([]byte, 32<<10)
		for pb.Next() {
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			resp, err := client.Do(req)
			if err != nil || resp.StatusCode != 200 {
				failed.Add(1)
				if err == nil {
					resp.Body.Close()
				}
				continue
			}
			for {
				if _, err := resp.Body.Read(buf); err != nil {
					break
				}
			}
			resp.Body.Close()
		}
	})
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d failed requests", n)
	}
}

// BenchmarkPollScan is the cost of one safety-net scan of a 1,000-page
// content folder (run every DefaultPoll).
func BenchmarkPollScan(b *testing.B) {
	dir := benchCorpus(b)
	w, err := newWatcher([]WatchRoot{{Dir: dir}}, time.Millisecond, time.Hour, func([]string) {}, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	defer w.close()
	b.ResetTimer()
	for b.Loop() {
		if w.scan() {
			b.Fatal("unchanged tree reported as changed")
		}
	}
}
