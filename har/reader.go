package har

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadOptions say what a Reader keeps.
type ReadOptions struct {
	// KeepBodies keeps response bodies (content.text). By default they are
	// skipped without being decoded; Content.TextLength still tells their
	// size. Request bodies (postData) are always kept.
	KeepBodies bool
	// Stdin is read when the name given to Open is "-" (os.Stdin if nil).
	Stdin io.Reader
	// Context, if set, stops reading once it is cancelled: a read of a
	// pipe or a terminal that waits for input returns the context's cause
	// at once (Ctrl-C on seqdoc inspect - waiting on standard input).
	Context context.Context
}

// Error is a problem with a capture's content, at a position of the file.
// It prints as "capture.har:LINE:COL: what is wrong".
type Error struct {
	File      string
	Line, Col int // 1-based; 0 when the problem has no position
	Msg       string
	Err       error // the underlying error, if any
}

func (e *Error) Error() string {
	// One line, whatever the message quotes from the file.
	msg := strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(e.Msg)
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, msg)
	}
	return fmt.Sprintf("%s: %s", e.File, msg)
}

func (e *Error) Unwrap() error { return e.Err }

// harShape is the sentence that tells what a HAR file looks like.
const harShape = `a HAR file is one JSON object {"log": {"version": "1.2", "creator": {…}, "entries": [ … ]}}, as a browser's network panel writes it with "Save all as HAR"`

// Reader reads a HAR capture one entry at a time.
type Reader struct {
	s      *scanner
	opts   ReadOptions
	log    Log
	closer io.Closer
	count  *countingReader

	state   int // stateEntries: in log.entries; stateDone: after them
	index   int
	err     error
	logLine int
	logCol  int
}

const (
	stateEntries = iota + 1
	stateDone
)

// Open opens the capture at path ("-": standard input), gzip-compressed or
// not (told by its first bytes, not its name), and reads up to its first
// entry. Errors in the content are *Error values.
func Open(path string, opts ReadOptions) (*Reader, error) {
	if path == "-" {
		in := opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		return NewReader(in, "stdin", opts)
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) { // "x.har: no such file or directory", as the user named it
			return nil, fmt.Errorf("%s: %w", path, pe.Err)
		}
		return nil, err
	}
	r, err := NewReader(f, path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// countingReader counts the bytes read from the file (for progress).
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewReader reads a capture from r; name is used in messages. It reads up to
// the first entry.
func NewReader(in io.Reader, name string, opts ReadOptions) (*Reader, error) {
	cr := &countingReader{r: cancelable(opts.Context, in)}
	// A file smaller than the buffers gets buffers its size: checking a
	// thousand small captures then allocates 60 KB each, not 320 KB.
	bufSize, scanSize := 64<<10, scanBufSize
	if f, ok := in.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < int64(scanSize) {
			scanSize = max(int(fi.Size())+1, 4<<10)
			bufSize = min(bufSize, scanSize)
		}
	}
	br := bufio.NewReaderSize(cr, bufSize)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		scanSize = scanBufSize // the file's size is not the capture's
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &Error{File: name, Msg: "the file starts like gzip but is not a valid gzip stream: " + err.Error(), Err: err}
		}
		zr.Multistream(true)
		src = zr
	}
	r := &Reader{s: newScanner(src, name, scanSize), opts: opts, count: cr}
	if err := r.start(); err != nil {
		r.err = err
		return nil, err
	}
	return r, nil
}

// BytesRead is how many bytes of the file (compressed, for gzip) have been
// read so far, for progress reports.
func (r *Reader) BytesRead() int64 { return r.count.n }

// Log returns the capture-level fields. They are complete once Next has
// returned io.EOF (some exporters write pages after the entries).
func (r *Reader) Log() *Log { return &r.log }

// Close closes the file Open opened.
func (r *Reader) Close() error {
	if r.closer != nil {
		err := r.closer.Close()
		r.closer = nil
		return err
	}
	return nil
}

