package check

import (
	"compress/gzip"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

func gzipTo(t testing.TB, w io.Writer, data []byte) {
	t.Helper()
	z := gzip.NewWriter(w)
	if _, err := z.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkCheck1000 checks 1,000 captures of 20 entries each (the issue's
// target: under 2 s on two cores), a fifth of them with findings, and
// writes the SARIF report. Besides the wall-clock time it reports the CPU
// time per run (cpu-s/op): on two idle cores a run takes about half of it.
//
//	go test ./har/check -run '^$' -bench Check1000 -benchtime 5x -count 5
func BenchmarkCheck1000(b *testing.B) {
	dir := b.TempDir()
	files := map[string]hartest.Options{}
	for i := 0; i < 1000; i++ {
		o := hartest.Options{Seed: int64(i), APICalls: 5} // 20 entries
		if i%5 == 0 {
			o = hartest.Options{Seed: int64(i), APICalls: 6, KeepALBSession: true, InsecureSession: true} // 20 entries, 2 findings
		}
		files[filepath.Join("app"+strconv.Itoa(i/100), strconv.Itoa(i), "capture.har")] = o
	}
	write(b, dir, files)
	if n := hartest.Entries(hartest.Options{APICalls: 5}); n != 20 {
		b.Fatalf("%d entries per capture, want 20", n)
	}
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		rep, err := Run(context.Background(), []string{dir}, Options{FailOn: authflow.SeverityError})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Captures) != 1000 || rep.Summary().Failing != 200 {
			b.Fatalf("%d captures, %d failing findings", len(rep.Captures), rep.Summary().Failing)
		}
		if err := rep.Write(io.Discard, FormatSARIF); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
