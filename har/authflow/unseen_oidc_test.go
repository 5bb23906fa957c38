package authflow_test

// The OIDC IdP families behind an ALB authenticate-oidc rule, each written
// from its public documentation (see testdata/unseen/README.md): the
// authorize endpoint, the sign-in pages and the fetch/XHR calls their
// sign-in widgets make, the cookies they set, and their end-session
// endpoints. The ALB's side (#1–#11, AWSALBAuthNonce, /oauth2/idpresponse,
// AWSELBAuthSessionCookie-N) is the same as with Cognito.

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"time"
)

func farFuture(s *scen, at float64, d time.Duration) string {
	return s.at(at).Add(d).Format("Mon, 02 Jan 2006 15:04:05") + " GMT"
}

// --- Okta (Identity Engine, Okta-hosted sign-in widget) ---

type okta struct {
	domain   string
	clientID string
}

func (o *okta) authorizeURL(s *scen, a *app, state string) string {
	return "https://" + o.domain + "/oauth2/default/v1/authorize?" + query("client_id", o.clientID, "redirect_uri", a.redirectURI(), "response_type", "code", "scope", "openid profile email", "state", state)
}

func (s *scen) oktaHeaders(x *xch, mime string, n int) *xch {
	x.H("cache-control", "no-cache, no-store", "content-length", fmt.Sprint(n), "content-type", mime, "date", httpDate(s.at(x.start)),
		"expires", "0", "pragma", "no-cache", "server", "nginx", "strict-transport-security", "max-age=315360000; includeSubDomains",
		"x-content-type-options", "nosniff", "x-okta-request-id", s.chars(alnum, 27), "x-rate-limit-limit", "600", "x-rate-limit-remaining", fmt.Sprint(590-s.rnd.IntN(20)),
		"x-rate-limit-reset", fmt.Sprint(s.at(x.start).Unix()+60), "x-xss-protection", "0")
	x.size, x.mime = n, mime
	return x
}

const ionJSON = "application/ion+json; okta-version=1.0.0"

// OktaSignIn: authorize (the widget's page) → /idp/idx/introspect →
// /idp/idx/identify → /idp/idx/challenge/answer (a wrong password first:
// 401 with "Password is incorrect") → /login/token/redirect → the ALB callback.
func (s *scen) OktaSignIn(a *app, o *okta, path string, wrongFirst bool) (cb *xch) {
	page := s.Follow(200)
	stateToken := s.secret("02.id." + s.chars(b64u, 40))
	s.oktaHeaders(page, "text/html;charset=utf-8", 41230)
	page.text = "<!DOCTYPE html><html><head><title>Acme Corp - Sign In</title><script>var stateToken = '" + stateToken + "';</script>"
	s.SC(page, "JSESSIONID="+s.secret(s.chars(hexC, 32))+"; Path=/; Secure; HttpOnly",
		"DT=DI1"+s.secret(s.chars(b64u, 22))+"; Version=1; Path=/; Max-Age=63072000; Expires="+farFuture(s, page.start, 730*24*time.Hour)+"; Secure; HttpOnly; SameSite=None",
		"t=default; Path=/")
	page.Truth(kIdP, pLogin).Note("Okta's authorize endpoint answers with the Okta-hosted sign-in widget (Identity Engine)")
	for _, f := range []struct{ p, res, mime string }{
		{"/assets/js/sdk/okta-signin-widget/7.28.1/css/okta-sign-in.min.css", "stylesheet", "text/css"},
		{"/assets/js/sdk/okta-signin-widget/7.28.1/js/okta-sign-in.min.js", "script", "application/javascript"},
		{"/fs/bco/1/fs0" + s.chars(alnum, 17), "image", "image/png"},
	} {
		x := s.Sub("https://ok14static.oktacdn.com"+f.p, f.res)
		x.H("content-type", f.mime, "date", httpDate(s.at(x.start)), "server", "nginx", "cache-control", "public, max-age=31536000", "x-cache", "HIT").Size(f.mime, 5000+s.rnd.IntN(800000))
		x.Truth(kAsset, pLogin).Note("the widget's static files from Okta's CDN (assets of the IdP's page)")
	}
	fav := s.Favicon()
	s.oktaHeaders(fav, "image/x-icon", 5430).Truth(kAsset, pLogin).Note("favicon of the Okta sign-in page")

	widget := "https://ok14static.oktacdn.com/assets/js/sdk/okta-signin-widget/7.28.1/js/okta-sign-in.min.js"
	idx := func(p, body string, code int) *xch {
		x := s.XHR("POST", "https://"+o.domain+p, code, widget)
		x.accept = ionJSON
		x.Q("content-type", "application/json", "x-okta-user-agent-extended", "okta-auth-js/7.8.1 okta-signin-widget-7.28.1")
		x.Post("application/json", body)
		return x
	}
	intro := idx("/idp/idx/introspect", `{"stateToken":"`+stateToken+`"}`, 200)
	stateHandle := stateToken
	s.oktaHeaders(intro, ionJSON, 6120).Truth(kIdP, pLogin).Note("the widget's JSON call: introspect the transaction (stateHandle)")
	intro.text = `{"version":"1.0.0","stateHandle":"` + stateHandle + `","intent":"LOGIN","remediation":{"type":"array","value":[{"name":"identify","href":"https://` + o.domain + `/idp/idx/identify","method":"POST"}]}}`
	s.wait(s.dur(2500, 6000))
	user := "dana.whitfield@acme-corp.example"
	ident := idx("/idp/idx/identify", `{"identifier":"`+user+`","stateHandle":"`+stateHandle+`"}`, 200)
	s.oktaHeaders(ident, ionJSON, 7410).Truth(kIdP, pLogin).Note("the widget's JSON call: identify the user")
	ident.text = `{"version":"1.0.0","stateHandle":"` + stateHandle + `","remediation":{"type":"array","value":[{"name":"challenge-authenticator","href":"https://` + o.domain + `/idp/idx/challenge/answer"}]}}`
	s.wait(s.dur(2500, 6000))
	if wrongFirst {
		bad := idx("/idp/idx/challenge/answer", `{"credentials":{"passcode":"`+s.secret("Sunflower-2025")+`"},"stateHandle":"`+stateHandle+`"}`, 401)
		s.oktaHeaders(bad, ionJSON, 3880).Truth(kIdP, pLogin).Note("the widget's JSON call: wrong password, 401 with \"Password is incorrect\"")
		bad.text = `{"version":"1.0.0","stateHandle":"` + stateHandle + `","messages":{"type":"array","value":[{"message":"Password is incorrect","i18n":{"key":"incorrectPassword"},"class":"ERROR"}]}}`
		s.Expect("login-failed", bad)
		s.wait(s.dur(2500, 6000))
	}
	ok := idx("/idp/idx/challenge/answer", `{"credentials":{"passcode":"`+s.secret("Bl00ming-Tulip-44")+`"},"stateHandle":"`+stateHandle+`"}`, 200)
	s.oktaHeaders(ok, ionJSON, 1270).Truth(kIdP, pLogin).Note("the widget's JSON call: password accepted; success-redirect to /login/token/redirect")
	redirect := "https://" + o.domain + "/login/token/redirect?stateToken=" + url.QueryEscape(stateToken)
	ok.text = `{"version":"1.0.0","stateHandle":"` + stateHandle + `","success":{"name":"success-redirect","href":"` + redirect + `"}}`
	s.SC(ok, "idx="+s.secret("eyJ6aXAiOiJERUYiLCJ2ZXIiOiIxIiwiYWxnIjoiZGlyIiwiZW5jIjoiQTI1NkdDTSJ9.."+s.chars(b64u, 120))+"; Path=/; Secure; HttpOnly; SameSite=None")

	tok := s.Nav("GET", redirect, 302, false)
	s.oktaHeaders(tok, "text/html;charset=utf-8", 0).Loc(s.callbackURL(a, s.secret(s.chars(b64u, 43))))
	tok.Truth(kIdP, pLogin).Note("Okta's /login/token/redirect: 302 to the ALB's /oauth2/idpresponse with the code (#3 follows)")
	cb = s.callbackOn(s.Follow(302), a, a.url(path))
	s.appDoc(s.Follow(200), a, path)
	return cb
}

