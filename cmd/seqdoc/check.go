package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/har/check"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
	"github.com/spf13/cobra"
)

// checkOptions are seqdoc check's arguments and flags.
type checkOptions struct {
	Captures []string
	FailOn   authflow.Severity // "" never fails on findings
	Format   check.Format
	Output   string // "" or "-": standard output
}

func newCheckCmd(s *Streams) *cobra.Command {
	return newCheckCmdWith(s, func(ctx context.Context, o *checkOptions) error { return runCheck(ctx, s, o) })
}

// newCheckCmdWith takes the function that runs the command, so that tests
// can check the arguments and flags alone.
func newCheckCmdWith(s *Streams, runF func(context.Context, *checkOptions) error) *cobra.Command {
	o := &checkOptions{}
	var failOn, format string
	cmd := &cobra.Command{
		Use:   "check CAPTURE...",
		Short: "Check captures for findings, as a CI gate (text, JSON, SARIF, JUnit)",
		Long: `Check reads captures, redacts and classifies each, and reports their findings
the way a linter does, for CI: one line per finding,

  PATH:LINE:COL: severity: message [code]

with PATH as you gave it (or as found below a folder you gave) and LINE:COL
where the capture's entry starts, so that editors and CI annotations can jump to it.

A CAPTURE is a file (.har, or gzip-compressed), - for standard input, a folder
(every capture.har, *.har and *.har.gz below it; hidden folders and
node_modules are skipped) or a glob pattern (quote it; ** stands for any
number of folders).

--format json gives the findings of each capture with severity, code, entries,
line and message; sarif gives SARIF 2.1.0 for GitHub code scanning (a rule per
finding code with its help text and a link to the cookbook's findings page);
junit gives JUnit XML for test dashboards (a test case per capture, a failure
per finding at or above --fail-on). -o writes the report to a file instead of
standard output (whole or not at all).

Exit status: 1 when a finding is at or above --fail-on (error, warning, info;
default error; never: findings never fail) or a capture cannot be read (those
are listed first on standard error, one line each); 2 for wrong usage; 0
otherwise. A one-line summary goes to standard error.

In GitHub Actions: run seqdoc check --format sarif -o seqdoc.sarif, then
upload the file with the github/codeql-action/upload-sarif step (if: always(),
so that a failing check still uploads): the findings show as code scanning
alerts on the capture's lines. The README's "In CI" section has the workflow.`,
		Example: `  seqdoc check content/                            # every capture of the docs; fails on an error
  seqdoc check login.har logout.har.gz --fail-on warning
  seqdoc check 'captures/**/*.har' --format sarif -o seqdoc.sarif
  seqdoc check content/ --format junit -o seqdoc-junit.xml --fail-on never
  gzip -dc login.har.gz | seqdoc check -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			var err error
			if o.FailOn, err = parseFailOn(failOn); err != nil {
				return err
			}
			o.Format = check.Format(format)
			if !validFormat(o.Format) {
				return usageErrorf("--format %q: use one of %s", format, formatList())
			}
			o.Captures = args
			return runF(c.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&failOn, "fail-on", "error", "lowest severity that fails the check: error, warning, info or never")
	f.StringVar(&format, "format", "text", "report format: "+formatList())
	f.StringVarP(&o.Output, "output", "o", "", "write the report to this file (default: standard output)")
	return cmd
}

// parseFailOn reads a --fail-on value: a severity, or never ("").
func parseFailOn(v string) (authflow.Severity, error) {
	switch s := authflow.Severity(strings.ToLower(v)); s {
	case authflow.SeverityError, authflow.SeverityWarning, authflow.SeverityInfo:
		return s, nil
	case "never":
		return "", nil
	}
	return "", usageErrorf("--fail-on %q: use error, warning, info or never", v)
}

func validFormat(f check.Format) bool {
	for _, x := range check.Formats {
		if f == x {
			return true
		}
	}
	return false
}

func formatList() string {
	var fs []string
	for _, f := range check.Formats {
		fs = append(fs, string(f))
	}
	return strings.Join(fs, ", ")
}

func runCheck(ctx context.Context, s *Streams, o *checkOptions) error {
	rep, err := check.Run(ctx, o.Captures, check.Options{FailOn: o.FailOn, Stdin: s.In, ToolVersion: seqdocVersion()})
	var ue *check.UsageError
	if errors.As(err, &ue) {
		return usageError{ue}
	}
	if err != nil {
		return err
	}
	for _, c := range rep.Captures {
		if c.Err != nil {
			fmt.Fprintln(s.Err, c.ErrorLine())
		}
	}
	write := func(w io.Writer) error { return rep.Write(w, o.Format) }
	if o.Output == "" || o.Output == "-" {
		bw := bufio.NewWriter(s.Out)
		if err := write(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	} else {
		if err := atomicfile.MkdirAll(filepath.Dir(o.Output)); err != nil {
			return err
		}
		if err := atomicfile.Write(o.Output, false, write); err != nil {
			return err
		}
	}
	summary := rep.Summary().String(o.FailOn)
	if rep.Failed() {
		return errors.New(summary)
	}
	_, err = fmt.Fprintln(s.Err, summary)
	return err
}
