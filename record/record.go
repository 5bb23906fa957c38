package record

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/record/cdphar"
)

// Options say what to record and how.
type Options struct {
	// URL is where the browser starts.
	URL string
	// Browser is the browser's path; empty: FindBrowser looks for one.
	Browser string
	// BrowserFlags are passed to the browser ("--name" or "--name=value").
	BrowserFlags []string

	// Headless runs without a window; then Steps (and/or Login) drive it.
	Headless bool
	// Login, if set, signs in with the IdP's hosted UI before the steps.
	Login *Login
	// Steps are run in order (see ParseSteps). When the first step is not
	// a goto, the browser first opens URL.
	Steps []Step
	// StepTimeout limits each step (30s when zero).
	StepTimeout time.Duration

	// Until ends a recording with a person once the page's URL matches
	// this pattern (* matches anything).
	Until string
	// Timeout ends the recording (with a person: the capture so far is
	// kept; headless: it is an error). Zero: no limit.
	Timeout time.Duration

	// Status receives the instructions and the live count of a recording
	// with a person; Live says it is a terminal (the count is redrawn in
	// place).
	Status io.Writer
	Live   bool

	// Creator is log.creator.
	Creator har.Creator
	// KeepFormValue says which form values are read from request bodies
	// (see cdphar.Options).
	KeepFormValue func(name string) bool

	// Events, if set, receives the recorded protocol events (tests write
	// event logs with it; they hold secrets).
	Events func([]any)
}

// Login is the built-in sign-in of `--login`.
type Login struct {
	// Provider is "cognito".
	Provider string
	User     string
	Password string
}

// StepError is a step that failed or timed out.
type StepError struct {
	N    int // from 1
	Step Step
	Err  error
}

func (e *StepError) Error() string {
	where := ""
	if e.Step.Line > 0 {
		where = fmt.Sprintf(" (line %d)", e.Step.Line)
	}
	return fmt.Sprintf("step %d%s, %s: %v; nothing was written", e.N, where, e.Step, e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// ErrInterrupted is returned when a headless recording is stopped (Ctrl-C)
// before its steps are done.
var ErrInterrupted = errors.New("recording interrupted before the steps were done: nothing was written")

// Capture is a recording, built into a HAR in memory. It holds the
// session's secrets: redact it before it goes anywhere.
type Capture struct {
	Log     *har.Log
	Entries []*har.Entry
}

// recorder collects the events of the page.
type recorder struct {
	mu       sync.Mutex
	events   []any
	inflight map[network.RequestID]bool
	last     time.Time // the last network event
	url      string    // the main frame's URL
	frame    cdp.FrameID
	navs     int           // main-frame navigations
	changed  chan struct{} // a main-frame navigation or a network event (buffer 1)
}

func newRecorder() *recorder {
	return &recorder{inflight: map[network.RequestID]bool{}, changed: make(chan struct{}, 1), last: time.Now()}
}

// on runs in the page's message loop: it must return fast.
func (r *recorder) on(ev any) {
	if !cdphar.Wanted(ev) {
		return
	}
	r.mu.Lock()
	r.events = append(r.events, ev)
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.inflight[ev.RequestID] = true
		r.last = time.Now()
	case *network.EventLoadingFinished:
		delete(r.inflight, ev.RequestID)
		r.last = time.Now()
	case *network.EventLoadingFailed:
		delete(r.inflight, ev.RequestID)
		r.last = time.Now()
	case *page.EventFrameNavigated:
		if ev.Frame != nil && ev.Frame.ParentID == "" {
			r.url, r.frame = ev.Frame.URL, ev.Frame.ID
			r.navs++
		}
	}
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

func (r *recorder) snapshot() []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]any(nil), r.events...)
}

func (r *recorder) currentURL() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.url
}

func (r *recorder) navigations() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.navs
}

// idleFor reports whether no request is in flight and no network event
// came for d.
func (r *recorder) idleFor(d time.Duration) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.inflight) == 0 && time.Since(r.last) >= d
}

