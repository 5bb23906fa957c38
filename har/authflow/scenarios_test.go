package authflow

import (
	"fmt"
	"net/url"
)

// scenario is one generated capture: how it was made is its function.
type scenario struct {
	name  string
	about string
	// unseen marks the captures the issue lists as "not seen" while tuning.
	unseen bool
	play   func(g *gen)
}

func (g *gen) lastLocation() string {
	return g.entries[len(g.entries)-1]["response"].(map[string]any)["redirectURL"].(string)
}

var scenarios = []scenario{
	{"u1-sharded-session", "Claims large enough for 3 shards of AWSELBAuthSessionCookie; the app's logout expires every shard and calls Cognito /logout; a later visit gets the sign-in page.", true, func(g *gen) {
		g.shards, g.shardSize = 3, 4000
		g.expected = []string{CodeSessionCookieSharded}
		g.signIn("/", 0)
		g.appPage("/reports", 2, 2)
		g.logout(3, false, false, false)
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
	}},
	{"u2-logout-keeps-alb-cookie", "The app's logout clears JSESSIONID and calls Cognito /logout, but nobody expires AWSELBAuthSessionCookie-0; going back to / gets straight into the app.", true, func(g *gen) {
		g.expected = []string{CodeLogoutKeepsALBSession}
		g.signIn("/", 0)
		g.logout(0, false, false, false)
		g.appPage("/", 2, 1)
	}},
	{"u3-session-expires-xhr", "The page polls its API; the ALB session times out, so the API calls get the ALB's 302 to Cognito, which the browser blocks (CORS); the user reloads and Cognito's still-valid session signs them in silently.", true, func(g *gen) {
		g.expected = []string{CodeXHRAuthRedirect, CodeSilentReauth}
		g.signIn("/", 0)
		for i := 0; i < 3; i++ {
			g.target("/api/v1/poll", "fetch", 200)
		}
		g.albExpired = true
		for i := 0; i < 2; i++ {
			g.visit("/api/v1/poll", "fetch")
			g.authorize(g.lastLocation(), "fetch")
		}
		g.signIn("/", 0)
	}},
	{"u4-federated-idp", "Cognito federates to a corporate OIDC IdP: hosted UI, the IdP's own sign-in page (with its files), Cognito's /oauth2/idpresponse, then the ALB callback; an analytics call from the app page.", true, func(g *gen) {
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
		// The user picks the corporate IdP.
		u, _ := url.Parse(next)
		q := u.Query()
		q.Set("identity_provider", "CorpIdP")
		authz := "https://" + g.idp + "/oauth2/authorize?" + q.Encode()
		fq := url.Values{}
		fq.Set("client_id", "corp-client-0001")
		fq.Set("redirect_uri", "https://"+g.idp+"/oauth2/idpresponse")
		fq.Set("response_type", "code")
		fq.Set("scope", "openid email")
		fq.Set("state", g.secret("gen-cogstate-", 60))
		fedAuthz := "https://" + g.fed + "/oauth2/v1/authorize?" + fq.Encode()
		g.add(genReq{method: "GET", url: authz, resType: "document"}, genResp{status: 302, location: fedAuthz, mime: "text/html", server: "Server",
			setCookies: []string{`cognito-fl="W10="; Version=1; Domain=` + g.idp + `; Path=/; Secure; HttpOnly`}}, "idp", nil, "login", "Cognito sends the browser to the federated IdP")
		fedLogin := "https://" + g.fed + "/signin?from=" + g.secret("gen-fedflow-", 20)
		g.add(genReq{method: "GET", url: fedAuthz, resType: "document"}, genResp{status: 302, location: fedLogin, mime: "text/html"}, "idp", nil, "login", "the IdP's authorize endpoint")
		g.add(genReq{method: "GET", url: fedLogin, resType: "document"}, genResp{status: 200, mime: "text/html", size: 5000}, "idp", nil, "login", "the IdP's sign-in page")
		g.add(genReq{method: "GET", url: "https://" + g.fed + "/assets/signin.css", resType: "stylesheet"}, genResp{status: 200, mime: "text/css", size: 7000}, "asset", nil, "login", "a file of the IdP's page")
		g.add(genReq{method: "GET", url: "https://" + g.fed + "/assets/signin.js", resType: "script"}, genResp{status: 200, mime: "application/javascript", size: 30000}, "asset", nil, "login", "a file of the IdP's page")
		fedCode := g.secret("gen-fedcode-", 30)
		back := "https://" + g.idp + "/oauth2/idpresponse?code=" + fedCode + "&state=" + url.QueryEscape(fq.Get("state"))
		g.add(genReq{method: "POST", url: "https://" + g.fed + "/signin", resType: "document", form: []string{"username", "password"}},
			genResp{status: 302, location: back, mime: "text/html", setCookies: []string{"corp_sso=" + g.secret("gen-corp-", 40) + "; Path=/; Secure; HttpOnly"}}, "idp", nil, "login", "the IdP accepts the password and returns to Cognito")
		code := g.secret("gen-code-", 36)
		cb := "https://" + g.app + "/oauth2/idpresponse?code=" + code + "&state=" + url.QueryEscape(q.Get("state"))
		g.add(genReq{method: "GET", url: back, resType: "document"}, genResp{status: 302, location: cb, mime: "text/html", server: "Server",
			setCookies: []string{`cognito="` + g.secret("gen-cognito-", 300) + `"; Version=1; Domain=` + g.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`}},
			"idp", nil, "login", "Cognito redeems the IdP's code and sends its own to the ALB")
		g.callback(cb, 0)
		g.appPage("/", 3, 2)
		g.add(genReq{method: "POST", url: "https://stats.analytics-vendor.example/collect?v=2&tid=" + g.secret("gen-tid-", 12), resType: "fetch"},
			genResp{status: 204}, "other", nil, "app", "third-party analytics")
	}},
	{"u4b-federated-saml", "Cognito federates to a SAML IdP: SAMLRequest redirect, the IdP's sign-in page, its auto-submitted form posting SAMLResponse to Cognito's /saml2/idpresponse (a script navigation, no Location), then the ALB callback.", true, func(g *gen) {
		g.fed = "sso.corp-saml.example.com"
		g.visit("/", "document")
		authz := g.lastLocation()
		u, _ := url.Parse(authz)
		samlURL := "https://" + g.fed + "/saml/sso?SAMLRequest=" + url.QueryEscape(g.secret("gen-samlreq-", 80)) + "&RelayState=" + g.secret("gen-relay-", 20)
		g.add(genReq{method: "GET", url: authz, resType: "document"}, genResp{status: 302, location: samlURL, mime: "text/html", server: "Server",
			setCookies: []string{`cognito-fl="W10="; Version=1; Domain=` + g.idp + `; Path=/; Secure; HttpOnly`}}, "idp", nil, "login", "identity_provider in the rule's extra params: straight to the SAML IdP")
		g.add(genReq{method: "GET", url: samlURL, resType: "document"}, genResp{status: 200, mime: "text/html", size: 4000}, "idp", nil, "login", "the SAML IdP's sign-in page")
		g.add(genReq{method: "GET", url: "https://" + g.fed + "/saml/theme.css", resType: "stylesheet"}, genResp{status: 200, mime: "text/css", size: 3000}, "asset", nil, "login", "a file of the IdP's page")
		g.add(genReq{method: "POST", url: "https://" + g.fed + "/saml/login", resType: "document", form: []string{"username", "password"}},
			genResp{status: 200, mime: "text/html", size: 6000}, "idp", nil, "login", "accepted: a page whose script posts the SAMLResponse to Cognito")
		code := g.secret("gen-code-", 36)
		cb := "https://" + g.app + "/oauth2/idpresponse?code=" + code + "&state=" + url.QueryEscape(u.Query().Get("state"))
		g.add(genReq{method: "POST", url: "https://" + g.idp + "/saml2/idpresponse", resType: "document", form: []string{"SAMLResponse", "RelayState"}},
			genResp{status: 302, location: cb, mime: "text/html", server: "Server",
				setCookies: []string{`cognito="` + g.secret("gen-cognito-", 300) + `"; Version=1; Domain=` + g.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`}},
			"idp", nil, "login", "Cognito checks the assertion and sends its code to the ALB")
		g.callback(cb, 0)
		g.appPage("/", 2, 1)
	}},
	{"u5-callback-500", "The user's claims plus access token exceed 11K: the ALB answers /oauth2/idpresponse with 500; a reload goes through Cognito silently and fails the same way.", true, func(g *gen) {
		g.expected = []string{CodeCallback500}
		g.may = []string{CodeSilentReauth}
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
		g.callback(g.loginPost(next, true), 500)
		g.visit("/", "document")
		cb, _ := g.authorize(g.lastLocation(), "document")
		g.callback(cb, 500)
	}},
	{"u6-200-requests", "A long session: sign-in, about 190 requests of pages, files (some 304 and one 404), GET and POST API calls and third-party calls, then a correct logout.", true, func(g *gen) {
		g.signIn("/", 0)
		pages := []string{"/dashboard", "/reports", "/settings", "/reports/2026", "/help"}
		for i := 0; len(g.entries) < 190; i++ {
			g.appPage(pages[i%len(pages)], 2+i%4, 1+i%3)
			if i%3 == 0 {
				g.target("/static/app.css", "stylesheet", 304)
			}
			if i%4 == 1 {
				g.add(genReq{method: "POST", url: g.appURL("/api/v1/save"), resType: "fetch"}, genResp{status: 201, mime: "application/json", size: 40},
					"api", steps9_11, "app", "forwarded to the target")
			}
			if i%5 == 2 {
				g.add(genReq{method: "GET", url: "https://fonts.cdn-vendor.example/css2?family=Inter", resType: "stylesheet"}, genResp{status: 200, mime: "text/css", size: 900},
					"other", nil, "app", "third-party font CSS")
			}
			if i == 7 {
				g.target("/static/missing.png", "image", 404)
			}
		}
		g.logout(1, false, false, false)
	}},

	{"f-silent-reauth", "The app's logout expires the ALB cookie but skips Cognito's /logout; signing in again gets a code without a sign-in page.", false, func(g *gen) {
		g.expected = []string{CodeSilentReauth}
		g.signIn("/", 0)
		g.logout(1, true, false, false)
		g.signIn("/", 0)
	}},
	{"f-logout-complete", "Near miss for logout-keeps-alb-session and silent-reauth: the logout expires the ALB cookie and calls Cognito /logout; the next visit shows the sign-in page.", false, func(g *gen) {
		g.signIn("/", 0)
		g.logout(1, false, false, false)
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
	}},
	{"f-redirect-loop", "The browser drops the ALB session cookie: after the callback every visit goes back through Cognito (silently) and the callback again, until the browser gives up.", false, func(g *gen) {
		g.expected = []string{CodeRedirectLoop}
		g.may = []string{CodeSilentReauth}
		g.cookieBlocked = true
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
		g.callback(g.loginPost(next, true), 0)
		for i := 0; i < 4; i++ {
			g.visit("/", "document")
			cb, _ := g.authorize(g.lastLocation(), "document")
			g.callback(cb, 0)
		}
		g.add(genReq{method: "GET", url: g.appURL("/"), resType: "document"}, genResp{failed: "net::ERR_TOO_MANY_REDIRECTS"}, "app", nil, "app", "the browser stops")
	}},
	{"f-callback-401", "The AWSALBAuthNonce cookie does not come back (login started on another host name): 401 at /oauth2/idpresponse.", false, func(g *gen) {
		g.expected = []string{CodeCallback401}
		g.nonceLost = true
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
		g.callback(g.loginPost(next, true), 0)
	}},
	{"f-callback-561", "After a good sign-in the user presses Back to the callback URL: the same code again, 561.", false, func(g *gen) {
		g.expected = []string{CodeCallback561}
		g.signIn("/", 0)
		cb := ""
		for _, l := range g.labels {
			if l.Kind == "callback" {
				cb = l.URL
			}
		}
		g.callback(cb, 561)
	}},
	{"f-idp-error", "The app client's callback URL does not match: Cognito redirects to its /error page (redirect_mismatch).", false, func(g *gen) {
		g.expected = []string{CodeIdPError}
		g.visit("/", "document")
		authz := g.lastLocation()
		errURL := "https://" + g.idp + "/error?error=redirect_mismatch&client_id=" + g.clientID
		g.add(genReq{method: "GET", url: authz, resType: "document"}, genResp{status: 302, location: errURL, mime: "text/html", server: "Server"}, "idp", nil, "login", "redirect_uri not registered")
		g.add(genReq{method: "GET", url: errURL, resType: "document"}, genResp{status: 400, mime: "text/html", server: "Server", size: 1200}, "idp", nil, "login", "Cognito's error page")
	}},
	{"f-login-failed", "Two wrong passwords, then the right one.", false, func(g *gen) {
		g.expected = []string{CodeLoginFailed}
		g.signIn("/", 2)
	}},
	{"f-one-big-shard", "Near miss for session-cookie-sharded: one nearly full 3.9 KB shard.", false, func(g *gen) {
		g.shardSize = 3900
		g.signIn("/", 0)
	}},
	{"f-custom-cookie-name", "The rule's SessionCookieName is \"shop-auth-session\" and the claims need 2 shards; the logout expires both.", false, func(g *gen) {
		g.expected = []string{CodeSessionCookieSharded}
		g.sessionName, g.shards, g.shardSize = "shop-auth-session", 2, 4000
		g.signIn("/", 0)
		g.logout(2, false, false, false)
		g.visit("/", "document")
		next, _ := g.authorize(g.lastLocation(), "document")
		g.loginPage(next)
	}},
	{"f-cookie-too-large", "Four full session shards plus six 1 KB application cookies: the ALB answers the next page with 400 (header too large).", false, func(g *gen) {
		g.expected = []string{CodeCookieHeaderTooLarge, CodeSessionCookieSharded}
		g.shards, g.shardSize = 4, 4000
		g.appCookies = 6
		g.signIn("/", 0)
		g.add(genReq{method: "GET", url: g.appURL("/reports"), resType: "document"}, genResp{status: 400, mime: "text/html", server: "awselb/2.0", size: 120},
			"app", nil, "app", "400 Request Header Or Cookie Too Large from the ALB")
	}},
	{"f-cookie-attributes", "The application sets JSESSIONID without Secure and HttpOnly.", false, func(g *gen) {
		g.expected = []string{CodeCookieAttributes}
		g.insecureApp = true
		g.signIn("/", 0)
	}},
	{"f-app-errors", "Near misses: the application's own 401 (API), 500 (page), /error page and 400 (POST with a small Cookie header), all after a good sign-in; AWSALB without HttpOnly.", false, func(g *gen) {
		g.signIn("/", 0)
		g.target("/api/v1/admin", "fetch", 401)
		g.target("/broken", "document", 500)
		g.target("/error", "document", 200)
		g.add(genReq{method: "POST", url: g.appURL("/api/v1/save"), resType: "fetch"}, genResp{status: 400, mime: "application/json", size: 60},
			"api", steps9_11, "app", "the application rejects the body")
	}},
}

func (s scenario) build() *gen {
	seed := int64(0)
	for _, c := range s.name {
		seed = seed*31 + int64(c)
	}
	g := newGen(s.name, s.about, seed)
	s.play(g)
	return g
}

func (s scenario) String() string { return fmt.Sprintf("%s: %s", s.name, s.about) }
