package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// indexRecord is one page of search-index.js, decoded.
type indexRecord struct {
	URL, Title string
	Sections   [][3]string // heading, anchor, text
}

// readIndex decodes search-index.js: seqdocSearch([…]);
func readIndex(t *testing.T, js []byte) []indexRecord {
	t.Helper()
	body, ok := bytes.CutPrefix(js, []byte("seqdocSearch("))
	body, ok2 := bytes.CutSuffix(body, []byte(");\n"))
	if !ok || !ok2 {
		t.Fatalf("search-index.js is not one seqdocSearch(…) call:\n%.200s", js)
	}
	var raw [][]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("search-index.js does not hold JSON: %v", err)
	}
	var out []indexRecord
	for _, r := range raw {
		var rec indexRecord
		if len(r) != 3 || json.Unmarshal(r[0], &rec.URL) != nil || json.Unmarshal(r[1], &rec.Title) != nil || json.Unmarshal(r[2], &rec.Sections) != nil {
			t.Fatalf("bad record %s", r)
		}
		out = append(out, rec)
	}
	return out
}

// TestSearchIndex builds a small site and reads its index back: every page
// in URL order with its title; its text cut at the headings (with their
// anchors), white space collapsed; code, table cells, the generated
// blocks' codes, names and requests in the text; no raw markup in the
// script; the same bytes from a second build.
func TestSearchIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md": file("---\ntitle: \"Home </script><b>\u2028\"\n---\nWelcome   to\nthe *cookbook*.\n"),
		"app/index.md": file("---\ntitle: App\n---\n" +
			"## First `step`\n\nSee <https://example.com/x> and [a link](../_index.md).\n\n" +
			"| col | other |\n|---|---|\n| cellone | celltwo |\n\n" +
			"```go\nfunc main() {}\n```\n\n" +
			"## Capture\n\n```seqdoc diagram\n```\n```seqdoc steps\n```\n```seqdoc glossary\n```\n```seqdoc findings\n```\n" +
			"<div>raw html</div>\n"),
		"app/capture.har": file("sess"),
		"empty.md":        file("---\ntitle: Nothing here\n---\n"),
	}
	b, _ := fakeBuilder(fsys)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	js := res.Files[searchIndexFile]
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		if bytes.Contains(js, []byte(bad)) {
			t.Errorf("search-index.js holds a raw %q", bad)
		}
	}
	recs := readIndex(t, js)
	var urls []string
	for _, r := range recs {
		urls = append(urls, r.URL)
	}
	if got := strings.Join(urls, " "); got != "index.html app/index.html empty/index.html" {
		t.Fatalf("pages %q", got)
	}
	if recs[0].Title != "Home </script><b>\u2028" || len(recs[0].Sections) != 1 || recs[0].Sections[0] != [3]string{"", "", "Welcome to the cookbook."} {
		t.Errorf("home record %+v", recs[0])
	}
	app := recs[1].Sections
	if len(app) != 2 || app[0][0] != "First step" || app[0][1] != "first-step" || app[1][0] != "Capture" || app[1][1] != "capture" {
		t.Fatalf("app sections %q: want First step and Capture, with their anchors, no empty intro", app)
	}
	for _, want := range []string{"See https://example.com/x and a link.", "col other cellone celltwo", "func main() {}"} {
		if !strings.Contains(app[0][2], want) {
			t.Errorf("first section lacks %q: %q", want, app[0][2])
		}
	}
	for _, want := range []string{"GET /sess", "Set-Cookie: sess", "silent-reauth sess", "sess from app/capture.har"} {
		if !strings.Contains(app[1][2], want) {
			t.Errorf("the capture section lacks %q (diagram, steps, glossary, findings): %q", want, app[1][2])
		}
	}
	if strings.Contains(app[1][2], "raw html") {
		t.Error("raw HTML, which the page does not show, is in the index")
	}
	if len(recs[2].Sections) != 0 {
		t.Errorf("an empty page has sections %q", recs[2].Sections)
	}
	again, _ := fakeBuilder(fsys)
	res2, err := again.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res2.Files[searchIndexFile], js) {
		t.Error("two builds of one site give two search indexes")
	}
}

