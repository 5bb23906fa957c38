package diagram

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// TestHostileLabels draws labels a capture could carry: markup, CDATA
// ends, quotes, right-to-left text, emoji, control characters, a
// 2,000-character URL. The SVG must stay well-formed, hold no live markup,
// keep every text (the long one shortened, whole in a tooltip) and keep
// the layout invariants.
func TestHostileLabels(t *testing.T) {
	long := "https://idp.example.com/oauth2/authorize?" + strings.Repeat("state=abc&", 200)
	d := model.New()
	d.AddParticipant("B", `<script>alert("x")</script>`, model.KindActor)
	d.AddParticipant("S", "]]> & \"quoted\" 'single'", model.KindDatabase)
	d.AddMessage("B", "S", model.Call, "<img src=x onerror=alert(1)>")
	d.AddMessage("S", "B", model.Reply, "שלום עולם مرحبا 🎉👩‍💻 café")
	d.AddMessage("B", "S", model.Call, long).Step = "<b>3</b>"
	d.AddNote(model.Over, "ctrl\x01\x7f chars \uFFFE end", "B", "S")
	d.Participant("B").Links = []model.Link{{Label: "bad", URL: "javascript:alert(1)"}}
	d.Participant("S").Links = []model.Link{{Label: "ok", URL: `https://x.example/?a=1&b="2"`}}
	var buf bytes.Buffer
	if err := RenderModel(d, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	texts, err := svgTexts(buf.Bytes())
	if err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	for _, bad := range []string{"<script", "<img", "javascript:", "<b>", "\x01", "]]>"} {
		if strings.Contains(out, bad) {
			t.Errorf("SVG contains %q unescaped", bad)
		}
	}
	if got := texts["pl"]; len(got) != 2 || got[0] != `<script>alert("x")</script>` || got[1] != "]]> & \"quoted\" 'single'" {
		t.Errorf("participant names = %q", got)
	}
	if got := texts["t"]; len(got) != 3 || got[1] != "שלום עולם مرحبا 🎉👩‍💻 café" || got[0] != "<img src=x onerror=alert(1)>" {
		t.Errorf("message labels = %q", got)
	}
	if l := texts["t"][2]; !strings.HasSuffix(l, "…") || len(l) > len(long)/2 {
		t.Errorf("the 2,000-character URL was not shortened: %d bytes", len(l))
	}
	if !strings.Contains(out, "<title>"+xmlEscape(long)+"</title>") {
		t.Error("the shortened URL has no tooltip with its whole text")
	}
	if !strings.Contains(out, `href="https://x.example/?a=1&amp;b=&quot;2&quot;"`) {
		t.Error("the safe link is missing or not escaped")
	}
	if !strings.Contains(out, "&lt;b&gt;3&lt;/b&gt;") {
		t.Error("the step badge text is not escaped")
	}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), "&#34;", "&quot;")
}

