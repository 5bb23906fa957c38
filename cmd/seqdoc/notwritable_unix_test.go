//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/seqdoc/seqdoc/internal/hartest"
)

// TestNotWritableSaysWhatToDo: every command that writes, pointed at a
// folder the user may not write in, says which file or folder it could not
// write, which folder refused, and what to do; exit 1, nothing left behind.
// They printed the temporary name beside the target ("open
// ro/.x.svg.1846046690.tmp: permission denied") or a bare "mkdir ro/auth:
// permission denied". As root (CI), seqdoc runs as nobody, for whom the
// folder's mode counts.
func TestNotWritableSaysWhatToDo(t *testing.T) {
	root, err := os.MkdirTemp("", "seqdoc-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "ro"), 0o755); os.RemoveAll(root) })
	write := func(name string, data []byte) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("flow.mmd", []byte("sequenceDiagram\n  A->>B: hi\n"))
	write("cap.har", hartest.Bytes(hartest.Options{}))
	write("site/content/_index.md", []byte("Home.\n"))
	exe, err := os.ReadFile(must(os.Executable()))
	if err != nil {
		t.Fatal(err)
	}
	write("seqdoc", exe)
	for _, p := range []string{root, filepath.Join(root, "site"), filepath.Join(root, "site", "content"), filepath.Join(root, "seqdoc")} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, "ro"), 0o555); err != nil {
		t.Fatal(err)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		nobody, err := user.Lookup("nobody")
		if err != nil {
			t.Skipf("running as root and no user nobody to run seqdoc as: %v", err)
		}
		uid, _ := strconv.Atoi(nobody.Uid)
		gid, _ := strconv.Atoi(nobody.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}

	advice := "(make that folder writable, or choose another place)"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"render", "flow.mmd", "-o", "ro/x.svg"}, "cannot write ro/x.svg: no permission to write in ro " + advice},
		{[]string{"render", "flow.mmd", "-o", "ro/sub/x.svg"}, "cannot create ro/sub: no permission to write in ro " + advice},
		{[]string{"check", "cap.har", "--format", "sarif", "-o", "ro/x.sarif"}, "cannot write ro/x.sarif: no permission to write in ro " + advice},
		{[]string{"import", "cap.har", "--to", "ro"}, "cannot write ro/capture.har: no permission to write in ro " + advice},
		{[]string{"import", "cap.har", "--to", "ro/app/auth"}, "cannot create ro/app: no permission to write in ro " + advice},
		{[]string{"new", "ro"}, "cannot write ro/content: no permission to write in ro " + advice},
		{[]string{"new", "ro/site"}, "cannot create ro/site: no permission to write in ro " + advice},
		{[]string{"build", "--src", "site/content", "--out", "ro/public"},
			"cannot write the site to ro/public: no permission to write in ro (build writes the site beside the output folder, then swaps it in: make that folder writable, or choose another --out)"},
	} {
		cmd := exec.Command(filepath.Join(root, "seqdoc"), append([]string{"--"}, tc.args...)...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), seqdocEnv+"=1")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := cmd.ProcessState.ExitCode()
		if err == nil || code != 1 {
			t.Errorf("seqdoc %s: exit %d (%v), want 1", strings.Join(tc.args, " "), code, err)
		}
		if !strings.Contains(stderr.String(), tc.want) || strings.Contains(stderr.String(), ".tmp") {
			t.Errorf("seqdoc %s said\n%s\nwant a line with\n%s", strings.Join(tc.args, " "), stderr.String(), tc.want)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(root, "ro")); len(left) > 0 {
		t.Errorf("ro holds %v", left)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
