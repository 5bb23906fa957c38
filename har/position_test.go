package har

import (
	"strings"
	"testing"
)

// TestEntryPositions: each entry knows the line and column where it starts,
// so that a message can point into a capture written on one line (as
// Playwright and Firefox write them), where every entry is on line 1.
func TestEntryPositions(t *testing.T) {
	entry := `{"request":{"method":"GET","url":"https://a.example/"},"response":{"status":200}}`
	oneLine := `{"log":{"version":"1.2","entries":[` + entry + `,` + entry + `]}}`
	pretty := "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"entries\": [\n      " + entry + ",\n\t" + entry + "\n    ]\n  }\n}\n"
	for _, c := range []struct {
		name, src string
		want      [][2]int
	}{
		{"one line", oneLine, [][2]int{{1, 36}, {1, 36 + len(entry) + 1}}},
		{"pretty", pretty, [][2]int{{5, 7}, {6, 2}}},
	} {
		_, es, err := readEntries(strings.NewReader(c.src), "c.har", false)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range es {
			if got := [2]int{e.Line, e.Col}; got != c.want[i] {
				t.Errorf("%s: entry %d at %d:%d, want %d:%d", c.name, i, got[0], got[1], c.want[i][0], c.want[i][1])
			}
			lines := strings.Split(c.src, "\n")
			if e.Line > 0 && e.Col > 0 && lines[e.Line-1][e.Col-1] != '{' {
				t.Errorf("%s: entry %d's position %d:%d is not at its '{'", c.name, i, e.Line, e.Col)
			}
		}
	}
}
