package authflow_test

// Building blocks of the unseen corpus: the ALB (authenticate-cognito or
// authenticate-oidc rule), the application behind it, and the sign-in and
// end-session behaviour of each IdP family, written from the public
// documentation listed in testdata/unseen/README.md.

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/har/authflow"
)

const (
	kAuthRedirect = authflow.KindAuthRedirect
	kIdP          = authflow.KindIdP
	kCallback     = authflow.KindCallback
	kApp          = authflow.KindApp
	kAsset        = authflow.KindAsset
	kAPI          = authflow.KindAPI
	kLogout       = authflow.KindLogout
	kIdPLogout    = authflow.KindIdPLogout
	kLogoutCB     = authflow.KindLogoutCallback
	kOther        = authflow.KindOther

	pLogin  = authflow.PhaseLogin
	pApp    = authflow.PhaseApp
	pLogout = authflow.PhaseLogout
)

const expired = "Expires=Thu, 01 Jan 1970 00:00:00 GMT"

// app is the application behind the ALB.
type app struct {
	host     string
	title    string
	cookie   string // the rule's SessionCookieName (default AWSELBAuthSessionCookie)
	shards   int
	shardLen int
	sticky   bool   // target group stickiness (AWSALB, AWSALBCORS)
	jsession string // attributes of the app's own JSESSIONID ("" = none)
	server   string // the target's Server header ("" = none)
	tracker  bool   // the page loads a third-party analytics script
	cdn      bool   // CloudFront in front of the ALB (via, x-amz-cf-*, x-amzn-trace-id)
	// cbHost: the host the ALB puts in redirect_uri when it differs from
	// host (CloudFront in front of the ALB without forwarding Host).
	cbHost string
}

func (a *app) url(p string) string { return "https://" + a.host + p }

func (a *app) redirectURI() string {
	if a.cbHost != "" {
		return "https://" + a.cbHost + "/oauth2/idpresponse"
	}
	return a.url("/oauth2/idpresponse")
}

// idp is what the ALB redirects to.
type idp interface {
	authorizeURL(s *scen, a *app, state string) string
}

// --- the ALB ---

// albSelf gives x the headers of a response the ALB generates itself.
func (s *scen) albSelf(x *xch) *xch {
	return x.H("cache-control", "no-cache, no-store", "content-length", "0", "date", httpDate(s.at(x.start)), "server", "awselb/2.0")
}

// albRedirectOn makes x the ALB's answer #1/#2 to a request without a session.
func (s *scen) albRedirectOn(x *xch, a *app, p idp) *xch {
	state := s.albState()
	s.albSelf(x).Loc(p.authorizeURL(s, a, state))
	s.SC(x, "AWSALBAuthNonce="+s.albNonce()+"; Path=/; Secure; HttpOnly")
	x.Truth(kAuthRedirect, pLogin)
	if x.note == "" {
		x.Note("no ALB session cookie: #1 answered with the redirect to the IdP's authorize endpoint (#2); AWSALBAuthNonce set")
	}
	return x
}

// Open is the user opening the application without a session.
func (s *scen) Open(a *app, p idp, path string, typed bool) *xch {
	return s.albRedirectOn(s.Nav("GET", a.url(path), 302, typed), a, p)
}

// code and state of the last authorize redirect the ALB sent.
func (s *scen) lastState() string {
	for i := len(s.xs) - 1; i >= 0; i-- {
		x := s.xs[i]
		if x.kind == kAuthRedirect {
			u, _ := url.Parse(x.location())
			return u.Query().Get("state")
		}
	}
	return s.albState()
}

// callbackURL is the ALB callback the IdP redirects to (#3).
func (s *scen) callbackURL(a *app, code string, extra ...string) string {
	q := query(append([]string{"code", code, "state", s.lastState()}, extra...)...)
	return a.redirectURI() + "?" + q
}

