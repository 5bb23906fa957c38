package site

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// benchCorpus is the bench kit's 1,000-page corpus (../shared/bench/setup.sh).
func benchCorpus(b *testing.B, name string) string {
	dir := "/tmp/seqdoc-bench/" + name + "/content"
	if w := os.Getenv("SEQDOC_BENCH"); w != "" {
		dir = w + "/" + name + "/content"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no bench corpus at %s (run ../shared/bench/setup.sh)", dir)
	}
	return dir
}

// benchBuild builds the corpus into memory with a new Builder each time, as
// one seqdoc build process does.
func benchBuild(b *testing.B, corpus string, mode int) {
	dir := benchCorpus(b, corpus)
	b.ReportAllocs()
	for b.Loop() {
		bl := NewBuilder(Options{Content: os.DirFS(dir)})
		bl.hl.mode = mode
		bl.once = true
		res, err := bl.Build(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Pages) < 1000 {
			b.Fatalf("%d pages", len(res.Pages))
		}
	}
}

// The three highlight modes give chroma's share of a build: uncached minus
// off is what highlighting every block costs; cached is what seqdoc does.
func BenchmarkBuildCorpus(b *testing.B)            { benchBuild(b, "corpus", highlightCached) }
func BenchmarkBuildCorpusUncached(b *testing.B)    { benchBuild(b, "corpus", highlightUncached) }
func BenchmarkBuildCorpusNoHighlight(b *testing.B) { benchBuild(b, "corpus", highlightOff) }

// BenchmarkRebuildOnePage is seqdoc serve's case: one page edited, the
// whole site rebuilt from the caches.
func BenchmarkRebuildOnePage(b *testing.B) {
	dir := benchCorpus(b, "corpus")
	bl := NewBuilder(Options{Content: os.DirFS(dir)})
	if _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := bl.Rebuild(context.Background(), []string{"cookbook/app-1/page-1.md"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchCorpusLinks builds the bench corpus (1,000 pages written for
// Hugo, with links like ../app-1/page-1/) and checks every link of the
// output.
func TestBenchCorpusLinks(t *testing.T) {
	dir := "/tmp/seqdoc-bench/corpus/content"
	if w := os.Getenv("SEQDOC_BENCH"); w != "" {
		dir = w + "/corpus/content"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no bench corpus at %s (run ../shared/bench/setup.sh)", dir)
	}
	res, err := NewBuilder(Options{Content: os.DirFS(dir)}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("%d errors, first %s", len(res.Errors), res.Errors[0])
	}
	if errs := CheckLinks(res.Files); len(errs) > 0 {
		t.Fatalf("%d broken links, first %s", len(errs), errs[0])
	}
	if len(res.Pages) != 1105 {
		t.Errorf("%d pages, want 1,105 (1,000 pages, 104 sections, the home page)", len(res.Pages))
	}
}

// BenchmarkBuildMermaidCorpus is the same corpus with a 20-message
// sequenceDiagram on every page.
func BenchmarkBuildMermaidCorpus(b *testing.B) { benchBuild(b, "corpus-mermaid", highlightCached) }

// BenchmarkHighlightShare builds the corpus with highlighting off, cached
// and uncached in turn (interleaved, so that a busy machine slows all three
// alike) and reports each mode's median and chroma's share of an uncached
// build: (uncached - off) / uncached.
func BenchmarkHighlightShare(b *testing.B) {
	dir := benchCorpus(b, "corpus")
	var times [3][]float64
	for b.Loop() {
		for mode := range times {
			bl := NewBuilder(Options{Content: os.DirFS(dir)})
			bl.hl.mode = []int{highlightOff, highlightCached, highlightUncached}[mode]
			start := time.Now()
			if _, err := bl.Build(context.Background()); err != nil {
				b.Fatal(err)
			}
			times[mode] = append(times[mode], float64(time.Since(start).Microseconds())/1000)
		}
	}
	med := func(xs []float64) float64 {
		s := append([]float64{}, xs...)
		sort.Float64s(s)
		return s[len(s)/2]
	}
	off, cached, uncached := med(times[0]), med(times[1]), med(times[2])
	b.ReportMetric(off, "ms-off")
	b.ReportMetric(cached, "ms-cached")
	b.ReportMetric(uncached, "ms-uncached")
	b.ReportMetric((uncached-off)/uncached, "chroma-share-uncached")
	b.ReportMetric((cached-off)/cached, "chroma-share-cached")
}

// BenchmarkSearchRecord is the search index's share of a build: the
// records of the corpus's pages, from their parsed Markdown (MB/s of
// Markdown). Compare with BenchmarkBuildCorpus.
func BenchmarkSearchRecord(b *testing.B) {
	dir := benchCorpus(b, "corpus")
	t, err := scan(os.DirFS(dir), false)
	if err != nil {
		b.Fatal(err)
	}
	md := newMarkdown()
	type page struct {
		n   *node
		doc ast.Node
	}
	var pages []page
	var size int64
	for _, n := range t.nodes {
		pages = append(pages, page{n, md.Parser().Parse(text.NewReader(n.body))})
		size += int64(len(n.body))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			searchRecord(p.n, p.doc, p.n.body)
		}
	}
}
