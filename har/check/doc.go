// Package check runs seqdoc's findings over many captures as a CI gate, the
// way linters do: it expands the arguments into captures (files, .har.gz,
// "-" for standard input, folders searched for capture.har, *.har and
// *.har.gz, glob patterns with **), reads, redacts and classifies each one
// (in parallel, the report in argument order), and writes the findings as
// text (PATH:LINE:COL: severity: message [code]), JSON, SARIF 2.1.0 (for GitHub
// code scanning) or JUnit XML (for test dashboards).
//
//	rep := check.Run(ctx, []string{"content/"}, check.Options{FailOn: authflow.SeverityError})
//	err := rep.Write(os.Stdout, check.FormatSARIF)
//	if rep.Failed() { … exit 1 … }
//
// A report fails when a capture could not be read or a finding is at or
// above Options.FailOn (error above warning above info; "" never fails on
// findings). Paths are kept as the user gave them, joined with what was
// found below a folder, so that editors and CI annotations can open them.
//
// Two seams keep the package in step with the rest of seqdoc: readFlow
// (read.go) is the one capture pipeline, and ruleTable (rules.go) the
// finding codes with their severity, help text and help link; new codes
// appear in every format without a change here.
package check