// OktaLogout: the app's /logout → /oauth2/default/v1/logout?id_token_hint=…&post_logout_redirect_uri=… → the app.
func (s *scen) OktaLogout(a *app, o *okta) (appLogout, idpLogout, landing *xch) {
	hint := s.jwt("RS256", s.chars(b64u, 43), `{"sub":"00u`+s.chars(alnum, 17)+`","ver":1,"iss":"https://`+o.domain+`/oauth2/default","aud":"`+o.clientID+`","iat":1767225600,"exp":1767229200,"jti":"ID.`+s.chars(b64u, 43)+`","amr":["pwd"],"idp":"00o`+s.chars(alnum, 17)+`","auth_time":1767225590}`)
	next := "https://" + o.domain + "/oauth2/default/v1/logout?" + query("id_token_hint", hint, "post_logout_redirect_uri", a.url("/signed-out"), "state", s.secret(s.chars(b64u, 22)))
	appLogout = s.AppLogout(a, next, true)
	idpLogout = s.Follow(302)
	u, _ := url.Parse(idpLogout.url)
	s.oktaHeaders(idpLogout, "text/html;charset=utf-8", 0).Loc(a.url("/signed-out") + "?state=" + url.QueryEscape(u.Query().Get("state")))
	s.SC(idpLogout, "idx=; Path=/; "+expired+"; Max-Age=0; Secure; HttpOnly; SameSite=None", "sid=; Path=/; "+expired+"; Max-Age=0; Secure; HttpOnly")
	idpLogout.Truth(kIdPLogout, pLogout).Note("Okta's end-session endpoint (id_token_hint, post_logout_redirect_uri): ends the Okta session and returns to the app")
	landing = s.signedOutOn(s.Follow(200), a, false)
	return
}

// --- Microsoft Entra ID (login.microsoftonline.com, v2.0 endpoints) ---

type entra struct {
	tenant   string
	clientID string
}

func (e *entra) authorizeURL(s *scen, a *app, state string) string {
	return "https://login.microsoftonline.com/" + e.tenant + "/oauth2/v2.0/authorize?" + query("client_id", e.clientID, "redirect_uri", a.redirectURI(), "response_type", "code", "scope", "openid", "state", state)
}

func (s *scen) entraHeaders(x *xch, mime string, n int) *xch {
	x.H("cache-control", "no-store, no-cache", "content-length", fmt.Sprint(n), "content-type", mime, "date", httpDate(s.at(x.start)),
		"expires", "-1", "p3p", `CP="DSP CUR OTPi IND OTRi ONL FIN"`, "pragma", "no-cache", "strict-transport-security", "max-age=31536000; includeSubDomains",
		"x-content-type-options", "nosniff", "x-dns-prefetch-control", "on", "x-frame-options", "DENY", "x-ms-ests-server", "2.1.20318.5 - NEULR1 ProdSlices",
		"x-ms-request-id", s.pubUUID(), "x-ms-srs", "1.P", "x-xss-protection", "0")
	x.size, x.mime = n, mime
	return x
}

func entraCookie(name, value string) string {
	return name + "=" + value + "; path=/; secure; HttpOnly; SameSite=None"
}

