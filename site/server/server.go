package server

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Server.
type Options struct {
	// Site builds the pages. Required.
	Site Site
	// Watch lists the folders whose changes trigger a rebuild: the content
	// folder (page bundles and their captures), layouts. Missing folders are
	// skipped; none means no live reload (e.g. the embedded cookbook).
	Watch []WatchRoot
	// Debounce is how long the watcher waits after the last event of a
	// burst. Zero means DefaultDebounce.
	Debounce time.Duration
	// Poll is the period of the safety-net scan. Zero means DefaultPoll; a
	// negative value turns it off.
	Poll time.Duration
	// Log receives one line per rebuild and every build error. Nil
	// discards.
	Log io.Writer
	// LocalOnly refuses requests whose Host header is not a loopback name
	// or address: a web page whose domain is re-pointed at 127.0.0.1 (DNS
	// rebinding) then cannot read the site. Set it when listening on
	// loopback.
	LocalOnly bool
	// AllowHosts are more host names (without port) that LocalOnly accepts:
	// the name of a forwarded or proxied address (an SSH tunnel, a dev
	// container's forwarded port) that reaches this loopback server.
	AllowHosts []string
}

// DefaultDebounce is long enough to cover an editor's write, rename and
// chmod (they arrive within about a millisecond of each other), and short
// enough to be unnoticed. A straggler that misses it costs one more rebuild,
// coalesced with anything else pending, never a lost change.
const DefaultDebounce = 2 * time.Millisecond

// DefaultPoll is the period of the safety-net scan.
const DefaultPoll = 2 * time.Second

// Paths of the live-reload endpoints.
const (
	EventsPath = "/_seqdoc/events"
	ScriptPath = "/_seqdoc/reload.js"
)

//go:embed reload.js
var reloadJS []byte

// Server serves the latest good build and reloads the open pages.
type Server struct {
	opts Options
	hub  *hub
	cur  atomic.Pointer[fileTable]
	js   *file

	mu      sync.Mutex
	pending map[string]bool // changed source paths not yet rebuilt
	kick    chan struct{}   // buffer of one: rebuild requests coalesce here

	ready chan struct{} // closed once the watches are in place
	// served holds the problems of the build being served (by
	// problemKey); only the rebuild goroutine touches it after New.
	served map[string]bool

	refusedMu sync.Mutex
	refused   map[string]bool // hosts refused with 421 and logged once
}

// New builds the site once and returns a Server ready to serve it. A build
// that returns an error fails New; a build with page errors is served as it
// is and its errors are shown on every page until they are fixed.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Site == nil {
		return nil, errors.New("server: no Site")
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Poll == 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &Server{
		opts:    opts,
		hub:     newHub(),
		pending: make(map[string]bool),
		kick:    make(chan struct{}, 1),
		ready:   make(chan struct{}),
		js:      &file{data: reloadJS, ctype: contentType(".js")},
	}
	snap, err := opts.Site.Build(ctx)
	if err != nil {
		return nil, err
	}
	s.cur.Store(newTable(snap.Files, nil))
	s.served = problemSet(snap.Errors)
	if len(snap.Errors) > 0 {
		// No earlier build to fall back on: the site is served as it is.
		s.announce(snap.Errors)
		if len(snap.Errors) == 1 {
			s.logf("serving the site as it is; every page shows the problem until it is fixed")
		} else {
			s.logf("serving the site as it is; every page shows the problems until they are fixed")
		}
	}
	return s, nil
}

// Ready is closed once Watch has its watches in place.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Files is the number of files served.
func (s *Server) Files() int { return len(s.cur.Load().files) }

// Run serves on ln and watches the sources until ctx is done, then shuts
// down gracefully: event streams are closed first, requests in flight get a
// few seconds to finish, and a rebuild in progress is waited for.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(s.opts.Log, "seqdoc serve: ", 0),
	}
	srv.RegisterOnShutdown(s.hub.close)
	wctx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan error, 1)
	go func() { watchDone <- s.Watch(wctx) }()
	defer func() { stopWatch(); <-watchDone }()
	select { // serve once an edit can no longer be missed
	case <-s.ready:
	case err := <-watchDone:
		watchDone <- nil // for the deferred wait
		return err
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return nil
}

