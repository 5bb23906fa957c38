package record

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/standin"
	"github.com/seqdoc/seqdoc/record/cdp"
)

// BenchmarkRecordingCost measures what recording costs the page: the
// application's page (HTML, css, js, svg, favicon, two API calls) through
// the stand-in, loaded in one tab that records as `seqdoc record` does
// (openPage: Network events with post data, every event kept) and in one
// that does not (only the Page domain, to see the load), alternating, in
// the same browser. The page's own Navigation Timing (loadEventEnd) is the
// measure. It reports both medians and the median of the pairwise ratios
// (recording / not).
//
//	go test ./record -run '^$' -bench RecordingCost -benchtime 40x
func BenchmarkRecordingCost(b *testing.B) {
	exe := browsertest.Chromium(b)
	s, err := standin.Start(standin.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	args, err := browserArgs(Options{Headless: true, BrowserFlags: s.BrowserFlags()})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	br, err := cdp.Start(ctx, exe, args)
	if err != nil {
		b.Fatal(err)
	}
	defer br.Close()
	rec := newRecorder()
	recording, err := openPage(ctx, br, rec, false)
	if err != nil {
		b.Fatal(err)
	}
	ps, err := br.NewPage(ctx)
	if err != nil {
		b.Fatal(err)
	}
	plainRec := newRecorder() // sees only Page events: enough for the sign-in's steps
	ps.Listen(plainRec.on)
	if err := ps.Call(ctx, "Page.enable", nil, nil); err != nil {
		b.Fatal(err)
	}
	plain := &page{Session: ps, b: br}
	signIn := func(p *page, r *recorder) {
		for _, st := range []Step{
			{Kind: "goto", URL: s.AppURL()},
			{Kind: "fill", Selector: "input[name=username]", Value: s.User()},
			{Kind: "fill", Selector: "input[name=password]", Value: s.Password()},
			{Kind: "click", Selector: "input[type=submit]"},
			{Kind: "wait", Selector: "#rates tr"},
		} {
			sctx, c := context.WithTimeout(ctx, 20*time.Second)
			err := doStep(sctx, p, r, st)
			c()
			if err != nil {
				b.Fatalf("sign-in, %s: %v", st, err)
			}
		}
	}
	signIn(recording, rec)
	signIn(plain, plainRec)
	load := func(p *page) float64 {
		if err := p.navigate(ctx, s.AppURL()); err != nil {
			b.Fatal(err)
		}
		for {
			var ms float64
			err := p.eval(ctx, `JSON.stringify(performance.getEntriesByType('navigation')[0].loadEventEnd)`, &ms)
			if err != nil {
				b.Fatal(err)
			}
			if ms > 0 {
				return ms
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	load(recording)
	load(plain) // warm-up
	var a, p []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			a = append(a, load(recording))
			p = append(p, load(plain))
		} else {
			p = append(p, load(plain))
			a = append(a, load(recording))
		}
	}
	b.StopTimer()
	ratios := make([]float64, len(a))
	for i := range a {
		ratios[i] = a[i] / p[i]
	}
	b.ReportMetric(median(a), "ms-load-recording")
	b.ReportMetric(median(p), "ms-load-plain")
	b.ReportMetric(median(ratios), "pair-ratio") // median of the pairwise ratios: sturdier on a busy machine
	if n := len(rec.snapshot()); n == 0 {
		b.Fatal("the recording tab recorded nothing")
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
