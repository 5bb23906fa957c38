// Package record drives a browser through a sign-in and returns the
// session's capture, built as HAR in memory: the engine of `seqdoc record`.
//
//	c, err := record.Record(ctx, record.Options{URL: "https://app.example.com/", Headless: true, Steps: steps})
//	// c.Log, c.Entries: raw (they hold the session's secrets); redact before writing
//
// FindBrowser finds Chrome, Chromium or Edge (PATH names and the usual
// install locations on Linux, macOS and Windows; Options.Browser names
// one). Record starts it through package record/cdp with a throw-away
// profile, opens one tab in a fresh browser context (cookies, storage and
// cache in memory only; downloads refused), keeps the Network and Page
// events that package record/cdphar turns into HAR, and closes the
// browser and removes its profile folder before it returns, on every path.
//
// Two ways to drive it:
//
//   - With a person (the default): a visible window at URL; Options.Status
//     gets the instructions and a live line (requests, AWS steps seen).
//     The recording ends when the window closes, ctx is cancelled (Ctrl-C:
//     the capture so far is returned), the page reaches Options.Until, or
//     Options.Timeout passes.
//   - Headless: Options.Login (the built-in sign-in on Cognito's hosted UI,
//     classic or managed login) and Options.Steps (ParseSteps reads the
//     YAML: goto, fill, click, wait-url, wait, sleep; ${VAR} from the
//     environment) run in order, each within Options.StepTimeout; then the
//     network settles. A step that fails is a *StepError naming it; ctx
//     cancelled is ErrInterrupted. Either way no capture is returned.
//
// Record never writes the capture: the caller sends it through the same
// redact → classify → write pipeline as `seqdoc import`.
package record
