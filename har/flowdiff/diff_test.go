package flowdiff

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/golden"
	"github.com/seqdoc/seqdoc/internal/hartest"
	"github.com/seqdoc/seqdoc/internal/shareddata"
)

var _ = flag.Bool // -update comes from internal/golden

// The in-repo pair: a happy path and its buggy-logout twin, recorded
// "another time": other secrets (seed), slower and a day later.
const (
	happyFile = "testdata/happy-path.har"
	buggyFile = "testdata/logout-keeps-alb-session.har"
)

func twinPair() (happy, buggy []byte) {
	log, entries := hartest.Capture(hartest.Options{Seed: 1})
	happy = hartest.Write(log, entries)
	log, entries = hartest.Capture(hartest.Options{Seed: 2})
	twin := hartest.KeepALBSession(entries)
	hartest.Retime(twin, 1.7, 26*time.Hour)
	return happy, hartest.Write(log, twin)
}

// The committed captures are what the generator makes (-update rewrites them).
func TestTestdataUpToDate(t *testing.T) {
	happy, buggy := twinPair()
	golden.Check(t, happyFile, happy)
	golden.Check(t, buggyFile, buggy)
}

// flowOf runs a capture through seqdoc's pipeline (read, redact, classify).
func flowOf(t *testing.T, path string) *authflow.Flow {
	t.Helper()
	ctx := context.Background()
	src, err := capture.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	c, err := capture.Read(ctx, src, capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c.Flow
}

func flowOfBytes(t *testing.T, data []byte) *authflow.Flow {
	t.Helper()
	p := filepath.Join(t.TempDir(), "capture.har")
	if err := os.WriteFile(p, data, 0o666); err != nil {
		t.Fatal(err)
	}
	return flowOf(t, p)
}

func text(t *testing.T, d *Diff, a, b string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := d.WriteText(&buf, a, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// checkBuggyLogout asserts what a diff of a happy path against its
// buggy-logout twin says: exactly the missing expiry of the ALB session
// cookie and the new finding, the visit after the logout getting in (the
// consequence), and nothing about placeholders or timings.
func checkBuggyLogout(t *testing.T, d *Diff, out string) {
	t.Helper()
	if len(d.Hosts) != 0 || len(d.Steps.Missing) != 0 || len(d.Steps.Added) != 0 || len(d.FixedFindings) != 0 {
		t.Errorf("hosts %v, steps %+v, fixed %v: want none", d.Hosts, d.Steps, d.FixedFindings)
	}
	if len(d.Cookies) != 1 || d.Cookies[0].Name != "AWSELBAuthSessionCookie" || d.Cookies[0].Op != "changed" {
		t.Fatalf("cookies %+v, want only AWSELBAuthSessionCookie changed", d.Cookies)
	}
	var fields []string
	for _, c := range d.Cookies[0].Changes {
		fields = append(fields, c.Field)
	}
	if !slices.Equal(fields, []string{"expired by", "outlives the logout"}) || d.Cookies[0].Changes[0].New != "nobody" ||
		!strings.HasSuffix(d.Cookies[0].Changes[0].Old, "/logged-out (logout-callback)") {
		t.Errorf("AWSELBAuthSessionCookie changes %+v, want only its expiry by the logout landing page gone", d.Cookies[0].Changes)
	}
	if len(d.NewFindings) != 1 || d.NewFindings[0].Code != authflow.CodeLogoutKeepsALBSession {
		t.Errorf("new findings %v, want only %s", d.NewFindings, authflow.CodeLogoutKeepsALBSession)
	}
	var ops []string
	for _, op := range d.Exchanges {
		if op.Op != "same" {
			ops = append(ops, op.Op+" "+key(nonNil(op.New, op.Old)))
		}
	}
	if len(ops) == 0 || !strings.HasPrefix(ops[0], "changed GET ") || !strings.HasSuffix(ops[0], "/") {
		t.Errorf("exchanges %q: want the visit after the logout changed first", ops)
	}
	for _, op := range ops[1:] {
		if !strings.HasPrefix(op, "removed GET ") {
			t.Errorf("exchange %q: want only the sign-in after the logout removed", op)
		}
	}
	for _, noise := range []string{"redacted", "{", " ms", "hartest-", "time", "placeholder"} {
		if strings.Contains(out, noise) {
			t.Errorf("the diff mentions %q:\n%s", noise, out)
		}
	}
}

func nonNil(a, b *Exchange) *Exchange {
	if a != nil {
		return a
	}
	return b
}

func TestBuggyLogout(t *testing.T) {
	old, new := flowOf(t, happyFile), flowOf(t, buggyFile)
	d := Compare(old, new)
	out := text(t, d, "happy-path.har", "logout-keeps-alb-session.har")
	checkBuggyLogout(t, d, out)
	golden.Check(t, "testdata/golden/buggy-logout.txt", []byte(out))
	var js bytes.Buffer
	if err := d.WriteJSON(&js, "happy-path.har", "logout-keeps-alb-session.har"); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/buggy-logout.json", js.Bytes())
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back["differ"] != true {
		t.Errorf("JSON %v, differ %v", err, back["differ"])
	}
	// The other way round: the finding is fixed, the expiry comes back.
	d = Compare(new, old)
	if len(d.FixedFindings) != 1 || len(d.NewFindings) != 0 || d.Cookies[0].Changes[0].Old != "nobody" {
		t.Errorf("reversed: new %v, fixed %v, cookies %+v", d.NewFindings, d.FixedFindings, d.Cookies)
	}
}

// sharedCapture reads a shared fixture in place, or skips.
func sharedCapture(t *testing.T, name string) (*har.Log, []*har.Entry) {
	t.Helper()
	p := shareddata.Need(t, filepath.Join("..", "..", "..", "shared", "fixtures", name))
	log, entries, err := har.ReadFile(p, har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return log, entries
}

// The shared happy path (a real browser's capture) against the
// buggy-logout shape built from it.
func TestSharedHappyPathBuggyLogout(t *testing.T) {
	log, entries := sharedCapture(t, "har-browser/a-happy-path.har")
	twin := hartest.KeepALBSession(entries)
	hartest.Retime(twin, 2.3, 49*time.Hour)
	old := flowOf(t, filepath.Join("..", "..", "..", "shared", "fixtures", "har-browser", "a-happy-path.har"))
	new := flowOfBytes(t, hartest.Write(log, twin))
	d := Compare(old, new)
	out := text(t, d, "a-happy-path.har", "buggy-logout.har")
	checkBuggyLogout(t, d, out)
	t.Logf("\n%s", out)
}

// A capture compared with itself, or with another recording of the same
// flow (other secrets and placeholders, timings, assets, repeats), shows no
// difference.
func TestNoDifference(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b hartest.Options
	}{
		{"itself", hartest.Options{}, hartest.Options{}},
		{"other secrets and timings", hartest.Options{Seed: 1}, hartest.Options{Seed: 7}},
		{"placeholder numbering", hartest.Options{APIPath: "/api/accounts/{id-1}/items"}, hartest.Options{Seed: 3, APIPath: "/api/accounts/{id-2}/items"}},
		{"escaped placeholders", hartest.Options{APIPath: "/api/accounts/%7Bid-1%7D"}, hartest.Options{APIPath: "/api/accounts/{id-4}"}},
		{"assets", hartest.Options{Assets: 3}, hartest.Options{Assets: -1}},
		{"repeated API calls", hartest.Options{APICalls: 2}, hartest.Options{APICalls: 9}},
		{"the buggy logout itself", hartest.Options{KeepALBSession: true}, hartest.Options{Seed: 5, KeepALBSession: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Compare(flowOfBytes(t, hartest.Bytes(c.a)), flowOfBytes(t, hartest.Bytes(c.b)))
			out := text(t, d, "a.har", "b.har")
			if !d.Empty() || out != "no difference: a.har and b.har show the same hosts, AWS steps, exchanges, cookies and findings\n" {
				t.Errorf("got\n%s", out)
			}
		})
	}
	for _, name := range []string{"har-browser/a-happy-path.har", "har-browser/b-wrong-password.har", "har-browser/a-happy-path.sanitized.har", "har-browser-cdp/b-wrong-password.har"} {
		t.Run(name, func(t *testing.T) {
			sharedCapture(t, name) // skip without the fixtures
			f := flowOf(t, filepath.Join("..", "..", "..", "shared", "fixtures", name))
			if d := Compare(f, f); !d.Empty() || !strings.HasPrefix(text(t, d, "x", "x"), "no difference") {
				t.Errorf("%s against itself:\n%s", name, text(t, d, "x", "x"))
			}
		})
	}
}

// An extra request early on does not shift the later ones: the wrong
// password's form post is the one exchange added.
func TestAlignedNotByIndex(t *testing.T) {
	d := Compare(flowOfBytes(t, hartest.Bytes(hartest.Options{})), flowOfBytes(t, hartest.Bytes(hartest.Options{Seed: 4, WrongPassword: true})))
	var ops []string
	for _, op := range d.Exchanges {
		if op.Op != "same" {
			ops = append(ops, op.Op+" "+key(nonNil(op.New, op.Old))+" "+answer(nonNil(op.New, op.Old)))
		}
	}
	want := []string{"added POST app-auth.auth.eu-west-1.amazoncognito.com/login 200 idp, login"}
	if !slices.Equal(ops, want) {
		t.Errorf("exchanges %q, want %q", ops, want)
	}
	if len(d.NewFindings) != 1 || d.NewFindings[0].Code != authflow.CodeLoginFailed || len(d.Cookies) != 0 {
		t.Errorf("new findings %v, cookies %+v", d.NewFindings, d.Cookies)
	}
}

// Cookies: attributes, shards and size changes are named, each once.
func TestCookieChanges(t *testing.T) {
	d := Compare(flowOfBytes(t, hartest.Bytes(hartest.Options{})), flowOfBytes(t, hartest.Bytes(hartest.Options{InsecureSession: true, Shards: 3})))
	got := map[string][]string{}
	for _, c := range d.Cookies {
		for _, x := range c.Changes {
			got[c.Name] = append(got[c.Name], x.Field+": "+x.Old+" → "+x.New)
		}
	}
	want := map[string][]string{
		"JSESSIONID":              {"Secure: yes → no", "HttpOnly: yes → no", "SameSite: Lax → (none)"},
		"AWSELBAuthSessionCookie": {"shards: 1 → 3", "size: 1242 bytes → 3726 bytes"},
	}
	if len(got) != len(want) {
		t.Errorf("cookie changes %q, want %q", got, want)
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	var codes []string
	for _, f := range d.NewFindings {
		codes = append(codes, f.Code)
	}
	slices.Sort(codes)
	if !slices.Equal(codes, []string{authflow.CodeCookieAttributes, authflow.CodeSessionCookieSharded}) {
		t.Errorf("new findings %v", codes)
	}
}

// A capture exported sanitized is one cookie change, not one per cookie;
// a capture without a logout says nothing about what a logout expired.
func TestSanitizedAndNoLogout(t *testing.T) {
	log, entries := hartest.Capture(hartest.Options{})
	for _, e := range entries {
		var hs []har.NameValue
		for _, h := range e.Request.Headers {
			if !strings.EqualFold(h.Name, "cookie") {
				hs = append(hs, h)
			}
		}
		e.Request.Headers, e.Request.Cookies = hs, nil
		hs = nil
		for _, h := range e.Response.Headers {
			if !strings.EqualFold(h.Name, "set-cookie") {
				hs = append(hs, h)
			}
		}
		e.Response.Headers, e.Response.Cookies = hs, nil
	}
	full := flowOfBytes(t, hartest.Bytes(hartest.Options{}))
	d := Compare(full, flowOfBytes(t, hartest.Write(log, entries)))
	if out := text(t, d, "a", "b"); !strings.Contains(out, "cookies:\n  - none in the new capture: it was exported sanitized") || strings.Count(out, "\n  ") != 2 {
		t.Errorf("got\n%s", out)
	}

	log, entries = hartest.Capture(hartest.Options{})
	d = Compare(full, flowOfBytes(t, hartest.Write(log, entries[:11]))) // up to the app, no logout
	for _, c := range d.Cookies {
		for _, x := range c.Changes {
			if x.Field == "expired by" || x.Field == "outlives the logout" {
				t.Errorf("%s: %+v without a logout in the new capture", c.Name, x)
			}
		}
	}
}

// TestStandinRecordings: two captures that `seqdoc record` made with real
// Chromium against the stand-in (internal/standin/testdata/captures, in the
// repository, so a plain clone runs this), each a recording of its own: the
// happy path and the logout that keeps the ALB session. The diff names
// exactly the session cookie's missing expiry and the new finding; the
// visit after the logout is what differs in the exchanges; nothing about
// placeholders, timings or secrets, though every value differs between the
// two runs. Each capture against itself: "no difference".
func TestStandinRecordings(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "standin", "testdata", "captures")
	happy := flowOf(t, filepath.Join(dir, "happy", "capture.har"))
	buggy := flowOf(t, filepath.Join(dir, "logout-keeps-alb-session", "capture.har"))
	d := Compare(happy, buggy)
	out := text(t, d, "happy.har", "buggy.har")
	if len(d.Hosts) != 0 || len(d.Steps.Missing) != 0 || len(d.Steps.Added) != 0 || len(d.FixedFindings) != 0 {
		t.Errorf("hosts %v, steps %+v, fixed %v: want none", d.Hosts, d.Steps, d.FixedFindings)
	}
	if len(d.Cookies) != 1 || d.Cookies[0].Name != "AWSELBAuthSessionCookie" || d.Cookies[0].Op != "changed" {
		t.Fatalf("cookies %+v, want only AWSELBAuthSessionCookie changed", d.Cookies)
	}
	c := d.Cookies[0].Changes
	if len(c) != 2 || c[0].Field != "expired by" || c[0].Old != "GET app.example.com/logout (logout)" || c[0].New != "nobody" ||
		c[1].Field != "outlives the logout" || c[1].Old != "no" || c[1].New != "yes" {
		t.Errorf("AWSELBAuthSessionCookie changes %+v, want only its expiry by the logout gone", c)
	}
	if len(d.NewFindings) != 1 || d.NewFindings[0].Code != authflow.CodeLogoutKeepsALBSession {
		t.Errorf("new findings %v, want only %s", d.NewFindings, authflow.CodeLogoutKeepsALBSession)
	}
	loggedOut, getsIn := false, false
	for _, op := range d.Exchanges {
		e := nonNil(op.New, op.Old)
		if op.Op == "same" {
			loggedOut = loggedOut || e.Phase == authflow.PhaseLogout
			continue
		}
		if !loggedOut {
			t.Errorf("exchange %s %s: nothing differs before the logout", op.Op, key(e))
		}
		getsIn = getsIn || op.Op == "added" && key(e) == "GET app.example.com/" && e.Kind == authflow.KindApp
	}
	if !getsIn {
		t.Errorf("the visit after the logout that gets into the application is not among the exchanges added:\n%s", out)
	}
	for _, noise := range []string{"redacted", "{", " ms", "time", "placeholder", "canary"} {
		if strings.Contains(out, noise) {
			t.Errorf("the diff mentions %q:\n%s", noise, out)
		}
	}
	for name, f := range map[string]*authflow.Flow{"happy": happy, "logout-keeps-alb-session": buggy} {
		if d := Compare(f, f); !d.Empty() || text(t, d, "a.har", "a.har") != "no difference: a.har and a.har show the same hosts, AWS steps, exchanges, cookies and findings\n" {
			t.Errorf("%s against itself:\n%s", name, text(t, d, "a.har", "a.har"))
		}
	}
	t.Logf("\n%s", out)
}
