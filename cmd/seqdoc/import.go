package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/progress"
	"github.com/seqdoc/seqdoc/site"
	"github.com/spf13/cobra"
)

// importOptions are seqdoc import's arguments and flags.
type importOptions struct {
	Capture    string
	To         string
	Name       string // the capture's file name in the bundle, without .har ("" for capture.har)
	KeepParams []string
	KeepPaths  []string
}

// progressThreshold is the capture size above which import draws a progress
// bar (on a terminal only).
var progressThreshold int64 = 50 << 20

func newImportCmd(s *Streams) *cobra.Command {
	return newImportCmdWith(s, func(ctx context.Context, o *importOptions) error { return runImport(ctx, s, o) })
}

// newImportCmdWith takes the function that runs the command, so that tests
// can check the arguments and flags alone.
func newImportCmdWith(s *Streams, runF func(context.Context, *importOptions) error) *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import CAPTURE.har --to DIR [--name NAME]",
		Short: "Redact a capture into a page bundle: DIR/capture.har and a starter DIR/index.md",
		Long: `Import reads a HAR capture (gzip-compressed or not; "-" reads standard
input; a folder holding one capture reads that one), replaces every secret in it by a placeholder, and writes the result
to DIR/capture.har, pretty-printed and the same bytes for the same input.
--name NAME writes DIR/NAME.har instead: a second capture of the same page
(a failed attempt beside the happy path), which a block places with a
"capture: NAME.har" line. A capture that was there is replaced, and import
says how many entries it held and holds now.

Redaction is an allow-list: methods, hosts, status codes, timings, sizes,
MIME types, header and cookie names, cookie attributes, parameter names and
the public OAuth parameters (client_id, redirect_uri, response_type, scope,
logout_uri, identity_provider, lang; for OIDC IdPs also
post_logout_redirect_uri, response_mode, prompt, code_challenge_method,
ui_locales; an OAuth error code) stay; every other value becomes a
placeholder such as redacted-state-1, the same one wherever the same value
appears. JWTs keep their alg/kid/typ, claim names and iss/exp/iat;
Authorization keeps its scheme; bodies are dropped except form field names.
--keep-param NAME keeps the value of one more parameter, form field, cookie
or header on purpose (a name that kept nothing, a typo such as usrname,
gets a warning).

Paths keep their route words (oauth2, idpresponse, v2.0, userInfo,
app.js …); a value in a path (an id, a token, an e-mail address, a UUID)
becomes a placeholder named by its shape, counted per capture:
/api/accounts/{id-1}/transactions/{id-2}, /invite/{token-1}/accept. A cookie
name that carries a value keeps its prefix: wordpress_logged_in_{token-1}.
--keep-path-segment PATTERN keeps the path segments that match a pattern
(path.Match syntax: *, ?, [a-z]) on purpose.

When DIR has no index.md, import writes a starter page: front matter whose
title and description say what the capture shows (sign-in, a rejected
attempt, an expired session, sign-out, the top finding), and the seqdoc
blocks (diagram, steps, glossary, findings). An existing index.md is never
touched; when it does not show a capture named with --name, import prints
the block that does. Nothing is half-written: files are written to a
temporary name and renamed. Exit status 1 when the capture cannot be read
(the message says file:line:col), 2 for wrong usage.`,
		Example: `  seqdoc import login.har --to content/cookbook/my-app/auth
  seqdoc import login.har.gz --to content/cookbook/my-app/auth --keep-param username
  seqdoc import wrong.har --to content/cookbook/my-app/auth --name wrong-password
  seqdoc import login.har --to content/cookbook/my-app/auth --keep-path-segment 'Team*' 
  gzip -dc login.har.gz | seqdoc import - --to content/cookbook/my-app/auth`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Capture = args[0]
			if o.Capture == "" {
				return usageErrorf("the capture path is empty: name a .har file or - for standard input")
			}
			if o.To == "" {
				return usageErrorf("--to DIR is required: the page folder to write capture.har and index.md into")
			}
			if _, err := site.CaptureFile(o.Name); err != nil {
				return usageErrorf("--name: %v", err)
			}
			for _, p := range o.KeepPaths {
				if err := har.CheckPathPattern(p); err != nil {
					return usageErrorf("--keep-path-segment %q: %v (a path.Match pattern: *, ?, [a-z], \\ quotes)", p, err)
				}
			}
			return runF(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.To, "to", "", "the page bundle folder to write into (created if missing)")
	cmd.Flags().StringVar(&o.Name, "name", "", "write the capture as DIR/NAME.har instead of capture.har (a second capture of the page)")
	cmd.Flags().StringArrayVar(&o.KeepParams, "keep-param", nil, "keep the value of this parameter, form field, cookie or header (repeatable)")
	cmd.Flags().StringArrayVar(&o.KeepPaths, "keep-path-segment", nil, "keep the URL path segments that match this pattern, e.g. 'Team*' (repeatable)")
	return cmd
}

func runImport(ctx context.Context, s *Streams, o *importOptions) error {
	path, err := har.ResolveCapture(o.Capture)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(o.To); err == nil && !fi.IsDir() {
		return usageErrorf("--to %s is a file; name the page folder to write capture.har and index.md into", o.To)
	}
	opts := capture.Options{KeepParams: o.KeepParams, KeepPathSegments: o.KeepPaths}
	src, err := capture.Open(ctx, path, s.In)
	if err != nil {
		return err
	}
	defer src.Close()
	var bar *progress.Bar
	if path != "-" && isTerminal(s.Err) {
		if fi, err := os.Stat(path); err == nil && fi.Size() > progressThreshold {
			bar = progress.New(s.Err, "importing "+filepath.Base(path), fi.Size())
			opts.Progress = bar.Set
		}
	}
	file, err := site.CaptureFile(o.Name)
	if err != nil {
		return usageErrorf("--name: %v", err)
	}
	im, err := site.Import(ctx, src, o.To, file, opts)
	if bar != nil {
		bar.Done()
	}
	if err != nil {
		return err
	}
	writeImportSummary(s, "imported", path, im)
	return nil
}

