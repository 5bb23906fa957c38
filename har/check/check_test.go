package check

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

// The captures of the tests: one per severity, one with three findings.
var (
	clean   = hartest.Options{}
	info    = hartest.Options{WrongPassword: true}                                              // login-failed
	warning = hartest.Options{InsecureSession: true}                                            // cookie-attributes
	errorO  = hartest.Options{KeepALBSession: true}                                             // logout-keeps-alb-session
	three   = hartest.Options{KeepALBSession: true, InsecureSession: true, WrongPassword: true} // one of each
)

// write writes files (path -> options) below dir.
func write(t testing.TB, dir string, files map[string]hartest.Options) {
	t.Helper()
	for name, o := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, hartest.Bytes(o), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func run(t *testing.T, args []string, opts Options) *Report {
	t.Helper()
	rep, err := Run(context.Background(), args, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func output(t *testing.T, rep *Report, f Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rep.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// SARIF from a capture with three findings (and one that cannot be read)
// validates against the published SARIF 2.1.0 schema, and says what GitHub
// code scanning needs: a rule per code with help text and a help URI, each
// result on its rule with the capture's path and line.
func TestSARIFValidates(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, ".", map[string]hartest.Options{"captures/three findings.har": three})
	os.WriteFile("captures/broken.har", []byte(`{"log": {"entries": [`), 0o666)
	rep := run(t, []string{"captures/three findings.har", "captures/broken.har"}, Options{FailOn: authflow.SeverityError, ToolVersion: "v1.2.3"})
	out := output(t, rep, FormatSARIF)

	c := jsonschema.NewCompiler()
	schemaFile, err := filepath.Abs(filepath.Join(testdata, "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the SARIF does not validate: %v\n%s", err, out)
	}
	// The schema is not a formality: a result without a message fails it.
	bad := bytes.Replace(out, []byte(`"message": {`), []byte(`"massage": {`), 1)
	if doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad)); schema.Validate(doc) == nil {
		t.Error("the schema accepted a result without a message")
	}

	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "seqdoc" || run.Tool.Driver.Version != "v1.2.3" {
		t.Errorf("driver %+v", run.Tool.Driver)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
		if r.Help.Text == "" || !strings.HasSuffix(r.HelpURI, "#"+r.ID) || r.ShortDescription.Text == "" {
			t.Errorf("rule %s: help %q, help URI %q", r.ID, r.Help.Text, r.HelpURI)
		}
	}
	if !slices.Equal(ids, authflow.Codes()) {
		t.Errorf("rules %v, want one per code: %v", ids, authflow.Codes())
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	text := string(output(t, rep, FormatText))
	levels := map[string]string{"error": "error", "warning": "warning", "note": "info"}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "captures/three%20findings.har" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("artifact %+v", loc.ArtifactLocation)
		}
		line := "captures/three findings.har:" + strconv.Itoa(loc.Region.StartLine) + ":" + strconv.Itoa(loc.Region.StartColumn) + ": " + levels[res.Level] + ": "
		if !strings.Contains(text, line) || !strings.Contains(text, "["+res.RuleID+"]") {
			t.Errorf("result %s at line %d (%s) is not in the text output:\n%s", res.RuleID, loc.Region.StartLine, res.Level, text)
		}
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		!strings.HasPrefix(inv.ToolExecutionNotifications[0].Message.Text, "captures/broken.har:") {
		t.Errorf("invocation %+v", inv)
	}
}

// testdata is this package's testdata folder, found before a test changes
// the working directory.
var testdata = func() string {
	p, _ := filepath.Abs("testdata")
	return p
}()

// JUnit: one test case per capture, a failure per finding at or above the
// threshold, the others in system-out, an error for an unreadable capture.
func TestJUnitParses(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, ".", map[string]hartest.Options{"a/three.har": three, "b/clean.har": clean})
	os.WriteFile("c.har", []byte("not json"), 0o666)
	for _, c := range []struct {
		failOn   authflow.Severity
		failures []int // per test case
	}{
		{authflow.SeverityError, []int{1, 0, 0}},
		{authflow.SeverityWarning, []int{2, 0, 0}},
		{authflow.SeverityInfo, []int{3, 0, 0}},
		{"", []int{0, 0, 0}},
	} {
		rep := run(t, []string{"a/three.har", "b", "c.har"}, Options{FailOn: c.failOn})
		out := output(t, rep, FormatJUnit)
		var doc struct {
			XMLName  xml.Name `xml:"testsuites"`
			Tests    int      `xml:"tests,attr"`
			Failures int      `xml:"failures,attr"`
			Errors   int      `xml:"errors,attr"`
			Suites   []struct {
				Name  string `xml:"name,attr"`
				Tests int    `xml:"tests,attr"`
				Cases []struct {
					Name     string `xml:"name,attr"`
					Class    string `xml:"classname,attr"`
					Failures []struct {
						Type    string `xml:"type,attr"`
						Message string `xml:"message,attr"`
						Text    string `xml:",chardata"`
					} `xml:"failure"`
					Error *struct {
						Message string `xml:"message,attr"`
					} `xml:"error"`
					Out string `xml:"system-out"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		dec := xml.NewDecoder(bytes.NewReader(out))
		dec.Strict = true
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("fail on %q: the JUnit does not parse: %v\n%s", c.failOn, err, out)
		}
		if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
			t.Error("no XML declaration")
		}
		if len(doc.Suites) != 1 || doc.Tests != 3 || doc.Suites[0].Tests != 3 || len(doc.Suites[0].Cases) != 3 || doc.Errors != 1 {
			t.Fatalf("fail on %q: %+v", c.failOn, doc)
		}
		cases := doc.Suites[0].Cases
		if cases[0].Name != "a/three.har" || cases[1].Name != "b/clean.har" || cases[2].Name != "c.har" || cases[0].Class == "" {
			t.Errorf("test cases %q %q %q", cases[0].Name, cases[1].Name, cases[2].Name)
		}
		failed := 0
		for i, tc := range cases {
			if len(tc.Failures) != c.failures[i] {
				t.Errorf("fail on %q: %s has %d failures, want %d", c.failOn, tc.Name, len(tc.Failures), c.failures[i])
			}
			if len(tc.Failures) > 0 {
				failed++
			}
			for _, f := range tc.Failures {
				if !strings.HasPrefix(f.Text, tc.Name+":") || !strings.HasSuffix(f.Text, "["+f.Type+"]") || f.Message == "" {
					t.Errorf("failure %+v", f)
				}
			}
		}
		if doc.Failures != failed {
			t.Errorf("failures=%d, want %d failed test cases", doc.Failures, failed)
		}
		if n := strings.Count(cases[0].Out, "\n") + 1; cases[0].Out != "" && n+c.failures[0] != 3 {
			t.Errorf("fail on %q: system-out has %d lines, want the %d findings below the threshold", c.failOn, n, 3-c.failures[0])
		}
		if cases[2].Error == nil || !strings.HasPrefix(cases[2].Error.Message, "c.har:1:1: ") {
			t.Errorf("the unreadable capture: %+v", cases[2].Error)
		}
	}
}

// Paths are printed as given (relative to the working directory), joined
// with what was found below a folder or matched by a pattern, and each line
// is PATH:LINE:COL: severity: message [code] with LINE where the entry starts.
func TestTextPathsAsGiven(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, ".", map[string]hartest.Options{
		"content/app/auth/capture.har": errorO, "content/app/other/x.har": warning, "content/.hidden/capture.har": errorO,
		"content/node_modules/y.har": errorO, "captures/one.har": info, "captures/deep/two.har.gz": info,
	})
	gz := hartest.Bytes(info) // .har.gz: gzip-compressed, told by its first bytes
	var b bytes.Buffer
	gzipTo(t, &b, gz)
	os.WriteFile("captures/deep/two.har.gz", b.Bytes(), 0o666)

	rep := run(t, []string{"./captures/one.har", "content/", "captures/**/*.gz", filepath.Join(dir, "captures", "one.har"), "captures/one.har"}, Options{FailOn: authflow.SeverityError})
	var paths []string
	for _, c := range rep.Captures {
		if c.Err != nil {
			t.Errorf("%s: %v", c.Path, c.Err)
		}
		paths = append(paths, c.Path)
	}
	want := []string{"./captures/one.har", "content/app/auth/capture.har", "content/app/other/x.har", "captures/deep/two.har.gz", filepath.Join(dir, "captures", "one.har")}
	if !slices.Equal(paths, want) {
		t.Errorf("captures %q, want %q", paths, want)
	}
	text := string(output(t, rep, FormatText))
	line := regexp.MustCompile(`^(\S[^:]*):(\d+):(\d+): (error|warning|info): .+ \[[a-z0-9-]+\]$`)
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %q is not PATH:LINE:COL: severity: message [code]", l)
			continue
		}
		got = append(got, m[1]+" "+m[4])
		// LINE is where the entry starts: its line holds the entry's opening brace.
		data, _ := os.ReadFile(m[1])
		if strings.HasSuffix(m[1], ".gz") {
			data = gz
		}
		n, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if ls := strings.Split(string(data), "\n"); n < 1 || n > len(ls) || col < 1 || col > len(ls[n-1]) || ls[n-1][col-1:] != "{" {
			t.Errorf("%s: line %d does not start an entry", l, n)
		}
	}
	wantLines := []string{"./captures/one.har info", "content/app/auth/capture.har error", "content/app/other/x.har warning",
		"captures/deep/two.har.gz info", filepath.Join(dir, "captures", "one.har") + " info"}
	if !slices.Equal(got, wantLines) {
		t.Errorf("lines for %q, want %q", got, wantLines)
	}
}

// Exit status by threshold: the report fails when a finding is at or above
// FailOn, or when a capture cannot be read.
func TestFailOn(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, ".", map[string]hartest.Options{"clean.har": clean, "info.har": info, "warning.har": warning, "error.har": errorO})
	for _, c := range []struct {
		capture string
		failOn  authflow.Severity
		fails   bool
	}{
		{"clean.har", authflow.SeverityInfo, false},
		{"info.har", "", false},
		{"info.har", authflow.SeverityInfo, true},
		{"info.har", authflow.SeverityWarning, false},
		{"info.har", authflow.SeverityError, false},
		{"warning.har", authflow.SeverityInfo, true},
		{"warning.har", authflow.SeverityWarning, true},
		{"warning.har", authflow.SeverityError, false},
		{"error.har", authflow.SeverityInfo, true},
		{"error.har", authflow.SeverityWarning, true},
		{"error.har", authflow.SeverityError, true},
		{"error.har", "", false},
		{"missing.har", "", true},
		{"no-such-folder/*.har", "", true},
	} {
		rep := run(t, []string{c.capture}, Options{FailOn: c.failOn})
		if rep.Failed() != c.fails {
			t.Errorf("%s --fail-on %q: failed %v, want %v (%s)", c.capture, c.failOn, rep.Failed(), c.fails, rep.Summary().String(c.failOn))
		}
	}
}

// Arguments that cannot name a capture are usage errors; a folder without
// captures and a pattern without matches are unreadable captures.
func TestExpand(t *testing.T) {
	t.Chdir(t.TempDir())
	os.MkdirAll("empty", 0o777)
	for _, args := range [][]string{{"-", "-"}, {""}, {"x/[.har"}} {
		_, err := Run(context.Background(), args, Options{})
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	rep := run(t, []string{"empty", "nothing*.har", "missing.har"}, Options{})
	var lines []string
	for _, c := range rep.Captures {
		lines = append(lines, c.ErrorLine())
	}
	want := []string{
		"empty: no capture (capture.har, *.har, *.har.gz) in this folder or below it",
		"nothing*.har: no file matches this pattern",
		"missing.har: no such file (name a capture, a folder or a glob pattern)",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Standard input.
	rep = run(t, []string{"-"}, Options{Stdin: bytes.NewReader(hartest.Bytes(warning)), FailOn: authflow.SeverityWarning})
	if text := string(output(t, rep, FormatText)); !strings.HasPrefix(text, "<stdin>:") || !rep.Failed() {
		t.Errorf("stdin: %q", text)
	}
}

// The report is in argument order whatever the number of workers, and the
// same bytes every time.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	files := map[string]hartest.Options{}
	for i := 0; i < 24; i++ {
		o := []hartest.Options{clean, info, warning, errorO, three}[i%5]
		o.Seed = int64(i)
		files["c/"+strconv.Itoa(i)+".har"] = o
	}
	write(t, ".", files)
	for _, f := range Formats {
		one := output(t, run(t, []string{"c"}, Options{FailOn: authflow.SeverityWarning, Workers: 1}), f)
		for _, w := range []int{2, 7} {
			if many := output(t, run(t, []string{"c"}, Options{FailOn: authflow.SeverityWarning, Workers: w}), f); !bytes.Equal(one, many) {
				t.Errorf("%s: %d workers gave other bytes than one", f, w)
			}
		}
	}
}
