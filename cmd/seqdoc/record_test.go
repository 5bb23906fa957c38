package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/canary"
	"github.com/seqdoc/seqdoc/internal/standin"
)

func TestNewRecordCmdFlags(t *testing.T) {
	u := "https://app.example.com/"
	checkFlags(t, newRecordCmdWith, []flagCase[recordOptions]{
		{args: []string{u, "--to", "d"}, want: recordOptions{URL: u, To: "d", StepTimeout: 30 * time.Second}},
		{args: []string{u, "--to", "d", "--headless", "--steps", "s.yaml", "--browser", "/opt/c", "--browser-flag", "--proxy-server=http://p:3128", "--browser-flag", "--lang=fr",
			"--keep-param", "username", "--step-timeout", "5s", "--timeout", "2m"},
			want: recordOptions{URL: u, To: "d", Headless: true, Steps: "s.yaml", Browser: "/opt/c", BrowserFlags: []string{"--proxy-server=http://p:3128", "--lang=fr"},
				KeepParams: []string{"username"}, StepTimeout: 5 * time.Second, Timeout: 2 * time.Minute}},
		{args: []string{u, "--to", "d", "--headless", "--login", "cognito", "--user", "alice", "--password-env", "PW"},
			want: recordOptions{URL: u, To: "d", Headless: true, Login: "cognito", User: "alice", PasswordEnv: "PW", StepTimeout: 30 * time.Second}},
		{args: []string{u, "--to", "d", "--until", "*/logged-out*"}, want: recordOptions{URL: u, To: "d", Until: "*/logged-out*", StepTimeout: 30 * time.Second}},
		{args: []string{u, "--to", "d", "--name", "wrong-password"}, want: recordOptions{URL: u, To: "d", Name: "wrong-password", StepTimeout: 30 * time.Second}},
		{args: []string{u, "--to", "d", "--name", "../x"}, wantErr: `--name: "../x" has a folder in it`},
		{args: []string{u}, wantErr: "--to DIR is required"},
		{args: []string{"app.example.com", "--to", "d"}, wantErr: "must start with https://"},
		{args: []string{u, "--to", "d", "--headless"}, wantErr: "--headless needs --steps FILE or --login cognito"},
		{args: []string{u, "--to", "d", "--login", "okta", "--user", "a", "--password-env", "P"}, wantErr: "the built-in sign-in knows cognito"},
		{args: []string{u, "--to", "d", "--login", "cognito"}, wantErr: "needs --user NAME and --password-env VAR"},
		{args: []string{u, "--to", "d", "--user", "alice"}, wantErr: "go with --login cognito"},
		{args: []string{u, "--to", "d", "--headless", "--steps", "s", "--until", "x"}, wantErr: "--until is for a recording with a person"},
		{args: []string{u, "--to", "d", "--password", "x"}, wantErr: "unknown flag: --password"},
		{args: []string{u, "--to", "d", "--keep-path-segment", "[a-"}, wantErr: "syntax error in pattern"},
	})
}

// recordRun runs seqdoc record in this process against a stand-in for sc,
// headless, with a fresh $TMPDIR, and returns the exit code, the output and
// the folders to look into.
type recordRun struct {
	code        int
	out, errOut string
	dir, tmp    string
	s           *standin.StandIn
	steps       string
	extra       []string
}

func runRecordScenario(t *testing.T, sc standin.Scenario, extra ...string) *recordRun {
	t.Helper()
	exe := browsertest.Chromium(t)
	s := standin.StartTest(t, sc.Options)
	r := &recordRun{s: s, tmp: t.TempDir(), dir: filepath.Join(t.TempDir(), "content", "auth")}
	t.Setenv("TMPDIR", r.tmp)
	for k, v := range standin.Env(s) {
		t.Setenv(k, v)
	}
	r.steps = filepath.Join(t.TempDir(), "steps.yaml")
	if err := os.WriteFile(r.steps, []byte(sc.Steps), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"record", s.AppURL(), "--to", r.dir, "--headless", "--browser", exe, "--steps", r.steps}
	if sc.Login {
		args = append(args, "--login", "cognito", "--user", s.User(), "--password-env", "STANDIN_PASSWORD")
	}
	for _, f := range s.BrowserFlags() {
		args = append(args, "--browser-flag", f)
	}
	args = append(args, extra...)
	var out, errOut bytes.Buffer
	r.code = run(&Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, args)
	r.out, r.errOut = out.String(), errOut.String()
	return r
}

// noSecretLeft looks for every secret of the run in every file under the
// output and the temporary folder, and checks that the browser's profile
// folder is gone.
func (r *recordRun) noSecretLeft(t *testing.T) {
	t.Helper()
	secrets := r.s.Canaries()
	for _, root := range []string{filepath.Dir(filepath.Dir(r.dir)), r.tmp} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, f := range canary.Find(data, secrets) {
				t.Errorf("%s holds a secret of the run: %.60s", path, f)
			}
			return nil
		})
	}
	if left, _ := os.ReadDir(r.tmp); len(left) != 0 {
		t.Errorf("left in $TMPDIR: %v", left)
	}
}

