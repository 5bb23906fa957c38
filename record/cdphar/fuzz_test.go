package cdphar

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// FuzzBuild: any event stream builds a capture that the HAR reader reads
// back whole, without a panic.
//
//	go test ./record/cdphar -run '^$' -fuzz '^FuzzBuild$' -fuzztime 60s -parallel=1
func FuzzBuild(f *testing.F) {
	logs, _ := filepath.Glob(filepath.Join("testdata", "events", "*.jsonl"))
	for _, p := range logs {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		// The first requests of a sign-in (the redirect chain), and a
		// slice from the middle: small seeds mutate faster.
		f.Add([]byte(strings.Join(lines[:min(len(lines), 24)], "")))
		if len(lines) > 60 {
			f.Add([]byte(strings.Join(lines[40:60], "")))
		}
	}
	f.Add([]byte(`{"method":"Network.requestWillBeSent","params":{"requestId":"1","request":{"url":"https://a.example/x","method":"GET","headers":{}},"timestamp":1,"wallTime":1e9}}
{"method":"Network.loadingFailed","params":{"requestId":"1","timestamp":2,"errorText":"net::ERR_FAILED","corsErrorStatus":{"corsError":"MissingAllowOriginHeader"}}}
`))
	f.Fuzz(func(t *testing.T, data []byte) {
		events, err := ReadEvents(bytes.NewReader(data))
		if err != nil {
			return
		}
		log, entries := Build(events, testCreator)
		out := writeHAR(t, log, entries)
		r, err := har.NewReader(bytes.NewReader(out), "built.har", har.ReadOptions{})
		if err != nil {
			t.Fatalf("the built capture does not read back: %v\n%s", err, out)
		}
		n := 0
		for {
			_, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("entry %d does not read back: %v\n%s", n, err, out)
			}
			n++
		}
		if n != len(entries) {
			t.Fatalf("read back %d entries of %d", n, len(entries))
		}
	})
}
