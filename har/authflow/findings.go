package authflow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

// The find functions of the rule table (rules.go), in its order. Each reads
// the classified capture through its pass (entries by position) and
// reports at most one finding.

// logoutKeepsALBSession: after the logout, a request got into the
// application without a new sign-in. With cookies, that request carried
// the old session cookie; without them (sanitized), a page or API call the
// session used before the logout was answered by the application.
func logoutKeepsALBSession(p *pass) {
	ls := p.logout
	if !ls.ok {
		return
	}
	in := p.backInAfterLogout()
	if in < 0 {
		return
	}
	var ents []int
	for x := ls.start; x <= ls.end; x++ {
		switch p.e(x).Kind {
		case KindLogout, KindLogoutCallback, KindIdPLogout:
			ents = append(ents, x)
		}
	}
	ents = append(ents, in)
	how := "no response of the logout expired every AWSELBAuthSessionCookie-N shard"
	fix := "its logout or logout-callback response must expire every AWSELBAuthSessionCookie-N shard (Set-Cookie with Expires in the past, same Path) before redirecting"
	switch {
	case p.flow.Sanitized:
		how = "the capture has no cookies to show which shards were expired"
	case p.logoutExpiredAll():
		how = "the shards were expired, yet the browser still sent the session cookie"
		fix = "the expiring Set-Cookie must use the same Path (/) and Domain as the ALB's, so that the browser drops every shard"
	}
	p.report(ents, fmt.Sprintf(
		"After the logout (%s) %s got into the application without signing in (%s): the application did not end the ALB session; %s.",
		p.refs(ents[:len(ents)-1]), p.refs([]int{in}), how, fix))
}

// backInAfterLogout is the position of the first request after the logout
// sequence that the application answered with the session of before (no
// new sign-in on its host), or -1.
func (p *pass) backInAfterLogout() int {
	ls := p.logout
	before := map[string]bool{} // pages and API calls of the session before the logout
	for i := range ls.start {
		if e := p.e(i); (e.Kind == KindApp || e.Kind == KindAPI) && p.roles.alb[e.Host] {
			before[e.Host+cleanPath(e.Path)] = true
		}
	}
	relogin := map[string]bool{}
	for i := ls.end + 1; i < len(p.obs); i++ {
		e := p.e(i)
		if e.Kind == KindAuthRedirect || e.Kind == KindCallback {
			relogin[e.Host] = true
			continue
		}
		if relogin[e.Host] || !p.roles.alb[e.Host] || e.Failed || e.ALBAnswered || e.Status >= 400 || p.obs[i].cdnHit {
			continue // (a page from CloudFront's cache never reached the ALB)
		}
		if e.Kind != KindApp && e.Kind != KindAPI {
			continue
		}
		in := len(e.Steps) > 0
		if p.flow.Sanitized {
			in = before[e.Host+cleanPath(e.Path)]
		}
		if in {
			return i
		}
	}
	return -1
}

// logoutExpiredAll: some response of the logout sequence expired every
// shard of the ALB session cookie seen in the capture.
func (p *pass) logoutExpiredAll() bool {
	shards := 0
	for _, ck := range p.flow.Cookies {
		if !p.bases.isShard(ck.Name+"-0") || (p.roles.of(ck.Host) != RoleALB && !p.roles.anyALB(ck.SentTo)) {
			continue
		}
		for _, s := range ck.Shards {
			shards++
			if p.logoutExpiry(ck, s) < 0 {
				return false
			}
		}
	}
	return shards > 0
}

