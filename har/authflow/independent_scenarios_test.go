package authflow

import (
	"fmt"
	"net/url"
	"strings"
)

// The independent scenarios. Labels follow DESIGN.md's table; where the
// contract leaves room, the comment on the entry says which reading was
// chosen and why.

var (
	sLogin   = []int{1, 2}
	sCB      = []int{3, 4, 5, 6, 7, 8}
	sApp     = []int{9, 10, 11}
	sNone    = []int{}
	phLogin  = "login"
	phApp    = "app"
	phLogout = "logout"
)

const (
	expired1970 = "Expires=Thu, 01 Jan 1970 00:00:00 GMT"
	clientID    = "5q2vd8kq1n0hbmf3aa7c0rtk4e"
)

func (b *xb) appURL(p string) string { return "https://" + b.app + p }
func (b *xb) idpURL(p string) string { return "https://" + b.idp + p }

// authRedirect: the ALB has no valid session for path and redirects to the
// IdP's authorize endpoint (#1, #2). It returns the authorize URL and the
// state the ALB made.
func (b *xb) authRedirect(path, dest string) (authz, state string) {
	state = b.secret("st", 48)
	q := url.Values{}
	q.Set("client_id", clientID)
	q.Set("redirect_uri", "https://"+b.app+"/oauth2/idpresponse")
	q.Set("response_type", "code")
	q.Set("scope", "openid")
	q.Set("state", state)
	authz = b.idpURL("/oauth2/authorize?" + q.Encode())
	b.ex(xreq{url: b.appURL(path), dest: dest}, xresp{status: 302, loc: authz, server: "alb",
		set: []string{"AWSALBAuthNonce=" + b.secret("nc", 40) + "; Path=/; Secure; HttpOnly"}, hdr: [][2]string{{"Cache-Control", "no-cache, no-store"}}},
		"auth-redirect", phLogin, sLogin, "no valid ALB session: 302 to the authorize endpoint")
	return authz, state
}

// authorize: Cognito's /oauth2/authorize. Without a Cognito session it
// sends the browser to /login (returned); with one it answers with a code
// straight away (the callback URL is returned).
func (b *xb) authorize(authz, state string, silent bool) string {
	u, _ := url.Parse(authz)
	if silent {
		cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(state))
		b.ex(xreq{url: authz}, xresp{status: 302, loc: cb, server: "cognito", mime: "text/html;charset=UTF-8",
			set: []string{"XSRF-TOKEN=" + b.secret("xs", 36) + "; Path=/; Secure; HttpOnly; SameSite=Lax"}},
			"idp", phLogin, sNone, "Cognito session still valid: a code without a sign-in page")
		return cb
	}
	login := "/login?" + u.RawQuery
	b.ex(xreq{url: authz}, xresp{status: 302, loc: login, server: "cognito", mime: "text/html;charset=UTF-8",
		set: []string{"XSRF-TOKEN=" + b.secret("xs", 36) + "; Path=/; Secure; HttpOnly; SameSite=Lax",
			"csrf-state=\"\"; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/; Secure; HttpOnly; SameSite=None"}},
		"idp", phLogin, sNone, "no Cognito session: 302 to the sign-in page")
	return "https://" + u.Host + login
}

