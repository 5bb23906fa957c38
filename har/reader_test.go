package har

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGzipByMagicBytes(t *testing.T) {
	path := filepath.Join(fixtureDir(t, "har-browser"), "a-happy-path.har")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	// Named .har, not .gz: the first bytes decide.
	zpath := filepath.Join(t.TempDir(), "capture.har")
	os.WriteFile(zpath, gz.Bytes(), 0o644)
	_, plain, err := ReadFile(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, unzipped, err := ReadFile(zpath, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain) != 17 || len(unzipped) != len(plain) || unzipped[16].Request.URL != plain[16].Request.URL {
		t.Fatalf("gzip: %d entries, plain %d", len(unzipped), len(plain))
	}
	// A truncated gzip stream is an error naming the file, not a panic.
	os.WriteFile(zpath, gz.Bytes()[:gz.Len()/2], 0o644)
	if _, _, err := ReadFile(zpath, ReadOptions{}); err == nil || !strings.HasPrefix(err.Error(), zpath+":") {
		t.Errorf("truncated gzip: %v", err)
	}
}

func TestStdin(t *testing.T) {
	r, err := Open("-", ReadOptions{Stdin: strings.NewReader(`{"log":{"entries":[{"request":{"url":"https://x/"}}]}}`)})
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Next()
	if err != nil || e.Request.URL != "https://x/" {
		t.Fatalf("%v %v", e, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatal(err)
	}
}

// TestErrors: each malformed or non-HAR input gives one *Error at the
// right position with a message that says what was found.
func TestErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{``, `x.har:1:1: the file is empty`},
		{"\xef\xbb\xbf  [1]", `x.har:1:3: this is a JSON array, not a HAR`},
		{`{"log": {"entries": [}`, `x.har:1:22: expected an entry (a JSON object), found '}' (the file is not valid JSON here`},
		{"{\"log\":\n  {\"entries\": [\n    {\"time\": 1,}\n]}}", `x.har:3:16: expected a quoted field name in an entry, found '}'`},
		{`{"log": {"entries": [{"request": {"url": "a\qb"}}]}}`, `x.har:1:45: invalid escape "\\q" in a string`},
		{`{"log": {"entries": [{"time": 01}]}}`, `x.har:1:31: invalid number "01"`},
		{`{"log": {"entries": [{"request": []}]}}`, `x.har:1:34: request should be a JSON object, found an array`},
		{`{"log": {"entries": []}} x`, `x.har:1:26: unexpected data after the end of the HAR`},
		{`{"log": {"version": "1.2"}}`, `x.har:1:9: "log" has no "entries" array`},
		{`{"request": {}, "response": {}}`, `x.har:1:1: this is a single HAR entry`},
		{`{"a": {"log": {}}, "b": {"log": {}}}`, `x.har:1:1: this is an object of 2 HAR documents keyed by name ("a", "b")`},
		{`{"test_response": {"log": {}}}`, `x.har:1:1: this is one HAR document wrapped in an object under the name "test_response"; save the value of "test_response" as a file of its own`},
		{`onInputData({"log": {}});`, `x.har:1:1: this is a HAR wrapped in JavaScript (JSONP/HARP: onInputData( … );)`},
		{`{"log": {"entries": [{"request": {"url": "a`, `x.har:1:44: the file ends in the middle of a string: it is truncated`},
		{`{"log": {"entries": [` + strings.Repeat("[", 300), `x.har:1:22: entry 0 should be a JSON object, found an array`},
		{`{"log": {"entries": [{"_x": ` + strings.Repeat("[", 300), `values nested more than 256 deep`},
	} {
		_, _, err := readEntries(strings.NewReader(c.in), "x.har", false)
		var he *Error
		if err == nil || !errors.As(err, &he) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%.40q:\n got %v\nwant %s…", c.in, err, c.want)
		}
	}
}

