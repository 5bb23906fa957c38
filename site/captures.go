package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// harAnalyzer reads a capture with package har, redacts it (a capture in
// the content folder may not have gone through seqdoc import) and
// classifies it with package har/authflow.
type harAnalyzer struct{}

func (a harAnalyzer) analyze(name string, data []byte) (*captureParts, error) {
	p, err := a.read(name, data)
	var he *har.Error
	if errors.As(err, &he) {
		return nil, &captureError{Line: he.Line, Col: he.Col, Msg: he.Msg}
	}
	return p, err
}

func (a harAnalyzer) read(name string, data []byte) (*captureParts, error) {
	r, err := har.NewReader(bytes.NewReader(data), name, har.ReadOptions{})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var entries []*har.Entry
	for {
		e, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	log := r.Log()
	har.Redact(log, entries, authflow.RedactOptions(nil))
	flow := authflow.Classify(log, entries)
	p := &captureParts{
		Steps:    stepsTable(flow, false),
		StepsAll: stepsTable(flow, true),
		Glossary: glossaryTable(flow),
	}
	for _, f := range flow.Findings {
		p.Findings = append(p.Findings, finding{Code: f.Code, Message: f.Message, Entries: f.Entries})
	}
	p.Diagram, p.DiagramAll, p.DiagramErr = flowDiagrams(flow)
	return p, nil
}

// stepsTable lists the classified entries; without all, the assets and
// third-party requests are left out (their numbers show the gaps).
func stepsTable(f *authflow.Flow, all bool) table {
	t := table{Head: []string{"#", "request", "status", "kind", "AWS steps", "phase"}}
	for _, e := range f.Entries {
		if !all && (e.Kind == authflow.KindAsset || e.Kind == authflow.KindOther) {
			continue
		}
		status := strconv.Itoa(e.Status)
		if e.Failed {
			status = "failed"
		}
		t.Rows = append(t.Rows, []cell{
			{Text: strconv.Itoa(e.Index)},
			{Text: e.Method + " " + shortURL(e.URL)},
			{Text: status},
			{Text: string(e.Kind)},
			{Text: stepsText(e.Steps, e.HiddenSteps)},
			{Text: string(e.Phase)},
		})
	}
	return t
}

// stepsText is "#1 #2", with the steps the browser cannot see in brackets:
// "#3 [#4 #5 #6 #7] #8".
func stepsText(steps, hidden []int) string {
	h := map[int]bool{}
	for _, s := range hidden {
		h[s] = true
	}
	num := func(ss []int) string {
		var p []string
		for _, s := range ss {
			p = append(p, "#"+strconv.Itoa(s))
		}
		return strings.Join(p, " ")
	}
	var parts []string
	for i := 0; i < len(steps); {
		j := i + 1
		if h[steps[i]] {
			for j < len(steps) && h[steps[j]] {
				j++
			}
			parts = append(parts, "["+num(steps[i:j])+"]")
		} else {
			parts = append(parts, num(steps[i:j]))
		}
		i = j
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, " ")
}

// shortURL drops the scheme and cuts a long URL, so that the table stays
// readable; the capture keeps the whole (redacted) URL.
func shortURL(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if r := []rune(u); len(r) > 90 {
		return string(r[:89]) + "…"
	}
	return u
}

func glossaryTable(f *authflow.Flow) table {
	t := table{Head: []string{"name", "meaning", "set by · cleared by", "attributes · lifetime", "in this capture"}}
	label := func(prefix, s string) string {
		if s == "" || s == "—" {
			return ""
		}
		return prefix + s
	}
	for _, g := range authflow.Glossary(f) {
		name := cell{Text: g.Name, Sub: g.Type}
		if strings.HasPrefix(g.DocURL, "https://") {
			name.Href = g.DocURL
		}
		t.Rows = append(t.Rows, []cell{name, {Text: g.Meaning},
			{Text: g.SetBy, Sub: label("cleared: ", g.ClearedBy)},
			{Text: g.Attributes, Sub: label("lifetime: ", g.Lifetime)},
			{Text: g.InCapture}})
	}
	return t
}

// flowDiagrams draws the flow, folded and with every entry, with
// diagram.RenderModel.
func flowDiagrams(f *authflow.Flow) (folded, all []byte, err error) {
	var a, b bytes.Buffer
	if err := diagram.RenderModel(f.Diagram(authflow.DiagramOptions{}), &a, diagram.Options{}); err != nil {
		return nil, nil, fmt.Errorf("drawing the flow: %w", err)
	}
	if err := diagram.RenderModel(f.Diagram(authflow.DiagramOptions{All: true}), &b, diagram.Options{}); err != nil {
		return nil, nil, fmt.Errorf("drawing the flow with every entry: %w", err)
	}
	return a.Bytes(), b.Bytes(), nil
}
