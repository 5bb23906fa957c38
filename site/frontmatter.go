package site

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
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

// frontMatterKeys are the keys FrontMatter reads, in its order.
var frontMatterKeys = []string{"title", "description", "weight", "draft", "capture", "base_url"}

const knownKeys = "(seqdoc reads title, description, weight, draft, capture and base_url)"

// decodeFrontMatter decodes the YAML of a front matter into fm. A key
// seqdoc does not read but that misspells one it does is an error at its
// line and column (of the YAML), with the key it most likely meant: a
// misspelled "darft: true" would otherwise publish a draft without a word.
// Other keys are left alone, as Hugo and MkDocs leave them: pages written
// for them (date:, tags:, slug:, aliases:) build as they are. Other errors
// are YAML's, with Line 0 (their message names the line).
func decodeFrontMatter(yml []byte, fm *FrontMatter) *Error {
	var doc yaml.Node
	if err := yaml.Unmarshal(yml, &doc); err != nil {
		return &Error{Msg: err.Error()}
	}
	if len(doc.Content) == 0 {
		return nil // empty, or comments only
	}
	m := doc.Content[0]
	switch {
	case m.Kind == yaml.SequenceNode:
		return &Error{Line: m.Line, Col: m.Column, Msg: `front matter: a list, not key: value lines such as "title: My page"`}
	case m.Kind == yaml.ScalarNode && m.Tag != "!!null":
		return &Error{Line: m.Line, Col: m.Column, Msg: `front matter: a text, not key: value lines such as "title: My page"`}
	}
	// The keys it knows are decoded whatever else is wrong: seqdoc serve
	// shows the page under its title, a draft stays out.
	if err := doc.Decode(fm); err != nil {
		return &Error{Msg: err.Error()}
	}
	if m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if k.Kind == yaml.ScalarNode && slices.Contains(frontMatterKeys, k.Value) {
				continue
			}
			if near := nearest(k.Value, frontMatterKeys); near != "" {
				msg := fmt.Sprintf("front matter: unknown key %q: did you mean %q? %s", k.Value, near, knownKeys)
				return &Error{Line: k.Line, Col: k.Column, Msg: msg}
			}
		}
	}
	return nil
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
			if e := decodeFrontMatter(yml, &fm); e != nil {
				if e.Line > 0 {
					e.Line++ // the YAML starts on the file's second line
					return fm, body, lines, e
				}
				msg := e.Msg
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

// trimYAMLPrefix cuts yaml.v3's "yaml: line N: " from a message, whose
// line the Error carries, and turns a line it cites further on ("already
// defined at line 1") into a line of the file, as the Error's is.
func trimYAMLPrefix(s string) string {
	s = bytesTrimPrefix(s, "yaml: ")
	s = bytesTrimPrefix(s, "unmarshal errors:\n  ")
	if loc := yamlLineRE.FindStringIndex(s); loc != nil && loc[0] == 0 {
		s = bytesTrimPrefix(s[loc[1]:], ": ")
	}
	return yamlLineRE.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+1)
	})
}

func bytesTrimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
