package har

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner is a hand-written JSON tokenizer over a fixed-size buffer. It keeps
// track of the line and column of what it reads so that errors can point at
// them, and it can skip a string (a response body) without unescaping or
// keeping it: that is where the reader's speed comes from.
type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	base     int64 // file offset of buf[0]
	rerr     error // the reader's error once it returned one (io.EOF at the end)

	line      int   // line of buf[pos], from 1
	lineStart int64 // file offset of the first byte of that line

	scratch []byte // unescaped string being built
	key     []byte // the current object key
	name    string // file name for errors
}

const (
	scanBufSize = 256 << 10
	maxDepth    = 256
)

func newScanner(r io.Reader, name string, size int) *scanner {
	return &scanner{r: r, buf: make([]byte, size), line: 1, name: name}
}

// newBytesScanner scans b in place (b is only read, never copied).
func newBytesScanner(b []byte) *scanner {
	return &scanner{buf: b, end: len(b), rerr: io.EOF, line: 1}
}

// offset is the file offset of the next byte to read.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// fill makes more bytes available after pos, keeping buf[pos:end]. It
// reports false at the end of the input (or on a read error, kept in rerr).
func (s *scanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.end = n
		s.pos = 0
	}
	if s.end == len(s.buf) {
		// Only lookahead of a few bytes is ever needed, so this cannot
		// happen with a buffer this size; grow rather than fail.
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// ensure makes at least n bytes available at pos, if the input has them.
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// errorf returns an *Error at the scanner's position.
func (s *scanner) errorf(format string, args ...any) error {
	line, col := s.here()
	return s.errorAt(line, col, format, args...)
}

// here is the line and column of the next byte.
func (s *scanner) here() (line, col int) {
	return s.line, int(s.offset()-s.lineStart) + 1
}

// errorAt is errorf at an earlier position: where the value it is about
// starts, not after it.
func (s *scanner) errorAt(line, col int, format string, args ...any) error {
	return &Error{File: s.name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// syntaxf is errorf for malformed JSON: it says what to do.
func (s *scanner) syntaxf(format string, args ...any) error {
	return s.errorf(format+" (the file is not valid JSON here: export the capture again, or fix it at this line and column)", args...)
}

// typeAdvice ends the message about a value of the wrong type.
const typeAdvice = " (the HAR format has another type here: export the capture again, or fix it at this line and column)"

// eofError is the error for input that ends too early (or cannot be read).
func (s *scanner) eofError(what string) error {
	if s.rerr != nil && s.rerr != io.EOF {
		return &Error{File: s.name, Line: s.line, Col: int(s.offset()-s.lineStart) + 1, Msg: "cannot read: " + s.rerr.Error(), Err: s.rerr}
	}
	return s.errorf("the file ends in the middle of %s: it is truncated (export the capture again)", what)
}

// ws skips white space and returns the next byte without consuming it; ok
// is false at the end of the input.
func (s *scanner) ws() (byte, bool) {
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			switch c {
			case ' ', '\t', '\r':
				s.pos++
			case '\n':
				s.pos++
				s.line++
				s.lineStart = s.base + int64(s.pos)
			default:
				return c, true
			}
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// describe names the JSON value that starts with c, for messages.
func describe(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "true/false"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	case c >= 0x20 && c < 0x7f:
		return fmt.Sprintf("%q", rune(c))
	default:
		return fmt.Sprintf("byte 0x%02x", c)
	}
}

// expect consumes the byte c (after white space) or fails.
func (s *scanner) expect(c byte, what string) error {
	b, ok := s.ws()
	if !ok {
		return s.eofError(what)
	}
	if b != c {
		return s.syntaxf("expected %q in %s, found %s", c, what, describe(b))
	}
	s.pos++
	return nil
}

// objectStart consumes the '{' that starts an object. null reads as an
// empty object: isNull is true and nothing more must be read.
func (s *scanner) objectStart(what string) (isNull bool, err error) {
	c, ok := s.ws()
	if !ok {
		return false, s.eofError(what)
	}
	if c == 'n' {
		return true, s.literal()
	}
	if c != '{' {
		return false, s.errorf("%s should be a JSON object, found %s"+typeAdvice, what, describe(c))
	}
	s.pos++
	return false, nil
}

// objectNext moves to the next key of an object whose '{' was read: it
// returns the key (valid until the next read) with the scanner on its value,
// or done at the closing '}'.
func (s *scanner) objectNext(first bool, what string) (key []byte, done bool, err error) {
	c, ok := s.ws()
	if !ok {
		return nil, false, s.eofError(what)
	}
	if c == '}' {
		s.pos++
		return nil, true, nil
	}
	if !first {
		if c != ',' {
			return nil, false, s.syntaxf("expected ',' or '}' after a value in %s, found %s", what, describe(c))
		}
		s.pos++
		if c, ok = s.ws(); !ok {
			return nil, false, s.eofError(what)
		}
	}
	if c != '"' {
		return nil, false, s.syntaxf("expected a quoted field name in %s, found %s", what, describe(c))
	}
	key, err = s.stringBytes()
	if err != nil {
		return nil, false, err
	}
	// The key may point into buf, which the reads below can move: copy it.
	s.key = append(s.key[:0], key...)
	key = s.key
	if c, ok = s.ws(); !ok {
		return nil, false, s.eofError(what)
	}
	if c != ':' {
		return nil, false, s.syntaxf("expected ':' after field name %q in %s, found %s", key, what, describe(c))
	}
	s.pos++
	if _, ok = s.ws(); !ok {
		return nil, false, s.eofError(what)
	}
	return key, false, nil
}

// object reads an object, calling f with each key; f must read the value.
func (s *scanner) object(what string, f func(key []byte) error) error {
	null, err := s.objectStart(what)
	if err != nil || null {
		return err
	}
	for first := true; ; first = false {
		key, done, err := s.objectNext(first, what)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if err := f(key); err != nil {
			return err
		}
	}
}

// arrayStart consumes the '[' that starts an array (null: empty array).
func (s *scanner) arrayStart(what string) (isNull bool, err error) {
	c, ok := s.ws()
	if !ok {
		return false, s.eofError(what)
	}
	if c == 'n' {
		return true, s.literal()
	}
	if c != '[' {
		return false, s.errorf("%s should be a JSON array, found %s"+typeAdvice, what, describe(c))
	}
	s.pos++
	return false, nil
}

// arrayNext moves to the next element (done at the closing ']').
func (s *scanner) arrayNext(first bool, what string) (done bool, err error) {
	c, ok := s.ws()
	if !ok {
		return false, s.eofError(what)
	}
	if c == ']' {
		s.pos++
		return true, nil
	}
	if !first {
		if c != ',' {
			return false, s.syntaxf("expected ',' or ']' after an element of %s, found %s", what, describe(c))
		}
		s.pos++
		if _, ok = s.ws(); !ok {
			return false, s.eofError(what)
		}
	}
	return false, nil
}

// array reads an array, calling f for each element; f must read it.
func (s *scanner) array(what string, f func() error) error {
	null, err := s.arrayStart(what)
	if err != nil || null {
		return err
	}
	for first := true; ; first = false {
		done, err := s.arrayNext(first, what)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if err := f(); err != nil {
			return err
		}
	}
}

// literal reads true, false or null.
func (s *scanner) literal() error {
	s.ensure(5)
	rest := s.buf[s.pos:s.end]
	for _, lit := range [...]string{"true", "false", "null"} {
		if bytes.HasPrefix(rest, []byte(lit)) {
			s.pos += len(lit)
			return nil
		}
	}
	if len(rest) < 4 && s.rerr != nil {
		return s.eofError("a value")
	}
	return s.syntaxf("invalid value: expected true, false or null")
}

func literalText(c byte) string {
	switch c {
	case 't':
		return "true"
	case 'f':
		return "false"
	}
	return "null"
}

// number reads a JSON number and returns its text (valid until next read).
func (s *scanner) number() ([]byte, error) {
	start := s.pos
	for {
		i := s.pos
		for i < s.end {
			c := s.buf[i]
			if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
				i++
				continue
			}
			break
		}
		if i < s.end || s.rerr != nil {
			num := s.buf[start:i]
			if !validNumber(num) {
				return nil, s.syntaxf("invalid number %q", num)
			}
			s.pos = i
			return num, nil
		}
		// The number runs to the end of the buffer: read more, keeping it.
		s.pos = start
		s.fill() // on failure rerr is set and the loop ends
		start = s.pos
	}
}

// validNumber checks the JSON number grammar.
func validNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return false
	}
	if b[i] == '0' {
		i++
	} else if b[i] >= '1' && b[i] <= '9' {
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	} else {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	return i == len(b)
}

// stringBytes reads a string (the scanner is on its '"') and returns its
// unescaped bytes, valid until the next read.
func (s *scanner) stringBytes() ([]byte, error) {
	s.pos++ // opening quote
	// Fast path: the whole string is in the buffer and has no escapes.
	for i := s.pos; i < s.end; i++ {
		c := s.buf[i]
		if c == '"' {
			b := s.buf[s.pos:i]
			s.pos = i + 1
			return b, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	s.scratch = s.scratch[:0]
	for {
		if s.pos >= s.end && !s.fill() {
			return nil, s.eofError("a string")
		}
		c := s.buf[s.pos]
		switch {
		case c == '"':
			s.pos++
			return s.scratch, nil
		case c == '\\':
			if err := s.escape(); err != nil {
				return nil, err
			}
		case c < 0x20:
			return nil, s.syntaxf("invalid control character 0x%02x in a string (it must be escaped)", c)
		default:
			j := s.pos + 1
			for j < s.end {
				c := s.buf[j]
				if c == '"' || c == '\\' || c < 0x20 {
					break
				}
				j++
			}
			s.scratch = append(s.scratch, s.buf[s.pos:j]...)
			s.pos = j
		}
	}
}

// escape decodes one backslash escape into scratch.
func (s *scanner) escape() error {
	if !s.ensure(2) {
		return s.eofError("a string")
	}
	c := s.buf[s.pos+1]
	switch c {
	case '"', '\\', '/':
		s.scratch = append(s.scratch, c)
	case 'b':
		s.scratch = append(s.scratch, '\b')
	case 'f':
		s.scratch = append(s.scratch, '\f')
	case 'n':
		s.scratch = append(s.scratch, '\n')
	case 'r':
		s.scratch = append(s.scratch, '\r')
	case 't':
		s.scratch = append(s.scratch, '\t')
	case 'u':
		r, err := s.hex4(2)
		if err != nil {
			return err
		}
		s.pos += 6
		if utf16.IsSurrogate(r) {
			if s.ensure(6) && s.buf[s.pos] == '\\' && s.buf[s.pos+1] == 'u' {
				if r2, err := s.hex4(2); err == nil {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						s.pos += 6
						s.scratch = utf8.AppendRune(s.scratch, d)
						return nil
					}
				}
			}
			r = utf8.RuneError
		}
		s.scratch = utf8.AppendRune(s.scratch, r)
		return nil
	default:
		s.pos++
		return s.syntaxf("invalid escape %s in a string", strconv.Quote("\\"+string(rune(c))))
	}
	s.pos += 2
	return nil
}

// hex4 decodes the 4 hex digits at pos+rel.
func (s *scanner) hex4(rel int) (rune, error) {
	if !s.ensure(rel + 4) {
		return 0, s.eofError("a string")
	}
	var r rune
	for _, c := range s.buf[s.pos+rel : s.pos+rel+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, s.syntaxf("invalid \\u escape in a string: expected 4 hex digits")
		}
		r = r<<4 | rune(c)
	}
	return r, nil
}

// skipString skips a string (the scanner is on its '"') without unescaping
// or keeping it, and returns its length as written. This is the hot loop for
// bodies: IndexByte finds the closing quote, and a run of backslashes before
// it tells whether it is escaped.
func (s *scanner) skipString() (int64, error) {
	s.pos++
	var n int64
	bs := 0 // backslashes just before buf[pos], carried across refills
	for {
		if s.pos >= s.end && !s.fill() {
			return n, s.eofError("a string")
		}
		seg := s.buf[s.pos:s.end]
		i := bytes.IndexByte(seg, '"')
		if i < 0 {
			bs = trailingBackslashes(seg, bs)
			n += int64(len(seg))
			s.pos = s.end
			continue
		}
		if trailingBackslashes(seg[:i], bs)%2 == 1 {
			bs = 0
			n += int64(i + 1)
			s.pos += i + 1
			continue
		}
		n += int64(i)
		s.pos += i + 1
		return n, nil
	}
}

// trailingBackslashes counts the backslashes that end b, adding carry when
// all of b is backslashes.
func trailingBackslashes(b []byte, carry int) int {
	k := 0
	for k < len(b) && b[len(b)-1-k] == '\\' {
		k++
	}
	if k == len(b) {
		return carry + k
	}
	return k
}

// skip skips any value.
func (s *scanner) skip() error {
	return s.walk(nil)
}

// raw reads any value and returns it compacted (a fresh slice).
func (s *scanner) raw() (RawJSON, error) {
	var out []byte
	if err := s.walk(&out); err != nil {
		return nil, err
	}
	return RawJSON(out), nil
}

// walk reads one value, appending it compacted to *out when out is not nil.
// It is iterative, so hostile nesting cannot exhaust the stack.
func (s *scanner) walk(out *[]byte) error {
	var stack []byte // '{' or '['
	expectKey := false
	first := true
	for {
		c, ok := s.ws()
		if !ok {
			return s.eofError("a value")
		}
		// Close containers / separators when inside one.
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			closer := byte('}')
			if top == '[' {
				closer = ']'
			}
			if c == closer {
				s.pos++
				if out != nil {
					*out = append(*out, c)
				}
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return nil
				}
				first = false
				expectKey = stack[len(stack)-1] == '{'
				continue
			}
			if !first {
				if c != ',' {
					return s.syntaxf("expected ',' or '%c', found %s", closer, describe(c))
				}
				s.pos++
				if out != nil {
					*out = append(*out, ',')
				}
				if c, ok = s.ws(); !ok {
					return s.eofError("a value")
				}
			}
			if expectKey {
				if c != '"' {
					return s.syntaxf("expected a quoted field name, found %s", describe(c))
				}
				if err := s.copyString(out); err != nil {
					return err
				}
				if err := s.expect(':', "an object"); err != nil {
					return err
				}
				if out != nil {
					*out = append(*out, ':')
				}
				if c, ok = s.ws(); !ok {
					return s.eofError("a value")
				}
			}
		}
		// A value starts at c.
		switch {
		case c == '{' || c == '[':
			if len(stack) >= maxDepth {
				return s.errorf("values nested more than %d deep", maxDepth)
			}
			s.pos++
			if out != nil {
				*out = append(*out, c)
			}
			stack = append(stack, c)
			first = true
			expectKey = c == '{'
			continue
		case c == '"':
			if err := s.copyString(out); err != nil {
				return err
			}
		case c == 't' || c == 'f' || c == 'n':
			if err := s.literal(); err != nil {
				return err
			}
			if out != nil {
				*out = append(*out, literalText(c)...)
			}
		case c == '-' || (c >= '0' && c <= '9'):
			num, err := s.number()
			if err != nil {
				return err
			}
			if out != nil {
				*out = append(*out, num...)
			}
		default:
			return s.syntaxf("expected a value, found %s", describe(c))
		}
		if len(stack) == 0 {
			return nil
		}
		first = false
		expectKey = stack[len(stack)-1] == '{'
	}
}

