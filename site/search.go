package site

import (
	"sync"
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

// searchRecord walks a page's Markdown (its generated blocks replaced) and
// returns the page's record in the index, as JSON. It writes the record in
// one pass, white space collapsed and characters escaped as they are
// copied: it runs for every page of every build.
func searchRecord(n *node, doc ast.Node, src []byte) []byte {
	w := &searchWriter{b: make([]byte, 0, len(src)+len(src)/8+64)}
	w.b = append(w.b, '[')
	w.str(n.out)
	w.b = append(w.b, ',')
	w.str(n.title())
	w.b = append(w.b, ",["...)
	intro := len(w.b) // the text before the first heading; dropped when empty
	w.b = append(w.b, `["","",`...)
	w.open()
	_ = ast.Walk(doc, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if x.Type() == ast.TypeBlock {
				w.sep()
			}
			return ast.WalkContinue, nil
		}
		switch x := x.(type) {
		case *ast.Heading:
			if intro >= 0 && w.empty {
				w.b = w.b[:intro] // nothing before the first heading
			} else {
				w.close()
				w.b = append(w.b, "],"...)
			}
			intro = -1
			w.b = append(w.b, '[')
			w.open()
			_ = ast.Walk(x, func(y ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering {
					w.inline(y, src)
				}
				return ast.WalkContinue, nil
			})
			w.close()
			w.b = append(w.b, ',')
			id := ""
			if v, ok := x.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			w.str(id)
			w.b = append(w.b, ',')
			w.open()
			return ast.WalkSkipChildren, nil
		case *prerendered:
			w.text(x.text)
			w.sep()
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := x.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				w.text(s.Value(src))
			}
			w.sep()
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil // not rendered (goldmark's safe default)
		case *extast.TableCell:
			w.sep()
		}
		w.inline(x, src)
		return ast.WalkContinue, nil
	})
	if intro >= 0 && w.empty {
		w.b = w.b[:intro]
	} else {
		w.close()
		w.b = append(w.b, ']')
	}
	return append(w.b, "]]"...)
}

// searchWriter writes JSON strings that are also safe inside an HTML
// <script>: <, > and & are escaped, as are U+2028 and U+2029, bad UTF-8
// becomes U+FFFD, and runs of white space in text become one space.
type searchWriter struct {
	b     []byte
	empty bool // the open string has no text yet
	space bool // a space is due before the next text
}

// byteClass sorts bytes for the writer: 0 copied, 1 white space, 2
// escaped (controls, " \\ < > &); 3 (from 0x80) starts a multi-byte
// character. A literal: it costs nothing at start-up.
var byteClass = [256]uint8{
	0: 2, 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2, '\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, 14: 2, 15: 2,
	16: 2, 17: 2, 18: 2, 19: 2, 20: 2, 21: 2, 22: 2, 23: 2, 24: 2, 25: 2, 26: 2, 27: 2, 28: 2, 29: 2, 30: 2, 31: 2,
	' ': 1, '"': 2, '&': 2, '<': 2, '>': 2, '\\': 2,
	0x80: 3, 0x81: 3, 0x82: 3, 0x83: 3, 0x84: 3, 0x85: 3, 0x86: 3, 0x87: 3, 0x88: 3, 0x89: 3, 0x8a: 3, 0x8b: 3, 0x8c: 3, 0x8d: 3, 0x8e: 3, 0x8f: 3,
	0x90: 3, 0x91: 3, 0x92: 3, 0x93: 3, 0x94: 3, 0x95: 3, 0x96: 3, 0x97: 3, 0x98: 3, 0x99: 3, 0x9a: 3, 0x9b: 3, 0x9c: 3, 0x9d: 3, 0x9e: 3, 0x9f: 3,
	0xa0: 3, 0xa1: 3, 0xa2: 3, 0xa3: 3, 0xa4: 3, 0xa5: 3, 0xa6: 3, 0xa7: 3, 0xa8: 3, 0xa9: 3, 0xaa: 3, 0xab: 3, 0xac: 3, 0xad: 3, 0xae: 3, 0xaf: 3,
	0xb0: 3, 0xb1: 3, 0xb2: 3, 0xb3: 3, 0xb4: 3, 0xb5: 3, 0xb6: 3, 0xb7: 3, 0xb8: 3, 0xb9: 3, 0xba: 3, 0xbb: 3, 0xbc: 3, 0xbd: 3, 0xbe: 3, 0xbf: 3,
	0xc0: 3, 0xc1: 3, 0xc2: 3, 0xc3: 3, 0xc4: 3, 0xc5: 3, 0xc6: 3, 0xc7: 3, 0xc8: 3, 0xc9: 3, 0xca: 3, 0xcb: 3, 0xcc: 3, 0xcd: 3, 0xce: 3, 0xcf: 3,
	0xd0: 3, 0xd1: 3, 0xd2: 3, 0xd3: 3, 0xd4: 3, 0xd5: 3, 0xd6: 3, 0xd7: 3, 0xd8: 3, 0xd9: 3, 0xda: 3, 0xdb: 3, 0xdc: 3, 0xdd: 3, 0xde: 3, 0xdf: 3,
	0xe0: 3, 0xe1: 3, 0xe2: 3, 0xe3: 3, 0xe4: 3, 0xe5: 3, 0xe6: 3, 0xe7: 3, 0xe8: 3, 0xe9: 3, 0xea: 3, 0xeb: 3, 0xec: 3, 0xed: 3, 0xee: 3, 0xef: 3,
	0xf0: 3, 0xf1: 3, 0xf2: 3, 0xf3: 3, 0xf4: 3, 0xf5: 3, 0xf6: 3, 0xf7: 3, 0xf8: 3, 0xf9: 3, 0xfa: 3, 0xfb: 3, 0xfc: 3, 0xfd: 3, 0xfe: 3, 0xff: 3,
}

