package cdp

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/internal/browsertest"
)

func start(t *testing.T) (*Browser, string) {
	t.Helper()
	exe := browsertest.Chromium(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	b, err := Start(context.Background(), exe, []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, tmp
}

// TestStartPageClose: a page in its own browser context answers commands
// and sends events; Close stops the browser and removes the profile.
func TestStartPageClose(t *testing.T) {
	b, tmp := start(t)
	if _, err := os.Stat(b.Dir()); err != nil {
		t.Fatalf("no profile folder: %v", err)
	}
	ctx := context.Background()
	p, err := b.NewPage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan string, 100)
	p.Listen(func(method string, _ json.RawMessage) {
		select {
		case events <- method:
		default:
		}
	})
	if err := p.Call(ctx, "Page.enable", nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CallAndWait(ctx, "Page.navigate", map[string]any{"url": "data:text/html,<title>x</title>"}, "Page.loadEventFired"); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Result struct {
			Value int `json:"value"`
		} `json:"result"`
	}
	if err := p.Call(ctx, "Runtime.evaluate", map[string]any{"expression": "6*7", "returnByValue": true}, &r); err != nil || r.Result.Value != 42 {
		t.Fatalf("evaluate: %v, %d", err, r.Result.Value)
	}
	var bad *Error
	if err := p.Call(ctx, "No.suchMethod", nil, nil); !errors.As(err, &bad) {
		t.Errorf("an unknown method: %v", err)
	}
	if len(events) == 0 {
		t.Error("no event from the page")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(b.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the profile folder is still there: %v", err)
	}
	if b.Crashed() {
		t.Error("a closed browser counts as crashed")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in $TMPDIR: %v", left)
	}
	if err := p.Call(ctx, "Runtime.evaluate", map[string]any{"expression": "1"}, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("a call after Close: %v", err)
	}
	select {
	case <-p.Detached():
	case <-time.After(time.Second):
		t.Error("the page is not detached after Close")
	}
}

// TestCrash: a browser that dies is seen as crashed, its page detached,
// and Close still removes the profile folder.
func TestCrash(t *testing.T) {
	b, tmp := start(t)
	p, err := b.NewPage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b.cmd.Process.Kill()
	select {
	case <-p.Detached():
	case <-time.After(10 * time.Second):
		t.Fatal("the page did not detach when the browser died")
	}
	<-b.Exited()
	if !b.Crashed() {
		t.Error("a killed browser is not seen as crashed")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(b.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the profile folder is still there: %v", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in $TMPDIR after a crash: %v", left)
	}
}

// TestStartFails: a program that is not a browser gives a clear error and
// leaves no folder.
func TestStartFails(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Start(ctx, "/bin/true", nil)
	if err == nil {
		t.Fatal("/bin/true started as a browser")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestForcedStopMidShutdown: a browser stopped by force in the middle of
// its shutdown (the profile's SingletonSocket link already removed, as
// Chromium's shutdown does first, then killed, as Close does when the
// browser takes too long) leaves nothing in $TMPDIR: Close removes the
// singleton socket folder it read when the browser came up.
func TestForcedStopMidShutdown(t *testing.T) {
	b, tmp := start(t)
	if b.singleton == "" {
		t.Fatal("no singleton socket folder read at start")
	}
	if err := os.Remove(filepath.Join(b.Dir(), "SingletonSocket")); err != nil {
		t.Fatal(err)
	}
	b.cmd.Process.Kill()
	<-b.Exited()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in $TMPDIR: %v", left)
	}
}