// sessionCookies returns the Set-Cookie values of a fresh ALB session.
func (s *scen) sessionCookies(a *app, at float64) []string {
	exp := s.at(at).Add(7*24*time.Hour).Format("Mon, 02 Jan 2006 15:04:05") + " GMT"
	var out []string
	for i := 0; i < a.shards; i++ {
		n := a.shardLen
		if i == a.shards-1 && a.shards > 1 {
			n = a.shardLen / 3
		}
		out = append(out, fmt.Sprintf("%s-%d=%s; Expires=%s; Path=/; Secure; HttpOnly", a.cookie, i, s.albCookie(n), exp))
	}
	return out
}

func (s *scen) expireSession(a *app) []string {
	var out []string
	for i := 0; i < a.shards; i++ {
		out = append(out, fmt.Sprintf("%s-%d=; %s; Max-Age=-1; Path=/; Secure; HttpOnly", a.cookie, i, expired))
	}
	return out
}

// callbackOn makes x the ALB callback: #3, #4–#7 hidden, #8 with the session cookie.
func (s *scen) callbackOn(x *xch, a *app, dest string) *xch {
	s.albSelf(x).Loc(dest)
	s.SC(x, s.sessionCookies(a, x.start)...)
	x.Truth(kCallback, pLogin).Note(fmt.Sprintf("code redeemed over the back channel (#4–#7); session cookie in %d shard(s); 302 to the original URL (#8)", a.shards))
	return x
}

// albError makes x an error page the ALB answers itself.
func (s *scen) albError(x *xch, code int, title string) *xch {
	body := fmt.Sprintf("<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n</body>\r\n</html>\r\n", code, title, code, title)
	x.H("content-type", "text/html", "content-length", fmt.Sprint(len(body)), "date", httpDate(s.at(x.start)), "server", "awselb/2.0")
	return x.Body("text/html", body)
}

// --- the application ---

func (s *scen) appHeaders(x *xch, a *app, mime string, n int) *xch {
	x.H("cache-control", "no-store", "content-length", fmt.Sprint(n), "content-type", mime, "date", httpDate(s.at(x.start)))
	if a.server != "" {
		x.H("server", a.server)
	}
	if a.cdn {
		x.H("via", "1.1 "+s.chars(hexc, 32)+".cloudfront.net (CloudFront)", "x-amz-cf-id", s.chars(b64u, 54)+"==", "x-amz-cf-pop", "AMS58-P3",
			"x-amzn-trace-id", "Root=1-"+s.chars(hexc, 8)+"-"+s.chars(hexc, 24), "x-cache", "Miss from cloudfront")
	}
	if a.sticky {
		v := s.stickiness()
		exp := s.at(x.start).Add(7*24*time.Hour).Format("Mon, 02 Jan 2006 15:04:05") + " GMT"
		s.SC(x, "AWSALB="+v+"; Expires="+exp+"; Path=/", "AWSALBCORS="+v+"; Expires="+exp+"; Path=/; SameSite=None; Secure")
	}
	x.size = n
	x.mime = mime
	return x
}

func (s *scen) hasCookie(name string) bool {
	for _, c := range s.jar {
		if c.name == name {
			return true
		}
	}
	return false
}

// appDoc makes x an authenticated page of the application (#9–#11).
func (s *scen) appDoc(x *xch, a *app, path string) *xch {
	s.appHeaders(x, a, "text/html; charset=utf-8", 1800+s.rnd.IntN(4000))
	x.text = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + a.title + "</title>"
	if a.jsession != "" && !s.hasCookie("JSESSIONID") {
		s.SC(x, "JSESSIONID="+s.secret(s.chars(hexC, 32))+a.jsession)
	}
	return x.Truth(kApp, pApp).Note("authenticated: the ALB validates the cookie and forwards with the X-Amzn-Oidc-* headers (#9), the target answers (#10, hidden), the ALB returns it (#11)")
}

// AppPage navigates to a page of the app with a valid session.
func (s *scen) AppPage(a *app, path string, typed bool) *xch {
	return s.appDoc(s.Nav("GET", a.url(path), 200, typed), a, path)
}

