package mermaidcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	src := `{"b.mmd": {"accepted": true, "participants": ["A", "B"], "blocks": {"loop": 1}},
		"a.mmd": {"accepted": false, "error": "Parse error"}}`
	if err := os.WriteFile(filepath.Join(dir, "oracle.json"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	o, names := Load(t, dir)
	if !reflect.DeepEqual(names, []string{"a.mmd", "b.mmd"}) {
		t.Errorf("names %q, want them sorted", names)
	}
	want := Oracle{Accepted: true, Participants: []string{"A", "B"}, Blocks: map[string]int{"loop": 1}}
	if !reflect.DeepEqual(o["b.mmd"], want) || o["a.mmd"].Error != "Parse error" || o["a.mmd"].Accepted {
		t.Errorf("oracle %+v", o)
	}
}

// TestLoadSkipsWithoutCorpus: without the corpus, Load skips the test that
// called it, saying why (a recorder stands in for that test, so that this
// one passes rather than shows as skipped).
func TestLoadSkipsWithoutCorpus(t *testing.T) {
	r := &skipRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Load(r, t.TempDir())
		r.returned = true
	}()
	<-done
	if r.returned || !strings.Contains(r.skipped, "no Mermaid corpus at") {
		t.Errorf("Load without the corpus: returned %v, skipped %q; want a skip that says why", r.returned, r.skipped)
	}
}

// skipRecorder is a test whose Skipf is recorded (and ends the goroutine,
// as testing's does).
type skipRecorder struct {
	testing.TB
	skipped  string
	returned bool
}

func (r *skipRecorder) Helper() {}

func (r *skipRecorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
