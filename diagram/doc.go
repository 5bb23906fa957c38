// Package diagram is the front door of seqdoc's sequence-diagram engine:
// Mermaid sequenceDiagram text (or a model.Diagram built in code) in, SVG
// out, in microseconds and without a browser.
//
// Render and RenderModel chain the stages below it: package mermaid parses
// text into a model.Diagram, package layout computes the geometry, package
// svg draws it. Packages mermaid and plantuml also write a diagram back out
// as text. This package adds no behaviour of its own beyond choosing
// defaults.
package diagram
