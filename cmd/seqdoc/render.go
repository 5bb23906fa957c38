package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
	"github.com/spf13/cobra"
)

// renderOptions are the flags and arguments of seqdoc render.
type renderOptions struct {
	Files  []string // inputs (arguments, then -i); "-" is standard input
	Output string   // -o: a file, "-" for standard output, or a directory for several inputs
	Format string   // svg, png, pdf, mermaid or plantuml (from --format, else -o's extension, else svg)
	Theme  string   // auto, light or dark; "" for the diagram's own theme setting
	Scale  float64  // PNG pixels per SVG pixel

	streams *Streams
}

// formatByExt returns the format an output file's extension names, or "".
// (Switches, not maps: nothing is built at start-up.)
func formatByExt(ext string) string {
	switch ext {
	case ".svg", ".png", ".pdf":
		return ext[1:]
	case ".mmd", ".mermaid":
		return "mermaid"
	case ".puml", ".plantuml":
		return "plantuml"
	}
	return ""
}

// extOf returns the file extension a format writes.
func extOf(format string) string {
	switch format {
	case "mermaid":
		return ".mmd"
	case "plantuml":
		return ".puml"
	}
	return "." + format
}

func newRenderCmd(s *Streams) *cobra.Command { return newRenderCmdF(s, runRender) }

// newRenderCmdF builds the command; runF receives the parsed options (tests
// pass their own to check flag parsing alone).
func newRenderCmdF(s *Streams, runF func(*renderOptions) error) *cobra.Command {
	opts := &renderOptions{streams: s}
	var inputs []string
	cmd := &cobra.Command{
		Use:   "render FILE...",
		Short: "Draw Mermaid sequence diagrams or captures as SVG, PNG or PDF (or convert to Mermaid, PlantUML)",
		Long: `Render reads Mermaid sequenceDiagram files, or browser captures (.har, .har.gz:
their sign-in flow, drawn as on a page), and draws each without a browser: SVG
(self-contained, follows light and dark mode), PNG or PDF (the same layout and
font, DejaVu Sans, built in), or converts it to Mermaid or PlantUML text.

The format follows -o's extension (.svg, .png, .pdf, .mmd, .puml) unless
--format says otherwise; an extension seqdoc does not know is an error. With
one input and no -o the result goes to standard output. With several inputs,
-o names a directory (created if needed) and each FILE.mmd becomes FILE.svg
there (or .png … with --format); without -o each result is written beside its
input. "-" reads standard input (a capture is told by its first bytes) or
writes standard output. -i names an input as mermaid-cli spells it. A file is
never left half-written.

Errors are reported as file:line:col: message, all of them; the exit code is 1.`,
		Example: `  seqdoc render flow.mmd -o flow.svg
  seqdoc render flow.mmd -o flow.png --scale 2       # PNG at twice the size
  seqdoc render -i flow.mmd -o flow.pdf              # mermaid-cli's spelling
  seqdoc render login.har.gz -o login.svg            # a capture's sign-in flow
  seqdoc render flow.mmd -o flow.puml                # PlantUML text
  cat flow.mmd | seqdoc render - --format png > flow.png
  seqdoc render docs/*.mmd -o public/diagrams --theme light`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args)+len(inputs) == 0 {
				return errors.New("requires at least 1 arg(s), only received 0") // as cobra says it: a usage error with a pointer to --help
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = append(append([]string(nil), args...), inputs...)
			if err := opts.check(cmd.Flags().Changed("scale")); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "an input file (repeatable), as mermaid-cli spells it")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "output file (its extension picks the format), directory (several inputs) or - for standard output")
	cmd.Flags().StringVar(&opts.Format, "format", "", "output format: svg, png, pdf, mermaid or plantuml (default: from -o's extension, else svg)")
	cmd.Flags().StringVar(&opts.Theme, "theme", "", "colours: auto (SVG follows the reader's light/dark mode; PNG and PDF are light), light or dark (default: the diagram's own, dark when it sets theme dark, else auto)")
	cmd.Flags().Float64Var(&opts.Scale, "scale", 1, "PNG only: pixels per SVG pixel (2 for high-density screens)")
	return cmd
}

// check validates the options and settles the format.
func (o *renderOptions) check(scaleSet bool) error {
	switch o.Format { // the extensions' spellings
	case "mmd":
		o.Format = "mermaid"
	case "puml":
		o.Format = "plantuml"
	}
	if o.Format != "" && formatOf(o.Format) == "" {
		return usageErrorf("--format %q: use svg, png, pdf, mermaid or plantuml", o.Format)
	}
	if o.Format == "" {
		o.Format = "svg"
		if o.Output != "" && o.Output != "-" && !o.outputIsDir() {
			ext := strings.ToLower(filepath.Ext(o.Output))
			f := formatByExt(ext)
			if f == "" {
				return usageErrorf("-o %s: seqdoc cannot tell the format from %q; name a .svg, .png, .pdf, .mmd or .puml file, or give --format", o.Output, ext)
			}
			o.Format = f
		}
	}
	switch o.Theme {
	case "", "auto", "light", "dark":
	default:
		return usageErrorf("--theme %q: use auto, light or dark", o.Theme)
	}
	if scaleSet && o.Format != "png" {
		return usageErrorf("--scale sizes PNG images; the format here is %s", o.Format)
	}
	if o.Scale <= 0 || o.Scale > 10 {
		return usageErrorf("--scale %g: use a number above 0 and at most 10", o.Scale)
	}
	if len(o.Files) > 1 && o.Output == "-" {
		return usageErrorf("-o - takes one input; give a directory for %d inputs", len(o.Files))
	}
	if n := countStdin(o.Files); n > 1 {
		return usageErrorf("standard input (-) can be read only once")
	}
	return nil
}