// Watch follows the sources and rebuilds after each batch of changes until
// ctx is done. It is what Run uses; tests call it beside an httptest server
// and wait for Ready. Call it once.
func (s *Server) Watch(ctx context.Context) error {
	var roots []WatchRoot
	for _, r := range s.opts.Watch {
		// A folder not made yet (layouts, beside the content) is watched
		// from its parent, so that it counts from the moment it appears.
		if isDir(r.Dir) || isDir(filepath.Dir(filepath.Clean(r.Dir))) {
			roots = append(roots, r)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	if len(roots) > 0 {
		w, err := newWatcher(roots, s.opts.Debounce, s.opts.Poll, s.request, s.logf)
		if err != nil {
			return fmt.Errorf("watching %s: %w", roots[0].Dir, err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); w.run(ctx) }()
	}
	close(s.ready)
	s.rebuildLoop(ctx)
	cancel()
	wg.Wait()
	return nil
}

// request queues changed paths for the rebuild goroutine. The send never
// blocks: if a rebuild is already waiting, it will pick these paths up too.
func (s *Server) request(paths []string) {
	s.mu.Lock()
	for _, p := range paths {
		s.pending[p] = true
	}
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *Server) takePending() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.pending))
	for p := range s.pending {
		out = append(out, p)
	}
	clear(s.pending)
	sort.Strings(out)
	return out
}

func (s *Server) rebuildLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		}
		if changed := s.takePending(); len(changed) > 0 {
			s.rebuild(ctx, changed)
		}
	}
}

// rebuild runs one incremental build and publishes it: a good build is
// swapped in and announced with the URL paths whose bytes changed; a failed
// one leaves the last good build in place and is announced as an error.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	t0 := time.Now()
	snap, _, err := s.opts.Site.Rebuild(ctx, changed)
	if ctx.Err() != nil {
		return // stopping: not a build error
	}
	if err != nil {
		s.fail([]string{err.Error()})
		return
	}
	if !s.knownProblems(snap.Errors) {
		s.fail(snap.Errors)
		return
	}
	prev := s.cur.Load()
	next := newTable(snap.Files, prev)
	urls := changedURLs(prev, next)
	s.cur.Store(next)
	s.served = problemSet(snap.Errors)
	data, _ := json.Marshal(urls)
	if urls == nil {
		data = []byte("[]")
	}
	var errEv []byte
	if len(snap.Errors) > 0 {
		errEv = event("error", strings.Join(snap.Errors, "\n"))
	}
	s.hub.broadcast(event("reload", string(data)), errEv)
	s.logf("rebuilt in %s after %s: %s changed", time.Since(t0).Round(10*time.Microsecond), summary(changed), plural(len(urls), "file"))
	if errEv != nil {
		s.hub.broadcast(errEv, errEv)
		s.logf("%s still to fix (shown on every page): %s", plural(len(snap.Errors), "problem"), summary(snap.Errors))
	}
}

// knownProblems reports whether every problem of a build was already in the
// build being served. Such a build is served: the edit did not break
// anything, and a problem left in one page must not freeze every other page
// at its last good version. A new problem keeps the served build.
//
// Problems are compared without their line and column, which move when the
// lines above them are edited.
func (s *Server) knownProblems(errs []string) bool {
	for _, e := range errs {
		if !s.served[problemKey(e)] {
			return false
		}
	}
	return true
}

func problemSet(errs []string) map[string]bool {
	set := make(map[string]bool, len(errs))
	for _, e := range errs {
		set[problemKey(e)] = true
	}
	return set
}

// positionRE matches the ":line" or ":line:col" after the file name of a
// "file:line:col: message" problem.
var positionRE = regexp.MustCompile(`:[0-9]+(:[0-9]+)?: `)

func problemKey(e string) string {
	if loc := positionRE.FindStringIndex(e); loc != nil {
		return e[:loc[0]] + ": " + e[loc[1]:]
	}
	return e
}

// fail announces build errors and remembers them for pages that connect
// later.
func (s *Server) fail(msgs []string) {
	s.announce(msgs)
	s.logf("serving the last good build until this is fixed")
}

// announce sends build errors to every page (and to pages that connect
// later) and logs them.
func (s *Server) announce(msgs []string) {
	ev := event("error", strings.Join(msgs, "\n"))
	s.hub.broadcast(ev, ev)
	for _, m := range msgs {
		s.logf("error: %s", m)
	}
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

func summary(paths []string) string {
	const max = 3
	if len(paths) <= max {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:max], ", ") + fmt.Sprintf(" and %d more", len(paths)-max)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
