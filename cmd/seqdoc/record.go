package main

import (
	"context"
	"errors"
	"os"
	"path"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/record"
	"github.com/seqdoc/seqdoc/site"
	"github.com/spf13/cobra"
)

// recordOptions are seqdoc record's arguments and flags.
type recordOptions struct {
	URL          string
	To           string
	Name         string // the capture's file name in the bundle, without .har ("" for capture.har)
	Browser      string
	BrowserFlags []string
	Headless     bool
	Steps        string
	Login        string
	User         string
	PasswordEnv  string
	Until        string
	Timeout      time.Duration
	StepTimeout  time.Duration
	KeepParams   []string
	KeepPaths    []string
}

func newRecordCmd(s *Streams) *cobra.Command {
	return newRecordCmdWith(s, func(ctx context.Context, o *recordOptions) error { return runRecord(ctx, s, o) })
}

// newRecordCmdWith takes the function that runs the command, so that tests
// can check the arguments and flags alone.
func newRecordCmdWith(s *Streams, runF func(context.Context, *recordOptions) error) *cobra.Command {
	o := &recordOptions{}
	cmd := &cobra.Command{
		Use:   "record URL --to DIR",
		Short: "Record a sign-in in a browser into a page bundle, redacted before anything is written",
		Long: `Record opens URL in Chrome, Chromium or Edge with a new, empty profile,
records every request of the session over the DevTools protocol, and
writes it as seqdoc import does: DIR/capture.har (DIR/NAME.har with
--name NAME), redacted, and a starter DIR/index.md when there is none. The capture is built and redacted in
memory: no raw cookie, token, code or password reaches the disk, and the
browser's profile folder is removed however the recording ends.

With a person (the default), a window opens: sign in, use the application,
sign out, then close the window or press Ctrl-C. The terminal counts the
requests and the AWS steps seen so far. --until URL-PATTERN stops when the
page reaches a matching address (* matches anything); --timeout stops
after a while.

Headless (--headless, for CI), the browser follows --steps FILE, a YAML list
of one-key steps:

  - goto: https://app.example.com/
  - fill: {selector: "input[name=username]", value: alice}
  - fill: {selector: "input[name=password]", value: "${SEQDOC_PASSWORD}"}
  - click: "input[type=submit]"
  - wait-url: "https://app.example.com/*"
  - wait: "#sign-out"
  - click: "#sign-out"
  - wait-url: "*/logged-out*"
  - sleep: 500ms

fill and click act on the first visible element that matches; ${VAR} comes
from the environment (a variable that is not set is an error before the
browser starts). When the first step is not a goto, the browser opens URL
first. --login cognito --user NAME --password-env VAR signs in on Cognito's
hosted UI (classic or managed login) before the steps, or without any.
Credentials are never taken on the command line. A step that fails or
times out (--step-timeout, 30s) ends the recording: exit status 1, the
step named, nothing written.

The browser is found on PATH (chromium, google-chrome, microsoft-edge …)
and in the usual install folders; --browser PATH names one. --browser-flag
passes a flag to it (repeatable): a proxy, or --host-resolver-rules and
--ignore-certificate-errors to reach a test environment under its
production host names. --keep-param and --keep-path-segment keep values as
for import.
Exit status 1 when the recording fails, 2 for wrong usage.`,
		Example: `  seqdoc record https://app.example.com/ --to content/cookbook/my-app/auth
  seqdoc record https://app.example.com/ --to content/cookbook/my-app/auth --until 'https://app.example.com/logged-out*'
  SEQDOC_PASSWORD=… seqdoc record https://app.example.com/ --to auth --headless --steps login.yaml
  SEQDOC_PASSWORD=… seqdoc record https://app.example.com/ --to auth --headless --login cognito --user alice --password-env SEQDOC_PASSWORD`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.URL = args[0]
			if !strings.HasPrefix(o.URL, "https://") && !strings.HasPrefix(o.URL, "http://") {
				return usageErrorf("the URL must start with https:// or http:// (got %q)", o.URL)
			}
			if o.To == "" {
				return usageErrorf("--to DIR is required: the page folder to write capture.har and index.md into")
			}
			if o.Headless && o.Steps == "" && o.Login == "" {
				return usageErrorf("--headless needs --steps FILE or --login cognito: nobody is there to click")
			}
			if o.Login != "" && o.Login != "cognito" {
				return usageErrorf("--login %s: the built-in sign-in knows cognito", o.Login)
			}
			if o.Login != "" && (o.User == "" || o.PasswordEnv == "") {
				return usageErrorf("--login cognito needs --user NAME and --password-env VAR (the variable that holds the password)")
			}
			if o.Login == "" && (o.User != "" || o.PasswordEnv != "") {
				return usageErrorf("--user and --password-env go with --login cognito")
			}
			for _, p := range o.KeepPaths {
				if _, err := path.Match(p, ""); err != nil {
					return usageErrorf("--keep-path-segment %q: %v (a path.Match pattern: *, ?, [a-z], \\ quotes)", p, err)
				}
			}
			if _, err := site.CaptureFile(o.Name); err != nil {
				return usageErrorf("--name: %v", err)
			}
			if o.Until != "" && o.Headless {
				return usageErrorf("--until is for a recording with a person; headless, the steps say when it ends")
			}
			return runF(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.To, "to", "", "the page bundle folder to write into (created if missing)")
	f.StringVar(&o.Name, "name", "", "write the capture as DIR/NAME.har instead of capture.har (a second capture of the page)")
	f.StringVar(&o.Browser, "browser", "", "the browser to run (Chrome, Chromium or Edge); found on PATH when not given")
	f.StringArrayVar(&o.BrowserFlags, "browser-flag", nil, "a flag for the browser, such as --proxy-server=… (repeatable)")
	f.BoolVar(&o.Headless, "headless", false, "no window: follow --steps (and/or --login)")
	f.StringVar(&o.Steps, "steps", "", "the YAML steps of a headless recording")
	f.StringVar(&o.Login, "login", "", "sign in on the IdP's hosted UI first: cognito")
	f.StringVar(&o.User, "user", "", "the user name of --login")
	f.StringVar(&o.PasswordEnv, "password-env", "", "the environment variable that holds the password of --login")
	f.StringVar(&o.Until, "until", "", "stop when the page's address matches this pattern (* matches anything)")
	f.DurationVar(&o.Timeout, "timeout", 0, "stop recording after this long (0: no limit)")
	f.DurationVar(&o.StepTimeout, "step-timeout", 30*time.Second, "the longest a step may take")
	f.StringArrayVar(&o.KeepParams, "keep-param", nil, "keep the value of this parameter, form field, cookie or header (repeatable)")
	f.StringArrayVar(&o.KeepPaths, "keep-path-segment", nil, "keep the URL path segments that match this pattern, e.g. 'Team*' (repeatable)")
	return cmd
}

func runRecord(ctx context.Context, s *Streams, o *recordOptions) error {
	if fi, err := os.Stat(o.To); err == nil && !fi.IsDir() {
		return usageErrorf("--to %s is a file; name the page folder to write capture.har and index.md into", o.To)
	}
	ro := record.Options{
		URL: o.URL, Browser: o.Browser, BrowserFlags: o.BrowserFlags, Headless: o.Headless,
		Until: o.Until, Timeout: o.Timeout, StepTimeout: o.StepTimeout,
		Status: s.Err, Live: isTerminal(s.Err),
		Creator: har.Creator{Name: "seqdoc", Version: seqdocVersion()},
		KeepFormValue: func(name string) bool {
			for _, k := range o.KeepParams {
				if strings.EqualFold(k, name) {
					return true
				}
			}
			return false
		},
	}
	// Everything that can be wrong is said before the browser starts.
	if o.Steps != "" {
		data, err := os.ReadFile(o.Steps)
		if err != nil {
			return err
		}
		if ro.Steps, err = record.ParseSteps(data, o.Steps, os.LookupEnv); err != nil {
			return err
		}
	}
	if o.Login != "" {
		pw, ok := os.LookupEnv(o.PasswordEnv)
		if !ok || pw == "" {
			return usageErrorf("--password-env %s: the variable is not set (export it with the password; a password never goes on the command line)", o.PasswordEnv)
		}
		ro.Login = &record.Login{Provider: o.Login, User: o.User, Password: pw}
	}
	if _, err := record.FindBrowser(o.Browser); err != nil {
		return err
	}
	c, err := record.Record(ctx, ro)
	if err != nil {
		return err
	}
	// With a person, Ctrl-C ends the recording: what it holds is written
	// all the same (in milliseconds, redacted first).
	wctx := ctx
	if !o.Headless {
		wctx = context.WithoutCancel(ctx)
	}
	if len(c.Entries) == 0 {
		return errors.New("the recording holds no request: nothing was written")
	}
	file, err := site.CaptureFile(o.Name)
	if err != nil {
		return usageErrorf("--name: %v", err)
	}
	im, err := site.Import(wctx, capture.FromEntries(c.Log, c.Entries), o.To, file, capture.Options{KeepParams: o.KeepParams, KeepPathSegments: o.KeepPaths})
	if err != nil {
		return err
	}
	writeImportSummary(s, "recorded", im.CapturePath, im)
	return nil
}
