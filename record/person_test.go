package record

import (
	"bytes"
	"context"
	"github.com/seqdoc/seqdoc/record/cdphar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/standin"
)

// personRun records "with a person" whom nobody plays: the browser gets
// --headless through BrowserFlags (so the test needs no display), and the
// recording must end by itself.
func personRun(t *testing.T, sc standin.Scenario, o Options) (*Capture, string, error) {
	t.Helper()
	exe := browsertest.Chromium(t)
	s := standin.StartTest(t, sc.Options)
	t.Setenv("DISPLAY", ":99") // the visible-window check; the browser runs headless all the same
	var status bytes.Buffer
	o.URL, o.Browser, o.Status = s.AppURL(), exe, &status
	o.BrowserFlags = append(s.BrowserFlags(), "--headless")
	c, err := Record(context.Background(), o)
	return c, status.String(), err
}

// TestPersonUntil: a recording with a person ends when the page reaches
// --until (here Cognito's error page, reached without a click).
func TestPersonUntil(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	sc, _ := standin.ScenarioNamed("idp-error")
	c, status, err := personRun(t, sc, Options{Until: "https://*/error*"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) < 3 || !strings.Contains(c.Entries[len(c.Entries)-1].Request.URL, "/error") && !strings.Contains(c.Entries[len(c.Entries)-2].Request.URL, "/error") {
		t.Errorf("%d entries, ending at %s", len(c.Entries), c.Entries[len(c.Entries)-1].Request.URL)
	}
	for _, want := range []string{"A browser window is open at https://app.example.com/", "Recording stops by itself when the page's address matches https://*/error*",
		"Recording: ", "Recording stopped: the page reached https://*/error*."} {
		if !strings.Contains(status, want) {
			t.Errorf("the terminal lacks %q:\n%s", want, status)
		}
	}
}

// TestPersonTimeout: --timeout ends a recording with a person, and what it
// holds is kept (the sign-in page nobody filled).
func TestPersonTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	sc, _ := standin.ScenarioNamed("happy")
	start := time.Now()
	c, status, err := personRun(t, sc, Options{Timeout: 4 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 4*time.Second {
		t.Errorf("stopped after %v", d)
	}
	if len(c.Entries) < 3 || !strings.Contains(status, "Recording stopped: --timeout 4s passed.") {
		t.Errorf("%d entries; terminal:\n%s", len(c.Entries), status)
	}
}

// TestPersonInterrupted: Ctrl-C (ctx) ends a recording with a person and
// returns what it holds.
func TestPersonInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	exe := browsertest.Chromium(t)
	sc, _ := standin.ScenarioNamed("happy")
	s := standin.StartTest(t, sc.Options)
	t.Setenv("DISPLAY", ":99")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(s.Served()) < 3 { // the sign-in page is there
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
	}()
	var status bytes.Buffer
	c, err := Record(ctx, Options{URL: s.AppURL(), Browser: exe, BrowserFlags: append(s.BrowserFlags(), "--headless"), Status: &status})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) < 3 || !strings.Contains(status.String(), "Recording stopped: Ctrl-C.") {
		t.Errorf("%d entries; terminal:\n%s", len(c.Entries), status.String())
	}
}

// TestLoginClassic: the built-in sign-in on the classic hosted UI (its form
// twice, one hidden), then the steps.
func TestLoginClassic(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	sc, _ := standin.ScenarioNamed("managed-login")
	sc.Name, sc.Options.ManagedLogin = "classic-login", false
	c, _, s := recordScenario(t, sc)
	checkCapture(t, sc, c, s)
	if len(c.Entries) < 10 {
		t.Errorf("%d entries", len(c.Entries))
	}
}

// TestLoginRefused: a wrong password with --login fails the sign-in step,
// saying what the page said.
func TestLoginRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	exe := browsertest.Chromium(t)
	s := standin.StartTest(t, standin.Options{})
	_, err := Record(context.Background(), Options{URL: s.AppURL(), Browser: exe, BrowserFlags: s.BrowserFlags(), Headless: true,
		Login: &Login{Provider: "cognito", User: s.User(), Password: "not-" + s.Password()}, StepTimeout: 20 * time.Second})
	if err == nil || !strings.Contains(err.Error(), `step 2, login cognito: the sign-in page said "Incorrect username or password."`) {
		t.Errorf("got %v", err)
	}
}

// TestLiveStatus: the live line counts the requests and writes the AWS
// steps as import's summary does (those the browser saw, then the
// server-to-server ones implied), replayed from recorded event logs.
func TestLiveStatus(t *testing.T) {
	read := func(name string) []cdphar.Event {
		f, err := os.Open(filepath.Join("cdphar", "testdata", "events", name+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		events, err := cdphar.ReadEvents(f)
		if err != nil {
			t.Fatal(err)
		}
		return events
	}
	for _, tc := range []struct {
		name   string
		events []cdphar.Event
		want   string
	}{
		{"nothing yet", nil, "Recording: 0 requests · AWS steps: none yet"},
		{"the whole happy path", read("happy"), "Recording: 16 requests · AWS steps: 1-3,8,9,11 seen, 4-7,10 implied · logout"},
		{"a wrong password, then the right one", read("wrong-password"), "Recording: 15 requests · AWS steps: 1-3,8,9,11 seen, 4-7,10 implied · app"},
		{"the callback fails", read("callback-500"), "Recording: 9 requests · AWS steps: 1-3 seen, 4-7 implied · login"},
	} {
		if got := liveStatus(tc.events); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
