package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/canary"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

func TestNewImportCmdFlags(t *testing.T) {
	checkFlags(t, newImportCmdWith, []flagCase[importOptions]{
		{args: []string{"c.har", "--to", "d"}, want: importOptions{Capture: "c.har", To: "d"}},
		{args: []string{"-", "--to", "d", "--keep-param", "username", "--keep-param", "lang"},
			want: importOptions{Capture: "-", To: "d", KeepParams: []string{"username", "lang"}}},
		{args: []string{"c.har", "--to", "d", "--keep-path-segment", "Team*", "--keep-path-segment", "v[0-9]"},
			want: importOptions{Capture: "c.har", To: "d", KeepPaths: []string{"Team*", "v[0-9]"}}},
		{args: []string{"c.har", "--to", "d", "--keep-path-segment", "[a-"}, wantErr: `--keep-path-segment "[a-": syntax error in pattern`},
		{args: []string{"c.har"}, wantErr: "--to DIR is required"},
		{args: []string{"", "--to", "d"}, wantErr: "the capture path is empty"},
		{args: []string{"--to", "d"}, wantErr: "accepts 1 arg"},
		{args: []string{"a", "b", "--to", "d"}, wantErr: "accepts 1 arg"},
		{args: []string{"a", "--to", "d", "--nope"}, wantErr: "unknown flag"},
	})
}

// TestImportQuietWhenPiped: with every capture "large", a stderr that is not
// a terminal still gets no progress bar, and stdout only the summary.
func TestImportQuietWhenPiped(t *testing.T) {
	src := filepath.Join(t.TempDir(), "wrong-password.har")
	if err := os.WriteFile(src, hartest.Bytes(hartest.Options{WrongPassword: true}), 0o666); err != nil {
		t.Fatal(err)
	}
	defer func(old int64) { progressThreshold = old }(progressThreshold)
	progressThreshold = 0
	var out, errOut bytes.Buffer
	dir := t.TempDir()
	if code := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, []string{"import", src, "--to", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr is not a terminal, yet import wrote to it: %q", errOut.String())
	}
	if !strings.HasPrefix(out.String(), "imported "+src+": ") || strings.ContainsAny(out.String(), "\r\033") {
		t.Errorf("stdout: %q", out.String())
	}
}

// TestNoCanaryInAnythingWritten runs import and inspect (table and --json)
// on captures whose secrets are known and looks for each of them, exact,
// URL-encoded and base64-encoded, in everything they write: captures made
// by internal/hartest (every secret starts with "hartest-"), and, when
// ../shared is there, its labelled browser captures with their canaries.
func TestNoCanaryInAnythingWritten(t *testing.T) {
	type labelled struct {
		capture  string
		canaries []string
	}
	var captures []labelled
	secret := regexp.MustCompile(`hartest-[a-z]+-[A-Za-z0-9]+`)
	for i, o := range []hartest.Options{{}, {WrongPassword: true, Shards: 2}, {InsecureSession: true, KeepALBSession: true}} {
		p := filepath.Join(t.TempDir(), fmt.Sprintf("hartest-%d.har", i))
		data := hartest.Bytes(o)
		if err := os.WriteFile(p, data, 0o666); err != nil {
			t.Fatal(err)
		}
		var secrets []string
		for _, m := range secret.FindAllString(string(data), -1) {
			if !strings.HasPrefix(m, "hartest-client-") && !slices.Contains(secrets, m) { // the client_id is public
				secrets = append(secrets, m)
			}
		}
		if len(secrets) < 6 {
			t.Fatalf("only %d secrets in %s", len(secrets), p)
		}
		captures = append(captures, labelled{p, secrets})
	}
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "har-browser")
	labels, _ := filepath.Glob(filepath.Join(dir, "*.labels.json"))
	for _, lf := range labels {
		var l struct {
			Canaries []string `json:"canaries"`
		}
		data, _ := os.ReadFile(lf)
		if err := json.Unmarshal(data, &l); err != nil || len(l.Canaries) == 0 {
			t.Fatalf("%s: no canaries (%v)", lf, err)
		}
		captures = append(captures, labelled{strings.TrimSuffix(lf, ".labels.json") + ".har", l.Canaries})
	}
	for _, lc := range captures {
		capture := lc.capture
		outputs := map[string][]byte{}
		bundle := t.TempDir()
		for _, args := range [][]string{
			{"import", capture, "--to", bundle},
			{"inspect", capture},
			{"inspect", capture, "--json"},
		} {
			var out, errOut bytes.Buffer
			if code := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, args); code != 0 {
				t.Fatalf("%q: exit %d: %s", args, code, errOut.String())
			}
			outputs[strings.Join(args[:len(args)-1], " ")+" stdout"] = out.Bytes()
			outputs[strings.Join(args[:len(args)-1], " ")+" stderr"] = errOut.Bytes()
		}
		files, _ := filepath.Glob(filepath.Join(bundle, "*"))
		if len(files) < 2 {
			t.Fatalf("import wrote %v", files)
		}
		for _, f := range files {
			outputs[f], _ = os.ReadFile(f)
		}
		for what, out := range outputs {
			for _, f := range canary.Find(out, lc.canaries) {
				t.Errorf("%s: a canary survives in %s: %.60s", filepath.Base(capture), what, f)
			}
		}
	}
}