// silentReauth: a callback reached from an auth-redirect with no sign-in
// page or form post at the IdP in between.
func silentReauth(p *pass) {
	auths, cbs, federated := p.silentSignIns()
	if len(cbs) == 0 {
		return
	}
	var ents []int
	for k := range cbs {
		ents = append(ents, auths[k], cbs[k])
	}
	cause := "the IdP session cookie (cognito, valid 1 h for every app client of the pool) was still valid"
	endpoint, fix, clients := "the IdP's /logout", "redirect the logout through the IdP's /logout endpoint (client_id and logout_uri)", "app clients"
	switch oidc := p.oidcIdP(); {
	case federated:
		cause = "the federated IdP's own session was still valid (Cognito's /logout does not sign the user out of a social or OIDC IdP)"
	case oidc != "":
		cause = "the IdP's own session (its cookies on " + oidc + ") was still valid"
		endpoint, fix, clients = "the IdP's end-session endpoint", "send the logout on to the IdP's end-session endpoint (id_token_hint and post_logout_redirect_uri)", "applications"
	}
	if p.logout.ok && !p.hasKind(KindIdPLogout) {
		cause += " because the logout never called " + endpoint
	} else {
		cause += " (a logout that skipped the IdP, single sign-on across " + clients + ", or an ALB session timeout shorter than the IdP session)"
	}
	p.report(ents, fmt.Sprintf(
		"The IdP's authorize endpoint answered with a code straight away, without a sign-in page (%s, then the callback %s): %s; to force a new sign-in, %s or add prompt=login to the rule's AuthenticationRequestExtraParams.",
		p.refs(auths), p.refs(cbs), cause, fix))
}

// oidcIdP is the IdP's host when it is not Cognito (an authenticate-oidc
// rule with Okta, Entra ID, Auth0, Keycloak, Google …), or "": the causes
// and fixes then name its end-session endpoint and its application
// registration, not Cognito's /logout and app client.
func (p *pass) oidcIdP() string {
	if len(p.roles.cognito) > 0 {
		return ""
	}
	for _, pt := range p.flow.Participants {
		if pt.Role == RoleIdP && len(pt.Hosts) > 0 {
			return pt.Hosts[0]
		}
	}
	return ""
}

// silentSignIns are the sign-ins without a sign-in page: the positions of
// the IdP redirect that handed out the code and of its callback; federated
// when a federated IdP handed it out.
func (p *pass) silentSignIns() (auths, cbs []int, federated bool) {
	lastAR := -1
	for i, o := range p.obs {
		e := o.out
		if e.Kind == KindAuthRedirect && e.Resource == ResourceDocument {
			lastAR = i
		}
		if e.Kind != KindCallback || lastAR < 0 {
			continue
		}
		interactive, authorize := false, -1
		for x := lastAR + 1; x < i; x++ {
			xe := p.e(x)
			role := p.roles.of(xe.Host)
			if role != RoleIdP && role != RoleFederated {
				continue
			}
			if xe.Method == "POST" || (xe.Resource == ResourceDocument && xe.Status >= 200 && xe.Status < 300) {
				interactive = true
			}
			// The first redirect that hands out a code: Cognito's
			// authorize, or a federated IdP's authorize (Google's is
			// /o/oauth2/v2/auth) answering Cognito at once.
			if authorize < 0 && xe.Kind == KindIdP && isRedirect(xe.Status) && p.obs[x].locQuery["code"] {
				authorize = x
				federated = federated || role == RoleFederated
			}
		}
		// A callback that brought an error (no code) was no sign-in,
		// silent or not (an IdP that failed at once: idp-error).
		if !interactive && authorize >= 0 && o.query["code"] {
			auths = append(auths, authorize)
			cbs = append(cbs, i)
		}
		lastAR = -1
	}
	return auths, cbs, federated
}

// redirectLoopRule: the same chain of page redirects repeats.
func redirectLoopRule(p *pass) {
	if span := redirectLoop(p.flow.Entries); len(span) > 0 {
		p.report(span, fmt.Sprintf(
			"The same redirect chain repeats (%s) without reaching the application: the logout landing page (logout_uri) or the page the callback returns to sits behind an authenticate rule, or the browser did not store the ALB session cookie; serve the landing page from a rule without authentication and check that the AWSELBAuthSessionCookie is stored (Secure, right domain, not blocked).",
			p.refs(span)))
	}
}

// redirectLoop finds the same chain of page redirects repeated back to
// back (at least twice) with no page reached in between, and returns the
// positions of the repetitions.
func redirectLoop(E []*Entry) []int {
	var nav []int // positions of the pages
	for i, e := range E {
		if e.Resource == ResourceDocument {
			nav = append(nav, i)
		}
	}
	sig := func(k int) string {
		e := E[nav[k]]
		return fmt.Sprintf("%s %s%s %d", e.Method, e.Host, cleanPath(e.Path), e.Status)
	}
	for L := 1; L <= 12; L++ {
		for s := 0; s+2*L <= len(nav); s++ {
			if !redirectChain(E, nav[s:s+L]) {
				continue
			}
			reps := 1
			for k := s + L; k+L <= len(nav); k += L {
				same := true
				for j := 0; j < L && same; j++ {
					same = sig(k+j) == sig(s+j)
				}
				if !same {
					break
				}
				reps++
			}
			if reps >= 2 && (L >= 2 || reps >= 3) {
				return slices.Clone(nav[s : s+reps*L])
			}
		}
	}
	return nil
}

