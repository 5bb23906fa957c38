// Package paint draws a laid-out sequence diagram (a layout.Result, the
// same one the SVG is written from) as a PNG image or a one-page PDF: the
// same positions, shapes and colours as the SVG's light (or dark) theme,
// set in DejaVu Sans, the font whose widths the layout measures with.
//
// The two faces (regular and bold; italic is the regular one slanted) are
// embedded in the binary and parsed on the first PNG or PDF, so that
// nothing is read or decoded before then: a program that only writes SVG
// pays nothing for this package. The drawing is pure Go
// (a scanline rasterizer, a TrueType outline reader and a PDF writer of
// our own, so that linking it adds no package initialisation to start-up),
// deterministic: the same diagram gives the same bytes (on one machine: a
// PNG draws the characters DejaVu Sans lacks, Chinese, Japanese …, from the
// first fallback font the system has, see fallbackFonts; without one, and
// in a PDF, they are DejaVu's empty boxes).
package paint
