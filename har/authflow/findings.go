package authflow

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

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

// appSessionCookies are common application session cookie names.
var appSessionCookies = map[string]bool{
	"jsessionid": true, "phpsessid": true, "asp.net_sessionid": true, "connect.sid": true,
	"laravel_session": true, "_session_id": true, "sessionid": true, "session": true, "sid": true,
	"seraph.confluence": true, "ci_session": true, "cfid": true, "cftoken": true,
	".aspnetcore.session": true, ".aspnetcore.cookies": true, "express.sid": true, "koa.sess": true,
}

func isAppSessionCookie(name string) bool {
	n := strings.ToLower(name)
	return appSessionCookies[n] || strings.HasPrefix(n, "aspsessionid") || (strings.HasPrefix(n, "_") && strings.HasSuffix(n, "_session"))
}

func (c *Classifier) findings(f *Flow, r *roles, bases map[string]bool) []Finding {
	out := []Finding{}
	add := func(code string, sev Severity, entries []int, msg string) {
		if entries == nil {
			entries = []int{}
		}
		out = append(out, Finding{Code: code, Entries: entries, Message: msg, Severity: sev})
	}
	E := f.Entries

	// Callback errors.
	var cb401, cb500, cb561 []int
	for _, e := range E {
		if e.Kind != KindCallback {
			continue
		}
		switch e.Status {
		case 401:
			cb401 = append(cb401, e.Index)
		case 500:
			cb500 = append(cb500, e.Index)
		case 561:
			cb561 = append(cb561, e.Index)
		}
	}

	// logout-keeps-alb-session: after the logout, a request got into the
	// application without a new sign-in. With cookies, that request carried
	// the old session cookie; without them (sanitized), a page or API call
	// the session used before the logout was answered by the application.
	if ls, le, ok := logoutSpan(f); ok {
		expiredAll := !f.Sanitized && c.logoutExpiredAll(f, r, bases, ls, le)
		before := map[string]bool{}
		for _, e := range E[:ls] {
			if (e.Kind == KindApp || e.Kind == KindAPI) && r.alb[e.Host] {
				before[e.Host+cleanPath(e.Path)] = true
			}
		}
		relogin := map[string]bool{}
		for _, e := range E[le+1:] {
			if e.Kind == KindAuthRedirect || e.Kind == KindCallback {
				relogin[e.Host] = true
				continue
			}
			if relogin[e.Host] || !r.alb[e.Host] || e.Failed || e.ALBAnswered || e.Status >= 400 || c.obs[e.Index].cdnHit {
				continue // (a page from CloudFront's cache never reached the ALB)
			}
			if e.Kind != KindApp && e.Kind != KindAPI {
				continue
			}
			in := len(e.Steps) > 0
			if f.Sanitized {
				in = before[e.Host+cleanPath(e.Path)]
			}
			if !in {
				continue
			}
			var ents []int
			for _, x := range E[ls : le+1] {
				if x.Kind == KindLogout || x.Kind == KindLogoutCallback || x.Kind == KindIdPLogout {
					ents = append(ents, x.Index)
				}
			}
			ents = append(ents, e.Index)
			how := "no response of the logout expired every AWSELBAuthSessionCookie-N shard"
			fix := "its logout or logout-callback response must expire every AWSELBAuthSessionCookie-N shard (Set-Cookie with Expires in the past, same Path) before redirecting"
			switch {
			case f.Sanitized:
				how = "the capture has no cookies to show which shards were expired"
			case expiredAll:
				how = "the shards were expired, yet the browser still sent the session cookie"
				fix = "the expiring Set-Cookie must use the same Path (/) and Domain as the ALB's, so that the browser drops every shard"
			}
			add(CodeLogoutKeepsALBSession, SeverityError, ents, fmt.Sprintf(
				"After the logout (%s) %s got into the application without signing in (%s): the application did not end the ALB session; %s.",
				refs(ents[:len(ents)-1]), refs([]int{e.Index}), how, fix))
			break
		}
	}

	// silent-reauth: a callback reached from an auth-redirect with no
	// sign-in page or form post at the IdP in between.
	{
		var ents, auths, cbs []int
		lastAR := -1
		federated := false
		for i, e := range E {
			if e.Kind == KindAuthRedirect && e.Resource == "document" {
				lastAR = i
			}
			if e.Kind != KindCallback || lastAR < 0 {
				continue
			}
			interactive, authorize := false, -1
			for _, x := range E[lastAR+1 : i] {
				role := r.of(x.Host)
				if role != RoleIdP && role != RoleFederated {
					continue
				}
				if x.Method == "POST" || (x.Resource == "document" && x.Status >= 200 && x.Status < 300) {
					interactive = true
				}
				// The first redirect that hands out a code: Cognito's
				// authorize, or a federated IdP's authorize (Google's is
				// /o/oauth2/v2/auth) answering Cognito at once.
				if authorize < 0 && x.Kind == KindIdP && isRedirect(x.Status) && c.obs[x.Index].locQuery["code"] {
					authorize = x.Index
					if role == RoleFederated {
						federated = true
					}
				}
			}
			// A callback that brought an error (no code) was no sign-in,
			// silent or not (an IdP that failed at once: idp-error).
			if !interactive && authorize >= 0 && c.obs[i].query["code"] {
				ents = append(ents, authorize, e.Index)
				auths = append(auths, authorize)
				cbs = append(cbs, e.Index)
			}
			lastAR = -1
		}
		if len(ents) > 0 {
			cause := "the IdP session cookie (cognito, valid 1 h for every app client of the pool) was still valid"
			if federated {
				cause = "the federated IdP's own session was still valid (Cognito's /logout does not sign the user out of a social or OIDC IdP)"
			}
			if _, _, ok := logoutSpan(f); ok && !hasKind(f, KindIdPLogout) {
				cause += " because the logout never called the IdP's /logout"
			} else {
				cause += " (a logout that skipped the IdP, single sign-on across app clients, or an ALB session timeout shorter than the IdP session)"
			}
			add(CodeSilentReauth, SeverityWarning, ents, fmt.Sprintf(
				"The IdP's authorize endpoint answered with a code straight away, without a sign-in page (%s, then the callback %s): %s; to force a new sign-in, redirect the logout through the IdP's /logout endpoint (client_id and logout_uri) or add prompt=login to the rule's AuthenticationRequestExtraParams.",
				refs(auths), refs(cbs), cause))
		}
	}

	// redirect-loop
	if span := redirectLoop(E); len(span) > 0 {
		add(CodeRedirectLoop, SeverityError, span, fmt.Sprintf(
			"The same redirect chain repeats (%s) without reaching the application: the logout landing page (logout_uri) or the page the callback returns to sits behind an authenticate rule, or the browser did not store the ALB session cookie; serve the landing page from a rule without authentication and check that the AWSELBAuthSessionCookie is stored (Secure, right domain, not blocked).",
			refs(span)))
	}

	// xhr-auth-redirect
	{
		var ents []int
		for i, e := range E {
			if e.Kind != KindAuthRedirect {
				continue
			}
			if e.Resource == "api" {
				ents = append(ents, e.Index)
				for _, x := range E[i+1 : min(len(E), i+4)] {
					if x.Kind == KindIdP && x.Resource != "document" {
						ents = append(ents, x.Index)
						break
					}
				}
				continue
			}
			// Without a resource type or Sec-Fetch-Dest (Firefox, Safari,
			// proxies) a fetch() with Accept */* looks like a page. Its
			// follow-up to the authorize URL gives it away: no response
			// (blocked for CORS) or an Origin header, which navigations
			// do not send on a GET.
			if x := c.authorizeFollowUp(i); x >= 0 && !c.obs[i].classSure {
				if fo := c.obs[x]; E[x].Failed || fo.hasOrigin {
					ents = append(ents, e.Index, x)
				}
			}
		}
		if len(ents) > 0 {
			add(CodeXHRAuthRedirect, SeverityError, ents, fmt.Sprintf(
				"A fetch/XHR call got the ALB's redirect to the IdP (%s), which the browser then blocks for CORS: the session expired while the single-page app kept calling its API; make the app reload the page (or send the user to sign in) when an API call is redirected or fails, or have the API's rule answer 401 (OnUnauthenticatedRequest=deny) so the app can react.",
				refs(ents)))
		}
	}

	if len(cb401) > 0 {
		add(CodeCallback401, SeverityError, cb401, fmt.Sprintf(
			"The ALB answered /oauth2/idpresponse with 401 (%s): the AWSALBAuthNonce cookie was missing (the login started on another host name than it ended, such as the ALB DNS name versus a CNAME, or cookies were blocked), the login took over 15 minutes, or the scope returns no ID token; start and finish the login on one host name, sign in within 15 minutes and include openid in the rule's scope.",
			refs(cb401)))
	}
	if len(cb500) > 0 {
		add(CodeCallback500, SeverityError, cb500, fmt.Sprintf(
			"The ALB answered /oauth2/idpresponse with 500 (%s): the user's claims plus access token exceed 11K bytes (too many groups or large custom attributes), or the ALB cannot reach the IdP's token or userInfo endpoint; trim the claims or scopes, and let the ALB reach the IdP over IPv4 on 443 (public DNS, security group and NACL egress, NAT for an internal ALB).",
			refs(cb500)))
	}
	if len(cb561) > 0 {
		add(CodeCallback561, SeverityError, cb561, fmt.Sprintf(
			"The ALB answered /oauth2/idpresponse with 561 (%s): the IdP's token endpoint returned an error, most often because the same code was used twice (Back or refresh on the callback URL; a code is single-use and lives 5 minutes) or the app client's secret is wrong; start again from the application URL, and check the app client secret in the listener rule.",
			refs(cb561)))
	}

	// idp-error
	{
		var ents []int
		var errCodes []string
		for i, o := range c.obs {
			e := E[i]
			role := r.of(e.Host)
			switch {
			case (role == RoleIdP || role == RoleFederated) && o.locQuery["error"]:
			case (role == RoleIdP || role == RoleFederated) && strings.EqualFold(cleanPath(e.Path), "/error"):
			case e.Kind == KindCallback && o.query["error"]:
			default:
				continue
			}
			ents = append(ents, e.Index)
			if _, known := idpErrorAdvice[o.oauthErr]; known && !slices.Contains(errCodes, o.oauthErr) {
				errCodes = append(errCodes, o.oauthErr)
			}
		}
		if len(ents) > 0 {
			add(CodeIdPError, SeverityError, ents, idpErrorMessage(errCodes, refs(ents)))
		}
	}

	// login-failed
	{
		var ents []int
		signIn := func(i int) bool {
			e := E[i]
			role := r.of(e.Host)
			return (role == RoleIdP || role == RoleFederated) && e.Method == "POST" && !e.Failed && !nonLoginForm(e.Path)
		}
		samePost := func(i, j int) bool {
			return E[j].Method == "POST" && E[j].Host == E[i].Host && cleanPath(E[j].Path) == cleanPath(E[i].Path)
		}
		backToForm := func(i int) bool {
			o := c.obs[i]
			return isRedirect(E[i].Status) && o.loc != nil && hostOf(o.loc) == E[i].Host &&
				cleanPath(har.EscapedPath(o.loc)) == cleanPath(E[i].Path) && !o.locQuery["code"]
		}
		// succeeded: the post redirected onwards (a code, the MFA page,
		// the federated IdP's next hop), or, posted by a script (the
		// answer is JSON, not a redirect), a code reached a callback
		// before the form was posted again.
		succeeded := func(i int) bool {
			if backToForm(i) {
				return false
			}
			if isRedirect(E[i].Status) {
				return true
			}
			if E[i].Status < 200 || E[i].Status >= 300 {
				return false
			}
			for j := i + 1; j < len(E); j++ {
				if samePost(i, j) {
					return false
				}
				if isCallbackPath(E[j].Path) && c.obs[j].query["code"] {
					return true
				}
				// A script's post the browser moved on from: the IdP's
				// next page (Google's password page after the account
				// lookup, at the same endpoint with another rpcids).
				if E[i].Resource != "document" && E[j].Resource == "document" && E[j].Method == "GET" && E[j].Host == E[i].Host &&
					cleanPath(E[j].Path) != cleanPath(E[i].Path) && !nonLoginForm(E[j].Path) && E[j].Status >= 200 && E[j].Status < 400 {
					return true
				}
			}
			return false
		}
		for i, e := range E {
			if !signIn(i) || succeeded(i) {
				continue
			}
			if e.Status != 200 && e.Status != 400 && e.Status != 401 && e.Status != 403 && !backToForm(i) {
				continue
			}
			for j := i + 1; j < len(E); j++ {
				if samePost(i, j) && succeeded(j) {
					ents = append(ents, e.Index)
					break
				}
			}
		}
		if len(ents) > 0 {
			add(CodeLoginFailed, SeverityInfo, ents, fmt.Sprintf(
				"The IdP rejected %d sign-in %s (%s) before a later one succeeded: wrong credentials (or a wrong MFA code); nothing to fix in the ALB or Cognito configuration, but repeated failures can lock the user out.",
				len(ents), plural(len(ents), "attempt", "attempts"), refs(ents)))
		}
	}

	// session-cookie-sharded
	if !f.Sanitized {
		var ents []int
		maxShards := 0
		for _, ck := range f.Cookies {
			if !isSessionShard(ck.Name+"-0", bases) {
				continue
			}
			sharded := len(ck.Shards) > 1
			for _, s := range ck.Shards {
				if _, n, ok := shardOf(s); ok && n >= 1 {
					sharded = true
				}
			}
			if !sharded {
				continue
			}
			maxShards = max(maxShards, len(ck.Shards))
			if len(ck.SetBy) > 0 {
				ents = append(ents, ck.SetBy...)
			} else if len(ck.SentIn) > 0 {
				ents = append(ents, ck.SentIn[0])
			}
		}
		if len(ents) > 0 {
			// A logout that expired some shards but not all (often -0
			// alone) leaves the others in the browser: say so here.
			partial := ""
			if ls, le, ok := logoutSpan(f); ok {
				for _, ck := range f.Cookies {
					if !isSessionShard(ck.Name+"-0", bases) || len(ck.Shards) < 2 {
						continue
					}
					var done, left []string
					by := -1
					for _, sh := range ck.Shards {
						hit := false
						for _, x := range ck.ExpiredBy {
							if x >= ls && x <= le && c.expiresShard(x, sh) {
								hit = true
								if by < 0 {
									by = x
								}
							}
						}
						if hit {
							done = append(done, sh)
						} else {
							left = append(left, sh)
						}
					}
					if len(done) > 0 && len(left) > 0 {
						ents = append(ents, by)
						partial = fmt.Sprintf(" The logout (%s) expired only %s and left %s in the browser: expire every shard.", refs([]int{by}), strings.Join(done, ", "), strings.Join(left, ", "))
						break
					}
				}
			}
			ents = uniqSorted(ents)
			add(CodeSessionCookieSharded, SeverityWarning, ents, fmt.Sprintf(
				"The ALB session cookie came in %d shards (%s): the user's claims are large (groups, custom attributes); it works, but logout must expire every AWSELBAuthSessionCookie-N shard (up to 4), and the Cookie header grows towards the 16K limit, so trim the claims or scopes if you can.%s",
				maxShards, refs(ents), partial))
		}
	}

	// cookie-header-too-large
	{
		var ents []int
		for i, o := range c.obs {
			e := E[i]
			if e.Status != 400 && e.Status != 431 && e.Status != 494 {
				continue
			}
			// The Cookie header as captured, or, when a sanitizer dropped
			// it or replaced its values ("[name redacted]"), the request's
			// headersSize (which sanitizers leave) less its URL.
			size := o.cookieHeaderLen
			if hs := int(o.reqHeadersSize) - len(e.URL); o.reqHeadersSize > 0 && hs > size {
				size = hs
			}
			if size >= 8*1024 {
				ents = append(ents, e.Index)
			}
		}
		if len(ents) > 0 {
			add(CodeCookieHeaderTooLarge, SeverityError, ents, fmt.Sprintf(
				"A 400 answered a request with a large Cookie header (%s): the ALB session shards plus stickiness and application cookies exceed the 16K header limit (or the target's smaller one); trim the claims, drop unused application cookies, and raise the target's header limit.",
				refs(ents)))
		}
	}

	// cookie-attributes
	{
		var ents []int
		missing := map[string][]string{}
		var names []string
		for i, o := range c.obs {
			e := E[i]
			if r.of(e.Host) != RoleALB {
				continue
			}
			bad := false
			for _, sc := range o.setCookies {
				if sc.expired || !(isSessionShard(sc.name, bases) || isAppSessionCookie(sc.name)) {
					continue
				}
				var m []string
				if !sc.attrs.Secure {
					m = append(m, "Secure")
				}
				if !sc.attrs.HTTPOnly {
					m = append(m, "HttpOnly")
				}
				if len(m) == 0 {
					continue
				}
				bad = true
				if _, ok := missing[sc.name]; !ok {
					names = append(names, sc.name)
				}
				missing[sc.name] = m
			}
			if bad {
				ents = append(ents, e.Index)
			}
		}
		if len(ents) > 0 {
			var parts []string
			for _, n := range names {
				parts = append(parts, n+" without "+strings.Join(missing[n], " and "))
			}
			add(CodeCookieAttributes, SeverityWarning, ents, fmt.Sprintf(
				"A session cookie was set without its protective attributes (%s, by %s): the listener is HTTP or the application sets the cookie itself; serve the application through an HTTPS listener and set Secure and HttpOnly on the application's session cookie.",
				strings.Join(parts, "; "), refs(ents)))
		}
	}

	if f.Sanitized {
		add(CodeSanitizedCapture, SeverityInfo, []int{}, "The capture holds no Cookie or Set-Cookie header at all: it was exported \"sanitized\" (Chrome's default), so the cookie glossary and the cookie findings are incomplete; in DevTools turn on Settings > Preferences > Network > \"Allow to generate HAR with sensitive data\" and use \"Export HAR (with sensitive data)\" — seqdoc redacts the values itself.")
	}
	out = append(out, c.captureFindings(f, r)...)
	sort.SliceStable(out, func(i, j int) bool { return codeRank(out[i].Code) < codeRank(out[j].Code) })
	return out
}

