// Package browsertest starts the headless Chromium that the browser tests
// drive through chromedp, and finds axe-core for the accessibility checks.
//
// Without Chromium a browser test skips with a message saying how to
// install it, except in CI (environment variable CI set), where it fails.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium returns the path of Chromium: $CHROMIUM if set, else Debian's
// /usr/bin/chromium or /usr/bin/chromium-browser. When none runs, the test
// skips, or fails if CI is set.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found and CI is set: install it (apt-get install -y chromium) or set CHROMIUM")
	}
	t.Skip("chromium not found (apt-get install -y chromium, or set CHROMIUM): skipping the browser test")
	return ""
}

// Allocator finds Chromium (see [Chromium]) and returns a chromedp
// allocator context that starts it with --headless --no-sandbox
// --disable-gpu --disable-background-networking and a fresh profile in a
// temporary folder, plus the extra options. The cancel function stops the
// browser; it is also registered with t.Cleanup, so calling it is needed
// only to stop the browser earlier.
func Allocator(t testing.TB, extra ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc) {
	t.Helper()
	exe := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	t.Cleanup(cancel)
	return actx, cancel
}

// Axe returns the source of axe-core (axe.min.js), the accessibility
// checker the browser tests inject into pages. It is an npm package pinned
// in testdata/npm (package.json and its lock file); install it with
//
//	npm ci --omit=dev --prefix internal/browsertest/testdata/npm
//
// (.ci/run does). When it is not installed the test skips, or fails if CI
// is set.
func Axe(t testing.TB) string {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(self), "testdata", "npm", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		msg := "axe-core not installed (npm ci --omit=dev --prefix internal/browsertest/testdata/npm): " + err.Error()
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// Wait evaluates the JavaScript condition expr in the page of ctx until it
// is true, and fails the test after 20 s. An evaluation that fails (the
// page is reloading) is tried again.
func Wait(t testing.TB, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ectx, cancel := context.WithTimeout(ctx, 10*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s still false after 20 s (last error: %v)", expr, last)
}
