package har

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// Writer writes a HAR 1.2 document, pretty-printed with two-space indents,
// one entry at a time, so that memory does not grow with the capture. The
// output is deterministic: the HAR fields in the order of the specification,
// then the extension fields in the order they were read.
//
// Log fields known when the first entry is written (version, creator,
// browser, pages, comment, extensions) come before "entries"; fields that
// appear only after the reader has passed the entries (some exporters write
// pages last) are written after them.
type Writer struct {
	w       *bufio.Writer
	started bool
	n       int
	head    map[string]bool // log fields written before "entries"
	err     error
	buf     bytes.Buffer
	ebuf    []byte
	lines   int // newlines written so far
	// entryLine and entryCol: where the last entry written starts.
	entryLine, entryCol int
}

// EntryPos returns the 1-based line and column where the last entry
// written starts in the output (0, 0 before the first): the position of a
// capture built in memory, which has no file of its own to point into.
func (w *Writer) EntryPos() (line, col int) { return w.entryLine, w.entryCol }

// NewWriter returns a Writer to w. Call WriteEntry for each entry (or
// none), then Close with the complete Log.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), head: map[string]bool{}}
}

// Begin writes the document's head with the log fields known now. It is
// called by the first WriteEntry (or Close) if not before.
func (w *Writer) Begin(l *Log) error {
	if w.started {
		return w.err
	}
	w.started = true
	w.write([]byte("{\n  \"log\": {"))
	first := true
	for _, f := range logFields(l) {
		w.head[f.Name] = true
		w.field(&first, f)
	}
	if !first {
		w.write([]byte(","))
	}
	w.write([]byte("\n    \"entries\": ["))
	return w.err
}

func (w *Writer) field(first *bool, f Field) {
	if !*first {
		w.write([]byte(","))
	}
	*first = false
	w.write([]byte("\n    "))
	k := appendString(nil, f.Name)
	w.write(k)
	w.write([]byte(": "))
	w.indented(f.Value, "    ")
}

func (w *Writer) indented(raw []byte, prefix string) {
	w.buf.Reset()
	if err := json.Indent(&w.buf, raw, prefix, "  "); err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	w.write(w.buf.Bytes())
}

func (w *Writer) write(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
		w.lines += bytes.Count(b, []byte{'\n'})
	}
}

// WriteEntry writes one entry.
func (w *Writer) WriteEntry(l *Log, e *Entry) error {
	if !w.started {
		w.Begin(l)
	}
	if w.n > 0 {
		w.write([]byte(","))
	}
	w.n++
	w.write([]byte("\n      "))
	w.entryLine, w.entryCol = w.lines+1, 7
	w.ebuf = AppendEntry(w.ebuf[:0], e)
	w.indented(w.ebuf, "      ")
	return w.err
}

// Close ends the document with the log fields not written yet, and
// flushes. It does not close the underlying writer.
func (w *Writer) Close(l *Log) error {
	if !w.started {
		w.Begin(l)
	}
	if w.n > 0 {
		w.write([]byte("\n    "))
	}
	w.write([]byte("]"))
	for _, f := range logFields(l) {
		if !w.head[f.Name] {
			first := false
			w.field(&first, f)
		}
	}
	w.write([]byte("\n  }\n}\n"))
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// logFields are the log's fields but entries, compacted, in order.
func logFields(l *Log) []Field {
	version := l.Version
	if version == "" {
		version = "1.2"
	}
	var fs []Field
	add := func(name string, v []byte) { fs = append(fs, Field{Name: name, Value: v}) }
	add("version", appendString(nil, version))
	add("creator", appendCreator(nil, &l.Creator))
	if l.Browser != nil {
		add("browser", appendCreator(nil, l.Browser))
	}
	if len(l.Pages) > 0 {
		b := []byte{'['}
		for i := range l.Pages {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPage(b, &l.Pages[i])
		}
		add("pages", append(b, ']'))
	}
	if l.Comment != "" {
		add("comment", appendString(nil, l.Comment))
	}
	for _, f := range l.Extra {
		if !isLogField(f.Name) {
			fs = append(fs, f)
		}
	}
	return fs
}

func isLogField(name string) bool {
	switch name {
	case "version", "creator", "browser", "pages", "comment", "entries":
		return true
	}
	return false
}

// obj builds a compact JSON object.
type obj struct {
	b     []byte
	first bool
}

func newObj(b []byte) *obj { return &obj{b: append(b, '{'), first: true} }

func (o *obj) key(k string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = appendString(o.b, k)
	o.b = append(o.b, ':')
}

func (o *obj) str(k, v string) { o.key(k); o.b = appendString(o.b, v) }

func (o *obj) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *obj) num(k string, v float64) { o.key(k); o.b = appendFloat(o.b, v) }