// EntraSignIn: authorize (the sign-in page) → GetCredentialType (XHR) →
// the password form POST /{tenant}/login (a wrong password first: 200 with
// AADSTS50126 on the page) → "Stay signed in?" → POST /kmsi → the ALB callback.
func (s *scen) EntraSignIn(a *app, e *entra, path string, wrongFirst bool) (cb *xch) {
	page := s.Follow(200)
	flow := s.secret("AQABIQEAAAD" + s.chars(b64u, 360))
	ctx := s.secret("rQQIARAA" + s.chars(b64u, 300))
	canary := s.secret(s.chars(b64u, 180))
	s.entraHeaders(page, "text/html; charset=utf-8", 72110)
	page.text = `<!DOCTYPE html><html dir="ltr" lang="en"><head><title>Sign in to your account</title><script>$Config={"sFT":"` + flow + `","sCtx":"` + ctx + `","canary":"` + canary + `"};</script>`
	s.SC(page, entraCookie("buid", s.secret("1.AXQA"+s.chars(b64u, 120)))+"; expires="+farFuture(s, page.start, 30*24*time.Hour),
		entraCookie("esctx", s.secret("PAQABBwEAAAD"+s.chars(b64u, 200))),
		entraCookie("fpc", s.secret("A"+s.chars(b64u, 40)))+"; expires="+farFuture(s, page.start, 30*24*time.Hour),
		"x-ms-gateway-slice=estsfd; path=/; secure; samesite=none; httponly",
		"stsservicecookie=estsfd; path=/; secure; samesite=none; httponly")
	page.Truth(kIdP, pLogin).Note("Entra ID's authorize endpoint answers with the sign-in page")
	for _, f := range []struct{ p, res, mime string }{
		{"/ests/2.1/content/cdnbundles/converged.v2.login.min_kpwq8m8vbfi_5kqzntqqzq2.css", "stylesheet", "text/css"},
		{"/shared/1.0/content/js/ConvergedLogin_PCore_Mz1HJwWxDr0lXlXxZ9gR0g2.js", "script", "application/javascript"},
		{"/shared/1.0/content/images/microsoft_logo_564db913a7fa0ca42727161c6d031bef.svg", "image", "image/svg+xml"},
		{"/shared/1.0/content/images/favicon_a_eupayfgghqiai7k9sol6lg2.ico", "other", "image/x-icon"},
	} {
		x := s.Sub("https://aadcdn.msftauth.net"+f.p, f.res)
		if f.res == "other" {
			x.dest, x.mode, x.initType, x.initURL = "image", "no-cors", "other", ""
			x.note = "the sign-in page's icon"
		}
		x.H("content-type", f.mime, "date", httpDate(s.at(x.start)), "cache-control", "public, max-age=31536000", "x-cache", "TCP_HIT", "server", "ECAcc (lhd/"+s.chars(hexc, 4)+")").Size(f.mime, 2000+s.rnd.IntN(400000))
		x.Truth(kAsset, pLogin)
		if x.note == "" {
			x.Note("static file of the sign-in page from Microsoft's CDN")
		}
	}
	script := "https://aadcdn.msftauth.net/shared/1.0/content/js/ConvergedLogin_PCore_Mz1HJwWxDr0lXlXxZ9gR0g2.js"
	rep := s.XHR("POST", "https://login.microsoftonline.com/common/instrumentation/reportpageload?mkt=en-US", 200, script)
	rep.Q("content-type", "application/json; charset=UTF-8", "hpgact", "1800", "hpgid", "1104", "hpgrequestid", s.pubUUID(), "canary", canary)
	rep.Post("application/json; charset=UTF-8", `{"pageId":"ConvergedSignIn","flowToken":"`+flow+`"}`)
	s.entraHeaders(rep, "application/json; charset=utf-8", 52).Truth(kIdP, pLogin).Note("the sign-in page's telemetry call to its own host")
	s.wait(s.dur(2000, 5000))
	user := "r.lindqvist@contoso-logistics.example"
	gct := s.XHR("POST", "https://login.microsoftonline.com/common/GetCredentialType?mkt=en-US", 200, script)
	gct.Q("content-type", "application/json; charset=UTF-8", "hpgact", "1800", "hpgid", "1104", "hpgrequestid", s.pubUUID(), "client-request-id", s.pubUUID(), "canary", canary)
	gct.Post("application/json; charset=UTF-8", `{"username":"`+user+`","isOtherIdpSupported":true,"checkPhones":false,"isRemoteNGCSupported":true,"isCookieBannerShown":false,"isFidoSupported":true,"originalRequest":"`+ctx+`","country":"SE","forceotclogin":false,"isExternalFederationDisallowed":false,"isRemoteConnectSupported":false,"federationFlags":0,"isSignup":false,"flowToken":"`+flow+`","isAccessPassSupported":true}`)
	s.entraHeaders(gct, "application/json; charset=utf-8", 1108).Truth(kIdP, pLogin).Note("the sign-in widget's JSON call GetCredentialType (is the user known, which credentials)")
	gct.text = `{"Username":"` + user + `","Display":"` + user + `","IfExistsResult":0,"IsUnmanaged":false,"ThrottleStatus":0,"Credentials":{"PrefCredential":1,"HasPassword":true},"FlowToken":"` + flow + `"}`
	s.wait(s.dur(2500, 6000))
	loginURL := "https://login.microsoftonline.com/" + e.tenant + "/login"
	passwordPost := func(pw string) *xch {
		x := s.Nav("POST", loginURL, 200, false)
		x.Q("cache-control", "max-age=0")
		x.Post("application/x-www-form-urlencoded", form("i13", "0", "login", user, "loginfmt", user, "type", "11", "LoginOptions", "3", "passwd", s.secret(pw), "ps", "2", "canary", canary, "ctx", ctx, "hpgrequestid", s.pubUUID(), "flowToken", flow, "NewUser", "1", "fspost", "0", "i21", "0", "CookieDisclosure", "0", "IsFidoSupported", "1", "isSignupPost", "0", "i19", fmt.Sprint(20000+s.rnd.IntN(9000))))
		return x
	}
	if wrongFirst {
		bad := passwordPost("Autumn-Leaves-19")
		s.entraHeaders(bad, "text/html; charset=utf-8", 71986).Truth(kIdP, pLogin).Note("password form post: wrong password, 200 with AADSTS50126 (sErrorCode 50126) on the page")
		bad.text = `<!DOCTYPE html><html><head><title>Sign in to your account</title><script>$Config={"sErrorCode":"50126","sFT":"` + flow + `"};</script>`
		s.Expect("login-failed", bad)
		s.wait(s.dur(2500, 6000))
	}
	good := passwordPost("Nordic-Pine-2026!")
	s.entraHeaders(good, "text/html; charset=utf-8", 69420).Truth(kIdP, pLogin).Note("password form post: accepted, 200 with the \"Stay signed in?\" page")
	good.text = `<!DOCTYPE html><html><head><title>Sign in to your account</title><script>$Config={"pgid":"KmsiInterrupt","sFT":"` + flow + `"};</script>`
	s.wait(s.dur(1500, 4000))
	kmsi := s.Nav("POST", "https://login.microsoftonline.com/kmsi", 302, false)
	kmsi.Post("application/x-www-form-urlencoded", form("LoginOptions", "1", "type", "28", "ctx", ctx, "hpgrequestid", s.pubUUID(), "flowToken", flow, "canary", canary, "i19", fmt.Sprint(3000+s.rnd.IntN(3000))))
	code := s.secret("0.AXQA" + s.chars(b64u, 700))
	s.entraHeaders(kmsi, "text/html; charset=utf-8", 0).Loc(s.callbackURL(a, code, "session_state", s.pubUUID()))
	s.SC(kmsi, entraCookie("ESTSAUTH", s.secret("1.AXQA"+s.chars(b64u, 900))),
		entraCookie("ESTSAUTHPERSISTENT", s.secret("1.AXQA"+s.chars(b64u, 1100)))+"; expires="+farFuture(s, kmsi.start, 90*24*time.Hour),
		"ESTSAUTHLIGHT=+"+s.pubUUID()+"; path=/; secure; samesite=none")
	kmsi.Truth(kIdP, pLogin).Note("\"Stay signed in?\" answered: 302 to the ALB's /oauth2/idpresponse with the code (#3 follows); ESTSAUTH, ESTSAUTHPERSISTENT set")
	cb = s.callbackOn(s.Follow(302), a, a.url(path))
	s.appDoc(s.Follow(200), a, path)
	return cb
}

