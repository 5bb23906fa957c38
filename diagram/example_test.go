package diagram_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
)

func ExampleRender() {
	src := []byte("sequenceDiagram\n    Alice->>Bob: Hello Bob\n    Bob-->>Alice: Hi Alice\n")
	var svg bytes.Buffer
	if err := diagram.Render(src, &svg, diagram.Options{Theme: "light"}); err != nil {
		fmt.Println(err)
		return
	}
	s := svg.String()
	fmt.Println(strings.HasPrefix(s, "<svg "), strings.Contains(s, ">Hello Bob</text>"))
	// Output: true true
}

func ExampleRender_errors() {
	src := []byte("sequenceDiagram\n    Alice->>Bob Hello\n    deactivate Bob\n")
	err := diagram.Render(src, os.Stdout, diagram.Options{Filename: "flow.mmd"})
	fmt.Println(err)
	// Output:
	// flow.mmd:2:22: message has no text: write it after a colon, as in 'Alice->>Bob: Hello'
	// flow.mmd:3:16: deactivate Bob, which is not active: remove it or activate Bob first
}

// A diagram built in code, with seqdoc's extras: a phase divider, step
// badges and an implied (unobserved) message.
func ExampleRenderModel() {
	d := model.New()
	d.AddParticipant("B", "Browser", model.KindActor)
	d.AddParticipant("ALB", "", model.KindParticipant)
	d.AddPhase("Login")
	d.AddMessage("B", "ALB", model.Call, "GET /dashboard").Step = "#1"
	m := d.AddMessage("ALB", "ALB", model.Call, "check the session cookie")
	m.Implied = true
	if err := mermaid.Write(os.Stdout, d); err != nil {
		fmt.Println(err)
	}
	var svg bytes.Buffer
	fmt.Println(diagram.RenderModel(d, &svg, diagram.Options{}), strings.Count(svg.String(), `class="pp"`))
	// Output:
	// sequenceDiagram
	//     actor B as Browser
	//     participant ALB
	//     Note over B,ALB: Login
	//     B->>ALB: [#35;1] GET /dashboard
	//     ALB-->>ALB: check the session cookie
	// <nil> 1
}