// appStatic loads the page's static files (and the browser's favicon request).
func (s *scen) appStatic(a *app, favicon bool) []*xch {
	var out []*xch
	for _, f := range []struct{ p, res, mime string }{
		{"/assets/app.3f9c1e.css", "stylesheet", "text/css"},
		{"/assets/app.81b0d4.js", "script", "application/javascript"},
		{"/assets/logo.svg", "image", "image/svg+xml"},
	} {
		x := s.Sub(a.url(f.p), f.res)
		s.appHeaders(x, a, f.mime, 900+s.rnd.IntN(60000))
		x.respH[0].value = "public, max-age=31536000, immutable"
		x.H("etag", `"`+s.chars(hexc, 16)+`"`)
		x.Truth(kAsset, pApp).ThroughALB().Note("static file through the ALB with a valid session")
		out = append(out, x)
	}
	if a.tracker {
		x := s.Sub("https://www.googletagmanager.com/gtag/js?id=G-"+strings.ToUpper(fmt.Sprintf("%x", len(a.host)*7919+int(a.host[0])*104729))+"K7", "script")
		x.H("content-type", "application/javascript; charset=UTF-8", "date", httpDate(s.at(x.start)), "server", "Google Tag Manager", "cache-control", "private, max-age=900").Size("application/javascript", 285000)
		x.Truth(kOther, pApp).Note("third-party analytics")
		out = append(out, x)
	}
	if favicon {
		x := s.Favicon()
		s.appHeaders(x, a, "image/x-icon", 4286)
		x.Truth(kAsset, pApp).ThroughALB()
		out = append(out, x)
	}
	return out
}

// API is an authenticated fetch to the app's API.
func (s *scen) API(a *app, meth, path string) *xch {
	x := s.Fetch(meth, a.url(path), 200, a.url("/assets/app.81b0d4.js"))
	body := `{"ok":true}`
	if meth == "GET" {
		body = `{"items":[{"id":"` + s.chars(hexc, 8) + `","amount":"1250.00","currency":"EUR"}],"next":null}`
	}
	s.appHeaders(x, a, "application/json", len(body))
	x.text = body
	return x.Truth(kAPI, pApp).Note("fetch through the ALB with a valid session")
}

// AppLogout is the app's logout endpoint: it may expire the ALB session
// cookie (all shards) and redirects to next.
func (s *scen) AppLogout(a *app, next string, expire bool) *xch {
	x := s.Nav("GET", a.url("/logout"), 302, false)
	x.H("cache-control", "no-store", "content-length", "0", "date", httpDate(s.at(x.start)), "location", next)
	if a.server != "" {
		x.H("server", a.server)
	}
	if expire {
		s.SC(x, s.expireSession(a)...)
	}
	if a.jsession != "" {
		s.SC(x, "JSESSIONID=; Path=/; Max-Age=0; "+expired+"; Secure; HttpOnly")
	}
	x.Truth(kLogout, pLogout)
	if expire {
		x.Note("the app's logout endpoint (through the ALB with the session, #9–#11): expires every shard of the ALB cookie and redirects to the IdP's end-session endpoint")
	} else {
		x.Note("the app's logout endpoint (#9–#11); it does not expire the ALB cookie here")
	}
	return x
}

// signedOutOn makes x the page the IdP's logout returns to.
func (s *scen) signedOutOn(x *xch, a *app, expire bool) *xch {
	hadSession := false
	for _, c := range x.cookies {
		if strings.HasPrefix(c.name, a.cookie+"-") {
			hadSession = true
		}
	}
	s.appHeaders(x, a, "text/html; charset=utf-8", 940)
	x.text = "<!DOCTYPE html>\n<html><head><title>Signed out</title>"
	if expire {
		s.SC(x, s.expireSession(a)...)
	}
	x.Truth(kLogoutCB, pLogout)
	if hadSession {
		x.ThroughALB().Note("logout landing page: the session cookie still came with it (#9–#11)")
		if expire {
			x.note += "; it expires every shard of the ALB cookie"
		}
	} else {
		x.Note("logout landing page, excluded from the authenticate rule; no session cookie came with it (no steps)")
	}
	return x
}