// copyString validates a string and appends it, as written, to *out (or
// only validates it when out is nil).
func (s *scanner) copyString(out *[]byte) error {
	put := func(b ...byte) {
		if out != nil {
			*out = append(*out, b...)
		}
	}
	put('"')
	s.pos++
	for {
		if s.pos >= s.end && !s.fill() {
			return s.eofError("a string")
		}
		c := s.buf[s.pos]
		switch {
		case c == '"':
			s.pos++
			put('"')
			return nil
		case c == '\\':
			if !s.ensure(2) {
				return s.eofError("a string")
			}
			e := s.buf[s.pos+1]
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				put('\\', e)
				s.pos += 2
			case 'u':
				if _, err := s.hex4(2); err != nil {
					return err
				}
				put(s.buf[s.pos : s.pos+6]...)
				s.pos += 6
			default:
				s.pos++
				return s.syntaxf("invalid escape %s in a string", strconv.Quote("\\"+string(rune(e))))
			}
		case c < 0x20:
			return s.syntaxf("invalid control character 0x%02x in a string (it must be escaped)", c)
		default:
			j := s.pos + 1
			for j < s.end {
				c := s.buf[j]
				if c == '"' || c == '\\' || c < 0x20 {
					break
				}
				j++
			}
			put(s.buf[s.pos:j]...)
			s.pos = j
		}
	}
}