// TestRecordEndToEnd: sign-in, app, sign-out; and a wrong password first.
// The bundle's capture is classified right on every entry (the stand-in's
// truth), with the right findings; each redirect hop has its own Location
// and Set-Cookie; no secret of the run is in any file under the output or
// $TMPDIR, and the profile folder is gone.
func TestRecordEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	for _, name := range []string{"happy", "wrong-password"} {
		t.Run(name, func(t *testing.T) {
			sc, _ := standin.ScenarioNamed(name)
			file, extra := "capture.har", []string(nil)
			if name == "wrong-password" { // a second capture of a page: --name
				file, extra = "wrong-password.har", []string{"--name", "wrong-password"}
			}
			r := runRecordScenario(t, sc, extra...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.out, r.errOut)
			}
			capture := filepath.Join(r.dir, file)
			if !strings.HasPrefix(r.out, "recorded "+capture+": ") || !strings.Contains(r.out, "wrote "+filepath.Join(r.dir, "index.md")) ||
				!strings.Contains(r.out, "AWS steps: 1-3,8,9,11 in the capture, 4-7,10 implied") {
				t.Errorf("summary:\n%s", r.out)
			}
			log, entries, err := har.ReadFile(capture, har.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			labels := r.s.Labels(sc, entries)
			if labels.Unmatched != 0 || len(labels.ServedButNotInHAR) != 0 {
				t.Errorf("%d entries not served, %d served but not recorded", labels.Unmatched, len(labels.ServedButNotInHAR))
			}
			for _, m := range labels.HopMismatches(entries) {
				t.Error(m)
			}
			for _, m := range labels.Mismatches(authflow.Classify(log, entries)) {
				t.Error(m)
			}
			r.noSecretLeft(t)
		})
	}
}

// TestRecordStepFails: a step that fails (a page that cannot open) or
// times out (an element that never comes) ends the recording with exit 1,
// naming the step; nothing is written, nothing is left behind.
func TestRecordStepFails(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	for _, tc := range []struct{ steps, want string }{
		{"- goto: https://app.example.com/\n- goto: https://nowhere.invalid/\n",
			"step 2 (line 2), goto https://nowhere.invalid/: the browser could not open https://nowhere.invalid/: net::ERR_NAME_NOT_RESOLVED"},
		{"- goto: https://app.example.com/\n- wait: \"#no-such-thing\"\n",
			`step 2 (line 2), wait #no-such-thing: not done after 15s (--step-timeout)`},
	} {
		sc, _ := standin.ScenarioNamed("happy")
		sc.Steps = tc.steps
		r := runRecordScenario(t, sc, "--step-timeout", "15s")
		if r.code != 1 || !strings.Contains(r.errOut, tc.want) || !strings.Contains(r.errOut, "nothing was written") {
			t.Errorf("exit %d: %s\nwant %s", r.code, r.errOut, tc.want)
		}
		if _, err := os.Stat(filepath.Dir(r.dir)); !os.IsNotExist(err) {
			t.Errorf("the page folder was created: %v", err)
		}
		r.noSecretLeft(t)
	}
}

// TestRecordBadStepsNoBrowser: a steps file that names a variable that is
// not set is refused before any browser starts, at its line and column.
func TestRecordBadStepsNoBrowser(t *testing.T) {
	dir := t.TempDir()
	steps := filepath.Join(dir, "login.yaml")
	os.WriteFile(steps, []byte("- goto: https://app.example.com/\n- fill: {selector: \"#p\", value: \"${SEQDOC_TEST_NOT_SET}\"}\n"), 0o644)
	var out, errOut bytes.Buffer
	code := run(&Streams{Out: &out, Err: &errOut}, []string{"record", "https://app.example.com/", "--to", filepath.Join(dir, "out"), "--headless",
		"--steps", steps, "--browser", "/nonexistent/chromium"})
	if code != 1 || !strings.Contains(errOut.String(), steps+":2:33: ${SEQDOC_TEST_NOT_SET} is not set") {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
	errOut.Reset()
	os.WriteFile(steps, []byte("- goto: https://app.example.com/\n"), 0o644)
	code = run(&Streams{Out: &out, Err: &errOut}, []string{"record", "https://app.example.com/", "--to", filepath.Join(dir, "out"), "--headless",
		"--steps", steps, "--browser", "/nonexistent/chromium"})
	if code != 1 || !strings.Contains(errOut.String(), "--browser /nonexistent/chromium") {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}

var updateCaptures = flag.Bool("update-captures", false, "record the stand-in's scenarios again with seqdoc record into internal/standin/testdata/captures")

// TestRecordCaptures (with -update-captures) records every scenario of the
// stand-in with seqdoc record, headless, and keeps the redacted capture and
// its labels (without the run's secrets, which it checks are absent) in
// internal/standin/testdata/captures/NAME/: the captures that the
// project's own tests read, in a plain clone.
func TestRecordCaptures(t *testing.T) {
	if !*updateCaptures {
		t.Skip("run with -update-captures to record the captures again")
	}
	root := filepath.Join("..", "..", "internal", "standin", "testdata", "captures")
	for _, sc := range standin.Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			r := runRecordScenario(t, sc)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.out, r.errOut)
			}
			capture, err := os.ReadFile(filepath.Join(r.dir, "capture.har"))
			if err != nil {
				t.Fatal(err)
			}
			log, entries, err := har.ReadFile(filepath.Join(r.dir, "capture.har"), har.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			labels := r.s.Labels(sc, entries)
			labels.HAR = "capture.har"
			for _, m := range append(labels.HopMismatches(entries), labels.Mismatches(authflow.Classify(log, entries))...) {
				t.Error(m)
			}
			lb, err := json.MarshalIndent(labels, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			for _, data := range [][]byte{capture, lb} {
				for _, f := range canary.Find(data, r.s.Canaries()) {
					t.Fatalf("a secret of the run would be committed: %.60s", f)
				}
			}
			dir := filepath.Join(root, sc.Name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "capture.har"), capture, 0o644)
			os.WriteFile(filepath.Join(dir, "labels.json"), append(lb, '\n'), 0o644)
		})
	}
}
