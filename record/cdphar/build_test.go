package cdphar

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/golden"
)

// Event logs recorded from real Chromium against internal/standin, with
// the secrets of each run replaced by canary-N (see record's
// TestRecordEventLogs, -update-events).
func eventLogs(t *testing.T) []string {
	t.Helper()
	logs, _ := filepath.Glob(filepath.Join("testdata", "events", "*.jsonl"))
	if len(logs) == 0 {
		t.Fatal("no event logs in testdata/events")
	}
	return logs
}

func readLog(t testing.TB, path string) []Event {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	events, err := ReadEvents(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return events
}

func writeHAR(t testing.TB, log *har.Log, entries []*har.Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := har.NewWriter(&buf)
	for _, e := range entries {
		if err := w.WriteEntry(log, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(log); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var testCreator = Options{Creator: har.Creator{Name: "seqdoc", Version: "test"}}

// TestGolden builds each event log into a HAR and compares it with the
// golden file (go test ./record/cdphar -update rewrites them).
func TestGolden(t *testing.T) {
	for _, path := range eventLogs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".jsonl")
		t.Run(name, func(t *testing.T) {
			log, entries := Build(readLog(t, path), testCreator)
			got := writeHAR(t, log, entries)
			golden.Check(t, filepath.Join("testdata", "events", name+".golden.har"), got)
			// And the HAR reads back.
			l2, e2, err := har.ReadFile(filepath.Join("testdata", "events", name+".golden.har"), har.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(e2) != len(entries) || len(l2.Pages) != len(log.Pages) {
				t.Errorf("read back %d entries, %d pages; built %d, %d", len(e2), len(l2.Pages), len(entries), len(log.Pages))
			}
		})
	}
}

func setCookieNames(e *har.Entry) []string {
	var out []string
	for _, line := range e.Response.SetCookies() {
		n, _, _ := strings.Cut(line, "=")
		out = append(out, n)
	}
	return out
}

func host(e *har.Entry) string {
	s := strings.TrimPrefix(e.Request.URL, "https://")
	h, _, _ := strings.Cut(s, "/")
	return h
}

func path(e *har.Entry) string {
	s := strings.TrimPrefix(e.Request.URL, "https://")
	_, p, _ := strings.Cut(s, "/")
	p, _, _ = strings.Cut(p, "?")
	return "/" + p
}

// TestRedirectHops: every hop of every redirect chain is an entry with its
// own status, Location and Set-Cookie. The first hops of a sign-in share
// one requestId, so matching ExtraInfo by requestId alone would move
// Cognito's XSRF-TOKEN onto the ALB's 302, or the ALB's nonce cookie onto
// Cognito's page.
func TestRedirectHops(t *testing.T) {
	for _, path := range eventLogs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			_, entries := Build(readLog(t, path), testCreator)
			checkHops(t, entries)
		})
	}
}

func checkHops(t *testing.T, entries []*har.Entry) {
	t.Helper()
	for i, e := range entries {
		st := e.Response.Status
		if st >= 300 && st < 400 && st != 304 {
			if e.Response.Header("location") == "" || e.Response.RedirectURL == "" {
				t.Errorf("#%d %s: %d without its Location", i, e.Request.URL, st)
				continue
			}
			found := false
			for _, n := range entries[i+1:] {
				if n.Request.URL == e.Response.RedirectURL {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("#%d: the redirect to %s has no entry of its own", i, e.Response.RedirectURL)
			}
		}
		if (st < 300 || st >= 400) && e.Response.Header("location") != "" && st != 0 {
			t.Errorf("#%d %s: a %d carries a Location (headers of another hop)", i, e.Request.URL, st)
		}
		names := setCookieNames(e)
		cognito := strings.Contains(host(e), "amazoncognito.com")
		for _, n := range names {
			alb := n == "AWSALBAuthNonce" || strings.HasPrefix(n, "AWSELBAuthSessionCookie") || n == "AWSALB" || n == "JSESSIONID"
			idp := n == "XSRF-TOKEN" || strings.HasPrefix(n, "csrf-state") || strings.HasPrefix(n, "cognito")
			if cognito && alb || !cognito && idp {
				t.Errorf("#%d %s: Set-Cookie %s on the wrong host (headers of another hop)", i, e.Request.URL, n)
			}
		}
		switch p := path(e); {
		case !cognito && p == "/oauth2/idpresponse" && st == 302:
			if !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "AWSELBAuthSessionCookie-") }) {
				t.Errorf("#%d: the callback's 302 sets no session cookie: %v", i, names)
			}
		case cognito && p == "/oauth2/authorize" && st == 302:
			if !slices.Contains(names, "XSRF-TOKEN") {
				t.Errorf("#%d: authorize's 302 sets no XSRF-TOKEN: %v", i, names)
			}
		case !cognito && st == 302 && strings.Contains(e.Response.RedirectURL, "/oauth2/authorize"):
			if !slices.Contains(names, "AWSALBAuthNonce") {
				t.Errorf("#%d: the ALB's redirect sets no AWSALBAuthNonce: %v", i, names)
			}
		}
		// Raw headers: the request's cookies are there (ExtraInfo).
		if !cognito && path(e) == "/oauth2/idpresponse" && !strings.Contains(e.Request.Header("cookie"), "AWSALBAuthNonce=") {
			t.Errorf("#%d: the callback request lacks its Cookie header", i)
		}
	}
}

