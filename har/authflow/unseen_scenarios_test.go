package authflow_test

// The captures of the unseen corpus: what each user did, with the ground
// truth. See testdata/unseen/README.md for the story of each one and where
// its shapes come from.

import (
	"net/url"
	"slices"
	"strings"
)

// Documentation every capture relies on.
const (
	docALB      = "AWS, Authenticate users using an Application Load Balancer (listener-authenticate-users): steps #1–#11, AWSALBAuthNonce, AWSELBAuthSessionCookie-N shards, logout (expire the cookie with -1)"
	docALBTrbl  = "AWS, Troubleshoot your Application Load Balancers: HTTP 401, 500, 561 causes"
	docCognito  = "Amazon Cognito, authorization, login and logout endpoints (hosted UI): /oauth2/authorize, /login, /logout?logout_uri, /error?error=redirect_mismatch"
	docOkta     = "Okta developer docs: /oauth2/default/v1/authorize, Identity Engine IDX API (/idp/idx/introspect, /identify, /challenge/answer, stateHandle), /login/token/redirect?stateToken, /v1/logout?id_token_hint&post_logout_redirect_uri; cookies idx, JSESSIONID, DT, sid"
	docEntra    = "Microsoft Learn, Web browser cookies used in Microsoft Entra authentication (ESTSAUTH, ESTSAUTHPERSISTENT, ESTSAUTHLIGHT, buid, fpc, esctx, x-ms-gateway-slice, stsservicecookie); OIDC on the Microsoft identity platform (/{tenant}/oauth2/v2.0/authorize, /oauth2/v2.0/logout?post_logout_redirect_uri); the sign-in page's GetCredentialType, /login and /kmsi posts as public write-ups show them"
	docAuth0    = "Auth0 docs: /authorize, Classic Universal Login (Lock: /usernamepassword/login, /login/callback, /authorize/resume), Authentication API cookies (auth0, auth0_compat, did, did_compat, _csrf), /v2/logout?client_id&returnTo and /oidc/logout"
	docKeycloak = "Keycloak server admin and securing-apps docs: /realms/{realm}/protocol/openid-connect/auth, /login-actions/authenticate, /protocol/openid-connect/logout (confirmation page without id_token_hint, logout-confirm), cookies AUTH_SESSION_ID, KC_RESTART, KEYCLOAK_IDENTITY, KEYCLOAK_SESSION"
	docGoogle   = "Google Identity, OpenID Connect: accounts.google.com/o/oauth2/v2/auth, code/state/scope/authuser/prompt on the redirect; the sign-in pages (/v3/signin/identifier, /v3/signin/challenge/pwd) and their batchexecute XHRs as observed in public captures; /Logout?continue"
)

func ledgerApp() *app {
	return &app{host: "ledger.example.net", title: "Ledger", cookie: "AWSELBAuthSessionCookie", shards: 1, shardLen: 1890, sticky: true,
		jsession: "; Path=/; Secure; HttpOnly; SameSite=Lax", tracker: true}
}

func ledgerCognito(custom bool) *cognito {
	if custom {
		return &cognito{domain: "login.ledger.example.net", clientID: "6q3k1s0vbd2n8c7ra9pe5t4hm1", custom: true}
	}
	return &cognito{domain: "ledger-prod.auth.us-east-2.amazoncognito.com", clientID: "6q3k1s0vbd2n8c7ra9pe5t4hm1"}
}

func northwindApp() *app {
	return &app{host: "ops.northwind-traders.example", title: "Northwind Ops", cookie: "AWSELBAuthSessionCookie", shards: 1, shardLen: 2210, server: "nginx/1.27.3"}
}

func northwindCognito(custom bool) *cognito {
	if custom {
		return &cognito{domain: "auth.northwind-traders.example", clientID: "3b0c9k7d1emq5u2rlt8an64sfv", custom: true}
	}
	return &cognito{domain: "northwind-ops.auth.eu-central-1.amazoncognito.com", clientID: "3b0c9k7d1emq5u2rlt8an64sfv"}
}

// cognitoLogout is the complete logout: the app expires the ALB cookie,
// Cognito /logout ends the Cognito session, the landing page is public.
func (s *scen) cognitoLogout(a *app, c *cognito) {
	s.wait(s.dur(4000, 12000))
	s.AppLogout(a, c.logoutURL(a, "/logged-out"), true)
	s.CognitoLogout(c)
	s.signedOutOn(s.Follow(200), a, false)
}

// trimBefore drops what the recording missed (everything before x).
func (s *scen) trimBefore(x *xch) {
	i := slices.Index(s.xs, x)
	s.xs = s.xs[i:]
	for code, seqs := range s.expEntries {
		s.expEntries[code] = slices.DeleteFunc(seqs, func(q int) bool { return q < x.seq })
	}
}

// preload puts a valid ALB session (and the app's cookies) in the jar, as
// if the user had signed in before the recording started.
func (s *scen) preload(a *app) {
	for _, v := range s.sessionCookies(a, -3600000) {
		s.store(a.url("/"), v)
	}
	if a.sticky {
		v := s.stickiness()
		s.store(a.url("/"), "AWSALB="+v+"; Path=/")
		s.store(a.url("/"), "AWSALBCORS="+v+"; Path=/; SameSite=None; Secure")
	}
	if a.jsession != "" {
		s.store(a.url("/"), "JSESSIONID="+s.secret(s.chars(hexC, 32))+a.jsession)
	}
}

// --- Cognito scenarios (authenticate-cognito) ---

func sLogoutKeepsALBCookie(custom bool) *scen {
	s := newScen("s01-logout-keeps-alb-cookie", "cognito", "s01")
	s.desc = "Sign-in through the hosted UI, the app, Sign out: the app's /logout goes to Cognito /logout but never expires the ALB cookie; /logged-out is served with the session, and the user's click on Home gets into the app without signing in."
	s.sources = []string{docALB, docCognito}
	a, c := ledgerApp(), ledgerCognito(custom)
	s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.API(a, "GET", "/api/me")
	s.wait(s.dur(5000, 15000))
	s.AppLogout(a, c.logoutURL(a, "/logged-out"), false)
	s.CognitoLogout(c)
	s.signedOutOn(s.Follow(200), a, false)
	s.wait(s.dur(3000, 8000))
	back := s.AppPage(a, "/", false)
	back.Note("after the logout the ALB cookie is still valid: the app is served without a sign-in")
	s.appStatic(a, false)
	s.Expect("logout-keeps-alb-session", back)
	s.Notef("The app's /logout (302 to Cognito /logout) and /logged-out never expire AWSELBAuthSessionCookie-0; the later GET / is answered 200 by the app: logout-keeps-alb-session. Cognito's own session was ended, so no silent-reauth.")
	return s
}