// TestNoPathSecretInAnythingWritten imports, inspects and builds a capture
// whose URL paths and cookie names carry secrets of every shape
// (har/testdata/hostile-paths.har): none of them is in anything seqdoc
// writes (the redacted capture, index.md, the page with its inline SVG
// diagrams, inspect's table and JSON, render's SVG, Mermaid and PlantUML,
// check's JSON and SARIF, diff's text and JSON, the messages), in any form;
// the page shows the routes with placeholders.
func TestNoPathSecretInAnythingWritten(t *testing.T) {
	capture := filepath.Join("..", "..", "har", "testdata", "hostile-paths.har")
	secrets, err := canary.Load(strings.TrimSuffix(capture, ".har") + ".secrets")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	content, public := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	bundle := filepath.Join(content, "app", "auth")
	outputs := map[string][]byte{}
	for _, args := range [][]string{
		{"import", capture, "--to", bundle},
		{"inspect", capture},
		{"inspect", capture, "--json"},
		{"render", capture, "-o", filepath.Join(dir, "flow.svg")},
		{"render", capture, "-o", filepath.Join(dir, "flow.mmd")},
		{"render", capture, "-o", filepath.Join(dir, "flow.puml")},
		{"check", capture, "--format", "json", "--fail-on", "never"},
		{"check", capture, "--format", "sarif", "--fail-on", "never"},
		{"diff", capture, capture},
		{"diff", capture, capture, "--json"},
		{"build", "--src", content, "--out", public},
	} {
		if args[0] == "build" {
			// The starter page, and the diagram with every request.
			f, err := os.OpenFile(filepath.Join(bundle, "index.md"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\n```seqdoc diagram\nall: true\n```\n")
			f.Close()
		}
		var out, errOut bytes.Buffer
		if code := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, args); code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errOut.String())
		}
		outputs[strings.Join(args, " ")+" (stdout)"] = out.Bytes()
		outputs[strings.Join(args, " ")+" (stderr)"] = errOut.Bytes()
	}
	files := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			outputs[p], _ = os.ReadFile(p)
			files++
		}
		return nil
	})
	if files < 5 {
		t.Fatalf("only %d files written", files)
	}
	for what, out := range outputs {
		for _, f := range canary.Find(out, secrets) {
			t.Errorf("a secret survives in %s: %.80s", what, f)
		}
	}
	page := string(outputs[filepath.Join(public, "app", "auth", "index.html")])
	for _, want := range []string{
		">GET /invite/{token-1}/accept<", // diagram labels
		">302 → /users/{email-1}/profile<",
		">GET /api/accounts/{id-1}/transactions/{id-2}<",                // the diagram with every request
		">GET app.example.com/api/accounts/{id-1}/transactions/{id-2}<", // the steps table
		"wordpress_logged_in_{token-N}",                                 // the glossary: the family
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	if sum := string(outputs["import "+capture+" --to "+bundle+" (stdout)"]); !strings.Contains(sum, "  paths: 19 values in 18 requests replaced by placeholders") {
		t.Errorf("the import summary does not count the path values:\n%s", sum)
	}
}

// TestImportSanitizedAgreesWithFindings: import's "sanitized" line and the
// sanitized-capture finding follow one rule, whichever way an exporter
// writes the cookies: headers and parsed arrays (Chrome), the arrays alone
// (Fiddler- and Charles-style: no Cookie or Set-Cookie header), the headers
// alone, or neither (Chrome's sanitized export).
func TestImportSanitizedAgreesWithFindings(t *testing.T) {
	log, entries, err := har.ReadFile(filepath.Join("..", "..", "har", "authflow", "testdata", "gen", "u1-sharded-session.har"), har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	isCookieHeader := func(h har.NameValue) bool {
		return strings.EqualFold(h.Name, "cookie") || strings.EqualFold(h.Name, "set-cookie")
	}
	variants := []struct {
		name          string
		headers, arrs bool
		sanitized     bool
	}{
		{"both", true, true, false},
		{"arrays only", false, true, false},
		{"headers only", true, false, false},
		{"neither", false, false, true},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			var b bytes.Buffer
			w := har.NewWriter(&b)
			arrays := 0
			for _, e := range entries {
				c := *e
				if !v.headers {
					c.Request.Headers = slices.DeleteFunc(slices.Clone(c.Request.Headers), isCookieHeader)
					c.Response.Headers = slices.DeleteFunc(slices.Clone(c.Response.Headers), isCookieHeader)
				}
				if v.arrs {
					if len(c.Request.Cookies) == 0 {
						for _, h := range e.Request.Headers {
							if strings.EqualFold(h.Name, "cookie") {
								for _, part := range strings.Split(h.Value, ";") {
									n, val, _ := strings.Cut(strings.TrimSpace(part), "=")
									c.Request.Cookies = append(c.Request.Cookies, har.Cookie{Name: n, Value: val})
								}
							}
						}
					}
					arrays += len(c.Request.Cookies) + len(c.Response.Cookies)
				} else {
					c.Request.Cookies, c.Response.Cookies = nil, nil
				}
				w.WriteEntry(log, &c)
			}
			if err := w.Close(log); err != nil {
				t.Fatal(err)
			}
			if v.arrs && arrays == 0 {
				t.Fatal("the variant has no cookie in its arrays: it proves nothing")
			}
			p := filepath.Join(t.TempDir(), "c.har")
			os.WriteFile(p, b.Bytes(), 0o644)
			var out, insp, errOut bytes.Buffer
			if code := run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, []string{"import", p, "--to", t.TempDir()}); code != 0 {
				t.Fatalf("import: exit %d: %s", code, errOut.String())
			}
			if code := run(&Streams{In: strings.NewReader(""), Out: &insp, Err: &errOut}, []string{"inspect", p, "--json"}); code != 0 {
				t.Fatalf("inspect: exit %d: %s", code, errOut.String())
			}
			summary := strings.Contains(out.String(), "sanitized: yes")
			finding := strings.Contains(insp.String(), `"code": "sanitized-capture"`)
			if summary != v.sanitized || finding != v.sanitized {
				t.Errorf("summary says sanitized %v, findings %v; want %v:\n%s", summary, finding, v.sanitized, out.String())
			}
		})
	}
}