// readEntries reads a whole capture, named name in errors, with or without
// the bodies.
func readEntries(in io.Reader, name string, keepBodies bool) (*Log, []*Entry, error) {
	r, err := NewReader(in, name, ReadOptions{KeepBodies: keepBodies})
	if err != nil {
		return nil, nil, err
	}
	var es []*Entry
	for {
		e, err := r.Next()
		if err == io.EOF {
			return r.Log(), es, nil
		}
		if err != nil {
			return nil, nil, err
		}
		es = append(es, e)
	}
}

// TestVariants: what exporters write differently reads into one model.
func TestVariants(t *testing.T) {
	l, es, err := readEntries(strings.NewReader(`{"log": {"version": 1.2, "entries": [
	  {"startedDateTime": "2016-06-28T21:42:02.7221474+01:00", "time": 1,
	   "request": {"method": "GET", "url": "https://a/", "cookies": {"name": "c", "value": "v"}},
	   "response": {"status": 0, "_error": "net::ERR_FAILED",
	     "headers": [{"name": "set-cookie", "value": "a=1; Path=/\nb=2"}]},
	   "cache": [], "_resourceType": "document"},
	  {"request": {"headers": [{"name": ":authority", "value": "a"}]}}
	], "pages": [{"id": "p", "_SpeedIndex": 5}], "_recordingName": "r"}}`), "x.har", false)
	if err != nil {
		t.Fatal(err)
	}
	if l.Version != "1.2" || l.Pages[0].ID != "p" || string(l.Pages[0].Extra.Get("_SpeedIndex")) != "5" || l.Extra.String("_recordingName") != "r" {
		t.Errorf("log: %+v", l)
	}
	e := es[0]
	if !e.Failed() || e.ResourceType() != "document" || len(e.Request.Cookies) != 1 || string(e.Cache) != "[]" {
		t.Errorf("entry: %+v", e)
	}
	if got := e.Response.SetCookies(); len(got) != 2 || got[1] != "b=2" {
		t.Errorf("set-cookies: %q", got)
	}
	if e.Started.IsZero() || e.Started.Nanosecond() != 722147400 {
		t.Errorf("started: %v", e.Started)
	}
	if es[1].Timings.Wait != -1 || es[1].Request.HeadersSize != -1 || es[1].Line != 7 {
		t.Errorf("missing fields: timings %+v, headersSize %d, line %d", es[1].Timings, es[1].Request.HeadersSize, es[1].Line)
	}
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-26T01:10:12.673Z":            "2026-11-26T01:10:12.673Z",
		"2016-06-28T21:42:02.7221474+01:00":   "2016-06-28T20:42:02.7221474Z",
		"2015-01-01T10:00:00.12+01:00":        "2015-01-01T09:00:00.12Z",
		"2025-11-27T11:56:26+01:00":           "2025-11-27T10:56:26Z",
		"2019-03-01T12:00:00.000":             "2019-03-01T12:00:00Z",
		"NaN-NaN-NaNTNaN:NaN:NaN.NaN+NaN:NaN": "0001-01-01T00:00:00Z",
		"":                                    "0001-01-01T00:00:00Z",
	} {
		if got := ParseTime(in).UTC().Format(time.RFC3339Nano); got != want {
			t.Errorf("ParseTime(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestHeaderValueArrays: Polly.JS's node adapters record a header's value
// as Node's http module holds it, an array of strings (`"value": ["*/*"]`,
// a `set-cookie` with one element per cookie). Each element is read as its
// own header of that name, as HTTP repeats a header; the file is not refused.
func TestHeaderValueArrays(t *testing.T) {
	_, es, err := readEntries(strings.NewReader(`{"log": {"entries": [{
	   "request": {"method": "GET", "url": "https://a/",
	     "headers": [{"name": "accept", "value": ["*/*"]}, {"value": [], "name": "x-empty"}],
	     "queryString": [{"name": "q", "value": ["1", 2]}]},
	   "response": {"status": 200,
	     "headers": [{"value": ["a=1; Path=/", "b=2"], "name": "set-cookie"}, {"name": "server", "value": "awselb/2.0"}]}}]}}`), "x.har", false)
	if err != nil {
		t.Fatal(err)
	}
	e := es[0]
	if got := fmt.Sprint(e.Request.Headers); got != "[{accept */* } {x-empty  }]" {
		t.Errorf("request headers: %s", got)
	}
	if got := fmt.Sprint(e.Request.QueryString); got != "[{q 1 } {q 2 }]" {
		t.Errorf("query: %s", got)
	}
	if got := e.Response.SetCookies(); len(got) != 2 || got[0] != "a=1; Path=/" || got[1] != "b=2" {
		t.Errorf("set-cookies: %q", got)
	}
	if got := len(e.Response.Headers); got != 3 {
		t.Errorf("response headers: %d, want 3: %v", got, e.Response.Headers)
	}
	// An element that is not a string or a number is still an error at its place.
	_, _, err = readEntries(strings.NewReader(`{"log": {"entries": [{"request": {"headers": [{"name": "a", "value": [{}]}]}}]}}`), "x.har", false)
	if err == nil || !strings.Contains(err.Error(), "x.har:1:71: request.headers value should be a string, found an object") {
		t.Errorf("nested object: %v", err)
	}
}

// TestParamValueJSON: chrome-har 0.2 (Browsertime, sitespeed.io) parses a
// JSON request body into postData params whose values are the JSON objects
// themselves. Such a value is read as its JSON text (compacted), so the
// capture is read, and redaction treats it as any other value.
func TestParamValueJSON(t *testing.T) {
	_, es, err := readEntries(strings.NewReader(`{"log": {"entries": [{
	   "request": {"method": "POST", "url": "https://a/log", "postData": {"mimeType": "application/json",
	     "params": [{"name": "0", "value": {"tags": ["info"], "data": {"props": null}}}, {"name": "1", "value": [1, true]}, {"name": "2", "value": "s"}]}},
	   "response": {"status": 200}}]}}`), "x.har", false)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(es[0].Request.PostData.Params)
	if want := `[{0 {"tags":["info"],"data":{"props":null}}   } {1 [1,true]   } {2 s   }]`; got != want {
		t.Errorf("params:\n got %s\nwant %s", got, want)
	}
}

// TestHeaderMap: headers written as one JSON object of name: value (as
// hand-made HAR writers dump a fetch Response's headers) are read as those
// pairs, in order; they were read as one empty header, so a capture's
// cookies and Location went missing without a word. An object with a name
// keeps its other fields ignored, as before.
func TestHeaderMap(t *testing.T) {
	_, es, err := readEntries(strings.NewReader(`{"log": {"entries": [{
	   "request": {"method": "GET", "url": "https://a/", "headers": {"Cookie": "a=1", "Accept": "*/*", "_x": {"y": 1}}},
	   "response": {"status": 302, "headers": [{"Location": "/x"}, {"name": "Server", "value": "awselb/2.0", "extra": "e"}, {}]}}]}}`), "x.har", false)
	if err != nil {
		t.Fatal(err)
	}
	e := es[0]
	if got := fmt.Sprint(e.Request.Headers); got != "[{Cookie a=1 } {Accept */* }]" {
		t.Errorf("request headers: %s", got)
	}
	if got := fmt.Sprint(e.Response.Headers); got != "[{Location /x } {Server awselb/2.0 } {  }]" {
		t.Errorf("response headers: %s", got)
	}
}

// TestTypeErrorsSayWhatToDo: a value of the wrong type is reported at its
// place with what to do, like malformed JSON is.
func TestTypeErrorsSayWhatToDo(t *testing.T) {
	for _, in := range []string{
		`{"log": {"entries": [null]}}`,
		`{"log": {"entries": [{"request": []}]}}`,
		`{"log": {"entries": [{"request": {"cookies": "a=b"}}]}}`,
		`{"log": {"entries": [{"request": {"url": {}}}]}}`,
		`{"log": {"entries": [{"response": {"status": "200 OK"}}]}}`,
		`{"log": {"entries": [{"response": {"status": []}}]}}`,
		`{"log": {"entries": [{"request": {"cookies": [{"secure": []}]}}]}}`,
	} {
		_, _, err := readEntries(strings.NewReader(in), "x.har", false)
		if err == nil || !strings.Contains(err.Error(), "export the capture again, or fix it at this line and column") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s:\n got %v", in, err)
		}
	}
}
