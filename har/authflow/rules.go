package authflow

import (
	"fmt"
	"strings"
)

// Rule is one finding rule, in the manner of go/analysis's Analyzer: what
// the finding is (its stable code, severity, when it is reported, the
// likely cause and the fix, a line each) and the function that finds it.
// The rule table, Rules, is the one source of the codes (Codes), of
// docs/contract.md's table of findings and the cookbook's findings page
// (both checked against it), of seqdoc check's SARIF rules, and of the
// tests that demand a positive and a near-miss capture of every code.
type Rule struct {
	Code     string
	Severity Severity
	// When says when the rule reports (a line).
	When string
	// Cause is the likely cause, Fix the fix (a line each); a finding's
	// message says both in one sentence, about the entries it names.
	Cause, Fix string
	// run finds it: it calls pass.report at most once.
	run func(p *pass)
}

// FindingsPage is the cookbook's page that explains every finding, one
// heading (an anchor) per code.
const FindingsPage = "https://github.com/seqdoc/seqdoc/blob/main/content/guides/findings.md"

// HelpURL is the rule's section of the findings page.
func (r *Rule) HelpURL() string { return FindingsPage + "#" + r.Code }

// Summary is the rule in one line: "Reported when …".
func (r *Rule) Summary() string { return "Reported when " + r.When + "." }

// Help is the rule's help text: the likely cause and the fix.
func (r *Rule) Help() string {
	return "Likely cause: " + r.Cause + ". Fix: " + r.Fix + "."
}

// Rules is the rule table, in the order findings are reported. Add a rule
// here (a new code: never rename one), its function beside its family
// (findings.go, findings_cookies.go), a positive and a near-miss capture
// (findingCases in findings_test.go), its section on the findings page;
// docs/contract.md's row is written from the table (go test -update).
var Rules = []Rule{
	{Code: CodeLogoutKeepsALBSession, Severity: SeverityError,
		When:  "no response after the logout expired every `AWSELBAuthSessionCookie-*` shard, and a later request got in without signing in",
		Cause: "the application's logout (or logout-callback) response does not end the ALB session",
		Fix:   "expire every `AWSELBAuthSessionCookie-N` shard (`Set-Cookie` with `Expires` in the past, same `Path`) before redirecting",
		run:   logoutKeepsALBSession},
	{Code: CodeSilentReauth, Severity: SeverityWarning,
		When:  "the IdP's authorize answered with a code at once, with no sign-in page in between",
		Cause: "the IdP's session cookie (Cognito's `cognito`, 1 h for every app client of the pool) was still valid: a logout that skipped the IdP, single sign-on across app clients, or an ALB session shorter than the IdP's",
		Fix:   "send the logout through the IdP's `/logout` (`client_id`, `logout_uri`), or add `prompt=login` to the rule's `AuthenticationRequestExtraParams`",
		run:   silentReauth},
	{Code: CodeRedirectLoop, Severity: SeverityError,
		When:  "the same redirect chain repeats without reaching the application",
		Cause: "the logout landing page (`logout_uri`) or the page the callback returns to sits behind an authenticate rule, or the browser did not store the session cookie",
		Fix:   "serve the landing page from a rule without authentication; check that the session cookie is stored (`Secure`, right domain, not blocked)",
		run:   redirectLoopRule},
	{Code: CodeXHRAuthRedirect, Severity: SeverityError,
		When:  "a fetch/XHR call got the ALB's redirect to the IdP (which the browser then blocks for CORS)",
		Cause: "the session expired while a single-page app kept calling its API",
		Fix:   "reload the page (or send the user to sign in) when an API call is redirected or fails, or have the API's rule answer 401 (`OnUnauthenticatedRequest=deny`)",
		run:   xhrAuthRedirect},
	{Code: CodeCallback401, Severity: SeverityError,
		When:  "the ALB answered `/oauth2/idpresponse` with 401",
		Cause: "the `AWSALBAuthNonce` cookie was missing (the sign-in started on another host name than it ended, or cookies were blocked), the sign-in took over 15 minutes, or the scope returns no ID token",
		Fix:   "start and finish on one host name, sign in within 15 minutes, include `openid` in the rule's scope",
		run:   callback401},
	{Code: CodeCallback500, Severity: SeverityError,
		When:  "the ALB answered `/oauth2/idpresponse` with 500",
		Cause: "the claims plus the access token exceed 11K bytes, or the ALB cannot reach the IdP's token or userInfo endpoint",
		Fix:   "trim the claims or scopes; let the ALB reach the IdP over IPv4 on 443 (DNS, security group and NACL egress, NAT for an internal ALB)",
		run:   callback500},
	{Code: CodeCallback561, Severity: SeverityError,
		When:  "the ALB answered `/oauth2/idpresponse` with 561",
		Cause: "the IdP's token endpoint returned an error: most often the same code used twice (Back or refresh on the callback URL), or a wrong app client secret",
		Fix:   "start again from the application URL; check the client secret in the listener rule",
		run:   callback561},
	{Code: CodeIdPError, Severity: SeverityError,
		When:  "the IdP redirected with `error=` or showed its `/error` page",
		Cause: "`redirect_mismatch` (the callback URL, all lower case, is not among the app client's), `invalid_scope`, `unauthorized_client`, an IdP timeout",
		Fix:   "the message names the OAuth code and its fix, e.g. add `https://<ALB host>/oauth2/idpresponse` to the app client's allowed callback URLs",
		run:   idpError},
	{Code: CodeLoginFailed, Severity: SeverityInfo,
		When:  "a sign-in attempt at the IdP was rejected before a later one succeeded",
		Cause: "wrong credentials (or a wrong MFA code)",
		Fix:   "nothing to change in the ALB or Cognito; repeated failures can lock the user out",
		run:   loginFailed},
	{Code: CodeSessionCookieSharded, Severity: SeverityWarning,
		When:  "the ALB's session cookie came in more than one shard (`-0`, `-1` …)",
		Cause: "large claims (groups, custom attributes)",
		Fix:   "the logout must expire every shard (up to 4); trim the claims or scopes to keep the `Cookie` header under the 16K limit",
		run:   sessionCookieSharded},
	{Code: CodeCookieHeaderTooLarge, Severity: SeverityError,
		When:  "a 400 answered a request whose `Cookie` header is large",
		Cause: "the session's shards, the stickiness cookies and the application's cookies exceed the 16K header limit (or the target's smaller one)",
		Fix:   "trim the claims, drop unused application cookies, raise the target's header limit",
		run:   cookieHeaderTooLarge},
	{Code: CodeCookieAttributes, Severity: SeverityWarning,
		When:  "the ALB's session cookie or the application's session cookie (e.g. `JSESSIONID`) lacks `Secure` or `HttpOnly` (not the `AWSALB*` stickiness cookies, which never carry `HttpOnly`)",
		Cause: "an HTTP listener, or the application sets the cookie itself",
		Fix:   "serve through an HTTPS listener; set `Secure` and `HttpOnly` on the application's session cookie",
		run:   cookieAttributes},
	{Code: CodeSanitizedCapture, Severity: SeverityInfo,
		When:  "the capture holds no `Cookie` or `Set-Cookie` header at all",
		Cause: "it was exported \"sanitized\" (Chrome's default): the glossary and the cookie findings are incomplete",
		Fix:   "export again with the cookies (DevTools: Settings > Preferences > Network > \"Allow to generate HAR with sensitive data\", then \"Export HAR (with sensitive data)\"); seqdoc redacts the values itself",
		run:   sanitizedCapture},
	{Code: CodeCaptureIncomplete, Severity: SeverityWarning,
		When:  "the capture does not hold the whole sign-in: it is empty, holds no exchange with an ALB that authenticates, or starts after a sign-in began (its first exchange with the ALB or the IdP is the IdP's page, a post or call to the IdP, its redirect back, the callback, or an application page the browser reached from the IdP's sign-in); a capture that starts signed in is complete",
		Cause: "recorded without \"Preserve log\" (Chrome, Edge) or \"Persist Logs\" (Firefox), so the log was cleared when the page changed; the recording started after the application was opened; another tab was recorded",
		Fix:   "record again with the developer tools open on the Network panel before opening the application and the log kept across pages, or with `seqdoc record URL`; the message names the steps that are missing (for example \"steps #1–#2 are not in the capture\")",
		run:   captureIncomplete},
	{Code: CodeCaptureInconsistent, Severity: SeverityWarning,
		When:  "response headers contradict the URLs and the redirect chain: a `Location` on a response that is no redirect (a `200`), a `Location` header other than the entry's `redirectURL`, a redirect to its own URL, `x-amz-cognito-request-id` on the application's host, the ALB's `AWSELBAuthSessionCookie-*` or `AWSALBAuthNonce` set by the IdP's host, the IdP sending the browser to the application outside its `redirect_uri`; seqdoc follows the URLs and sets those headers aside",
		Cause: "the exporter attached headers to the wrong entries of a redirect chain, as chrome-har 1.x and the tools built on it do (browsertime, sitespeed.io, puppeteer HAR recorders)",
		Fix:   "export the capture from the browser's developer tools (Network panel, Export HAR) or record it with `seqdoc record URL`",
		run:   captureInconsistent},
}

