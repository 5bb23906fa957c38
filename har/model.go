package har

import (
	"encoding/json"
	"strings"
	"time"
)

// Log is the capture-level part of a HAR file: everything but the entries.
type Log struct {
	Version string   `json:"version"`
	Creator Creator  `json:"creator"`
	Browser *Creator `json:"browser,omitempty"`
	Pages   []Page   `json:"pages,omitempty"`
	Comment string   `json:"comment,omitempty"`
	// Extra holds the `_`-prefixed and unknown fields, in file order.
	Extra Extensions `json:"-"`
}

// Creator names the program that wrote the capture (or the browser).
type Creator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Comment string `json:"comment,omitempty"`
}

// Page is one page of the capture (HAR `log.pages[]`).
type Page struct {
	StartedDateTime string      `json:"startedDateTime"`
	ID              string      `json:"id"`
	Title           string      `json:"title"`
	PageTimings     PageTimings `json:"pageTimings"`
	Comment         string      `json:"comment,omitempty"`
	Extra           Extensions  `json:"-"`
}

// PageTimings are a page's load milestones in milliseconds (-1: unknown).
type PageTimings struct {
	OnContentLoad float64 `json:"onContentLoad"`
	OnLoad        float64 `json:"onLoad"`
	Comment       string  `json:"comment,omitempty"`
}

// Entry is one HTTP exchange of the capture.
type Entry struct {
	// Index is the entry's position in log.entries, from 0.
	Index int `json:"-"`
	// Line and Col are the 1-based line and column of the file where the
	// entry starts (0 when unknown), so that messages can point at it (a
	// capture written on one line has every entry on line 1).
	Line int `json:"-"`
	Col  int `json:"-"`

	PageRef         string `json:"pageref,omitempty"`
	StartedDateTime string `json:"startedDateTime"`
	// Started is StartedDateTime parsed (zero when missing or not a date).
	Started         time.Time `json:"-"`
	Time            float64   `json:"time"`
	Request         Request   `json:"request"`
	Response        Response  `json:"response"`
	Cache           RawJSON   `json:"cache,omitempty"`
	Timings         Timings   `json:"timings"`
	ServerIPAddress string    `json:"serverIPAddress,omitempty"`
	Connection      string    `json:"connection,omitempty"`
	Comment         string    `json:"comment,omitempty"`
	// Extra holds `_`-prefixed fields (`_resourceType`, `_initiator`,
	// `_error`, `_webSocketMessages` …) and unknown fields, in file order.
	Extra Extensions `json:"-"`
}

// Request is the request half of an entry.
type Request struct {
	Method      string      `json:"method"`
	URL         string      `json:"url"`
	HTTPVersion string      `json:"httpVersion"`
	Headers     []NameValue `json:"headers"`
	Cookies     []Cookie    `json:"cookies"`
	QueryString []NameValue `json:"queryString"`
	PostData    *PostData   `json:"postData,omitempty"`
	HeadersSize int64       `json:"headersSize"`
	BodySize    int64       `json:"bodySize"`
	Comment     string      `json:"comment,omitempty"`
	Extra       Extensions  `json:"-"`
}

// Response is the response half of an entry. Status is 0 (or -1) for a
// request that failed before any response (see Entry.Failed).
type Response struct {
	Status      int         `json:"status"`
	StatusText  string      `json:"statusText"`
	HTTPVersion string      `json:"httpVersion"`
	Headers     []NameValue `json:"headers"`
	Cookies     []Cookie    `json:"cookies"`
	Content     Content     `json:"content"`
	RedirectURL string      `json:"redirectURL"`
	HeadersSize int64       `json:"headersSize"`
	BodySize    int64       `json:"bodySize"`
	Comment     string      `json:"comment,omitempty"`
	Extra       Extensions  `json:"-"`
}

// Content describes a response body. Text is empty unless the reader was
// asked to keep bodies.
type Content struct {
	Size        int64      `json:"size"`
	Compression int64      `json:"compression,omitempty"`
	MimeType    string     `json:"mimeType"`
	Text        string     `json:"text,omitempty"`
	Encoding    string     `json:"encoding,omitempty"`
	Comment     string     `json:"comment,omitempty"`
	Extra       Extensions `json:"-"`
	// TextLength is the length of content.text as written in the file
	// (escaped), also when the reader skipped the text.
	TextLength int64 `json:"-"`
}