func formatOf(f string) string {
	for _, g := range diagram.Formats {
		if g == f {
			return g
		}
	}
	return ""
}

// outputIsDir reports whether -o names a directory: several inputs, an
// existing directory, or a path ending in a slash.
func (o *renderOptions) outputIsDir() bool {
	if len(o.Files) > 1 || strings.HasSuffix(o.Output, "/") {
		return true
	}
	st, err := os.Stat(o.Output)
	return err == nil && st.IsDir()
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
		if failed == len(opts.Files) {
			return fmt.Errorf("render: %s failed; nothing was written", plural(failed, "diagram", "diagrams"))
		}
		return fmt.Errorf("render: %d of %d diagrams failed; the other %s written", failed, len(opts.Files), plural(len(opts.Files)-failed, "was", "were"))
	}
	return nil
}

// isCapture tells a capture from a Mermaid file: by its name, or for
// standard input by its first bytes (gzip, or a JSON object with a "log").
func isCapture(name string, src []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".har") || strings.HasSuffix(lower, ".har.gz") {
		return true
	}
	if name != "-" {
		return false
	}
	if bytes.HasPrefix(src, []byte{0x1f, 0x8b}) {
		return true
	}
	head := bytes.TrimLeft(src[:min(len(src), 512)], " \t\r\n\ufeff")
	return bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"log"`))
}

// readCapture runs the capture at in (for "-", src: standard input read
// already) through package capture's pipeline. render is a quick command:
// Ctrl-C simply ends it (quickCommands), so no context stops the read.
func readCapture(in string, src []byte) (*capture.Capture, error) {
	f, err := capture.Open(context.Background(), in, bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return capture.Read(context.Background(), f, capture.Options{})
}

func renderOne(opts *renderOptions, in string) error {
	var src []byte
	var err error
	name := in
	if in == "-" {
		name = "<stdin>"
		src, err = io.ReadAll(opts.streams.In)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
	}
	dopts := diagram.Options{Filename: name, Theme: opts.Theme, Format: opts.Format, Scale: opts.Scale}
	var buf bytes.Buffer
	if isCapture(in, src) {
		// The capture's flow, as a page shows it (read, redacted, classified).
		c, err := readCapture(in, src)
		if err != nil {
			return err
		}
		err = diagram.RenderModel(c.Flow.Diagram(authflow.DiagramOptions{}), &buf, dopts)
		if err != nil {
			return err
		}
	} else {
		if in != "-" {
			if src, err = os.ReadFile(in); err != nil {
				var pe *fs.PathError
				if errors.As(err, &pe) {
					err = pe.Err // "x.mmd: no such file or directory", not the path twice
				}
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		if err := diagram.Render(src, &buf, dopts); err != nil {
			return err
		}
	}
	dest := outputPath(opts, in)
	if dest == "-" {
		if (opts.Format == "png" || opts.Format == "pdf") && isTerminal(opts.streams.Out) {
			return fmt.Errorf("%s: not writing a %s to the terminal: give -o FILE.%s or redirect the output", name, strings.ToUpper(opts.Format), opts.Format)
		}
		_, err = opts.streams.Out.Write(buf.Bytes())
		return err
	}
	err = atomicfile.MkdirAll(filepath.Dir(dest))
	if err == nil {
		// No fsync: a diagram can be rendered again, and waiting for the
		// disk would cost more than the render.
		err = atomicfile.WriteFile(dest, buf.Bytes(), false)
	}
	if nw := (*atomicfile.NotWritableError)(nil); errors.As(err, &nw) {
		return err // it names dest and the folder
	}
	if err != nil {
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

// baseName is an input's name without its extension (".har.gz" whole).
func baseName(in string) string {
	b := filepath.Base(in)
	if l := strings.ToLower(b); strings.HasSuffix(l, ".har.gz") {
		return b[:len(b)-len(".har.gz")]
	}
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// outputPath decides where the result of input in goes.
func outputPath(opts *renderOptions, in string) string {
	ext := extOf(opts.Format)
	base := baseName(in) + ext
	if in == "-" {
		base = "stdin" + ext
	}
	switch {
	case len(opts.Files) == 1 && opts.Output == "":
		return "-"
	case len(opts.Files) == 1:
		if opts.outputIsDir() {
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