// RuleFor returns the rule of a code, or nil.
func RuleFor(code string) *Rule {
	for i := range Rules {
		if Rules[i].Code == code {
			return &Rules[i]
		}
	}
	return nil
}

// pass is what a rule's function reads and reports to: the view of the
// classified capture (entries by position, roles, the ALB session cookie's
// names, the flow with its cookies and headers, the logout sequence).
type pass struct {
	*view
	rule     *Rule
	findings []Finding
}

// report adds the rule's finding: the entries it names by position (the
// flow names them by Index once every rule has run) and its one-sentence
// message.
func (p *pass) report(positions []int, msg string) {
	if positions == nil {
		positions = []int{}
	}
	p.findings = append(p.findings, Finding{Code: p.rule.Code, Severity: p.rule.Severity, Entries: positions, Message: msg})
}

// findings runs the rule table, in order.
func (v *view) findings() []Finding {
	p := &pass{view: v, findings: []Finding{}}
	for i := range Rules {
		p.rule = &Rules[i]
		p.rule.run(p)
	}
	return p.findings
}

// e is the entry at position i.
func (p *pass) e(i int) *Entry { return p.obs[i].out }

// refs writes entries (by position) as the message names them, by Index:
// "#3, #4 and #9".
func (p *pass) refs(positions []int) string {
	idx := make([]int, len(positions))
	for k, i := range positions {
		idx[k] = p.obs[i].out.Index
	}
	return refs(idx)
}

// refs writes entry indexes as "#3, #4 and #9".
func refs(idx []int) string {
	var parts []string
	for i, x := range idx {
		if i == 6 && len(idx) > 7 {
			parts = append(parts, fmt.Sprintf("%d more", len(idx)-6))
			break
		}
		parts = append(parts, fmt.Sprintf("#%d", x))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
