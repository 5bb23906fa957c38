package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
	"github.com/spf13/cobra"
)

// renderOptions are the flags and arguments of seqdoc render.
type renderOptions struct {
	Files  []string // inputs; "-" is standard input
	Output string   // -o: a file, "-" for standard output, or a directory for several inputs
	Format string   // svg, mermaid or plantuml
	Theme  string   // auto, light or dark

	streams *Streams
}

func newRenderCmd(s *Streams) *cobra.Command { return newRenderCmdF(s, runRender) }

// newRenderCmdF builds the command; runF receives the parsed options (tests
// pass their own to check flag parsing alone).
func newRenderCmdF(s *Streams, runF func(*renderOptions) error) *cobra.Command {
	opts := &renderOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "render FILE...",
		Short: "Draw Mermaid sequence diagrams as SVG (or convert them to Mermaid or PlantUML)",
		Long: `Render reads Mermaid sequenceDiagram files and draws each as a self-contained SVG
that follows light and dark mode, in microseconds and without a browser.

With one input and no -o the result goes to standard output. With several
inputs, -o names a directory (created if needed) and each FILE.mmd becomes
FILE.svg there; without -o each result is written beside its input. "-" reads
standard input or writes standard output. A file is never left half-written.

Errors are reported as file:line:col: message, all of them; the exit code is 1.`,
		Example: `  seqdoc render flow.mmd -o flow.svg
  seqdoc render flow.mmd --format plantuml -o flow.puml
  cat flow.mmd | seqdoc render - > flow.svg
  seqdoc render docs/*.mmd -o public/diagrams --theme light`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if !slices.Contains(diagram.Formats, opts.Format) {
				return usageErrorf("--format %q: use svg, mermaid or plantuml", opts.Format)
			}
			if !slices.Contains([]string{"auto", "light", "dark"}, opts.Theme) {
				return usageErrorf("--theme %q: use auto, light or dark", opts.Theme)
			}
			if len(args) > 1 && opts.Output == "-" {
				return usageErrorf("-o - takes one input; give a directory for %d inputs", len(args))
			}
			if n := countStdin(args); n > 1 {
				return usageErrorf("standard input (-) can be read only once")
			}
			return runF(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "output file, directory (several inputs) or - for standard output")
	cmd.Flags().StringVar(&opts.Format, "format", "svg", "output format: svg, mermaid or plantuml")
	cmd.Flags().StringVar(&opts.Theme, "theme", "auto", "SVG colours: auto (follows the reader's light/dark mode), light or dark")
	return cmd
}

// runRender renders every input; it reports each failure and goes on with
// the others, returning an error when any failed.
func runRender(opts *renderOptions) error {
	s := opts.streams
	failed := 0
	for _, in := range opts.Files {
		if err := renderOne(opts, in); err != nil {
			failed++
			var el diagram.ErrorList
			if errors.As(err, &el) {
				for _, e := range el {
					fmt.Fprintln(s.Err, e.Error())
				}
			} else {
				fmt.Fprintln(s.Err, err.Error())
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("render: %d of %d diagram(s) failed", failed, len(opts.Files))
	}
	return nil
}

func renderOne(opts *renderOptions, in string) error {
	var src []byte
	var err error
	name := in
	if in == "-" {
		name = "<stdin>"
		src, err = io.ReadAll(opts.streams.In)
	} else {
		src, err = os.ReadFile(in)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // "x.mmd: no such file or directory", not the path twice
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	var buf bytes.Buffer
	err = diagram.Render(src, &buf, diagram.Options{Filename: name, Theme: opts.Theme, Format: opts.Format})
	if err != nil && looksLikeCapture(in, src) {
		return fmt.Errorf("%s is a HAR capture, not a Mermaid diagram: seqdoc import %s --to DIR makes a page with its sequence diagram (seqdoc build or serve draws it), seqdoc inspect %s lists its steps", name, in, in)
	}
	if err != nil {
		return err
	}
	dest := outputPath(opts, in)
	if dest == "-" {
		_, err = opts.streams.Out.Write(buf.Bytes())
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o777); err != nil {
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	// No fsync: a diagram can be rendered again, and waiting for the disk
	// would cost more than the render.
	if err := atomicfile.WriteFile(dest, buf.Bytes(), false); err != nil {
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	return nil
}

func countStdin(args []string) int {
	n := 0
	for _, a := range args {
		if a == "-" {
			n++
		}
	}
	return n
}

var formatExt = map[string]string{"svg": ".svg", "mermaid": ".mmd", "plantuml": ".puml"}

// outputPath decides where the result of input in goes.
func outputPath(opts *renderOptions, in string) string {
	ext := formatExt[opts.Format]
	base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + ext
	if in == "-" {
		base = "stdin" + ext
	}
	switch {
	case len(opts.Files) == 1 && opts.Output == "":
		return "-"
	case len(opts.Files) == 1:
		if st, err := os.Stat(opts.Output); err == nil && st.IsDir() {
			return filepath.Join(opts.Output, base)
		}
		return opts.Output
	case opts.Output == "":
		if in == "-" {
			return "-"
		}
		return filepath.Join(filepath.Dir(in), base)
	}
	return filepath.Join(opts.Output, base)
}

// looksLikeCapture reports whether an input that is not a diagram is a
// HAR capture: named .har or .har.gz, gzip-compressed, or a JSON object
// with a "log".
func looksLikeCapture(name string, src []byte) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".har") || strings.HasSuffix(n, ".har.gz") || bytes.HasPrefix(src, []byte{0x1f, 0x8b}) {
		return true
	}
	head := bytes.TrimLeft(src[:min(len(src), 512)], " \t\r\n\ufeff")
	return bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"log"`))
}
