package record

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestParseSteps(t *testing.T) {
	src := `# a comment
- goto: https://app.example.com/
- fill: {selector: "input[name=username]", value: alice}
- fill: {selector: "input[name=password]", value: "${PW}x$HOME$${PW}"}
- click: "input[type=submit]"
- wait-url: "https://app.example.com/*"
- wait: "#sign-out"
- sleep: 500ms
`
	steps, err := ParseSteps([]byte(src), "s.yaml", env(map[string]string{"PW": "s3cr!t"}))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, s := range steps {
		kinds = append(kinds, s.Kind)
	}
	if !slices.Equal(kinds, []string{"goto", "fill", "fill", "click", "wait-url", "wait", "sleep"}) {
		t.Errorf("kinds %v", kinds)
	}
	if steps[2].Value != "s3cr!tx$HOME$s3cr!t" || steps[2].Line != 4 || steps[6].Duration != 500*time.Millisecond {
		t.Errorf("fill %q line %d, sleep %v", steps[2].Value, steps[2].Line, steps[6].Duration)
	}
	if s := steps[2].String(); strings.Contains(s, "s3cr") {
		t.Errorf("a step's name shows its value: %s", s)
	}
}

func TestParseStepsErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"", "s.yaml:1:1: no steps"},
		{"goto: x", "s.yaml:1:1: the steps must be a YAML list"},
		{"- fil: {selector: a, value: b}", `s.yaml:1:3: unknown step "fil" (want goto, fill, click, wait-url, wait, sleep)`},
		{"- goto: app.example.com", `s.yaml:1:9: goto takes an http:// or https:// URL`},
		{"- fill: {selector: a}", "s.yaml:1:9: fill needs both selector and value"},
		{"- fill: {selector: a, value: b, typo: c}", `s.yaml:1:33: fill knows selector and value, not "typo"`},
		{"- sleep: soon", `s.yaml:1:10: sleep takes a duration such as 500ms or 2s (at most 10m), not "soon"`},
		{"- click:", "s.yaml:1:9: click takes a CSS selector"},
		{"- goto: https://a/\n  wait: b", "s.yaml:1:3: each step is one KIND: VALUE pair"},
		{"- fill: {selector: a, value: \"${NOPE}\"}", "s.yaml:1:30: ${NOPE} is not set"},
		{"- goto: [", "s.yaml:1:1: not YAML"},
		{"[]", "s.yaml:1:1: the list of steps is empty"},
	} {
		_, err := ParseSteps([]byte(tc.src), "s.yaml", env(nil))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestMatchURL(t *testing.T) {
	for _, tc := range []struct {
		pattern, u string
		want       bool
	}{
		{"https://app.example.com/", "https://app.example.com/", true},
		{"https://app.example.com/", "https://app.example.com/x", false},
		{"https://app.example.com/*", "https://app.example.com/x?y=1", true},
		{"*/logged-out*", "https://app.example.com/logged-out", true},
		{"*/logged-out*", "https://app.example.com/logout", false},
		{"https://*.example.com/*/b", "https://a.example.com/x/y/b", true},
		{"a*a", "a", false},
	} {
		if got := MatchURL(tc.pattern, tc.u); got != tc.want {
			t.Errorf("MatchURL(%q, %q) = %v", tc.pattern, tc.u, got)
		}
	}
}

// FuzzParseSteps: any file parses or gives a file:line:col error, never a
// panic; a parsed step is one of the kinds, at a line.
//
//	go test ./record -run '^$' -fuzz '^FuzzParseSteps$' -fuzztime 60s -parallel=1
func FuzzParseSteps(f *testing.F) {
	f.Add([]byte("- goto: https://app.example.com/\n- fill: {selector: \"#u\", value: \"${PW}\"}\n- click: \"#go\"\n- sleep: 1s\n"))
	f.Add([]byte("- wait-url: \"*/x*\"\n- wait: \"#a\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		steps, err := ParseSteps(data, "f.yaml", env(map[string]string{"PW": "x"}))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml:") {
				t.Fatalf("an error without its place: %v", err)
			}
			return
		}
		for _, s := range steps {
			if !slices.Contains(StepKinds, s.Kind) || s.Line < 1 {
				t.Fatalf("step %+v", s)
			}
		}
	})
}