// FuzzSearchText: whatever text a page holds, the index's string decodes
// (as JSON, the way a browser reads the script) to that text with its runs
// of white space made one space, trimmed, each bad byte of UTF-8 as U+FFFD, and holds
// nothing that could end a <script>.
func FuzzSearchText(f *testing.F) {
	for _, s := range []string{"", "  a \n\tb  ", "</script>", "\"quoted\" \\ back", "\u2028\u2029", "\xff\xfe", "é€😀", "\x00\x1f\x7f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		w := &searchWriter{}
		w.open()
		w.text(text)
		w.close()
		if bytes.ContainsAny(w.b, "<>&\u2028\u2029") {
			t.Fatalf("%q written as %q", text, w.b)
		}
		var got string
		if err := json.Unmarshal(w.b, &got); err != nil {
			t.Fatalf("%q written as %q: %v", text, w.b, err)
		}
		var valid strings.Builder // each bad byte one U+FFFD
		for s := string(text); s != ""; {
			r, size := utf8.DecodeRuneInString(s)
			valid.WriteRune(r)
			s = s[size:]
		}
		want := strings.Join(strings.FieldsFunc(valid.String(), func(r rune) bool {
			return r < utf8.RuneSelf && byteClass[r] == 1
		}), " ")
		if got != want {
			t.Fatalf("%q read back as %q, want %q", text, got, want)
		}
	})
}

// TestFindingsPageDocumentsEveryCode: the built-in cookbook's findings page
// has a section for every finding code, at the anchor #CODE that help
// texts and links point to.
func TestFindingsPageDocumentsEveryCode(t *testing.T) {
	res := build(t, Options{Content: content.FS()})
	page := string(res.Files["guides/findings/index.html"])
	if page == "" {
		t.Fatal("no guides/findings/index.html in the built-in cookbook")
	}
	for _, code := range authflow.Codes() {
		if !strings.Contains(page, `<h2 id="`+code+`">`) {
			t.Errorf("the findings page has no section #%s: add one to content/guides/findings.md", code)
		}
	}
}

// TestThemeBeforeStyles: on every page the script that applies the
// reader's theme runs before the stylesheet loads and anything is drawn,
// so that no page flashes in the other theme.
func TestThemeBeforeStyles(t *testing.T) {
	res := build(t, Options{Content: content.FS()})
	for name, data := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		s := string(data)
		theme, css, body := strings.Index(s, `localStorage.getItem("seqdoc-theme")`), strings.Index(s, `rel="stylesheet"`), strings.Index(s, "<body")
		if theme < 0 || css < 0 || theme > css || css > body {
			t.Errorf("%s: theme script at %d, stylesheet at %d, body at %d: want the theme first, in <head>", name, theme, css, body)
		}
	}
}

// TestIndexJoinInAnyOrder: records handed in as workers finish them, in
// any order, give the bytes searchIndex gives for them in page order.
func TestIndexJoinInAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		recs := make([][]byte, n)
		for i := range recs {
			recs[i] = fmt.Appendf(nil, `["p%d/index.html","Page %d",[]]`, i, i)
		}
		want := searchIndex(recs)
		for try := range 6 {
			j := newIndexJoin(10)
			if try == 0 { // as workers hand them in
				var wg sync.WaitGroup
				for i := range recs {
					wg.Add(1)
					go func() { defer wg.Done(); j.add(i, recs[i]) }()
				}
				wg.Wait()
			} else {
				for _, i := range rng.Perm(n) {
					j.add(i, recs[i])
				}
			}
			if got := j.done(); !bytes.Equal(got, want) {
				t.Fatalf("%d records joined as they came:\n%s\nwant\n%s", n, got, want)
			}
		}
	}
}
