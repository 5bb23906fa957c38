package diagram

import (
	"bytes"
	"fmt"
	"io"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/diagram/paint"
	"github.com/seqdoc/seqdoc/diagram/plantuml"
	"github.com/seqdoc/seqdoc/diagram/svg"
)

// Error is one positioned problem in a diagram's source.
type Error = mermaid.Error

// ErrorList holds every problem found in a source; Render returns it
// (use errors.As) when the text does not parse.
type ErrorList = mermaid.ErrorList

// Options tune Render and RenderModel. The zero value is ready to use.
type Options struct {
	// Filename names the source in error messages ("" for none).
	Filename string
	// Theme is "auto" (light, dark when the reader prefers it), "light" or
	// "dark". "" follows the diagram's own theme setting ("dark" → dark),
	// else auto.
	Theme string
	// ID prefixes the ids inside the SVG so several diagrams can share a
	// page. "" derives one from the diagram (a hash of its Mermaid text), so
	// it is stable and distinct.
	ID string
	// Spacing replaces layout.DefaultSpacing when non-nil.
	Spacing *layout.Spacing
	// Format is what Render and RenderModel write: "svg" (the default),
	// "mermaid" (Mermaid text, see mermaid.Write), "plantuml", or "png" and
	// "pdf" (drawn from the same layout as the SVG by package paint).
	Format string
	// Scale is the PNG's pixels per SVG pixel (0 means 1).
	Scale float64
}

// Formats lists the values Options.Format accepts.
var Formats = []string{"svg", "mermaid", "plantuml", "png", "pdf"}

// Parse reads Mermaid sequenceDiagram text into a model.
func Parse(src []byte, opts Options) (*model.Diagram, error) {
	return mermaid.Parse(opts.Filename, src)
}

// Render draws Mermaid sequenceDiagram text as SVG (or writes it in
// another Format) to w. When the text has errors it writes nothing and
// returns an ErrorList with every problem and its position.
func Render(src []byte, w io.Writer, opts Options) error {
	d, err := mermaid.Parse(opts.Filename, src)
	if err != nil {
		return err
	}
	return RenderModel(d, w, opts)
}

// RenderModel draws a diagram built in code as SVG to w. It writes
// nothing when the diagram is inconsistent (see model.Diagram.Validate).
func RenderModel(d *model.Diagram, w io.Writer, opts Options) error {
	var buf bytes.Buffer
	switch opts.Format {
	case "", "svg", "png", "pdf":
	case "mermaid", "plantuml":
		write := mermaid.Write
		if opts.Format == "plantuml" {
			write = plantuml.Write
		}
		if err := d.Validate(); err != nil {
			return fmt.Errorf("%s: %w", opts.Filename, err)
		}
		if err := write(&buf, d); err != nil {
			return err
		}
		_, err := w.Write(buf.Bytes())
		return err
	default:
		return fmt.Errorf("unknown format %q: use svg, png, pdf, mermaid or plantuml", opts.Format)
	}
	r, err := layout.Compute(d, layout.Options{Spacing: opts.Spacing})
	if err != nil {
		if opts.Filename != "" {
			return fmt.Errorf("%s: %w", opts.Filename, err)
		}
		return err
	}
	theme := opts.Theme
	if theme == "" {
		theme = "auto"
		if d.Config.Theme == "dark" {
			theme = "dark"
		}
	}
	switch opts.Format {
	case "png", "pdf":
		// A file has no reader whose light or dark mode it could follow.
		if theme == "auto" {
			theme = "light"
		}
		draw := paint.PNG
		if opts.Format == "pdf" {
			draw = paint.PDF
		}
		if err := draw(&buf, r, paint.Options{Theme: theme, Scale: opts.Scale}); err != nil {
			return err
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
	if opts.ID == "" {
		opts.ID = modelID(d)
	}
	// svg.Render builds the document in memory and writes it in one call.
	return svg.Render(w, r, svg.Options{Theme: theme, ID: opts.ID})
}

// modelID returns "sd" and a hash of the diagram's names and texts: the
// same diagram always gets the same ids, and different diagrams on one
// page get different ones.
func modelID(d *model.Diagram) string {
	h := uint32(2166136261) // FNV-1a, over the strings without copying them
	add := func(s string, sep byte) {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint32(s[i])) * 16777619
		}
		h = (h ^ uint32(sep)) * 16777619
	}
	for _, p := range d.Participants {
		add(p.ID, 0)
		add(p.Label, 0)
	}
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			add(it.From, 1)
			add(it.To, 1)
			add(it.Text, 0)
		case *model.Note:
			add(it.Text, 2)
		}
	}
	return fmt.Sprintf("sd%08x", h)
}
