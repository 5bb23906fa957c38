package record

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/record/cdp"
)

// runHeadless signs in (Login) and runs the steps, then waits for the
// network to settle.
func runHeadless(ctx context.Context, p *page, rec *recorder, o Options) error {
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	steps := o.Steps
	if o.Login != nil || len(steps) == 0 || steps[0].Kind != "goto" {
		steps = append([]Step{{Kind: "goto", URL: o.URL}}, steps...)
	}
	n := 0
	run := func(st Step, f func(context.Context) error) error {
		n++
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.StepTimeout)
		defer cancel()
		stop := context.AfterFunc(ctx, cancel)
		defer stop()
		err := f(sctx)
		switch {
		case ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
			return fmt.Errorf("the recording took longer than --timeout %s; nothing was written", o.Timeout)
		case ctx.Err() != nil:
			return ErrInterrupted
		case err != nil && errors.Is(err, cdp.ErrClosed) && p.b.Crashed():
			return &StepError{N: n, Step: st, Err: errors.New("the browser crashed")}
		case err != nil && sctx.Err() != nil && errors.Is(sctx.Err(), context.DeadlineExceeded):
			return &StepError{N: n, Step: st, Err: fmt.Errorf("not done after %s (--step-timeout)", o.StepTimeout)}
		case err != nil:
			return &StepError{N: n, Step: st, Err: err}
		}
		return nil
	}
	first := steps[0]
	if err := run(first, func(c context.Context) error { return doStep(c, p, rec, first) }); err != nil {
		return err
	}
	if o.Login != nil {
		st := Step{Kind: "login", Selector: o.Login.Provider}
		if err := run(st, func(c context.Context) error { return cognitoLogin(c, p, rec, o.Login, o.URL) }); err != nil {
			return err
		}
	}
	for _, st := range steps[1:] {
		if err := run(st, func(c context.Context) error { return doStep(c, p, rec, st) }); err != nil {
			return err
		}
	}
	settle(ctx, rec, 500*time.Millisecond, 5*time.Second)
	if ctx.Err() != nil {
		return ErrInterrupted
	}
	return nil
}

