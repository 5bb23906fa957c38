package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/canary"
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
	src := filepath.Join("..", "..", "..", "shared", "fixtures", "har-browser", "b-wrong-password.har")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared fixtures not found: %v", err)
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
// on every labelled capture and looks for each of its canaries (the
// scenario's secrets), exact, URL-encoded and base64-encoded, in everything
// they write.
func TestNoCanaryInAnythingWritten(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "har-browser")
	labels, _ := filepath.Glob(filepath.Join(dir, "*.labels.json"))
	if len(labels) == 0 {
		t.Skipf("no labelled captures in %s (the shared fixtures sit beside the repository)", dir)
	}
	for _, lf := range labels {
		capture := strings.TrimSuffix(lf, ".labels.json") + ".har"
		var l struct {
			Canaries []string `json:"canaries"`
		}
		data, _ := os.ReadFile(lf)
		if err := json.Unmarshal(data, &l); err != nil || len(l.Canaries) == 0 {
			t.Fatalf("%s: no canaries (%v)", lf, err)
		}
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
			for _, f := range canary.Find(out, l.Canaries) {
				t.Errorf("%s: a canary survives in %s: %.60s", filepath.Base(capture), what, f)
			}
		}
	}
}

// TestNoPathSecretInAnythingWritten imports, inspects and builds a capture
// whose URL paths and cookie names carry secrets of every shape
// (har/testdata/hostile-paths.har): none of them is in anything seqdoc
// writes (the redacted capture, index.md, the page with its inline SVG
// diagrams, inspect's table and JSON, the messages), in any form; the page
// shows the routes with placeholders.
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
		"wordpress_logged_in_{token-3}",                                 // the glossary
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	if sum := string(outputs["import "+capture+" --to "+bundle+" (stdout)"]); !strings.Contains(sum, "  paths: 16 values in 15 requests replaced by placeholders") {
		t.Errorf("the import summary does not count the path values:\n%s", sum)
	}
}
