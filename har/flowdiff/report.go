package flowdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/har/authflow"
)

// Section is one part of a diff as a reviewer reads it: a title and its
// lines, each marked '+' (only in the new capture), '-' (only in the old),
// '~' (changed) or ' ' (context, unchanged).
type Section struct {
	Title string
	Lines []Line
}

// Line is one line of a section.
type Line struct {
	Mark byte
	Text string
}

// contextLines is how many unchanged exchanges are shown around a change.
const contextLines = 1

// Sections returns the parts of the diff that have changes, in the order
// hosts, AWS steps, exchanges, cookies, findings; none when it is Empty.
// Texts come from the captures (hosts, paths): escape them where they land.
func (d *Diff) Sections() []Section {
	var out []Section
	if len(d.Hosts) > 0 {
		s := Section{Title: "hosts and their roles"}
		for _, h := range d.Hosts {
			switch {
			case h.Old == "":
				s.Lines = append(s.Lines, Line{'+', h.Host + ": " + string(h.New)})
			case h.New == "":
				s.Lines = append(s.Lines, Line{'-', h.Host + ": " + string(h.Old)})
			default:
				s.Lines = append(s.Lines, Line{'~', h.Host + ": " + string(h.Old) + " → " + string(h.New)})
			}
		}
		out = append(out, s)
	}
	if len(d.Steps.Missing)+len(d.Steps.Added) > 0 {
		s := Section{Title: "AWS steps"}
		if len(d.Steps.Missing) > 0 {
			s.Lines = append(s.Lines, Line{'-', stepWord(d.Steps.Missing) + " " + authflow.StepList(d.Steps.Missing) + ": in the old capture, missing in the new"})
		}
		if len(d.Steps.Added) > 0 {
			s.Lines = append(s.Lines, Line{'+', stepWord(d.Steps.Added) + " " + authflow.StepList(d.Steps.Added) + ": only in the new capture"})
		}
		out = append(out, s)
	}
	if lines := d.exchangeLines(); len(lines) > 0 {
		out = append(out, Section{Title: "exchanges (aligned by method, host and path; assets, third parties and repeats left out)", Lines: lines})
	}
	if len(d.Cookies) > 0 {
		s := Section{Title: "cookies"}
		for _, c := range d.Cookies {
			switch {
			case c.Changes[0].Field == "cookies" && c.Op == "removed":
				s.Lines = append(s.Lines, Line{'-', c.Changes[0].New})
			case c.Changes[0].Field == "cookies":
				s.Lines = append(s.Lines, Line{'+', c.Changes[0].Old})
			case c.Op == "added":
				s.Lines = append(s.Lines, Line{'+', c.Name + ": set by " + c.Changes[0].New})
			case c.Op == "removed":
				s.Lines = append(s.Lines, Line{'-', c.Name + ": was set by " + c.Changes[0].Old})
			default:
				var parts []string
				for _, x := range c.Changes {
					parts = append(parts, x.Field+": "+x.Old+" → "+x.New)
				}
				s.Lines = append(s.Lines, Line{'~', c.Name + ": " + strings.Join(parts, "; ")})
			}
		}
		out = append(out, s)
	}
	if len(d.NewFindings)+len(d.FixedFindings) > 0 {
		s := Section{Title: "findings"}
		for _, f := range d.NewFindings {
			s.Lines = append(s.Lines, Line{'+', "new: " + string(f.Severity) + ": " + f.Message + " [" + f.Code + "]"})
		}
		for _, f := range d.FixedFindings {
			s.Lines = append(s.Lines, Line{'-', "fixed: " + string(f.Severity) + ": " + f.Message + " [" + f.Code + "]"})
		}
		out = append(out, s)
	}
	return out
}

func stepWord(s []int) string {
	if len(s) == 1 {
		return "step"
	}
	return "steps"
}

// exchangeLines shows each change with an unchanged exchange around it, a
// "…" between distant changes. Each line starts with the entry numbers in
// the old and the new capture.
func (d *Diff) exchangeLines() []Line {
	show := make([]bool, len(d.Exchanges))
	any := false
	for i, op := range d.Exchanges {
		if op.Op == "same" {
			continue
		}
		any = true
		for j := max(0, i-contextLines); j <= min(len(d.Exchanges)-1, i+contextLines); j++ {
			show[j] = true
		}
	}
	if !any {
		return nil
	}
	var out []Line
	for i, op := range d.Exchanges {
		if !show[i] {
			if i > 0 && show[i-1] {
				out = append(out, Line{' ', "…"})
			}
			continue
		}
		switch op.Op {
		case "same":
			out = append(out, Line{' ', nums(op.Old, op.New) + request(op.New) + "  " + answer(op.New)})
		case "removed":
			out = append(out, Line{'-', nums(op.Old, nil) + request(op.Old) + "  " + answer(op.Old)})
		case "added":
			out = append(out, Line{'+', nums(nil, op.New) + request(op.New) + "  " + answer(op.New)})
		default:
			out = append(out, Line{'~', nums(op.Old, op.New) + request(op.New) + "  " + answer(op.Old) + " → " + answer(op.New)})
		}
	}
	return out
}

