//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/standin"
)

// TestRecordInterrupted runs seqdoc record as its own process and sends it
// SIGINT halfway, once the sign-in went through (the browser holds the
// session cookie, tokens went over the back channel): it exits 1, writes
// nothing, and leaves no secret of the run in any file under the output
// or $TMPDIR, no profile folder and no browser process.
func TestRecordInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	exe := browsertest.Chromium(t)
	sc, _ := standin.ScenarioNamed("happy")
	sc.Steps += "- sleep: 60s\n" // the rest of the session never comes
	s, err := standin.Start(sc.Options)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := &recordRun{s: s, tmp: t.TempDir(), dir: filepath.Join(t.TempDir(), "content", "auth")}
	steps := filepath.Join(t.TempDir(), "steps.yaml")
	os.WriteFile(steps, []byte(sc.Steps), 0o644)

	// The test binary is seqdoc when called by that name (TestMain).
	bin := filepath.Join(t.TempDir(), "seqdoc")
	if err := os.Symlink(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	args := []string{"record", s.AppURL(), "--to", r.dir, "--headless", "--browser", exe, "--steps", steps}
	for _, f := range s.BrowserFlags() {
		args = append(args, "--browser-flag", f)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+r.tmp)
	for k, v := range standin.Env(s) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	signedIn := func() bool {
		for _, sv := range s.Served() {
			if sv.Kind == "logout" {
				return true
			}
		}
		return false
	}
	deadline := time.Now().Add(60 * time.Second)
	for !signedIn() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !signedIn() {
		cmd.Process.Kill()
		t.Fatalf("the recording never got to the sign-out\n%s", errOut.String())
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("seqdoc did not stop within 30 s of SIGINT")
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(errOut.String(), "interrupted") || !strings.Contains(errOut.String(), "nothing was written") {
		t.Errorf("after SIGINT: %v\n%s%s", err, out.String(), errOut.String())
	}
	if _, err := os.Stat(filepath.Dir(r.dir)); !os.IsNotExist(err) {
		t.Errorf("the page folder exists: %v", err)
	}
	r.noSecretLeft(t)
	// No browser process still runs with a profile in this $TMPDIR.
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte("--user-data-dir="+r.tmp)) {
			t.Errorf("a browser process is left: %s", strings.ReplaceAll(string(b[:min(len(b), 120)]), "\x00", " "))
		}
	}
}