// --- Amazon Cognito (authenticate-cognito) ---

type cognito struct {
	domain   string // prefix domain or custom domain
	clientID string
	custom   bool     // a custom domain, served through CloudFront
	extra    []string // the rule's AuthenticationRequestExtraParams
}

func (c *cognito) authorizeURL(s *scen, a *app, state string) string {
	return "https://" + c.domain + "/oauth2/authorize?" + query(append([]string{"response_type", "code", "client_id", c.clientID, "redirect_uri", a.redirectURI(), "scope", "openid", "state", state}, c.extra...)...)
}

func (s *scen) cognitoHeaders(x *xch, c *cognito, mime string, n int) *xch {
	x.H("cache-control", "no-cache, no-store, max-age=0, must-revalidate", "content-length", fmt.Sprint(n))
	if mime != "" {
		x.H("content-type", mime)
	}
	x.H("date", httpDate(s.at(x.start)), "expires", "0", "pragma", "no-cache", "server", "Server",
		"strict-transport-security", "max-age=31536000 ; includeSubDomains",
		"x-amz-cognito-request-id", s.pubUUID(), "x-content-type-options", "nosniff", "x-frame-options", "DENY", "x-xss-protection", "1; mode=block")
	if c.custom {
		x.H("via", "1.1 "+s.chars(hexc, 32)+".cloudfront.net (CloudFront)", "x-amz-cf-pop", "FRA56-P"+s.chars("123456789", 1), "x-amz-cf-id", s.chars(b64u, 54)+"==", "x-cache", "Miss from cloudfront")
	}
	x.size = n
	if mime != "" {
		x.mime = mime
	}
	return x
}

// CognitoToLogin follows the ALB redirect to /oauth2/authorize and on to the
// hosted UI's sign-in page (with its static files and favicon).
func (s *scen) CognitoToLogin(c *cognito, favicon bool) (authz, login *xch) {
	authz = s.Follow(302)
	u, _ := url.Parse(authz.url)
	s.cognitoHeaders(authz, c, "text/html; charset=utf-8", 367).Loc("/login?" + u.RawQuery)
	s.SC(authz, "XSRF-TOKEN="+s.secret(s.uuid())+"; Path=/; Secure; HttpOnly; SameSite=Lax")
	csrf := s.secret(s.chars(b64u, 32))
	s.SC(authz, "csrf-state="+csrf+"; Path=/; Secure; HttpOnly; SameSite=None", "csrf-state-legacy="+csrf+"; Path=/; Secure; HttpOnly")
	authz.Truth(kIdP, pLogin).Note("Cognito's authorize endpoint: no Cognito session, 302 to the hosted UI")
	login = s.Follow(200)
	s.cognitoHeaders(login, c, "text/html;charset=UTF-8", 3460).Truth(kIdP, pLogin).Note("hosted UI sign-in page")
	login.text = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Signin</title>"
	for _, f := range []struct{ p, res, mime string }{
		{"/20250924195511/css/bootstrap.min.css", "stylesheet", "text/css"},
		{"/20250924195511/css/cognito-login.css", "stylesheet", "text/css"},
		{"/20250924195511/js/amazon-cognito-advanced-security-data.min.js", "script", "application/javascript"},
	} {
		x := s.Sub("https://d3oia8etllorh5.cloudfront.net"+f.p, f.res)
		x.H("content-type", f.mime, "date", httpDate(s.at(x.start)), "server", "AmazonS3", "cache-control", "max-age=31536000",
			"x-cache", "Hit from cloudfront", "via", "1.1 "+s.chars(hexc, 32)+".cloudfront.net (CloudFront)", "x-amz-cf-pop", "FRA56-P2", "x-amz-cf-id", s.chars(b64u, 54)+"==").Size(f.mime, 4000+s.rnd.IntN(90000))
		x.Truth(kAsset, pLogin).Note("static file the hosted UI loads from its CDN (an asset of the IdP's page)")
	}
	if favicon {
		x := s.Favicon()
		s.cognitoHeaders(x, c, "image/x-icon", 1150).Truth(kAsset, pLogin).Note("favicon of the hosted UI")
	}
	return authz, login
}

