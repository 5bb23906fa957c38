package site

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"
)

// FrontMatter is the YAML block at the top of a page, between two "---"
// lines. Every field is optional.
type FrontMatter struct {
	// Title is the page's title; defaults to the "# Heading" the page's
	// text starts with, else the file or folder name.
	Title string `yaml:"title"`
	// Description is one sentence shown under the title in section lists.
	Description string `yaml:"description"`
	// Weight orders a section's children: smaller first, then by title;
	// pages without a weight (0) come after the weighted ones.
	Weight int `yaml:"weight"`
	// Draft pages are skipped unless Options.Drafts is set.
	Draft bool `yaml:"draft"`
	// Capture is the HAR file the page's seqdoc blocks read, relative to the
	// page's folder; defaults to capture.har.
	Capture string `yaml:"capture"`
	// BaseURL, in the home page's front matter only (the _index.md at the
	// top of the content folder), is the absolute URL the site is
	// published at, as Options.BaseURL (which wins when set).
	BaseURL string `yaml:"base_url"`
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// splitFrontMatter separates the front matter from the Markdown body. It
// returns the body and the number of source lines before it, so that
// positions in the body can be reported as lines of the file.
func splitFrontMatter(src []byte) (fm FrontMatter, body []byte, bodyLine int, err *Error) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return fm, src, 0, nil
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	lines := 1
	for off := 0; off < len(rest); {
		nl := bytes.IndexByte(rest[off:], '\n')
		end := len(rest)
		if nl >= 0 {
			end = off + nl
		}
		line := bytes.TrimRight(rest[off:end], "\r \t")
		lines++
		if string(line) == "---" {
			yml := rest[:off]
			body = rest[min(end+1, len(rest)):]
			if e := yaml.Unmarshal(yml, &fm); e != nil {
				msg := e.Error()
				at := 2
				if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
					n, _ := strconv.Atoi(m[1])
					at = n + 1
				}
				return fm, body, lines, &Error{Line: at, Msg: "front matter: " + trimYAMLPrefix(msg) + " (fix the YAML between the --- lines)"}
			}
			return fm, body, lines, nil
		}
		if nl < 0 {
			break
		}
		off = end + 1
	}
	return fm, src, 0, &Error{Line: 1, Msg: fmt.Sprintf("front matter: no closing --- line (add one after the %d lines of YAML)", lines-1)}
}

// sameFrontMatter reports whether src begins with exactly the front matter
// block of old, a page whose front matter parsed without error, and returns
// src's body if so. The parse would then give the same result, so an edit to
// a page's text needs no YAML parse: on a CPU that has been idle (the usual
// case when a writer saves a file), parsing it was the slowest step of a
// one-page rebuild. The block must end with its newline: a closing "---" at
// the very end of the old file could be extended into a different line.
func sameFrontMatter(old *node, src []byte) (body []byte, ok bool) {
	n := len(old.raw) - len(old.body)
	if !old.fmOK || n <= 0 || len(src) < n || old.raw[n-1] != '\n' || !bytes.Equal(src[:n], old.raw[:n]) {
		return nil, false
	}
	return src[n:], true
}

func trimYAMLPrefix(s string) string {
	s = yamlLineRE.ReplaceAllString(s, "")
	s = bytesTrimPrefix(s, "yaml: ")
	s = bytesTrimPrefix(s, "unmarshal errors:\n  ")
	s = bytesTrimPrefix(s, ": ")
	return s
}

func bytesTrimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
