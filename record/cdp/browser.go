package cdp

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Browser is a running browser with its throw-away profile.
type Browser struct {
	*Session // the browser's own session (Target.*, Browser.* commands)

	cmd *exec.Cmd
	dir string
	// singleton is the folder Chromium made in the temporary directory for
	// its singleton socket, read when the browser came up: a browser
	// stopped by force may have removed the profile's link to it already.
	singleton string
	exited    chan struct{}
	exitErr   error
	stderr    *tail
	close     sync.Once
	closeE    error
	closing   chan struct{}
}

// Start runs the browser exe with args, a new profile folder in the
// temporary directory and the protocol on a pipe. The folder is removed by
// Close (and by Start itself when the browser does not come up).
func Start(ctx context.Context, exe string, args []string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "seqdoc-record-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, append(append([]string{}, args...),
		"--remote-debugging-pipe", "--user-data-dir="+dir, "about:blank")...)
	p, err := newPipes()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := p.give(cmd); err != nil {
		p.closeAll()
		os.RemoveAll(dir)
		return nil, err
	}
	sysProcAttr(cmd)
	t := &tail{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = nil, t
	b := &Browser{cmd: cmd, dir: dir, exited: make(chan struct{}), stderr: t, closing: make(chan struct{})}
	if err := startLocked(cmd, b); err != nil {
		p.closeAll()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("could not start %s: %v", exe, err)
	}
	p.closeChild()
	c := newConn(p.parentR, p.parentW)
	b.Session = c.root
	// The browser is up when it answers.
	vctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var v struct {
		Product string `json:"product"`
	}
	if err := b.Call(vctx, "Browser.getVersion", nil, &v); err != nil {
		msg := strings.TrimSpace(t.String())
		b.Close()
		if msg != "" {
			return nil, fmt.Errorf("the browser %s did not start: %v: %s", exe, err, lastLines(msg, 3))
		}
		return nil, fmt.Errorf("the browser %s did not start: %v", exe, err)
	}
	b.singleton = singletonDir(dir)
	return b, nil
}

// Dir is the profile folder (gone after Close).
func (b *Browser) Dir() string { return b.dir }

// Exited is closed when the browser process has exited.
func (b *Browser) Exited() <-chan struct{} { return b.exited }

// Crashed reports whether the browser exited without being asked to.
func (b *Browser) Crashed() bool {
	select {
	case <-b.exited:
	default:
		return false
	}
	select {
	case <-b.closing:
		return false
	default:
		return true
	}
}

// Version is the browser's product ("HeadlessChrome/120.0…").
func (b *Browser) Version(ctx context.Context) string {
	var v struct {
		Product string `json:"product"`
	}
	if b.Call(ctx, "Browser.getVersion", nil, &v) != nil {
		return ""
	}
	return v.Product
}

// NewPage opens a tab in a new browser context (its cookies, storage and
// cache in memory, thrown away with it) and attaches to it.
func (b *Browser) NewPage(ctx context.Context) (*Session, error) {
	var bc struct {
		ID string `json:"browserContextId"`
	}
	if err := b.Call(ctx, "Target.createBrowserContext", map[string]any{"disposeOnDetach": true}, &bc); err != nil {
		return nil, err
	}
	var t struct {
		ID string `json:"targetId"`
	}
	if err := b.Call(ctx, "Target.createTarget", map[string]any{"url": "about:blank", "browserContextId": bc.ID, "newWindow": true}, &t); err != nil {
		return nil, err
	}
	return b.Attach(ctx, t.ID)
}

// Attach attaches to a target and returns its session.
func (b *Browser) Attach(ctx context.Context, targetID string) (*Session, error) {
	var a struct {
		SessionID string `json:"sessionId"`
	}
	// The session is known before its first event: register it under the
	// lock that the reader takes, as soon as the id is back.
	if err := b.Call(ctx, "Target.attachToTarget", map[string]any{"targetId": targetID, "flatten": true}, &a); err != nil {
		return nil, err
	}
	s := newSession(b.c, a.SessionID, targetID)
	b.c.mu.Lock()
	b.c.sessions[a.SessionID] = s
	b.c.mu.Unlock()
	return s, nil
}

// Targets lists the page targets (id, browser context).
func (b *Browser) Targets(ctx context.Context) ([]TargetInfo, error) {
	var r struct {
		Infos []TargetInfo `json:"targetInfos"`
	}
	err := b.Call(ctx, "Target.getTargets", nil, &r)
	return r.Infos, err
}

// TargetInfo describes a target.
type TargetInfo struct {
	ID               string `json:"targetId"`
	Type             string `json:"type"`
	URL              string `json:"url"`
	BrowserContextID string `json:"browserContextId"`
}

// Close stops the browser (politely, then by force after a few seconds),
// kills what is left of it, and removes its profile folder. It is safe to
// call more than once; it returns the error of removing the folder.
func (b *Browser) Close() error {
	b.close.Do(func() {
		close(b.closing)
		if b.Session != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			b.Call(ctx, "Browser.close", nil, nil)
			cancel()
		}
		select {
		case <-b.exited:
		case <-time.After(3 * time.Second):
			if b.cmd.Process != nil {
				b.cmd.Process.Kill()
			}
			<-b.exited
		}
		killLeftovers(b.dir)
		if b.singleton == "" {
			b.singleton = singletonDir(b.dir)
		}
		if b.singleton != "" {
			os.RemoveAll(b.singleton)
		}
		b.closeE = removeAll(b.dir)
	})
	return b.closeE
}

// singletonDir is the folder that Chromium makes in the temporary
// directory for its singleton socket (the profile's SingletonSocket links
// to it), or "". A browser that exits normally removes it itself; one that
// crashed, or was killed during its shutdown, does not.
func singletonDir(profile string) string {
	target, err := os.Readlink(filepath.Join(profile, "SingletonSocket"))
	if err != nil {
		return ""
	}
	dir := filepath.Dir(target)
	if base := filepath.Base(dir); strings.HasPrefix(strings.TrimPrefix(base, "."), "org.chromium.Chromium.") {
		return dir
	}
	return ""
}

// removeAll removes dir, trying again for a while: a process that was
// killed a moment ago can still be writing into it.
func removeAll(dir string) error {
	var err error
	for i := 0; i < 50; i++ {
		if err = os.RemoveAll(dir); err == nil {
			if _, serr := os.Stat(dir); errors.Is(serr, os.ErrNotExist) {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err == nil {
		err = fmt.Errorf("the profile folder %s came back after removal", dir)
	}
	return err
}

// tail keeps the last bytes written to it (the browser's stderr).
type tail struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " / ")
}
