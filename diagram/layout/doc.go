// Package layout turns a model.Diagram into geometry: where every
// participant box, lifeline, arrow, label, note, activation bar, block frame
// and phase divider goes. The Result is plain data with JSON tags; it holds
// no SVG, and the SVG writer makes no placement decisions.
//
// Compute is deterministic: text is measured with font metrics embedded in
// the binary (DejaVu Sans, whose widths Verdana and Bitstream Vera Sans
// share), never with the fonts of the machine, so the same diagram gives
// the same numbers everywhere. Every distance comes from one Spacing value.
package layout
