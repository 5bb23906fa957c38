package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// Options tune a check.
type Options struct {
	// FailOn is the lowest severity that fails the check; "" fails on no
	// finding (only on captures that cannot be read).
	FailOn authflow.Severity
	// Stdin is read for the argument "-".
	Stdin io.Reader
	// Workers is how many captures are read at once (0: GOMAXPROCS).
	Workers int
	// ToolVersion is seqdoc's version, for SARIF's tool.driver.version.
	ToolVersion string
}

// Report is the outcome of a check: one Capture per capture, in argument
// order.
type Report struct {
	FailOn      authflow.Severity
	Captures    []Capture
	toolVersion string
}

// Capture is one capture's findings, or why it could not be read.
type Capture struct {
	// Path is the capture's path as given (or found below a folder given,
	// or matched by a pattern), "-" for standard input.
	Path string
	// Err says why the capture could not be read; Findings is then empty.
	Err      error
	Findings []Finding
}

// Finding is a finding of har/authflow and where it is in the capture.
type Finding struct {
	authflow.Finding
	// Line and Col are where the finding's first entry starts in the
	// capture (0: the finding is about the whole capture, or unknown).
	Line, Col int
}

// Run expands args into captures and checks each. The error is a
// *UsageError when an argument cannot name a capture, or the context's
// error; a capture that cannot be read is a Capture with Err set.
func Run(ctx context.Context, args []string, opts Options) (*Report, error) {
	targets, err := expand(args)
	if err != nil {
		return nil, err
	}
	rep := &Report{FailOn: opts.FailOn, Captures: make([]Capture, len(targets)), toolVersion: opts.ToolVersion}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(targets))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rep.Captures[i] = checkOne(ctx, targets[i], opts.Stdin)
			}
		}()
	}
	for i := range targets {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rep, nil
}

func checkOne(ctx context.Context, t target, stdin io.Reader) Capture {
	c := Capture{Path: t.path, Err: t.err}
	if c.Err != nil {
		return c
	}
	flow, err := readFlow(ctx, t.path, stdin)
	if err != nil {
		c.Err = err
		return c
	}
	for _, f := range flow.Findings {
		x := Finding{Finding: f}
		if e := flow.FirstEntry(f); e != nil {
			x.Line, x.Col = e.Line, e.Col
		}
		c.Findings = append(c.Findings, x)
	}
	// In file order, as linters list them; a finding about the whole
	// capture first.
	sort.SliceStable(c.Findings, func(i, j int) bool {
		a, b := c.Findings[i], c.Findings[j]
		return a.Line < b.Line || (a.Line == b.Line && a.Col < b.Col)
	})
	return c
}

// Failing reports whether f is at or above the threshold.
func (r *Report) Failing(f Finding) bool {
	return r.FailOn != "" && f.Severity.AtLeast(r.FailOn)
}

// Failed reports whether the check fails: a capture could not be read, or
// a finding is at or above the threshold.
func (r *Report) Failed() bool {
	s := r.Summary()
	return s.Unreadable > 0 || s.Failing > 0
}

// Summary counts a report.
type Summary struct {
	Captures   int
	Unreadable int
	Findings   map[authflow.Severity]int
	Failing    int // findings at or above the threshold
	// FailingCaptures is the number of captures with a failing finding.
	FailingCaptures int
}

// Summary counts the captures and findings.
func (r *Report) Summary() Summary {
	s := Summary{Captures: len(r.Captures), Findings: map[authflow.Severity]int{}}
	for _, c := range r.Captures {
		if c.Err != nil {
			s.Unreadable++
		}
		failing := false
		for _, f := range c.Findings {
			s.Findings[f.Severity]++
			if r.Failing(f) {
				s.Failing++
				failing = true
			}
		}
		if failing {
			s.FailingCaptures++
		}
	}
	return s
}

// String is the summary in one line: "3 captures: 1 error, 2 warnings,
// 0 info; 1 finding at or above error in 1 capture; 1 capture could not be
// read".
func (s Summary) String(failOn authflow.Severity) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s checked: %d %s, %d %s, %d info", s.Captures, plural(s.Captures, "capture", "captures"),
		s.Findings[authflow.SeverityError], plural(s.Findings[authflow.SeverityError], "error", "errors"),
		s.Findings[authflow.SeverityWarning], plural(s.Findings[authflow.SeverityWarning], "warning", "warnings"),
		s.Findings[authflow.SeverityInfo])
	switch {
	case failOn == "":
	case s.Failing == 0:
		fmt.Fprintf(&b, "; no finding at or above %s", failOn)
	default:
		fmt.Fprintf(&b, "; %d %s at or above %s in %d %s", s.Failing, plural(s.Failing, "finding", "findings"), failOn,
			s.FailingCaptures, plural(s.FailingCaptures, "capture", "captures"))
	}
	if s.Unreadable > 0 {
		fmt.Fprintf(&b, "; %d %s could not be read", s.Unreadable, plural(s.Unreadable, "capture", "captures"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ErrorLine says in one line why the capture could not be read:
// "PATH:LINE:COL: what is wrong" for a capture that is not valid HAR,
// "PATH: what is wrong" otherwise.
func (c Capture) ErrorLine() string {
	if c.Err == nil {
		return ""
	}
	var he *har.Error
	if errors.As(c.Err, &he) {
		return oneLine(he.Error())
	}
	name := displayPath(c.Path)
	msg := c.Err.Error()
	var pe *fs.PathError
	switch {
	case errors.Is(c.Err, fs.ErrNotExist):
		msg = "no such file (name a capture, a folder or a glob pattern)"
	case errors.As(c.Err, &pe):
		msg = pe.Err.Error()
	}
	return oneLine(name + ": " + strings.TrimPrefix(msg, name+": "))
}

// displayPath is the path as printed: "<stdin>" for standard input.
func displayPath(p string) string {
	if p == "-" {
		return "<stdin>"
	}
	return p
}

// oneLine keeps a message on one line and drops control characters, so
// that a capture cannot drive the terminal.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return '?'
		}
		return r
	}, s)
}