// EntraLogout: the app's /logout (keeps the ALB cookie) → /oauth2/v2.0/logout
// (a 200 page that signs out and then navigates to post_logout_redirect_uri) →
// the app's landing page, which expires the ALB cookie.
func (s *scen) EntraLogout(a *app, e *entra) (appLogout, idpLogout, landing *xch) {
	next := "https://login.microsoftonline.com/" + e.tenant + "/oauth2/v2.0/logout?" + query("post_logout_redirect_uri", a.url("/signed-out"), "logout_hint", s.secret("O.aH"+s.chars(b64u, 60)))
	appLogout = s.AppLogout(a, next, false)
	idpLogout = s.Follow(200)
	s.entraHeaders(idpLogout, "text/html; charset=utf-8", 18840)
	s.SC(idpLogout, "ESTSAUTH=; "+expired+"; path=/; secure; HttpOnly; SameSite=None",
		"ESTSAUTHPERSISTENT=; "+expired+"; path=/; secure; HttpOnly; SameSite=None",
		"ESTSAUTHLIGHT=; "+expired+"; path=/; secure; SameSite=None")
	idpLogout.Truth(kIdPLogout, pLogout).Note("Entra ID's end-session endpoint: signs out, then its page navigates to post_logout_redirect_uri")
	s.wait(s.dur(800, 2000))
	landing = s.signedOutOn(s.Nav("GET", a.url("/signed-out"), 200, false), a, true)
	landing.user = false
	return
}

// --- Auth0 (Classic Universal Login with Lock: /usernamepassword/login) ---

type auth0 struct {
	domain   string
	clientID string
}

func (o *auth0) authorizeURL(s *scen, a *app, state string) string {
	return "https://" + o.domain + "/authorize?" + query("client_id", o.clientID, "redirect_uri", a.redirectURI(), "response_type", "code", "scope", "openid", "state", state)
}

func (s *scen) auth0Headers(x *xch, mime string, n int) *xch {
	x.H("cache-control", "private, no-store, no-cache, must-revalidate, post-check=0, pre-check=0", "cf-cache-status", "DYNAMIC", "cf-ray", s.chars(hexc, 16)+"-ARN",
		"content-length", fmt.Sprint(n))
	if mime != "" {
		x.H("content-type", mime)
	}
	x.H("date", httpDate(s.at(x.start)), "server", "cloudflare", "strict-transport-security", "max-age=31536000", "x-auth0-requestid", s.chars(hexc, 20),
		"x-content-type-options", "nosniff", "x-ratelimit-limit", "50", "x-ratelimit-remaining", fmt.Sprint(40+s.rnd.IntN(9)), "x-ratelimit-reset", fmt.Sprint(s.at(x.start).Unix()+1))
	x.size = n
	if mime != "" {
		x.mime = mime
	}
	return x
}

func (s *scen) auth0Signed(v string) string {
	return "s%3A" + v + "." + s.chars(b64u, 43)
}

// Auth0SignIn: /authorize → /login (Lock) → POST /usernamepassword/login
// (XHR; a wrong password first: 401 invalid_user_password) → the hidden form
// POST /login/callback → /authorize/resume → the ALB callback.
func (s *scen) Auth0SignIn(a *app, o *auth0, path string, wrongFirst bool) (cb *xch) {
	authz := s.Follow(302)
	txState := s.secret("hKFo2SB" + s.chars(b64u, 60))
	s.auth0Headers(authz, "text/plain; charset=utf-8", 92).Loc("/login?" + query("state", txState, "client", o.clientID, "protocol", "oauth2", "redirect_uri", a.redirectURI(), "response_type", "code", "scope", "openid"))
	did := s.secret(s.auth0Signed("v0:" + s.uuid()))
	tx := s.secret(s.auth0Signed(s.chars(b64u, 32)))
	exp := farFuture(s, authz.start, 365*24*time.Hour)
	s.SC(authz, "did="+did+"; Max-Age=31557600; Path=/; Expires="+exp+"; HttpOnly; Secure; SameSite=None",
		"did_compat="+did+"; Max-Age=31557600; Path=/; Expires="+exp+"; HttpOnly; Secure",
		"auth0="+tx+"; Path=/; Expires="+farFuture(s, authz.start, 72*time.Hour)+"; HttpOnly; Secure; SameSite=None",
		"auth0_compat="+tx+"; Path=/; Expires="+farFuture(s, authz.start, 72*time.Hour)+"; HttpOnly; Secure")
	authz.Truth(kIdP, pLogin).Note("Auth0's /authorize: 302 to the Classic Universal Login page")
	page := s.Follow(200)
	csrf := s.secret(s.chars(b64u, 36))
	s.auth0Headers(page, "text/html; charset=utf-8", 9120)
	s.SC(page, "_csrf="+s.secret(s.chars(b64u, 24))+"; Max-Age=864000; Path=/usernamepassword/login; Expires="+farFuture(s, page.start, 240*time.Hour)+"; HttpOnly; Secure; SameSite=None")
	page.text = `<!DOCTYPE html><html><head><title>Sign In with Auth0</title><script>var config = JSON.parse(decodeURIComponent(escape(window.atob('` + base64.StdEncoding.EncodeToString([]byte(`{"internalOptions":{"_csrf":"`+csrf+`","state":"`+txState+`"}}`)) + `'))));</script>`
	page.Truth(kIdP, pLogin).Note("Auth0's Classic Universal Login page (Lock)")
	for _, f := range []struct{ u, res, mime string }{
		{"https://cdn.auth0.com/js/lock/12.5.1/lock.min.js", "script", "application/javascript"},
		{"https://cdn.eu.auth0.com/client/" + o.clientID + ".js?t" + fmt.Sprint(1767225600000+s.rnd.IntN(9e6)), "script", "application/javascript"},
		{"https://cdn.auth0.com/styleguide/components/2.0.2/media/logos/img/favicon.png", "other", "image/png"},
	} {
		x := s.Sub(f.u, f.res)
		if f.res == "other" {
			x.dest, x.mode, x.initType, x.initURL = "image", "no-cors", "other", ""
		}
		x.H("content-type", f.mime, "date", httpDate(s.at(x.start)), "server", "cloudflare", "cache-control", "public, max-age=86400", "cf-cache-status", "HIT").Size(f.mime, 900+s.rnd.IntN(300000))
		x.Truth(kAsset, pLogin).Note("static file the login page loads from Auth0's CDN")
	}
	lock := "https://cdn.auth0.com/js/lock/12.5.1/lock.min.js"
	user := "k.adeyemi@fabrikam-health.example"
	attempt := func(pw string, code int) *xch {
		x := s.XHR("POST", "https://"+o.domain+"/usernamepassword/login", code, lock)
		x.accept = "*/*"
		x.Q("auth0-client", base64.StdEncoding.EncodeToString([]byte(`{"name":"lock.js","version":"12.5.1","env":{"auth0.js-ulp":"9.26.1"}}`)), "content-type", "application/json")
		x.Post("application/json", `{"client_id":"`+o.clientID+`","redirect_uri":"`+a.redirectURI()+`","tenant":"fabrikam-health","response_type":"code","scope":"openid","_csrf":"`+csrf+`","state":"`+txState+`","_intstate":"deprecated","username":"`+user+`","password":"`+s.secret(pw)+`","connection":"Username-Password-Authentication"}`)
		return x
	}
	s.wait(s.dur(3000, 8000))
	if wrongFirst {
		bad := attempt("Harmattan#88", 401)
		s.auth0Headers(bad, "application/json; charset=utf-8", 112).Truth(kIdP, pLogin).Note("Lock's JSON call: wrong password, 401 invalid_user_password")
		bad.text = `{"name":"ValidationError","code":"invalid_user_password","description":"Wrong email or password.","statusCode":401}`
		s.Expect("login-failed", bad)
		s.wait(s.dur(2500, 6000))
	}
	ok := attempt("Savanna-Rain-31", 200)
	wresult := s.jwt("HS256", "", `{"sub":"auth0|`+s.chars(hexc, 24)+`","email":"`+user+`","iat":1767225600,"exp":1767225660,"sid":"`+s.chars(b64u, 32)+`"}`)
	wctx := `{"strategy":"auth0","auth0Client":"","tenant":"fabrikam-health","connection":"Username-Password-Authentication","client_id":"` + o.clientID + `","response_type":"code","scope":"openid","redirect_uri":"` + a.redirectURI() + `","state":"` + txState + `","sid":"` + s.secret(s.chars(b64u, 32)) + `"}`
	s.auth0Headers(ok, "text/html", 1984).Truth(kIdP, pLogin).Note("Lock's JSON call: password accepted, 200 with the hidden form for /login/callback")
	ok.text = `<form method="post" name="hiddenform" action="https://` + o.domain + `/login/callback"><input type="hidden" name="wa" value="wsignin1.0"><input type="hidden" name="wresult" value="` + wresult + `">`
	cbForm := s.Nav("POST", "https://"+o.domain+"/login/callback", 302, false)
	cbForm.user = false
	cbForm.Post("application/x-www-form-urlencoded", form("wa", "wsignin1.0", "wresult", wresult, "wctx", wctx))
	s.auth0Headers(cbForm, "text/plain; charset=utf-8", 118).Loc("/authorize/resume?state=" + txState)
	sess := s.secret(s.auth0Signed(s.chars(b64u, 32)))
	s.SC(cbForm, "auth0="+sess+"; Path=/; Expires="+farFuture(s, cbForm.start, 72*time.Hour)+"; HttpOnly; Secure; SameSite=None",
		"auth0_compat="+sess+"; Path=/; Expires="+farFuture(s, cbForm.start, 72*time.Hour)+"; HttpOnly; Secure")
	cbForm.Truth(kIdP, pLogin).Note("the hidden form's POST to Auth0's /login/callback: 302 to /authorize/resume")
	resume := s.Follow(302)
	s.auth0Headers(resume, "text/plain; charset=utf-8", 0).Loc(s.callbackURL(a, s.secret(s.chars(b64u, 43))))
	resume.Truth(kIdP, pLogin).Note("Auth0's /authorize/resume: 302 to the ALB's /oauth2/idpresponse with the code (#3 follows)")
	cb = s.callbackOn(s.Follow(302), a, a.url(path))
	s.appDoc(s.Follow(200), a, path)
	return cb
}