// redirectChain: every page of the block is a redirect, and one of them
// takes part in a sign-in or logout.
func redirectChain(E []*Entry, block []int) bool {
	auth := false
	for _, i := range block {
		e := E[i]
		if !isRedirect(e.Status) {
			return false
		}
		switch e.Kind {
		case KindAuthRedirect, KindCallback, KindIdP, KindLogoutCallback:
			auth = true
		}
	}
	return auth
}

// xhrAuthRedirect: a fetch or XHR call got the ALB's redirect to the IdP.
func xhrAuthRedirect(p *pass) {
	var ents []int
	for i, o := range p.obs {
		e := o.out
		if e.Kind != KindAuthRedirect {
			continue
		}
		if e.Resource == ResourceAPI {
			ents = append(ents, i)
			for x := i + 1; x < min(len(p.obs), i+4); x++ {
				if xe := p.e(x); xe.Kind == KindIdP && xe.Resource != ResourceDocument {
					ents = append(ents, x)
					break
				}
			}
			continue
		}
		// Without a resource type or Sec-Fetch-Dest (Firefox, Safari,
		// proxies) a fetch() with Accept */* looks like a page. Its
		// follow-up to the authorize URL gives it away: no response
		// (blocked for CORS) or an Origin header, which navigations do
		// not send on a GET.
		if x := p.authorizeFollowUp(i); x >= 0 && !o.classSure {
			if p.e(x).Failed || p.obs[x].hasOrigin {
				ents = append(ents, i, x)
			}
		}
	}
	if len(ents) > 0 {
		p.report(ents, fmt.Sprintf(
			"A fetch/XHR call got the ALB's redirect to the IdP (%s), which the browser then blocks for CORS: the session expired while the single-page app kept calling its API; make the app reload the page (or send the user to sign in) when an API call is redirected or fails, or have the API's rule answer 401 (OnUnauthenticatedRequest=deny) so the app can react.",
			p.refs(ents)))
	}
}

// authorizeFollowUp is the position of the request, among the next three,
// that followed auth-redirect i to its Location (GET, same host and path),
// or -1.
func (p *pass) authorizeFollowUp(i int) int {
	l := p.obs[i].loc
	if l == nil {
		return -1
	}
	for j := i + 1; j < min(len(p.obs), i+4); j++ {
		x := p.e(j)
		if x.Method == "GET" && x.Host == hostOf(l) && cleanPath(x.Path) == cleanPath(har.EscapedPath(l)) {
			return j
		}
	}
	return -1
}

// callbacksAnswered are the positions of the callbacks the ALB answered
// with status.
func (p *pass) callbacksAnswered(status int) []int {
	var out []int
	for i, o := range p.obs {
		if o.out.Kind == KindCallback && o.out.Status == status {
			out = append(out, i)
		}
	}
	return out
}

// reportCallbacks reports the callbacks the ALB answered with status, in a
// message that names them (msg: a format with one %s).
func (p *pass) reportCallbacks(status int, msg string) {
	if cbs := p.callbacksAnswered(status); len(cbs) > 0 {
		p.report(cbs, fmt.Sprintf(msg, p.refs(cbs)))
	}
}

func callback401(p *pass) {
	p.reportCallbacks(401, "The ALB answered /oauth2/idpresponse with 401 (%s): the AWSALBAuthNonce cookie was missing (the login started on another host name than it ended, such as the ALB DNS name versus a CNAME, or cookies were blocked), the login took over 15 minutes, or the scope returns no ID token; start and finish the login on one host name, sign in within 15 minutes and include openid in the rule's scope.")
}

func callback500(p *pass) {
	p.reportCallbacks(500, "The ALB answered /oauth2/idpresponse with 500 (%s): the user's claims plus access token exceed 11K bytes (too many groups or large custom attributes), or the ALB cannot reach the IdP's token or userInfo endpoint; trim the claims or scopes, and let the ALB reach the IdP over IPv4 on 443 (public DNS, security group and NACL egress, NAT for an internal ALB).")
}