func (w *searchWriter) open() {
	w.b = append(w.b, '"')
	w.empty, w.space = true, false
}

func (w *searchWriter) close() { w.b = append(w.b, '"') }

// sep ends a word: a space follows if more text comes.
func (w *searchWriter) sep() { w.space = !w.empty }

// str writes s as a whole JSON string (white space kept as \n, \t).
func (w *searchWriter) str(s string) {
	w.b = appendJSString(w.b, s)
}

// inline writes the text an inline node itself holds.
func (w *searchWriter) inline(x ast.Node, src []byte) {
	switch x := x.(type) {
	case *ast.Text:
		w.text(x.Segment.Value(src))
		if x.SoftLineBreak() || x.HardLineBreak() {
			w.sep()
		}
	case *ast.String:
		w.text(x.Value)
	case *ast.AutoLink:
		w.text(x.Label(src))
	}
}

// text appends t to the open string, white space collapsed, escaped.
func (w *searchWriter) text(t []byte) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(t); {
		c := t[i]
		switch byteClass[c] {
		case 1:
			w.sep()
			i++
			continue
		case 0:
			// A run of plain bytes, single spaces between them included.
			j := i + 1
			for j < len(t) {
				if byteClass[t[j]] == 0 {
					j++
				} else if t[j] == ' ' && j+1 < len(t) && byteClass[t[j+1]] == 0 {
					j += 2
				} else {
					break
				}
			}
			w.due()
			w.b = append(w.b, t[i:j]...)
			i = j
			continue
		case 2:
			w.due()
			switch c {
			case '"', '\\':
				w.b = append(w.b, '\\', c)
			default:
				w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(t[i:])
		w.due()
		switch {
		case r == utf8.RuneError && size == 1:
			w.b = append(w.b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			w.b = append(w.b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			w.b = append(w.b, t[i:i+size]...)
		}
		i += size
	}
}

// due writes the space a word boundary left pending.
func (w *searchWriter) due() {
	if w.space {
		w.b = append(w.b, ' ')
		w.space = false
	}
	w.empty = false
}

const (
	searchIndexHead = "seqdocSearch([\n"
	searchIndexSep  = ",\n"
	searchIndexTail = "]);\n"
)

// searchIndex joins the pages' records into the index script.
func searchIndex(records [][]byte) []byte {
	size := len(searchIndexHead) + len(searchIndexTail)
	for _, r := range records {
		size += len(r) + len(searchIndexSep)
	}
	b := make([]byte, 0, size)
	b = append(b, searchIndexHead...)
	for i, r := range records {
		if i > 0 {
			b = append(b, searchIndexSep...)
		}
		b = append(b, r...)
	}
	return append(b, searchIndexTail...)
}

// indexJoin writes the index as searchIndex does, while the pages render:
// each record is appended in page order as soon as the pages before it are
// in (the workers take pages in order, so few wait), then dropped. seqdoc
// build keeps no records and makes no second copy of them all at the end.
type indexJoin struct {
	mu      sync.Mutex
	b       []byte
	next    int            // the page whose record comes next
	waiting map[int][]byte // records of pages that finished early
}

// newIndexJoin makes room for about size bytes of records: the pages'
// Markdown, which their records do not outgrow by much (text only, white
// space collapsed). Room never written is never touched.
func newIndexJoin(size int) *indexJoin {
	j := &indexJoin{b: make([]byte, 0, size+size/8+64), waiting: map[int][]byte{}}
	j.b = append(j.b, searchIndexHead...)
	return j
}

// add hands in page i's record.
func (j *indexJoin) add(i int, rec []byte) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if i != j.next {
		j.waiting[i] = rec
		return
	}
	for {
		if j.next > 0 {
			j.b = append(j.b, searchIndexSep...)
		}
		j.b = append(j.b, rec...)
		j.next++
		var ok bool
		if rec, ok = j.waiting[j.next]; !ok {
			return
		}
		delete(j.waiting, j.next)
	}
}

// done returns the index, once every page's record is in.
func (j *indexJoin) done() []byte {
	return append(j.b, searchIndexTail...)
}

// appendJSString appends s as a JSON string safe inside an HTML <script>,
// as searchWriter.text does, white space kept.
func appendJSString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if byteClass[c] < 2 && c >= 0x20 {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		if c < utf8.RuneSelf {
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
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
