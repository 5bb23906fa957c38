package check

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seqdoc/seqdoc/har/authflow"
)

// SARIFSchema is the URI of the SARIF 2.1.0 schema (OASIS, errata 01) that
// the output names in "$schema".
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// The SARIF objects seqdoc writes: the subset of SARIF 2.1.0 that GitHub
// code scanning reads (tool.driver with rules, results with a rule, a
// level, a message and a physical location; invocations with the captures
// that could not be read).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		Name                 string        `json:"name"`
		ShortDescription     sarifText     `json:"shortDescription"`
		FullDescription      sarifText     `json:"fullDescription"`
		Help                 sarifMarkdown `json:"help"`
		HelpURI              string        `json:"helpUri"`
		DefaultConfiguration sarifConfig   `json:"defaultConfiguration"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMarkdown struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
)

// sarifLevel is SARIF's name of a severity.
func sarifLevel(s authflow.Severity) string {
	switch s {
	case authflow.SeverityError:
		return "error"
	case authflow.SeverityInfo:
		return "note"
	}
	return "warning"
}

// ruleName is a code in SARIF's PascalCase: LogoutKeepsAlbSession.
func ruleName(code string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(code, func(r rune) bool { return r == '-' || r == '_' }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// artifact is the SARIF location of a capture: a relative path as a
// relative URI from the checkout (%SRCROOT%), an absolute one as a file URI.
func artifact(p string) sarifArtifact {
	if p == "-" {
		return sarifArtifact{URI: "stdin"}
	}
	slash := filepath.ToSlash(p)
	if filepath.IsAbs(p) {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // C:/x -> /C:/x
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: slash}).String()}
	}
	slash = strings.TrimPrefix(slash, "./")
	return sarifArtifact{URI: (&url.URL{Path: slash}).String(), URIBaseID: "%SRCROOT%"}
}

func (r *Report) writeSARIF(w io.Writer) error {
	table := ruleTable()
	index := map[string]int{}
	driver := sarifDriver{Name: "seqdoc", InformationURI: "https://github.com/seqdoc/seqdoc", Version: r.toolVersion}
	addRule := func(x rule) {
		index[x.Code] = len(driver.Rules)
		help := x.Help
		if x.HelpURI != "" {
			help += " " + x.HelpURI
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: x.Code, Name: ruleName(x.Code),
			ShortDescription:     sarifText{Text: x.Summary},
			FullDescription:      sarifText{Text: x.Summary + " " + x.Help},
			Help:                 sarifMarkdown{Text: help, Markdown: x.Help + "\n\n[" + x.Code + " in the cookbook](" + x.HelpURI + ")"},
			HelpURI:              x.HelpURI,
			DefaultConfiguration: sarifConfig{Level: sarifLevel(x.Severity)},
		})
	}
	for _, x := range table {
		addRule(x)
	}
	// A code the table does not know yet still gets a rule.
	var extra []string
	for _, c := range r.Captures {
		for _, f := range c.Findings {
			if _, ok := index[f.Code]; !ok {
				index[f.Code] = -1
				extra = append(extra, f.Code)
			}
		}
	}
	sort.Strings(extra)
	for _, code := range extra {
		addRule(rule{Code: code, Severity: authflow.SeverityWarning, Summary: "seqdoc finding " + code,
			Help: "The finding's message names the entries of the capture, the likely cause and the fix.", HelpURI: findingsPage + "#" + code})
	}

	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, c := range r.Captures {
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(c.Path)}}
		if c.Err != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "error", Message: sarifText{Text: c.ErrorLine()}, Locations: []sarifLocation{loc}})
			continue
		}
		for _, f := range c.Findings {
			line := max(f.Line, 1) // a finding about the whole capture: its first line
			l := loc
			l.PhysicalLocation.Region = &sarifRegion{StartLine: line, StartColumn: f.Col}
			run.Results = append(run.Results, sarifResult{RuleID: f.Code, RuleIndex: index[f.Code], Level: sarifLevel(f.Severity),
				Message: sarifText{Text: f.Message}, Locations: []sarifLocation{l}})
		}
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}
