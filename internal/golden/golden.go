package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata with the current output")

// Update reports whether the tests run with -update.
func Update() bool { return *update }

// Check compares got with the golden file at path. With -update it writes
// got to path instead (creating directories) and passes.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	gotPath := gotName(path)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(gotPath)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file: %v (run the test with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		os.Remove(gotPath)
		return
	}
	if err := os.WriteFile(gotPath, got, 0o644); err != nil {
		t.Errorf("writing %s: %v", gotPath, err)
	}
	t.Errorf("%s differs from the golden file (output in %s; run with -update to accept):\n%s", path, gotPath, Diff(string(want), string(got)))
}

// gotName turns "x/a.golden.svg" into "x/a.got.svg".
func gotName(path string) string {
	dir, base := filepath.Split(path)
	if i := strings.Index(base, ".golden"); i >= 0 {
		return dir + base[:i] + ".got" + base[i+len(".golden"):]
	}
	ext := filepath.Ext(base)
	return dir + strings.TrimSuffix(base, ext) + ".got" + ext
}

// Diff returns a short line diff of want and got: the first differing
// lines with a little context, at most 20 lines.
func Diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w == g {
			continue
		}
		fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, clip(w, g), clip(g, w))
		if shown++; shown >= 6 {
			b.WriteString("…\n")
			break
		}
	}
	return b.String()
}

// clip shortens a long line around the first byte where it differs from
// other.
func clip(s, other string) string {
	i := 0
	for i < len(s) && i < len(other) && s[i] == other[i] {
		i++
	}
	start := max(0, i-60)
	end := min(len(s), i+100)
	out := s[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}
