// Package mermaid reads and writes Mermaid sequenceDiagram text.
//
// Parse turns the text into a model.Diagram and reports every problem it
// finds, each with its line and column, as an ErrorList. It follows the
// syntax of Mermaid 11 (https://mermaid.js.org/syntax/sequenceDiagram.html):
// participants and actors with aliases and the typed "@{...}" form, create
// and destroy, boxes, every arrow (including half arrows and central
// connections), activations, notes, the loop/alt/opt/par/par_over/critical/
// break/rect blocks, autonumber, title, accTitle/accDescr, link/links (and,
// accepted but not drawn, properties/details), "%%" comment lines, "%%{…}%%"
// directives, "---" front matter and entity codes ("#59;", "#9829;").
// Participant names may hold spaces: as in Mermaid's grammar, a name runs
// to the arrow, the colon, " as ", "@{" or the end of the line. Errors say
// what was likely meant ("did you mean 'participant'?", where a message's
// colon goes, "#59;" for a ';' in text).
//
// Write prints a model.Diagram back as Mermaid text that GitHub renders;
// Parse(Write(d)) gives d back.
//
// The package does no layout and no drawing.
package mermaid
