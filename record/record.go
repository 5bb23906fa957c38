package record

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/record/cdp"
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
	Events func([]cdphar.Event)
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
	events   []cdphar.Event
	inflight map[string]bool
	last     time.Time     // the last network event
	url      string        // the main frame's URL
	navs     int           // main-frame navigations
	changed  chan struct{} // a main-frame navigation or a network event (buffer 1)
}

func newRecorder() *recorder {
	return &recorder{inflight: map[string]bool{}, changed: make(chan struct{}, 1), last: time.Now()}
}

// on runs on the goroutine that reads the browser's pipe: it must return
// fast. It keeps the raw params (decoded later, by cdphar.Build).
func (r *recorder) on(method string, params json.RawMessage) {
	if !cdphar.Wanted(method) {
		return
	}
	ev := cdphar.Event{Method: method, Params: append(json.RawMessage(nil), params...)}
	r.mu.Lock()
	r.events = append(r.events, ev)
	switch method {
	case "Network.requestWillBeSent", "Network.loadingFinished", "Network.loadingFailed":
		var p struct {
			RequestID string `json:"requestId"`
		}
		json.Unmarshal(params, &p)
		if method == "Network.requestWillBeSent" {
			r.inflight[p.RequestID] = true
		} else {
			delete(r.inflight, p.RequestID)
		}
		r.last = time.Now()
	case "Page.frameNavigated":
		var p struct {
			Frame struct {
				ParentID string `json:"parentId"`
				URL      string `json:"url"`
			} `json:"frame"`
		}
		if json.Unmarshal(params, &p) == nil && p.Frame.ParentID == "" {
			r.url = p.Frame.URL
			r.navs++
		}
	}
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

func (r *recorder) snapshot() []cdphar.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]cdphar.Event(nil), r.events...)
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

// page is the tab being recorded.
type page struct {
	*cdp.Session
	b *cdp.Browser
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
	args, err := browserArgs(o)
	if err != nil {
		return nil, err
	}
	if !o.Headless && runtime.GOOS == "linux" && !hasDisplay() {
		return nil, errors.New("a visible window needs a display (DISPLAY or WAYLAND_DISPLAY is not set): run on a desktop, or record headless with --headless --steps FILE")
	}
	if o.StepTimeout <= 0 {
		o.StepTimeout = 30 * time.Second
	}
	// The browser outlives ctx a moment when a person presses Ctrl-C: the
	// events so far are taken first.
	bctx := context.WithoutCancel(ctx)
	b, err := cdp.Start(bctx, exe, args)
	if err != nil {
		return nil, err
	}
	defer b.Close() // the browser stops and its profile folder goes, on every path
	var creatorBrowser *har.Creator
	if v := b.Version(bctx); v != "" {
		name, ver, _ := strings.Cut(v, "/")
		creatorBrowser = &har.Creator{Name: name, Version: ver}
	}
	rec := newRecorder()
	p, err := openPage(bctx, b, rec, !o.Headless)
	if err != nil {
		return nil, fmt.Errorf("could not open a page in the browser %s: %v", exe, err)
	}
	if o.Headless {
		err = runHeadless(ctx, p, rec, o)
	} else {
		err = runPerson(ctx, p, rec, o)
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

// openPage opens the tab to record, in a fresh browser context (cookies,
// storage and cache in memory only), with Network events (request bodies
// up to 64 KiB: a form's field names are read from them) and Page events.
// Downloads are refused: nothing the session fetches lands on disk. With
// closeOthers, the window of the default profile is closed, so that a
// person sees one window.
func openPage(ctx context.Context, b *cdp.Browser, rec *recorder, closeOthers bool) (*page, error) {
	var before []cdp.TargetInfo
	if closeOthers {
		before, _ = b.Targets(ctx)
	}
	s, err := b.NewPage(ctx)
	if err != nil {
		return nil, err
	}
	s.Listen(rec.on)
	if err := s.Call(ctx, "Network.enable", map[string]any{"maxPostDataSize": 64 << 10}, nil); err != nil {
		return nil, err
	}
	if err := s.Call(ctx, "Page.enable", nil, nil); err != nil {
		return nil, err
	}
	b.Call(ctx, "Browser.setDownloadBehavior", map[string]any{"behavior": "deny"}, nil)
	for _, t := range before {
		if t.Type == "page" && t.ID != s.TargetID {
			b.Call(ctx, "Target.closeTarget", map[string]any{"targetId": t.ID}, nil)
		}
	}
	return &page{Session: s, b: b}, nil
}

// browserArgs are the browser's flags: no first-run UI, no background
// traffic, no crash reports, no disk cache, then the user's flags (the
// profile folder and the pipe are cdp.Start's).
func browserArgs(o Options) ([]string, error) {
	args := []string{
		"--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-breakpad", "--disable-crash-reporter", "--disable-default-apps",
		"--disable-client-side-phishing-detection", "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
		"--metrics-recording-only", "--password-store=basic", "--use-mock-keychain", "--disk-cache-size=1",
	}
	if o.Headless {
		args = append(args, "--headless", "--disable-gpu", "--mute-audio", "--hide-scrollbars")
	} else {
		args = append(args, "--window-size=1280,900")
	}
	if runtime.GOOS == "linux" && isRoot() {
		args = append(args, "--no-sandbox") // Chromium refuses to run as root with its sandbox
	}
	for _, f := range o.BrowserFlags {
		name, _, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if !strings.HasPrefix(f, "--") || name == "" {
			return nil, fmt.Errorf("--browser-flag %q: a browser flag starts with -- (such as --proxy-server=http://proxy:3128)", f)
		}
		switch name {
		case "user-data-dir", "remote-debugging-port", "remote-debugging-pipe", "remote-debugging-io-pipes":
			return nil, fmt.Errorf("--browser-flag %s: seqdoc sets it itself (a throw-away profile, a private connection)", f)
		}
		args = append(args, f)
	}
	return args, nil
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