// writeImportSummary says what import (or record) wrote and what the
// capture shows, and warns on stderr of keep flags that kept nothing: verb
// is "imported" or "recorded", name the capture read (or, for record, the
// capture written).
func writeImportSummary(s *Streams, verb, name string, im *site.Imported) {
	w, c, f := s.Out, im.Capture, im.Capture.Flow
	fmt.Fprintf(w, "%s %s: %s, %s, %s\n", verb, printable(name), plural(c.Entries, "entry", "entries"), plural(len(c.Hosts), "host", "hosts"), plural(len(c.Cookies), "cookie", "cookies"))
	switch p := im.Replaced; {
	case p == nil:
		fmt.Fprintf(w, "  wrote %s (redacted)\n", printable(im.CapturePath))
	case p.Entries < 0:
		fmt.Fprintf(w, "  replaced %s (redacted; what it held was not a readable capture: %v)\n", printable(im.CapturePath), p.Err)
	default:
		fmt.Fprintf(w, "  replaced %s (redacted; it held %s, now %d)\n", printable(im.CapturePath), plural(p.Entries, "entry", "entries"), c.Entries)
	}
	file := filepath.Base(im.CapturePath)
	switch {
	case im.IndexWritten:
		fmt.Fprintf(w, "  wrote %s (a starter page: add your prose)\n", printable(im.IndexPath))
		fmt.Fprintf(w, "  title: %s\n", printable(site.Summarize(c).Title))
	case im.IndexShows:
		fmt.Fprintf(w, "  kept %s (it exists; import never overwrites it)\n", printable(im.IndexPath))
	default:
		fmt.Fprintf(w, "  kept %s (it exists; import never overwrites it); it does not show %s yet: add blocks such as\n", printable(im.IndexPath), printable(file))
		fmt.Fprintf(w, "      ```seqdoc diagram\n      capture: %s\n      ```\n", printable(file))
	}
	if len(c.Hosts) > 0 {
		fmt.Fprintf(w, "  hosts: %s\n", printableList(c.Hosts))
	}
	if len(c.Cookies) > 0 {
		fmt.Fprintf(w, "  cookies: %s\n", printableList(c.Cookies))
	}
	fmt.Fprintf(w, "  %s\n", pathSummary(c.Redacted))
	if seen, hidden := f.AWSSteps(); len(seen)+len(hidden) > 0 {
		implied := ""
		if len(hidden) > 0 { // a capture that stops before the callback implies none
			implied = ", " + authflow.StepList(hidden) + " implied (server to server)"
		}
		fmt.Fprintf(w, "  AWS steps: %s in the capture%s\n", authflow.StepList(seen), implied)
	} else {
		fmt.Fprintln(w, "  AWS steps: none found (no sign-in through an ALB recognised)")
	}
	if len(f.Findings) == 0 {
		fmt.Fprintln(w, "  findings: none")
	} else {
		fmt.Fprintf(w, "  findings: %d (seqdoc inspect shows them with their entries)\n", len(f.Findings))
		pname := name
		if pname == "-" {
			pname = "<stdin>"
		}
		for _, x := range f.Findings {
			pos := f.FindingPos(pname, x) // where it starts in the capture read, as inspect says it
			fmt.Fprintf(w, "    %s: %s: %s [%s]\n", printable(pos), x.Severity, printable(x.Message), x.Code)
		}
	}
	for _, k := range c.UnusedKeeps {
		hint := "a typo?"
		if k.Suggest != "" {
			hint = "did you mean --keep-param " + printable(k.Suggest) + "?"
		}
		fmt.Fprintf(s.Err, "warning: --keep-param %s kept nothing: no parameter, form field, cookie or header of that name has a value in %s (%s)\n", printable(k.Name), printable(name), hint)
	}
	for _, p := range c.UnusedPathPatterns {
		fmt.Fprintf(s.Err, "warning: --keep-path-segment %s kept nothing: no path segment in %s matches it (a pattern matches one whole segment, decoded: 'Team*', not '/teams/Team*')\n", printable(p), printable(name))
	}
	// The same rule as the sanitized-capture finding (Flow.Sanitized).
	switch {
	case f.Sanitized:
		fmt.Fprintln(w, "  sanitized: yes (no Cookie or Set-Cookie header at all; see [sanitized-capture] for how to export with them)")
	case c.Entries > 0:
		fmt.Fprintln(w, "  sanitized: no (cookie headers present; their values were redacted)")
	}
}

// pathSummary says how many values redaction found in URL paths and cookie
// names.
func pathSummary(r har.RedactStats) string {
	s := "paths: route words only, nothing replaced"
	if r.PathValues > 0 {
		s = "paths: " + plural(r.PathValues, "value", "values") + " in " + plural(r.PathRequests, "request", "requests") +
			" replaced by placeholders ({id-1}, {token-1} …); --keep-path-segment keeps a public one"
	}
	if r.CookieNames > 0 {
		s += "\n  cookie names: " + plural(r.CookieNames, "name carries", "names carry") + " a value, replaced after the prefix"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// printable quotes a string from a capture if it holds anything a terminal
// would interpret.
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

func printableList(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = printable(x)
	}
	return strings.Join(out, ", ")
}
