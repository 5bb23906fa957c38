package record

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// The hosted UI's fields and buttons, in the classic hosted UI (two forms,
// one hidden: the first visible match counts) and in managed login.
const (
	userSelector   = "input[name=username], input[name=email], input[type=email], #signInFormUsername"
	passSelector   = "input[type=password]"
	submitSelector = "input[type=submit], button[type=submit], input[name=signInSubmitButton]"
	errorSelector  = "#loginErrorMessage, .errorMessage-customizable, [role=alert]"
)

// probeJS says what the sign-in page shows.
const probeJS = `(function(){
  function vis(sel){ var els = document.querySelectorAll(sel);
    for (var i = 0; i < els.length; i++) { var el = els[i], r = el.getBoundingClientRect(), st = getComputedStyle(el);
      if (r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none') return el; }
    return null; }
  var u = vis(` + "`" + userSelector + "`" + `), p = vis(` + "`" + passSelector + "`" + `), e = vis(` + "`" + errorSelector + "`" + `);
  return JSON.stringify({user: !!u, userFilled: !!(u && u.value), pass: !!p, error: e ? (e.textContent || '').trim().slice(0, 200) : ''});
})()`

type loginPage struct {
	User, UserFilled, Pass bool
	Error                  string
}

// cognitoLogin fills Cognito's hosted UI (classic or managed login; a
// username-first page too) and waits until the browser is back on the
// application's host.
func cognitoLogin(ctx context.Context, p *page, rec *recorder, l *Login, appURL string) error {
	if l.Provider != "cognito" {
		return fmt.Errorf("no built-in sign-in for %q (known: cognito)", l.Provider)
	}
	app, err := url.Parse(appURL)
	if err != nil {
		return err
	}
	onApp := func() bool {
		u, err := url.Parse(rec.currentURL())
		return err == nil && strings.EqualFold(u.Host, app.Host)
	}
	submitted := 0
	for {
		if submitted > 0 && onApp() {
			settle(ctx, rec, 300*time.Millisecond, 10*time.Second)
			return nil
		}
		var lp loginPage
		perr := p.eval(ctx, probeJS, &lp)
		switch {
		case perr == nil && submitted > 0 && lp.Error != "":
			return fmt.Errorf("the sign-in page said %q", lp.Error)
		case perr == nil && (lp.User && !lp.UserFilled || lp.Pass):
			if submitted >= 3 {
				return fmt.Errorf("the sign-in page asked again after %d tries", submitted)
			}
			if lp.User && !lp.UserFilled {
				if err := p.fill(ctx, userSelector, l.User); err != nil {
					return err
				}
			}
			if lp.Pass {
				if err := p.fill(ctx, passSelector, l.Password); err != nil {
					return err
				}
			}
			before := rec.navigations()
			if err := p.click(ctx, submitSelector); err != nil {
				return fmt.Errorf("no sign-in button: %w", err)
			}
			submitted++
			waitChange(ctx, p, rec, before, lp)
			continue
		case submitted == 0 && onApp() && perr == nil:
			// Nothing to sign in to (yet): the app may still redirect.
			settle(ctx, rec, 500*time.Millisecond, 3*time.Second)
			if onApp() {
				var again loginPage
				if p.eval(ctx, probeJS, &again) == nil && !again.User && !again.Pass {
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			if submitted == 0 {
				return fmt.Errorf("no sign-in page (no visible user name or password field) appeared at %s", redactURL(rec.currentURL()))
			}
			return fmt.Errorf("the browser did not come back to %s after the sign-in (last at %s)", app.Host, redactURL(rec.currentURL()))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// waitChange waits (at most 5 s) until a click had an effect: a new
// navigation, or the page shows something else (a password field, an
// error).
func waitChange(ctx context.Context, p *page, rec *recorder, navs int, was loginPage) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if rec.navigations() != navs {
			settle(ctx, rec, 200*time.Millisecond, 5*time.Second)
			return
		}
		var lp loginPage
		if p.eval(ctx, probeJS, &lp) == nil && (lp.Error != "" || lp.Pass != was.Pass || lp.User != was.User) {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
}