// TestManyParticipants guards against quadratic work on hostile input.
func TestManyParticipants(t *testing.T) {
	var b strings.Builder
	b.WriteString("sequenceDiagram\n")
	for i := 0; i < 3000; i++ {
		b.WriteString("P")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString("_")
		b.WriteString(strings.Repeat("y", i/26))
		b.WriteString("->>Q: m\n")
	}
	var buf bytes.Buffer
	if err := Render([]byte(b.String()), &buf, Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestHugeInputs guards against work that grows faster than the input: an
// unclosed directive over many lines, a one-megabyte label, a note of
// 100,000 words.
func TestHugeInputs(t *testing.T) {
	for name, src := range map[string]string{
		"directive": "%%{init: {\n" + strings.Repeat("'a': 1,\n", 100000) + "sequenceDiagram\nA->>B: x\n",
		"label":     "sequenceDiagram\nA->>B: " + strings.Repeat("https://x/?a=1&", 70000) + "\n",
		"note":      "sequenceDiagram\nNote over A: " + strings.Repeat("word ", 100000) + "\n",
	} {
		var buf bytes.Buffer
		Render([]byte(src), &buf, Options{}) // must finish quickly; errors are fine
		if buf.Len() > 1<<20 {
			t.Errorf("%s: %d bytes of SVG", name, buf.Len())
		}
	}
}

// TestConcurrentRender renders one model from several goroutines (the
// site does this); run with -race to check nothing is written to it.
func TestConcurrentRender(t *testing.T) {
	d := albCognito()
	var want bytes.Buffer
	if err := RenderModel(d, &want, Options{}); err != nil {
		t.Fatal(err)
	}
	got := make([][]byte, 8)
	done := make(chan int)
	for i := range got {
		go func() {
			var b bytes.Buffer
			RenderModel(d, &b, Options{})
			got[i] = b.Bytes()
			done <- i
		}()
	}
	for range got {
		<-done
	}
	for i, g := range got {
		if !bytes.Equal(g, want.Bytes()) {
			t.Errorf("goroutine %d drew different bytes", i)
		}
	}
}

// TestLinkedMessages draws arrows with links and ids, as a page that links
// its diagram to a table does: each linked arrow is an <a> with the
// page's href, the prefixed id and an accessible name; an unsafe link
// leaves only the id; the diagram becomes a named group (an image's
// children are hidden from assistive technology); notes keep their ids.
func TestLinkedMessages(t *testing.T) {
	d := model.New()
	d.AddParticipant("B", "Browser\nChromium", model.KindActor)
	d.AddParticipant("S", "Server", model.KindParticipant)
	m := d.AddMessage("B", "S", model.Call, "GET /login")
	m.Step, m.Link, m.ID = "#1", "#entry-1", "e1"
	r := d.AddMessage("S", "B", model.Reply, "302")
	r.Link, r.ID, r.AccDetail = "#entry-1", "e1r", `answer "302" <to> entry 1`
	x := d.AddMessage("B", "S", model.Call, "evil")
	x.Link, x.ID = "javascript:alert(1)", `e2"><script>`
	i := d.AddMessage("S", "S", model.Call, "check")
	i.Implied, i.Link = true, "#entry-1"
	d.AddNote(model.RightOf, "Set-Cookie: a", "B").ID = "e1n"
	var buf bytes.Buffer
	if err := RenderModel(d, &buf, Options{ID: "p"}); err != nil {
		t.Fatal(err)
	}
	type link struct {
		Href  string `xml:"href,attr"`
		ID    string `xml:"id,attr"`
		Label string `xml:"aria-label,attr"`
	}
	type group struct {
		ID string `xml:"id,attr"`
	}
	var doc struct {
		Role        string  `xml:"role,attr"`
		LabelledBy  string  `xml:"aria-labelledby,attr"`
		DescribedBy string  `xml:"aria-describedby,attr"`
		Links       []link  `xml:"a"`
		Groups      []group `xml:"g"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if doc.Role != "group" || doc.LabelledBy != "p-t" || doc.DescribedBy != "p-d" {
		t.Errorf("root role=%q labelledby=%q describedby=%q, want a group named by p-t, described by p-d", doc.Role, doc.LabelledBy, doc.DescribedBy)
	}
	want := []link{
		{"#entry-1", "p-e1", "GET /login #1: Browser to Server"},
		{"#entry-1", "p-e1r", `302: answer "302" <to> entry 1`},
		{"#entry-1", "", "check: Server to Server (implied)"},
	}
	if fmt.Sprint(doc.Links) != fmt.Sprint(want) {
		t.Errorf("links:\n got %q\nwant %q", doc.Links, want)
	}
	ids := map[string]bool{}
	for _, g := range doc.Groups {
		ids[g.ID] = true
	}
	if !ids[`p-e2"><script>`] || !ids["p-e1n"] {
		t.Errorf("groups with ids: %v; want the unsafe link's arrow and the note", ids)
	}
	if out := buf.String(); strings.Contains(out, "javascript:") || strings.Contains(out, "<script>") {
		t.Error("the unsafe link or the hostile id reached the SVG unescaped")
	}

	// Without links or ids the diagram stays an image, without the link styles.
	plain := model.New()
	plain.AddParticipant("B", "Browser", model.KindActor)
	plain.AddMessage("B", "B", model.Call, "hi")
	buf.Reset()
	if err := RenderModel(plain, &buf, Options{ID: "q"}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `role="img" aria-labelledby="q-t q-d"`) || strings.Contains(out, "--sd-hl") {
		t.Errorf("a diagram without links changed its root or style:\n%.300s", out)
	}
}