func (o *obj) int(k string, v int64) { o.key(k); o.b = strconv.AppendInt(o.b, v, 10) }

func (o *obj) raw(k string, v []byte) { o.key(k); o.b = append(o.b, v...) }

func (o *obj) extra(x Extensions, known func(string) bool) {
	for _, f := range x {
		if known(f.Name) || len(f.Value) == 0 {
			continue
		}
		o.raw(f.Name, f.Value)
	}
}

func (o *obj) end() []byte { return append(o.b, '}') }

func appendCreator(b []byte, c *Creator) []byte {
	o := newObj(b)
	o.str("name", c.Name)
	o.str("version", c.Version)
	o.strOmit("comment", c.Comment)
	return o.end()
}

func appendPage(b []byte, p *Page) []byte {
	o := newObj(b)
	o.str("startedDateTime", p.StartedDateTime)
	o.str("id", p.ID)
	o.str("title", p.Title)
	pt := newObj(nil)
	pt.num("onContentLoad", p.PageTimings.OnContentLoad)
	pt.num("onLoad", p.PageTimings.OnLoad)
	pt.strOmit("comment", p.PageTimings.Comment)
	o.raw("pageTimings", pt.end())
	o.strOmit("comment", p.Comment)
	o.extra(p.Extra, func(n string) bool {
		switch n {
		case "startedDateTime", "id", "title", "pageTimings", "comment":
			return true
		}
		return false
	})
	return o.end()
}

// AppendEntry appends the entry as compact JSON, in the HAR field order,
// extension fields after the known ones.
func AppendEntry(b []byte, e *Entry) []byte {
	o := newObj(b)
	o.strOmit("pageref", e.PageRef)
	o.str("startedDateTime", e.StartedDateTime)
	o.num("time", e.Time)
	o.key("request")
	o.b = appendRequest(o.b, &e.Request)
	o.key("response")
	o.b = appendResponse(o.b, &e.Response)
	if len(e.Cache) > 0 {
		o.raw("cache", e.Cache)
	} else {
		o.raw("cache", []byte("{}"))
	}
	o.key("timings")
	o.b = appendTimings(o.b, &e.Timings)
	o.strOmit("serverIPAddress", e.ServerIPAddress)
	o.strOmit("connection", e.Connection)
	o.strOmit("comment", e.Comment)
	o.extra(e.Extra, func(n string) bool {
		switch n {
		case "pageref", "startedDateTime", "time", "request", "response", "cache", "timings", "serverIPAddress", "connection", "comment":
			return true
		}
		return false
	})
	return o.end()
}

func appendNameValues(b []byte, nvs []NameValue) []byte {
	b = append(b, '[')
	for i := range nvs {
		if i > 0 {
			b = append(b, ',')
		}
		o := newObj(b)
		o.str("name", nvs[i].Name)
		o.str("value", nvs[i].Value)
		o.strOmit("comment", nvs[i].Comment)
		b = o.end()
	}
	return append(b, ']')
}

func appendCookies(b []byte, cs []Cookie) []byte {
	b = append(b, '[')
	for i := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		c := &cs[i]
		o := newObj(b)
		o.str("name", c.Name)
		o.str("value", c.Value)
		o.strOmit("path", c.Path)
		o.strOmit("domain", c.Domain)
		o.strOmit("expires", c.Expires)
		if c.HTTPOnly {
			o.raw("httpOnly", []byte("true"))
		}
		if c.Secure {
			o.raw("secure", []byte("true"))
		}
		o.strOmit("sameSite", c.SameSite)
		o.strOmit("comment", c.Comment)
		o.extra(c.Extra, func(n string) bool {
			switch n {
			case "name", "value", "path", "domain", "expires", "httpOnly", "secure", "sameSite", "comment":
				return true
			}
			return false
		})
		b = o.end()
	}
	return append(b, ']')
}