// authorizeFollowUp is the index of the request, among the next three, that
// followed auth-redirect i to its Location (GET, same host and path), or -1.
func (c *Classifier) authorizeFollowUp(i int) int {
	l := c.obs[i].loc
	if l == nil {
		return -1
	}
	for j := i + 1; j < min(len(c.obs), i+4); j++ {
		x := c.obs[j].out
		if x.Method == "GET" && x.Host == hostOf(l) && cleanPath(x.Path) == cleanPath(har.EscapedPath(l)) {
			return j
		}
	}
	return -1
}

// logoutExpiredAll: some response of the logout span expired every shard of
// the ALB session cookie seen in the capture.
func (c *Classifier) logoutExpiredAll(f *Flow, r *roles, bases map[string]bool, ls, le int) bool {
	shards := 0
	for _, ck := range f.Cookies {
		if !isSessionShard(ck.Name+"-0", bases) || (r.of(ck.Host) != RoleALB && !anyALB(ck.SentTo, r)) {
			continue
		}
		for _, s := range ck.Shards {
			shards++
			expired := false
			for _, x := range ck.ExpiredBy {
				if x >= ls && x <= le && c.expiresShard(x, s) {
					expired = true
				}
			}
			if !expired {
				return false
			}
		}
	}
	return shards > 0
}

