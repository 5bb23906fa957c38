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
your own captures with seqdoc import, and build or serve from DIR.
DIR must be new or empty.`,
		Example: `  seqdoc new mysite && cd mysite && seqdoc serve`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runF(c.Context(), o)
		},
	}
}

func runNew(s *Streams, o *newOptions) error {
	n, err := site.WriteCookbook(o.Dir)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.Out, "wrote %d files into %s\nnext: cd %s && seqdoc serve\n", n, filepath.Join(o.Dir, "content"), o.Dir)
	return err
}
