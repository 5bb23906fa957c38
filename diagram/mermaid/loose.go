package mermaid

import (
	"fmt"
	"strconv"
	"strings"
)

// The directive bodies ("%%{init: {'theme': 'dark'}}%%"), the typed
// participant form ("@{ type: 'database' }") and "links" all use a relaxed
// JSON: single or double quotes, bare keys and words. looseParser reads it
// into plain values: obj (keys in source order), []any, string, float64,
// bool or nil.

// obj is an object with its keys in source order.
type obj []kv

type kv struct {
	Key string
	Val any
}

// get returns the value of the last key named k (case-sensitive).
func (o obj) get(k string) (any, bool) {
	for i := len(o) - 1; i >= 0; i-- {
		if o[i].Key == k {
			return o[i].Val, true
		}
	}
	return nil, false
}

type looseParser struct {
	s   string
	i   int
	err error
}

// parseLoose reads one value from s and returns it with the offset just
// after it.
func parseLoose(s string) (any, int, error) {
	p := &looseParser{s: s}
	v := p.value(0)
	return v, p.i, p.err
}

func (p *looseParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
	p.i = len(p.s)
}

func (p *looseParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *looseParser) value(depth int) any {
	if depth > 50 {
		p.fail("values nested too deeply")
		return nil
	}
	p.space()
	if p.i >= len(p.s) {
		p.fail("value expected")
		return nil
	}
	switch c := p.s[p.i]; c {
	case '{':
		p.i++
		o := obj{}
		for {
			p.space()
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				return o
			}
			k, ok := p.key()
			if !ok {
				return o
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				p.fail("':' expected after key %q", k)
				return o
			}
			p.i++
			o = append(o, kv{k, p.value(depth + 1)})
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i >= len(p.s) || p.s[p.i] != '}' {
				p.fail("',' or '}' expected")
				return o
			}
		}
	case '[':
		p.i++
		var a []any
		for {
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				return a
			}
			a = append(a, p.value(depth+1))
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i >= len(p.s) || p.s[p.i] != ']' {
				p.fail("',' or ']' expected")
				return a
			}
		}
	case '"', '\'':
		s, _ := p.str()
		return s
	}
	w := p.word()
	if w == "" {
		p.fail("unexpected %q", p.s[p.i:p.i+1])
		return nil
	}
	switch w {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil {
		return f
	}
	return w
}

func (p *looseParser) key() (string, bool) {
	if p.i < len(p.s) && (p.s[p.i] == '"' || p.s[p.i] == '\'') {
		return p.str()
	}
	w := p.word()
	if w == "" {
		p.fail("key expected")
		return "", false
	}
	return w, true
}

// word reads a bare word: anything up to a delimiter.
func (p *looseParser) word() string {
	start := p.i
	for p.i < len(p.s) && strings.IndexByte(",:{}[]\"' \t\r\n", p.s[p.i]) < 0 {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *looseParser) str() (string, bool) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), true
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(e)
			}
		case c == '\n':
			p.fail("string not closed")
			return b.String(), false
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	p.fail("string not closed")
	return b.String(), false
}