// PostData is a request body.
type PostData struct {
	MimeType string     `json:"mimeType"`
	Params   []Param    `json:"params,omitempty"`
	Text     string     `json:"text,omitempty"`
	Comment  string     `json:"comment,omitempty"`
	Extra    Extensions `json:"-"`
}

// Param is one field of a form body.
type Param struct {
	Name        string `json:"name"`
	Value       string `json:"value,omitempty"`
	FileName    string `json:"fileName,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	Comment     string `json:"comment,omitempty"`
}

// NameValue is a header or a query parameter.
type NameValue struct {
	Name    string `json:"name"`
	Value   string `json:"value"`
	Comment string `json:"comment,omitempty"`
}

// Cookie is a parsed cookie (HAR `cookies[]`).
type Cookie struct {
	Name     string     `json:"name"`
	Value    string     `json:"value"`
	Path     string     `json:"path,omitempty"`
	Domain   string     `json:"domain,omitempty"`
	Expires  string     `json:"expires,omitempty"`
	HTTPOnly bool       `json:"httpOnly,omitempty"`
	Secure   bool       `json:"secure,omitempty"`
	SameSite string     `json:"sameSite,omitempty"`
	Comment  string     `json:"comment,omitempty"`
	Extra    Extensions `json:"-"`
}

// Timings are the phases of an exchange in milliseconds; -1 means "does not
// apply" or missing.
type Timings struct {
	Blocked float64    `json:"blocked"`
	DNS     float64    `json:"dns"`
	Connect float64    `json:"connect"`
	Send    float64    `json:"send"`
	Wait    float64    `json:"wait"`
	Receive float64    `json:"receive"`
	SSL     float64    `json:"ssl"`
	Comment string     `json:"comment,omitempty"`
	Extra   Extensions `json:"-"`
}

// RawJSON is a JSON value kept as written (compacted).
type RawJSON = json.RawMessage

// Field is one extension field: its name and its JSON value as written.
type Field struct {
	Name  string
	Value RawJSON
}

// Extensions are extension fields in file order.
type Extensions []Field

// Get returns the raw value of the named field, or nil.
func (x Extensions) Get(name string) RawJSON {
	for _, f := range x {
		if f.Name == name {
			return f.Value
		}
	}
	return nil
}

// String returns the named field's value when it is a JSON string, or "".
func (x Extensions) String(name string) string {
	raw := x.Get(name)
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// headerValues returns the values of every header called name, matched
// without regard to case, in order.
func headerValues(hs []NameValue, name string) []string {
	var out []string
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			out = append(out, h.Value)
		}
	}
	return out
}

func headerValue(hs []NameValue, name string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// Header returns the first request header called name (any case), or "".
func (r *Request) Header(name string) string { return headerValue(r.Headers, name) }

// HeaderValues returns every request header called name (any case).
func (r *Request) HeaderValues(name string) []string { return headerValues(r.Headers, name) }

// Header returns the first response header called name (any case), or "".
func (r *Response) Header(name string) string { return headerValue(r.Headers, name) }

// HeaderValues returns every response header called name (any case).
func (r *Response) HeaderValues(name string) []string { return headerValues(r.Headers, name) }

// Location is where a redirect points: redirectURL, or the Location header
// when an exporter left redirectURL empty.
func (r *Response) Location() string {
	if r.RedirectURL != "" {
		return r.RedirectURL
	}
	return r.Header("Location")
}

// SetCookies returns every Set-Cookie header line of the response, with
// values that join several cookies by "\n" split apart.
func (r *Response) SetCookies() []string {
	var out []string
	for _, v := range r.HeaderValues("Set-Cookie") {
		for _, line := range strings.Split(v, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// Failed reports whether the request got no HTTP response (status 0 or -1,
// or an exporter's error field).
func (e *Entry) Failed() bool {
	return e.Response.Status <= 0 || e.Extra.String("_error") != "" || e.Response.Extra.String("_error") != ""
}

// ResourceType is the exporter's resource type (`_resourceType`:
// "document", "stylesheet", "script", "xhr", "fetch" …), or "".
func (e *Entry) ResourceType() string { return e.Extra.String("_resourceType") }