// start reads the top of the document down to the first entry.
func (r *Reader) start() error {
	s := r.s
	// A UTF-8 byte order mark (Fiddler) is skipped.
	if s.ensure(3) && s.buf[0] == 0xef && s.buf[1] == 0xbb && s.buf[2] == 0xbf {
		s.pos = 3
		s.lineStart = 3
	}
	c, ok := s.ws()
	if !ok {
		if s.rerr != nil && s.rerr != io.EOF {
			return s.eofError("")
		}
		return s.errorf("the file is empty; " + harShape)
	}
	if c != '{' {
		return r.notJSONObject(c)
	}
	s.pos++
	var keys []string
	var harValues int
	for first := true; ; first = false {
		key, done, err := s.objectNext(first, "the top-level object")
		if err != nil {
			return err
		}
		if done {
			break
		}
		if string(key) == "log" {
			r.logLine, r.logCol = s.line, int(s.offset()-s.lineStart)+1
			null, err := s.objectStart(`"log"`)
			if err != nil {
				return err
			}
			if null {
				return s.errorf(`"log" is null; ` + harShape)
			}
			return r.logFields(true)
		}
		if len(keys) < 8 {
			keys = append(keys, string(key))
		}
		// Look one level down: an object of HARs keyed by name is a
		// common mistake (test fixtures).
		if c, _ := s.ws(); c == '{' {
			sub, err := r.objectKeys()
			if err != nil {
				return err
			}
			for _, k := range sub {
				if k == "log" {
					harValues++
					break
				}
			}
		} else if err := s.skip(); err != nil {
			return err
		}
	}
	if _, ok := s.ws(); ok {
		return s.errorf("unexpected data after the JSON object")
	}
	return r.notHAR(keys, harValues)
}

// objectKeys reads an object and returns its keys, skipping the values.
func (r *Reader) objectKeys() ([]string, error) {
	var keys []string
	err := r.s.object("an object", func(k []byte) error {
		if len(keys) < 32 {
			keys = append(keys, string(k))
		}
		return r.s.skip()
	})
	return keys, err
}

func (r *Reader) notHAR(keys []string, harValues int) error {
	e := &Error{File: r.s.name, Line: 1, Col: 1}
	has := func(k string) bool {
		for _, x := range keys {
			if x == k {
				return true
			}
		}
		return false
	}
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = fmt.Sprintf("%q", k)
	}
	switch {
	case has("request") || has("response") || has("startedDateTime"):
		e.Msg = "this is a single HAR entry (it has " + strings.Join(quoted, ", ") + ") without the \"log\" object around it; " + harShape
	case harValues == 1 && len(keys) == 1:
		e.Msg = fmt.Sprintf("this is one HAR document wrapped in an object under the name %s; save the value of %s as a file of its own: %s", quoted[0], quoted[0], harShape)
	case harValues > 0:
		e.Msg = fmt.Sprintf("this is an object of %d HAR documents keyed by name (%s), not one HAR; save each one to its own file: %s", harValues, strings.Join(quoted, ", "), harShape)
	case len(keys) == 0:
		e.Msg = "this is an empty JSON object, with no \"log\"; " + harShape
	default:
		e.Msg = "this JSON object has no \"log\" (it has " + strings.Join(quoted, ", ") + "); " + harShape
	}
	return e
}

func (r *Reader) notJSONObject(c byte) error {
	s := r.s
	if c == '[' {
		return s.errorf("this is a JSON array, not a HAR; " + harShape)
	}
	if c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n' {
		return s.errorf("this is a single JSON value, not a HAR; " + harShape)
	}
	// A JSONP (HARP) wrapper such as onInputData({...});
	s.ensure(64)
	head := s.buf[s.pos:s.end]
	i := 0
	for i < len(head) && (head[i] == '_' || head[i] == '$' || head[i] == '.' || (head[i]|0x20 >= 'a' && head[i]|0x20 <= 'z') || (head[i] >= '0' && head[i] <= '9')) {
		i++
	}
	if i > 0 && i < len(head) && head[i] == '(' {
		return s.errorf("this is a HAR wrapped in JavaScript (JSONP/HARP: %s( … );), not JSON; remove the %s( at the start and the ); at the end, or export the capture again as plain HAR: %s", head[:i], head[:i], harShape)
	}
	return s.errorf("this is not JSON: it starts with %s; %s", describe(c), harShape)
}