// Auth0Logout: the app's /logout (expires the ALB cookie) → /v2/logout?client_id&returnTo → the app.
func (s *scen) Auth0Logout(a *app, o *auth0) (appLogout, idpLogout, landing *xch) {
	next := "https://" + o.domain + "/v2/logout?" + query("client_id", o.clientID, "returnTo", a.url("/signed-out"))
	appLogout = s.AppLogout(a, next, true)
	idpLogout = s.Follow(302)
	s.auth0Headers(idpLogout, "text/plain; charset=utf-8", 0).Loc(a.url("/signed-out"))
	s.SC(idpLogout, "auth0=; Path=/; "+expired+"; HttpOnly; Secure; SameSite=None", "auth0_compat=; Path=/; "+expired+"; HttpOnly; Secure")
	idpLogout.Truth(kIdPLogout, pLogout).Note("Auth0's /v2/logout: ends the Auth0 session, 302 to returnTo")
	landing = s.signedOutOn(s.Follow(200), a, false)
	return
}

// --- Keycloak (realm login pages, /login-actions/authenticate) ---

type keycloak struct {
	host      string
	realm     string
	clientID  string
	behindALB bool // the IdP itself runs behind its own ALB with stickiness
}

func (k *keycloak) base() string { return "https://" + k.host + "/realms/" + k.realm }

func (k *keycloak) authorizeURL(s *scen, a *app, state string) string {
	return k.base() + "/protocol/openid-connect/auth?" + query("client_id", k.clientID, "redirect_uri", a.redirectURI(), "response_type", "code", "scope", "openid", "state", state)
}

func (s *scen) keycloakHeaders(x *xch, k *keycloak, mime string, n int) *xch {
	x.H("cache-control", "no-store, must-revalidate, max-age=0", "content-language", "en", "content-length", fmt.Sprint(n))
	if mime != "" {
		x.H("content-type", mime)
	}
	x.H("content-security-policy", "frame-src 'self'; frame-ancestors 'self'; object-src 'none';", "date", httpDate(s.at(x.start)), "referrer-policy", "no-referrer",
		"strict-transport-security", "max-age=31536000; includeSubDomains", "x-content-type-options", "nosniff", "x-frame-options", "SAMEORIGIN", "x-robots-tag", "none")
	if k.behindALB {
		x.H("server", "awselb/2.0")
		v := s.stickiness()
		exp := farFuture(s, x.start, 7*24*time.Hour)
		s.SC(x, "AWSALB="+v+"; Expires="+exp+"; Path=/", "AWSALBCORS="+v+"; Expires="+exp+"; Path=/; SameSite=None; Secure")
	}
	x.size = n
	if mime != "" {
		x.mime = mime
	}
	return x
}

func (k *keycloak) cookiePath() string { return "/realms/" + k.realm + "/" }

