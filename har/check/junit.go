package check

import (
	"encoding/xml"
	"io"
	"strings"
)

// The JUnit XML objects: the common subset that Jenkins, GitLab, Azure
// DevOps and the JUnit viewers read.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string         `xml:"name,attr"`
		ClassName string         `xml:"classname,attr"`
		Failures  []junitProblem `xml:"failure"`
		Error     *junitProblem  `xml:"error"`
		SystemOut string         `xml:"system-out,omitempty"`
	}
	junitProblem struct {
		Type    string `xml:"type,attr"`
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
)

// writeJUnit writes one test case per capture: a failure for each finding
// at or above the threshold, the other findings in system-out, an error
// for a capture that could not be read.
func (r *Report) writeJUnit(w io.Writer) error {
	suite := junitSuite{Name: "seqdoc check", Tests: len(r.Captures)}
	for _, c := range r.Captures {
		tc := junitCase{Name: displayPath(c.Path), ClassName: "seqdoc.check"}
		if c.Err != nil {
			line := c.ErrorLine()
			tc.Error = &junitProblem{Type: "unreadable-capture", Message: line, Text: line}
			suite.Errors++
		}
		var out []string
		for _, f := range c.Findings {
			if r.Failing(f) {
				tc.Failures = append(tc.Failures, junitProblem{Type: f.Code, Message: oneLine(string(f.Severity) + ": " + f.Message), Text: c.Line(f)})
			} else {
				out = append(out, c.Line(f))
			}
		}
		if len(tc.Failures) > 0 {
			suite.Failures++
		}
		if len(out) > 0 {
			tc.SystemOut = strings.Join(out, "\n")
		}
		suite.Cases = append(suite.Cases, tc)
	}
	doc := junitSuites{Name: "seqdoc check", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