// logFields reads the fields of "log" (its '{' was read) until "entries"
// starts, or to the end of log when the entries were read already.
func (r *Reader) logFields(first bool) error {
	s := r.s
	for ; ; first = false {
		key, done, err := s.objectNext(first, `"log"`)
		if err != nil {
			return err
		}
		if done {
			break
		}
		switch string(key) {
		case "entries":
			if r.state != 0 {
				return s.errorf(`"log" has two "entries" arrays`)
			}
			null, err := s.arrayStart(`"entries"`)
			if err != nil {
				return err
			}
			if null {
				r.state = stateDone
				continue
			}
			r.state = stateEntries
			return nil
		case "version":
			r.log.Version, err = s.str("log.version")
		case "creator":
			err = s.creator(&r.log.Creator, "log.creator")
		case "browser":
			r.log.Browser = &Creator{}
			err = s.creator(r.log.Browser, "log.browser")
		case "pages":
			err = s.pages(&r.log)
		case "comment":
			r.log.Comment, err = s.str("log.comment")
		default:
			err = s.extra(&r.log.Extra, key)
		}
		if err != nil {
			return err
		}
	}
	// The end of "log".
	if r.state == 0 {
		return &Error{File: s.name, Line: r.logLine, Col: r.logCol, Msg: `"log" has no "entries" array, so there is nothing to read; ` + harShape}
	}
	r.state = stateDone
	// The rest of the top-level object.
	for {
		key, done, err := s.objectNext(false, "the top-level object")
		if err != nil {
			return err
		}
		if done {
			break
		}
		if string(key) == "log" {
			return s.errorf(`the file has two "log" objects`)
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
	if c, ok := s.ws(); ok {
		if c == ')' {
			return s.errorf("unexpected ')' after the HAR: is this a JSONP wrapper? " + harShape)
		}
		return s.errorf("unexpected data after the end of the HAR (%s)", describe(c))
	}
	if s.rerr != nil && s.rerr != io.EOF {
		return s.eofError("")
	}
	return nil
}

// Next returns the next entry, or io.EOF after the last one. Errors are
// *Error values (or read errors); after one, Next keeps returning it.
func (r *Reader) Next() (*Entry, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.state != stateEntries {
		return nil, io.EOF
	}
	s := r.s
	done, err := s.arrayNext(r.index == 0, `"entries"`)
	if err == nil && done {
		err = r.logFields(false)
		if err == nil {
			r.err = io.EOF
			return nil, io.EOF
		}
	}
	if err != nil {
		r.err = err
		return nil, err
	}
	e := &Entry{Index: r.index, Line: s.line}
	c, _ := s.ws()
	e.Line, e.Col = s.here()
	if c != '{' {
		if strings.IndexByte(`["-0123456789tfn`, c) >= 0 {
			r.err = s.errorf("entry %d should be a JSON object, found %s"+typeAdvice, r.index, describe(c))
		} else {
			r.err = s.syntaxf("expected an entry (a JSON object), found %s", describe(c))
		}
		return nil, r.err
	}
	if err := s.entry(e, r.opts.KeepBodies); err != nil {
		r.err = err
		return nil, err
	}
	r.index++
	return e, nil
}

// ReadFile reads a whole capture: its log fields and every entry.
func ReadFile(path string, opts ReadOptions) (*Log, []*Entry, error) {
	r, err := Open(path, opts)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	return ReadAll(r)
}

// ReadAll reads the rest of r: its log fields and every entry left.
func ReadAll(r *Reader) (*Log, []*Entry, error) {
	var entries []*Entry
	for {
		e, err := r.Next()
		if errors.Is(err, io.EOF) {
			return r.Log(), entries, nil
		}
		if err != nil {
			return nil, nil, err
		}
		entries = append(entries, e)
	}
}
