package record

import (
	"context"
	"testing"

	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/standin"
)

// recordScenario runs a stand-in scenario headless and returns the capture,
// the events and the stand-in (closed when the test ends).
func recordScenario(t *testing.T, sc standin.Scenario) (*Capture, []any, *standin.StandIn) {
	t.Helper()
	exe := browsertest.Chromium(t)
	s, err := standin.Start(sc.Options)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	env := standin.Env(s)
	getenv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	steps, err := ParseSteps([]byte(sc.Steps), sc.Name+".yaml", getenv)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{URL: s.AppURL(), Browser: exe, BrowserFlags: s.BrowserFlags(), Headless: true, Steps: steps}
	if sc.Login {
		o.Login = &Login{Provider: "cognito", User: s.User(), Password: s.Password()}
	}
	var events []any
	o.Events = func(ev []any) { events = ev }
	c, err := Record(context.Background(), o)
	if err != nil {
		t.Fatalf("%s: %v", sc.Name, err)
	}
	return c, events, s
}

func TestSmoke(t *testing.T) {
	sc, _ := standin.ScenarioNamed("happy")
	c, events, s := recordScenario(t, sc)
	t.Logf("%d events, %d entries", len(events), len(c.Entries))
	for i, e := range c.Entries {
		t.Logf("%d %s %s %d %v", i, e.Request.Method, e.Request.URL[:min(len(e.Request.URL), 90)], e.Response.Status, e.Response.Header("location") != "")
	}
	for _, sv := range s.Served() {
		t.Logf("served %d %s %s %d %s", sv.Seq, sv.Method, sv.URL, sv.Status, sv.Kind)
	}
}