// str reads a string field. Numbers and booleans are taken as their text
// (some exporters write `"version": 1.2`); null is "".
func (s *scanner) str(what string) (string, error) {
	c, _ := s.ws()
	switch {
	case c == '"':
		b, err := s.stringBytes()
		return string(b), err
	case c == 'n' || c == 't' || c == 'f':
		if err := s.literal(); err != nil {
			return "", err
		}
		if c == 'n' {
			return "", nil
		}
		return literalText(c), nil
	case c == '-' || (c >= '0' && c <= '9'):
		num, err := s.number()
		return string(num), err
	}
	return "", s.errorf("%s should be a string, found %s"+typeAdvice, what, describe(c))
}

// float reads a number field; null keeps def; a numeric string is accepted.
func (s *scanner) float(what string, def float64) (float64, error) {
	c, _ := s.ws()
	line, col := s.here()
	switch {
	case c == '-' || (c >= '0' && c <= '9'):
		num, err := s.number()
		if err != nil {
			return def, err
		}
		f, err := strconv.ParseFloat(string(num), 64)
		if err != nil { // out of range: keep the sign's infinity's nearest
			return def, s.errorAt(line, col, "%s: number %s is out of range", what, num)
		}
		return f, nil
	case c == 'n':
		return def, s.literal()
	case c == '"':
		b, err := s.stringBytes()
		if err != nil {
			return def, err
		}
		if len(b) == 0 {
			return def, nil
		}
		f, perr := strconv.ParseFloat(string(b), 64)
		if perr != nil {
			return def, s.errorAt(line, col, "%s should be a number, found the string %q"+typeAdvice, what, b)
		}
		return f, nil
	}
	return def, s.errorf("%s should be a number, found %s"+typeAdvice, what, describe(c))
}

// int64v reads an integer field (a float is truncated).
func (s *scanner) int64v(what string, def int64) (int64, error) {
	f, err := s.float(what, float64(def))
	if err != nil {
		return def, err
	}
	if f >= 9.2e18 || f <= -9.2e18 {
		return def, nil
	}
	return int64(f), nil
}

// boolv reads a boolean field; null and strings "true"/"false" too.
func (s *scanner) boolv(what string) (bool, error) {
	c, _ := s.ws()
	switch c {
	case 't', 'f', 'n':
		err := s.literal()
		return c == 't', err
	case '"':
		b, err := s.stringBytes()
		return string(b) == "true", err
	}
	if c == '-' || (c >= '0' && c <= '9') {
		num, err := s.number()
		return err == nil && string(num) != "0", err
	}
	return false, s.errorf("%s should be true or false, found %s"+typeAdvice, what, describe(c))
}
