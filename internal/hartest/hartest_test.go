package hartest

import (
	"bytes"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// classify reads a written capture back the way seqdoc does (reader,
// redactor, classifier) and returns the codes of its findings, sorted.
func classify(t *testing.T, data []byte) (*authflow.Flow, []string) {
	t.Helper()
	log, entries := readAll(t, data)
	har.Redact(log, entries, har.RedactOptions{})
	f := authflow.Classify(log, entries)
	var codes []string
	for _, x := range f.Findings {
		codes = append(codes, x.Code)
	}
	sort.Strings(codes)
	return f, codes
}

// readAll reads a whole capture.
func readAll(t *testing.T, data []byte) (*har.Log, []*har.Entry) {
	t.Helper()
	r, err := har.NewReader(bytes.NewReader(data), "gen.har", har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	log, entries, err := har.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return log, entries
}

// Each option gives exactly its finding, and the happy path none.
func TestScenarioFindings(t *testing.T) {
	for _, c := range []struct {
		name string
		o    Options
		want []string
		n    int
	}{
		{"happy path", Options{}, nil, 17},
		{"twenty entries", Options{APICalls: 5}, nil, 20},
		{"wrong password", Options{WrongPassword: true}, []string{authflow.CodeLoginFailed}, 18},
		{"insecure session", Options{InsecureSession: true}, []string{authflow.CodeCookieAttributes}, 17},
		{"sharded", Options{Shards: 3}, []string{authflow.CodeSessionCookieSharded}, 17},
		{"keeps the ALB session", Options{KeepALBSession: true}, []string{authflow.CodeLogoutKeepsALBSession}, 15},
		{"three findings", Options{KeepALBSession: true, InsecureSession: true, WrongPassword: true},
			[]string{authflow.CodeCookieAttributes, authflow.CodeLoginFailed, authflow.CodeLogoutKeepsALBSession}, 16},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := Bytes(c.o)
			f, codes := classify(t, data)
			if !slices.Equal(codes, c.want) {
				t.Errorf("findings %v, want %v", codes, c.want)
			}
			if len(f.Entries) != c.n || Entries(c.o) != c.n {
				t.Errorf("%d entries (Entries says %d), want %d", len(f.Entries), Entries(c.o), c.n)
			}
			if !bytes.Equal(data, Bytes(c.o)) {
				t.Error("the same options gave other bytes")
			}
			if bytes.Equal(data, Bytes(Options{Seed: 99, WrongPassword: c.o.WrongPassword, InsecureSession: c.o.InsecureSession, Shards: c.o.Shards, KeepALBSession: c.o.KeepALBSession, APICalls: c.o.APICalls})) {
				t.Error("another seed gave the same bytes")
			}
		})
	}
}

// The buggy-logout twin of a recorded capture: the cookbook's happy path.
func TestKeepALBSessionOnRecordedCapture(t *testing.T) {
	// The cookbook's capture: Chromium's recording of a real sign-in
	// (../shared's a-happy-path.har), redacted by seqdoc import.
	data, err := os.ReadFile("../../content/cookbook/app-multiccy/sequencediag-auth/capture.har")
	if err != nil {
		t.Fatal(err)
	}
	log, entries := readAll(t, data)
	twin := KeepALBSession(entries)
	if len(twin) != 15 {
		t.Errorf("the twin has %d entries, want 15 (up to the visit that gets in)", len(twin))
	}
	_, codes := classify(t, Write(log, twin))
	if !slices.Equal(codes, []string{authflow.CodeLogoutKeepsALBSession}) {
		t.Errorf("twin findings %v, want only %s", codes, authflow.CodeLogoutKeepsALBSession)
	}
	_, codes = classify(t, Write(log, entries))
	if len(codes) != 0 {
		t.Errorf("KeepALBSession changed its input: findings %v", codes)
	}
}

// TestWriteLarge: the padded capture reaches its size, is a valid HAR, and
// classifies as its scenario does (the same findings), its extra requests
// being API calls of the application.
func TestWriteLarge(t *testing.T) {
	o := Options{WrongPassword: true, Seed: 3}
	var b bytes.Buffer
	n, err := WriteLarge(&b, o, 2<<20)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(b.Len()) || n < 2<<20 || n > 2<<20+200<<10 {
		t.Fatalf("wrote %d bytes (counted %d), want 2 MB and at most one body more", b.Len(), n)
	}
	_, want := classify(t, Bytes(o))
	f, got := classify(t, b.Bytes())
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want the scenario's %v", got, want)
	}
	api := 0
	for _, e := range f.Entries {
		if e.Kind == authflow.KindAPI {
			api++
		}
	}
	if extra := len(f.Entries) - Entries(o); extra < 10 || api < extra {
		t.Errorf("%d entries more than the scenario, %d API calls: want the padding as API calls", extra, api)
	}
}
