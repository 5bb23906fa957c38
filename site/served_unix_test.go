//go:build unix

package site

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/umask"
)

// TestPublishedSiteServedAsAnotherUser publishes the built-in cookbook as a
// user with umask 022 would, then serves the output folder with a static
// file server running as nobody (as nginx runs as www-data): every page must
// answer 200 with its bytes. A site whose folder was created 0700 answered
// 403 to every request.
func TestPublishedSiteServedAsAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("serving as another user needs root (CI runs as root); TestScript/umask_modes checks the modes themselves")
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Skipf("no user nobody to serve as: %v", err)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)

	umask.Set(t, 0o022)
	// The test's own folders must be open to nobody (t.TempDir is 0700).
	root, err := os.MkdirTemp("", "seqdoc-www-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := NewBuilder(Options{Content: content.FS()}).Build(context.Background())
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("build: %v %v", err, res.Errors)
	}
	out := filepath.Join(root, "www", "public")
	if err := Publish(res.Files, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}

	// The server is this test binary, copied where nobody may run it.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, "static-server")
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SEQDOC_STATIC_SERVER="+out)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the static server did not start: %v", err)
	}
	base := "http://" + strings.TrimSpace(strings.TrimPrefix(line, "listening on "))

	get := func(p string) (int, []byte) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, body
	}
	if code, body := get("/"); code != http.StatusOK || string(body) != string(res.Files["index.html"]) {
		t.Fatalf("GET / as %s: %d %.80q, want 200 and the home page", nobody.Username, code, body)
	}
	bad := 0
	for _, name := range sortedKeys(res.Files) {
		code, body := get("/" + name)
		if code != http.StatusOK || string(body) != string(res.Files[name]) {
			bad++
			if bad <= 5 {
				t.Errorf("GET /%s as %s: %d, want 200 and its %d bytes", name, nobody.Username, code, len(res.Files[name]))
			}
		}
	}
	if bad > 5 {
		t.Errorf("… %d files in all answered otherwise", bad)
	}
}