// KeycloakSignIn: the realm's auth endpoint (login page) → the form POST to
// /login-actions/authenticate (a wrong password first: 200 "Invalid username
// or password.") → 302 to the ALB callback.
func (s *scen) KeycloakSignIn(a *app, k *keycloak, path string, wrongFirst bool) (cb *xch) {
	page := s.Follow(200)
	s.keycloakHeaders(page, k, "text/html;charset=utf-8", 7304)
	s.SC(page, "AUTH_SESSION_ID="+s.secret(s.uuid())+".kc-0-"+s.chars("0123456789", 5)+"; Version=1; Path="+k.cookiePath()+"; SameSite=None; Secure; HttpOnly",
		"KC_RESTART="+s.jwt("HS512", s.uuid(), `{"cid":"`+k.clientID+`","pty":"openid-connect","ruri":"`+a.redirectURI()+`","act":"AUTHENTICATE"}`)+"; Version=1; Path="+k.cookiePath()+"; Secure; HttpOnly")
	page.Truth(kIdP, pLogin).Note("Keycloak's authorization endpoint answers with the realm's login page")
	res := "/resources/" + s.chars("abcdefghijklmnopqrstuvwxyz0123456789", 5)
	for _, f := range []struct{ p, res, mime string }{
		{res + "/common/keycloak/vendor/patternfly-v5/patternfly.min.css", "stylesheet", "text/css"},
		{res + "/login/keycloak.v2/css/styles.css", "stylesheet", "text/css"},
		{res + "/login/keycloak.v2/js/menu-button-links.js", "script", "application/javascript"},
		{res + "/login/keycloak.v2/img/favicon.ico", "other", "image/x-icon"},
	} {
		x := s.Sub("https://"+k.host+f.p, f.res)
		if f.res == "other" {
			x.dest, x.mode, x.initType, x.initURL = "image", "no-cors", "other", ""
		}
		x.H("cache-control", "max-age=2592000", "content-type", f.mime, "date", httpDate(s.at(x.start))).Size(f.mime, 800+s.rnd.IntN(500000))
		if k.behindALB {
			x.H("server", "awselb/2.0")
		}
		x.Truth(kAsset, pLogin).Note("static file of the realm's login theme")
	}
	post := func(pw string) *xch {
		u := k.base() + "/login-actions/authenticate?" + query("session_code", s.secret(s.chars(b64u, 43)), "execution", s.pubUUID(), "client_id", k.clientID, "tab_id", s.secret(s.chars(b64u, 11)), "client_data", s.secret(s.chars(b64u, 160)))
		x := s.Nav("POST", u, 200, false)
		x.Q("cache-control", "max-age=0")
		x.Post("application/x-www-form-urlencoded", form("username", "j.moreau", "password", s.secret(pw), "credentialId", ""))
		return x
	}
	s.wait(s.dur(3000, 7000))
	if wrongFirst {
		bad := post("Mistral-Wind-9")
		s.keycloakHeaders(bad, k, "text/html;charset=utf-8", 7690).Truth(kIdP, pLogin).Note("login form post: wrong password, 200 \"Invalid username or password.\"")
		bad.text = `<span id="input-error" class="pf-v5-c-helper-text__item-text" aria-live="polite">Invalid username or password.</span>`
		s.Expect("login-failed", bad)
		s.wait(s.dur(2500, 6000))
	}
	ok := post("Garrigue-Thyme-12")
	ok.code = 302
	loc := a.redirectURI() + "?" + query("state", s.lastState(), "session_state", s.pubUUID(), "iss", k.base(), "code", s.secret(s.uuid()+"."+s.uuid()+"."+s.uuid()))
	s.keycloakHeaders(ok, k, "", 0).Loc(loc)
	s.SC(ok, "KEYCLOAK_IDENTITY="+s.jwt("HS512", s.uuid(), `{"exp":1767261600,"iat":1767225600,"jti":"`+s.uuid()+`","iss":"`+k.base()+`","sub":"`+s.uuid()+`","typ":"Serialized-ID","sid":"`+s.uuid()+`","state_checker":"`+s.chars(b64u, 43)+`"}`)+"; Version=1; Path="+k.cookiePath()+"; SameSite=None; Secure; HttpOnly",
		"KEYCLOAK_SESSION="+s.secret(s.chars(b64u, 43))+"; Version=1; Expires="+farFuture(s, ok.start, 10*time.Hour)+"; Max-Age=36000; Path="+k.cookiePath()+"; SameSite=None; Secure",
		"KC_RESTART=; Version=1; "+expired+"; Max-Age=0; Path="+k.cookiePath()+"; Secure; HttpOnly")
	ok.Truth(kIdP, pLogin).Note("login form post: signed in, 302 to the ALB's /oauth2/idpresponse with state, session_state, iss and code (#3 follows)")
	cb = s.callbackOn(s.Follow(302), a, a.url(path))
	s.appDoc(s.Follow(200), a, path)
	return cb
}

// KeycloakLogout: the app's /logout (expires the ALB cookie) → the realm's
// end-session endpoint without id_token_hint (a confirmation page) → the
// confirmation's POST → 302 to post_logout_redirect_uri → the app.
func (s *scen) KeycloakLogout(a *app, k *keycloak) (appLogout, confirm, post, landing *xch) {
	next := k.base() + "/protocol/openid-connect/logout?" + query("client_id", k.clientID, "post_logout_redirect_uri", a.url("/signed-out"))
	appLogout = s.AppLogout(a, next, true)
	confirm = s.Follow(200)
	s.keycloakHeaders(confirm, k, "text/html;charset=utf-8", 4120)
	confirm.text = `<h1 id="kc-page-title">Logging out</h1><p>Do you want to log out?</p><form action="` + k.base() + `/protocol/openid-connect/logout/logout-confirm" method="POST">`
	confirm.Truth(kIdPLogout, pLogout).Note("Keycloak's end-session endpoint without id_token_hint: the \"Do you want to log out?\" page")
	s.wait(s.dur(1500, 3500))
	post = s.Nav("POST", k.base()+"/protocol/openid-connect/logout/logout-confirm", 302, false)
	post.Post("application/x-www-form-urlencoded", form("session_code", s.secret(s.chars(b64u, 43)), "confirmLogout", "Logout"))
	s.keycloakHeaders(post, k, "", 0).Loc(a.url("/signed-out"))
	s.SC(post, "KEYCLOAK_IDENTITY=; Version=1; "+expired+"; Max-Age=0; Path="+k.cookiePath()+"; SameSite=None; Secure; HttpOnly",
		"KEYCLOAK_SESSION=; Version=1; "+expired+"; Max-Age=0; Path="+k.cookiePath()+"; SameSite=None; Secure")
	post.Truth(kIdPLogout, pLogout).Note("the confirmation's POST: ends the Keycloak session, 302 to post_logout_redirect_uri")
	landing = s.signedOutOn(s.Follow(200), a, false)
	return
}

// --- Google (accounts.google.com) ---

type google struct {
	clientID string
}

func (g *google) authorizeURL(s *scen, a *app, state string) string {
	return "https://accounts.google.com/o/oauth2/v2/auth?" + query("client_id", g.clientID, "redirect_uri", a.redirectURI(), "response_type", "code", "scope", "openid email", "state", state)
}

