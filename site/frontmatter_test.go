package site

import (
	"strings"
	"testing"
)

// TestFrontMatterUnknownKey: seqdoc reads six front matter keys; a key that
// misspells one is a mistake to point at, not something to ignore. A
// misspelled "darft: true" published the draft, "titel:" gave the page its
// file name and "weigth:" left it unordered, all without a word. Keys of
// other tools (Hugo's date, tags, slug …) are not mistakes: such pages
// build as they are.
func TestFrontMatterUnknownKey(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"---\ntitel: Typo page\n---\nHello.\n", 2, 1,
			`front matter: unknown key "titel": did you mean "title"? (seqdoc reads title, description, weight, draft, capture and base_url)`},
		{"---\ntitle: ok\n  # a comment\nweigth: 3\n---\n", 4, 1,
			`front matter: unknown key "weigth": did you mean "weight"? (seqdoc reads title, description, weight, draft, capture and base_url)`},
		{"---\ntitle: ok\ndarft: true\n---\n", 3, 1, `front matter: unknown key "darft": did you mean "draft"?`},
		{"---\nTitle: Upper\n---\n", 2, 1, `front matter: unknown key "Title": did you mean "title"?`},
		{"---\nbaseURL: https://example.com/\n---\n", 2, 1, `front matter: unknown key "baseURL": did you mean "base_url"?`},
		// Not about unknown keys, but as plainly put: the first definition's
		// line was cut out of the message, and a list named a Go type.
		{"---\ntitle: a\ntitle: b\n---\n", 3, 0, `front matter: mapping key "title" already defined at line 2`},
		{"---\n- a\n- b\n---\n", 2, 1, `front matter: a list, not key: value lines such as "title: My page"`},
		{"---\n{title: x, wieght: 2}\n---\n", 2, 12, `front matter: unknown key "wieght": did you mean "weight"?`},
	} {
		_, _, _, err := splitFrontMatter([]byte(tc.src))
		if err == nil {
			t.Errorf("%q: no error", tc.src)
			continue
		}
		if err.Line != tc.line || err.Col != tc.col || !strings.Contains(err.Msg, tc.msg) {
			t.Errorf("%q:\n got %d:%d: %s\nwant %d:%d: %s…", tc.src, err.Line, err.Col, err.Msg, tc.line, tc.col, tc.msg)
		}
	}

	// The keys it knows are read all the same: seqdoc serve, which shows the
	// problem on every page, shows this one under its title, and keeps a
	// draft out.
	fm, _, _, err := splitFrontMatter([]byte("---\ntitle: Kept\ndraft: true\nweigth: 3\n---\n"))
	if err == nil || fm.Title != "Kept" || !fm.Draft {
		t.Errorf("with an unknown key: %+v, %v; want title Kept, draft and the error", fm, err)
	}

	// The six keys, an empty front matter, and keys of other tools that
	// misspell none of the six are fine.
	for _, src := range []string{
		"---\ntitle: t\ndescription: d\nweight: 2\ndraft: false\ncapture: x.har\nbase_url: https://example.com/\n---\n",
		"---\ntitle: Hugo page\ndate: 2024-01-02\nlastmod: 2024-02-03\ntags: [a, b]\ncategories: [c]\nslug: p\naliases: [/old/]\nauthor: me\ntype: docs\nlayout: single\nsummary: s\nkeywords: [k]\ntoc: true\nlinkTitle: P\nmenu: main\nurl: /p/\n---\n",
		"---\n---\nbody\n",
		"---\n# only a comment\n---\n",
	} {
		fm, _, _, err := splitFrontMatter([]byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
		}
		if strings.HasPrefix(src, "---\ntitle: t\n") && (fm.Title != "t" || fm.Weight != 2 || fm.Capture != "x.har" || fm.BaseURL != "https://example.com/") ||
			strings.Contains(src, "Hugo") && fm.Title != "Hugo page" {
			t.Errorf("%q: decoded %+v", src, fm)
		}
	}
}