func appendRequest(b []byte, r *Request) []byte {
	o := newObj(b)
	o.str("method", r.Method)
	o.str("url", r.URL)
	o.str("httpVersion", r.HTTPVersion)
	o.key("cookies")
	o.b = appendCookies(o.b, r.Cookies)
	o.key("headers")
	o.b = appendNameValues(o.b, r.Headers)
	o.key("queryString")
	o.b = appendNameValues(o.b, r.QueryString)
	if p := r.PostData; p != nil {
		o.key("postData")
		po := newObj(o.b)
		po.str("mimeType", p.MimeType)
		if len(p.Params) > 0 {
			pb := []byte{'['}
			for i := range p.Params {
				if i > 0 {
					pb = append(pb, ',')
				}
				q := &p.Params[i]
				qo := newObj(pb)
				qo.str("name", q.Name)
				qo.strOmit("value", q.Value)
				qo.strOmit("fileName", q.FileName)
				qo.strOmit("contentType", q.ContentType)
				qo.strOmit("comment", q.Comment)
				pb = qo.end()
			}
			po.raw("params", append(pb, ']'))
		}
		po.str("text", p.Text)
		po.strOmit("comment", p.Comment)
		po.extra(p.Extra, func(n string) bool {
			switch n {
			case "mimeType", "params", "text", "comment":
				return true
			}
			return false
		})
		o.b = po.end()
	}
	o.int("headersSize", r.HeadersSize)
	o.int("bodySize", r.BodySize)
	o.strOmit("comment", r.Comment)
	o.extra(r.Extra, func(n string) bool {
		switch n {
		case "method", "url", "httpVersion", "cookies", "headers", "queryString", "postData", "headersSize", "bodySize", "comment":
			return true
		}
		return false
	})
	return o.end()
}

func appendResponse(b []byte, r *Response) []byte {
	o := newObj(b)
	o.int("status", int64(r.Status))
	o.str("statusText", r.StatusText)
	o.str("httpVersion", r.HTTPVersion)
	o.key("cookies")
	o.b = appendCookies(o.b, r.Cookies)
	o.key("headers")
	o.b = appendNameValues(o.b, r.Headers)
	c := &r.Content
	o.key("content")
	co := newObj(o.b)
	co.int("size", c.Size)
	if c.Compression != 0 {
		co.int("compression", c.Compression)
	}
	co.str("mimeType", c.MimeType)
	co.strOmit("text", c.Text)
	co.strOmit("encoding", c.Encoding)
	co.strOmit("comment", c.Comment)
	co.extra(c.Extra, func(n string) bool {
		switch n {
		case "size", "compression", "mimeType", "text", "encoding", "comment":
			return true
		}
		return false
	})
	o.b = co.end()
	o.str("redirectURL", r.RedirectURL)
	o.int("headersSize", r.HeadersSize)
	o.int("bodySize", r.BodySize)
	o.strOmit("comment", r.Comment)
	o.extra(r.Extra, func(n string) bool {
		switch n {
		case "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize", "comment":
			return true
		}
		return false
	})
	return o.end()
}

func appendTimings(b []byte, t *Timings) []byte {
	o := newObj(b)
	o.num("blocked", t.Blocked)
	o.num("dns", t.DNS)
	o.num("connect", t.Connect)
	o.num("send", t.Send)
	o.num("wait", t.Wait)
	o.num("receive", t.Receive)
	o.num("ssl", t.SSL)
	o.strOmit("comment", t.Comment)
	o.extra(t.Extra, func(n string) bool {
		switch n {
		case "blocked", "dns", "connect", "send", "wait", "receive", "ssl", "comment":
			return true
		}
		return false
	})
	return o.end()
}

// appendFloat writes a number as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	return strconv.AppendFloat(b, f, fmt, -1, 64)
}

// appendString writes a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD. (<, > and & are not
// escaped: the file is read by people; whoever embeds a value in HTML
// escapes it there.)
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...) // as the rune, so that a second pass keeps it
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
