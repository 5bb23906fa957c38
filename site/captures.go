package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// harAnalyzer reads a capture through package capture's pipeline: it
// redacts it (a capture in the content folder may not have gone through
// seqdoc import) and classifies it.
type harAnalyzer struct{}

func (a harAnalyzer) analyze(name string, open func() (io.ReadCloser, error)) (*captureParts, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := a.read(name, f)
	var he *har.Error
	if errors.As(err, &he) {
		return nil, &captureError{Line: he.Line, Col: he.Col, Msg: he.Msg}
	}
	return p, err
}

func (a harAnalyzer) read(name string, r io.Reader) (*captureParts, error) {
	src, err := capture.FromReader(name, r)
	if err != nil {
		return nil, err
	}
	c, err := capture.Read(context.Background(), src, capture.Options{})
	if err != nil {
		return nil, err
	}
	flow := c.Flow
	p := &captureParts{
		Steps:      stepsTable(flow, false),
		StepsAll:   stepsTable(flow, true),
		Glossary:   glossaryTable(flow),
		Flow:       flow.Diagram(authflow.DiagramOptions{}),
		FlowAll:    flow.Diagram(authflow.DiagramOptions{All: true}),
		classified: flow,
	}
	for _, f := range flow.Findings {
		x := finding{Code: f.Code, Message: f.Message, Entries: f.Entries, Severity: f.Severity}
		if e := flow.FirstEntry(f); e != nil {
			x.Line, x.Col = e.Line, e.Col
		}
		p.Findings = append(p.Findings, x)
	}
	for _, d := range []*model.Diagram{p.Flow, p.FlowAll} {
		if err := d.Validate(); err != nil {
			p.DiagramErr = fmt.Errorf("drawing the flow: %w", err)
		}
	}
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
			{Text: authflow.StepsText(e.Steps, e.HiddenSteps)},
			{Text: string(e.Phase)},
		})
	}
	return t
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
	// Where each cookie and header shows in the capture, by the name its
	// glossary row has (a sharded cookie's "NAME-N", or NAME).
	where := map[string]refs{}
	for _, ck := range f.Cookies {
		r := refs{Set: ck.SetBy, Sent: ck.SentIn, Cleared: ck.ExpiredBy}
		where["cookie:"+ck.Name] = r
		where["cookie:"+ck.Name+"-N"] = r
	}
	for _, h := range f.Headers {
		r := refs{Sent: h.Entries}
		if h.Direction == "response" {
			r = refs{Received: h.Entries}
		}
		where["header:"+strings.ToLower(h.Name)] = r
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
		key := g.Type + ":" + g.Name
		if g.Type == "header" {
			key = strings.ToLower(key)
		}
		var r refs
		if g.Seen {
			r = where[key]
		}
		t.Refs = append(t.Refs, r)
	}
	return t
}

// modelDrawer draws a diagram model as SVG or Mermaid text with package
// diagram, its ids prefixed with id.
func modelDrawer(d *model.Diagram, format, id string) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	err := diagram.RenderModel(d, &buf, diagram.Options{Format: format, ID: id})
	return buf.Bytes(), err
}
