package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/seqdoc/seqdoc/site"
	"github.com/spf13/cobra"
)

// newOptions are seqdoc new's arguments.
type newOptions struct {
	Dir string
}

func newNewCmd(s *Streams) *cobra.Command {
	return newNewCmdWith(s, func(_ context.Context, o *newOptions) error { return runNew(s, o) })
}

func newNewCmdWith(s *Streams, runF func(context.Context, *newOptions) error) *cobra.Command {
	o := &newOptions{}
	return &cobra.Command{
		Use:   "new DIR",
		Short: "Write the built-in cookbook out as the start of your own site",
		Long: `New writes the built-in cookbook into DIR/content: the home page, the
cookbook section, the app-multiccy example with its redacted capture, the
pages on recording a HAR and on the seqdoc block syntax. Edit them, import
your own captures with seqdoc import, and build or serve from DIR. It also
writes DIR/.gitignore with public/ (the built site) when there is none.

DIR may be new, or hold a site already (say, a page you imported first):
new adds what is missing and never overwrites a file; it lists the files it
kept.`,
		Example: `  seqdoc new mysite && cd mysite && seqdoc serve
  seqdoc import login.har --to mysite/content/cookbook/my-app/auth && seqdoc new mysite`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runF(c.Context(), o)
		},
	}
}

func runNew(s *Streams, o *newOptions) error {
	ns, err := site.WriteCookbook(o.Dir)
	if err != nil {
		return err
	}
	w := s.Out
	fmt.Fprintf(w, "wrote %s into %s\n", plural(len(ns.Wrote), "file", "files"), filepath.Join(o.Dir, "content"))
	if len(ns.Kept) > 0 {
		fmt.Fprintf(w, "kept %s already there (seqdoc new never overwrites):\n", plural(len(ns.Kept), "file", "files"))
		for _, p := range ns.Kept {
			fmt.Fprintf(w, "  %s\n", printable(p))
		}
	}
	switch {
	case ns.GitIgnoreWritten:
		fmt.Fprintf(w, "wrote %s (public/, the built site, stays out of git)\n", ns.GitIgnore)
	case ns.GitIgnoreLacksPublic:
		fmt.Fprintf(w, "kept %s: add a line public/ to it (the built site does not belong in git)\n", ns.GitIgnore)
	}
	_, err = fmt.Fprintf(w, "next: cd %s && seqdoc serve\n", o.Dir)
	return err
}
