package mermaid

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// byIndex returns a copy of d (as JSON-equal data) with every participant
// ID replaced by its position.
func byIndex(d *model.Diagram) *model.Diagram {
	b, _ := json.Marshal(d)
	s := string(b)
	for i, p := range d.Participants {
		q, _ := json.Marshal(p.ID)
		s = strings.ReplaceAll(s, `"id":`+string(q)+`,`, `"id":"#`+strconv.Itoa(i)+`",`)
		for _, k := range []string{"from", "to", "participant"} {
			s = strings.ReplaceAll(s, `"`+k+`":`+string(q), `"`+k+`":"#`+strconv.Itoa(i)+`"`)
		}
		s = strings.ReplaceAll(s, `"participants":[`+string(q), `"participants":["#`+strconv.Itoa(i)+`"`)
		s = strings.ReplaceAll(s, `,`+string(q)+`]`, `,"#`+strconv.Itoa(i)+`"]`)
	}
	return &model.Diagram{Title: s}
}

// FuzzParse feeds the parser arbitrary text, seeded with the whole Mermaid
// corpus: it must never panic, every error must carry a position inside
// the source, and whatever parses must survive Write and parse again to
// the same diagram.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.mmd"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("sequenceDiagram\nA->>B: #59;#9829;<br/>x\n"))
	f.Add([]byte("%%{init: {'theme': 'dark', 'sequence': {'mirrorActors': false}}}%%\nsequenceDiagram\nparticipant A@{ \"type\": \"queue\" } as Q\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f", src)
		norm := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		lines := bytes.Count(norm, []byte("\n")) + bytes.Count(norm, []byte("\r")) + 1
		if err != nil {
			el, ok := err.(ErrorList)
			if !ok || len(el) == 0 {
				t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
			}
			for _, e := range el {
				if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 || strings.Contains(e.Msg, "\n") {
					t.Fatalf("bad error %q at %v (source has %d lines)", e.Msg, e.Pos, lines)
				}
			}
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		d2, err := Parse("w", buf.Bytes())
		if err != nil {
			t.Fatalf("written text does not parse: %v\n%s", err, buf.String())
		}
		// IDs Mermaid cannot spell back ("A B" used in a message, "end")
		// are renamed by Write; compare with IDs replaced by positions.
		if a, b := jsonOf(t, byIndex(d)), jsonOf(t, byIndex(d2)); a != b {
			t.Fatalf("round trip differs\n got %s\nwant %s\nwritten:\n%s", b, a, buf.String())
		}
	})
}
