package site

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/golden"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

const browserDir = "../../shared/fixtures/har-browser"

// importFile imports the capture at path ("-": stdin) into dir, as seqdoc
// import does.
func importFile(t *testing.T, ctx context.Context, path string, stdin io.Reader, dir string, opts capture.Options) (*Imported, error) {
	t.Helper()
	src, err := capture.Open(ctx, path, stdin)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return Import(ctx, src, dir, "", opts)
}

// fixture writes a capture made by internal/hartest (raw: its secrets all
// start with "hartest-") into a temporary folder and returns its path:
// "happy.har", "wrong-password.har", or "happy.sanitized.har" (exported
// without Cookie and Set-Cookie headers, as Chrome does by default).
func fixture(t *testing.T, name string) string {
	t.Helper()
	var data []byte
	switch name {
	case "happy.har":
		data = hartest.Bytes(hartest.Options{})
	case "wrong-password.har":
		data = hartest.Bytes(hartest.Options{WrongPassword: true})
	case "happy.sanitized.har":
		log, entries := hartest.Capture(hartest.Options{})
		for _, e := range entries {
			e.Request.Headers = slices.DeleteFunc(e.Request.Headers, func(h har.NameValue) bool { return strings.EqualFold(h.Name, "cookie") })
			e.Response.Headers = slices.DeleteFunc(e.Response.Headers, func(h har.NameValue) bool { return strings.EqualFold(h.Name, "set-cookie") })
			e.Request.Cookies, e.Response.Cookies = nil, nil
		}
		data = hartest.Write(log, entries)
	default:
		t.Fatalf("no fixture %s", name)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o666); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportWritesBundle(t *testing.T) {
	src := fixture(t, "happy.har")
	dir := filepath.Join(t.TempDir(), "bundle")
	im, err := importFile(t, context.Background(), src, nil, dir, capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := im.Capture
	if sum.Entries != 17 || !im.IndexWritten || sum.Flow.Sanitized || sum.AppHost != "app.example.com" {
		t.Errorf("summary: %+v", sum)
	}
	if sum.Flow == nil || len(sum.Flow.Entries) != 17 || sum.Flow.Entries[0].Kind != "auth-redirect" {
		t.Errorf("the capture was not classified: %+v", sum.Flow)
	}
	if strings.Join(sum.Hosts, " ") != "app.example.com app-auth.auth.eu-west-1.amazoncognito.com" {
		t.Errorf("hosts: %v", sum.Hosts)
	}
	for _, c := range []string{"AWSALBAuthNonce", "AWSELBAuthSessionCookie-0", "XSRF-TOKEN", "cognito"} {
		found := false
		for _, got := range sum.Cookies {
			found = found || got == c
		}
		if !found {
			t.Errorf("cookie %s not in %v", c, sum.Cookies)
		}
	}
	capture, err := os.ReadFile(filepath.Join(dir, "capture.har"))
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(capture) {
		t.Fatal("capture.har is not JSON")
	}
	_, entries, err := har.ReadFile(filepath.Join(dir, "capture.har"), har.ReadOptions{})
	if err != nil || len(entries) != 17 {
		t.Fatalf("reading capture.har back: %d entries, %v", len(entries), err)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "starter.golden.md"), index)
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestReimportChangesNothingAndKeepsIndex(t *testing.T) {
	src := fixture(t, "wrong-password.har")
	dir := t.TempDir()
	if _, err := importFile(t, context.Background(), src, nil, dir, capture.Options{}); err != nil {
		t.Fatal(err)
	}
	captureFile := filepath.Join(dir, "capture.har")
	first, _ := os.ReadFile(captureFile)
	prose := []byte("---\ntitle: mine\n---\n\nMy own words.\n")
	os.WriteFile(filepath.Join(dir, "index.md"), prose, 0o644)

	// The redacted capture imported again, from stdin, into the same folder.
	in, _ := os.Open(captureFile)
	defer in.Close()
	im, err := importFile(t, context.Background(), "-", in, dir, capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if im.IndexWritten {
		t.Error("index.md reported written although it existed")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.md")); !bytes.Equal(got, prose) {
		t.Errorf("index.md was changed:\n%s", got)
	}
	if again, _ := os.ReadFile(captureFile); !bytes.Equal(first, again) {
		t.Error("importing the redacted capture again changed it")
	}
}

func TestBrokenCaptureWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "b")
	src := filepath.Join(t.TempDir(), "broken.har")
	os.WriteFile(src, []byte(`{"log":{"entries":[{"request":{"url":"https://a/"}},{"request":`), 0o644)
	_, err := importFile(t, context.Background(), src, nil, dir, capture.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), src+":1:") {
		t.Fatalf("error %v, want one at %s:1:…", err, src)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("a failed import left the folder %s it created", dir)
	}
}

