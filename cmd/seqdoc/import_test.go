package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewImportCmdFlags(t *testing.T) {
	checkFlags(t, newImportCmdWith, []flagCase[importOptions]{
		{args: []string{"c.har", "--to", "d"}, want: importOptions{Capture: "c.har", To: "d"}},
		{args: []string{"-", "--to", "d", "--keep-param", "username", "--keep-param", "lang"},
			want: importOptions{Capture: "-", To: "d", KeepParams: []string{"username", "lang"}}},
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
			for _, c := range l.Canaries {
				for _, form := range []string{c, url.QueryEscape(c), url.PathEscape(c), base64.StdEncoding.EncodeToString([]byte(c)), base64.RawURLEncoding.EncodeToString([]byte(c))} {
					if len(form) >= 6 && bytes.Contains(out, []byte(form)) {
						t.Errorf("%s: a canary (%.12s…) survives in %s", filepath.Base(capture), form, what)
					}
				}
			}
		}
	}
}