// doStep runs one step.
func doStep(ctx context.Context, p *page, rec *recorder, st Step) error {
	switch st.Kind {
	case "goto":
		return p.navigate(ctx, st.URL)
	case "fill":
		return p.fill(ctx, st.Selector, st.Value)
	case "click":
		return p.click(ctx, st.Selector)
	case "wait":
		_, err := p.visible(ctx, st.Selector, true)
		return err
	case "wait-url":
		return waitURL(ctx, rec, st.URL)
	case "sleep":
		select {
		case <-time.After(st.Duration):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return fmt.Errorf("unknown step %q", st.Kind)
}

// navigate opens a URL and waits for the page's load event.
func (p *page) navigate(ctx context.Context, u string) error {
	_, err := p.CallAndWait(ctx, "Page.navigate", map[string]any{"url": u}, "Page.loadEventFired")
	if err != nil && ctx.Err() == nil && !errors.Is(err, cdp.ErrClosed) {
		return fmt.Errorf("the browser could not open %s: %v", redactURL(u), err)
	}
	return err
}

// findJS finds the first element that matches a selector and is visible;
// with scroll, it scrolls it into view. It returns its centre, or null.
const findJS = `(function(sel, scroll) {
  var els;
  try { els = document.querySelectorAll(sel); } catch (e) { return JSON.stringify({error: String(e.message || e)}); }
  for (var i = 0; i < els.length; i++) {
    var el = els[i], st = getComputedStyle(el), r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none') {
      if (scroll) { el.scrollIntoView({block: 'center', inline: 'center'}); r = el.getBoundingClientRect(); }
      return JSON.stringify({x: r.left + r.width / 2, y: r.top + r.height / 2, n: els.length});
    }
  }
  return JSON.stringify({n: els.length});
})`

type found struct {
	X, Y  float64
	N     int
	Error string
}

// eval runs an expression that returns a JSON string, and decodes it.
func (p *page) eval(ctx context.Context, expr string, v any) error {
	var res struct {
		Result *struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := p.Call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res); err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return fmt.Errorf("in the page: %s", res.ExceptionDetails.Text)
	}
	if res.Result == nil || len(res.Result.Value) == 0 {
		return errors.New("no result from the page")
	}
	var s string
	if err := json.Unmarshal(res.Result.Value, &s); err != nil {
		return err
	}
	return json.Unmarshal([]byte(s), v)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// visible waits for the first visible element that matches sel.
func (p *page) visible(ctx context.Context, sel string, scroll bool) (found, error) {
	var last found
	for {
		var f found
		err := p.eval(ctx, findJS+"("+jsString(sel)+","+fmt.Sprint(scroll)+")", &f)
		if errors.Is(err, cdp.ErrClosed) {
			return f, err
		}
		if err == nil && f.Error != "" {
			return f, fmt.Errorf("%q is not a CSS selector: %s", sel, f.Error)
		}
		if err == nil && (f.X != 0 || f.Y != 0) {
			return f, nil
		}
		if err == nil {
			last = f
		}
		select {
		case <-ctx.Done():
			where := p.url(context.WithoutCancel(ctx))
			if last.N > 0 {
				return f, fmt.Errorf("%d element(s) match %q on %s, none of them visible", last.N, sel, where)
			}
			return f, fmt.Errorf("no element matches %q on %s", sel, where)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// url is the page's address without its query, for messages.
func (p *page) url(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var u string
	if p.eval(ctx, "JSON.stringify(location.href)", &u) != nil || u == "" {
		return "the page"
	}
	return redactURL(u)
}

// fill types a value into the first visible field that matches sel,
// replacing what it held.
func (p *page) fill(ctx context.Context, sel, value string) error {
	if _, err := p.visible(ctx, sel, true); err != nil {
		return err
	}
	var ok struct{ OK bool }
	focus := `(function(sel){ var els = document.querySelectorAll(sel);
  for (var i = 0; i < els.length; i++) { var el = els[i], r = el.getBoundingClientRect(), st = getComputedStyle(el);
    if (r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none') {
      el.focus(); if (el.select) el.select();
      if (el.value !== undefined && el.value !== '') { el.value = ''; el.dispatchEvent(new Event('input', {bubbles: true})); }
      return JSON.stringify({ok: true}); } }
  return JSON.stringify({ok: false}); })(` + jsString(sel) + `)`
	if err := p.eval(ctx, focus, &ok); err != nil {
		return err
	}
	if !ok.OK {
		return fmt.Errorf("%q went away before it could be filled", sel)
	}
	if value == "" {
		return nil
	}
	return p.Call(ctx, "Input.insertText", map[string]any{"text": value}, nil)
}

// click clicks the first visible element that matches sel with the mouse,
// as a person would (a user gesture).
func (p *page) click(ctx context.Context, sel string) error {
	f, err := p.visible(ctx, sel, true)
	if err != nil {
		return err
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		params := map[string]any{"type": typ, "x": f.X, "y": f.Y}
		if typ != "mouseMoved" {
			params["button"], params["buttons"], params["clickCount"] = "left", 1, 1
		}
		if err := p.Call(ctx, "Input.dispatchMouseEvent", params, nil); err != nil {
			return err
		}
	}
	return nil
}

// waitURL waits until the main frame's URL matches a pattern.
func waitURL(ctx context.Context, rec *recorder, pattern string) error {
	for {
		u := rec.currentURL()
		if MatchURL(pattern, u) {
			return nil
		}
		select {
		case <-ctx.Done():
			if u == "" {
				u = "nothing yet"
			}
			return fmt.Errorf("the page's URL never matched %q (last: %s)", pattern, redactURL(u))
		case <-rec.changed:
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// redactURL drops a URL's query and fragment (they may hold codes and
// states) for a message.
func redactURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i] + "?…"
	}
	return u
}
