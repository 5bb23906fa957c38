// Package model is a sequence diagram as plain data: participants, and the
// ordered items (messages, notes, blocks, activations, phase separators …)
// that happen between them.
//
// The model knows no syntax and no geometry. Package mermaid parses Mermaid
// text into it and writes it back, package layout turns it into coordinates,
// and other packages (the HAR workflow, for one) build it directly with the
// helpers in build.go.
//
// Items form a flat list in drawing order. Blocks (loop, alt, par …) are
// bracketed by a BlockStart and a BlockEnd, with BlockSection items for the
// else/and/option branches in between, the way Mermaid itself records them.
// Text fields hold plain text: a line break is "\n", never "<br>", and no
// escaping has been applied.
package model