func codeRank(code string) int {
	for i, c := range Codes {
		if c == code {
			return i
		}
	}
	return len(Codes)
}

func anyALB(hosts []string, r *roles) bool {
	for _, h := range hosts {
		if r.alb[h] {
			return true
		}
	}
	return false
}

func hasKind(f *Flow, k Kind) bool {
	for _, e := range f.Entries {
		if e.Kind == k {
			return true
		}
	}
	return false
}

func uniqSorted(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
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

// redirectLoop finds the same chain of page redirects repeated back to
// back (at least twice) with no page reached in between, and returns the
// entries of the repetitions.
func redirectLoop(E []*Entry) []int {
	var nav []*Entry
	for _, e := range E {
		if e.Resource == "document" {
			nav = append(nav, e)
		}
	}
	sig := func(e *Entry) string { return fmt.Sprintf("%s %s%s %d", e.Method, e.Host, cleanPath(e.Path), e.Status) }
	for L := 1; L <= 12; L++ {
		for s := 0; s+2*L <= len(nav); s++ {
			block := nav[s : s+L]
			ok, auth := true, false
			for _, e := range block {
				if !isRedirect(e.Status) {
					ok = false
					break
				}
				switch e.Kind {
				case KindAuthRedirect, KindCallback, KindIdP, KindLogoutCallback:
					auth = true
				}
			}
			if !ok || !auth {
				continue
			}
			reps := 1
			for k := s + L; k+L <= len(nav); k += L {
				same := true
				for j := 0; j < L; j++ {
					if sig(nav[k+j]) != sig(block[j]) {
						same = false
						break
					}
				}
				if !same {
					break
				}
				reps++
			}
			if reps >= 2 && (L >= 2 || reps >= 3) {
				var out []int
				for _, e := range nav[s : s+reps*L] {
					out = append(out, e.Index)
				}
				return out
			}
		}
	}
	return nil
}

// idpErrorAdvice is the likely cause and fix of each OAuth error code a
// Cognito or federated sign-in reports, as one clause.
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

// idpErrorMessage names the OAuth error codes the capture shows (codes of
// idpErrorAdvice only), with the cause and fix of the first; without one it
// lists the usual causes.
func idpErrorMessage(codes []string, where string) string {
	if len(codes) > 0 {
		return fmt.Sprintf("The IdP reported %s (%s): %s.", strings.Join(codes, ", "), where, idpErrorAdvice[codes[0]])
	}
	return fmt.Sprintf("The IdP reported an error (%s): usually redirect_mismatch (the callback URL https://<host>/oauth2/idpresponse, all lower case, is not among the app client's callback URLs), invalid_scope or unauthorized_client (the app client lacks the scope, the code grant or a client secret), or a federated IdP that timed out; fix the app client's settings in Cognito to match the listener rule.", where)
}