func (s *scen) googleHeaders(x *xch, mime string, n int) *xch {
	x.H("alt-svc", `h3=":443"; ma=2592000,h3-29=":443"; ma=2592000`, "cache-control", "no-cache, no-store, max-age=0, must-revalidate", "content-length", fmt.Sprint(n))
	if mime != "" {
		x.H("content-type", mime)
	}
	x.H("cross-origin-opener-policy", "same-origin", "date", httpDate(s.at(x.start)), "expires", "Mon, 01 Jan 1990 00:00:00 GMT", "pragma", "no-cache",
		"server", "ESF", "strict-transport-security", "max-age=31536000; includeSubDomains", "x-content-type-options", "nosniff", "x-frame-options", "DENY", "x-xss-protection", "0")
	x.size = n
	if mime != "" {
		x.mime = mime
	}
	return x
}

func (s *scen) googleSignedIn() []string {
	exp := farFuture(s, s.t, 400*24*time.Hour)
	var out []string
	for _, n := range []string{"SID", "__Secure-1PSID", "__Secure-3PSID"} {
		out = append(out, n+"="+s.secret("g.a000"+s.chars(b64u, 140))+"; expires="+exp+"; path=/; domain=.google.com; Secure; HttpOnly; priority=high")
	}
	for _, n := range []string{"HSID", "SSID", "APISID", "SAPISID"} {
		out = append(out, n+"="+s.secret(s.chars(b64u, 17)+"/"+s.chars(b64u, 16))+"; expires="+exp+"; path=/; domain=.google.com; Secure; priority=high")
	}
	out = append(out, "LSID=o.accounts.google.com|o.console.cloud.google.com|s.GB:"+s.secret(s.chars(b64u, 160))+"; expires="+exp+"; path=/; Secure; HttpOnly; priority=high",
		"__Host-1PLSID=o.accounts.google.com|s.GB:"+s.secret(s.chars(b64u, 160))+"; expires="+exp+"; path=/; Secure; HttpOnly; priority=high",
		"ACCOUNT_CHOOSER="+s.secret("AFx_qI"+s.chars(b64u, 120))+"; expires="+exp+"; path=/; Secure; HttpOnly; priority=high")
	return out
}

// GoogleSignIn: /o/oauth2/v2/auth → /v3/signin/identifier (batchexecute
// XHR) → /v3/signin/challenge/pwd (batchexecute XHR; a wrong password first:
// answered 200 with the error inside the body, the page asks again) →
// /accounts/SetSID → /signin/oauth/consent → 302 to redirectURI.
// Returns the final redirect (to the ALB's or Cognito's /oauth2/idpresponse).
func (s *scen) GoogleSignIn(g *google, finalLoc func() string, wrongFirst bool, note string) (final *xch) {
	authz := s.Follow(302)
	dsh := s.secret("S" + s.chars(digits, 10) + ":" + s.chars(digits, 13))
	u, _ := url.Parse(authz.url)
	cont := "https://accounts.google.com/signin/oauth/consent?authuser=unknown&part=" + s.secret("AJi8hA"+s.chars(b64u, 200)) + "&flowName=GeneralOAuthFlow&as=" + s.secret("S"+s.chars(digits, 9)+"%3A"+s.chars(digits, 13)) + "&client_id=" + url.QueryEscape(u.Query().Get("client_id")) + "#"
	ident := "https://accounts.google.com/v3/signin/identifier?" + query("opparams", "%3F", "dsh", dsh, "client_id", u.Query().Get("client_id"), "continue", cont, "o2v", "2", "redirect_uri", u.Query().Get("redirect_uri"), "response_type", "code", "scope", u.Query().Get("scope"), "service", "lso", "flowName", "GeneralOAuthFlow")
	s.googleHeaders(authz, "text/html; charset=UTF-8", 0).Loc(ident)
	s.SC(authz, "__Host-GAPS=1:"+s.secret(s.chars(b64u, 60))+"; Expires="+farFuture(s, authz.start, 730*24*time.Hour)+"; Path=/; Secure; HttpOnly; Priority=HIGH",
		"NID=521="+s.secret(s.chars(b64u, 180))+"; expires="+farFuture(s, authz.start, 180*24*time.Hour)+"; path=/; domain=.google.com; HttpOnly")
	authz.Truth(kIdP, pLogin).Note("Google's authorization endpoint: 302 to the sign-in page")
	page := s.Follow(200)
	s.googleHeaders(page, "text/html; charset=utf-8", 512300).Truth(kIdP, pLogin).Note("Google's sign-in page (identifier)")
	bl := "boq_identityfrontendauthuiserver_20260310.07_p0"
	for _, f := range []struct{ u, res, mime string }{
		{"https://www.gstatic.com/_/mss/boq-identity/_/ss/k=boq-identity.AccountsSignInUi." + s.chars(b64u, 11) + ".L.B1.O/am=" + s.chars(b64u, 20) + "/d=1/ed=1/rs=" + s.chars(b64u, 34) + "/m=identifierview,_b,_tp", "stylesheet", "text/css"},
		{"https://www.gstatic.com/_/mss/boq-identity/_/js/k=boq-identity.AccountsSignInUi.en_GB." + s.chars(b64u, 11) + ".es5.O/am=" + s.chars(b64u, 20) + "/d=1/excm=_b,_tp,identifierview/ed=1/dg=0/wt=2/ujg=1/rs=" + s.chars(b64u, 34) + "/m=_b,_tp", "script", "text/javascript"},
		{"https://fonts.gstatic.com/s/googlesans/v58/4UaGrENHsxJlGDuGo1OIlL3Owp4.woff2", "font", "font/woff2"},
	} {
		x := s.Sub(f.u, f.res)
		x.H("accept-ranges", "bytes", "cache-control", "public, max-age=31536000", "content-type", f.mime, "date", httpDate(s.at(x.start)), "server", "sffe", "cross-origin-resource-policy", "cross-origin").Size(f.mime, 9000+s.rnd.IntN(600000))
		x.Truth(kAsset, pLogin).Note("static file of Google's sign-in page (gstatic)")
	}
	script := "https://www.gstatic.com/_/mss/boq-identity/_/js/k=boq-identity.AccountsSignInUi.en_GB"
	logx := s.Fetch("POST", "https://play.google.com/log?format=json&hasfast=true&authuser=0", 200, script)
	logx.Q("content-type", "application/x-www-form-urlencoded;charset=UTF-8").Post("application/x-www-form-urlencoded;charset=UTF-8", "[[1,null,null,null,null,null,null,null,null,null,[null,null,null,null,\"en-GB\"]],558]")
	logx.H("content-type", "text/plain; charset=UTF-8", "date", httpDate(s.at(logx.start)), "server", "Playlog", "access-control-allow-origin", "https://accounts.google.com", "access-control-allow-credentials", "true").Size("text/plain", 44)
	logx.Truth(kOther, pLogin).Note("Google's client-side logging from the sign-in page (a third party to the flow)")
	fsid := s.chars(digits, 19)
	batch := func(rpc, sourcePath, freq string) *xch {
		x := s.XHR("POST", "https://accounts.google.com/v3/signin/_/AccountsSignInUi/data/batchexecute?"+query("rpcids", rpc, "source-path", sourcePath, "f.sid", "-"+fsid, "bl", bl, "hl", "en-GB", "_reqid", fmt.Sprint(100000+s.rnd.IntN(800000)), "rt", "c"), 200, script)
		x.accept = "*/*"
		x.Q("content-type", "application/x-www-form-urlencoded;charset=UTF-8", "x-same-domain", "1", "x-goog-ext-278367001-jspb", `["GlifWebSignIn"]`)
		x.Post("application/x-www-form-urlencoded;charset=UTF-8", "f.req="+url.QueryEscape(freq)+"&at="+s.secret("AFoagUV"+s.chars(b64u, 40))+"&")
		s.googleHeaders(x, "application/json; charset=utf-8", 600+s.rnd.IntN(900))
		return x
	}
	s.wait(s.dur(3000, 7000))
	user := "aiko.tanaka.ops@gmail.com"
	lookup := batch("V1UmUe", "/v3/signin/identifier", `[[["V1UmUe","[null,\"`+user+`\",1]",null,"generic"]]]`)
	lookup.text = ")]}'\n\n" + `[["wrb.fr","V1UmUe","[null,null,null,[\"` + s.secret(s.chars(b64u, 60)) + `\"]]",null,null,null,"generic"]]`
	lookup.Truth(kIdP, pLogin).Note("the sign-in page's XHR (batchexecute): look up the account")
	tl := s.secret("AHNYTIS" + s.chars(b64u, 80))
	pwd := s.Nav("GET", "https://accounts.google.com/v3/signin/challenge/pwd?"+query("TL", tl, "checkConnection", "youtube:596", "checkedDomains", "youtube", "cid", "1", "continue", cont, "dsh", dsh, "flowName", "GeneralOAuthFlow", "service", "lso"), 200, false)
	pwd.user = false
	s.googleHeaders(pwd, "text/html; charset=utf-8", 498700).Truth(kIdP, pLogin).Note("Google's password page")
	s.wait(s.dur(3000, 7000))
	if wrongFirst {
		bad := batch("B4hajb", "/v3/signin/challenge/pwd", `[[["B4hajb","[1,1,null,[1,null,null,null,\"`+s.secret("Kyoto-Maple-8")+`\",null,null,null,null,1]]",null,"generic"]]]`)
		bad.text = ")]}'\n\n" + `[["wrb.fr","B4hajb","[null,[\"INCORRECT_ANSWER_ENTERED\"]]",null,null,null,"generic"]]`
		bad.Truth(kIdP, pLogin).Note("the password XHR (batchexecute): wrong password; Google answers 200 and reports INCORRECT_ANSWER_ENTERED in the body, the page asks again")
		s.Expect("login-failed", bad)
		s.wait(s.dur(2500, 6000))
	}
	good := batch("B4hajb", "/v3/signin/challenge/pwd", `[[["B4hajb","[1,1,null,[1,null,null,null,\"`+s.secret("Ginkgo-Autumn-2026")+`\",null,null,null,null,1]]",null,"generic"]]]`)
	setSID := "https://accounts.google.com/accounts/SetSID?" + query("ssdc", "1", "sidt", s.secret("ALWU2c"+s.chars(b64u, 120)), "pmpo", "https://accounts.google.com", "continue", cont)
	good.text = ")]}'\n\n" + `[["wrb.fr","B4hajb","[null,null,null,null,[\"` + setSID + `\"]]",null,null,null,"generic"]]`
	good.Truth(kIdP, pLogin).Note("the password XHR (batchexecute): password accepted")
	sid := s.Nav("GET", setSID, 302, false)
	sid.user = false
	s.googleHeaders(sid, "text/html; charset=UTF-8", 0).Loc(cont[:len(cont)-1])
	s.SC(sid, s.googleSignedIn()...)
	sid.Truth(kIdP, pLogin).Note("Google's SetSID: sets the Google session cookies, 302 to the consent step")
	consent := s.Follow(302)
	s.googleHeaders(consent, "text/html; charset=UTF-8", 0).Loc(finalLoc())
	consent.Truth(kIdP, pLogin).Note(note)
	return consent
}

