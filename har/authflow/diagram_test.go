package authflow

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/golden"
)

func diagramCaptures(t *testing.T) []string {
	caps := []string{
		filepath.Join(genDir, "u4-federated-idp.har"),
		filepath.Join(genDir, "u3-session-expires-xhr.sanitized.har"),
		filepath.Join(genDir, "u6-200-requests.har"),
	}
	if _, err := os.Stat(filepath.Join(sharedDir, "fixtures")); err == nil {
		caps = append(caps, filepath.Join(sharedDir, "fixtures", "har-browser", "a-happy-path.har"))
	}
	return caps
}

// TestDiagramGolden: the flow as Mermaid text (what GitHub renders),
// against golden files; it also parses back and renders to SVG.
func TestDiagramGolden(t *testing.T) {
	for _, p := range diagramCaptures(t) {
		name := strings.TrimSuffix(filepath.Base(p), ".har")
		t.Run(name, func(t *testing.T) {
			f := classifyFile(t, p)
			d := f.Diagram(DiagramOptions{})
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := mermaid.Write(&buf, d); err != nil {
				t.Fatal(err)
			}
			goldenPath := filepath.Join("testdata", "golden", name+".mmd")
			if golden.Update() {
				if err := os.WriteFile(goldenPath, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(goldenPath); err != nil {
				t.Fatalf("%v (go test -update)", err)
			} else if !bytes.Equal(buf.Bytes(), want) {
				os.WriteFile(goldenPath+".got", buf.Bytes(), 0o644)
				t.Errorf("Mermaid for %s differs from %s (see .got; -update to accept)", name, goldenPath)
			}
			if _, err := mermaid.Parse(name+".mmd", buf.Bytes()); err != nil {
				t.Errorf("the Mermaid text does not parse back: %v", err)
			}
			var svg bytes.Buffer
			if err := diagram.RenderModel(d, &svg, diagram.Options{Filename: name}); err != nil {
				t.Fatalf("render: %v", err)
			}
			if !bytes.Contains(svg.Bytes(), []byte("<svg")) {
				t.Error("no SVG written")
			}
		})
	}
}

// TestDiagramShape checks what the diagram must show on the happy path.
func TestDiagramShape(t *testing.T) {
	f := classifyFile(t, filepath.Join(genDir, "u2-logout-keeps-alb-cookie.har"))
	d := f.Diagram(DiagramOptions{})
	var steps []string
	var implied, phases []string
	var folded, notes int
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			if it.Step != "" {
				steps = append(steps, it.Step)
			}
			if it.Implied {
				implied = append(implied, it.Step)
			}
			if strings.Contains(it.Text, "assets") || strings.Contains(it.Text, "API call") {
				folded++
			}
		case *model.Phase:
			phases = append(phases, it.Label)
		case *model.Note:
			notes++
		}
	}
	if got := strings.Join(implied, " "); got != "#4 #5 #6 #7 #9 #10" {
		t.Errorf("implied steps %q, want the back channel #4-#7 and the first forward #9 #10", got)
	}
	if got := strings.Join(phases, " "); got != "Login App Logout App" {
		t.Errorf("phases %q", got)
	}
	if !strings.HasPrefix(strings.Join(steps, " "), "#1 #2 #3 #4 #5 #6 #7 #8 #9 #9 #10 #11") {
		t.Errorf("steps start %q", strings.Join(steps, " "))
	}
	if folded == 0 || notes == 0 {
		t.Errorf("%d folded runs, %d cookie notes; want some of each", folded, notes)
	}
	all := f.Diagram(DiagramOptions{All: true})
	if len(all.Items) <= len(d.Items) {
		t.Errorf("All: %d items, folded %d: All must draw more", len(all.Items), len(d.Items))
	}
	for _, p := range d.Participants {
		if strings.Contains(p.Label, "redacted") {
			t.Errorf("participant label %q", p.Label)
		}
	}
}

// TestDiagramWithoutSignIn: a capture with no ALB flow draws only the
// browser and the hosts it talked to.
func TestDiagramWithoutSignIn(t *testing.T) {
	e := &har.Entry{Request: har.Request{Method: "GET", URL: "https://example.net/"}, Response: har.Response{Status: 200}}
	f := Classify(nil, []*har.Entry{e})
	d := f.Diagram(DiagramOptions{})
	var ids []string
	for _, p := range d.Participants {
		ids = append(ids, p.ID)
	}
	if strings.Join(ids, " ") != "browser other" {
		t.Errorf("participants %v, want browser and other", ids)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	// Sanitized (no cookie header at all), and no ALB: capture-incomplete.
	if f.Entries[0].Kind != KindOther || len(f.Findings) != 2 || f.Findings[0].Code != CodeSanitizedCapture || f.Findings[1].Code != CodeCaptureIncomplete {
		t.Errorf("entry %+v, findings %+v", f.Entries[0], f.Findings)
	}
}

// TestDiagramLinks: every arrow links to its entry's row ("#entry-N"),
// the implied server-to-server ones to the entry that caused them; each
// entry's request, response and cookie note have the IDs eN, eNr and eNn,
// a folded run eA-B and eA-Br; the IDs are unique (Validate) and a note
// follows its entry's response.
func TestDiagramLinks(t *testing.T) {
	f := classifyFile(t, filepath.Join(genDir, "u2-logout-keeps-alb-cookie.har"))
	for _, all := range []bool{false, true} {
		d := f.Diagram(DiagramOptions{All: all})
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		last := ""
		for _, it := range d.Items {
			switch it := it.(type) {
			case *model.Message:
				if !strings.HasPrefix(it.Link, "#entry-") {
					t.Errorf("all=%v: arrow %q links to %q", all, it.Text, it.Link)
				}
				n := strings.TrimPrefix(it.Link, "#entry-")
				switch {
				case it.ID == "":
					if !it.Implied {
						t.Errorf("all=%v: observed arrow %q has no ID", all, it.Text)
					}
				case it.From == diagBrowser:
					if it.ID != "e"+n && !strings.HasPrefix(it.ID, "e"+n+"-") {
						t.Errorf("all=%v: request %q: ID %q for link %q", all, it.Text, it.ID, it.Link)
					}
				default:
					if !strings.HasPrefix(it.ID, "e"+n) || !strings.HasSuffix(it.ID, "r") {
						t.Errorf("all=%v: response %q: ID %q for link %q", all, it.Text, it.ID, it.Link)
					}
				}
				seen[it.ID] = true
				last = it.ID
			case *model.Note:
				if it.ID == "" || it.ID != strings.TrimSuffix(last, "r")+"n" {
					t.Errorf("all=%v: note %q has ID %q after the response %q", all, it.Text, it.ID, last)
				}
			}
		}
		folds := 0
		for id := range seen {
			if strings.Contains(id, "-") {
				folds++
			}
		}
		if all == (folds > 0) {
			t.Errorf("all=%v: %d folded arrows", all, folds)
		}
	}
}