func callback561(p *pass) {
	p.reportCallbacks(561, "The ALB answered /oauth2/idpresponse with 561 (%s): the IdP's token endpoint returned an error, most often because the same code was used twice (Back or refresh on the callback URL; a code is single-use and lives 5 minutes) or the app client's secret is wrong; start again from the application URL, and check the app client secret in the listener rule.")
}

// idpError: the IdP redirected with error= or showed its /error page, or
// the callback brought an error.
func idpError(p *pass) {
	var ents []int
	var errCodes []string
	for i, o := range p.obs {
		e := o.out
		idp := p.roles.answersAsIdP(e.Host)
		switch {
		case idp && o.locQuery["error"]:
		case idp && strings.EqualFold(cleanPath(e.Path), "/error"):
		case e.Kind == KindCallback && o.query["error"]:
		default:
			continue
		}
		ents = append(ents, i)
		if _, known := idpErrorAdvice[o.oauthErr]; known && !slices.Contains(errCodes, o.oauthErr) {
			errCodes = append(errCodes, o.oauthErr)
		}
	}
	if len(ents) > 0 {
		p.report(ents, idpErrorMessage(errCodes, p.refs(ents), p.oidcIdP() != ""))
	}
}

// loginFailed: a sign-in attempt at the IdP was rejected before a later
// one succeeded.
func loginFailed(p *pass) {
	var ents []int
	for i, e := range p.flow.Entries {
		if !p.signIn(i) || p.signInSucceeded(i) {
			continue
		}
		if e.Status != 200 && e.Status != 400 && e.Status != 401 && e.Status != 403 && !p.backToForm(i) {
			continue
		}
		for j := i + 1; j < len(p.obs); j++ {
			if p.samePost(i, j) && p.signInSucceeded(j) {
				ents = append(ents, i)
				break
			}
		}
	}
	if len(ents) > 0 {
		idpName := "Cognito"
		if p.oidcIdP() != "" {
			idpName = "IdP"
		}
		p.report(ents, fmt.Sprintf(
			"The IdP rejected %d sign-in %s (%s) before a later one succeeded: wrong credentials (or a wrong MFA code); nothing to fix in the ALB or %s configuration, but repeated failures can lock the user out.",
			len(ents), plural(len(ents), "attempt", "attempts"), p.refs(ents), idpName))
	}
}

// signIn: the entry at position i posted a form to the IdP that is not a
// sign-up or a password reset.
func (p *pass) signIn(i int) bool {
	e := p.e(i)
	return p.roles.answersAsIdP(e.Host) && e.Method == "POST" && !e.Failed && !nonLoginForm(e.Path)
}

// samePost: the entry at position j posts to the same form as i.
func (p *pass) samePost(i, j int) bool {
	a, b := p.e(i), p.e(j)
	return b.Method == "POST" && b.Host == a.Host && cleanPath(b.Path) == cleanPath(a.Path)
}

// backToForm: the post at position i was sent back to its own form.
func (p *pass) backToForm(i int) bool {
	o := p.obs[i]
	return isRedirect(o.out.Status) && o.loc != nil && hostOf(o.loc) == o.out.Host &&
		cleanPath(har.EscapedPath(o.loc)) == cleanPath(o.out.Path) && !o.locQuery["code"]
}

// signInSucceeded: the post at position i redirected onwards (a code, the
// MFA page, the federated IdP's next hop), or, posted by a script (the
// answer is JSON, not a redirect), a code reached a callback before the
// form was posted again.
func (p *pass) signInSucceeded(i int) bool {
	e := p.e(i)
	switch {
	case p.backToForm(i):
		return false
	case isRedirect(e.Status):
		return true
	case e.Status < 200 || e.Status >= 300:
		return false
	}
	for j := i + 1; j < len(p.obs); j++ {
		x := p.e(j)
		if p.samePost(i, j) {
			return false
		}
		if isCallbackPath(x.Path) && p.obs[j].query["code"] {
			return true
		}
		// A script's post the browser moved on from: the IdP's next page
		// (Google's password page after the account lookup, at the same
		// endpoint with another rpcids).
		if e.Resource != ResourceDocument && x.Resource == ResourceDocument && x.Method == "GET" && x.Host == e.Host &&
			cleanPath(x.Path) != cleanPath(e.Path) && !nonLoginForm(x.Path) && x.Status >= 200 && x.Status < 400 {
			return true
		}
	}
	return false
}

