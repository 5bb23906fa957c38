package record

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/standin"
)

// BenchmarkRecordingCost measures what recording costs the page: the
// application's page (HTML, css, js, svg, favicon, two API calls) through
// the stand-in, loaded in one tab that records as `seqdoc record` does
// (Network enabled with post data, every event kept) and in one that does
// not (Network, DOM and CSS domains off, no listener), alternating, in the
// same browser. The page's own Navigation Timing (loadEventEnd) is the
// measure. It reports both medians and their ratio.
//
//	go test ./record -run '^$' -bench RecordingCost -benchtime 40x
func BenchmarkRecordingCost(b *testing.B) {
	exe := browsertest.Chromium(b)
	s, err := standin.Start(standin.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	opts, err := allocatorOptions(exe, Options{Headless: true, BrowserFlags: s.BrowserFlags()})
	if err != nil {
		b.Fatal(err)
	}
	allocCtx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browserCtx, cancelB := chromedp.NewContext(allocCtx)
	defer cancelB()
	if err := chromedp.Do(browserCtx); err != nil {
		b.Fatal(err)
	}

	rec := newRecorder()
	recording, cancelR := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext(), chromedp.WithListener(rec.on))
	defer cancelR()
	plainRec := newRecorder() // only for waitURL during the sign-in
	plain, cancelP := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancelP()
	if err := chromedp.Do(plain); err != nil { // the tab lives as long as plain
		b.Fatal(err)
	}
	if err := instrument(recording); err != nil {
		b.Fatal(err)
	}
	signIn := func(ctx context.Context, r *recorder) {
		for _, st := range []Step{
			{Kind: "goto", URL: s.AppURL()},
			{Kind: "fill", Selector: "input[name=username]", Value: s.User()},
			{Kind: "fill", Selector: "input[name=password]", Value: s.Password()},
			{Kind: "click", Selector: "input[type=submit]"},
			{Kind: "wait", Selector: "#rates tr"},
		} {
			sctx, c := context.WithTimeout(ctx, 20*time.Second)
			err := doStep(sctx, r, st)
			c()
			if err != nil {
				b.Fatalf("sign-in, %s: %v", st, err)
			}
		}
	}
	signIn(recording, rec)
	signIn(plain, plainRec)
	for _, off := range []func(context.Context) error{
		func(c context.Context) error { _, err := chromedp.Call(c, network.Disable, cdp.Empty{}); return err },
		func(c context.Context) error { _, err := chromedp.Call(c, css.Disable, cdp.Empty{}); return err },
		func(c context.Context) error { _, err := chromedp.Call(c, dom.Disable, cdp.Empty{}); return err },
	} {
		if err := off(plain); err != nil {
			b.Fatal(err)
		}
	}
	load := func(ctx context.Context) float64 {
		if err := navigate(ctx, s.AppURL()); err != nil {
			b.Fatal(err)
		}
		for {
			var ms float64
			err := eval(ctx, `JSON.stringify(performance.getEntriesByType('navigation')[0].loadEventEnd)`, &ms)
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
	ma, mp := median(a), median(p)
	b.ReportMetric(ma, "ms-load-recording")
	b.ReportMetric(mp, "ms-load-plain")
	b.ReportMetric(ma/mp, "ratio")
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
