package standin

import (
	"slices"
	"strings"
	"time"
)

// FindingCodes are DESIGN.md's finding codes.
var FindingCodes = []string{
	"logout-keeps-alb-session", "silent-reauth", "redirect-loop", "xhr-auth-redirect",
	"callback-401", "callback-500", "callback-561", "idp-error", "login-failed",
	"session-cookie-sharded", "cookie-header-too-large", "cookie-attributes",
	"sanitized-capture", "capture-incomplete", "capture-inconsistent",
}

// Scenario is a named run: the stand-in's knobs, the browser's steps, and
// the findings a correct tool reports.
type Scenario struct {
	Name        string
	Description string
	Options     Options
	// Steps are the browser's steps in the `seqdoc record --steps` YAML
	// shape. ${STANDIN_USER}, ${STANDIN_PASSWORD} and
	// ${STANDIN_WRONG_PASSWORD} come from Env.
	Steps string
	// Login: sign in with `--login cognito` before the steps.
	Login bool
	// Expected findings must be reported, May findings may be; every
	// other code of FindingCodes is forbidden.
	Expected, May []string
}

func (sc Scenario) forbidden() []string {
	var out []string
	for _, c := range FindingCodes {
		if !slices.Contains(sc.Expected, c) && !slices.Contains(sc.May, c) {
			out = append(out, c)
		}
	}
	return out
}

// Env returns the variables the scenario's steps use, for a stand-in s.
func Env(s *StandIn) map[string]string {
	return map[string]string{
		"STANDIN_USER":           s.User(),
		"STANDIN_PASSWORD":       s.Password(),
		"STANDIN_WRONG_PASSWORD": "wr0ng-" + s.Password()[:3] + "?",
	}
}

const (
	stepsSignIn = `- goto: https://app.example.com/
- fill: {selector: "input[name=username]", value: "${STANDIN_USER}"}
- fill: {selector: "input[name=password]", value: "${STANDIN_PASSWORD}"}
- click: "input[type=submit], button[type=submit]"
`
	stepsApp = `- wait-url: "https://app.example.com/"
- wait: "#rates tr"
- wait: "#me"
`
	stepsSignOut = `- click: "#sign-out"
- wait-url: "https://app.example.com/logged-out"
- wait: "#signed-out"
`
	stepsBackIn = `- click: "#sign-in-again"
- wait-url: "https://app.example.com/"
- wait: "#rates tr"
`
)

// Scenarios are the runs the project records (see the generator in
// internal/standin/testdata) and tests end to end.
var Scenarios = []Scenario{
	{
		Name:        "happy",
		Description: "No session → the ALB's 302 to Cognito sets AWSALBAuthNonce → classic hosted UI sign-in → /oauth2/idpresponse (code redeemed on the back channel) → the app (page, css, js, svg, favicon, two API calls) → Sign out: /logout expires the ALB cookie and JSESSIONID → Cognito /logout → /logged-out.",
		Steps:       stepsSignIn + stepsApp + stepsSignOut,
	},
	{
		Name:        "wrong-password",
		Description: "A wrong password first (200 with #loginErrorMessage), then the right one, then the app.",
		Steps: `- goto: https://app.example.com/
- fill: {selector: "input[name=username]", value: "${STANDIN_USER}"}
- fill: {selector: "input[name=password]", value: "${STANDIN_WRONG_PASSWORD}"}
- click: "input[type=submit], button[type=submit]"
- wait: "#loginErrorMessage"
- fill: {selector: "input[name=username]", value: "${STANDIN_USER}"}
- fill: {selector: "input[name=password]", value: "${STANDIN_PASSWORD}"}
- click: "input[type=submit], button[type=submit]"
` + stepsApp,
		Expected: []string{"login-failed"},
	},
	{
		Name:        "managed-login",
		Description: "The happy path through a managed login page, signed in by `seqdoc record --login cognito`, then Sign out.",
		Options:     Options{ManagedLogin: true},
		Login:       true,
		Steps:       stepsApp + stepsSignOut,
	},
	{
		Name:        "logout-keeps-alb-session",
		Description: "Sign in, Sign out through Cognito, but the app's /logout never expires AWSELBAuthSessionCookie: \"Sign in again\" gets straight back into the app.",
		Options:     Options{LogoutKeepsALBCookie: true},
		Steps:       stepsSignIn + stepsApp + stepsSignOut + stepsBackIn,
		Expected:    []string{"logout-keeps-alb-session"},
	},
	{
		Name:        "silent-reauth",
		Description: "The app's /logout expires the ALB cookie but skips Cognito's /logout: \"Sign in again\" gets a code from Cognito without a sign-in page.",
		Options:     Options{LogoutSkipsCognito: true},
		Steps:       stepsSignIn + stepsApp + stepsSignOut + stepsBackIn,
		Expected:    []string{"silent-reauth"},
	},
	{
		Name:        "sharded-session",
		Description: "Large claims (about 5,000 bytes of groups): the session cookie comes in shards -0, -1 (and -2); the logout expires them all.",
		Options:     Options{ClaimBytes: 5000},
		Steps:       stepsSignIn + stepsApp + stepsSignOut,
		Expected:    []string{"session-cookie-sharded"},
	},
	{
		Name:        "callback-500",
		Description: "Claims plus access token over 11,000 bytes: the ALB answers /oauth2/idpresponse with 500.",
		Options:     Options{ClaimBytes: 12000},
		Steps: stepsSignIn + `- wait-url: "https://app.example.com/oauth2/idpresponse*"
- sleep: 300ms
`,
		Expected: []string{"callback-500"},
	},
	{
		Name:        "callback-561",
		Description: "The token endpoint refuses the code (invalid_grant): the ALB answers /oauth2/idpresponse with 561.",
		Options:     Options{TokenError: true},
		Steps: stepsSignIn + `- wait-url: "https://app.example.com/oauth2/idpresponse*"
- sleep: 300ms
`,
		Expected: []string{"callback-561"},
	},
	{
		Name:        "callback-401",
		Description: "The sign-in took longer than the ALB's client login window: /oauth2/idpresponse answers 401.",
		Options:     Options{LoginTimeout: -1},
		Steps: stepsSignIn + `- wait-url: "https://app.example.com/oauth2/idpresponse*"
- sleep: 300ms
`,
		Expected: []string{"callback-401"},
	},
	{
		Name:        "xhr-auth-redirect",
		Description: "The session times out while the page is open; \"Refresh rates\" calls /api/rates, gets the ALB's 302 to Cognito, and the browser blocks it (CORS).",
		Options:     Options{SessionTimeout: 3 * time.Second},
		Steps: stepsSignIn + stepsApp + `- sleep: 3500ms
- click: "#refresh-rates"
- wait: "#rates-status.error"
`,
		Expected: []string{"xhr-auth-redirect"},
	},
	{
		Name:        "idp-error",
		Description: "The ALB's callback URL is not registered on the app client: Cognito's authorize sends the browser to /error?error=redirect_mismatch.",
		Options:     Options{CallbackMismatch: true},
		Steps: `- goto: https://app.example.com/
- wait: "#errorMessage"
`,
		Expected: []string{"idp-error"},
	},
}

// ScenarioNamed returns the scenario called name.
func ScenarioNamed(name string) (Scenario, bool) {
	for _, sc := range Scenarios {
		if strings.EqualFold(sc.Name, name) {
			return sc, true
		}
	}
	return Scenario{}, false
}
