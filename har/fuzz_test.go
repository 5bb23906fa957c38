package har

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRead feeds the reader hostile input. It must never panic; every error
// is one line; invalid JSON is never accepted; and whatever it reads
// redacts, writes and reads back to the same bytes (redaction is
// idempotent).
func FuzzRead(f *testing.F) {
	for _, sub := range []string{"har-public", "har-browser"} {
		dir := filepath.Join(sharedDir, "fixtures", sub)
		paths, _ := filepath.Glob(filepath.Join(dir, "*.har*"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(hostileCapture))
	f.Add([]byte(`{"log":{"entries":[]}}`))
	f.Add([]byte(`{"log":{"entries":[{"response":{"content":{"text":"a\\\"b\\\\"}}}],"pages":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		log, entries, err := readEntries(bytes.NewReader(data), "fuzz.har", true)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			var he *Error
			if !errors.As(err, &he) {
				t.Fatalf("error is not an *Error: %v", err)
			}
			return
		}
		plain := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if len(plain) > 1 && plain[0] != 0x1f && !json.Valid(plain) {
			t.Fatalf("accepted invalid JSON")
		}
		// Skipping bodies finds the same entries.
		_, skipped, err := readEntries(bytes.NewReader(data), "fuzz.har", false)
		if err != nil || len(skipped) != len(entries) {
			t.Fatalf("without bodies: %d entries, %v; with: %d", len(skipped), err, len(entries))
		}
		out := writeRedacted(t, log, entries)
		l2, e2, err := readEntries(bytes.NewReader(out), "fuzz.har", true)
		if err != nil {
			t.Fatalf("cannot read what the writer wrote: %v\n%s", err, out)
		}
		if again := writeRedacted(t, l2, e2); !bytes.Equal(out, again) {
			t.Fatalf("redaction is not idempotent:\n%s", firstDiff(out, again))
		}
	})
}

func writeRedacted(t *testing.T, l *Log, es []*Entry) []byte {
	red := NewRedactor(publicOptions)
	red.Log(l)
	var b bytes.Buffer
	w := NewWriter(&b)
	for _, e := range es {
		red.Entry(e)
		if err := w.WriteEntry(l, e); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	if err := w.Close(l); err != nil {
		t.Fatalf("write: %v", err)
	}
	return b.Bytes()
}
