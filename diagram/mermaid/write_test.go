package mermaid

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/internal/mermaidcorpus"
)

// TestWriteRoundTrip checks Parse(Write(Parse(x))) == Parse(x) for every
// corpus diagram Mermaid accepts.
func TestWriteRoundTrip(t *testing.T) {
	n := 0
	for _, dir := range mermaidcorpus.Dirs(t, "../testdata/realworld", corpusDir) {
		n += roundTrip(t, dir)
	}
	if n < 180 {
		t.Errorf("round trip of %d diagrams, want the repository's accepted ones at least", n)
	}
	t.Logf("round trip: %d diagrams", n)
}

// roundTrip writes every diagram of dir that Mermaid accepts and parses it
// again, returning how many came back the same.
func roundTrip(t *testing.T, dir string) int {
	t.Helper()
	oracle, _ := mermaidcorpus.Load(t, dir)
	n := 0
	for name, o := range oracle {
		if !o.Accepted {
			continue
		}
		name = filepath.Join(dir, name)
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d1, err := Parse(name, src)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, d1); err != nil {
			t.Fatal(err)
		}
		d2, err := Parse(name+" (written)", buf.Bytes())
		if err != nil {
			t.Errorf("%s: written text does not parse: %v\n%s", name, err, buf.String())
			continue
		}
		j1, _ := json.Marshal(d1)
		j2, _ := json.Marshal(d2)
		if !bytes.Equal(j1, j2) {
			t.Errorf("%s: round trip differs\n got %s\nwant %s\n%s", name, j2, j1, buf.String())
			continue
		}
		n++
	}
	return n
}

func TestWriteHostile(t *testing.T) {
	d := model.New()
	d.AddParticipant("a b", "x; y # z %% <br> wrap: $$", model.KindDatabase)
	d.AddParticipant("end", "", model.KindActor)
	d.AddMessage("a b", "end", model.Call, "wrap: not a flag; #1 <script>alert(1)</script>\nline two")
	d.AddNote(model.Over, "]]> \"quoted\" \u200fשלום 🎉", "a b", "end")
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	d2, err := Parse("w", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got, want := d2.Participants[0].Label, d.Participants[0].Label; got != want {
		t.Errorf("label = %q, want %q\n%s", got, want, buf.String())
	}
	if got, want := d2.Items[0].(*model.Message).Text, d.Items[0].(*model.Message).Text; got != want {
		t.Errorf("text = %q, want %q\n%s", got, want, buf.String())
	}
	if got, want := d2.Items[1].(*model.Note).Text, d.Items[1].(*model.Note).Text; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
	if d2.Items[0].(*model.Message).Wrap {
		t.Error("literal 'wrap:' was read back as the wrap flag")
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Errorf("raw markup in output:\n%s", buf.String())
	}
}

// TestWriteStepsReadBack: a Step badge (the AWS step numbers of a flow)
// written as "[#35;3] text" reads back as the badge, not as text, so that
// seqdoc render --format mermaid and hand-written diagrams keep them.
func TestWriteStepsReadBack(t *testing.T) {
	d := model.New()
	d.AddParticipant("b", "Browser", model.KindActor)
	d.AddParticipant("alb", "ALB", model.KindParticipant)
	for _, step := range []string{"#1", "#4-7", "#9 / #11", ""} {
		d.AddMessage("b", "alb", model.Call, "GET / [#2] not a badge")
		d.Items[len(d.Items)-1].(*model.Message).Step = step
	}
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	d2, err := Parse("w", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got, want := jsonOf(t, d2), jsonOf(t, d); got != want {
		t.Errorf("read back\n got %s\nwant %s\n%s", got, want, buf.String())
	}
}

func jsonOf(t *testing.T, d *model.Diagram) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteControlCharacters: a capture's method, path or header can hold
// terminal control sequences (ESC ] 0 ; … BEL sets a terminal's title).
// Write encodes every control character as an entity code (NUL, which has
// none, as U+FFFD), so the Mermaid
// text, which seqdoc render writes to a terminal with -o -, holds none, and
// Parse reads the text back unchanged.
func TestWriteControlCharacters(t *testing.T) {
	d := model.New()
	d.AddParticipant("a", "srv\x1b[0m\x00", model.KindParticipant)
	d.AddParticipant("b", "", model.KindParticipant)
	d.AddMessage("a", "b", model.Call, "GET\x1b]0;pwned\x07\x1b[31mRED\x7f\u0085 /x\tnext")
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, r := range buf.String() {
		if r != '\n' && unicode.IsControl(r) {
			t.Fatalf("control character %U in the output:\n%q", r, buf.String())
		}
	}
	d2, err := Parse("w", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got, want := d2.Participants[0].Label, "srv\x1b[0m\uFFFD"; got != want { // NUL has no entity code
		t.Errorf("label = %q, want %q\n%s", got, want, buf.String())
	}
	if got, want := d2.Items[0].(*model.Message).Text, d.Items[0].(*model.Message).Text; got != want {
		t.Errorf("text = %q, want %q\n%s", got, want, buf.String())
	}
}
