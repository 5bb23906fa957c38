package capture

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// Where the captures are: authflow's generated and independent ones (in
// the repository), and the shared browser fixtures beside it.
const (
	authflowData = "../har/authflow/testdata"
	sharedDir    = "../../shared/fixtures"
)

// captures lists every capture the tests run the pipeline on: the generated
// and independent ones, and the shared browser and public ones when present.
func captures(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, g := range []string{
		authflowData + "/gen/*.har", authflowData + "/independent/*.har",
		sharedDir + "/har-browser/*.har", sharedDir + "/har-browser-cdp/*.har", sharedDir + "/har-public/*.har",
	} {
		m, _ := filepath.Glob(g)
		out = append(out, m...)
	}
	if len(out) < 100 {
		t.Fatalf("only %d captures found", len(out))
	}
	return out
}

func readFile(t *testing.T, path string) (*Capture, error) {
	t.Helper()
	return ReadPath(context.Background(), path, nil, Options{})
}

// TestReadPathStdin: "-" reads the capture from the reader given as stdin,
// the same classification as the file; a missing file is named as given.
func TestReadPathStdin(t *testing.T) {
	p := authflowData + "/gen/f-logout-complete.har"
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := ReadPath(context.Background(), p, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fromStdin, err := ReadPath(context.Background(), "-", bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := flowJSON(t, fromFile.Flow), flowJSON(t, fromStdin.Flow); !bytes.Equal(a, b) || len(fromFile.Flow.Entries) < 10 {
		t.Errorf("stdin and file differ (or the capture is empty: %d entries)", len(fromFile.Flow.Entries))
	}
	if _, err := ReadPath(context.Background(), "no/such.har", nil, Options{}); err == nil || !strings.HasPrefix(err.Error(), "no/such.har: ") {
		t.Errorf("missing file: %v", err)
	}
}

func flowJSON(t *testing.T, f *authflow.Flow) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := authflow.WriteJSON(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadMatchesInspectGoldens: the pipeline gives exactly the classification
// that authflow's golden files of seqdoc inspect --json hold.
func TestReadMatchesInspectGoldens(t *testing.T) {
	goldens, _ := filepath.Glob(authflowData + "/golden/*.inspect.json")
	n := 0
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".inspect.json") + ".har"
		p := filepath.Join(authflowData, "gen", name)
		if _, err := os.Stat(p); err != nil {
			p = filepath.Join(sharedDir, "har-browser", name)
			if _, err := os.Stat(p); err != nil {
				continue // a shared fixture, absent
			}
		}
		c, err := readFile(t, p)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(g)
		if got := flowJSON(t, c.Flow); !bytes.Equal(got, want) {
			t.Errorf("%s: the pipeline's classification differs from %s", p, g)
		}
		n++
	}
	if n < 14 {
		t.Errorf("compared %d golden files, want at least the 14 of the generated captures", n)
	}
}

// TestEntriesFromMemory: a capture built in memory (seqdoc record) takes
// the same path as the file it came from: the same classification, the same
// redacted bytes, the same summary; Index is numbered from 0 whatever the
// entries carried.
func TestEntriesFromMemory(t *testing.T) {
	for _, p := range captures(t) {
		log, entries, err := har.ReadFile(p, har.ReadOptions{})
		if err != nil {
			continue // the hostile public captures
		}
		// The file as it would hold these entries: every log field (pages
		// too) before them, as a log built in memory is known up front.
		var file bytes.Buffer
		hw := har.NewWriter(&file)
		for _, e := range entries {
			hw.WriteEntry(log, e)
		}
		if err := hw.Close(log); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			e.Index, e.Line = 1000, 0
		}
		var fromFile, fromMemory bytes.Buffer
		src, err := FromBytes(p, file.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		a, err := Write(context.Background(), src, &fromFile, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Write(context.Background(), FromEntries(log, entries), &fromMemory, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fromFile.Bytes(), fromMemory.Bytes()) {
			t.Errorf("%s: the redacted capture differs when the entries come from memory", p)
		}
		if !bytes.Equal(flowJSON(t, a.Flow), flowJSON(t, b.Flow)) {
			t.Errorf("%s: the classification differs when the entries come from memory", p)
		}
		if a.Entries != b.Entries || strings.Join(a.Hosts, " ") != strings.Join(b.Hosts, " ") ||
			strings.Join(a.Cookies, " ") != strings.Join(b.Cookies, " ") || a.AppHost != b.AppHost {
			t.Errorf("%s: summary %+v from the file, %+v from memory", p, a, b)
		}
	}
	if c, err := Read(context.Background(), FromEntries(nil, nil), Options{}); err != nil || c.Entries != 0 || len(c.Flow.Entries) != 0 {
		t.Errorf("an empty capture in memory: %+v, %v", c, err)
	}
}

// TestReadAgainAfterWrite: the capture import writes classifies exactly as
// the original does (placeholders numbered alike), and redacts to itself.
func TestReadAgainAfterWrite(t *testing.T) {
	for _, p := range captures(t) {
		src, err := Open(context.Background(), p, nil)
		if err != nil {
			continue
		}
		var w bytes.Buffer
		c, err := Write(context.Background(), src, &w, Options{})
		src.Close()
		if err != nil {
			continue
		}
		r, err := FromBytes("again.har", w.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		var again bytes.Buffer
		c2, err := Write(context.Background(), r, &again, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(flowJSON(t, c.Flow), flowJSON(t, c2.Flow)) {
			t.Errorf("%s: its redacted capture classifies differently", p)
		}
		if !bytes.Equal(w.Bytes(), again.Bytes()) {
			t.Errorf("%s: the redacted capture does not redact to itself", p)
		}
	}
}

// TestKeepParams: --keep-param keeps a value the pipeline would redact.
func TestKeepParams(t *testing.T) {
	e := &har.Entry{Request: har.Request{Method: "GET", URL: "https://app.example.com/?username=alice&state=s3cret"}}
	var w bytes.Buffer
	if _, err := Write(context.Background(), FromEntries(nil, []*har.Entry{e}), &w, Options{KeepParams: []string{"username"}}); err != nil {
		t.Fatal(err)
	}
	if out := w.String(); !strings.Contains(out, "username=alice") || strings.Contains(out, "s3cret") {
		t.Errorf("kept or redacted the wrong values:\n%s", out)
	}
}

// TestStdinThatNeverComesStops: Ctrl-C or SIGTERM (a cancelled context)
// stops the pipeline while it waits on standard input, before the first
// byte and in the middle of the capture.
func TestStdinThatNeverComesStops(t *testing.T) {
	const head = `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"request":{"method":"GET","url":"https://a.example.com/"},"response":{"status":200}},`
	for _, written := range []string{"", head} {
		pr, pw := io.Pipe()
		defer pw.Close()
		go pw.Write([]byte(written))
		ctx, cancel := context.WithCancelCause(context.Background())
		time.AfterFunc(50*time.Millisecond, func() { cancel(errors.New("terminated signal received")) })
		done := make(chan error, 1)
		go func() {
			src, err := Open(ctx, "-", pr)
			if err != nil {
				done <- err
				return
			}
			_, err = Read(ctx, src, Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != "interrupted (terminated signal received)" {
				t.Errorf("after %d bytes: error %v, want interrupted (terminated signal received)", len(written), err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("after %d bytes: still waiting on standard input after the context was cancelled", len(written))
		}
	}
}

// TestWriteFileLeavesNothing: a capture that breaks off, or a cancelled
// context, leaves no file and no temporary file behind; an existing file
// stays as it was.
func TestWriteFileLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "capture.har")
	broken, err := FromBytes("broken.har", []byte(`{"log":{"entries":[{"request":{"url":"https://a/"}},{"request":`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(context.Background(), broken, path, Options{}); err == nil || !strings.HasPrefix(err.Error(), "broken.har:1:") {
		t.Errorf("error %v, want broken.har:1:…", err)
	}
	os.WriteFile(path, []byte("before"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	entries := []*har.Entry{{Request: har.Request{Method: "GET", URL: "https://a.example.com/"}}}
	if _, err := WriteFile(ctx, FromEntries(nil, entries), path, Options{}); err == nil || !strings.HasPrefix(err.Error(), "interrupted") {
		t.Errorf("error %v, want interrupted", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "before" {
		t.Errorf("the existing file became %q", b)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("files left: %v", files)
	}
}