// CognitoPost submits the hosted UI's form; ok=false: wrong password (200
// with the error message), ok=true: 302 to the ALB callback with a code.
func (s *scen) CognitoPost(c *cognito, a *app, user, password string, ok bool) *xch {
	page := s.page
	x := s.Nav("POST", page, 302, false)
	x.Q("cache-control", "max-age=0")
	csrf := ""
	for _, ck := range x.cookies {
		if ck.name == "XSRF-TOKEN" {
			csrf = ck.value
		}
	}
	x.Post("application/x-www-form-urlencoded", form("_csrf", csrf, "username", user, "password", s.secret(password), "cognitoAsfData", s.secret(s.chars(b64c, 180)), "signInSubmitButton", "Sign in"))
	x.Truth(kIdP, pLogin)
	if !ok {
		x.code = 200
		s.cognitoHeaders(x, c, "text/html;charset=UTF-8", 3660).Note("hosted UI form post: wrong password, 200 with the error message")
		x.text = `<p id="loginErrorMessage" class="errorMessage">Incorrect username or password.</p>`
		return x
	}
	code := s.secret(s.uuid())
	s.cognitoHeaders(x, c, "", 0).Loc(s.callbackURL(a, code))
	s.SC(x, `cognito="`+s.secret("H4sIAAAAAAAAA"+s.chars(b64c, 460))+`"; Version=1; Domain=`+c.domain+`; Max-Age=3600; Expires=`+s.at(x.start).Add(time.Hour).Format("Mon, 02-Jan-2006 15:04:05")+` GMT; Path=/; Secure; HttpOnly`,
		`cognito-fl="`+s.secret(s.chars(b64c, 40))+`"; Version=1; Domain=`+c.domain+`; Max-Age=3600; Path=/; Secure; HttpOnly`)
	return x.Note("hosted UI form post: signed in, 302 to the ALB's /oauth2/idpresponse with a code (#3 follows)")
}

// CognitoLogout follows the app's redirect to Cognito's /logout.
func (s *scen) CognitoLogout(c *cognito) *xch {
	x := s.Follow(302)
	u, _ := url.Parse(x.url)
	s.cognitoHeaders(x, c, "text/html; charset=utf-8", 62).Loc(u.Query().Get("logout_uri"))
	s.SC(x, `cognito=""; Version=1; Domain=`+c.domain+`; Max-Age=0; `+expired+`; Path=/; Secure; HttpOnly`,
		`cognito-fl=""; Version=1; Domain=`+c.domain+`; Max-Age=0; `+expired+`; Path=/; Secure; HttpOnly`)
	return x.Truth(kIdPLogout, pLogout).Note("Cognito /logout: ends the Cognito session, 302 to logout_uri")
}

func (c *cognito) logoutURL(a *app, landing string) string {
	return "https://" + c.domain + "/logout?" + query("client_id", c.clientID, "logout_uri", a.url(landing))
}

// CognitoSignIn is the whole sign-in from the ALB redirect to the app's first page.
func (s *scen) CognitoSignIn(a *app, c *cognito, path string, favicon bool, wrongFirst bool) (first, cb, page *xch) {
	first = s.Open(a, c, path, true)
	s.CognitoToLogin(c, favicon)
	s.wait(s.dur(3000, 9000))
	if wrongFirst {
		bad := s.CognitoPost(c, a, "m.okafor", "Winter2026!", false)
		s.Expect("login-failed", bad)
		s.wait(s.dur(2000, 5000))
	}
	s.CognitoPost(c, a, "m.okafor", "C0rrect-Horse-7!", true)
	cb = s.callbackOn(s.Follow(302), a, a.url(path))
	page = s.appDoc(s.Follow(200), a, path)
	return first, cb, page
}
