package server

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/seqdoc/seqdoc/site"
)

// Config is what seqdoc serve asks for.
type Config struct {
	// Src is the content folder; empty means ./content when it exists, else
	// the built-in cookbook (served, not watched).
	Src string
	// Bind and Port are where to listen; Port 0 picks a free port.
	Bind string
	Port int
	// Drafts includes pages whose front matter says draft: true.
	Drafts bool
	// Open opens the site in the default browser once it is served.
	Open bool
	// AllowHosts are more host names a loopback server answers to (see
	// Options.AllowHosts).
	AllowHosts []string
	// Out receives the URL; Log warnings, one line per rebuild and the
	// build errors. Nil discards.
	Out, Log io.Writer
}

// Serve builds the site of cfg into memory, serves it with live reload and
// watches its folders until ctx is done. Nothing is written to disk.
func Serve(ctx context.Context, cfg Config) error {
	if cfg.Out == nil {
		cfg.Out = io.Discard
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	cfs, layouts, dir, err := site.SourceFor(cfg.Src)
	if err != nil {
		return err
	}
	if !IsLoopback(cfg.Bind) {
		fmt.Fprintf(cfg.Log, "warning: --bind %s makes this preview reachable from other machines; it is a development server (no TLS, no access control): use 127.0.0.1 unless you mean it\n", cfg.Bind)
	}
	// Listen before building, so that a port in use is said at once; the
	// first requests wait in the backlog until the build is done.
	ln, err := Listen(cfg.Bind, cfg.Port)
	if err != nil {
		return err
	}
	defer ln.Close()

	t0 := time.Now()
	b := site.NewBuilder(site.Options{Content: cfs, Layouts: layouts, Drafts: cfg.Drafts, LiveReload: true})
	var watch []WatchRoot
	if dir != "" {
		watch = []WatchRoot{
			{Dir: dir},
			{Dir: filepath.Join(filepath.Dir(filepath.Clean(dir)), "layouts"), Prefix: "layouts/"},
		}
	}
	srv, err := New(ctx, Options{Site: builderSite{b: b, dir: dir}, Watch: watch, Log: cfg.Log, LocalOnly: IsLoopback(cfg.Bind), AllowHosts: cfg.AllowHosts})
	if err != nil {
		return err
	}
	url := URL(cfg.Bind, ln)
	what := "the built-in cookbook (no ./content here; seqdoc new DIR writes it out to edit)"
	if dir != "" {
		what = dir + ", watching for changes"
	}
	fmt.Fprintf(cfg.Out, "seqdoc serve: %s\n  %s, %d files built in memory in %s; Ctrl-C to stop\n",
		url, what, srv.Files(), time.Since(t0).Round(time.Millisecond))
	if cfg.Open {
		if err := OpenBrowser(url); err != nil {
			fmt.Fprintf(cfg.Log, "warning: %v\n", err)
		}
	}
	err = srv.Run(ctx, ln)
	fmt.Fprintln(cfg.Out, "seqdoc serve: stopped")
	return err
}

// builderSite adapts package site's Builder to Site. Error positions are
// given relative to the current folder (content/guide.md:3: …), like
// seqdoc build prints them.
type builderSite struct {
	b   *site.Builder
	dir string
}

func (s builderSite) Build(ctx context.Context) (Snapshot, error) {
	res, err := s.b.Build(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	return s.snapshot(res), nil
}

func (s builderSite) Rebuild(ctx context.Context, changed []string) (Snapshot, []string, error) {
	res, urls, err := s.b.Rebuild(ctx, changed)
	if err != nil {
		return Snapshot{}, nil, err
	}
	return s.snapshot(res), urls, nil
}

func (s builderSite) snapshot(res *site.Result) Snapshot {
	snap := Snapshot{Files: res.Files}
	for _, e := range res.Errors {
		if s.dir != "" {
			e.File = filepath.Join(s.dir, e.File)
		} else {
			e.File = "(built-in) " + e.File
		}
		snap.Errors = append(snap.Errors, e.String())
	}
	return snap
}
