package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/site"
	"github.com/spf13/cobra"
)

// buildOptions are seqdoc build's flags.
type buildOptions struct {
	Src     string
	Out     string
	Drafts  bool
	BaseURL string
	FailOn  authflow.Severity // "" never
}

func newBuildCmd(s *Streams) *cobra.Command {
	return newBuildCmdWith(s, func(ctx context.Context, o *buildOptions) error { return runBuild(ctx, s, o) })
}

// newBuildCmdWith takes the function that runs the command, so that tests
// can check the flags alone.
func newBuildCmdWith(s *Streams, runF func(context.Context, *buildOptions) error) *cobra.Command {
	o := &buildOptions{}
	var failOn string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the content folder into a static site",
		Long: `Build renders every Markdown page of the content folder, with its sequence
diagrams, capture steps, glossary and findings, into a static site whose links
are all relative: open public/index.html from disk or serve it under any path.

With no --src, build uses ./content, else the built-in cookbook (and says
so: seqdoc new DIR writes it out as the start of your own site). A layouts
folder beside the content folder replaces the embedded templates of the same
name (base.html, page.html, section.html, 404.html, seqdoc.css).

The output folder is replaced as a whole, atomically: the site is written
beside it and swapped in, so a failed or interrupted build leaves the previous
site as it was. When a page has a problem (a broken link, a missing capture,
a diagram that does not parse) nothing is written and every problem is listed
as file:line:col: message (file:line: where the column is not known).

--base-url (or base_url: in the front matter of the home page, the
_index.md at the top of the content folder) is the address the site is
published at: pages get canonical links and the site a sitemap.xml, whose
URLs must be absolute. Without it there is no sitemap.xml.

--fail-on error|warning|info also counts as a problem each finding at or above
that severity in a capture a page shows (the old: side of a seqdoc diff block
excepted), listed as capture.har:LINE:COL: severity: message [code], as seqdoc
check prints it. The default, never, builds whatever the findings.`,
		Example: `  seqdoc build                                   # ./content (or the built-in cookbook) into ./public
  seqdoc build --src docs --out site             # another folder
  seqdoc build --drafts                          # include pages marked draft: true
  seqdoc build --base-url https://example.com/cookbook/
  seqdoc build --fail-on error                   # no site when a capture shows an error finding`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			var err error
			if o.FailOn, err = parseFailOn(failOn); err != nil {
				return err
			}
			if o.Out == "" {
				return usageErrorf("--out must name a folder")
			}
			if o.BaseURL != "" && !site.AbsoluteHTTPURL(o.BaseURL) {
				return usageErrorf("--base-url %q must be an absolute http(s) URL, such as https://example.com/docs/", o.BaseURL)
			}
			return runF(c.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Src, "src", "", "content folder (default ./content, else the built-in cookbook)")
	f.StringVar(&o.Out, "out", "public", "output folder, replaced as a whole")
	f.BoolVar(&o.Drafts, "drafts", false, "include pages whose front matter says draft: true")
	f.StringVar(&o.BaseURL, "base-url", "", "absolute URL the site is published at, for canonical links and sitemap.xml (else base_url in the home page's front matter)")
	f.StringVar(&failOn, "fail-on", "never", "fail when a capture a page shows has a finding of this severity or above: error, warning, info or never")
	return cmd
}

func runBuild(ctx context.Context, s *Streams, o *buildOptions) error {
	res, err := site.BuildToDir(ctx, site.BuildConfig{Src: o.Src, Out: o.Out, Drafts: o.Drafts, BaseURL: o.BaseURL, FailOn: o.FailOn})
	var ce site.ContentErrors
	if errors.As(err, &ce) {
		for _, e := range ce {
			fmt.Fprintln(s.Err, e.String())
		}
		return fmt.Errorf("%s in the content; nothing was written to %s", plural(len(ce), "problem", "problems"), o.Out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "built %d pages (%d files) into %s\n", len(res.Pages), len(res.Files), o.Out)
	if res.Src == "" {
		fmt.Fprintln(s.Out, "  from the built-in cookbook: there is no ./content here (--src names another folder)")
		fmt.Fprintln(s.Out, "  to start your own site: seqdoc new mysite && cd mysite && seqdoc serve")
	}
	for _, n := range res.Notes {
		fmt.Fprintf(s.Out, "  note: %s\n", n)
	}
	return nil
}
