package main

import (
	"bufio"
	"context"
	"errors"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/har/flowdiff"
	"github.com/spf13/cobra"
)

// diffOptions are seqdoc diff's arguments and flags.
type diffOptions struct {
	Old, New string
	JSON     bool
	ExitCode bool
}

// errDiffer ends diff --exit-code with status 1 and no message, as git diff
// does.
var errDiffer = errors.New("the captures differ")

func newDiffCmd(s *Streams) *cobra.Command {
	return newDiffCmdWith(s, func(ctx context.Context, o *diffOptions) error { return runDiff(ctx, s, o) })
}

// newDiffCmdWith takes the function that runs the command, so that tests
// can check the arguments and flags alone.
func newDiffCmdWith(s *Streams, runF func(context.Context, *diffOptions) error) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD.har NEW.har",
		Short: "Show what changed between two captures of the same sign-in flow",
		Long: `Diff reads two captures of the same flow (say, before and after a change to
the listener rule or the application's logout), redacts and classifies both,
and says what changed, as a reviewer wants to read it:

  hosts and their roles   a host that came, went or changed role (ALB, IdP …)
  AWS steps               the workflow steps present in one capture only
  exchanges               the requests aligned by method, host and path (not by
                          position), each change with an unchanged one around
                          it: + only in NEW, - only in OLD, ~ another answer
  cookies                 added, removed, or changed in attributes, size or
                          shard count, and who sets or clears them
  findings                new and fixed

Two recordings of one flow always differ in timings, entry numbers, query
strings, the numbering of placeholders ({id-1}, redacted-state-2), assets,
third-party requests and how often a request repeats: none of that is shown.
When nothing else differs, diff says "no difference".

Exit status 0 whatever the difference (1 when a capture cannot be read, 2 for
wrong usage); with --exit-code, 1 when they differ, as git diff does. --json
prints the same as JSON. Either capture may be gzip-compressed; - reads one of
them from standard input; a page bundle's folder stands for its capture.`,
		Example: `  seqdoc diff before.har after.har               # what the change did to the sign-in
  seqdoc diff before.har after.har --exit-code   # in CI: fail when the flow changed
  seqdoc diff old.har.gz new.har --json | jq '.findings.new[].code'`,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			o.Old, o.New = args[0], args[1]
			if o.Old == "" || o.New == "" {
				return usageErrorf("a capture path is empty: name two .har files (or - for standard input)")
			}
			if o.Old == "-" && o.New == "-" {
				return usageErrorf("only one of the captures can be - (standard input)")
			}
			return runF(c.Context(), o)
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the differences as JSON")
	cmd.Flags().BoolVar(&o.ExitCode, "exit-code", false, "exit with status 1 when the captures differ")
	return cmd
}

// readFlow reads, redacts and classifies one capture ("-": standard
// input) through package capture, the one pipeline every command shares.
func readFlow(ctx context.Context, s *Streams, path string) (*authflow.Flow, error) {
	path, err := har.ResolveCapture(path) // a page bundle's folder: its capture
	if err != nil {
		return nil, err
	}
	c, err := capture.ReadPath(ctx, path, s.In, capture.Options{})
	if err != nil {
		return nil, err
	}
	return c.Flow, nil
}

func runDiff(ctx context.Context, s *Streams, o *diffOptions) error {
	old, err := readFlow(ctx, s, o.Old)
	if err != nil {
		return err
	}
	new, err := readFlow(ctx, s, o.New)
	if err != nil {
		return err
	}
	d := flowdiff.Compare(old, new)
	name := func(p string) string {
		if p == "-" {
			return "<stdin>"
		}
		return p
	}
	w := bufio.NewWriter(s.Out)
	if o.JSON {
		err = d.WriteJSON(w, name(o.Old), name(o.New))
	} else {
		err = d.WriteText(w, name(o.Old), name(o.New))
	}
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if o.ExitCode && !d.Empty() {
		return errDiffer
	}
	return nil
}
