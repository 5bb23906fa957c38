// Package content is seqdoc's built-in cookbook: the Markdown pages and the
// redacted capture that seqdoc build and seqdoc serve show when there is no
// content folder, and that seqdoc new writes out as a starting point.
//
// The pages are ordinary site content (see package site); this package only
// embeds them.
package content

import (
	"embed"
	"io/fs"
)

// A new top-level folder of the cookbook must be added to this line.
//
//go:embed *.md all:cookbook all:guides
var files embed.FS

// FS returns the built-in cookbook, rooted at the content folder.
func FS() fs.FS { return files }
