package site

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func siblings(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name())
	}
	return ns
}

var oldSite = map[string][]byte{"index.html": []byte("old"), "a/index.html": []byte("old a")}

func TestPublishReplacesWholeFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(oldSite, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Publish(map[string][]byte{"index.html": []byte("new")}, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	if got["index.html"] != "new" || got["a/index.html"] != "" || len(got) != 2 {
		t.Errorf("after the second publish: %v (want only index.html=new and the marker)", got)
	}
	if s := siblings(t, out); len(s) != 1 {
		t.Errorf("publish left folders beside the output: %v", s)
	}
}

func TestPublishFailureKeepsOldOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(oldSite, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	boom := errors.New("injected failure")
	err := Publish(map[string][]byte{"index.html": []byte("new")}, out, PublishOptions{beforeSwap: func(string) error { return boom }})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	if after := readTree(t, out); after["index.html"] != before["index.html"] || len(after) != len(before) {
		t.Errorf("a failed publish changed the output: %v", after)
	}
	if s := siblings(t, out); len(s) != 1 {
		t.Errorf("a failed publish left folders beside the output: %v", s)
	}
}

// TestPublishKilledMidWrite kills a process while it publishes (every new
// file written, the swap not done): the old output must be intact, and the
// next publish must clean up the killed one's temporary folder.
func TestPublishKilledMidWrite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(oldSite, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "SEQDOC_PUBLISH_HELPER=mid", "SEQDOC_PUBLISH_OUT="+out, "SEQDOC_PUBLISH_READY="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("the helper never reached the swap")
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	got := readTree(t, out)
	if got["index.html"] != "old" || got["a/index.html"] != "old a" {
		t.Fatalf("a killed publish changed the output: %v", got)
	}
	stale := false
	for _, s := range siblings(t, out) {
		stale = stale || strings.HasPrefix(s, ".public.tmp-")
	}
	if !stale {
		t.Fatal("the helper left no temporary folder: it did not die mid-publish")
	}
	if err := Publish(map[string][]byte{"index.html": []byte("new")}, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	if s := siblings(t, out); len(s) != 1 {
		t.Errorf("the next publish did not clean up: %v", s)
	}
}

// publishMidHelper is the process TestPublishKilledMidWrite kills (run by
// TestMain): it publishes to out and waits before the swap.
func publishMidHelper(out, ready string) {
	files := map[string][]byte{}
	for i := 0; i < 200; i++ {
		files[filepath.ToSlash(filepath.Join("p", string(rune('a'+i%26)), "index.html"))+"."+string(rune('a'+i/26))] = []byte("new")
	}
	files["index.html"] = []byte("new")
	_ = Publish(files, out, PublishOptions{beforeSwap: func(string) error {
		_ = os.WriteFile(ready, nil, 0o644)
		time.Sleep(time.Minute)
		return nil
	}})
}

func TestPublishRestoresOutputMovedAside(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Publish(oldSite, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	// A kill between "move the old output aside" and "move the new one in".
	if err := os.Rename(out, filepath.Join(dir, ".public.old-123")); err != nil {
		t.Fatal(err)
	}
	if _, err := checkOutput(out, ""); err != nil {
		t.Fatal(err)
	}
	removeStale(dir, "public", out)
	if got := readTree(t, out); got["index.html"] != "old" {
		t.Errorf("the old output was not put back: %v", got)
	}
}

func TestPublishRefusesDangerousFolders(t *testing.T) {
	dir := t.TempDir()
	home, _ := os.UserHomeDir()
	content := filepath.Join(dir, "site", "content")
	foreign := filepath.Join(dir, "mine")
	_ = os.MkdirAll(content, 0o755)
	_ = os.MkdirAll(foreign, 0o755)
	_ = os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("keep"), 0o644)
	for _, c := range []struct{ desc, out, content, want string }{
		{"root", "/", "", "file system's root"},
		{"home", home, "", "home folder"},
		{"the content folder", content, content, "content folder"},
		{"a parent of the content folder", filepath.Join(dir, "site"), content, "content folder"},
		{"inside the content folder", filepath.Join(content, "public"), content, "content folder"},
		{"a folder seqdoc did not write", foreign, "", "not written by seqdoc"},
	} {
		err := Publish(oldSite, c.out, PublishOptions{ContentDir: c.content})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one saying %q", c.desc, err, c.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(b) != "keep" {
		t.Error("a refused publish touched the folder")
	}
}

// TestPublishKilledAtAnyPoint kills a publishing process after a varying
// delay: whenever it dies, the output is either the whole old site or the
// whole new one, never a mix or nothing.
func TestPublishKilledAtAnyPoint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Publish(oldSite, out, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, delay := range []time.Duration{0, 2 * time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 150 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond, 500 * time.Millisecond, time.Second} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "SEQDOC_PUBLISH_HELPER=many", "SEQDOC_PUBLISH_OUT="+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		removeStale(filepath.Dir(out), "public", out) // what the next publish does first
		got := readTree(t, out)
		switch {
		case got["index.html"] == "old" && len(got) == 3:
			t.Logf("killed after %s: the old site", delay)
		case got["index.html"] == "new" && len(got) == manyFiles+1:
			t.Logf("killed after %s: the new site", delay)
			// Back to the old site for the next round.
			if err := Publish(oldSite, out, PublishOptions{}); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("killed after %s: the output is neither the old nor the new site (%d files, index.html=%q)", delay, len(got), got["index.html"])
		}
	}
}

const manyFiles = 2000

// publishManyHelper is the process TestPublishKilledAtAnyPoint kills (run
// by TestMain).
func publishManyHelper(out string) {
	files := map[string][]byte{"index.html": []byte("new")}
	for i := 1; i < manyFiles; i++ {
		files[filepath.ToSlash(filepath.Join("p", strconv.Itoa(i%50), strconv.Itoa(i), "index.html"))] = []byte("new")
	}
	_ = Publish(files, out, PublishOptions{})
}
