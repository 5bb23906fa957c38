package flowdiff

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

// FuzzCompare diffs any two captures that seqdoc's pipeline reads: it never
// panics; a capture against itself is no difference; the same pair gives
// the same bytes twice; the text holds no control character (a capture
// cannot drive the terminal) and the JSON parses. Seeded with the repo's
// captures: the generated pair and the stand-in's real-browser recordings.
func FuzzCompare(f *testing.F) {
	happy, buggy := twinPair()
	f.Add(happy, buggy)
	f.Add(hartest.Bytes(hartest.Options{WrongPassword: true, Shards: 2}), hartest.Bytes(hartest.Options{InsecureSession: true, APICalls: 3}))
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "internal", "standin", "testdata", "captures", "*"))
	var standin [][]byte
	for _, d := range dirs {
		if b, err := os.ReadFile(filepath.Join(d, "capture.har")); err == nil {
			standin = append(standin, b)
		}
	}
	for i := 0; i+1 < len(standin); i += 2 {
		f.Add(standin[i], standin[i+1])
	}
	f.Add([]byte(`{"log":{"entries":[]}}`), happy)
	f.Fuzz(func(t *testing.T, a, b []byte) {
		fa, fb := fuzzFlow(a), fuzzFlow(b)
		if fa == nil || fb == nil {
			return
		}
		d := Compare(fa, fb)
		var t1, t2, js bytes.Buffer
		if err := d.WriteText(&t1, "a.har", "b.har"); err != nil {
			t.Fatal(err)
		}
		Compare(fa, fb).WriteText(&t2, "a.har", "b.har")
		if !bytes.Equal(t1.Bytes(), t2.Bytes()) {
			t.Fatalf("the same pair, two texts:\n%s\n---\n%s", t1.Bytes(), t2.Bytes())
		}
		for _, c := range t1.Bytes() {
			if c < 0x20 && c != '\n' || c == 0x7f {
				t.Fatalf("control character %#x in the text:\n%q", c, t1.Bytes())
			}
		}
		if err := d.WriteJSON(&js, "a.har", "b.har"); err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || back["differ"] != !d.Empty() {
			t.Fatalf("JSON %v, differ %v, Empty %v", err, back["differ"], d.Empty())
		}
		d.Sections()
		if self := Compare(fa, fa); !self.Empty() {
			var out bytes.Buffer
			self.WriteText(&out, "a.har", "a.har")
			t.Fatalf("a capture against itself differs:\n%s", out.Bytes())
		}
	})
}

// fuzzFlow reads a capture through seqdoc's pipeline (read, redact,
// classify), or nil when the pipeline refuses it.
func fuzzFlow(data []byte) *authflow.Flow {
	src, err := capture.FromBytes("capture.har", data)
	if err != nil {
		return nil
	}
	c, err := capture.Read(context.Background(), src, capture.Options{})
	if err != nil {
		return nil
	}
	return c.Flow
}
