package record

import (
	"context"
	"testing"

	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/standin"
	"github.com/seqdoc/seqdoc/record/cdphar"
)

// recordScenario runs a stand-in scenario headless and returns the capture,
// the events and the stand-in (closed when the test ends).
func recordScenario(t *testing.T, sc standin.Scenario) (*Capture, []cdphar.Event, *standin.StandIn) {
	t.Helper()
	exe := browsertest.Chromium(t)
	s := standin.StartTest(t, sc.Options)
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
	var events []cdphar.Event
	o.Events = func(ev []cdphar.Event) { events = ev }
	c, err := Record(context.Background(), o)
	if err != nil {
		t.Fatalf("%s: %v", sc.Name, err)
	}
	return c, events, s
}
