package site

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The search index is one script, search-index.js, that the site's script
// (seqdoc.js) loads when the reader first opens the search: a <script>
// element works from file:// where a fetch of a JSON file does not, and
// under any sub-path. It holds, for each page in URL order, its output
// path, its title and its text cut into sections at its headings:
//
//	seqdocSearch([
//	["cookbook/app/index.html","Title",[["","","text before the first heading"],["Heading","anchor","text"]]],
//	…]);
//
// seqdoc.js searches it as the reader types (whole text, words matched at
// their start, title before heading before text). The text includes what
// the page's generated blocks show that a reader would look for: the finding
// codes and messages, cookie and header names and meanings, requests with
// their hosts, and the Mermaid text of the diagrams.
const searchIndexFile = "search-index.js"

// searchSection is a page's text from one heading to the next.
type searchSection struct {
	heading, anchor string
	text            []byte
}

// searchRecord walks a page's Markdown (its generated blocks replaced) and
// returns the page's record in the index, as JSON.
func searchRecord(n *node, doc ast.Node, src []byte) []byte {
	secs := []searchSection{{}}
	cur := &secs[0]
	sep := func() {
		if len(cur.text) > 0 && cur.text[len(cur.text)-1] != ' ' {
			cur.text = append(cur.text, ' ')
		}
	}
	_ = ast.Walk(doc, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if x.Type() == ast.TypeBlock {
				sep()
			}
			return ast.WalkContinue, nil
		}
		switch x := x.(type) {
		case *ast.Heading:
			var h []byte
			_ = ast.Walk(x, func(y ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering {
					h = appendInline(h, y, src)
				}
				return ast.WalkContinue, nil
			})
			id := ""
			if v, ok := x.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			secs = append(secs, searchSection{heading: string(collapseSpace(h)), anchor: id})
			cur = &secs[len(secs)-1]
			return ast.WalkSkipChildren, nil
		case *prerendered:
			cur.text = append(cur.text, x.text...)
			sep()
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := x.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				cur.text = append(cur.text, s.Value(src)...)
			}
			sep()
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil // not rendered (goldmark's safe default)
		case *extast.TableCell:
			sep()
		}
		cur.text = appendInline(cur.text, x, src)
		return ast.WalkContinue, nil
	})
	var b []byte
	b = append(b, '[')
	b = appendJSString(b, n.out)
	b = append(b, ',')
	b = appendJSString(b, n.title())
	b = append(b, ",["...)
	first := true
	for _, s := range secs {
		text := collapseSpace(s.text)
		if len(text) == 0 && s.heading == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '[')
		b = appendJSString(b, s.heading)
		b = append(b, ',')
		b = appendJSString(b, s.anchor)
		b = append(b, ',')
		b = appendJSString(b, string(text))
		b = append(b, ']')
	}
	return append(b, "]]"...)
}

// appendInline appends the text an inline node itself holds.
func appendInline(b []byte, x ast.Node, src []byte) []byte {
	switch x := x.(type) {
	case *ast.Text:
		b = append(b, x.Segment.Value(src)...)
		if x.SoftLineBreak() || x.HardLineBreak() {
			b = append(b, ' ')
		}
	case *ast.String:
		b = append(b, x.Value...)
	case *ast.AutoLink:
		b = append(b, x.Label(src)...)
	}
	return b
}

// collapseSpace turns each run of white space into one space and trims
// the ends, in place.
func collapseSpace(b []byte) []byte {
	out := b[:0]
	space := false
	for _, c := range b {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, c)
	}
	return out
}

// appendJSString appends s as a JSON string that is also safe inside an
// HTML <script>: <, > and & are escaped, as are U+2028 and U+2029, and bad
// UTF-8 becomes U+FFFD.
func appendJSString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// searchIndex joins the pages' records into the index script.
func searchIndex(records [][]byte) []byte {
	size := 32
	for _, r := range records {
		size += len(r) + 2
	}
	b := make([]byte, 0, size)
	b = append(b, "seqdocSearch([\n"...)
	for i, r := range records {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, r...)
	}
	return append(b, "]);\n"...)
}
