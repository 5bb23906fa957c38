// Package site builds a folder of Markdown pages into a static cookbook site.
//
// The content tree is read from an fs.FS: a folder is a section with a
// generated list of its children, a folder holding index.md is a page bundle
// (its capture.har sits beside it), a folder's _index.md gives the section its
// own text, and every other .md file is a page. Pages are rendered with
// goldmark (GFM, footnotes, heading anchors), code is highlighted with chroma
// (CSS classes), ```mermaid fences holding a sequenceDiagram become inline
// SVG, and ```seqdoc fences place the generated parts of the bundle's capture
// (diagram, steps, glossary, findings): the diagram's arrows link to the
// requests table's rows and back, and the glossary and findings point at
// what they name in the diagram. Every page's text goes into a search index
// (search-index.js) that the site's script, seqdoc.js, searches as the
// reader types; the script also gives the reader copy buttons, a theme and
// the highlights. Templates, the stylesheet and the script are embedded and
// can be overridden by a layouts folder.
//
// A Builder renders the whole site into memory (Result.Files, keyed by output
// path) and keeps caches keyed by content hash, so that a rebuild after one
// edit is cheap; Publish writes a Result to a folder atomically. All links in
// the output are relative, so the site works from file:// and under any
// sub-path.
//
// Package site does not serve HTTP or watch files (package site/server does)
// and knows nothing of HAR or the ALB workflow beyond calling packages har and
// har/authflow through a small seam.
package site
