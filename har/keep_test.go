package har

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// TestUnusedKeeps: a kept name is noted wherever a value of that name is
// met (query, form field, cookie, header, a parameter of a URL inside a
// header, any case); a name never met is reported, so that import can warn
// about --keep-param usrname instead of silently keeping nothing.
func TestUnusedKeeps(t *testing.T) {
	const capture = `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
{"startedDateTime":"2024-01-01T00:00:00Z","time":1,
 "request":{"method":"POST","url":"https://idp.example/login?tenant=acme","httpVersion":"HTTP/1.1",
  "headers":[{"name":"X-Trace","value":"abc"},{"name":"Cookie","value":"lang=en; sid=s3cret"}],
  "cookies":[{"name":"sid","value":"s3cret"}],"queryString":[{"name":"tenant","value":"acme"}],
  "postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"username","value":"alice"},{"name":"password","value":"pw"}],"text":"username=alice&password=pw"},
  "headersSize":-1,"bodySize":-1},
 "response":{"status":302,"statusText":"Found","httpVersion":"HTTP/1.1",
  "headers":[{"name":"Location","value":"https://app.example/cb?code=c0de&flow=x1"}],"cookies":[],
  "content":{"size":0,"mimeType":"text/html"},"redirectURL":"https://app.example/cb?code=c0de&flow=x1","headersSize":-1,"bodySize":-1},
 "cache":{},"timings":{"send":0,"wait":1,"receive":0}}]}}`
	for _, c := range []struct {
		keep, unused []string
		kept         []string // values that must stay in the output
	}{
		{keep: []string{"usrname", "USERNAME", "tenant", "Sid", "x-trace", "flow", "nosuch"},
			unused: []string{"nosuch", "usrname"}, kept: []string{"alice", "acme", "s3cret", "abc", "x1"}},
		{keep: nil, unused: nil},
		{keep: []string{"lang"}, unused: nil, kept: []string{"lang=en"}},
	} {
		l, entries, err := readEntries(strings.NewReader(capture), "t.har", false)
		if err != nil {
			t.Fatal(err)
		}
		r := NewRedactor(RedactOptions{KeepParams: c.keep})
		r.Log(l)
		var b bytes.Buffer
		w := NewWriter(&b)
		for _, e := range entries {
			r.Entry(e)
			if err := w.WriteEntry(l, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(l); err != nil {
			t.Fatal(err)
		}
		if got := r.UnusedKeeps(); !slices.Equal(got, c.unused) {
			t.Errorf("keep %q: unused %q, want %q", c.keep, got, c.unused)
		}
		out := b.String()
		for _, v := range c.kept {
			if !strings.Contains(out, v) {
				t.Errorf("keep %q: %q was not kept", c.keep, v)
			}
		}
		if strings.Contains(out, `"pw"`) || strings.Contains(out, "c0de") {
			t.Errorf("keep %q: a secret that was not kept leaked", c.keep)
		}
	}
}