// nonLoginForm: IdP forms that are not a sign-in (sign-up, password reset).
func nonLoginForm(p string) bool {
	p = strings.ToLower(cleanPath(p))
	seg := p[strings.LastIndexByte(p, '/')+1:]
	switch seg {
	case "signup", "confirm", "confirmuser", "resendcode", "forgotpassword", "confirmforgotpassword", "resetpassword", "passkeys", "add":
		return true
	}
	return false
}

// sanitizedCapture: the capture holds no cookie at all.
func sanitizedCapture(p *pass) {
	if p.flow.Sanitized {
		p.report(nil, "The capture holds no Cookie or Set-Cookie header at all: it was exported \"sanitized\" (Chrome's default), so the cookie glossary and the cookie findings are incomplete; in DevTools turn on Settings > Preferences > Network > \"Allow to generate HAR with sensitive data\" and use \"Export HAR (with sensitive data)\" — seqdoc redacts the values itself.")
	}
}

func (p *pass) hasKind(k Kind) bool {
	for _, e := range p.flow.Entries {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// idpErrorAdvice is the likely cause and fix of each OAuth error code a
// Cognito or federated sign-in reports, as one clause. The codes are
// recognised by oauthErrorCode (redaction.go), the one rule the redactor
// and the classifier read.
var idpErrorAdvice = map[string]string{
	"redirect_mismatch":         "the callback URL the listener rule sends, https://<ALB host>/oauth2/idpresponse (all lower case), is not among the app client's allowed callback URLs; add it to the app client in Cognito",
	"invalid_scope":             "the listener rule asks for a scope the app client does not allow (openid is required); make the rule's scope match the app client's allowed scopes",
	"unauthorized_client":       "the app client may not use the authorization code grant, or has no client secret for the ALB; enable the code grant and give the app client a secret",
	"invalid_client":            "the listener rule's client ID or client secret does not match the app client; copy both from Cognito into the rule again",
	"access_denied":             "the user or the federated IdP refused the sign-in (consent denied, or the user is not assigned to the application at the IdP); assign the user at the IdP",
	"invalid_request":           "the authorize request lacks or garbles a parameter (response_type=code, client_id, redirect_uri); check the listener rule's IdP endpoints and client ID",
	"unsupported_response_type": "the app client does not allow response_type=code; enable the authorization code grant",
	"server_error":              "the IdP failed on its side; try again, and check the federated IdP's health if there is one",
	"temporarily_unavailable":   "the IdP is overloaded or down; try again later, and check the federated IdP's status",
}

// oidcWords says idpErrorAdvice's Cognito words for an OIDC IdP's
// application registration.
var oidcWords = strings.NewReplacer(
	"the app client's settings in Cognito", "the application's settings at the IdP",
	"the app client in Cognito", "the application registered at the IdP",
	"the app client's", "the IdP application's",
	"the app client", "the application registered at the IdP",
	"from Cognito", "from the IdP")

// idpErrorMessage names the OAuth error codes the capture shows (codes of
// idpErrorAdvice only), with the cause and fix of the first; without one it
// lists the usual causes. With an OIDC IdP (oidc) it speaks of the
// application registered at the IdP, not of Cognito's app client.
func idpErrorMessage(codes []string, where string, oidc bool) string {
	msg := idpErrorDefault(where)
	if len(codes) > 0 {
		msg = fmt.Sprintf("The IdP reported %s (%s): %s.", strings.Join(codes, ", "), where, idpErrorAdvice[codes[0]])
	}
	if oidc {
		msg = oidcWords.Replace(msg)
	}
	return msg
}

func idpErrorDefault(where string) string {
	return fmt.Sprintf("The IdP reported an error (%s): usually redirect_mismatch (the callback URL https://<host>/oauth2/idpresponse, all lower case, is not among the app client's callback URLs), invalid_scope or unauthorized_client (the app client lacks the scope, the code grant or a client secret), or a federated IdP that timed out; fix the app client's settings in Cognito to match the listener rule.", where)
}