// TestExtraInfoAnyOrder: the browser may send an ExtraInfo event before or
// after its requestWillBeSent; the capture is the same either way.
func TestExtraInfoAnyOrder(t *testing.T) {
	for _, path := range eventLogs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			events := readLog(t, path)
			want := built(t, events)
			early := extraInfoFirst(events)
			if len(early) != len(events) || slices.EqualFunc(early, events, func(a, b Event) bool { return a.Method == b.Method && bytes.Equal(a.Params, b.Params) }) {
				t.Fatal("the reordering changed nothing")
			}
			got := built(t, early)
			if !bytes.Equal(got, want) {
				t.Errorf("ExtraInfo events moved before their requestWillBeSent change the capture:\n%s", golden.Diff(string(want), string(got)))
			}
		})
	}
}

// built builds events and writes the capture.
func built(t testing.TB, events []Event) []byte {
	t.Helper()
	log, entries := Build(events, testCreator)
	return writeHAR(t, log, entries)
}

// extraInfoFirst moves each requestWillBeSentExtraInfo to just before the
// requestWillBeSent of its hop.
func extraInfoFirst(events []Event) []Event {
	type key struct {
		id string
		n  int
	}
	idOf := func(ev Event) string {
		var r requestID
		json.Unmarshal(ev.Params, &r)
		return r.RequestID
	}
	hopAt := map[key]int{} // position of the k-th requestWillBeSent of an id
	seen := map[string]int{}
	for i, ev := range events {
		if ev.Method == "Network.requestWillBeSent" {
			id := idOf(ev)
			hopAt[key{id, seen[id]}] = i
			seen[id]++
		}
	}
	moved := map[int]Event{} // position → ExtraInfo to put before it
	count := map[string]int{}
	skip := map[int]bool{}
	for i, ev := range events {
		if ev.Method == "Network.requestWillBeSentExtraInfo" {
			id := idOf(ev)
			k := key{id, count[id]}
			count[id]++
			if at, ok := hopAt[k]; ok && at < i {
				if _, taken := moved[at]; !taken {
					moved[at] = ev
					skip[i] = true
				}
			}
		}
	}
	var out []Event
	for i, ev := range events {
		if x, ok := moved[i]; ok {
			out = append(out, x)
		}
		if !skip[i] {
			out = append(out, ev)
		}
	}
	return out
}

func TestCORSFailure(t *testing.T) {
	_, entries := Build(readLog(t, filepath.Join("testdata", "events", "xhr-auth-redirect.jsonl")), testCreator)
	var fetchRedirect, blocked *har.Entry
	for _, e := range entries {
		if e.ResourceType() == "fetch" && e.Response.Status == 302 {
			fetchRedirect = e
		}
		if e.ResourceType() == "fetch" && e.Response.Status == 0 {
			blocked = e
		}
	}
	if fetchRedirect == nil || blocked == nil {
		t.Fatal("no fetch that got the ALB's redirect and was then blocked")
	}
	if !strings.Contains(blocked.Request.URL, "/oauth2/authorize") || blocked.Response.Extra.String("_error") != "net::ERR_FAILED" ||
		blocked.Response.Extra.String("_corsError") == "" || blocked.Extra.String("_failureText") != "net::ERR_FAILED" || !blocked.Failed() {
		t.Errorf("the blocked hop: %s _error=%q _corsError=%q _failureText=%q", blocked.Request.URL,
			blocked.Response.Extra.String("_error"), blocked.Response.Extra.String("_corsError"), blocked.Extra.String("_failureText"))
	}
	if blocked.Request.Header("origin") == "" {
		t.Errorf("the blocked CORS request has no Origin header")
	}
}

