package diagram

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/mermaidcorpus"
)

const (
	corpusDir = "../../shared/fixtures/mermaid-sequence"
	benchDir  = "../../shared/bench/diagrams"
)

// svgTexts reads an SVG and returns the text of every <text> element by
// class: participant names ("pl", top boxes only), message labels ("t"),
// note texts ("nt"). Lines (tspans) are joined with "\n". It fails on
// anything that is not well-formed XML.
func svgTexts(svg []byte) (map[string][]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	out := map[string][]string{}
	var class string
	var cur []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "text" {
				depth = 1
				class, cur = "", []string{""}
				for _, a := range tok.Attr {
					if a.Name.Local == "class" {
						class = a.Value
					}
				}
			} else if depth > 0 && tok.Name.Local == "tspan" {
				cur = append(cur, "")
			}
		case xml.CharData:
			if depth > 0 {
				cur[len(cur)-1] += string(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				depth = 0
				f := strings.Fields(class)
				if len(f) > 0 {
					key := f[0]
					if key == "pl" && len(f) > 1 && f[1] == "pb" {
						key = "pb"
					}
					out[key] = append(out[key], strings.Join(cur, "\n"))
				}
			}
		}
	}
}

// blockCounts counts the drawn blocks by kind: frames by their keyword
// tab ("fk" texts), rect blocks by their backgrounds; like Mermaid's
// drawing, participant boxes count as rects too.
func blockCounts(svg []byte, texts map[string][]string) map[string]int {
	out := map[string]int{}
	for _, k := range texts["fk"] {
		out[k]++
	}
	if n := bytes.Count(svg, []byte(`<rect class="rb"`)) + bytes.Count(svg, []byte(`<rect class="g"`)); n > 0 {
		out["rect"] = n
	}
	return out
}

func norm(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Join(strings.Fields(s), " ")
	}
	return strings.Join(out, " | ")
}

// TestConformance renders every diagram of Mermaid's own corpus. Where
// Mermaid accepts a diagram, the SVG must hold the same participants,
// message texts and note texts in the same order (white space counted
// loosely: Mermaid wraps with its own measurements) and the same number of
// blocks of each kind; where Mermaid rejects it, Render must report an
// error.
func TestConformance(t *testing.T) {
	o, names := mermaidcorpus.Load(t, corpusDir)
	pass := 0
	for _, name := range names {
		want := o[name]
		src, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = Render(src, &buf, Options{Filename: name})
		if !want.Accepted {
			if err == nil {
				t.Errorf("%s: Mermaid rejects it (%s) but seqdoc rendered it", name, strings.SplitN(want.Error, "\n", 2)[0])
				continue
			}
			pass++
			continue
		}
		if err != nil {
			t.Errorf("%s: Mermaid accepts it but: %v", name, err)
			continue
		}
		texts, err := svgTexts(buf.Bytes())
		if err != nil {
			t.Errorf("%s: SVG is not well-formed XML: %v", name, err)
			continue
		}
		ok := true
		for _, c := range []struct {
			what, class string
			want        []string
		}{{"participants", "pl", want.Participants}, {"messages", "t", want.Messages}, {"notes", "nt", want.Notes}} {
			if g, w := norm(texts[c.class]), norm(c.want); g != w {
				t.Errorf("%s: %s differ\n got  %s\n want %s", name, c.what, g, w)
				ok = false
			}
		}
		if g, w := blockCounts(buf.Bytes(), texts), want.Blocks; fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: blocks differ: got %v, want %v", name, g, w)
			ok = false
		}
		if ok {
			pass++
		}
	}
	rate := 100 * float64(pass) / float64(len(names))
	t.Logf("conformance: %d/%d diagrams = %.1f%% (target 100%%, floor 97%%)", pass, len(names), rate)
	if rate < 97 {
		t.Errorf("conformance %.1f%% is below 97%%", rate)
	}
}

// TestDeterministic renders every corpus diagram twice: same bytes.
func TestDeterministic(t *testing.T) {
	_, names := mermaidcorpus.Load(t, corpusDir)
	for _, name := range names {
		src, _ := os.ReadFile(filepath.Join(corpusDir, name))
		var a, b bytes.Buffer
		errA := Render(src, &a, Options{})
		errB := Render(src, &b, Options{})
		if (errA == nil) != (errB == nil) || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders differ", name)
		}
	}
}

// TestErrorsWriteNothing checks that a failed render leaves w untouched
// and returns every positioned error.
func TestErrorsWriteNothing(t *testing.T) {
	var buf bytes.Buffer
	err := Render([]byte("sequenceDiagram\nA->>B hi\nend\nNote nowhere: x\n"), &buf, Options{Filename: "x.mmd"})
	var el ErrorList
	if !errors.As(err, &el) || len(el) != 3 {
		t.Fatalf("err = %v, want 3 errors in an ErrorList", err)
	}
	for i, want := range []string{"x.mmd:2:9: message has no text", "x.mmd:3:1: 'end' without", "x.mmd:4:6: expected 'left of'"} {
		if !strings.HasPrefix(el[i].Error(), want) {
			t.Errorf("error %d = %q, want prefix %q", i, el[i].Error(), want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes despite errors", buf.Len())
	}
}
