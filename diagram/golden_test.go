package diagram

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/layout"
	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/internal/golden"
	"github.com/seqdoc/seqdoc/internal/shareddata"
)

// goldenCases are the diagrams whose drawing is kept in testdata/golden,
// each as <name>.golden.svg (the picture) and <name>.layout.golden.json
// (the geometry). Run "go test ./diagram -update" after a deliberate
// change, render the SVGs to PNG and look before committing.
var goldenCases = []struct{ name, file string }{
	{"login", benchDir + "/login.mmd"},                     // our 24-message ALB/Cognito login
	{"boxes-typed-blocks", corpusDir + "/cypress-001.mmd"}, // boxes, UML shapes, alt/par/loop
	{"typed-participants", corpusDir + "/cypress-004.mmd"},
	{"all-arrows", corpusDir + "/cypress-035.mmd"},
	{"self-reverse-arrows", corpusDir + "/cypress-057.mmd"},
	{"create-destroy-rect", corpusDir + "/cypress-082.mmd"},
	{"par-over", corpusDir + "/cypress-080.mmd"},
	{"no-mirror", corpusDir + "/cypress-121.mmd"},
	{"dark-theme", corpusDir + "/cypress-118.mmd"},
	{"create-actor", corpusDir + "/docs-014.mmd"},
	{"activate", corpusDir + "/docs-017.mmd"},
	{"stacked-activations", corpusDir + "/docs-019.mmd"},
	{"critical", corpusDir + "/docs-028.mmd"},
	{"break", corpusDir + "/docs-030.mmd"},
	{"entity-codes", corpusDir + "/docs-033.mmd"},
	{"links", corpusDir + "/docs-036.mmd"},
	{"math", corpusDir + "/docs-041.mmd"},
	{"acc-descr", corpusDir + "/spec-019.mmd"},
	{"wrap-note", corpusDir + "/cypress-016.mmd"},
	{"loop-self", corpusDir + "/docs-044.mmd"},
	// Held by the repository (testdata/cases), so a plain clone checks them.
	{"self-in-bar", "testdata/cases/self-in-bar.mmd"}, // loops inside activation bars; numbering resumed after off
}

// albCognito builds the kind of diagram the HAR workflow produces: step
// badges, implied server-to-server messages, phase dividers, arrows that
// link to the rows of a requests table and ids for a page to highlight.
func albCognito() *model.Diagram {
	d := model.New()
	d.Title = "Sign-in through the ALB with Cognito"
	d.AddParticipant("B", "Browser", model.KindActor)
	d.AddParticipant("ALB", "ALB", model.KindParticipant)
	d.AddParticipant("C", "Cognito", model.KindParticipant)
	d.AddParticipant("App", "App", model.KindParticipant)
	d.AddPhase("Login")
	entry := 0
	step := func(from, to string, a model.Arrow, text, s string, implied bool) {
		m := d.AddMessage(from, to, a, text)
		m.Step, m.Implied = s, implied
		switch {
		case from == "B":
			entry++
			m.Link, m.ID = fmt.Sprintf("#entry-%d", entry), fmt.Sprintf("e%d", entry)
		case to == "B":
			m.Link, m.ID = fmt.Sprintf("#entry-%d", entry), fmt.Sprintf("e%dr", entry)
		default:
			m.Link = fmt.Sprintf("#entry-%d", entry)
		}
	}
	step("B", "ALB", model.Call, "GET /dashboard", "#1", false)
	step("ALB", "B", model.Reply, "302 /oauth2/authorize", "#2", false)
	step("B", "C", model.Call, "GET /oauth2/authorize?client_id=…", "", false)
	step("C", "B", model.Reply, "302 /oauth2/idpresponse?code=…", "", false)
	step("B", "ALB", model.Call, "GET /oauth2/idpresponse?code=…", "#3", false)
	step("ALB", "C", model.Call, "POST /oauth2/token", "#4", true)
	step("C", "ALB", model.Reply, "id_token, access_token", "#5", true)
	step("ALB", "C", model.Call, "GET /oauth2/userInfo", "#6", true)
	step("C", "ALB", model.Reply, "claims", "#7", true)
	step("ALB", "B", model.Reply, "302 /dashboard + AWSELBAuthSessionCookie-0/-1", "#8", false)
	d.AddPhase("App")
	step("B", "ALB", model.Call, "GET /dashboard", "#9 / #11", false)
	step("ALB", "App", model.Call, "GET /dashboard + x-amzn-oidc-*", "#9", true)
	step("App", "ALB", model.Reply, "200 text/html", "#10", true)
	d.AddNote(model.RightOf, "x-amzn-oidc-data is a JWT signed by the ALB", "App").ID = "e4n"
	d.AddPhase("Logout")
	step("B", "ALB", model.Call, "GET /logout", "#9", false)
	step("ALB", "B", model.Reply, "302 Cognito /logout + expired cookies", "#11", false)
	return d
}

func TestGolden(t *testing.T) {
	type gcase struct {
		name string
		d    *model.Diagram
	}
	cases := []gcase{{"alb-cognito-steps", albCognito()}}
	for _, c := range goldenCases {
		cases = append(cases, gcase{c.name, nil})
	}
	for k, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.d == nil { // a diagram file; a shared one is skipped without ../shared (never in CI)
				file := goldenCases[k-1].file
				src, err := os.ReadFile(shareddata.Need(t, file))
				if err != nil {
					t.Fatal(err)
				}
				if c.d, err = mermaid.Parse(filepath.Base(file), src); err != nil {
					t.Fatal(err)
				}
			}
			var svg bytes.Buffer
			if err := RenderModel(c.d, &svg, Options{}); err != nil {
				t.Fatal(err)
			}
			if _, err := svgTexts(svg.Bytes()); err != nil {
				t.Fatalf("SVG is not well-formed XML: %v", err)
			}
			r, err := layout.Compute(c.d, layout.Options{})
			if err != nil {
				t.Fatal(err)
			}
			geo, err := json.MarshalIndent(r, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/golden/"+c.name+".golden.svg", svg.Bytes())
			golden.Check(t, "testdata/golden/"+c.name+".layout.golden.json", append(geo, '\n'))
		})
	}
}

// TestLoginSize checks the 24-message login diagram stays compact.
func TestLoginSize(t *testing.T) {
	src, err := os.ReadFile(shareddata.Need(t, benchDir+"/login.mmd"))
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := Render(src, &svg, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := svg.Len(); n >= 30<<10 {
		t.Errorf("login.svg is %d bytes, want under 30 KB", n)
	}
	if !strings.Contains(svg.String(), "prefers-color-scheme:dark") {
		t.Error("no dark-mode rules")
	}
}