func TestCacheHit(t *testing.T) {
	_, entries := Build(readLog(t, filepath.Join("testdata", "events", "logout-keeps-alb-session.jsonl")), testCreator)
	hits := 0
	for _, e := range entries {
		if e.Extra.String("_fromCache") != "" {
			hits++
			if !strings.HasSuffix(e.Request.URL, "/static/logo.svg") || e.Response.Status != 200 || e.Time > 100 {
				t.Errorf("cache hit %s %d, %v ms", e.Request.URL, e.Response.Status, e.Time)
			}
		}
	}
	if hits != 1 {
		t.Errorf("%d cache hits, want 1 (logo.svg on the second visit)", hits)
	}
}

func TestPagesAndFields(t *testing.T) {
	log, entries := Build(readLog(t, filepath.Join("testdata", "events", "happy.jsonl")), testCreator)
	// Navigations: the app (to the sign-in page), the form post (to the app), the sign-out.
	if len(log.Pages) != 3 {
		t.Fatalf("%d pages, want 3", len(log.Pages))
	}
	for _, p := range log.Pages {
		if p.PageTimings.OnLoad <= 0 || p.PageTimings.OnContentLoad <= 0 || p.PageTimings.OnContentLoad > p.PageTimings.OnLoad {
			t.Errorf("page %s %s: timings %+v", p.ID, p.Title, p.PageTimings)
		}
	}
	refs := map[string]bool{}
	for i, e := range entries {
		refs[e.PageRef] = true
		if e.ResourceType() == "" || e.Extra.String("_priority") == "" || e.Extra.Get("_initiator") == nil {
			t.Errorf("#%d lacks DevTools' fields", i)
		}
		if i > 0 && e.StartedDateTime < entries[i-1].StartedDateTime {
			t.Errorf("#%d starts before #%d", i, i-1)
		}
		if e.Request.HTTPVersion != "http/2.0" || e.ServerIPAddress != "127.0.0.1" {
			t.Errorf("#%d: %q from %q", i, e.Request.HTTPVersion, e.ServerIPAddress)
		}
		sum := 0.0
		for _, v := range []float64{e.Timings.Blocked, e.Timings.DNS, e.Timings.Connect, e.Timings.Send, e.Timings.Wait, e.Timings.Receive} {
			if v > 0 {
				sum += v
			}
		}
		if d := sum - e.Time; d > 0.01 || d < -0.01 || e.Time <= 0 {
			t.Errorf("#%d: time %v, timings add up to %v", i, e.Time, sum)
		}
	}
	if len(refs) != 3 {
		t.Errorf("entries refer to %d pages", len(refs))
	}
}

// TestFormBody: of a form post only the field names are read, and the
// values KeepFormValue names.
func TestFormBody(t *testing.T) {
	events := readLog(t, filepath.Join("testdata", "events", "wrong-password.jsonl"))
	for _, keep := range []bool{false, true} {
		o := testCreator
		if keep {
			o.KeepFormValue = func(n string) bool { return n == "username" }
		}
		_, entries := Build(events, o)
		posts := 0
		for _, e := range entries {
			if e.Request.Method != "POST" {
				continue
			}
			posts++
			pd := e.Request.PostData
			if pd == nil || !strings.HasPrefix(pd.MimeType, "application/x-www-form-urlencoded") {
				t.Fatalf("POST without its form: %+v", pd)
			}
			var names []string
			for _, p := range pd.Params {
				names = append(names, p.Name)
				want := ""
				if keep && p.Name == "username" {
					want = "alice"
				}
				if p.Value != want {
					t.Errorf("keep=%v: field %s has value %q, want %q", keep, p.Name, p.Value, want)
				}
			}
			if !slices.Equal(names, []string{"_csrf", "username", "password", "signInSubmitButton"}) {
				t.Errorf("field names %v", names)
			}
			if strings.Contains(pd.Text, "canary") || e.Request.BodySize <= 0 {
				t.Errorf("body text %q, size %d", pd.Text, e.Request.BodySize)
			}
		}
		if posts != 2 {
			t.Errorf("%d form posts, want 2", posts)
		}
	}
}

func TestReadWriteEvents(t *testing.T) {
	path := filepath.Join("testdata", "events", "happy.jsonl")
	events := readLog(t, path)
	var buf bytes.Buffer
	if err := WriteEvents(&buf, events); err != nil {
		t.Fatal(err)
	}
	again, err := ReadEvents(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(built(t, again), built(t, events)) {
		t.Error("events written and read back build another capture")
	}
	if _, err := ReadEvents(strings.NewReader("{\"method\":\"Network.loadingFinished\",\"params\":{}}\n{oops\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a broken line: %v", err)
	}
}
