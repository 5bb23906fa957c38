package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/seqdoc/seqdoc/har/authflow"
)

// Format is an output format of a report.
type Format string

// The formats.
const (
	FormatText  Format = "text"  // PATH:LINE:COL: severity: message [code]
	FormatJSON  Format = "json"  // the findings of each capture
	FormatSARIF Format = "sarif" // SARIF 2.1.0, for GitHub code scanning
	FormatJUnit Format = "junit" // JUnit XML, one test case per capture
)

// Formats lists the formats.
var Formats = []Format{FormatText, FormatJSON, FormatSARIF, FormatJUnit}

// Write writes the report in format f. The text format leaves out the
// captures that could not be read (say them first, each in one line, with
// Capture.ErrorLine); the others carry them.
func (r *Report) Write(w io.Writer, f Format) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case FormatText:
		err = r.writeText(bw)
	case FormatJSON:
		err = r.writeJSON(bw)
	case FormatSARIF:
		err = r.writeSARIF(bw)
	case FormatJUnit:
		err = r.writeJUnit(bw)
	default:
		return fmt.Errorf("unknown format %q", f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// Line is a finding as linters print it: PATH:LINE:COL: severity: message
// [code], without :LINE:COL for a finding about the whole capture (and
// without :COL when the column is unknown).
func (c Capture) Line(f Finding) string {
	pos := displayPath(c.Path)
	if f.Line > 0 {
		pos += ":" + strconv.Itoa(f.Line)
		if f.Col > 0 {
			pos += ":" + strconv.Itoa(f.Col)
		}
	}
	return oneLine(fmt.Sprintf("%s: %s: %s [%s]", pos, f.Severity, f.Message, f.Code))
}

func (r *Report) writeText(w io.Writer) error {
	for _, c := range r.Captures {
		for _, f := range c.Findings {
			if _, err := fmt.Fprintln(w, c.Line(f)); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonReport is the JSON format.
type jsonReport struct {
	FailOn   string        `json:"fail_on"` // "" when findings never fail
	Failed   bool          `json:"failed"`
	Counts   jsonCounts    `json:"counts"`
	Captures []jsonCapture `json:"captures"`
}

type jsonCounts struct {
	Captures   int `json:"captures"`
	Unreadable int `json:"unreadable"`
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Info       int `json:"info"`
	Failing    int `json:"failing"` // findings at or above fail_on
}

type jsonCapture struct {
	Path     string        `json:"path"`
	Error    string        `json:"error,omitempty"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Code     string            `json:"code"`
	Severity authflow.Severity `json:"severity"`
	Entries  []int             `json:"entries"`
	Line     int               `json:"line"`
	Col      int               `json:"col"`
	Message  string            `json:"message"`
	Failing  bool              `json:"failing"` // at or above fail_on
}

func (r *Report) writeJSON(w io.Writer) error {
	s := r.Summary()
	out := jsonReport{FailOn: string(r.FailOn), Failed: r.Failed(), Captures: []jsonCapture{},
		Counts: jsonCounts{Captures: s.Captures, Unreadable: s.Unreadable, Error: s.Findings[authflow.SeverityError],
			Warning: s.Findings[authflow.SeverityWarning], Info: s.Findings[authflow.SeverityInfo], Failing: s.Failing}}
	for _, c := range r.Captures {
		jc := jsonCapture{Path: c.Path, Error: c.ErrorLine(), Findings: []jsonFinding{}}
		for _, f := range c.Findings {
			entries := f.Entries
			if entries == nil {
				entries = []int{}
			}
			jc.Findings = append(jc.Findings, jsonFinding{Code: f.Code, Severity: f.Severity, Entries: entries, Line: f.Line, Col: f.Col, Message: f.Message, Failing: r.Failing(f)})
		}
		out.Captures = append(out.Captures, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