// googleCallback is where Google sends the browser back with the code.
func (s *scen) googleCallback(redirectURI, state string) string {
	return redirectURI + "?" + query("state", state, "code", s.secret("4/0Ab32j9"+s.chars(b64u, 60)), "scope", "email openid https://www.googleapis.com/auth/userinfo.email", "authuser", "0", "prompt", "consent")
}

// GoogleLogout: the app's /logout (expires the ALB cookie) →
// accounts.google.com/Logout?continue=… → appengine.google.com/_ah/logout →
// the app (Google publishes no end_session_endpoint; this continue chain is
// how apps return after signing out of Google).
func (s *scen) GoogleLogout(a *app) (appLogout, idpLogout, ae, landing *xch) {
	back := "https://appengine.google.com/_ah/logout?continue=" + a.url("/signed-out")
	appLogout = s.AppLogout(a, "https://accounts.google.com/Logout?continue="+url.QueryEscape(back), true)
	idpLogout = s.Follow(302)
	s.googleHeaders(idpLogout, "text/html; charset=UTF-8", 0).Loc(back)
	var exp []string
	for _, n := range []string{"SID", "__Secure-1PSID", "__Secure-3PSID", "HSID", "SSID", "APISID", "SAPISID"} {
		exp = append(exp, n+"=EXPIRED; expires=Mon, 01-Jan-1990 00:00:00 GMT; path=/; domain=.google.com")
	}
	exp = append(exp, "LSID=EXPIRED; expires=Mon, 01-Jan-1990 00:00:00 GMT; path=/", "ACCOUNT_CHOOSER=EXPIRED; expires=Mon, 01-Jan-1990 00:00:00 GMT; path=/")
	s.SC(idpLogout, exp...)
	idpLogout.Truth(kIdPLogout, pLogout).Note("Google's /Logout: signs out of Google, 302 to its continue URL")
	ae = s.Follow(302)
	s.googleHeaders(ae, "text/html; charset=UTF-8", 0).Loc(a.url("/signed-out"))
	ae.Truth(kIdPLogout, pLogout).Note("appengine.google.com/_ah/logout: the second hop of Google's logout, 302 to the app")
	landing = s.signedOutOn(s.Follow(200), a, false)
	return
}
