// Package svg draws a layout.Result as one self-contained SVG document:
// accessible (role="img", <title>, <desc>), styled by CSS classes and
// custom properties so that it follows the reader's light or dark mode and
// a page can restyle it, with no external resources and every string
// escaped. It makes no placement decisions: every coordinate comes from
// the layout.
package svg