// nums is "12 14  ": the entry numbers in the old and the new capture.
func nums(a, b *Exchange) string {
	n := func(x *Exchange) string {
		if x == nil {
			return ""
		}
		return strconv.Itoa(x.Index)
	}
	return fmt.Sprintf("%-4s %-4s ", n(a), n(b))
}

func request(x *Exchange) string { return x.Method + " " + x.Host + x.Path }

// answer is "302 auth-redirect, steps 1,2, login".
func answer(x *Exchange) string {
	status := strconv.Itoa(x.Status)
	if x.Failed && x.Status <= 0 {
		status = "failed"
	}
	s := status + " " + string(x.Kind)
	if len(x.Steps) > 0 {
		s += ", steps " + authflow.StepList(x.Steps)
	}
	return s + ", " + string(x.Phase)
}

// WriteText writes the diff for a terminal: "--- OLD", "+++ NEW", then
// each section with its marked lines; or one line saying there is no
// difference.
func (d *Diff) WriteText(w io.Writer, oldName, newName string) error {
	var b strings.Builder
	if d.Empty() {
		fmt.Fprintf(&b, "no difference: %s and %s show the same hosts, AWS steps, exchanges, cookies and findings\n", oldName, newName)
	} else {
		fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
		for _, s := range d.Sections() {
			b.WriteString(s.Title + ":\n")
			for _, l := range s.Lines {
				fmt.Fprintf(&b, "  %c %s\n", l.Mark, l.Text)
			}
		}
	}
	_, err := io.WriteString(w, terminalSafe(b.String()))
	return err
}

// terminalSafe drops control characters but newlines, so that a capture
// cannot drive the terminal.
func terminalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

// jsonDiff is seqdoc diff --json.
type jsonDiff struct {
	Old       string         `json:"old"`
	New       string         `json:"new"`
	Differ    bool           `json:"differ"`
	Hosts     []jsonHost     `json:"hosts"`
	Steps     StepChange     `json:"steps"`
	Exchanges []jsonOp       `json:"exchanges"`
	Cookies   []CookieChange `json:"cookies"`
	Findings  jsonFindings   `json:"findings"`
}

type jsonHost struct {
	Host    string        `json:"host"`
	OldRole authflow.Role `json:"old_role"`
	NewRole authflow.Role `json:"new_role"`
}

type jsonOp struct {
	Op      string    `json:"op"`
	Old     *Exchange `json:"old"`
	New     *Exchange `json:"new"`
	Changes []string  `json:"changes"`
}

type jsonFinding struct {
	Code     string            `json:"code"`
	Severity authflow.Severity `json:"severity"`
	Entries  []int             `json:"entries"`
	Message  string            `json:"message"`
}

type jsonFindings struct {
	New   []jsonFinding `json:"new"`
	Fixed []jsonFinding `json:"fixed"`
}

// WriteJSON writes the diff as JSON: the changed exchanges only (with
// their entries in both captures), empty lists as [].
func (d *Diff) WriteJSON(w io.Writer, oldName, newName string) error {
	out := jsonDiff{Old: oldName, New: newName, Differ: !d.Empty(), Hosts: []jsonHost{}, Steps: d.Steps,
		Exchanges: []jsonOp{}, Cookies: d.Cookies, Findings: jsonFindings{New: []jsonFinding{}, Fixed: []jsonFinding{}}}
	if out.Cookies == nil {
		out.Cookies = []CookieChange{}
	}
	for _, h := range d.Hosts {
		out.Hosts = append(out.Hosts, jsonHost{Host: h.Host, OldRole: h.Old, NewRole: h.New})
	}
	for _, op := range d.Exchanges {
		if op.Op != "same" {
			c := op.Changes
			if c == nil {
				c = []string{}
			}
			out.Exchanges = append(out.Exchanges, jsonOp{Op: op.Op, Old: op.Old, New: op.New, Changes: c})
		}
	}
	conv := func(fs []authflow.Finding) []jsonFinding {
		out := []jsonFinding{}
		for _, f := range fs {
			e := f.Entries
			if e == nil {
				e = []int{}
			}
			out = append(out, jsonFinding{Code: f.Code, Severity: f.Severity, Entries: e, Message: f.Message})
		}
		return out
	}
	out.Findings.New, out.Findings.Fixed = conv(d.NewFindings), conv(d.FixedFindings)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
