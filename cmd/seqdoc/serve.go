package main

import (
	"context"
	"strings"

	"github.com/seqdoc/seqdoc/site/server"
	"github.com/spf13/cobra"
)

// serveOptions are seqdoc serve's flags.
type serveOptions struct {
	Src    string
	Bind   string
	Port   int
	Open   bool
	Drafts bool
	// AllowHosts are --allow-host names.
	AllowHosts []string
}

func newServeCmd(s *Streams) *cobra.Command {
	return newServeCmdWith(s, func(ctx context.Context, o *serveOptions) error { return runServe(ctx, s, o) })
}

// newServeCmdWith takes the function that runs the command, so that tests
// can check the flags alone.
func newServeCmdWith(s *Streams, runF func(context.Context, *serveOptions) error) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the site locally with live reload",
		Long: `Serve builds the content folder into memory (nothing is written to public/)
and serves it on http://127.0.0.1:1313/. Pages open in a browser reload by
themselves when their Markdown, their capture or a layout changes, a few
milliseconds after the file is saved. When a change breaks the build, the
last good pages stay up and the problem (file:line:col: message) is shown over
every open page until it is fixed.

With no --src, serve uses ./content, else the built-in cookbook. A layouts
folder beside the content folder is watched too.

By default the server listens on loopback only and answers only requests
addressed to localhost, 127.0.0.1 or [::1] (others get 421: a guard against
DNS rebinding). When you reach it through a forwarded host name (an SSH
tunnel, a dev container's forwarded port), --allow-host NAME accepts that
name too. --bind 0.0.0.0 opens it to the network (a warning says so);
--port 0 picks a free port. Ctrl-C stops it.`,
		Example: `  seqdoc serve                          # ./content (or the built-in cookbook) on http://127.0.0.1:1313/
  seqdoc serve --src docs --open        # another folder, opened in the browser
  seqdoc serve --port 0                 # any free port (printed)
  seqdoc serve --drafts                 # include pages marked draft: true
  seqdoc serve --allow-host dev.example.com   # also answer requests for a forwarded host name`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if o.Port < 0 || o.Port > 65535 {
				return usageErrorf("--port %d is out of range: use 1-65535, or 0 for any free port", o.Port)
			}
			if o.Bind == "" {
				return usageErrorf("--bind must name an address, e.g. 127.0.0.1")
			}
			for _, h := range o.AllowHosts {
				if h == "" || strings.ContainsAny(h, "/ ") {
					return usageErrorf("--allow-host %q must be a host name such as dev.example.com (no scheme, no path)", h)
				}
			}
			return runF(c.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Src, "src", "", "content folder (default ./content, else the built-in cookbook)")
	f.StringVar(&o.Bind, "bind", "127.0.0.1", "address to listen on (anything but loopback is reachable from the network)")
	f.IntVar(&o.Port, "port", 1313, "port to listen on; 0 picks a free one")
	f.BoolVar(&o.Open, "open", false, "open the site in the default browser")
	f.BoolVar(&o.Drafts, "drafts", false, "include pages whose front matter says draft: true")
	f.StringArrayVar(&o.AllowHosts, "allow-host", nil, "also answer requests addressed to this host name, e.g. a forwarded port's (repeatable)")
	return cmd
}

func runServe(ctx context.Context, s *Streams, o *serveOptions) error {
	return server.Serve(ctx, server.Config{
		Src: o.Src, Bind: o.Bind, Port: o.Port, Drafts: o.Drafts, Open: o.Open, AllowHosts: o.AllowHosts,
		Out: s.Out, Log: s.Err,
	})
}
