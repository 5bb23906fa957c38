package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
)

// Options say what to import where.
type Options struct {
	// Capture is the HAR file to read ("-": Stdin).
	Capture string
	Stdin   io.Reader
	// Dir is the page bundle folder; it is created if missing.
	Dir string
	// KeepParams are names whose values the user keeps on purpose (see
	// har.RedactOptions).
	KeepParams []string
	// KeepPathSegments are path.Match patterns of URL path segments the
	// user keeps on purpose (see har.RedactOptions).
	KeepPathSegments []string
	// Progress, if set, is called after each entry with the bytes read
	// so far.
	Progress func(read int64)
}

// Summary says what Import found and wrote.
type Summary struct {
	Entries int
	// Hosts in the order they first appear.
	Hosts []string
	// Cookies are the cookie names seen (Cookie and Set-Cookie headers,
	// cookies arrays), sorted.
	Cookies []string
	// Sanitized is true when the capture has no Cookie or Set-Cookie
	// header at all (Chrome's default "sanitized" export).
	Sanitized bool
	// AppHost is the host of the first HTTP request: the application the
	// user opened.
	AppHost string

	CapturePath string
	IndexPath   string
	// IndexWritten is false when index.md existed and was kept.
	IndexWritten bool

	// Redacted counts the values replaced in URL paths and cookie names.
	Redacted har.RedactStats

	// Flow is the capture classified (package authflow): kinds, AWS
	// steps, findings.
	Flow *authflow.Flow

	// UnusedKeeps are the KeepParams that kept nothing: no parameter, form
	// field, cookie or header of that name had a value (a typo?).
	UnusedKeeps []UnusedKeep
	// UnusedPathPatterns are the KeepPathSegments that matched no path
	// segment.
	UnusedPathPatterns []string
}

// UnusedKeep is a --keep-param name that kept nothing, with the name of
// the capture it may have meant ("" when none is close).
type UnusedKeep struct{ Name, Suggest string }

// CaptureName is the name of the redacted capture in a page bundle.
const CaptureName = "capture.har"

// Import reads, redacts and writes the capture, then scaffolds index.md.
// When ctx is cancelled (Ctrl-C) it stops, removes what it started to
// write, and returns ctx's error.
func Import(ctx context.Context, opts Options) (*Summary, error) {
	r, err := har.Open(opts.Capture, har.ReadOptions{Stdin: opts.Stdin})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	created, err := mkdirAll(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("cannot create the page folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok { // leave no trace of a failed import
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i])
			}
		}
	}()

	sum := &Summary{CapturePath: filepath.Join(opts.Dir, CaptureName), IndexPath: filepath.Join(opts.Dir, "index.md"), Sanitized: true}
	err = atomicfile.Write(sum.CapturePath, true, func(f io.Writer) error {
		ropts := authflow.RedactOptions(opts.KeepParams)
		ropts.KeepPathSegments = opts.KeepPathSegments
		red := har.NewRedactor(ropts)
		cl := authflow.NewClassifier(r.Log())
		w := har.NewWriter(f)
		hosts, cookies := map[string]bool{}, map[string]bool{}
		names := nameSet{}
		for {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("import interrupted: nothing was written (%w)", err)
			}
			e, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			if sum.Entries == 0 {
				red.Log(r.Log())
			}
			red.Entry(e)
			cl.Add(e)
			sum.Entries++
			sum.note(e, hosts, cookies)
			if len(opts.KeepParams) > 0 {
				names.add(e)
			}
			if err := w.WriteEntry(r.Log(), e); err != nil {
				return err
			}
			if opts.Progress != nil {
				opts.Progress(r.BytesRead())
			}
		}
		red.Log(r.Log())
		unused := map[string]bool{}
		for _, n := range red.UnusedKeeps() {
			unused[n] = true
		}
		for _, n := range opts.KeepParams { // as the user spelled them, once each
			if ln := strings.ToLower(n); unused[ln] {
				delete(unused, ln)
				sum.UnusedKeeps = append(sum.UnusedKeeps, UnusedKeep{Name: n, Suggest: names.closest(ln)})
			}
		}
		sum.Flow = cl.Flow()
		sum.Redacted = red.Stats()
		sum.UnusedPathPatterns = red.UnusedPathPatterns()
		for c := range cookies {
			sum.Cookies = append(sum.Cookies, c)
		}
		sort.Strings(sum.Cookies)
		return w.Close(r.Log())
	})
	if err != nil {
		return nil, err
	}
	ok = true

	if _, err := os.Stat(sum.IndexPath); err == nil {
		return sum, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	page, err := StarterPage(sum.AppHost)
	if err != nil {
		return nil, err
	}
	sum.IndexWritten, err = atomicfile.WriteNew(sum.IndexPath, page, true)
	return sum, err
}

// note records the hosts and cookie names of an entry.
func (s *Summary) note(e *har.Entry, hosts, cookies map[string]bool) {
	if u, err := url.Parse(e.Request.URL); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		if s.AppHost == "" {
			s.AppHost = u.Hostname()
		}
		if !hosts[u.Host] {
			hosts[u.Host] = true
			s.Hosts = append(s.Hosts, u.Host)
		}
	}
	for _, v := range e.Request.HeaderValues("Cookie") {
		s.Sanitized = false
		for _, part := range strings.Split(v, ";") {
			if name, _, ok := strings.Cut(strings.TrimSpace(part), "="); ok && name != "" {
				cookies[name] = true
			}
		}
	}
	if len(e.Response.HeaderValues("Set-Cookie")) > 0 {
		s.Sanitized = false
	}
	for _, line := range e.Response.SetCookies() {
		if name, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(name) != "" {
			cookies[strings.TrimSpace(name)] = true
		}
	}
	for _, c := range e.Request.Cookies {
		cookies[c.Name] = true
	}
	for _, c := range e.Response.Cookies {
		cookies[c.Name] = true
	}
}

// StarterPage is the index.md that Import writes when there is none: front
// matter with a title from the application's host, and the seqdoc blocks
// that place the generated parts of the capture beside it.
func StarterPage(appHost string) ([]byte, error) {
	title := "Sign-in sequence"
	desc := "The sign-in and sign-out sequence recorded in " + CaptureName + "."
	if appHost != "" {
		title = appHost + " sign-in"
		desc = "The sign-in and sign-out sequence of " + appHost + " behind an AWS ALB with Amazon Cognito, recorded in " + CaptureName + "."
	}
	fm, err := yaml.Marshal(struct {
		Title       string `yaml:"title"`
		Description string `yaml:"description"`
	}{title, desc})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(fm)
	b.WriteString("---\n\n")
	b.WriteString(`What this page documents, in a sentence or two: which application, which
user journey, what went wrong (if anything). seqdoc fills in the parts below
from ` + "`" + CaptureName + "`" + `, the redacted capture beside this file; the prose is yours,
and ` + "`seqdoc import`" + ` never overwrites it.

## Sequence

` + "```seqdoc diagram\n```" + `

## Steps

` + "```seqdoc steps\n```" + `

## Cookies and headers

` + "```seqdoc glossary\n```" + `

## Findings

` + "```seqdoc findings\n```" + `
`)
	return b.Bytes(), nil
}

// mkdirAll creates dir and its missing parents, and returns the folders it
// created, outermost first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append([]string{d}, missing...)
		if filepath.Dir(d) == d {
			break
		}
	}
	return missing, os.MkdirAll(dir, 0o777)
}