func sSilentReauth() *scen {
	s := newScen("s02-silent-reauth", "cognito", "s02")
	s.desc = "Sign-in, the app, then an app-only logout: /logout expires the ALB cookie and redirects to / without going through Cognito /logout; the ALB sends the browser to Cognito, whose session is still valid, and Cognito answers the authorize request with a code at once."
	s.sources = []string{docALB, docCognito}
	a, c := northwindApp(), northwindCognito(false)
	s.CognitoSignIn(a, c, "/dashboard", true, false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/shipments?status=open")
	s.wait(s.dur(6000, 20000))
	s.AppLogout(a, a.url("/"), true)
	ar := s.albRedirectOn(s.Follow(302), a, c)
	ar.Note("after the app-only logout: no ALB session, #1 answered with the redirect to Cognito (#2)")
	authz := s.Follow(302)
	s.cognitoHeaders(authz, c, "", 0).Loc(s.callbackURL(a, s.secret(s.uuid())))
	authz.Truth(kIdP, pLogin).Note("Cognito's authorize: the Cognito session cookie is still valid, so it answers with a code at once (no sign-in page)")
	s.Expect("silent-reauth", authz)
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.Notef("The logout skipped Cognito /logout; the authorize request after it carried the cognito cookie and got a 302 with a code straight away: silent-reauth. The ALB cookie was expired, so no logout-keeps-alb-session.")
	return s
}

func sShardedSession() *scen {
	s := newScen("s03-sharded-session", "cognito", "s03")
	s.desc = "A user with many group claims: the ALB session cookie comes in two shards (AWSELBAuthSessionCookie-0 and -1); the app's logout expires both, Cognito /logout ends the IdP session."
	s.sources = []string{docALB, docCognito}
	a, c := ledgerApp(), ledgerCognito(false)
	a.shards, a.shardLen = 2, 4080
	_, cb, _ := s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.cognitoLogout(a, c)
	s.Expect("session-cookie-sharded", cb)
	s.Notef("The callback set AWSELBAuthSessionCookie-0 and -1 (large claims): session-cookie-sharded. /logout expired both shards.")
	return s
}

func sCallback401HostSwitch() *scen {
	s := newScen("s04-callback-401-host-switch", "cognito", "s04")
	s.desc = "CloudFront in front of the ALB does not forward Host: the ALB puts its own DNS name in redirect_uri, so the callback goes to the ALB's DNS name while AWSALBAuthNonce was set for the CloudFront name; the ALB answers 401."
	s.sources = []string{docALB, docALBTrbl, docCognito, "AWS re:Post, How do I troubleshoot authentication issues in my Application Load Balancer? (AuthMissingAWSALBAuthNonce)"}
	a, c := ledgerApp(), ledgerCognito(false)
	a.cdn, a.cbHost = true, "ledger-alb-1432905776.us-east-2.elb.amazonaws.com"
	first := s.Open(a, c, "/reports/q3", true)
	first.H("via", "1.1 "+s.chars(hexc, 32)+".cloudfront.net (CloudFront)", "x-amz-cf-pop", "AMS58-P3", "x-cache", "Miss from cloudfront")
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	cb := s.Follow(401)
	s.albError(cb, 401, "Authorization Required")
	cb.Truth(kCallback, pLogin).Steps([]int{3}, nil).Note("the callback arrives at the ALB's DNS name without AWSALBAuthNonce (set for the CloudFront name): the ALB answers 401 before redeeming the code (only #3)")
	s.Expect("callback-401", cb)
	s.Notef("AWSALBAuthNonce was set by %s but the callback went to %s: callback-401 (AuthMissingAWSALBAuthNonce).", a.host, a.cbHost)
	return s
}

func sCallback500Claims(custom bool) *scen {
	s := newScen("s05-callback-500-claims", "cognito", "s05")
	s.desc = "The ALB redeems the code and fetches the user's claims, but claims plus access token exceed 11K: the ALB answers the callback with 500."
	s.sources = []string{docALB, docALBTrbl, docCognito}
	a, c := northwindApp(), northwindCognito(custom)
	s.Open(a, c, "/", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "p.lindgren", "Fjord-Lantern-51", true)
	cb := s.Follow(500)
	s.albError(cb, 500, "Internal Server Error")
	cb.Truth(kCallback, pLogin).Steps([]int{3, 4, 5, 6, 7}, []int{4, 5, 6, 7}).Note("token and userInfo fetched (#4–#7), claims + access token over 11K: 500, no session cookie (no #8)")
	s.Expect("callback-500", cb)
	s.Notef("The callback was answered 500 by the ALB (ELBAuthUserClaimsSizeExceeded): callback-500.")
	return s
}

func sCallback561Reload() *scen {
	s := newScen("s06-callback-561-reload", "cognito", "s06")
	s.desc = "The user pressed Reload while the browser was still on /oauth2/idpresponse: the first callback was aborted in the browser after the ALB had redeemed the code, the reload sends the same code again and Cognito refuses it (invalid_grant); the ALB answers 561."
	s.sources = []string{docALB, docALBTrbl, docCognito}
	a, c := ledgerApp(), ledgerCognito(false)
	s.Open(a, c, "/statements", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	first := s.Follow(0)
	first.failure = "net::ERR_ABORTED"
	first.Truth(kCallback, pLogin).Note("the first callback: the ALB redeemed the code, but the user reloaded and the browser aborted the response")
	s.wait(s.dur(1200, 3000))
	again := s.Nav("GET", first.url, 561, false)
	again.site, again.user, again.referer = first.site, true, first.referer
	s.albError(again, 561, "Authorization Required")
	again.Truth(kCallback, pLogin).Steps([]int{3, 4, 5}, []int{4, 5}).Note("the reload: the ALB presents the used code (#4), Cognito answers invalid_grant (#5): 561")
	s.Expect("callback-561", again)
	s.Notef("The same code was sent twice to /oauth2/idpresponse; the second time the ALB answered 561.")
	return s
}

func sRedirectMismatch(custom bool) *scen {
	s := newScen("s07-idp-error-redirect-mismatch", "cognito", "s07")
	s.desc = "The Cognito app client lists https://ops.northwind-traders.example/oauth2/idpResponse (wrong case) as its callback URL: Cognito's authorize redirects to its /error page with error=redirect_mismatch."
	s.sources = []string{docALB, docCognito}
	a, c := northwindApp(), northwindCognito(custom)
	for try := 0; try < 2; try++ {
		s.Open(a, c, "/", true)
		authz := s.Follow(302)
		s.cognitoHeaders(authz, c, "text/html; charset=utf-8", 0).Loc("https://" + c.domain + "/error?" + query("error", "redirect_mismatch", "client_id", c.clientID))
		authz.Truth(kIdP, pLogin).Note("Cognito's authorize rejects redirect_uri: 302 to /error?error=redirect_mismatch")
		errp := s.Follow(400)
		s.cognitoHeaders(errp, c, "text/html;charset=UTF-8", 2210).Truth(kIdP, pLogin).Note("Cognito's error page")
		errp.text = "<h1>An error was encountered with the requested page.</h1><p>redirect_mismatch</p>"
		x := s.Sub("https://d3oia8etllorh5.cloudfront.net/20250924195511/css/bootstrap.min.css", "stylesheet")
		x.H("content-type", "text/css", "date", httpDate(s.at(x.start)), "server", "AmazonS3", "x-cache", "Hit from cloudfront").Size("text/css", 121200)
		x.Truth(kAsset, pLogin).Note("static file of the error page (Cognito's CDN)")
		fav := s.Favicon()
		s.cognitoHeaders(fav, c, "image/x-icon", 1150).Truth(kAsset, pLogin).Note("favicon of the hosted UI")
		s.Expect("idp-error", errp)
		s.wait(s.dur(15000, 40000))
	}
	s.Notef("Cognito redirected to /error with error=redirect_mismatch: idp-error. The user typed the address again half a minute later and got the same error: a manual retry, not a redirect-loop (no chain repeats by itself).")
	return s
}

func sXHRSessionExpired() *scen {
	s := newScen("s08-xhr-session-expired", "cognito", "s08")
	s.desc = "A single-page app open with a valid session (the recording starts signed in); after the rule's SessionTimeout a background fetch gets the ALB's redirect to Cognito and fails on CORS; the user then clicks Sign in again and signs in."
	s.sources = []string{docALB, docCognito, "AWS, ALB authenticate action: OnUnauthenticatedRequest and AJAX calls with expired authentication (redirect)"}
	a, c := ledgerApp(), ledgerCognito(false)
	s.preload(a)
	s.AppPage(a, "/app", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/notifications")
	s.wait(61 * 60 * 1000)
	poll := s.Fetch("GET", a.url("/api/notifications"), 302, a.url("/assets/app.81b0d4.js"))
	s.albRedirectOn(poll, a, c)
	poll.Note("a background fetch after SessionTimeout: the ALB answers with the redirect to Cognito (#1, #2)")
	follow := s.Fetch("GET", poll.location(), 0, a.url("/assets/app.81b0d4.js"))
	follow.failure = "net::ERR_FAILED"
	follow.origin = "null"
	follow.cookies = nil
	follow.Truth(kIdP, pLogin).Note("fetch follows the redirect to Cognito's authorize endpoint; the browser blocks the answer (CORS)")
	s.Expect("xhr-auth-redirect", poll)
	s.wait(s.dur(4000, 9000))
	again := s.Nav("GET", a.url("/app"), 302, false)
	s.albRedirectOn(again, a, c)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	s.callbackOn(s.Follow(302), a, a.url("/app"))
	s.appDoc(s.Follow(200), a, "/app")
	s.appStatic(a, false)
	s.Notef("The fetch to /api/notifications got the 302 to Cognito and failed on CORS: xhr-auth-redirect. The recording starts signed in, which is complete; the later sign-in showed the form (Cognito's session had expired too), so no silent-reauth.")
	return s
}

func sRedirectLoop() *scen {
	s := newScen("s09-redirect-loop-cookie-blocked", "cognito", "s09")
	s.desc = "The browser refuses the ALB session cookie (a privacy extension blocks it): after the sign-in every request to the app is sent to Cognito, which answers at once with a new code, and the chain repeats until the browser stops it (ERR_TOO_MANY_REDIRECTS)."
	s.sources = []string{docALB, docCognito}
	a, c := northwindApp(), northwindCognito(false)
	s.blocked["AWSELBAuthSessionCookie"] = true
	s.Open(a, c, "/", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "p.lindgren", "Fjord-Lantern-51", true)
	for i := 0; i < 7; i++ {
		cb := s.callbackOn(s.Follow(302), a, a.url("/"))
		cb.Note("the ALB redeems the code and sets the session cookie, which the browser does not store")
		ar := s.albRedirectOn(s.Follow(302), a, c)
		ar.Note("no session cookie came with the request: redirected to Cognito again")
		if i == 6 {
			break
		}
		authz := s.Follow(302)
		s.cognitoHeaders(authz, c, "", 0).Loc(s.callbackURL(a, s.secret(s.uuid())))
		authz.Truth(kIdP, pLogin).Note("Cognito's session is valid: a new code at once")
	}
	last := s.Follow(0)
	last.failure = "net::ERR_TOO_MANY_REDIRECTS"
	last.Truth(kIdP, pLogin).Note("the browser gives up after 20 redirects")
	s.Expect("redirect-loop")
	s.May("silent-reauth")
	s.Notef("The chain callback → / → authorize → callback repeats without reaching the app: redirect-loop. Cognito issuing codes without the form inside the loop may also be reported as silent-reauth.")
	return s
}

func sMFA(custom bool) *scen {
	s := newScen("s10-mfa-totp", "cognito", "s10")
	s.desc = "Sign-in with a TOTP second factor in the hosted UI (/mfa), the app, and a complete logout."
	s.sources = []string{docALB, docCognito}
	a, c := ledgerApp(), ledgerCognito(custom)
	s.Open(a, c, "/", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	pw := s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	u, _ := url.Parse(pw.url)
	pw.respH = slices.DeleteFunc(pw.respH, func(h hdr) bool { return h.name == "location" })
	pw.Loc("/mfa?" + u.RawQuery)
	pw.setCookie = nil
	s.jar = slices.DeleteFunc(s.jar, func(c *cookie) bool { return c.name == "cognito" || c.name == "cognito-fl" })
	pw.Note("hosted UI form post: password accepted, 302 to the MFA step")
	mfa := s.Follow(200)
	s.cognitoHeaders(mfa, c, "text/html;charset=UTF-8", 3310).Truth(kIdP, pLogin).Note("hosted UI MFA page (TOTP code)")
	s.wait(s.dur(6000, 15000))
	post := s.Nav("POST", mfa.url, 302, false)
	post.Post("application/x-www-form-urlencoded", form("_csrf", s.secret(s.uuid()), "mfaCode", s.secret(s.chars(digits, 6)), "signInSubmitButton", "Sign in"))
	s.cognitoHeaders(post, c, "", 0).Loc(s.callbackURL(a, s.secret(s.uuid())))
	s.SC(post, `cognito="`+s.secret("H4sIAAAAAAAAA"+s.chars(b64c, 460))+`"; Version=1; Domain=`+c.domain+`; Max-Age=3600; Path=/; Secure; HttpOnly`)
	post.Truth(kIdP, pLogin).Note("MFA code accepted: 302 to the ALB's /oauth2/idpresponse with a code")
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.cognitoLogout(a, c)
	s.Notef("A complete sign-in with MFA and a complete logout: no findings.")
	return s
}

func sFederatedGoogle() *scen {
	s := newScen("s11-federated-google", "cognito", "s11")
	s.desc = "The rule's AuthenticationRequestExtraParams send identity_provider=Google: Cognito redirects to Google, the user signs in there, Google returns to Cognito's /oauth2/idpresponse, Cognito to the ALB's."
	s.sources = []string{docALB, docCognito, docGoogle}
	a, c := northwindApp(), northwindCognito(false)
	c.extra = []string{"identity_provider", "Google"}
	g := &google{clientID: "118230746521-" + "q7c3v0m9e2k5h8t1r4n6b3x0z2l9s5d7.apps.googleusercontent.com"}
	s.Open(a, c, "/", true)
	authz := s.Follow(302)
	cogState := s.secret("H4sIAAAAAAAAA" + s.chars(b64u, 300))
	s.cognitoHeaders(authz, c, "", 0).Loc("https://accounts.google.com/o/oauth2/v2/auth?" + query("client_id", g.clientID, "redirect_uri", "https://"+c.domain+"/oauth2/idpresponse", "scope", "email openid profile", "response_type", "code", "state", cogState))
	s.SC(authz, "XSRF-TOKEN="+s.secret(s.uuid())+"; Path=/; Secure; HttpOnly; SameSite=Lax")
	authz.Truth(kIdP, pLogin).Note("Cognito's authorize with identity_provider=Google: 302 to Google")
	s.GoogleSignIn(g, func() string { return s.googleCallback("https://"+c.domain+"/oauth2/idpresponse", cogState) }, false,
		"Google's consent step: 302 back to Cognito's /oauth2/idpresponse with Google's code")
	idpresp := s.Follow(302)
	s.cognitoHeaders(idpresp, c, "", 0).Loc(s.callbackURL(a, s.secret(s.uuid())))
	s.SC(idpresp, `cognito="`+s.secret("H4sIAAAAAAAAA"+s.chars(b64c, 460))+`"; Version=1; Domain=`+c.domain+`; Max-Age=3600; Path=/; Secure; HttpOnly`)
	idpresp.Truth(kIdP, pLogin).Note("Cognito's own /oauth2/idpresponse: it redeems Google's code, then 302 to the ALB's /oauth2/idpresponse with its own code")
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/shipments?status=open")
	s.Notef("A federated sign-in through Google behind Cognito: Google's pages and XHRs and Cognito's own /oauth2/idpresponse are idp; no findings.")
	return s
}

func sCookieAttributes() *scen {
	s := newScen("s12-app-cookie-attributes", "cognito", "s12")
	s.desc = "The application sets its own session cookie JSESSIONID without Secure and without HttpOnly (and sets it again when it rotates the session)."
	s.sources = []string{docALB, docCognito, "DESIGN.md: cookie-attributes covers the application's session cookie (e.g. JSESSIONID)"}
	a, c := northwindApp(), northwindCognito(false)
	a.jsession = "; Path=/"
	_, _, page := s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	rot := s.API(a, "POST", "/api/session/refresh")
	rot.Post("application/json", "{}")
	s.SC(rot, "JSESSIONID="+s.secret(s.chars(hexC, 32))+"; Path=/")
	s.API(a, "GET", "/api/shipments?status=open")
	s.Expect("cookie-attributes", page, rot)
	s.Notef("JSESSIONID is set without Secure and HttpOnly: cookie-attributes. The ALB's own cookies are normal.")
	return s
}

// --- ALB authenticate-oidc with a non-Cognito IdP ---

func portalApp(host string) *app {
	return &app{host: host, title: "Portal", cookie: "AWSELBAuthSessionCookie", shards: 1, shardLen: 2480, sticky: true, server: ""}
}

func oOkta() *scen {
	s := newScen("o01-okta", "oidc", "o01")
	s.desc = "ALB authenticate-oidc with Okta (Identity Engine): the Okta-hosted widget identifies the user and checks the password over /idp/idx/* JSON calls (a wrong password first: 401), /login/token/redirect returns the code; the app; the app's logout goes to Okta's /v1/logout with id_token_hint and post_logout_redirect_uri."
	s.sources = []string{docALB, docOkta}
	a := portalApp("portal.acme-corp.example")
	o := &okta{domain: "acme-corp.okta.com", clientID: "0oa1x9k2m7QhZr8Jw5d7"}
	s.Open(a, o, "/", true)
	s.OktaSignIn(a, o, "/", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/tickets?assigned=me")
	s.wait(s.dur(5000, 15000))
	s.OktaLogout(a, o)
	s.Notef("The 401 of /idp/idx/challenge/answer (Password is incorrect) before the successful one: login-failed. The logout expired the ALB cookie and ended the Okta session.")
	return s
}

func oEntra() *scen {
	s := newScen("o02-entra", "oidc", "o02")
	s.desc = "ALB authenticate-oidc with Microsoft Entra ID: the sign-in page calls GetCredentialType (JSON), the password form posts to /{tenant}/login (a wrong password first: 200 with AADSTS50126), \"Stay signed in?\" posts to /kmsi, which returns the code; the app; the logout goes to /oauth2/v2.0/logout, whose page returns to the app's /signed-out, which expires the ALB cookie."
	s.sources = []string{docALB, docEntra}
	a := portalApp("intranet.contoso-logistics.example")
	e := &entra{tenant: "7d2c1e4b-9f0a-4e3c-8b6d-2a5f1c9e0d37", clientID: "c4f1a8e2-6b3d-4f9c-a7e0-51d8b2c6e9f4"}
	s.Open(a, e, "/", true)
	s.EntraSignIn(a, e, "/", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/dashboard")
	s.wait(s.dur(5000, 15000))
	s.EntraLogout(a, e)
	s.Notef("The first password post answered 200 with error 50126 and was followed by a successful one: login-failed. The app's /logout keeps the ALB cookie but /signed-out (logout-callback, with the session) expires it, so no logout-keeps-alb-session.")
	return s
}

func oAuth0() *scen {
	s := newScen("o03-auth0", "oidc", "o03")
	s.desc = "ALB authenticate-oidc with Auth0 (Classic Universal Login, Lock): Lock posts the credentials to /usernamepassword/login (a wrong password first: 401 invalid_user_password), the hidden form posts to /login/callback, /authorize/resume returns the code; the app; the logout goes to /v2/logout?client_id&returnTo."
	s.sources = []string{docALB, docAuth0}
	a := portalApp("care.fabrikam-health.example")
	o := &auth0{domain: "fabrikam-health.eu.auth0.com", clientID: "Xq7Lr2Vn9KcT4pWb8Hs1Jd6Mf3Zy5Ga0"}
	s.Open(a, o, "/", true)
	s.Auth0SignIn(a, o, "/", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/appointments?week=current")
	s.wait(s.dur(5000, 15000))
	s.Auth0Logout(a, o)
	s.Notef("The 401 of /usernamepassword/login before the successful call: login-failed.")
	return s
}

func oKeycloak(behindALB bool) *scen {
	name, seed := "o04-keycloak", "o04"
	if behindALB {
		name, seed = "x05-near-miss-keycloak-behind-its-own-alb", "x05"
	}
	s := newScen(name, "oidc", seed)
	s.desc = "ALB authenticate-oidc with Keycloak: the realm's login page posts the form to /login-actions/authenticate (a wrong password first: 200 \"Invalid username or password.\"), then 302 to the ALB with state, session_state, iss and code; the app; the logout goes to the realm's end-session endpoint without id_token_hint, which asks for confirmation."
	s.sources = []string{docALB, docKeycloak}
	a := portalApp("portal.vertex-engineering.example")
	k := &keycloak{host: "id.vertex-engineering.example", realm: "staff", clientID: "alb-portal", behindALB: behindALB}
	s.Open(a, k, "/", true)
	s.KeycloakSignIn(a, k, "/", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/projects")
	s.wait(s.dur(5000, 15000))
	s.KeycloakLogout(a, k)
	s.Notef("The form post answered 200 with \"Invalid username or password.\" before the successful one: login-failed.")
	if behindALB {
		s.category = "inconsistent"
		s.desc = "NEAR-MISS for capture-inconsistent: Keycloak itself runs behind its own Application Load Balancer with stickiness, so every answer of the IdP's host carries server: awselb/2.0 and sets AWSALB/AWSALBCORS. That is what the IdP's host really sent: no header contradicts the URLs, and the IdP's host is not an application behind the authenticating ALB. " + s.desc
		s.Notef("The IdP's host answering with server: awselb/2.0 and AWSALB cookies is genuine (it sits behind its own ALB without an authenticate rule): no capture-inconsistent.")
	}
	return s
}

func oGoogle() *scen {
	s := newScen("o05-google", "oidc", "o05")
	s.desc = "ALB authenticate-oidc with Google: the sign-in pages look up the account and check the password with batchexecute XHRs (a wrong password first: Google answers 200 and asks again), SetSID and the consent step return the code; the app; the logout goes through accounts.google.com/Logout and appengine.google.com/_ah/logout back to the app."
	s.sources = []string{docALB, docGoogle}
	a := portalApp("wiki.kestrel-labs.example")
	g := &google{clientID: "902145558374-" + "b1n4v7c0x3z6l9k2j5h8g1f4d7s0a3p6.apps.googleusercontent.com"}
	s.Open(a, g, "/", true)
	s.GoogleSignIn(g, func() string { return s.googleCallback(a.redirectURI(), s.lastState()) }, true,
		"Google's consent step: 302 to the ALB's /oauth2/idpresponse with the code (#3 follows)")
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/pages/recent")
	s.wait(s.dur(5000, 15000))
	s.GoogleLogout(a)
	s.Notef("The first password XHR was refused (Google reports it inside a 200 body) and a second one succeeded: login-failed.")
	return s
}

// --- exporter quirks ---

func qCharles() *scen {
	s := newScen("q01-charles-cognito", "exporter", "q01")
	s.desc = "Charles Proxy 5 between Chrome and the internet (HTTP/1.1 to the browser): Title-Case headers, no pages, a CONNECT tunnel entry per host, and the browser's own background requests to Google services (update, Safe Browsing, ListAccounts, optimization guide, autofill), which Charles shows only as tunnels; a complete Cognito sign-in and logout."
	s.sources = []string{docALB, docCognito, "shared/docs/har-variants.md: Charles (no pages, no pageref, Title-Case, _charlesStatus, local-offset timestamps)"}
	a, c := ledgerApp(), ledgerCognito(false)
	s.Background("update", "safebrowsing")
	s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	s.Background("listaccounts", "optguide")
	s.API(a, "GET", "/api/accounts")
	s.cognitoLogout(a, c)
	s.Background("autofill")
	s.Notef("A complete sign-in and logout; tunnels and background traffic are other: no findings.")
	return s
}

func qFiddler() *scen {
	s := newScen("q02-fiddler-okta", "exporter", "q02")
	s.desc = "Fiddler 5 capture (HTTP/1.1, Title-Case, pages [], 7-digit timestamps, CONNECT entries as http://host:443 with FiddlerGateway headers, decrypted background requests of the browser) of an Okta sign-in through an ALB authenticate-oidc rule, without a wrong password, and the Okta logout."
	s.sources = []string{docALB, docOkta, "shared/docs/har-variants.md: Fiddler (pages [], comment, 7-digit fractional seconds, blocked -1)"}
	a := portalApp("helpdesk.acme-corp.example")
	o := &okta{domain: "acme-corp.okta.com", clientID: "0oa4d8s1n6VbXq2Lp9e7"}
	s.Background("update")
	s.Open(a, o, "/", true)
	s.OktaSignIn(a, o, "/", false)
	s.Background("safebrowsing", "listaccounts")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/tickets?assigned=me")
	s.wait(s.dur(5000, 15000))
	s.Background("optguide")
	s.OktaLogout(a, o)
	s.Notef("No findings: tunnels and background requests are other.")
	return s
}

func qMitmGoogle() *scen {
	s := newScen("q03-mitmproxy-google", "exporter", "q03")
	s.desc = "mitmproxy 11 HAR export (HTTP/2 lower-case headers without pseudo-headers, pages [] and no pageref, 6-digit +00:00 timestamps) of a Google sign-in through an ALB authenticate-oidc rule. Chrome's own ListAccounts request to accounts.google.com — the IdP's host — appears before and after the sign-in (after it with the new Google cookies): it is the browser's background traffic, not the sign-in."
	s.sources = []string{docALB, docGoogle, "shared/docs/har-variants.md: mitmproxy (pages [], 6-digit +00:00, no blocked/dns timings)"}
	a := portalApp("wiki.kestrel-labs.example")
	g := &google{clientID: "902145558374-" + "b1n4v7c0x3z6l9k2j5h8g1f4d7s0a3p6.apps.googleusercontent.com"}
	s.Background("listaccounts", "update")
	s.Open(a, g, "/", true)
	s.GoogleSignIn(g, func() string { return s.googleCallback(a.redirectURI(), s.lastState()) }, false,
		"Google's consent step: 302 to the ALB's /oauth2/idpresponse with the code (#3 follows)")
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.Background("listaccounts", "autofill")
	s.API(a, "GET", "/api/pages/recent")
	s.Notef("ListAccounts on accounts.google.com is Chrome's background request (other), not an idp exchange: no findings.")
	return s
}

func qFirefox() *scen {
	s := newScen("q04-firefox-cognito-wrong-password", "exporter", "q04")
	s.desc = "Firefox 136 \"Save All As HAR\": no _resourceType, request headers in Title-Case, response bodies left out, cache hits with empty httpVersion and no headers; a wrong password at the hosted UI, then the right one, the app and a complete logout."
	s.sources = []string{docALB, docCognito, "shared/docs/har-variants.md: Firefox (browser block, _securityState, content.comment, cache hits with httpVersion \"\" and timings {})"}
	a, c := northwindApp(), northwindCognito(false)
	s.CognitoSignIn(a, c, "/", true, true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/shipments?status=open")
	s.wait(s.dur(3000, 9000))
	s.AppPage(a, "/shipments/SO-99812", false)
	s.appStatic(a, false)
	s.cognitoLogout(a, c)
	s.Notef("The hosted UI's 200 with the error message before the successful post: login-failed. The second page's static files come from Firefox's cache (no request reached the ALB: no steps).")
	return s
}

func qSafari() *scen {
	s := newScen("q05-safari16-cognito-custom-domain", "exporter", "q05")
	s.desc = "Safari 16.3 Web Inspector export: no Sec-Fetch-* headers (before Safari 16.4), no _resourceType, empty cookie arrays while Cookie and Set-Cookie headers are present, empty httpVersion and no request headers on memory-cache hits, no favicon entries; a Cognito custom-domain sign-in, the app and a complete logout."
	s.sources = []string{docALB, docCognito, "shared/docs/har-variants.md: Safari (_fetchType, _priority, empty httpVersion on cache hits, headersSize -1)"}
	a, c := ledgerApp(), ledgerCognito(true)
	a.tracker = false
	s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.AppPage(a, "/statements", false)
	s.appStatic(a, false)
	s.cognitoLogout(a, c)
	s.Notef("A complete sign-in and logout: no findings.")
	return s
}

func qUnsorted() *scen {
	s := newScen("q06-unsorted-keycloak", "exporter", "q06")
	s.desc = "A HAR whose entries are written in order of completion instead of start (as recorders that write an entry when its response ends do): slow static files and a slow API call land after requests that started later. A Keycloak sign-in through an ALB authenticate-oidc rule, without a wrong password."
	s.sources = []string{docALB, docKeycloak, "HAR 1.2 spec: entries are expected sorted by startedDateTime, which writers do not all respect"}
	a := portalApp("portal.vertex-engineering.example")
	k := &keycloak{host: "id.vertex-engineering.example", realm: "staff", clientID: "alb-portal"}
	s.Open(a, k, "/", true)
	s.KeycloakSignIn(a, k, "/", false)
	for i, x := range s.appStatic(a, true) {
		x.dur = 300 + float64(i)*180
	}
	slow := s.API(a, "GET", "/api/projects?include=members")
	slow.dur = 1900
	s.API(a, "GET", "/api/me")
	s.AppPage(a, "/projects/7781", false)
	s.Notef("Entries out of time order; kinds follow each entry's own URL and timing: no findings.")
	return s
}

func qServiceWorker() *scen {
	s := newScen("q07-devtools-service-worker-duplicates", "exporter", "q07")
	s.desc = "Chrome DevTools export of a progressive web app: its service worker answers the page's API fetches by fetching them itself, so each API request is in the HAR twice — the page's (_fetchedViaServiceWorker: true) and the service worker's own network request."
	s.sources = []string{docALB, docCognito, "Chrome DevTools HAR: response._fetchedViaServiceWorker, _initiator objects, timings._workerStart"}
	a, c := ledgerApp(), ledgerCognito(false)
	a.tracker = false
	s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	sw := s.Sub(a.url("/sw.js"), "script")
	sw.initType, sw.initURL = "script", a.url("/assets/app.81b0d4.js")
	s.appHeaders(sw, a, "application/javascript", 6210)
	sw.Truth(kAsset, pApp).ThroughALB().Note("the service worker's script")
	for _, p := range []string{"/api/accounts", "/api/me", "/api/statements?limit=20"} {
		page := s.API(a, "GET", p)
		page.swPage = true
		page.Note("the page's fetch, answered by the service worker (the same request as the next entry)")
		net := s.add("GET", page.url, 200, "fetch")
		*net = *page
		net.seq = len(s.xs) - 1
		net.start = page.start + 1.7
		net.dur = page.dur - 2
		net.swPage, net.swNet = false, true
		net.initType, net.initURL = "script", a.url("/sw.js")
		net.Note("the service worker's network request for the page's fetch (the same request exported twice)")
	}
	s.Notef("Each API call appears twice (page and service worker); both are the same authenticated exchange: api. No findings.")
	return s
}

func qEdgeAuth0() *scen {
	s := newScen("q08-edge-devtools-auth0", "exporter", "q08")
	s.desc = "Microsoft Edge DevTools \"Export HAR (with sensitive data)\" (creator WebInspector, _initiator objects, _priority, _resourceType, _connectionId, _error, IPv6 server addresses) of an Auth0 sign-in through an ALB authenticate-oidc rule with a wrong password first."
	s.sources = []string{docALB, docAuth0, "shared/docs/har-variants.md: Chrome/Edge DevTools private fields"}
	a := portalApp("care.fabrikam-health.example")
	o := &auth0{domain: "fabrikam-health.eu.auth0.com", clientID: "Xq7Lr2Vn9KcT4pWb8Hs1Jd6Mf3Zy5Ga0"}
	s.Open(a, o, "/", true)
	s.Auth0SignIn(a, o, "/", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/appointments?week=current")
	s.Notef("The 401 of /usernamepassword/login before the successful call: login-failed.")
	return s
}

// --- incomplete recordings ---

func nStartsAtIdPPost() *scen {
	s := newScen("n01-no-preserve-log-starts-at-idp-post", "incomplete", "n01")
	s.desc = "Recorded in Chrome without \"Preserve log\": the network panel was cleared by every navigation, so the HAR starts with the hosted UI's form post (its redirect chain belongs to the last navigation); #1 and #2 and the sign-in page are missing."
	s.sources = []string{docALB, docCognito, "Chrome DevTools: the Network panel clears on navigation unless Preserve log is on"}
	a, c := ledgerApp(), ledgerCognito(false)
	a.tracker = false
	s.Open(a, c, "/", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	post := s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.trimBefore(post)
	s.Expect("capture-incomplete", post)
	s.Notef("The first ALB/IdP exchange is the IdP's form post: steps #1–#2 are not in the capture: capture-incomplete.")
	return s
}

func nStartsAtCallback() *scen {
	s := newScen("n02-starts-at-callback", "incomplete", "n02")
	s.desc = "Recording started while the browser was already on its way back from the IdP: the first entry is the ALB's /oauth2/idpresponse."
	s.sources = []string{docALB, docCognito}
	a, c := northwindApp(), northwindCognito(true)
	s.Open(a, c, "/", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "p.lindgren", "Fjord-Lantern-51", true)
	cb := s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/shipments?status=open")
	s.trimBefore(cb)
	s.Expect("capture-incomplete", cb)
	s.Notef("The capture starts at the callback: #1, #2 and the sign-in are missing: capture-incomplete.")
	return s
}

func nStartsAtSignInPage() *scen {
	s := newScen("n03-firefox-no-persist-logs-starts-at-sign-in-page", "incomplete", "n03")
	s.desc = "Firefox without \"Persist Logs\": the user opened the network panel on the hosted UI's sign-in page and reloaded it; the HAR starts with the sign-in page, without the ALB's redirect."
	s.sources = []string{docALB, docCognito, "Firefox DevTools: Persist Logs keeps the network log across navigations"}
	a, c := ledgerApp(), ledgerCognito(false)
	a.tracker = false
	s.Open(a, c, "/", true)
	_, login := s.CognitoToLogin(c, false)
	s.wait(s.dur(3000, 8000))
	reload := s.Nav("GET", login.url, 200, true)
	s.cognitoHeaders(reload, c, "text/html;charset=UTF-8", 3460).Truth(kIdP, pLogin).Note("the sign-in page, reloaded after the recording started")
	fav := s.Favicon()
	s.cognitoHeaders(fav, c, "image/x-icon", 1150).Truth(kAsset, pLogin).Note("favicon of the hosted UI")
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	s.callbackOn(s.Follow(302), a, a.url("/"))
	s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.trimBefore(reload)
	s.Expect("capture-incomplete", reload)
	s.Notef("The first ALB/IdP exchange is the IdP's sign-in page: steps #1–#2 are not in the capture: capture-incomplete.")
	return s
}

func nAppRedirectMissing() *scen {
	s := newScen("n04-starts-at-app-page-redirect-missing", "incomplete", "n04")
	s.desc = "Recording started the moment the application appeared after the sign-in: the first entry is the app's page, reached by the callback's redirect (Referer and Sec-Fetch-Site cross-site from the IdP, the fresh session cookie and AWSALBAuthNonce still sent), whose callback and sign-in are not in the capture."
	s.sources = []string{docALB, docCognito}
	a, c := ledgerApp(), ledgerCognito(false)
	s.Open(a, c, "/", true)
	s.CognitoToLogin(c, true)
	s.wait(s.dur(3000, 8000))
	s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	s.callbackOn(s.Follow(302), a, a.url("/"))
	page := s.appDoc(s.Follow(200), a, "/")
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.API(a, "GET", "/api/me")
	s.trimBefore(page)
	s.Expect("capture-incomplete", page)
	s.Notef("The capture starts at an app page whose redirect (the callback) is missing: capture-incomplete.")
	return s
}

func nEmpty() *scen {
	s := newScen("n05-empty", "incomplete", "n05")
	s.desc = "An empty HAR (\"entries\": []): the user saved the network panel before anything was recorded."
	s.sources = []string{"HAR 1.2: log.entries may be empty"}
	s.Expect("capture-incomplete")
	s.May("sanitized-capture")
	s.Notef("Nothing recorded: capture-incomplete (read fine, not \"No findings\"). Whether an empty capture also counts as sanitized is left open (may).")
	return s
}

func nNoALB() *scen {
	s := newScen("n06-no-alb-wrong-tab", "incomplete", "n06")
	s.desc = "The user recorded the wrong tab: an intranet wiki with its own cookie login, not behind an authenticating ALB (no awselb, no redirect to an IdP). Every entry is other."
	s.sources = []string{docALB}
	w := "https://wiki.contoso-intra.example"
	s.store(w+"/", "wikisession="+s.secret(s.chars(b64u, 40))+"; Path=/; Secure; HttpOnly")
	s.page = ""
	p := s.Nav("GET", w+"/display/OPS/Runbooks", 200, true)
	p.H("content-type", "text/html;charset=UTF-8", "date", httpDate(s.at(p.start)), "server", "Apache", "cache-control", "no-cache, must-revalidate").Size("text/html", 48210)
	p.Truth(kOther, pLogin).Note("not behind an ALB")
	for _, f := range []struct{ p, res, mime string }{{"/s/batch.css", "stylesheet", "text/css"}, {"/s/batch.js", "script", "application/javascript"}, {"/images/logo/default-space-logo.svg", "image", "image/svg+xml"}} {
		x := s.Sub(w+f.p, f.res)
		x.H("content-type", f.mime, "date", httpDate(s.at(x.start)), "server", "Apache").Size(f.mime, 3000+s.rnd.IntN(90000))
		x.Truth(kOther, pLogin)
	}
	for _, q := range []string{"/rest/api/space/OPS", "/rest/mywork/latest/status/notification/count"} {
		x := s.Fetch("GET", w+q, 200, w+"/s/batch.js")
		x.H("content-type", "application/json;charset=UTF-8", "date", httpDate(s.at(x.start)), "server", "Apache").Body("application/json", `{"count":3}`)
		x.Truth(kOther, pLogin)
	}
	f := s.Favicon()
	f.H("content-type", "image/x-icon", "date", httpDate(s.at(f.start)), "server", "Apache").Size("image/x-icon", 1150)
	f.Truth(kOther, pLogin)
	s.Expect("capture-incomplete")
	s.Notef("No exchange with an authenticating ALB: capture-incomplete. Every entry is other (phase login: the phase in effect when no flow has begun).")
	return s
}

func nStartsSignedIn(logout bool) *scen {
	s := newScen("n07-starts-signed-in", "incomplete", "n07")
	s.desc = "NEGATIVE for capture-incomplete: the recording starts with a valid session (the user had signed in before): only app pages, static files and API calls, all answered by the app through the ALB. This capture is complete."
	if logout {
		s = newScen("n08-starts-signed-in-then-logs-out", "incomplete", "n08")
		s.desc = "NEGATIVE for capture-incomplete: the recording starts with a valid session (app pages, static files, API calls through the ALB) and ends with a complete logout (the app's /logout, Cognito /logout, the public landing page). Starting signed in is complete."
	}
	s.sources = []string{docALB, "DESIGN.md: a capture that starts signed in is complete"}
	a := northwindApp()
	a.sticky = true
	s.preload(a)
	s.AppPage(a, "/dashboard", true)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/shipments?status=open")
	s.API(a, "GET", "/api/me")
	s.wait(s.dur(8000, 20000))
	s.AppPage(a, "/shipments/SO-99812", false)
	s.appStatic(a, false)
	s.API(a, "GET", "/api/shipments/SO-99812/events")
	if logout {
		s.cognitoLogout(a, northwindCognito(false))
	}
	s.Notef("Starts signed in: complete, no findings.")
	return s
}

func nOktaStartsAtTokenRedirect() *scen {
	s := newScen("n09-okta-starts-at-token-redirect", "incomplete", "n09")
	s.desc = "An Okta sign-in recorded without \"Preserve log\": the HAR starts with Okta's /login/token/redirect (the widget's last navigation), then the ALB callback and the app."
	s.sources = []string{docALB, docOkta}
	a := portalApp("portal.acme-corp.example")
	o := &okta{domain: "acme-corp.okta.com", clientID: "0oa1x9k2m7QhZr8Jw5d7"}
	s.Open(a, o, "/", true)
	s.OktaSignIn(a, o, "/", false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/tickets?assigned=me")
	var tok *xch
	for _, x := range s.xs {
		if strings.Contains(x.url, "/login/token/redirect") {
			tok = x
		}
	}
	s.trimBefore(tok)
	s.Expect("capture-incomplete", tok)
	s.Notef("The first ALB/IdP exchange is the IdP's /login/token/redirect: #1–#2 and the sign-in are missing: capture-incomplete.")
	return s
}

// --- inconsistent headers (and near-misses) ---

func xSignIn(name, seed string) (*scen, *app, *cognito) {
	s := newScen(name, "inconsistent", seed)
	a, c := ledgerApp(), ledgerCognito(false)
	a.tracker = false
	s.sources = []string{docALB, docCognito, "shared/fixtures/har-browser-cdp/README.md: headers of redirect hops attached to the wrong entry"}
	s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	return s, a, c
}

func xNearMiss201() *scen {
	s, a, _ := xSignIn("x04-near-miss-201-location", "x04")
	s.desc = "NEAR-MISS for capture-inconsistent: the app's API answers a POST with 201 Created and a Location header (and a 204 for a DELETE): a Location on a non-3xx answer that is exactly what the server sent."
	t := s.API(a, "POST", "/api/transfers")
	t.code = 201
	t.Post("application/json", `{"from":"`+s.chars(digits, 10)+`","to":"`+s.chars(digits, 10)+`","amount":"420.00","currency":"EUR"}`)
	t.H("location", "/api/transfers/"+s.chars(hexc, 12), "content-location", "/api/transfers/"+s.chars(hexc, 12))
	t.text = `{"status":"pending"}`
	d := s.API(a, "DELETE", "/api/drafts/"+s.chars(hexc, 8))
	d.code, d.text, d.size = 204, "", 0
	s.Notef("A 201 with Location is genuine (RFC 9110): no capture-inconsistent, no findings.")
	return s
}

func xNearMissCDN() *scen {
	s := newScen("x06-near-miss-cloudfront-amzn-headers", "inconsistent", "x06")
	s.desc = "NEAR-MISS for capture-inconsistent: the app sits behind CloudFront in front of the ALB and the Cognito custom domain is served by CloudFront too; the app's answers carry via, x-amz-cf-id, x-amz-cf-pop and x-amzn-trace-id (Amazon headers that are not Cognito's), and static files are revalidated with 304."
	s.sources = []string{docALB, docCognito, "Amazon CloudFront response headers (Via, X-Amz-Cf-Id, X-Amz-Cf-Pop, X-Cache); ALB X-Amzn-Trace-Id"}
	a, c := ledgerApp(), ledgerCognito(true)
	a.cdn, a.tracker = true, false
	s.CognitoSignIn(a, c, "/", true, false)
	s.appStatic(a, true)
	s.API(a, "GET", "/api/accounts")
	s.AppPage(a, "/statements", false)
	for _, x := range s.appStatic(a, false) {
		x.code = 304
		x.size = 0
		x.Note("static file revalidated (304 Not Modified) through the ALB with a valid session")
	}
	s.Notef("Amazon CDN headers and 304s are genuine: no capture-inconsistent, no findings.")
	return s
}

// --- the corpus ---

// spec is one capture of the corpus.
type spec struct {
	file      string // base name without .har
	category  string // cognito oidc exporter incomplete inconsistent
	exporter  string
	sanitized bool
	build     func() *scen
	opts      exporterOpts
	post      func(s *scen, e *exported) // capture-specific changes after export
}

func (p spec) fileName() string {
	n := p.file + "." + p.exporter
	if p.sanitized {
		n += ".sanitized"
	}
	return n
}

// defaultShift follows what the shared chrome-har captures show: the final
// entry of a chain whose first hop set cookies gets that hop's response
// headers (most of the time), and every other chain loses its first hop's
// ExtraInfo request headers to the second hop.
func defaultShift(i int, hops []*xch) (resp, req bool) {
	return len(hops[0].setCookie) > 0 && i%3 != 2, i%2 == 1
}

func defaultLost(x *xch) bool {
	return (x.res == "fetch" || x.res == "xhr" || x.res == "stylesheet") && x.seq%7 == 3
}

func corpus() []spec {
	ch := exporterOpts{shift: defaultShift, lostExtra: defaultLost}
	var specs []spec
	add := func(file, cat, exporter string, sanitized bool, build func() *scen) {
		o := exporterOpts{}
		if exporter == "chrome-har" {
			o = ch
		}
		specs = append(specs, spec{file: file, category: cat, exporter: exporter, sanitized: sanitized, build: build, opts: o})
	}
	// Cognito scenarios, Playwright-like and chrome-har-like, sanitized and custom-domain copies.
	add("s01-logout-keeps-alb-cookie", "cognito", "playwright", false, func() *scen { return sLogoutKeepsALBCookie(false) })
	add("s01-logout-keeps-alb-cookie", "cognito", "chrome-har", false, func() *scen { return sLogoutKeepsALBCookie(false) })
	add("s01-logout-keeps-alb-cookie", "cognito", "playwright", true, func() *scen { return sLogoutKeepsALBCookie(false) })
	add("s01-logout-keeps-alb-cookie.custom-domain", "cognito", "playwright", false, func() *scen { return sLogoutKeepsALBCookie(true) })
	add("s02-silent-reauth", "cognito", "playwright", false, sSilentReauth)
	add("s02-silent-reauth", "cognito", "chrome-har", false, sSilentReauth)
	add("s02-silent-reauth", "cognito", "chrome-har", true, sSilentReauth)
	add("s03-sharded-session", "cognito", "playwright", false, sShardedSession)
	add("s03-sharded-session", "cognito", "chrome-har", false, sShardedSession)
	add("s03-sharded-session", "cognito", "playwright", true, sShardedSession)
	add("s04-callback-401-host-switch", "cognito", "playwright", false, sCallback401HostSwitch)
	add("s04-callback-401-host-switch", "cognito", "chrome-har", false, sCallback401HostSwitch)
	add("s05-callback-500-claims", "cognito", "playwright", false, func() *scen { return sCallback500Claims(false) })
	add("s05-callback-500-claims", "cognito", "chrome-har", false, func() *scen { return sCallback500Claims(false) })
	add("s05-callback-500-claims.custom-domain", "cognito", "playwright", false, func() *scen { return sCallback500Claims(true) })
	add("s06-callback-561-reload", "cognito", "playwright", false, sCallback561Reload)
	add("s06-callback-561-reload", "cognito", "chrome-har", false, sCallback561Reload)
	add("s07-idp-error-redirect-mismatch", "cognito", "playwright", false, func() *scen { return sRedirectMismatch(false) })
	add("s07-idp-error-redirect-mismatch", "cognito", "chrome-har", false, func() *scen { return sRedirectMismatch(false) })
	add("s07-idp-error-redirect-mismatch", "cognito", "chrome-har", true, func() *scen { return sRedirectMismatch(false) })
	add("s07-idp-error-redirect-mismatch.custom-domain", "cognito", "chrome-har", false, func() *scen { return sRedirectMismatch(true) })
	add("s08-xhr-session-expired", "cognito", "playwright", false, sXHRSessionExpired)
	add("s08-xhr-session-expired", "cognito", "chrome-har", false, sXHRSessionExpired)
	add("s08-xhr-session-expired", "cognito", "playwright", true, sXHRSessionExpired)
	add("s09-redirect-loop-cookie-blocked", "cognito", "playwright", false, sRedirectLoop)
	add("s09-redirect-loop-cookie-blocked", "cognito", "chrome-har", false, sRedirectLoop)
	add("s10-mfa-totp", "cognito", "playwright", false, func() *scen { return sMFA(false) })
	add("s10-mfa-totp", "cognito", "chrome-har", false, func() *scen { return sMFA(false) })
	add("s10-mfa-totp.custom-domain", "cognito", "playwright", true, func() *scen { return sMFA(true) })
	add("s11-federated-google", "cognito", "playwright", false, sFederatedGoogle)
	add("s11-federated-google", "cognito", "chrome-har", false, sFederatedGoogle)
	add("s12-app-cookie-attributes", "cognito", "playwright", false, sCookieAttributes)
	add("s12-app-cookie-attributes", "cognito", "chrome-har", false, sCookieAttributes)
	// authenticate-oidc, one family each.
	add("o01-okta", "oidc", "playwright", false, oOkta)
	add("o01-okta", "oidc", "chrome-har", false, oOkta)
	add("o01-okta", "oidc", "chrome-har", true, oOkta)
	add("o02-entra", "oidc", "playwright", false, oEntra)
	add("o02-entra", "oidc", "chrome-har", false, oEntra)
	add("o03-auth0", "oidc", "playwright", false, oAuth0)
	add("o03-auth0", "oidc", "chrome-har", false, oAuth0)
	add("o04-keycloak", "oidc", "playwright", false, func() *scen { return oKeycloak(false) })
	add("o04-keycloak", "oidc", "playwright", true, func() *scen { return oKeycloak(false) })
	add("o05-google", "oidc", "playwright", false, oGoogle)
	add("o05-google", "oidc", "playwright", true, oGoogle)
	// Exporter quirks.
	add("q01-charles-cognito", "exporter", "charles", false, qCharles)
	add("q02-fiddler-okta", "exporter", "fiddler", false, qFiddler)
	add("q03-mitmproxy-google", "exporter", "mitmproxy", false, qMitmGoogle)
	add("q04-firefox-cognito-wrong-password", "exporter", "firefox", false, qFirefox)
	add("q05-safari16-cognito-custom-domain", "exporter", "safari", false, qSafari)
	specs = append(specs, spec{file: "q06-unsorted-keycloak", category: "exporter", exporter: "playwright", build: qUnsorted, opts: exporterOpts{byEnd: true}})
	add("q07-devtools-service-worker-duplicates", "exporter", "devtools", false, qServiceWorker)
	add("q08-edge-devtools-auth0", "exporter", "devtools-edge", false, qEdgeAuth0)
	// Incomplete recordings.
	add("n01-no-preserve-log-starts-at-idp-post", "incomplete", "devtools", false, nStartsAtIdPPost)
	add("n02-starts-at-callback", "incomplete", "playwright", false, nStartsAtCallback)
	add("n03-firefox-no-persist-logs-starts-at-sign-in-page", "incomplete", "firefox", false, nStartsAtSignInPage)
	add("n04-starts-at-app-page-redirect-missing", "incomplete", "playwright", false, nAppRedirectMissing)
	add("n05-empty", "incomplete", "devtools", false, nEmpty)
	add("n06-no-alb-wrong-tab", "incomplete", "playwright", false, nNoALB)
	add("n07-starts-signed-in", "incomplete", "playwright", false, func() *scen { return nStartsSignedIn(false) })
	add("n08-starts-signed-in-then-logs-out", "incomplete", "chrome-har", true, func() *scen { return nStartsSignedIn(true) })
	add("n09-okta-starts-at-token-redirect", "incomplete", "playwright", false, nOktaStartsAtTokenRedirect)
	// Inconsistent headers and near-misses.
	specs = append(specs, spec{file: "x01-200-with-location", category: "inconsistent", exporter: "browsertime", build: func() *scen {
		s, _, _ := xSignIn("x01-200-with-location", "x01")
		s.desc = "A browsertime (chrome-har) HAR where only the first redirect chain's headers went astray: the sign-in page's 200 carries the ALB's Location, server: awselb/2.0 and the AWSALBAuthNonce Set-Cookie of the chain's first hop; every other entry has its own headers."
		return s
	}, opts: exporterOpts{shift: func(i int, hops []*xch) (bool, bool) { return i == 0, false },
		creator: obj{{"name", "Browsertime"}, {"version", "24.2.0"}, {"comment", "https://github.com/sitespeedio/browsertime"}}}})
	specs = append(specs, spec{file: "x02-alb-session-cookie-on-idp-entry", category: "inconsistent", exporter: "chrome-har", build: func() *scen {
		s, _, _ := xSignIn("x02-alb-session-cookie-on-idp-entry", "x02")
		s.desc = "A chrome-har HAR where the response headers of the callback hop landed one entry early: the hosted UI's form post (a Cognito entry) carries the ALB's server: awselb/2.0, Location to the app and Set-Cookie AWSELBAuthSessionCookie-0, and the callback entry carries Cognito's headers."
		return s
	}, opts: exporterOpts{shift: func(i int, hops []*xch) (bool, bool) { return false, false }}, post: swapPostAndCallback})
	specs = append(specs, spec{file: "x03-cognito-request-id-on-app-page", category: "inconsistent", exporter: "playwright", build: func() *scen {
		s, _, _ := xSignIn("x03-cognito-request-id-on-app-page", "x03")
		s.desc = "A puppeteer-recorder HAR in which the app's first page also carries the ExtraInfo headers of the hosted UI's hop (x-amz-cognito-request-id, server: Server, strict-transport-security, x-frame-options) next to its own; no Location."
		return s
	}, post: cognitoIDOnAppPage})
	specs = append(specs, spec{file: "x04-near-miss-201-location", category: "inconsistent", exporter: "playwright", build: xNearMiss201})
	specs = append(specs, spec{file: "x05-near-miss-keycloak-behind-its-own-alb", category: "inconsistent", exporter: "playwright", build: func() *scen { return oKeycloak(true) }})
	specs = append(specs, spec{file: "x06-near-miss-cloudfront-amzn-headers", category: "inconsistent", exporter: "playwright", build: xNearMissCDN})
	return specs
}

// swapPostAndCallback: the callback's response headers on the form post's
// entry and the other way round (x02).
func swapPostAndCallback(s *scen, e *exported) {
	for i := 0; i+1 < len(e.entries); i++ {
		a, b := e.entries[i], e.entries[i+1]
		if a.x.meth == "POST" && a.x.kind == kIdP && b.x.kind == kCallback {
			ra, rb := a.entry.get("response").(obj), b.entry.get("response").(obj)
			ha, hb := ra.get("headers"), rb.get("headers")
			ra.set("headers", hb)
			rb.set("headers", ha)
			a.entry.set("response", ra)
			b.entry.set("response", rb)
			a.inconsistent, b.inconsistent = true, true
			return
		}
	}
	panic("x02: no form post followed by the callback")
}

// cognitoIDOnAppPage: Cognito's headers added to the app's first page (x03).
func cognitoIDOnAppPage(s *scen, e *exported) {
	for _, o := range e.entries {
		if o.x.kind == kApp {
			r := o.entry.get("response").(obj)
			hs := r.get("headers").([]obj)
			hs = append(hs, obj{{"name", "server"}, {"value", "Server"}}, obj{{"name", "strict-transport-security"}, {"value", "max-age=31536000 ; includeSubDomains"}},
				obj{{"name", "x-amz-cognito-request-id"}, {"value", s.pubUUID()}}, obj{{"name", "x-frame-options"}, {"value", "DENY"}})
			r.set("headers", hs)
			o.entry.set("response", r)
			o.inconsistent = true
			return
		}
	}
	panic("x03: no app page")
}
