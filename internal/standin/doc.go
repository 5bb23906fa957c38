// Package standin is a stand-in for an AWS Application Load Balancer with an
// authenticate-cognito rule, the Amazon Cognito hosted UI, and a small web
// application behind them, for tests that drive a real browser through the
// sign-in and sign-out. It behaves as the AWS documentation describes
// (shared/docs/alb-cognito-domain.md) and writes ground-truth labels as it
// serves each request.
//
// # Servers
//
// Start runs three httptest servers on 127.0.0.1:
//
//   - the ALB (TLS, HTTP/2), under Options.AppHost (app.example.com): without
//     a valid AWSELBAuthSessionCookie it answers 302 to Cognito's
//     /oauth2/authorize with client_id, redirect_uri, response_type=code,
//     scope=openid and an encrypted state, and sets AWSALBAuthNonce (step
//     1–2); /oauth2/idpresponse checks the nonce cookie and the 15-minute
//     login window, redeems the code on a real back channel (POST
//     /oauth2/token, then GET /oauth2/userInfo on the Cognito server over
//     TLS: steps 4–7), and answers 302 to the original URL with the session
//     cookie in shards AWSELBAuthSessionCookie-0 … -3 of at most 4,000 bytes
//     (step 8), or 500 when claims plus access token exceed 11,000 bytes or
//     the IdP cannot be reached, 561 when the token endpoint refuses the
//     code, 401 without the nonce cookie or after the login window; with a
//     valid session it forwards the request to the application with the
//     X-Amzn-Oidc-Accesstoken, -Identity and -Data headers (an ES256 JWT
//     with base64 padding, as the ALB writes it) and adds the AWSALB and
//     AWSALBCORS stickiness cookies (steps 9–11). Answers the ALB writes
//     itself carry "server: awselb/2.0". /logged-out is the unauthenticated
//     landing page (a rule without authentication).
//   - Cognito (TLS, HTTP/2), under Options.CognitoHost
//     (myapp.auth.eu-west-1.amazoncognito.com): /oauth2/authorize (302 to
//     /login with XSRF-TOKEN, csrf-state, csrf-state-legacy; straight back
//     with a code when the "cognito" session cookie is valid; 302 to
//     /error?error=redirect_mismatch for an unregistered redirect_uri),
//     /login (GET: the classic hosted UI with its two forms, or a managed
//     login page; POST: _csrf must match XSRF-TOKEN, a wrong password gets
//     200 with #loginErrorMessage, the right one 302 to redirect_uri with
//     code and state and sets "cognito" and "cognito-fl"), /logout
//     (client_id and logout_uri: expires the Cognito cookies, 302 to
//     logout_uri), /oauth2/token, /oauth2/userInfo, /error and /favicon.ico.
//     Every answer carries x-amz-cognito-request-id and "server: Server".
//   - the application (plain HTTP, reached only through the ALB): / (the
//     page loads app.css, app.js and logo.svg, and app.js calls /api/rates
//     and /api/me), /logout (expires JSESSIONID and every ALB session shard,
//     then 302 to Cognito /logout?client_id=…&logout_uri=…/logged-out) and
//     /logged-out.
//
// A browser reaches them under the production host names with the flags
// that BrowserFlags returns: --host-resolver-rules mapping both names to the
// servers' ports (and every other name to nothing, so a test never leaves
// the machine) and --ignore-certificate-errors (the certificates are made
// at start for the two names by a throw-away CA; Client trusts it).
//
// # Knobs
//
// Options carries the scenario knobs: a logout that forgets the ALB cookie
// (or expires only shard 0, or skips Cognito's /logout), the size of an
// extra claim (sharding at about 3,000 bytes, HTTP 500 above 11,000), a
// token endpoint that refuses the code (561), an IdP the ALB cannot reach
// (500), the login window (401), the session timeout (an expired session
// makes the page's fetch calls get the ALB's redirect: a CORS error), an
// unregistered callback URL (redirect_mismatch), no stickiness cookies, and
// the hosted UI's look (classic or managed login). Scenarios lists named
// combinations with the browser steps (in the `seqdoc record --steps` YAML
// shape) and the findings a correct tool reports for each.
//
// # Labels
//
// Every request the browser sends is recorded as it is served (Served):
// the kind of exchange in DESIGN.md's vocabulary, the phase, the AWS steps
// it takes part in, which server answered, and a note; back-channel calls
// are recorded apart (BackChannel). Labels matches the entries of a capture
// of the run (raw or redacted: by method, host and path, in order) with
// what was served and returns a LabelFile in the shape of
// shared/fixtures/har-browser/*.labels.json, with the scenario's expected
// and forbidden findings. Canaries returns every secret the run issued
// (passwords, codes, states, nonces, XSRF tokens, Cognito cookies, session
// shards, stickiness cookies, tokens and their JWT segments, in the forms
// they travel in): none may appear in what a tool writes. A LabelFile
// carries the canaries only when asked (WithCanaries), so that committed
// labels hold none.
//
// # Use
//
//	s, err := standin.Start(standin.Options{})
//	defer s.Close()
//	flags := s.BrowserFlags() // pass to Chromium
//	// drive the browser to s.AppURL(), sign in as s.User() with s.Password() …
//	labels := s.Labels("happy", entries) // entries of the capture, in order
//
// For a browser driven from another language (puppeteer, Playwright),
// `go run ./internal/standin/cmd/standin` starts the stand-in, prints the
// URL, the user, the password and the browser flags as JSON, and serves the
// labels and canaries as JSON on a control port.
package standin
