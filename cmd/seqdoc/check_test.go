package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/har/check"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

func TestNewCheckCmdFlags(t *testing.T) {
	checkFlags(t, newCheckCmdWith, []flagCase[checkOptions]{
		{args: []string{"a.har"}, want: checkOptions{Captures: []string{"a.har"}, FailOn: authflow.SeverityError, Format: check.FormatText}},
		{args: []string{"a.har", "dir", "-", "--fail-on", "Warning", "--format", "sarif", "-o", "x.sarif"},
			want: checkOptions{Captures: []string{"a.har", "dir", "-"}, FailOn: authflow.SeverityWarning, Format: check.FormatSARIF, Output: "x.sarif"}},
		{args: []string{"a.har", "--fail-on", "never", "--format", "junit"}, want: checkOptions{Captures: []string{"a.har"}, Format: check.FormatJUnit}},
		{args: []string{"a.har", "--fail-on", "info", "--format", "json"}, want: checkOptions{Captures: []string{"a.har"}, FailOn: authflow.SeverityInfo, Format: check.FormatJSON}},
		{args: nil, wantErr: "requires at least 1 arg"},
		{args: []string{"a.har", "--fail-on", "fatal"}, wantErr: `--fail-on "fatal": use error, warning, info or never`},
		{args: []string{"a.har", "--format", "xml"}, wantErr: `--format "xml": use one of text, json, sarif, junit`},
		{args: []string{"a.har", "--nope"}, wantErr: "unknown flag"},
	})
	checkFlags(t, newBuildCmdWith, []flagCase[buildOptions]{
		{args: []string{"--fail-on", "warning"}, want: buildOptions{Out: "public", FailOn: authflow.SeverityWarning}},
		{args: []string{"--fail-on", "never"}, want: buildOptions{Out: "public"}},
		{args: []string{"--fail-on", "sometimes"}, wantErr: `--fail-on "sometimes"`},
	})
}

// The exit status of check and build --fail-on for each threshold and each
// severity: 1 at or above the threshold, 0 below it, 2 for wrong usage.
func TestFailOnExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	captures := map[string]hartest.Options{
		"clean": {}, "info": {WrongPassword: true}, "warning": {InsecureSession: true}, "error": {KeepALBSession: true},
	}
	for name, o := range captures {
		bundle := filepath.Join("sites", name, "content", "app")
		if err := os.MkdirAll(bundle, 0o777); err != nil {
			t.Fatal(err)
		}
		data := hartest.Bytes(o)
		os.WriteFile(name+".har", data, 0o666)
		os.WriteFile(filepath.Join(bundle, "capture.har"), data, 0o666)
		os.WriteFile(filepath.Join(bundle, "index.md"), []byte("---\ntitle: App\n---\n```seqdoc findings\n```\n"), 0o666)
		os.WriteFile(filepath.Join("sites", name, "content", "_index.md"), []byte("Home.\n"), 0o666)
	}
	// The code for each capture, by threshold (flags "" = the command's default).
	want := map[string]map[string]int{
		"":        {"clean": 0, "info": 0, "warning": 0, "error": 1},
		"error":   {"clean": 0, "info": 0, "warning": 0, "error": 1},
		"warning": {"clean": 0, "info": 0, "warning": 1, "error": 1},
		"info":    {"clean": 0, "info": 1, "warning": 1, "error": 1},
		"never":   {"clean": 0, "info": 0, "warning": 0, "error": 0},
	}
	for failOn, codes := range want {
		for name, code := range codes {
			args := []string{"check", name + ".har"}
			if failOn != "" {
				args = append(args, "--fail-on", failOn)
			}
			var out, errOut bytes.Buffer
			if got := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, args); got != code {
				t.Errorf("%q: exit %d, want %d\n%s%s", args, got, code, out.String(), errOut.String())
			}

			// build: the default is never.
			buildCode := code
			if failOn == "" {
				buildCode = 0
			}
			site := filepath.Join("sites", name)
			args = []string{"build", "--src", filepath.Join(site, "content"), "--out", filepath.Join(site, "public-"+failOn)}
			if failOn != "" {
				args = append(args, "--fail-on", failOn)
			}
			out.Reset()
			errOut.Reset()
			got := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, args)
			if got != buildCode {
				t.Errorf("%q: exit %d, want %d\n%s%s", args, got, buildCode, out.String(), errOut.String())
			}
			_, err := os.Stat(filepath.Join(site, "public-"+failOn, "index.html"))
			if written := err == nil; written != (buildCode == 0) {
				t.Errorf("%q: site written %v with exit %d", args, written, got)
			}
			if buildCode == 1 && !strings.Contains(errOut.String(), filepath.Join(site, "content", "app", "capture.har")+":") {
				t.Errorf("%q: the finding is not listed at the capture:\n%s", args, errOut.String())
			}
		}
	}
	for _, args := range [][]string{{"check"}, {"check", "x.har", "--fail-on", "panic"}, {"check", "-", "-"}, {"build", "--fail-on", "x"}} {
		var errOut bytes.Buffer
		if got := run(&Streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &errOut}, args); got != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, got, errOut.String())
		}
	}
}

func TestNewDiffCmdFlags(t *testing.T) {
	checkFlags(t, newDiffCmdWith, []flagCase[diffOptions]{
		{args: []string{"a.har", "b.har"}, want: diffOptions{Old: "a.har", New: "b.har"}},
		{args: []string{"a.har", "-", "--json", "--exit-code"}, want: diffOptions{Old: "a.har", New: "-", JSON: true, ExitCode: true}},
		{args: []string{"a.har"}, wantErr: "accepts 2 arg"},
		{args: []string{"a.har", "b.har", "c.har"}, wantErr: "accepts 2 arg"},
		{args: []string{"", "b.har"}, wantErr: "a capture path is empty"},
		{args: []string{"-", "-"}, wantErr: "only one of the captures can be -"},
		{args: []string{"a.har", "b.har", "--nope"}, wantErr: "unknown flag"},
	})
}
