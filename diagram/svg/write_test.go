package svg

import (
	"strings"
	"testing"
)

func TestNumbers(t *testing.T) {
	for give, want := range map[float64]string{
		0: "0", -0.04: "0", 1: "1", 1.25: "1.3", -1.25: "-1.3", 12.04: "12", 12.96: "13", 1e3: "1000", 0.5: "0.5",
	} {
		if got := string(appendNum(nil, give)); got != want {
			t.Errorf("appendNum(%v) = %q, want %q", give, got, want)
		}
	}
}

func TestText(t *testing.T) {
	o := &out{}
	o.text("a<b>&\"c'\x01\xff🎉")
	if got, want := string(o.b), "a&lt;b&gt;&amp;&quot;c&#39;\uFFFD\uFFFD🎉"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestSafeURL(t *testing.T) {
	for give, want := range map[string]string{
		"https://x.example/a": "https://x.example/a",
		"/relative?x=1":       "/relative?x=1",
		"mailto:a@b.c":        "mailto:a@b.c",
		"javascript:alert(1)": "",
		" JavaScript:x":       "",
		"data:text/html,x":    "",
		"page#frag:x":         "page#frag:x",
	} {
		if got := safeURL(give); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", give, got, want)
		}
	}
}

func TestStyleThemes(t *testing.T) {
	if s := style("auto"); !strings.Contains(s, "@media (prefers-color-scheme:dark){.sd-auto{") {
		t.Error("auto theme lacks the dark media query")
	}
	if s := style("light"); strings.Contains(s, "prefers-color-scheme") || !strings.HasPrefix(s, ".sd-light{") {
		t.Error("light theme is not light only")
	}
	if s := style("dark"); !strings.HasPrefix(s, ".sd-dark{--sd-bg:#0d1117") {
		t.Error("dark theme does not start with the dark colours")
	}
	if safeColor("red;}</style><script>") != "" || safeColor("rgb(1, 2, 3)") != "rgb(1, 2, 3)" {
		t.Error("safeColor lets markup through or rejects a colour")
	}
}

// TestFallbackColours: viewers without CSS custom properties (rsvg) need
// a plain colour before each var().
func TestFallbackColours(t *testing.T) {
	for theme, want := range map[string]string{
		"light": ".sd .bg{fill:#fff;fill:var(--sd-bg)}",
		"auto":  ".sd .bg{fill:#fff;fill:var(--sd-bg)}",
		"dark":  ".sd .bg{fill:#0d1117;fill:var(--sd-bg)}",
	} {
		s := style(theme)
		if !strings.Contains(s, want) {
			t.Errorf("%s: no %q", theme, want)
		}
		if n, m := strings.Count(s, ":var(--"), strings.Count(rules, ":var(--"); n != m {
			t.Errorf("%s: %d var() uses, want %d", theme, n, m)
		}
		for _, decl := range strings.Split(s, ";") {
			if strings.Contains(decl, ":var(--") && !strings.Contains(s, strings.SplitN(decl, ":", 2)[0]+":#") {
				t.Errorf("%s: %q has no fallback", theme, decl)
			}
		}
	}
}
