package record

import (
	"context"
	"fmt"
	"time"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/record/cdphar"
)

// runPerson opens URL in the visible window and records until the person
// closes it, presses Ctrl-C (ctx), the page reaches Until, or Timeout
// passes. It shows the live count on Status.
func runPerson(ctx context.Context, p *page, rec *recorder, o Options) error {
	say := func(format string, args ...any) {
		if o.Status != nil {
			fmt.Fprintf(o.Status, format, args...)
		}
	}
	// Not ctx: a Ctrl-C while the page opens ends the recording below,
	// like any other.
	nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	err := p.Call(nctx, "Page.navigate", map[string]any{"url": o.URL}, nil)
	cancel()
	if err != nil {
		return fmt.Errorf("could not open %s: %v", redactURL(o.URL), err)
	}
	say("A browser window is open at %s, with a new, empty profile (nothing is saved).\n", redactURL(o.URL))
	say("  Sign in, use the application, sign out; then close the window or press Ctrl-C.\n")
	if o.Until != "" {
		say("  Recording stops by itself when the page's address matches %s.\n", o.Until)
	}
	if o.Timeout > 0 {
		say("  Recording stops after %s.\n", o.Timeout)
	}
	var timeout <-chan time.Time
	if o.Timeout > 0 {
		t := time.NewTimer(o.Timeout)
		defer t.Stop()
		timeout = t.C
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	last := ""
	show := func(final bool) {
		line := liveStatus(rec.snapshot())
		if o.Live {
			say("\r\033[K%s", line)
			if final {
				say("\n")
			}
		} else if final || line != last {
			say("%s\n", line)
		}
		last = line
	}
	why := ""
	for why == "" {
		select {
		case <-ctx.Done():
			why = "Ctrl-C"
		case <-p.Detached():
			why = "the window was closed"
		case <-p.b.Exited():
			why = "the browser closed"
			if p.b.Crashed() {
				why = "the browser exited"
			}
		case <-timeout:
			why = "--timeout " + o.Timeout.String() + " passed"
		case <-rec.changed:
			if o.Until != "" && MatchURL(o.Until, rec.currentURL()) {
				settle(ctx, rec, 500*time.Millisecond, 5*time.Second)
				why = "the page reached " + o.Until
			}
		case <-tick.C:
			show(false)
		}
	}
	show(true)
	say("Recording stopped: %s.\n", why)
	return nil
}

// liveStatus is the one-line summary of a recording so far: the requests,
// the AWS steps (those the browser saw, then the server-to-server ones they
// imply, written as import's summary writes them) and the phase reached.
func liveStatus(events []cdphar.Event) string {
	log, entries := cdphar.Build(events, cdphar.Options{})
	f := authflow.Classify(log, entries)
	var phase authflow.Phase
	for _, e := range f.Entries {
		phase = e.Phase
	}
	st := "none yet"
	if seen, hidden := f.AWSSteps(); len(seen) > 0 {
		st = authflow.StepList(seen) + " seen"
		if len(hidden) > 0 {
			st += ", " + authflow.StepList(hidden) + " implied"
		}
	}
	line := fmt.Sprintf("Recording: %d requests · AWS steps: %s", len(entries), st)
	if phase != "" {
		line += " · " + string(phase)
	}
	return line
}
