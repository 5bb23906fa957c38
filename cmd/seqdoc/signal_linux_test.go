//go:build linux

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

	"golang.org/x/sys/unix"
)

// TestSignalStopsCommandWaitingOnStdin runs seqdoc (this test binary, as
// seqdocCommand) on a pipe that holds the start of a capture and then
// nothing more, as `cat login.har - | seqdoc inspect -` would, and sends it
// SIGINT (Ctrl-C) or SIGTERM once it has read what the pipe held. It must
// exit 1 at once with one line on stderr, print nothing and write nothing.
func TestSignalStopsCommandWaitingOnStdin(t *testing.T) {
	const head = `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
{"request":{"method":"GET","url":"https://app.example.com/?state=s3cret"},"response":{"status":200}},`
	for _, tc := range []struct {
		args []string
		sig  syscall.Signal
		want string
	}{
		{[]string{"inspect", "-"}, syscall.SIGTERM, "seqdoc: inspect interrupted (terminated signal received): nothing was written\n"},
		{[]string{"inspect", "-", "--json"}, syscall.SIGINT, "seqdoc: inspect interrupted (interrupt signal received): nothing was written\n"},
		{[]string{"import", "-", "--to", "page"}, syscall.SIGTERM, "seqdoc: import interrupted (terminated signal received): nothing was written\n"},
	} {
		t.Run(strings.Join(tc.args, " ")+" "+tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			defer w.Close()
			cmd := seqdocCommand(tc.args...)
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = r, &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if _, err := w.WriteString(head); err != nil {
				t.Fatal(err)
			}
			// seqdoc reads stdin only after it has set up its signal
			// handling: once the pipe is empty, the signal is its to handle.
			deadline := time.Now().Add(30 * time.Second)
			for n, _ := unix.IoctlGetInt(int(r.Fd()), unix.TIOCINQ); n > 0; n, _ = unix.IoctlGetInt(int(r.Fd()), unix.TIOCINQ) {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("seqdoc never read its standard input")
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("seqdoc %s still running 20 s after %v", strings.Join(tc.args, " "), tc.sig)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Errorf("exit: %v, want exit status 1", err)
			}
			if stderr.String() != tc.want {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout: %q", stdout.String())
			}
			if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}