func TestSanitizedCapture(t *testing.T) {
	im, err := importFile(t, context.Background(), fixture(t, "happy.sanitized.har"), nil, t.TempDir(), capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !im.Capture.Flow.Sanitized || len(im.Capture.Cookies) != 0 {
		t.Errorf("sanitized %v, cookies %v", im.Capture.Flow.Sanitized, im.Capture.Cookies)
	}
}

// TestCanaries: no secret of any labelled capture reaches a file Import
// writes, in any form.
//
// The captures hartest makes (every secret starts with "hartest-"; the
// client_id, public, too), and
// the shared browser captures with their labelled canaries when ../shared
// is there.
func TestCanaries(t *testing.T) {
	for _, name := range []string{"happy.har", "wrong-password.har"} {
		dir := t.TempDir()
		if _, err := importFile(t, context.Background(), fixture(t, name), nil, dir, capture.Options{}); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if len(files) != 2 {
			t.Fatalf("%s: wrote %v", name, files)
		}
		for _, f := range files {
			// The client_id is public and kept; every other value is secret.
			if out, _ := os.ReadFile(f); bytes.Count(out, []byte("hartest-")) != bytes.Count(out, []byte("hartest-client-")) {
				t.Errorf("%s: a secret (hartest-…) survives in %s", name, filepath.Base(f))
			}
		}
	}
	labels, _ := filepath.Glob(filepath.Join(browserDir, "*.labels.json"))
	for _, lf := range labels {
		var l struct {
			Canaries []string `json:"canaries"`
		}
		data, _ := os.ReadFile(lf)
		if err := json.Unmarshal(data, &l); err != nil || len(l.Canaries) == 0 {
			t.Fatalf("%s: no canaries (%v)", lf, err)
		}
		dir := t.TempDir()
		if _, err := importFile(t, context.Background(), strings.TrimSuffix(lf, ".labels.json")+".har", nil, dir, capture.Options{}); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			out, _ := os.ReadFile(f)
			for _, c := range l.Canaries {
				for _, form := range []string{c, url.QueryEscape(c), url.PathEscape(c), base64.StdEncoding.EncodeToString([]byte(c)), base64.RawURLEncoding.EncodeToString([]byte(c))} {
					if bytes.Contains(out, []byte(form)) {
						t.Errorf("%s: canary %.30q survives in %s", filepath.Base(lf), form, filepath.Base(f))
					}
				}
			}
		}
	}
}

func TestInterruptedImportWritesNothing(t *testing.T) {
	src := fixture(t, "happy.har")
	dir := filepath.Join(t.TempDir(), "bundle")
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := importFile(t, ctx, src, nil, dir, capture.Options{Progress: func(int64) {
		if n++; n == 3 {
			cancel()
		}
	}})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("an interrupted import left %s", dir)
	}
}

// TestImportNamedAndReplaced: a second capture goes beside the first
// under its own name (the page names it), and a capture imported again
// says what it replaced.
func TestImportNamedAndReplaced(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "auth")
	standin := func(s string) string { return filepath.Join(standinCaptures, s, "capture.har") }
	imp := func(scenario, file string) *Imported {
		t.Helper()
		src, err := capture.Open(ctx, standin(scenario), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		im, err := Import(ctx, src, dir, file, capture.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return im
	}
	first := imp("happy", "")
	if first.Replaced != nil || !first.IndexWritten || !first.IndexShows || filepath.Base(first.CapturePath) != "capture.har" {
		t.Errorf("first import: %+v", first)
	}
	second := imp("wrong-password", "wrong-password.har")
	if second.Replaced != nil || second.IndexWritten || second.IndexShows || filepath.Base(second.CapturePath) != "wrong-password.har" {
		t.Errorf("named import beside a page that does not show it: %+v", second)
	}
	third := imp("logout-keeps-alb-session", "")
	if third.Replaced == nil || third.Replaced.Entries != first.Capture.Entries || third.Capture.Entries == first.Capture.Entries {
		t.Errorf("re-import: replaced %+v (the first held %d entries), now %d", third.Replaced, first.Capture.Entries, third.Capture.Entries)
	}
	// The page that places the named capture is seen to show it.
	index := filepath.Join(dir, "index.md")
	page, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(index, append(page, "\n```seqdoc diagram\ncapture: wrong-password.har\n```\n"...), 0o666); err != nil {
		t.Fatal(err)
	}
	if again := imp("wrong-password", "wrong-password.har"); !again.IndexShows || again.Replaced == nil || again.Replaced.Entries != second.Capture.Entries {
		t.Errorf("named re-import: %+v, replaced %+v", again, again.Replaced)
	}
	// What replaced it was not a capture: said so, and replaced.
	if err := os.WriteFile(filepath.Join(dir, "capture.har"), []byte("not json"), 0o666); err != nil {
		t.Fatal(err)
	}
	if im := imp("happy", ""); im.Replaced == nil || im.Replaced.Entries != -1 || im.Replaced.Err == nil {
		t.Errorf("replacing a broken file: %+v", im.Replaced)
	}

	// A named capture in a new folder gets a starter page that reads it.
	dir = filepath.Join(t.TempDir(), "wrong")
	im := imp("wrong-password", "wrong-password.har")
	page, err = os.ReadFile(im.IndexPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("\ncapture: wrong-password.har\n---\n")) || !bytes.Contains(page, []byte("from `wrong-password.har`")) || !im.IndexShows {
		t.Errorf("starter page of a named capture:\n%s", page)
	}
	// And the site builds it from that capture.
	b := NewBuilder(Options{Content: os.DirFS(filepath.Dir(dir))})
	res, err := b.Build(ctx)
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("build: %v %v", err, res.Errors)
	}
	if html := res.Files["wrong/index.html"]; !bytes.Contains(html, []byte("login-failed")) {
		t.Errorf("the page does not show the named capture's finding")
	}
}

func TestCaptureFile(t *testing.T) {
	for name, want := range map[string]string{"": "capture.har", "wrong-password": "wrong-password.har", "wrong-password.har": "wrong-password.har", "2026 retry": "2026 retry.har"} {
		if got, err := CaptureFile(name); err != nil || got != want {
			t.Errorf("CaptureFile(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, name := range []string{"../x", "a/b", `a\b`, ".hidden", ".har", "..", "a:b", "tab\there"} {
		if got, err := CaptureFile(name); err == nil {
			t.Errorf("CaptureFile(%q) = %q, want an error", name, got)
		}
	}
}
