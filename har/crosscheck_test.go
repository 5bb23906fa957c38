package har

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/iotest"
)

// TestMatchesEncodingJSON reads every valid fixture with the hand-written
// scanner and with encoding/json, and compares what both found.
func TestMatchesEncodingJSON(t *testing.T) {
	var paths []string
	for _, sub := range []string{"har-public", "har-browser"} {
		dir := fixtureDir(t, sub)
		ps, _ := filepath.Glob(filepath.Join(dir, "*.har"))
		paths = append(paths, ps...)
	}
	checked := 0
	for _, path := range paths {
		if publicFixtures[filepath.Base(path)] < 0 {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Log struct {
				Entries []map[string]any `json:"entries"`
			} `json:"log"`
		}
		dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("%s: encoding/json: %v", path, err)
		}
		_, entries, err := ReadFile(path, ReadOptions{KeepBodies: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(doc.Log.Entries) {
			t.Fatalf("%s: %d entries, encoding/json %d", path, len(entries), len(doc.Log.Entries))
		}
		for i, want := range doc.Log.Entries {
			e := entries[i]
			check := func(what string, got any, keys ...string) {
				t.Helper()
				w := dig(want, keys...)
				if w == nil {
					return
				}
				if fmt.Sprint(w) != fmt.Sprint(got) {
					t.Errorf("%s entry %d %s: got %v, encoding/json %v", filepath.Base(path), i, what, got, w)
				}
			}
			check("url", e.Request.URL, "request", "url")
			check("method", e.Request.Method, "request", "method")
			check("status", e.Response.Status, "response", "status")
			check("statusText", e.Response.StatusText, "response", "statusText")
			check("redirectURL", e.Response.RedirectURL, "response", "redirectURL")
			check("mimeType", e.Response.Content.MimeType, "response", "content", "mimeType")
			check("text", e.Response.Content.Text, "response", "content", "text")
			check("startedDateTime", e.StartedDateTime, "startedDateTime")
			check("time", e.Time, "time")
			check("wait", e.Timings.Wait, "timings", "wait")
			if pd, ok := dig(want, "request", "postData", "text").(string); ok && (e.Request.PostData == nil || e.Request.PostData.Text != pd) {
				t.Errorf("%s entry %d postData.text differs", path, i)
			}
			for _, side := range []string{"request", "response"} {
				hs, _ := dig(want, side, "headers").([]any)
				got := e.Request.Headers
				if side == "response" {
					got = e.Response.Headers
				}
				var wantNV []NameValue
				for _, h := range hs {
					m := h.(map[string]any)
					n, _ := m["name"].(string)
					v, _ := m["value"].(string)
					wantNV = append(wantNV, NameValue{Name: n, Value: v})
				}
				if len(wantNV) != len(got) || (len(got) > 0 && !reflect.DeepEqual(wantNV, stripComments(got))) {
					t.Errorf("%s entry %d %s headers differ", path, i, side)
				}
			}
			// Every field the model does not know is in Extra.
			for k := range want {
				switch k {
				case "pageref", "startedDateTime", "time", "request", "response", "cache", "timings", "serverIPAddress", "connection", "comment":
				default:
					if e.Extra.Get(k) == nil {
						t.Errorf("%s entry %d: field %q not kept in Extra", path, i, k)
					}
				}
			}
		}
		checked++
	}
	if checked < 30 {
		t.Errorf("only %d files checked", checked)
	}
}

func stripComments(nvs []NameValue) []NameValue {
	out := make([]NameValue, len(nvs))
	for i, nv := range nvs {
		out[i] = NameValue{Name: nv.Name, Value: nv.Value}
	}
	return out
}

func dig(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	if n, ok := v.(json.Number); ok {
		f, _ := n.Float64()
		return f
	}
	return v
}

// TestOneByteReads reads every fixture one byte per Read call, so that every
// token crosses a buffer boundary somewhere, and checks that the result is
// the same as reading it whole.
func TestOneByteReads(t *testing.T) {
	var paths []string
	for _, sub := range []string{"har-public", "har-browser"} {
		ps, _ := filepath.Glob(filepath.Join(fixtureDir(t, sub), "*.har*"))
		paths = append(paths, ps...)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, keep := range []bool{false, true} {
			want, wantErr := readAllString(bytes.NewReader(data), keep)
			got, gotErr := readAllString(iotest.OneByteReader(bytes.NewReader(data)), keep)
			if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) || got != want {
				t.Errorf("%s (keep bodies %v): one-byte reads differ: %v vs %v", path, keep, gotErr, wantErr)
			}
		}
	}
}

func readAllString(r io.Reader, keep bool) (string, error) {
	rd, err := NewReader(r, "x.har", ReadOptions{KeepBodies: keep})
	if err != nil {
		return "", err
	}
	var b []byte
	for {
		e, err := rd.Next()
		if err == io.EOF {
			b = append(b, fmt.Sprint(logFields(rd.Log()))...)
			return string(b), nil
		}
		if err != nil {
			return string(b), err
		}
		b = AppendEntry(b, e)
		b = append(b, fmt.Sprintf(" %d %d %d\n", e.Line, e.Response.Content.TextLength, e.Started.UnixNano())...)
	}
}
