package main

import (
	"bufio"
	"context"
	"os"
	"runtime/debug"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/spf13/cobra"
)

// inspectOptions are seqdoc inspect's arguments and flags.
type inspectOptions struct {
	Capture string
	JSON    bool
}

func newInspectCmd(s *Streams) *cobra.Command {
	return newInspectCmdWith(s, func(ctx context.Context, o *inspectOptions) error { return runInspect(ctx, s, o) })
}

// newInspectCmdWith takes the function that runs the command, so that tests
// can check the arguments and flags alone.
func newInspectCmdWith(s *Streams, runF func(context.Context, *inspectOptions) error) *cobra.Command {
	o := &inspectOptions{}
	cmd := &cobra.Command{
		Use:   "inspect CAPTURE.har",
		Short: "Classify a capture's requests (AWS steps, phases) and report findings",
		Long: `Inspect reads a HAR capture of a sign-in behind an AWS Application Load
Balancer with Amazon Cognito, redacts its secrets, and prints one line per
request: index, method, host and path, status, MIME type, time, its kind
(auth-redirect, idp, callback, app, asset, api, logout, idp-logout,
logout-callback, other), the AWS workflow steps it takes part in (hidden
server-to-server steps in parentheses) and its phase (login, app, logout).
Then the findings, each with its code as linters show them, and a summary of
the cookies and headers that matter.

--json prints the same as JSON, the machine contract:
{"entries":[…],"findings":[…],"cookies":[…],"headers":[…]}; each entry
{"index","method","url","status","kind","steps","hidden_steps","phase"},
each finding {"code","severity","entries","message"}. docs/contract.md in
seqdoc's repository describes every field, kind and finding code (with its
severity, likely cause and fix).

The capture may be gzip-compressed; "-" reads standard input; a folder
holding one capture (a page bundle) reads that one. Findings name the
capture as given, with the line of their first entry. Bodies are
skipped, so captures of any size take little memory. Nothing printed
carries a secret: values are replaced by placeholders before anything else
sees them. Exit status 1 when the capture cannot be read.`,
		Example: `  seqdoc inspect login.har                 # the table, findings and cookies
  seqdoc inspect login.har --json | jq '.findings[].code'
  gzip -dc login.har.gz | seqdoc inspect -  # from standard input`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Capture = args[0]
			if o.Capture == "" {
				return usageErrorf("the capture path is empty: name a .har file or - for standard input")
			}
			return runF(cmd.Context(), o)
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the classification as JSON (the contract of docs/contract.md)")
	return cmd
}

// inspectMemoryLimit is the soft heap limit inspect sets (unless GOMEMLIMIT
// says otherwise): the classification keeps a few hundred bytes per entry,
// and reading churns through garbage, so a limit keeps the resident size of
// a 1 GB capture well under 64 MB at the cost of more frequent collections.
const inspectMemoryLimit = 32 << 20

func runInspect(ctx context.Context, s *Streams, o *inspectOptions) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(inspectMemoryLimit))
	}
	path, err := har.ResolveCapture(o.Capture)
	if err != nil {
		return err
	}
	c, err := capture.ReadPath(ctx, path, s.In, capture.Options{})
	if err != nil {
		return err
	}
	flow := c.Flow
	w := bufio.NewWriter(s.Out)
	if o.JSON {
		err = authflow.WriteJSON(w, flow)
	} else {
		// As the user gave it (relative to the working folder), so that a
		// terminal or an editor can jump to capture.har:LINE.
		name := path
		if path == "-" {
			name = "<stdin>"
		}
		err = authflow.WriteTable(w, name, flow)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}