// Record starts a browser with a throw-away profile, records the session
// (driven by the steps, or by a person in a visible window) and returns it
// built into a HAR, in memory. The profile folder is removed before Record
// returns, whatever happens. ctx cancelled (Ctrl-C) ends a recording with a
// person (the capture so far is returned) and aborts a headless one
// (ErrInterrupted).
func Record(ctx context.Context, o Options) (*Capture, error) {
	exe, err := FindBrowser(o.Browser)
	if err != nil {
		return nil, err
	}
	allocOpts, err := allocatorOptions(exe, o)
	if err != nil {
		return nil, err
	}
	if o.StepTimeout <= 0 {
		o.StepTimeout = 30 * time.Second
	}

	// The browser outlives ctx a moment when a person presses Ctrl-C: the
	// events so far are taken first.
	bctx, stopBrowser := context.WithCancel(context.WithoutCancel(ctx))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(bctx, allocOpts...)
	defer func() {
		stopBrowser()
		cancelAlloc() // waits for the browser to exit and its profile folder to go
	}()
	browserCtx, cancelBrowserCtx := chromedp.NewContext(allocCtx)
	defer cancelBrowserCtx()
	if err := chromedp.Do(browserCtx); err != nil {
		return nil, startError(exe, err)
	}
	var creatorBrowser *har.Creator
	if v, err := chromedp.CallBrowser(browserCtx, browser.GetVersion, cdp.Empty{}); err == nil {
		name, ver, _ := strings.Cut(v.Product, "/")
		creatorBrowser = &har.Creator{Name: name, Version: ver}
	}

	// A fresh browser context: cookies, storage and cache in memory only.
	rec := newRecorder()
	tabCtx, cancelTab := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext(), chromedp.WithListener(rec.on))
	defer cancelTab()
	if err := chromedp.Do(tabCtx); err != nil {
		return nil, startError(exe, err)
	}
	if !o.Headless {
		// The window of the default profile is of no use: close it, so the
		// person sees one window.
		if first := chromedp.FromContext(browserCtx).Target; first != nil {
			chromedp.CallBrowser(browserCtx, target.CloseTarget, target.CloseTargetParams{TargetID: first.TargetID})
		}
	}
	if err := instrument(tabCtx); err != nil {
		return nil, startError(exe, err)
	}
	// Downloads are refused: nothing the session fetches lands on disk.
	chromedp.CallBrowser(browserCtx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorDeny})

	if o.Headless {
		err = runHeadless(ctx, tabCtx, rec, o)
	} else {
		err = runPerson(ctx, tabCtx, rec, o)
	}
	events := rec.snapshot()
	if err != nil {
		return nil, err
	}
	if o.Events != nil {
		o.Events(events)
	}
	log, entries := cdphar.Build(events, cdphar.Options{Creator: o.Creator, Browser: creatorBrowser, KeepFormValue: o.KeepFormValue})
	return &Capture{Log: log, Entries: entries}, nil
}

// instrument sets up a tab for recording: Network events with request
// bodies up to 64 KiB (a form's field names are read from them), and the
// DOM and CSS domains off (chromedp turns them on; the steps do not need
// them, and they cost the page time).
func instrument(tab context.Context) error {
	maxPost := int64(64 << 10)
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{MaxPostDataSize: &maxPost}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tab, css.Disable, cdp.Empty{}); err != nil {
		return err
	}
	_, err := chromedp.Call(tab, dom.Disable, cdp.Empty{})
	return err
}

// allocatorOptions are the browser's flags: a throw-away profile (made
// and removed by chromedp), no first-run UI, no background traffic, no
// crash reports, then the user's flags.
func allocatorOptions(exe string, o Options) ([]chromedp.ExecAllocatorOption, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-crash-reporter", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("disk-cache-size", "1"),
	}
	if o.Headless {
		opts = append(opts, chromedp.Headless, chromedp.Flag("disable-gpu", true), chromedp.Flag("mute-audio", true))
	} else {
		opts = append(opts, chromedp.VisibleWindow, chromedp.WindowSize(1280, 900))
	}
	for _, f := range o.BrowserFlags {
		name, value, hasValue := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if !strings.HasPrefix(f, "--") || name == "" {
			return nil, fmt.Errorf("--browser-flag %q: a browser flag starts with -- (such as --proxy-server=http://proxy:3128)", f)
		}
		switch name {
		case "user-data-dir", "remote-debugging-port", "remote-debugging-pipe":
			return nil, fmt.Errorf("--browser-flag %s: seqdoc sets it itself (a throw-away profile, a private connection)", f)
		}
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	return opts, nil
}

func startError(exe string, err error) error {
	if errors.Is(err, chromedp.ErrNoDisplay) {
		return fmt.Errorf("a visible window needs a display (DISPLAY or WAYLAND_DISPLAY is not set): run on a desktop, or record headless with --headless --steps FILE")
	}
	return fmt.Errorf("could not start the browser %s: %v", exe, err)
}

// settle waits until the network is idle for a moment (at most max).
func settle(ctx context.Context, rec *recorder, quiet, max time.Duration) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if rec.idleFor(quiet) {
			return
		}
		select {
		case <-ctx.Done():
		case <-rec.changed:
		case <-time.After(50 * time.Millisecond):
		}
	}
}