// signIn: the sign-in page, then its form post; ok=false is a wrong
// password (200 with the form again).
func (b *xb) loginPost(login, state string, ok bool) string {
	if !ok {
		b.ex(xreq{method: "POST", url: login, form: []string{"_csrf", "username", "password", "cognitoAsfData", "signInSubmitButton"}},
			xresp{status: 200, server: "cognito", mime: "text/html;charset=UTF-8", size: 3600}, "idp", phLogin, sNone, "wrong password: the form again")
		return ""
	}
	cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(state))
	b.ex(xreq{method: "POST", url: login, form: []string{"_csrf", "username", "password", "cognitoAsfData", "signInSubmitButton"}},
		xresp{status: 302, loc: cb, server: "cognito", set: []string{
			`cognito="` + b.secret("H4sI", 120) + `"; Version=1; Domain=` + b.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`}},
		"idp", phLogin, sNone, "signed in: 302 to the ALB callback with the code")
	return cb
}

func (b *xb) loginPage(login string) {
	b.ex(xreq{url: login}, xresp{status: 200, server: "cognito", mime: "text/html;charset=UTF-8", size: 3460}, "idp", phLogin, sNone, "hosted UI sign-in page")
}

// callback: the ALB redeems the code and sets the session in shards.
func (b *xb) callback(cb, orig string, shards int) {
	var set []string
	for i := 0; i < shards; i++ {
		n := 4000
		if i == shards-1 {
			n = 900
		}
		set = append(set, fmt.Sprintf("AWSELBAuthSessionCookie-%d=%s; path=/; secure; HttpOnly", i, b.secret("ss", n)))
	}
	b.ex(xreq{url: cb}, xresp{status: 302, loc: b.appURL(orig), server: "alb", set: set}, "callback", phLogin, sCB, "code redeemed; session cookie set")
}

// authRedirectFetch: like authRedirect for a fetch() without Sec-Fetch
// hints and with Accept */*.
func (b *xb) authRedirectFetch(path string) (authz, state string) {
	state = b.secret("st", 48)
	q := url.Values{}
	q.Set("client_id", clientID)
	q.Set("redirect_uri", "https://"+b.app+"/oauth2/idpresponse")
	q.Set("response_type", "code")
	q.Set("scope", "openid")
	q.Set("state", state)
	authz = b.idpURL("/oauth2/authorize?" + q.Encode())
	b.ex(xreq{url: b.appURL(path), dest: "empty", hdr: [][2]string{{"Accept", "*/*"}}}, xresp{status: 302, loc: authz, server: "alb",
		set: []string{"AWSALBAuthNonce=" + b.secret("nc", 40) + "; Path=/; Secure; HttpOnly"}}, "auth-redirect", phLogin, sLogin, "a fetch got the ALB's redirect")
	return authz, state
}

// fullLogin: auth-redirect, authorize, sign-in page, post, callback.
func (b *xb) fullLogin(path string, shards int) {
	authz, st := b.authRedirect(path, "document")
	login := b.authorize(authz, st, false)
	b.loginPage(login)
	cb := b.loginPost(login, st, true)
	b.callback(cb, path, shards)
}

// target: a request the application answers through a valid session.
func (b *xb) target(path, dest string, status int, mime string, kind, phase string, set ...string) {
	b.ex(xreq{url: b.appURL(path), dest: dest}, xresp{status: status, mime: mime, size: 900, set: set}, kind, phase, sApp, "")
}

func (b *xb) stickiness() []string {
	v := b.secret("sk", 60)
	return []string{"AWSALB=" + v + "; Expires=Fri, 27 Nov 2026 09:00:00 GMT; Path=/",
		"AWSALBCORS=" + v + "; Expires=Fri, 27 Nov 2026 09:00:00 GMT; Path=/; SameSite=None; Secure"}
}

// appVisit: the home page and its files.
func (b *xb) appVisit() {
	b.target("/", "document", 200, "text/html; charset=utf-8", "app", phApp, append(b.stickiness(),
		"JSESSIONID="+b.secret("js", 32)+"; Path=/; Secure; HttpOnly; SameSite=Lax")...)
	b.target("/static/app.css", "style", 200, "text/css", "asset", phApp)
	b.target("/static/app.js", "script", 200, "application/javascript", "asset", phApp)
	b.target("/api/rates", "empty", 200, "application/json", "api", phApp)
}

func expireShards(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("AWSELBAuthSessionCookie-%d=; %s; Max-Age=-1; Path=/; Secure; HttpOnly", i, expired1970))
	}
	return out
}

// cognitoLogout: Cognito's /logout clears its session and sends the
// browser to logoutURI.
func (b *xb) cognitoLogoutURL(logoutURI string) string {
	return b.idpURL("/logout?client_id=" + clientID + "&logout_uri=" + url.QueryEscape(logoutURI))
}

func (b *xb) cognitoLogout(logoutURI string) {
	b.ex(xreq{url: b.cognitoLogoutURL(logoutURI)}, xresp{status: 302, loc: logoutURI, server: "cognito", mime: "text/html; charset=utf-8", set: []string{
		`cognito=""; Version=1; Domain=` + b.idp + `; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/; Secure; HttpOnly; SameSite=Lax`}},
		"idp-logout", phLogout, sNone, "Cognito /logout")
}

// forbidAllBut lists every code except those given (and sanitized-capture,
// which labels() handles).
func forbidAllBut(keep ...string) []string {
	var out []string
	for _, c := range Codes() {
		if c == CodeSanitizedCapture {
			continue
		}
		skip := false
		for _, k := range keep {
			if k == c {
				skip = true
			}
		}
		if !skip {
			out = append(out, c)
		}
	}
	return out
}

var independentScenarios = []func() *xb{
	// Firefox export: Title-Case headers, no _resourceType, no Sec-Fetch-*.
	// The app's /logout expires the session and goes through Cognito's
	// /logout to a landing page behind the ALB that needs no sign-in.
	func() *xb {
		b := newXB("i01-firefox-happy-logout", styleFirefox)
		b.about = "Firefox export; sign-in, the app, logout that expires the ALB cookie itself then Cognito /logout, landing page without a session."
		b.fullLogin("/", 1)
		b.appVisit()
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/signed-out")), mime: "text/html", set: append(expireShards(1),
			"JSESSIONID=; Max-Age=0; "+expired1970+"; Path=/; Secure; HttpOnly")}, "logout", phLogout, sApp, "the app's logout: expires the ALB cookie")
		b.cognitoLogout(b.appURL("/signed-out"))
		// The cookie was expired by /logout: the landing page comes
		// without a session, so none of 9-11 (DESIGN: "steps 9–11 when a
		// valid session cookie came with it, none otherwise").
		b.ex(xreq{url: b.appURL("/signed-out")}, xresp{status: 200, mime: "text/html; charset=utf-8", size: 700}, "logout-callback", phLogout, sNone, "landing page, no session")
		// Without Set-Cookie, this capture looks exactly like the shared
		// a-happy-path, whose landing page did come with the session (it
		// expires the cookie itself): steps 9-11 or none cannot be told.
		b.undecidable = map[int]string{len(b.labs) - 1: "which response expired the session cookie (only Set-Cookie shows it)"}
		b.forbidden = forbidAllBut()
		return b
	},
	// Safari export (no redirectURL), a Cognito custom domain behind
	// CloudFront, CloudFront in front of the ALB too, favicons, the hosted
	// UI's CSS from Cognito's CDN, and third-party analytics.
	func() *xb {
		b := newXB("i02-safari-custom-domain-cloudfront", styleSafari)
		b.about = "Safari export (Location only); Cognito custom domain auth.example.com; CloudFront before the ALB; favicons; analytics."
		b.idp = "auth.example.com"
		cf := [][2]string{{"Via", "1.1 4d2b0c0e5b3c2f1a.cloudfront.net (CloudFront)"}, {"X-Amz-Cf-Id", "Yq3vN0dP1x5Hc8mK2fWn7sB4tL9rE6aJ0uZ5oI3gC1kV8yT2pQ=="}, {"X-Amz-Cf-Pop", "LHR61-P1"}, {"X-Cache", "Miss from cloudfront"}}
		authz, st := b.authRedirect("/", "document")
		b.ents[len(b.ents)-1]["response"].(map[string]any)["headers"] = append(b.ents[len(b.ents)-1]["response"].(map[string]any)["headers"].([]map[string]any), xnv("Via", cf[0][1]), xnv("X-Amz-Cf-Id", cf[1][1]))
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		// Classic hosted UI CSS from Cognito's CDN, loaded by the sign-in page.
		b.ex(xreq{url: "https://d3oia8etllorh5.cloudfront.net/20240620172547/css/bootstrap.min.css", dest: "style", hdr: [][2]string{{"Referer", "https://auth.example.com/"}}},
			xresp{status: 200, mime: "text/css", size: 120000, server: "AmazonS3", hdr: cf}, "asset", phLogin, sNone, "a file the IdP's page loads")
		b.ex(xreq{url: b.idpURL("/favicon.ico"), dest: "image", hdr: [][2]string{{"Referer", login}}}, xresp{status: 200, mime: "image/x-icon", size: 1150, server: "cognito"}, "asset", phLogin, sNone, "the IdP's favicon")
		cb := b.loginPost(login, st, true)
		b.ex(xreq{url: cb}, xresp{status: 302, loc: b.appURL("/"), server: "alb", hdr: cf, set: []string{"AWSELBAuthSessionCookie-0=" + b.secret("ss", 1200) + "; path=/; secure; HttpOnly"}}, "callback", phLogin, sCB, "")
		b.ex(xreq{url: b.appURL("/")}, xresp{status: 200, mime: "text/html; charset=utf-8", size: 1500, server: "Apache", hdr: cf}, "app", phApp, sApp, "")
		b.ex(xreq{url: b.appURL("/favicon.ico"), dest: "image"}, xresp{status: 200, mime: "image/vnd.microsoft.icon", size: 1150, server: "Apache", hdr: cf}, "asset", phApp, sApp, "the app's favicon, through the ALB with the session")
		b.ex(xreq{url: "https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ", dest: "script", hdr: [][2]string{{"Referer", b.appURL("/")}}}, xresp{status: 200, mime: "application/javascript", size: 90000, server: "Google Tag Manager"}, "other", phApp, sNone, "third party")
		b.ex(xreq{method: "POST", url: "https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ&cid=" + b.secret("", 10), dest: "empty", hdr: [][2]string{{"Referer", b.appURL("/")}}}, xresp{status: 204, server: "Golfe2"}, "other", phApp, sNone, "analytics beacon")
		b.ex(xreq{url: b.appURL("/api/me"), dest: "empty"}, xresp{status: 200, mime: "application/json", size: 300, server: "Apache", hdr: cf}, "api", phApp, sApp, "")
		b.forbidden = forbidAllBut()
		return b
	},
	// Federation to Google through Cognito: Cognito's own
	// /oauth2/idpresponse, Google's pages and their files.
	func() *xb {
		b := newXB("i03-federated-google", styleChrome)
		b.about = "Chrome; Cognito federates to Google (identity_provider=Google): Google's pages and gstatic files, Cognito /oauth2/idpresponse, then the ALB callback."
		authz, st := b.authRedirect("/reports", "document")
		u, _ := url.Parse(authz)
		q := u.Query()
		q.Set("identity_provider", "Google")
		gq := url.Values{}
		gq.Set("client_id", "1234567890-abcdefg.apps.googleusercontent.com")
		gq.Set("redirect_uri", "https://"+b.idp+"/oauth2/idpresponse")
		gq.Set("response_type", "code")
		gq.Set("scope", "openid email profile")
		cst := b.secret("cs", 40)
		gq.Set("state", cst)
		gauth := "https://accounts.google.com/o/oauth2/v2/auth?" + gq.Encode()
		// The ALB redirected to the plain authorize URL; this pool has
		// only Google, so Cognito goes straight there.
		b.ex(xreq{url: authz}, xresp{status: 302, loc: gauth, server: "cognito", set: []string{`cognito-fl="W10="; Version=1; Domain=` + b.idp + `; Max-Age=900; Path=/; Secure; HttpOnly`}}, "idp", phLogin, sNone, "Cognito redirects to Google")
		gid := "https://accounts.google.com/v3/signin/identifier?flowName=GeneralOAuthFlow&ifkv=" + b.secret("if", 30)
		b.ex(xreq{url: gauth}, xresp{status: 302, loc: gid, server: "ESF"}, "idp", phLogin, sNone, "Google authorize")
		b.ex(xreq{url: gid}, xresp{status: 200, mime: "text/html; charset=utf-8", size: 400000, server: "ESF"}, "idp", phLogin, sNone, "Google sign-in page")
		b.ex(xreq{url: "https://ssl.gstatic.com/accounts/ui/logo_2x.png", dest: "image", hdr: [][2]string{{"Referer", "https://accounts.google.com/"}}}, xresp{status: 200, mime: "image/png", size: 7000, server: "sffe"}, "asset", phLogin, sNone, "file of Google's page")
		b.ex(xreq{url: "https://www.gstatic.com/_/mss/boq-identity/_/js/k=boq-identity.AccountsSignInUi.en_GB.js", dest: "script", hdr: [][2]string{{"Referer", "https://accounts.google.com/"}}}, xresp{status: 200, mime: "text/javascript", size: 500000, server: "sffe"}, "asset", phLogin, sNone, "file of Google's page")
		// Google's sign-in form talks to its back end with XHR.
		b.ex(xreq{method: "POST", url: "https://accounts.google.com/v3/signin/_/AccountsSignInUi/data/batchexecute?rpcids=MI613e", dest: "empty", form: []string{"f.req", "at"}, hdr: [][2]string{{"Referer", "https://accounts.google.com/"}}},
			xresp{status: 200, mime: "application/json; charset=utf-8", size: 3000, server: "ESF"}, "idp", phLogin, sNone, "Google's sign-in XHR")
		back := "https://" + b.idp + "/oauth2/idpresponse?state=" + url.QueryEscape(cst) + "&code=" + b.secret("4/0A", 60) + "&scope=email+profile+openid"
		b.ex(xreq{url: "https://accounts.google.com/signin/oauth/consent?authuser=0&part=" + b.secret("pt", 30)}, xresp{status: 302, loc: back, server: "ESF"}, "idp", phLogin, sNone, "Google consent: back to Cognito")
		cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(st))
		b.ex(xreq{url: back}, xresp{status: 302, loc: cb, server: "cognito", set: []string{`cognito="` + b.secret("H4sI", 100) + `"; Version=1; Domain=` + b.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`}}, "idp", phLogin, sNone, "Cognito's /oauth2/idpresponse")
		b.callback(cb, "/reports", 1)
		b.target("/reports", "document", 200, "text/html", "app", phApp)
		b.target("/static/app.css", "style", 200, "text/css", "asset", phApp)
		b.forbidden = forbidAllBut()
		_ = q
		return b
	},
	// SAML federation through Cognito to Okta: SAMLRequest redirect, Okta's
	// sign-in API (XHR), the auto-posted SAMLResponse to /saml2/idpresponse.
	func() *xb {
		b := newXB("i04-federated-okta-saml", styleChrome)
		b.about = "Chrome; Cognito federates to Okta over SAML: Okta's page and XHR sign-in, the SAMLResponse form post to Cognito /saml2/idpresponse."
		authz, st := b.authRedirect("/", "document")
		okta := "https://example.okta.com/app/example_multiccy_1/exk1a2b3c4d5e6f7g8h9/sso/saml?SAMLRequest=" + b.secret("fZ", 200) + "&RelayState=" + b.secret("rs", 40)
		b.ex(xreq{url: authz + "&identity_provider=Okta"}, xresp{status: 302, loc: okta, server: "cognito"}, "idp", phLogin, sNone, "Cognito to Okta (SAML)")
		b.ex(xreq{url: okta}, xresp{status: 302, loc: "https://example.okta.com/login/login.htm?fromURI=%2Fapp%2Fexample_multiccy_1", server: "nginx"}, "idp", phLogin, sNone, "Okta: no session")
		b.ex(xreq{url: "https://example.okta.com/login/login.htm?fromURI=%2Fapp%2Fexample_multiccy_1"}, xresp{status: 200, mime: "text/html;charset=utf-8", size: 30000, server: "nginx"}, "idp", phLogin, sNone, "Okta sign-in page")
		// Okta's page says Referrer-Policy: no-referrer: no Referer.
		b.ex(xreq{url: "https://ok12static.oktacdn.com/assets/js/sdk/okta-signin-widget/7.0.0/js/okta-sign-in.min.js", dest: "script"}, xresp{status: 200, mime: "application/javascript", size: 900000, server: "AmazonS3"}, "asset", phLogin, sNone, "Okta's CDN")
		b.ex(xreq{method: "POST", url: "https://example.okta.com/api/v1/authn", dest: "empty", hdr: [][2]string{{"Referer", "https://example.okta.com/"}}, form: []string{"username", "password"}}, xresp{status: 200, mime: "application/json", size: 900, server: "nginx"}, "idp", phLogin, sNone, "Okta's sign-in API")
		b.ex(xreq{url: "https://example.okta.com/login/sessionCookieRedirect?token=" + b.secret("tk", 40) + "&redirectUrl=https%3A%2F%2Fexample.okta.com%2Fapp%2Fexample_multiccy_1%2Fsso%2Fsaml"}, xresp{status: 302, loc: "https://example.okta.com/app/example_multiccy_1/exk1a2b3c4d5e6f7g8h9/sso/saml", server: "nginx"}, "idp", phLogin, sNone, "")
		b.ex(xreq{url: "https://example.okta.com/app/example_multiccy_1/exk1a2b3c4d5e6f7g8h9/sso/saml"}, xresp{status: 200, mime: "text/html;charset=utf-8", size: 9000, server: "nginx"}, "idp", phLogin, sNone, "auto-submitting SAMLResponse form")
		cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(st))
		b.ex(xreq{method: "POST", url: b.idpURL("/saml2/idpresponse"), form: []string{"SAMLResponse", "RelayState"}, hdr: [][2]string{{"Origin", "https://example.okta.com"}, {"Referer", "https://example.okta.com/"}}},
			xresp{status: 302, loc: cb, server: "cognito", set: []string{`cognito="` + b.secret("H4sI", 100) + `"; Version=1; Domain=` + b.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`}}, "idp", phLogin, sNone, "Cognito /saml2/idpresponse")
		b.callback(cb, "/", 1)
		b.appVisit()
		b.forbidden = forbidAllBut()
		return b
	},
	// Managed login (new UI, lang=) with a forgotten password and MFA.
	func() *xb {
		b := newXB("i05-managed-login-forgot-mfa", styleChrome)
		b.about = "Chrome; managed login (lang=, its own files), forgot password and reset, then sign-in with an MFA code page."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz+"&lang=en", st, false)
		b.loginPage(login)
		b.ex(xreq{url: b.idpURL("/static/managed-login/css/main.css"), dest: "style", hdr: [][2]string{{"Referer", login}}}, xresp{status: 200, mime: "text/css", size: 40000, server: "cognito"}, "asset", phLogin, sNone, "managed login's file")
		u, _ := url.Parse(login)
		fp := b.idpURL("/forgotPassword?" + u.RawQuery)
		b.ex(xreq{url: fp}, xresp{status: 200, mime: "text/html;charset=UTF-8", size: 3000, server: "cognito"}, "idp", phLogin, sNone, "forgot password page")
		cfp := b.idpURL("/confirmForgotPassword?" + u.RawQuery)
		b.ex(xreq{method: "POST", url: fp, form: []string{"_csrf", "username"}}, xresp{status: 302, loc: cfp, server: "cognito"}, "idp", phLogin, sNone, "")
		b.ex(xreq{url: cfp}, xresp{status: 200, mime: "text/html;charset=UTF-8", size: 3000, server: "cognito"}, "idp", phLogin, sNone, "")
		b.ex(xreq{method: "POST", url: cfp, form: []string{"_csrf", "username", "code", "password", "confirmPassword"}}, xresp{status: 302, loc: login, server: "cognito"}, "idp", phLogin, sNone, "password reset: back to sign-in")
		b.loginPage(login)
		mfa := b.idpURL("/mfa?" + u.RawQuery)
		b.ex(xreq{method: "POST", url: login, form: []string{"_csrf", "username", "password", "cognitoAsfData", "signInSubmitButton"}}, xresp{status: 302, loc: mfa, server: "cognito"}, "idp", phLogin, sNone, "password right: MFA next")
		b.ex(xreq{url: mfa}, xresp{status: 200, mime: "text/html;charset=UTF-8", size: 3000, server: "cognito"}, "idp", phLogin, sNone, "MFA page")
		cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(st))
		b.ex(xreq{method: "POST", url: mfa, form: []string{"_csrf", "mfaCode"}}, xresp{status: 302, loc: cb, server: "cognito",
			set: []string{`cognito="` + b.secret("H4sI", 100) + `"; Version=1; Domain=` + b.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`}}, "idp", phLogin, sNone, "MFA accepted")
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		// Nothing was rejected: sign-in went password -> MFA -> code.
		b.forbidden = forbidAllBut()
		return b
	},
	// Firefox, a wrong password then the right one.
	func() *xb {
		b := newXB("i06-firefox-wrong-password", styleFirefox)
		b.about = "Firefox export; a wrong password (200, the form again), then the right one."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		b.loginPost(login, st, false)
		cb := b.loginPost(login, st, true)
		b.callback(cb, "/", 1)
		b.appVisit()
		b.expected = []string{CodeLoginFailed}
		b.forbidden = forbidAllBut(CodeLoginFailed)
		return b
	},
	// A session in 4 shards; the logout expires only shard 0. The ALB
	// cannot use shards 1-3 alone, so the next visit signs in again.
	func() *xb {
		b := newXB("i07-sharded-logout-shard0-only", styleChrome)
		b.about = "Chrome; session cookie in 4 shards; logout expires only shard 0, then Cognito /logout; the next visit sends shards 1-3 and is sent to sign in."
		b.fullLogin("/", 4)
		b.appVisit()
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/bye")), mime: "text/html", set: expireShards(1)}, "logout", phLogout, sApp, "expires shard 0 only")
		b.cognitoLogout(b.appURL("/bye"))
		// Shards 1-3 still come, but without shard 0 there is no valid
		// session: no steps.
		b.ex(xreq{url: b.appURL("/bye")}, xresp{status: 200, mime: "text/html", size: 600}, "logout-callback", phLogout, sNone, "landing page; shards 1-3 are not a valid session")
		b.undecidable = map[int]string{len(b.labs) - 1: "whether shard 0 still came (only Cookie shows it)"}
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		b.expected = []string{CodeSessionCookieSharded}
		// logout-keeps-alb-session: DESIGN's "when" needs a later request
		// that got in without signing in; none did here, so it is neither
		// required nor forbidden (the leftover shards are worth a word).
		b.forbidden = forbidAllBut(CodeSessionCookieSharded, CodeLogoutKeepsALBSession)
		return b
	},
	// The app's logout expires the ALB cookie but never calls Cognito's
	// /logout: the next visit is signed in silently.
	func() *xb {
		b := newXB("i08-silent-reauth-after-logout", styleChrome)
		b.about = "Chrome; logout expires the ALB cookie and redirects to /, skipping Cognito /logout: authorize answers with a code at once."
		b.fullLogin("/", 1)
		b.appVisit()
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: "/", mime: "text/html", set: expireShards(1)}, "logout", phLogout, sApp, "")
		authz, st := b.authRedirect("/", "document")
		cb := b.authorize(authz, st, true)
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.expected = []string{CodeSilentReauth}
		// The ALB cookie was expired and the way back in was a sign-in
		// (silent, but a callback): not logout-keeps-alb-session.
		b.forbidden = forbidAllBut(CodeSilentReauth)
		return b
	},
	// The logout landing page sits behind the authenticate rule, the
	// Cognito session survives (no Cognito /logout), and the landing page
	// sends a signed-in user to /logout: a loop.
	func() *xb {
		b := newXB("i09-logout-landing-loop", styleChrome)
		b.about = "Chrome; /logout -> /logged-out behind the authenticate rule -> silent sign-in -> /logged-out -> /logout ... three times."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		for i := 0; i < 3; i++ {
			b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: "/logged-out", mime: "text/html", set: expireShards(1)}, "logout", phLogout, sApp, "")
			// The landing page without a session: the ALB sends the
			// browser to sign in (auth-redirect, phase login).
			authz, st := b.authRedirect("/logged-out", "document")
			cb := b.authorize(authz, st, true)
			b.callback(cb, "/logged-out", 1)
			// Signed in again, the landing page is an application page
			// that sends the user to /logout: app, steps 9-11.
			b.ex(xreq{url: b.appURL("/logged-out")}, xresp{status: 302, loc: "/logout", mime: "text/html"}, "app", phApp, sApp, "landing page, signed in: sends to /logout")
		}
		b.expected = []string{CodeRedirectLoop, CodeSilentReauth}
		b.forbidden = forbidAllBut(CodeRedirectLoop, CodeSilentReauth)
		return b
	},
	// A single-page app whose session ends: its fetch gets the ALB's 302
	// to Cognito, then the CORS failure; the user reloads and signs in.
	func() *xb {
		b := newXB("i10-xhr-cors-after-expiry", styleChrome)
		b.about = "Chrome; SPA polling; the ALB session expires; fetch gets the 302 to Cognito then fails on CORS (status 0, _error); reload shows the sign-in page."
		b.fullLogin("/", 1)
		b.appVisit()
		b.target("/api/rates", "empty", 200, "application/json", "api", phApp)
		b.dropCookie(b.app, "AWSELBAuthSessionCookie-0") // session timed out (the ALB ignores it)
		authz, _ := b.authRedirect("/api/rates", "empty")
		// The fetch follows the redirect to Cognito and is blocked: no
		// response. An exchange with the IdP, phase login.
		b.ex(xreq{url: authz, dest: "empty", hdr: [][2]string{{"Origin", "https://" + b.app}}}, xresp{failed: "net::ERR_FAILED"}, "idp", phLogin, sNone, "CORS failure")
		b.dropCookie(b.idp, "cognito") // the Cognito session is over too
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		b.expected = []string{CodeXHRAuthRedirect}
		b.forbidden = forbidAllBut(CodeXHRAuthRedirect)
		return b
	},
	// 401 at the callback: the login began on the ALB's DNS name and the
	// callback came to the CNAME, so no AWSALBAuthNonce came with it.
	func() *xb {
		b := newXB("i11-callback-401-host-switch", styleChrome)
		b.about = "Chrome; sign-in started on the ALB DNS name, the callback URL is the CNAME: no nonce cookie, 401 from the ALB."
		alb := "multiccy-alb-1234567890.eu-west-1.elb.amazonaws.com"
		state := b.secret("st", 48)
		q := url.Values{}
		q.Set("client_id", clientID)
		q.Set("redirect_uri", "https://"+b.app+"/oauth2/idpresponse")
		q.Set("response_type", "code")
		q.Set("scope", "openid")
		q.Set("state", state)
		authz := b.idpURL("/oauth2/authorize?" + q.Encode())
		b.ex(xreq{url: "https://" + alb + "/"}, xresp{status: 302, loc: authz, server: "alb", set: []string{"AWSALBAuthNonce=" + b.secret("nc", 40) + "; Path=/; Secure; HttpOnly"}}, "auth-redirect", phLogin, sLogin, "on the ALB's DNS name")
		login := b.authorize(authz, state, false)
		b.loginPage(login)
		cb := b.loginPost(login, state, true)
		// Only #3 happened: the ALB refused before redeeming the code.
		b.ex(xreq{url: cb}, xresp{status: 401, mime: "text/html", size: 176, server: "alb"}, "callback", phLogin, []int{3}, "AuthMissingAWSALBAuthNonce")
		b.expected = []string{CodeCallback401}
		b.forbidden = forbidAllBut(CodeCallback401)
		return b
	},
	// 500 at the callback: claims plus access token over 11K.
	func() *xb {
		b := newXB("i12-callback-500-claims", styleFirefox)
		b.about = "Firefox export; the user's claims are too large: the ALB answers the callback with 500 after the token and userInfo calls."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		cb := b.loginPost(login, st, true)
		// Token and userInfo happened (#4-#7), the cookie was not made.
		b.ex(xreq{url: cb}, xresp{status: 500, mime: "text/html", size: 170, server: "alb"}, "callback", phLogin, []int{3, 4, 5, 6, 7}, "ELBAuthUserClaimsSizeExceeded")
		b.expected = []string{CodeCallback500}
		b.forbidden = forbidAllBut(CodeCallback500)
		return b
	},
	// 561: the user reloads the callback URL; the code is used twice.
	func() *xb {
		b := newXB("i13-callback-561-reload", styleChrome)
		b.about = "Chrome; sign-in, then the callback URL is reloaded: the same code again, the IdP refuses it, 561."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		cb := b.loginPost(login, st, true)
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		// The token endpoint was asked (#4) and refused (#5).
		b.ex(xreq{url: cb}, xresp{status: 561, mime: "text/html", size: 170, server: "alb"}, "callback", phLogin, []int{3, 4, 5}, "same code again: invalid_grant")
		b.expected = []string{CodeCallback561}
		b.forbidden = forbidAllBut(CodeCallback561)
		return b
	},
	// redirect_mismatch at Cognito's authorize.
	func() *xb {
		b := newXB("i14-redirect-mismatch", styleSafari)
		b.about = "Safari export; the callback URL registered in Cognito has another case: Cognito's /error?error=redirect_mismatch page."
		authz, _ := b.authRedirect("/", "document")
		errURL := b.idpURL("/error?error=redirect_mismatch&client_id=" + clientID)
		b.ex(xreq{url: authz}, xresp{status: 302, loc: errURL, server: "cognito"}, "idp", phLogin, sNone, "")
		b.ex(xreq{url: errURL}, xresp{status: 400, mime: "text/html;charset=UTF-8", size: 2000, server: "cognito"}, "idp", phLogin, sNone, "Cognito error page")
		b.expected = []string{CodeIdPError}
		b.forbidden = forbidAllBut(CodeIdPError)
		return b
	},
	// A federated IdP times out during Cognito's token exchange: Cognito
	// sends error=invalid_request to the ALB's callback, which answers 561.
	func() *xb {
		b := newXB("i15-federated-error-at-callback", styleChrome)
		b.about = "Chrome; Cognito's call to the external IdP's token endpoint times out: the ALB callback gets error=invalid_request and answers 561."
		authz, st := b.authRedirect("/", "document")
		oidc := "https://login.corp.example.net/oauth2/v1/authorize?client_id=corp1&redirect_uri=" + url.QueryEscape("https://"+b.idp+"/oauth2/idpresponse") + "&response_type=code&scope=openid&state=" + b.secret("cs", 30)
		b.ex(xreq{url: authz + "&identity_provider=Corp"}, xresp{status: 302, loc: oidc, server: "cognito"}, "idp", phLogin, sNone, "")
		back := b.idpURL("/oauth2/idpresponse?code=" + b.secret("fc", 30) + "&state=" + b.secret("cs", 30))
		// The corporate IdP still has a session: it answers at once.
		b.ex(xreq{url: oidc}, xresp{status: 302, loc: back, server: "nginx"}, "idp", phLogin, sNone, "")
		cb := b.appURL("/oauth2/idpresponse?error_description=Timeout+occurred+in+calling+IdP+token+endpoint&state=" + url.QueryEscape(st) + "&error=invalid_request")
		b.ex(xreq{url: back}, xresp{status: 302, loc: cb, server: "cognito"}, "idp", phLogin, sNone, "")
		// No code came, so nothing was redeemed: only #3.
		b.ex(xreq{url: cb}, xresp{status: 561, mime: "text/html", size: 170, server: "alb"}, "callback", phLogin, []int{3}, "the IdP's error")
		b.expected = []string{CodeIdPError, CodeCallback561}
		// The corporate IdP answered at once, but what reached the ALB
		// was an error, not a code: no sign-in happened, silent or not
		// (DESIGN: silent-reauth is "answered with a code straight away").
		b.forbidden = forbidAllBut(CodeIdPError, CodeCallback561)
		return b
	},
	// The capture starts mid-session; the Cookie header has grown over
	// the limit: the ALB answers 400 itself.
	func() *xb {
		b := newXB("i16-midsession-cookie-too-large", styleChrome)
		b.about = "Chrome; capture starts signed in (4 shards); app cookies grow; the ALB answers 400 Request Header Or Cookie Too Large."
		var sh []string
		for i := 0; i < 4; i++ {
			b.jar[b.app] = append(b.jar[b.app], [2]string{fmt.Sprintf("AWSELBAuthSessionCookie-%d", i), b.secret("ss", 4000)})
		}
		_ = sh
		b.target("/", "document", 200, "text/html", "app", phApp, b.stickiness()...)
		b.target("/api/rates", "empty", 200, "application/json", "api", phApp, "prefs="+b.secret("pf", 3000)+"; Path=/; Secure")
		b.ex(xreq{url: b.appURL("/reports")}, xresp{status: 400, mime: "text/html", size: 220, server: "alb"}, "app", phApp, sNone, "the ALB rejects the request before anything else")
		b.expected = []string{CodeCookieHeaderTooLarge, CodeSessionCookieSharded}
		b.forbidden = forbidAllBut(CodeCookieHeaderTooLarge, CodeSessionCookieSharded)
		// A sanitized copy has no Cookie header to measure, but the
		// request's headersSize (which the sanitizer leaves, as in the
		// shared a-happy-path.sanitized.har) still tells.

		return b
	},
	// Mid-session capture; the app's logout is a form POST; logout_uri is a
	// public page on another host (not behind the ALB).
	func() *xb {
		b := newXB("i17-midsession-post-logout-public-landing", styleFirefox)
		b.about = "Firefox export; starts signed in; logout is a POST that expires the ALB cookie; Cognito /logout sends to https://www.example.com/goodbye (not behind the ALB)."
		b.jar[b.app] = [][2]string{{"AWSELBAuthSessionCookie-0", b.secret("ss", 1500)}, {"JSESSIONID", b.secret("js", 32)}}
		b.jar[b.idp] = [][2]string{{"cognito", b.secret("H4sI", 100)}}
		b.target("/reports", "document", 200, "text/html", "app", phApp)
		b.target("/api/me", "empty", 200, "application/json", "api", phApp)
		land := "https://www.example.com/goodbye"
		b.ex(xreq{method: "POST", url: b.appURL("/auth/logout"), form: []string{"_csrf"}}, xresp{status: 303, loc: b.cognitoLogoutURL(land), mime: "text/html", set: expireShards(1)}, "logout", phLogout, sApp, "POST logout")
		b.cognitoLogout(land)
		// Not behind the ALB: no session can come with it, no steps.
		b.ex(xreq{url: land}, xresp{status: 200, mime: "text/html", size: 5000, server: "nginx"}, "logout-callback", phLogout, sNone, "public landing page")
		b.ex(xreq{url: "https://www.example.com/css/site.css", dest: "style", hdr: [][2]string{{"Referer", land}}}, xresp{status: 200, mime: "text/css", size: 5000, server: "nginx"}, "other", phLogout, sNone, "the public site's file")
		b.forbidden = forbidAllBut()
		return b
	},
	// The ALB's own 503 (no healthy target) while signed in.
	func() *xb {
		b := newXB("i18-alb-503", styleSafari)
		b.about = "Safari export; signed in, then the target group has no healthy target: the ALB's own 503 page, then it recovers."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		// The ALB answered itself: the kind of what was asked for, and no
		// step (the target was never reached, the answer is not #11's).
		b.ex(xreq{url: b.appURL("/reports")}, xresp{status: 503, mime: "text/html", size: 162, server: "alb"}, "app", phApp, sNone, "ALB 503")
		b.target("/reports", "document", 200, "text/html", "app", phApp)
		b.forbidden = forbidAllBut()
		return b
	},
	// Firefox: a fetch() with its default Accept */* gets the ALB's 302;
	// the cross-origin follow-up to Cognito fails (status 0, no _error:
	// Firefox writes none).
	func() *xb {
		b := newXB("i19-firefox-fetch-cors", styleFirefox)
		b.about = "Firefox export; SPA fetch() calls with Accept */*; the session ends; the API call gets the ALB's 302 and the follow-up to Cognito fails (status 0)."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.ex(xreq{url: b.appURL("/api/v2/balance"), dest: "empty", hdr: [][2]string{{"Accept", "*/*"}}}, xresp{status: 200, mime: "application/json", size: 200}, "api", phApp, sApp, "")
		// A fetch() heartbeat: Accept */*, 204 without a body.
		b.ex(xreq{method: "POST", url: b.appURL("/api/v2/heartbeat"), dest: "empty", hdr: [][2]string{{"Accept", "*/*"}}}, xresp{status: 204}, "api", phApp, sApp, "")
		b.dropCookie(b.app, "AWSELBAuthSessionCookie-0")
		authz, _ := b.authRedirectFetch("/api/v2/balance")
		b.ex(xreq{url: authz, dest: "empty", hdr: [][2]string{{"Accept", "*/*"}, {"Origin", "null"}}}, xresp{failed: "NS_ERROR_DOM_BAD_URI"}, "idp", phLogin, sNone, "CORS: blocked, no response")
		b.expected = []string{CodeXHRAuthRedirect}
		b.forbidden = forbidAllBut(CodeXHRAuthRedirect)
		return b
	},
	// Safari: the logout goes through Cognito, but nobody expires the ALB
	// session cookie; back on / the old cookie still lets the user in.
	func() *xb {
		b := newXB("i20-safari-logout-keeps-session", styleSafari)
		b.about = "Safari export; logout clears JSESSIONID and calls Cognito /logout, nothing expires AWSELBAuthSessionCookie-0; / is answered by the app."
		b.fullLogin("/", 1)
		b.appVisit()
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/goodbye")), mime: "text/html", set: []string{"JSESSIONID=; Max-Age=0; Path=/; Secure; HttpOnly"}}, "logout", phLogout, sApp, "")
		b.cognitoLogout(b.appURL("/goodbye"))
		b.ex(xreq{url: b.appURL("/goodbye")}, xresp{status: 200, mime: "text/html", size: 600}, "logout-callback", phLogout, sApp, "the session cookie still came")
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.target("/api/rates", "empty", 200, "application/json", "api", phApp)
		b.expected = []string{CodeLogoutKeepsALBSession}
		b.forbidden = forbidAllBut(CodeLogoutKeepsALBSession)
		return b
	},
	// The browser does not store the ALB's session cookie (blocked): the
	// callback's redirect comes back without it, again and again.
	func() *xb {
		b := newXB("i21-cookie-blocked-loop", styleChrome)
		b.about = "Chrome; the ALB session cookie is not stored: / -> authorize (silent after the first sign-in) -> callback -> / ... until the browser gives up."
		b.fullLogin("/", 1)
		b.dropCookie(b.app, "AWSELBAuthSessionCookie-0")
		for i := 0; i < 3; i++ {
			authz, st := b.authRedirect("/", "document")
			cb := b.authorize(authz, st, true)
			b.callback(cb, "/", 1)
			b.dropCookie(b.app, "AWSELBAuthSessionCookie-0")
		}
		b.expected = []string{CodeRedirectLoop, CodeSilentReauth}
		b.forbidden = forbidAllBut(CodeRedirectLoop, CodeSilentReauth)
		return b
	},
	// Two applications behind ALBs share one Cognito pool: signed in to the
	// first, the second gets a code without a sign-in page.
	func() *xb {
		b := newXB("i22-sso-second-app", styleChrome)
		b.about = "Chrome; two ALB applications on one Cognito user pool: after signing in to multiccy, reports.example.com signs in silently."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		first := b.app
		b.app = "reports.example.com"
		authz, st := b.authRedirect("/", "document")
		cb := b.authorize(authz, st, true)
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.app = first
		b.expected = []string{CodeSilentReauth}
		b.forbidden = forbidAllBut(CodeSilentReauth)
		return b
	},
	// Cognito's /logout in its redirect_uri form: it signs out and shows
	// the sign-in page again; the user signs in.
	func() *xb {
		b := newXB("i23-logout-redirect-uri-form", styleChrome)
		b.about = "Chrome; the app's logout sends to Cognito /logout?client_id&redirect_uri&response_type=code, which signs out and goes to /login; the user signs in again."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		state := b.secret("st", 48)
		q := url.Values{}
		q.Set("client_id", clientID)
		q.Set("redirect_uri", "https://"+b.app+"/oauth2/idpresponse")
		q.Set("response_type", "code")
		q.Set("scope", "openid")
		q.Set("state", state)
		lo := b.idpURL("/logout?" + q.Encode())
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: lo, mime: "text/html", set: expireShards(1)}, "logout", phLogout, sApp, "")
		login := b.idpURL("/login?" + q.Encode())
		b.ex(xreq{url: lo}, xresp{status: 302, loc: login, server: "cognito", set: []string{
			`cognito=""; Version=1; Domain=` + b.idp + `; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/; Secure; HttpOnly; SameSite=Lax`}}, "idp-logout", phLogout, sNone, "")
		b.loginPage(login)
		cb := b.loginPost(login, state, true)
		// The ALB made no state for this sign-in (Cognito's logout did
		// the redirect), but the callback is still the ALB's.
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.forbidden = forbidAllBut()
		return b
	},
	// Cognito refuses the scope: it redirects to the ALB's callback with
	// error=invalid_scope; the ALB answers 401.
	func() *xb {
		b := newXB("i24-invalid-scope-401", styleSafari)
		b.about = "Safari export; the app client lacks the rule's scope: Cognito sends error=invalid_scope to the ALB's callback, which answers 401."
		authz, st := b.authRedirect("/", "document")
		cb := b.appURL("/oauth2/idpresponse?error=invalid_scope&state=" + url.QueryEscape(st))
		b.ex(xreq{url: authz}, xresp{status: 302, loc: cb, server: "cognito"}, "idp", phLogin, sNone, "")
		b.ex(xreq{url: cb}, xresp{status: 401, mime: "text/html", size: 176, server: "alb"}, "callback", phLogin, []int{3}, "")
		b.expected = []string{CodeIdPError, CodeCallback401}
		// A code-less answer at once is no silent sign-in.
		b.forbidden = forbidAllBut(CodeIdPError, CodeCallback401)
		return b
	},
	// The app's own session cookie without Secure/HttpOnly; stickiness
	// cookies without HttpOnly (normal); an API under deny gets a 401.
	func() *xb {
		b := newXB("i25-cookie-attributes-deny-api", styleChrome)
		b.about = "Chrome; JSESSIONID without Secure and HttpOnly; AWSALB without HttpOnly (normal); an API rule with OnUnauthenticatedRequest=deny answers a call without the session 401."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp, append(b.stickiness(), "JSESSIONID="+b.secret("js", 32)+"; Path=/")...)
		b.target("/api/rates", "empty", 200, "application/json", "api", phApp)
		b.dropCookie(b.app, "AWSELBAuthSessionCookie-0")
		// The ALB answered itself (deny): the kind of what was asked for,
		// no step.
		b.ex(xreq{url: b.appURL("/api/rates"), dest: "empty"}, xresp{status: 401, mime: "text/html", size: 176, server: "alb"}, "api", phApp, sNone, "deny")
		b.expected = []string{CodeCookieAttributes}
		b.forbidden = forbidAllBut(CodeCookieAttributes)
		return b
	},
	// Favicons, which a real browser fetches by itself: through the ALB
	// with the session (asset, 9-11), and after the logout without one,
	// when the ALB redirects the favicon to Cognito's authorize, which
	// sends it on to the sign-in page.
	func() *xb {
		b := newXB("i26-favicon-after-logout", styleChrome)
		b.about = "Chrome; favicons: with the session (asset), at Cognito (asset), and after the logout the ALB redirects /favicon.ico to the authorize endpoint."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		b.ex(xreq{url: b.idpURL("/favicon.ico"), dest: "image"}, xresp{status: 200, mime: "image/x-icon", size: 1150, server: "cognito"}, "asset", phLogin, sNone, "")
		cb := b.loginPost(login, st, true)
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.target("/favicon.ico", "image", 200, "image/x-icon", "asset", phApp)
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/logged-out")), mime: "text/html"}, "logout", phLogout, sApp, "")
		b.cognitoLogout(b.appURL("/logged-out"))
		b.ex(xreq{url: b.appURL("/logged-out")}, xresp{status: 200, mime: "text/html", size: 500, set: expireShards(1)}, "logout-callback", phLogout, sApp, "expires the ALB cookie")
		// The favicon without a session: the ALB's #1/#2 like any request.
		authz, _ = b.authRedirect("/favicon.ico", "image")
		// The image request follows to Cognito's authorize and its
		// sign-in page: exchanges with the IdP (its endpoints, not files).
		u, _ := url.Parse(authz)
		b.ex(xreq{url: authz, dest: "image"}, xresp{status: 302, loc: "/login?" + u.RawQuery, server: "cognito", mime: "text/html;charset=UTF-8"}, "idp", phLogin, sNone, "authorize, asked for by an image request")
		b.ex(xreq{url: b.idpURL("/login?" + u.RawQuery), dest: "image"}, xresp{status: 200, server: "cognito", mime: "text/html;charset=UTF-8", size: 3460}, "idp", phLogin, sNone, "the sign-in page, asked for by an image request")
		b.forbidden = forbidAllBut()
		return b
	},
	// CloudFront in front of the ALB forwards no query string: the
	// callback reaches the ALB without code and state, which answers 401.
	func() *xb {
		b := newXB("i27-cloudfront-drops-query", styleChrome)
		b.about = "Chrome; CloudFront before the ALB does not forward query strings: /oauth2/idpresponse arrives without code/state and the ALB answers 401."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		cb := b.loginPost(login, st, true)
		// The browser's URL has the code; the HAR shows what the browser
		// sent. The ALB behind CloudFront saw none: only #3.
		b.ex(xreq{url: cb}, xresp{status: 401, mime: "text/html", size: 176, server: "alb", hdr: [][2]string{{"Via", "1.1 9e1b2c3d.cloudfront.net (CloudFront)"}, {"X-Cache", "Error from cloudfront"}, {"X-Amz-Cf-Id", "Zx0vN1dP2x6Hc9mK3fWn8sB5tL0rE7aJ1uZ6oI4gC2kV9yT3pQ=="}}}, "callback", phLogin, []int{3}, "AuthMissingCodeParam")
		b.expected = []string{CodeCallback401}
		b.forbidden = forbidAllBut(CodeCallback401)
		return b
	},
	// A single-page app logs out with fetch POST /api/logout (200 JSON
	// that expires the session), then navigates to Cognito's /logout.
	func() *xb {
		b := newXB("i28-spa-fetch-logout", styleChrome)
		b.about = "Chrome; SPA logout: fetch POST /api/logout answers 200 JSON and expires the session; the page then navigates to Cognito /logout, which returns to /."
		b.fullLogin("/", 2)
		b.appVisit()
		b.ex(xreq{method: "POST", url: b.appURL("/api/logout"), dest: "empty", form: []string{"_csrf"}}, xresp{status: 200, mime: "application/json", size: 80, set: expireShards(2)}, "logout", phLogout, sApp, "the application's logout endpoint, called by fetch")
		b.cognitoLogout(b.appURL("/"))
		// logout_uri is / itself, behind the authenticate rule: without a
		// session the ALB redirects, so it is a #1/#2, phase login (the
		// kind of what happened, as in the shared fixture's entry 14).
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		b.expected = []string{CodeSessionCookieSharded}
		b.forbidden = forbidAllBut(CodeSessionCookieSharded)
		return b
	},
	// Federation to Google; after a complete logout (ALB cookie expired,
	// Cognito /logout) the next visit goes through Google, whose own
	// session answers with a code at once: signed in without a page.
	func() *xb {
		b := newXB("i29-federated-silent-after-logout", styleChrome)
		b.about = "Chrome; Cognito federated to Google; full logout; the next visit is signed in silently through Google's still-valid session (Cognito /logout does not sign out of Google)."
		b.jar["accounts.google.com"] = [][2]string{{"SID", b.secret("g", 70)}}
		b.jar[b.idp] = [][2]string{{"cognito", b.secret("H4sI", 100)}}
		b.jar[b.app] = [][2]string{{"AWSELBAuthSessionCookie-0", b.secret("ss", 1500)}}
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/logged-out")), mime: "text/html", set: expireShards(1)}, "logout", phLogout, sApp, "")
		b.cognitoLogout(b.appURL("/logged-out"))
		b.ex(xreq{url: b.appURL("/logged-out")}, xresp{status: 200, mime: "text/html", size: 500}, "logout-callback", phLogout, sNone, "")
		b.undecidable = map[int]string{len(b.labs) - 1: "which response expired the session cookie (only Set-Cookie shows it)"}
		authz, st := b.authRedirect("/", "document")
		gq := url.Values{}
		gq.Set("client_id", "1234567890-abcdefg.apps.googleusercontent.com")
		gq.Set("redirect_uri", "https://"+b.idp+"/oauth2/idpresponse")
		gq.Set("response_type", "code")
		gq.Set("scope", "openid email profile")
		cst := b.secret("cs", 40)
		gq.Set("state", cst)
		gauth := "https://accounts.google.com/o/oauth2/v2/auth?" + gq.Encode()
		b.ex(xreq{url: authz}, xresp{status: 302, loc: gauth, server: "cognito"}, "idp", phLogin, sNone, "Cognito to Google")
		back := b.idpURL("/oauth2/idpresponse?state=" + url.QueryEscape(cst) + "&code=" + b.secret("4/0A", 60) + "&scope=email+profile+openid")
		b.ex(xreq{url: gauth}, xresp{status: 302, loc: back, server: "ESF"}, "idp", phLogin, sNone, "Google session: a code at once")
		cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(st))
		b.ex(xreq{url: back}, xresp{status: 302, loc: cb, server: "cognito"}, "idp", phLogin, sNone, "Cognito's /oauth2/idpresponse")
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		// No sign-in page anywhere between #1/#2 and the callback: the
		// user is back in after the logout (the symptom of P1).
		b.expected = []string{CodeSilentReauth}
		b.forbidden = forbidAllBut(CodeSilentReauth)
		return b
	},
	// What a real multi-currency page does besides the flow: URLs with
	// code= and state= of its own, an app redirect carrying them, a
	// WebSocket for live rates, a data: URL and a browser extension.
	func() *xb {
		b := newXB("i30-app-noise", styleChrome)
		b.about = "Chrome; signed in; app URLs with their own code=/state= parameters, an app redirect, a WebSocket, a data: URL and an extension request among the app's requests."
		b.fullLogin("/", 1)
		b.ex(xreq{url: b.appURL("/")}, xresp{status: 302, loc: "/rates?code=EUR&state=open", mime: "text/html", size: 50}, "app", phApp, sApp, "the app's own redirect")
		b.target("/rates?code=EUR&state=open", "document", 200, "text/html", "app", phApp)
		b.target("/api/rates?code=USD", "empty", 200, "application/json", "api", phApp)
		b.ex(xreq{url: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", dest: "image"}, xresp{status: 200, mime: "image/svg+xml", size: 20}, "other", phApp, sNone, "inline image")
		b.ex(xreq{url: "chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn/inpage.js", dest: "script"}, xresp{status: 200, mime: "text/javascript", size: 9000}, "other", phApp, sNone, "a browser extension")
		// The WebSocket upgrade goes through the ALB with the session.
		b.ex(xreq{url: "wss://" + b.app + "/ws/rates", dest: "empty", hdr: [][2]string{{"Upgrade", "websocket"}, {"Connection", "Upgrade"}}}, xresp{status: 101, size: 0}, "api", phApp, sApp, "live rates")
		b.ents[len(b.ents)-1]["_resourceType"] = "websocket"
		b.target("/rates?code=GBP&state=closed", "document", 200, "text/html", "app", phApp)
		// The page's stylesheet from the browser's disk cache: nothing
		// reached the ALB, no step.
		b.ex(xreq{url: b.appURL("/static/app.css"), dest: "style"}, xresp{status: 200, mime: "text/css", size: 4000}, "asset", phApp, sNone, "from the browser's cache")
		b.ents[len(b.ents)-1]["_fromCache"] = "disk"
		b.forbidden = forbidAllBut()
		return b
	},
	// The user types the address without https: the ALB's HTTP listener
	// redirects to HTTPS itself, then the sign-in starts.
	func() *xb {
		b := newXB("i31-http-to-https", styleFirefox)
		b.about = "Firefox export; http://multiccy.example.com/ is redirected to HTTPS by the ALB's port-80 listener, then the usual sign-in."
		// The ALB answered itself: the kind of what was asked for (a
		// page), no step, and the phase the user is in (signing in).
		b.ex(xreq{url: "http://" + b.app + "/"}, xresp{status: 301, loc: b.appURL("/"), server: "alb", mime: "text/html", size: 134}, "app", phLogin, sNone, "listener redirect action")
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.forbidden = forbidAllBut()
		return b
	},
	// Okta's sign-in widget posts the password by XHR: a wrong one gets
	// 401 JSON, the right one 200 JSON, then the browser goes on to the
	// SAML hop; no redirect answers either post.
	func() *xb {
		b := newXB("i32-okta-widget-wrong-password", styleChrome)
		b.about = "Chrome; Cognito federates to Okta (SAML); Okta's widget posts a wrong password (401 JSON), then the right one (200 JSON), then the SAMLResponse reaches Cognito."
		authz, st := b.authRedirect("/", "document")
		okta := "https://example.okta.com/app/example_multiccy_1/exk1a2b3c4d5e6f7g8h9/sso/saml?SAMLRequest=" + b.secret("fZ", 200)
		b.ex(xreq{url: authz + "&identity_provider=Okta"}, xresp{status: 302, loc: okta, server: "cognito"}, "idp", phLogin, sNone, "")
		b.ex(xreq{url: okta}, xresp{status: 200, mime: "text/html;charset=utf-8", size: 30000, server: "nginx"}, "idp", phLogin, sNone, "Okta sign-in page")
		b.ex(xreq{method: "POST", url: "https://example.okta.com/api/v1/authn", dest: "empty", form: []string{"username", "password"}}, xresp{status: 401, mime: "application/json", size: 120, server: "nginx"}, "idp", phLogin, sNone, "wrong password")
		b.ex(xreq{method: "POST", url: "https://example.okta.com/api/v1/authn", dest: "empty", form: []string{"username", "password"}}, xresp{status: 200, mime: "application/json", size: 900, server: "nginx"}, "idp", phLogin, sNone, "right password")
		b.ex(xreq{url: "https://example.okta.com/login/sessionCookieRedirect?token=" + b.secret("tk", 40) + "&redirectUrl=https%3A%2F%2Fexample.okta.com%2Fapp%2Fsso%2Fsaml"}, xresp{status: 302, loc: "https://example.okta.com/app/sso/saml", server: "nginx"}, "idp", phLogin, sNone, "")
		b.ex(xreq{url: "https://example.okta.com/app/sso/saml"}, xresp{status: 200, mime: "text/html;charset=utf-8", size: 9000, server: "nginx"}, "idp", phLogin, sNone, "auto-submitting SAMLResponse form")
		cb := b.appURL("/oauth2/idpresponse?code=" + b.secret("cd", 36) + "&state=" + url.QueryEscape(st))
		b.ex(xreq{method: "POST", url: b.idpURL("/saml2/idpresponse"), form: []string{"SAMLResponse", "RelayState"}}, xresp{status: 302, loc: cb, server: "cognito"}, "idp", phLogin, sNone, "")
		b.callback(cb, "/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		b.expected = []string{CodeLoginFailed}
		b.forbidden = forbidAllBut(CodeLoginFailed)
		return b
	},
	// Two wrong passwords, each answered by a redirect back to the form
	// (managed login), and no success: nothing "before a later one
	// succeeded", so no login-failed.
	func() *xb {
		b := newXB("i33-two-wrong-passwords-no-success", styleSafari)
		b.about = "Safari export; two wrong passwords, each redirected back to /login; the user gives up."
		authz, st := b.authRedirect("/", "document")
		login := b.authorize(authz, st, false)
		b.loginPage(login)
		for i := 0; i < 2; i++ {
			b.ex(xreq{method: "POST", url: login, form: []string{"_csrf", "username", "password"}}, xresp{status: 302, loc: login + "&error=" + "wrong", server: "cognito"}, "idp", phLogin, sNone, "rejected: back to the form")
			b.ex(xreq{url: login + "&error=wrong"}, xresp{status: 200, server: "cognito", mime: "text/html;charset=UTF-8", size: 3500}, "idp", phLogin, sNone, "")
		}
		// DESIGN's login-failed needs a later success; idp-error is for
		// OAuth errors (redirect_mismatch …), not a form's own message.
		b.forbidden = forbidAllBut(CodeIdPError)
		return b
	},
	// DevTools opened on the sign-in page: the capture starts there, with
	// no #1/#2 before it.
	func() *xb {
		b := newXB("i34-starts-at-sign-in-page", styleSafari)
		b.about = "Safari export; the capture starts on Cognito's sign-in page (the ALB's redirect came before it), then sign-in, callback, the app."
		state := b.secret("st", 48)
		q := url.Values{}
		q.Set("client_id", clientID)
		q.Set("redirect_uri", "https://"+b.app+"/oauth2/idpresponse")
		q.Set("response_type", "code")
		q.Set("scope", "openid")
		q.Set("state", state)
		login := b.idpURL("/login?" + q.Encode())
		b.jar[b.app] = [][2]string{{"AWSALBAuthNonce", b.secret("nc", 40)}}
		b.loginPage(login)
		cb := b.loginPost(login, state, true)
		b.callback(cb, "/", 1)
		b.appVisit()
		// Issue 9: a capture that starts after the sign-in began says so.
		b.expected = []string{CodeCaptureIncomplete}
		b.forbidden = forbidAllBut(CodeCaptureIncomplete)
		return b
	},
	// The logout expires the session cookie with the wrong Path: the
	// browser keeps the real one (Path=/) and is let in afterwards.
	func() *xb {
		b := newXB("i35-logout-wrong-path", styleFirefox)
		b.about = "Firefox export; logout sends AWSELBAuthSessionCookie-0=; Path=/auth expired, which does not touch the cookie at Path=/; after Cognito /logout, / is answered by the app."
		b.fullLogin("/", 1)
		b.target("/", "document", 200, "text/html", "app", phApp)
		keep := b.jar[b.app]
		b.ex(xreq{url: b.appURL("/auth/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/")), mime: "text/html",
			set: []string{"AWSELBAuthSessionCookie-0=; " + expired1970 + "; Path=/auth; Secure; HttpOnly"}}, "logout", phLogout, sApp, "wrong Path")
		b.jar[b.app] = keep // the browser dropped nothing
		b.cognitoLogout(b.appURL("/"))
		// logout_uri is /, and the session still came: the application
		// answered (logout-callback with 9-11).
		b.ex(xreq{url: b.appURL("/")}, xresp{status: 200, mime: "text/html", size: 900}, "logout-callback", phLogout, sApp, "still signed in")
		b.target("/reports", "document", 200, "text/html", "app", phApp)
		b.expected = []string{CodeLogoutKeepsALBSession}
		// A sanitized copy cannot see that /reports came with the old
		// session rather than as a public page: may.
		b.sanMay = []string{CodeLogoutKeepsALBSession}
		b.forbidden = forbidAllBut(CodeLogoutKeepsALBSession)
		return b
	},
	// CloudFront in front of the ALB caches an authenticated page (it
	// should forward all headers and cookies): after a complete logout the
	// Back button gets the page from CloudFront's cache, not the ALB.
	func() *xb {
		b := newXB("i36-cloudfront-cached-after-logout", styleChrome)
		b.about = "Chrome; CloudFront caches /reports; after a complete logout /reports comes from CloudFront's cache (X-Cache: Hit from cloudfront) without reaching the ALB."
		cf := [][2]string{{"Via", "1.1 0a1b2c3d.cloudfront.net (CloudFront)"}, {"X-Amz-Cf-Pop", "FRA56-P3"}}
		b.fullLogin("/", 1)
		b.ex(xreq{url: b.appURL("/reports")}, xresp{status: 200, mime: "text/html", size: 900, hdr: append(cf, [2]string{"X-Cache", "Miss from cloudfront"})}, "app", phApp, sApp, "")
		b.ex(xreq{url: b.appURL("/logout")}, xresp{status: 302, loc: b.cognitoLogoutURL(b.appURL("/logged-out")), mime: "text/html", set: expireShards(1), hdr: cf}, "logout", phLogout, sApp, "")
		b.cognitoLogout(b.appURL("/logged-out"))
		b.ex(xreq{url: b.appURL("/logged-out")}, xresp{status: 200, mime: "text/html", size: 500, hdr: cf}, "logout-callback", phLogout, sNone, "")
		b.undecidable = map[int]string{len(b.labs) - 1: "which response expired the session cookie (only Set-Cookie shows it)"}
		// Served by CloudFront from its cache: no ALB step took place,
		// and nobody "got in" through the ALB (no logout-keeps-alb-session).
		b.ex(xreq{url: b.appURL("/reports")}, xresp{status: 200, mime: "text/html", size: 900, hdr: append(cf, [2]string{"X-Cache", "Hit from cloudfront"}, [2]string{"Age", "31"})}, "app", phApp, sNone, "from CloudFront's cache")
		b.forbidden = forbidAllBut()
		return b
	},
}

var _ = strings.ToLower
