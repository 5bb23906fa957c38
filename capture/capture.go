package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
)

// Options tune the pipeline.
type Options struct {
	// KeepParams names query parameters, form fields, cookies or headers
	// whose values the user keeps on purpose (seqdoc import --keep-param),
	// beside the public ones (authflow.RedactOptions).
	KeepParams []string
	// KeepPathSegments are path.Match patterns of URL path segments the
	// user keeps on purpose (seqdoc import --keep-path-segment; see
	// har.RedactOptions).
	KeepPathSegments []string
	// Progress, if set, is called after each entry with the bytes of the
	// file read so far (sources that read a file only).
	Progress func(read int64)
}

// Capture is a redacted, classified capture: the model that inspect's
// table and JSON, import's summary and the site's pages read.
type Capture struct {
	// Flow is the classification (package authflow): every entry's kind,
	// AWS steps and phase, the participants, findings, cookies and headers,
	// and whether the capture was exported without cookies (Sanitized).
	Flow *authflow.Flow
	// Entries is the number of entries.
	Entries int
	// Hosts are the hosts of the HTTP(S) requests, as written, in the order
	// they first appear.
	Hosts []string
	// Cookies are the cookie names seen (Cookie and Set-Cookie headers,
	// cookies arrays), sorted.
	Cookies []string
	// AppHost is the host of the first HTTP(S) request: the application
	// the user opened.
	AppHost string

	// Redacted counts the values replaced in URL paths and cookie names.
	Redacted har.RedactStats
	// UnusedKeeps are the KeepParams that kept nothing: no parameter, form
	// field, cookie or header of that name had a value (a typo?).
	UnusedKeeps []UnusedKeep
	// UnusedPathPatterns are the KeepPathSegments that matched no path
	// segment.
	UnusedPathPatterns []string
}

// UnusedKeep is a KeepParams name that kept nothing, with the name of the
// capture it may have meant ("" when none is close).
type UnusedKeep struct{ Name, Suggest string }

// Read runs src through the pipeline: each entry is redacted, then
// classified. Nothing is written.
func Read(ctx context.Context, src Source, opts Options) (*Capture, error) {
	return run(ctx, src, nil, opts)
}

// ReadPath opens the capture at path ("-": stdin, as Open) and reads it
// through the pipeline: what inspect, check and diff do with a file.
func ReadPath(ctx context.Context, path string, stdin io.Reader, opts Options) (*Capture, error) {
	src, err := Open(ctx, path, stdin)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return Read(ctx, src, opts)
}

// Write runs src through the pipeline and writes the redacted capture to w:
// pretty-printed, the same bytes for the same input, and unchanged when
// read and written again.
func Write(ctx context.Context, src Source, w io.Writer, opts Options) (*Capture, error) {
	return run(ctx, src, har.NewWriter(w), opts)
}

// WriteFile is Write into the file path, whole or not at all: a temporary
// file beside path, synced to the disk and renamed over path only once the
// capture was read to its end. On any failure (a bad capture, a cancelled
// ctx) path is left as it was.
func WriteFile(ctx context.Context, src Source, path string, opts Options) (*Capture, error) {
	var c *Capture
	err := atomicfile.Write(path, true, func(w io.Writer) (err error) {
		c, err = Write(ctx, src, w, opts)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// run is the pipeline: read, redact, classify, and write when w is set.
// The log's fields are redacted as they become known (those before the
// entries with the first entry, the rest at the end), so that placeholders
// are numbered in the order the file holds the values.
func run(ctx context.Context, src Source, w *har.Writer, opts Options) (*Capture, error) {
	ropts := authflow.RedactOptions(opts.KeepParams)
	ropts.KeepPathSegments = opts.KeepPathSegments
	red := har.NewRedactor(ropts)
	cl := authflow.NewClassifier(src.Log())
	seen := newSeen()
	names := nameSet{} // what a --keep-param that kept nothing may have meant
	progress, _ := src.(progressSource)
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return nil, interrupted(ctx, err)
		}
		e, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, interrupted(ctx, err)
		}
		if n == 0 {
			red.Log(src.Log())
		}
		n++
		red.Entry(e)
		if w != nil {
			if err := w.WriteEntry(src.Log(), e); err != nil {
				return nil, err
			}
			if e.Line == 0 { // built in memory: findings point into the capture written
				e.Line, e.Col = w.EntryPos()
			}
		}
		cl.Add(e)
		seen.note(e)
		if len(opts.KeepParams) > 0 {
			names.add(e)
		}
		if opts.Progress != nil && progress != nil {
			opts.Progress(progress.BytesRead())
		}
	}
	red.Log(src.Log())
	if w != nil {
		if err := w.Close(src.Log()); err != nil {
			return nil, err
		}
	}
	return &Capture{Flow: cl.Flow(), Entries: n, Hosts: seen.hosts, Cookies: seen.sortedCookies(), AppHost: seen.appHost,
		Redacted: red.Stats(), UnusedKeeps: unusedKeeps(red, opts.KeepParams, names), UnusedPathPatterns: red.UnusedPathPatterns()}, nil
}

// unusedKeeps are the keep names that kept nothing, as the user spelled
// them, once each.
func unusedKeeps(red *har.Redactor, keep []string, names nameSet) []UnusedKeep {
	unused := map[string]bool{}
	for _, n := range red.UnusedKeeps() {
		unused[n] = true
	}
	var out []UnusedKeep
	for _, n := range keep {
		if ln := strings.ToLower(n); unused[ln] {
			delete(unused, ln)
			out = append(out, UnusedKeep{Name: n, Suggest: names.closest(ln)})
		}
	}
	return out
}

// interrupted turns the error of a read that ctx's cancellation broke off
// into one that says so: "interrupted (interrupt signal received)".
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	return fmt.Errorf("interrupted (%w)", context.Cause(ctx))
}

// seen collects the hosts and cookie names of the entries.
type seen struct {
	hosts    []string
	appHost  string
	seenHost map[string]bool
	cookies  map[string]bool
}

func newSeen() *seen { return &seen{seenHost: map[string]bool{}, cookies: map[string]bool{}} }

func (s *seen) note(e *har.Entry) {
	if u, err := url.Parse(e.Request.URL); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		if s.appHost == "" {
			s.appHost = u.Hostname()
		}
		if !s.seenHost[u.Host] {
			s.seenHost[u.Host] = true
			s.hosts = append(s.hosts, u.Host)
		}
	}
	for _, v := range e.Request.HeaderValues("Cookie") {
		for _, part := range strings.Split(v, ";") {
			if name, _, ok := strings.Cut(strings.TrimSpace(part), "="); ok && name != "" {
				s.cookies[name] = true
			}
		}
	}
	for _, line := range e.Response.SetCookies() {
		if name, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(name) != "" {
			s.cookies[strings.TrimSpace(name)] = true
		}
	}
	for _, c := range e.Request.Cookies {
		s.cookies[c.Name] = true
	}
	for _, c := range e.Response.Cookies {
		s.cookies[c.Name] = true
	}
}

func (s *seen) sortedCookies() []string {
	out := make([]string, 0, len(s.cookies))
	for c := range s.cookies {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
