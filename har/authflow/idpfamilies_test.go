package authflow

// Issue 9, item 3: an ALB listener rule with authenticate-oidc and an OIDC
// IdP that is not Cognito. The ALB's part (#1–#11) is the same for every
// IdP; the IdP is recognised by what it does (it answers the authorize
// request whose redirect_uri is the ALB's /oauth2/idpresponse, and sends
// the browser back there with a code), not by its name. One capture per IdP
// family, each written from the IdP's public documentation:
//
//   - Okta Identity Engine: the authorization server's /oauth2/default/v1/
//     authorize and /v1/logout (id_token_hint, post_logout_redirect_uri);
//     the Sign-In Widget's IDX calls /idp/idx/introspect, /identify,
//     /challenge/answer (application/ion+json, stateHandle in the body), a
//     wrong password refused with 401; /login/token/redirect?stateToken=;
//     the idx and DT cookies (developer.okta.com: "Understand how sessions
//     work after the upgrade", the IDX API of okta-auth-js).
//   - Microsoft Entra ID: /{tenant}/oauth2/v2.0/authorize and
//     /oauth2/v2.0/logout, the sign-in page's GetCredentialType call and
//     /{tenant}/login and /kmsi posts; ESTSAUTH, ESTSAUTHPERSISTENT, buid,
//     fpc, esctx (learn.microsoft.com: "Web browser cookies used in
//     Microsoft Entra authentication").
//   - Auth0: /authorize, Classic Login's /usernamepassword/login (401
//     invalid_user_password), /login/callback, /authorize/resume,
//     /v2/logout?client_id&returnTo; auth0, auth0_compat, did, _csrf
//     (auth0.com docs: Authentication API, cookies).
//   - Keycloak: /realms/{realm}/protocol/openid-connect/auth, the form's
//     /login-actions/authenticate (session_code changes on every page), the
//     end-session endpoint's confirmation page and its logout-confirm post
//     without id_token_hint; AUTH_SESSION_ID, KC_RESTART, KEYCLOAK_IDENTITY,
//     KEYCLOAK_SESSION (Keycloak's LogoutEndpoint, server admin guide).
//   - Google: /o/oauth2/v2/auth (Google Identity, OpenID Connect), the
//     sign-in pages and their batchexecute calls (one endpoint, the
//     operation in rpcids), /accounts/SetSID, the consent hop, and the
//     logout through accounts.google.com/Logout?continue= and
//     appengine.google.com/_ah/logout (Google has no end-session endpoint).

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// oidcApp is the ALB-fronted application of these captures.
type oidcApp struct {
	origin string // https://host
	state  string
	nonce  string
	sess   string
}

func newOIDCApp(host string) oidcApp {
	return oidcApp{origin: "https://" + host, state: "Vn3q8Kx1Lp0Zr5Tw2Yb7Hc4Jd9Fg6Ms1Qa8Ue3Oi0Rt5Ey2Wn7Xk4Cv9Bz6Lm1Pq",
		nonce: "Qm9zZS1ub25jZS1saWtlLXZhbHVlLWZvci10ZXN0aW5n", sess: "c2Vzc2lvbi1zaGFyZC16ZXJvLXdpdGgtZW5vdWdoLWJ5dGVzLXRvLWJlLXJlYWxpc3RpYw"}
}

func (a oidcApp) redirectURI() string {
	return strings.ReplaceAll(strings.ReplaceAll(a.origin, ":", "%3A"), "/", "%2F") + "%2Foauth2%2Fidpresponse"
}

func (a oidcApp) signedIn() string {
	return "AWSALBAuthNonce=" + a.nonce + "; AWSELBAuthSessionCookie-0=" + a.sess
}

// authRedirect is the ALB's answer without a session: #1, #2.
func (a oidcApp) authRedirect(path, authorize string) kx {
	return kx{u: a.origin + path, st: 302, site: "none",
		resp: []string{"Server: awselb/2.0", "Location: " + authorize, "Set-Cookie: AWSALBAuthNonce=" + a.nonce + "; Path=/; Secure; HttpOnly"},
		kind: KindAuthRedirect, steps: s12, phase: PhaseLogin}
}

// callback is the browser bringing the code (#3), redeemed (#4–#7) and
// answered with the session (#8).
func (a oidcApp) callback(query string) kx {
	return kx{u: a.origin + "/oauth2/idpresponse?" + query, st: 302, site: "cross-site", cookie: "AWSALBAuthNonce=" + a.nonce,
		resp: []string{"Server: awselb/2.0", "Location: " + a.origin + "/",
			"Set-Cookie: AWSELBAuthSessionCookie-0=" + a.sess + "; Expires=Tue, 09 Jun 2026 08:30:02 GMT; Path=/; Secure; HttpOnly"},
		kind: KindCallback, steps: s3to8, phase: PhaseLogin}
}

// app are the application's page, a script and an API call with the session.
func (a oidcApp) app() []kx {
	return []kx{
		{u: a.origin + "/", st: 200, site: "cross-site", cookie: a.signedIn(), kind: KindApp, steps: s911, phase: PhaseApp},
		{u: a.origin + "/static/main.js", st: 200, dest: "script", cookie: a.signedIn(), mime: "application/javascript", kind: KindAsset, steps: s911, phase: PhaseApp},
		{u: a.origin + "/api/me", st: 200, dest: "empty", cookie: a.signedIn(), mime: "application/json", kind: KindAPI, steps: s911, phase: PhaseApp},
	}
}

// logout is the application's logout: it expires the ALB session and
// sends the browser to the IdP's end-session endpoint.
func (a oidcApp) logout(endSession string) kx {
	return kx{u: a.origin + "/logout", st: 302, cookie: a.signedIn(),
		resp: []string{"Location: " + endSession, "Set-Cookie: AWSELBAuthSessionCookie-0=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly"},
		kind: KindLogout, steps: s911, phase: PhaseLogout}
}

// landing is the unauthenticated page the IdP's logout returns to.
func (a oidcApp) landing(query string) kx {
	return kx{u: a.origin + "/signed-out" + query, st: 200, site: "cross-site", cookie: "AWSALBAuthNonce=" + a.nonce,
		kind: KindLogoutCallback, steps: none, phase: PhaseLogout}
}

func (a oidcApp) landingURL() string {
	return strings.ReplaceAll(strings.ReplaceAll(a.origin, ":", "%3A"), "/", "%2F") + "%2Fsigned-out"
}

func idp(m, u string, st int, dest string, resp ...string) kx {
	x := kx{m: m, u: u, st: st, dest: dest, site: "same-origin", resp: resp, kind: KindIdP, steps: none, phase: PhaseLogin}
	if dest == "empty" {
		x.mime = "application/json"
	}
	return x
}

func idpAsset(u, dest, mime string) kx {
	return kx{u: u, st: 200, dest: dest, site: "cross-site", mime: mime, kind: KindAsset, steps: none, phase: PhaseLogin}
}

func idpLogout(u string, st int, resp ...string) kx {
	return kx{u: u, st: st, site: "cross-site", resp: resp, kind: KindIdPLogout, steps: none, phase: PhaseLogout}
}

// checkOIDC classifies the script from DevTools and sanitized, with the
// findings want (plus sanitized-capture for the copy), and checks that the
// secrets named stay out of what seqdoc writes while the public values
// named stay in.
func checkOIDC(t *testing.T, xs []kx, idpHost string, secrets, public []string, want ...string) *Flow {
	t.Helper()
	b, truth := newKit(xs...).devtools()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, want...)
	for _, p := range f.Participants {
		if p.Role == RoleIdP && (len(p.Hosts) != 1 || p.Hosts[0] != idpHost || p.Cognito) {
			t.Errorf("IdP participant %+v, want %s, not Cognito", p, idpHost)
		}
	}
	// The back channel (#4–#7) is drawn to the IdP's token and userinfo
	// endpoints, not Cognito's paths.
	var implied []string
	for _, it := range f.Diagram(DiagramOptions{}).Items {
		if m, ok := it.(*model.Message); ok && m.Implied && m.From == diagALB && m.To == diagIdP {
			implied = append(implied, m.Text)
		}
	}
	if strings.Join(implied, "|") != "POST token endpoint (code)|GET userinfo endpoint (access token)" {
		t.Errorf("back channel drawn as %q", implied)
	}
	var out strings.Builder
	if err := WriteJSON(&out, f); err != nil {
		t.Fatal(err)
	}
	WriteTable(&out, "x.har", f)
	g, _ := json.Marshal(Glossary(f))
	out.Write(g)
	for _, s := range secrets {
		if strings.Contains(out.String(), s) {
			t.Errorf("secret %.16s… reached seqdoc's output", s)
		}
	}
	for _, p := range public {
		if !strings.Contains(out.String(), p) {
			t.Errorf("public value %q was redacted", p)
		}
	}
	s := kitSanitize(t, b)
	for i := range truth {
		if truth[i].kind == KindLogoutCallback {
			truth[i].undecided = true
		}
	}
	checkTruth(t, classifyBytes(t, s), truth, append(want, CodeSanitizedCapture)...)
	return f
}

// glossaryRow returns the glossary row named name.
func kitGlossaryRow(t *testing.T, f *Flow, name string) GlossaryRow {
	t.Helper()
	for _, r := range Glossary(f) {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no glossary row %s", name)
	return GlossaryRow{}
}

func TestIdPFamilyOkta(t *testing.T) {
	a := newOIDCApp("helpdesk.acme-corp.example")
	okta := "https://acme-corp.okta.com"
	authorize := okta + "/oauth2/default/v1/authorize?client_id=0oa4d8s1n6VbXq2Zk5d7&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid&state=" + a.state
	stateToken := "02.id.TXTH42Vzb2BrXpPq9w8e7r6t5y4u3i2o1pAsDfGhJkL"
	idToken := "eyJhbGciOiJSUzI1NiIsImtpZCI6InFWNHdIVEQifQ.eyJzdWIiOiIwMHUxYWJjIiwiaXNzIjoiaHR0cHM6Ly9hY21lIn0.c2lnbmF0dXJlLW9mLXRoZS1pZC10b2tlbi1mb3ItdGVzdGluZw"
	ion := "Content-Type: application/ion+json; okta-version=1.0.0"
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 200, "document", "Content-Type: text/html;charset=utf-8",
			"Set-Cookie: DT=DI1Kj2mMw0pTz8kQx5rB7vYg; Expires=Wed, 02 Jun 2027 08:30:00 GMT; Path=/; Secure; HttpOnly"),
		idpAsset("https://ok14static.oktacdn.com/assets/js/sdk/okta-signin-widget/7.28.1/js/okta-sign-in.min.js", "script", "application/javascript"),
		idp("POST", okta+"/idp/idx/introspect", 200, "empty", ion),
		idp("POST", okta+"/idp/idx/identify", 200, "empty", ion),
		idp("POST", okta+"/idp/idx/challenge/answer", 401, "empty", ion),
		idp("POST", okta+"/idp/idx/challenge/answer", 200, "empty", ion,
			"Set-Cookie: idx=eyJ6aXAiOiJERUYiLCJhbGlhcyI6ImVuYyJ9..R2V0LW91dC1vZi1teS1zZXNzaW9u; Path=/; Secure; HttpOnly; SameSite=None"),
		idp("GET", okta+"/login/token/redirect?stateToken="+stateToken, 302, "document",
			"Location: "+a.origin+"/oauth2/idpresponse?code=mQ1rgwvhgO4ce7FNrnvCkJ0yLZ&state="+a.state),
		a.callback("code=mQ1rgwvhgO4ce7FNrnvCkJ0yLZ&state=" + a.state),
	}
	xs = append(xs, a.app()...)
	end := okta + "/oauth2/default/v1/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri=" + a.landingURL() + "&state=LgT5xV8bN2mQ4"
	xs = append(xs, a.logout(end),
		idpLogout(end, 302, "Location: "+a.origin+"/signed-out?state=LgT5xV8bN2mQ4", "Set-Cookie: idx=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"),
		a.landing("?state=LgT5xV8bN2mQ4"))
	f := checkOIDC(t, xs, "acme-corp.okta.com",
		[]string{stateToken, idToken, "mQ1rgwvhgO4ce7FNrnvCkJ0yLZ", a.state, "DI1Kj2mMw0pTz8kQx5rB7vYg"},
		[]string{"post_logout_redirect_uri=https%3A%2F%2Fhelpdesk.acme-corp.example%2Fsigned-out", "client_id=0oa4d8s1n6VbXq2Zk5d7"},
		CodeLoginFailed)
	if x := kitFinding(t, f, CodeLoginFailed); len(x.Entries) != 1 || x.Entries[0] != 5 {
		t.Errorf("login-failed names %v, want the refused JSON call #5", x.Entries)
	}
	r := kitGlossaryRow(t, f, "idx")
	if !strings.Contains(r.SetBy, "acme-corp.okta.com") || !strings.Contains(r.SetBy, "IdP") {
		t.Errorf("idx is %q, want set by the IdP (acme-corp.okta.com)", r.SetBy)
	}
}

func TestIdPFamilyEntra(t *testing.T) {
	a := newOIDCApp("intranet.contoso-logistics.example")
	tenant := "7d2c1e4b-9f0a-4e3c-8b6d-2a5f1c9e0d37"
	ms := "https://login.microsoftonline.com"
	authorize := ms + "/" + tenant + "/oauth2/v2.0/authorize?client_id=3c9a7e21-5b8d-4f60-9a1c-2e4d6f8b0a13&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid&state=" + a.state
	code := "0.AUEAy7kx2mQ9vP3nT8rW1zK5hJ6fD4sG0aL2cX9bN7eV5tR3yU1iO8pM6wQ4jH2gF"
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 200, "document", "Content-Type: text/html; charset=utf-8",
			"Set-Cookie: buid=0.AUEAbrowser-telemetry-id; Expires=Thu, 02 Jul 2026 08:30:00 GMT; Path=/; Secure; HttpOnly; SameSite=None",
			"Set-Cookie: fpc=AkRequestThrottleId; Expires=Thu, 02 Jul 2026 08:30:00 GMT; Path=/; Secure; HttpOnly; SameSite=None",
			"Set-Cookie: esctx=PAQABAAEAAAAmoFfGtYxvRrNriQdPKIZ-csrf; Path=/; Secure; HttpOnly; SameSite=None"),
		idpAsset("https://aadcdn.msftauth.net/shared/1.0/content/js/ConvergedLogin_PCore_xQ2.js", "script", "application/javascript"),
		idp("POST", ms+"/common/GetCredentialType?mkt=en-US", 200, "empty"),
		idp("POST", ms+"/"+tenant+"/login", 200, "document", "Content-Type: text/html; charset=utf-8"),
		idp("POST", ms+"/"+tenant+"/login", 200, "document", "Content-Type: text/html; charset=utf-8",
			"Set-Cookie: ESTSAUTH=1.AUEAsessiontoken; Path=/; Secure; HttpOnly; SameSite=None"),
		idp("POST", ms+"/kmsi", 302, "document", "Location: "+a.origin+"/oauth2/idpresponse?code="+code+"&state="+a.state+"&session_state=d4c8e1f2-3a5b-4c6d-8e9f-0a1b2c3d4e5f",
			"Set-Cookie: ESTSAUTHPERSISTENT=1.AUEApersistent; Expires=Fri, 31 Jul 2026 08:30:00 GMT; Path=/; Secure; HttpOnly; SameSite=None"),
		a.callback("code=" + code + "&state=" + a.state + "&session_state=d4c8e1f2-3a5b-4c6d-8e9f-0a1b2c3d4e5f"),
	}
	xs = append(xs, a.app()...)
	end := ms + "/" + tenant + "/oauth2/v2.0/logout?post_logout_redirect_uri=" + a.landingURL()
	// Entra's sign-out page navigates to post_logout_redirect_uri by script:
	// no Location leads there.
	xs = append(xs, a.logout(end), idpLogout(end, 200, "Content-Type: text/html; charset=utf-8",
		"Set-Cookie: ESTSAUTH=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"), a.landing(""))
	f := checkOIDC(t, xs, "login.microsoftonline.com", []string{code, a.state, "1.AUEAsessiontoken"},
		[]string{"post_logout_redirect_uri=https%3A%2F%2Fintranet.contoso-logistics.example%2Fsigned-out"}, CodeLoginFailed)
	if x := kitFinding(t, f, CodeLoginFailed); len(x.Entries) != 1 || x.Entries[0] != 4 {
		t.Errorf("login-failed names %v, want the first password post #4 (GetCredentialType carries no password)", x.Entries)
	}
	for _, n := range []string{"ESTSAUTH", "buid", "esctx"} {
		if r := kitGlossaryRow(t, f, n); !strings.Contains(r.SetBy, "login.microsoftonline.com") {
			t.Errorf("%s: set by %q", n, r.SetBy)
		}
	}
}

func TestIdPFamilyAuth0(t *testing.T) {
	a := newOIDCApp("portal.fabrikam-health.example")
	au := "https://fabrikam-health.eu.auth0.com"
	authorize := au + "/authorize?client_id=Xq7Zl2Nw9Kp4Rv8Tb3Yc6Hd1Jf5Gm0Ls&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid%20profile&state=" + a.state
	login := au + "/login?state=hKFo2SBmZ3RRc2xkRE9uT0ZhcU5kV1pN&client=Xq7Zl2Nw9Kp4Rv8Tb3Yc6Hd1Jf5Gm0Ls&protocol=oauth2"
	code := "Yp3Wn8Lk2Qz7Vx5Tc1Rb9"
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 302, "document", "Location: "+login,
			"Set-Cookie: did=s%3Av0%3A7f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.ZGV2aWNl; Max-Age=31557600; Path=/; Secure; HttpOnly; SameSite=None",
			"Set-Cookie: auth0=s%3Av1.gadzZXNzaW9uX2lk.c2lnbg; Path=/; Secure; HttpOnly; SameSite=None",
			"Set-Cookie: auth0_compat=s%3Av1.gadzZXNzaW9uX2lk.c2lnbg; Path=/; Secure; HttpOnly"),
		idp("GET", login, 200, "document", "Content-Type: text/html; charset=utf-8", "Set-Cookie: _csrf=Rk9vYmFyQ3NyZlRva2Vu; Path=/usernamepassword/login; Secure; HttpOnly"),
		idpAsset("https://cdn.auth0.com/js/lock/12.5.1/lock.min.js", "script", "application/javascript"),
		idp("POST", au+"/usernamepassword/login", 401, "empty"),
		idp("POST", au+"/usernamepassword/login", 200, "empty", "Content-Type: text/html; charset=utf-8"),
		idp("POST", au+"/login/callback", 302, "document", "Location: /authorize/resume?state=hKFo2SBmZ3RRc2xkRE9uT0ZhcU5kV1pN"),
		idp("GET", au+"/authorize/resume?state=hKFo2SBmZ3RRc2xkRE9uT0ZhcU5kV1pN", 302, "document",
			"Location: "+a.origin+"/oauth2/idpresponse?code="+code+"&state="+a.state),
		a.callback("code=" + code + "&state=" + a.state),
	}
	xs = append(xs, a.app()...)
	end := au + "/v2/logout?client_id=Xq7Zl2Nw9Kp4Rv8Tb3Yc6Hd1Jf5Gm0Ls&returnTo=" + a.landingURL()
	xs = append(xs, a.logout(end), idpLogout(end, 302, "Location: "+a.origin+"/signed-out"), a.landing(""))
	f := checkOIDC(t, xs, "fabrikam-health.eu.auth0.com", []string{code, a.state, "gadzZXNzaW9uX2lk", "Rk9vYmFyQ3NyZlRva2Vu"}, nil, CodeLoginFailed)
	if x := kitFinding(t, f, CodeLoginFailed); len(x.Entries) != 1 || x.Entries[0] != 4 {
		t.Errorf("login-failed names %v, want the refused JSON call #4", x.Entries)
	}
}

func TestIdPFamilyKeycloak(t *testing.T) {
	a := newOIDCApp("portal.vertex-engineering.example")
	kc := "https://id.vertex-engineering.example/realms/staff"
	authorize := kc + "/protocol/openid-connect/auth?client_id=alb-portal&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid&state=" + a.state
	form := func(sessionCode string) string {
		return kc + "/login-actions/authenticate?session_code=" + sessionCode + "&execution=6f2c9a1e-4b7d-4e3a-9c8f-1d2e3f4a5b6c&client_id=alb-portal&tab_id=Lq8Wm3Rt7Y"
	}
	code := "4b1f2a3c-5d6e-4f70-8a9b-c0d1e2f3a4b5.9c8d7e6f-5a4b-4c3d-2e1f-0a9b8c7d6e5f.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 200, "document", "Content-Type: text/html;charset=utf-8",
			"Set-Cookie: AUTH_SESSION_ID=3f2e1d0c-b9a8-4765-8432-10fedcba9876.kc-0; Path=/realms/staff/; Secure; HttpOnly; SameSite=None",
			"Set-Cookie: KC_RESTART=eyJhbGciOiJIUzI1NiJ9.eyJjaWQiOiJhbGItcG9ydGFsIn0.cmVzdGFydC1zaWc; Path=/realms/staff/; Secure; HttpOnly"),
		idpAsset("https://id.vertex-engineering.example/resources/b7x2q/login/keycloak/css/login.css", "style", "text/css"),
		idp("POST", form("aQ9xLm2Rt5Wv8Yb1"), 200, "document", "Content-Type: text/html;charset=utf-8"),
		idp("POST", form("Zk4Jp7Nc0Fh3Ug6S"), 302, "document",
			"Location: "+a.origin+"/oauth2/idpresponse?state="+a.state+"&session_state=9c8d7e6f-5a4b-4c3d-2e1f-0a9b8c7d6e5f&iss=https%3A%2F%2Fid.vertex-engineering.example%2Frealms%2Fstaff&code="+code,
			"Set-Cookie: KEYCLOAK_IDENTITY=eyJhbGciOiJIUzUxMiJ9.eyJzaWQiOiI5YzhkIn0.aWRlbnRpdHktc2ln; Path=/realms/staff/; Secure; HttpOnly",
			"Set-Cookie: KEYCLOAK_SESSION=staff/0a1b2c3d-4e5f/9c8d7e6f; Max-Age=36000; Path=/realms/staff/; Secure"),
		a.callback("state=" + a.state + "&session_state=9c8d7e6f-5a4b-4c3d-2e1f-0a9b8c7d6e5f&iss=https%3A%2F%2Fid.vertex-engineering.example%2Frealms%2Fstaff&code=" + code),
	}
	xs = append(xs, a.app()...)
	// Without id_token_hint (the ALB does not pass the ID token to the
	// application) Keycloak asks "Do you want to log out?" first.
	end := kc + "/protocol/openid-connect/logout?client_id=alb-portal&post_logout_redirect_uri=" + a.landingURL()
	confirm := idpLogout(kc+"/protocol/openid-connect/logout/logout-confirm", 302, "Location: "+a.origin+"/signed-out",
		"Set-Cookie: KEYCLOAK_IDENTITY=; Version=1; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Max-Age=0; Path=/realms/staff/; Secure; HttpOnly")
	confirm.m, confirm.site = "POST", "same-origin"
	xs = append(xs, a.logout(end), idpLogout(end, 200, "Content-Type: text/html;charset=utf-8"), confirm, a.landing(""))
	f := checkOIDC(t, xs, "id.vertex-engineering.example", []string{code, a.state, "aQ9xLm2Rt5Wv8Yb1", "aWRlbnRpdHktc2ln"},
		[]string{"client_id=alb-portal"}, CodeLoginFailed)
	if x := kitFinding(t, f, CodeLoginFailed); len(x.Entries) != 1 || x.Entries[0] != 3 {
		t.Errorf("login-failed names %v, want the first form post #3 (its session_code differs from the second's)", x.Entries)
	}
	r := kitGlossaryRow(t, f, "KEYCLOAK_IDENTITY")
	if !strings.Contains(r.SetBy, "id.vertex-engineering.example") {
		t.Errorf("KEYCLOAK_IDENTITY: set by %q", r.SetBy)
	}
}

func TestIdPFamilyGoogle(t *testing.T) {
	a := newOIDCApp("wiki.kestrel-labs.example")
	g := "https://accounts.google.com"
	authorize := g + "/o/oauth2/v2/auth?client_id=902145558374-b1n4v7c0x3z6l9k2j5h8g1f4d7s0a3p6.apps.googleusercontent.com&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid%20email&state=" + a.state
	identifier := g + "/v3/signin/identifier?opparams=%253Fredirect_uri&dsh=S-1795325142%3A1780393800000000&flowName=GeneralOAuthFlow"
	rpc := func(id string) string {
		return g + "/v3/signin/_/AccountsSignInUi/data/batchexecute?rpcids=" + id + "&source-path=%2Fv3%2Fsignin%2Fidentifier&f.sid=-7314892735124&bl=boq_identityfrontendauthuiserver&hl=en-GB&_reqid=" + id[:3]
	}
	code := "4/0AVMBsJhQz8Lk2Wn5Xv7Tc1Rb9Yp3Fd6Gs0Hm4Jq8Ku2Zl5Nw7Xe1Vc3Rb6Tf9"
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 302, "document", "Location: "+identifier),
		idp("GET", identifier, 200, "document", "Content-Type: text/html; charset=utf-8",
			"Set-Cookie: __Host-GAPS=1:ZGV2aWNlLXByZWZlcmVuY2Vz; Expires=Fri, 02 Jun 2028 08:30:00 GMT; Path=/; Secure; HttpOnly; Priority=HIGH"),
		idpAsset("https://fonts.gstatic.com/s/googlesans/v58/4UaGrENHsxJlGDuGo1OIlL3Owp4.woff2", "font", "font/woff2"),
		{m: "POST", u: "https://play.google.com/log?format=json&hasfast=true&authuser=0", st: 200, dest: "empty", site: "cross-site", mime: "application/json",
			kind: KindOther, steps: none, phase: PhaseLogin},
		idp("POST", rpc("V1UmUe"), 200, "empty"),
		idp("GET", g+"/v3/signin/challenge/pwd?TL=AO-GBTnq&checkConnection=youtube%3A210&flowName=GeneralOAuthFlow", 200, "document", "Content-Type: text/html; charset=utf-8"),
		idp("POST", rpc("B4hajb"), 200, "empty"),
		idp("POST", rpc("B4hajb"), 200, "empty",
			"Set-Cookie: SID=g.a000xxsession; Domain=.google.com; Expires=Sat, 02 Jun 2028 08:30:00 GMT; Path=/; Priority=HIGH"),
		idp("GET", g+"/accounts/SetSID?ssdc=1&sidt=ALWU2ctX&continue=https%3A%2F%2Faccounts.google.com%2Fsignin%2Foauth%2Fconsent", 302, "document",
			"Location: "+g+"/signin/oauth/consent?authuser=0&part=AJi8hAN&flowName=GeneralOAuthFlow"),
		idp("GET", g+"/signin/oauth/consent?authuser=0&part=AJi8hAN&flowName=GeneralOAuthFlow", 302, "document",
			"Location: "+a.origin+"/oauth2/idpresponse?state="+a.state+"&code="+code+"&scope=email%20openid&authuser=0&prompt=none"),
		a.callback("state=" + a.state + "&code=" + code + "&scope=email%20openid&authuser=0&prompt=none"),
	}
	xs = append(xs, a.app()...)
	// Google publishes no end-session endpoint: the application sends the
	// browser to /Logout with a continue URL through appengine's logout.
	appengine := "https://appengine.google.com/_ah/logout?continue=" + a.landingURL()
	end := g + "/Logout?continue=" + strings.ReplaceAll(strings.ReplaceAll(appengine, ":", "%3A"), "/", "%2F")
	xs = append(xs, a.logout(end),
		idpLogout(end, 302, "Location: "+appengine, "Set-Cookie: SID=EXPIRED; Domain=.google.com; Expires=Mon, 01-Jan-1990 00:00:00 GMT; Path=/"),
		idpLogout(appengine, 302, "Location: "+a.origin+"/signed-out"),
		a.landing(""))
	f := checkOIDC(t, xs, "accounts.google.com", []string{code, a.state, "ZGV2aWNlLXByZWZlcmVuY2Vz"}, nil, CodeLoginFailed)
	if x := kitFinding(t, f, CodeLoginFailed); len(x.Entries) != 1 || x.Entries[0] != 7 {
		t.Errorf("login-failed names %v, want the first password call #7 (not the account lookup #5, another rpcids)", x.Entries)
	}
}

// TestOIDCNoWrongPassword: a JSON call refused with a 4xx that is no
// password (Okta's identify for an unknown step) and a sign-in that never
// succeeds after it are no login-failed.
func TestOIDCRefusalWithoutLaterSuccess(t *testing.T) {
	a := newOIDCApp("helpdesk.acme-corp.example")
	okta := "https://acme-corp.okta.com"
	authorize := okta + "/oauth2/default/v1/authorize?client_id=0oa4d8s1n6VbXq2Zk5d7&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid&state=" + a.state
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 200, "document"),
		idp("POST", okta+"/idp/idx/introspect", 200, "empty"),
		idp("POST", okta+"/idp/idx/identify", 200, "empty"),
		idp("POST", okta+"/idp/idx/challenge/answer", 401, "empty"),
		idp("POST", okta+"/idp/idx/challenge/answer", 401, "empty"),
	}
	b, truth := newKit(xs...).devtools()
	checkTruth(t, classifyBytes(t, b), truth)
}

// TestOIDCAdvice: with an OIDC IdP the causes and fixes name what that IdP
// has, not Cognito's: an Okta session still valid after a logout that
// skipped the IdP (silent-reauth) is ended at the IdP's end-session
// endpoint with id_token_hint and post_logout_redirect_uri, not Cognito's
// /logout with client_id and logout_uri; an error the IdP sends back
// (idp-error) is fixed in the application registered at the IdP, not in a
// Cognito app client.
func TestOIDCAdvice(t *testing.T) {
	a := newOIDCApp("helpdesk.acme-corp.example")
	okta := "https://acme-corp.okta.com"
	authorize := okta + "/oauth2/default/v1/authorize?client_id=0oa4d8s1n6VbXq2Zk5d7&redirect_uri=" + a.redirectURI() + "&response_type=code&scope=openid&state=" + a.state
	back := func(code string) kx {
		return idp("GET", okta+"/login/token/redirect?stateToken=02.id.TXTH42Vzb2BrXpPq9w8e7r6t5y4u3i2o1pAsDfGhJkL", 302, "document",
			"Location: "+a.origin+"/oauth2/idpresponse?code="+code+"&state="+a.state)
	}
	again := a.authRedirect("/", authorize)
	again.cookie = "AWSALBAuthNonce=" + a.nonce
	silent := idp("GET", authorize, 302, "document", "Location: "+a.origin+"/oauth2/idpresponse?code=Zq9rT4vW2xY7&state="+a.state)
	silent.site = "cross-site"
	xs := []kx{
		a.authRedirect("/", authorize),
		idp("GET", authorize, 200, "document", "Content-Type: text/html;charset=utf-8"),
		idp("POST", okta+"/idp/idx/identify", 200, "empty", "Content-Type: application/ion+json; okta-version=1.0.0"),
		back("mQ1rgwvhgO4ce7FNrnvCkJ0yLZ"),
		a.callback("code=mQ1rgwvhgO4ce7FNrnvCkJ0yLZ&state=" + a.state),
		a.app()[0],
		{u: a.origin + "/logout", st: 302, cookie: a.signedIn(), kind: KindLogout, steps: s911, phase: PhaseLogout,
			resp: []string{"Location: " + a.origin + "/signed-out", "Set-Cookie: AWSELBAuthSessionCookie-0=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly"}},
		{u: a.origin + "/signed-out", st: 200, cookie: "AWSALBAuthNonce=" + a.nonce, kind: KindApp, steps: none, phase: PhaseApp},
		again,
		silent,
		a.callback("code=Zq9rT4vW2xY7&state=" + a.state),
		a.app()[0],
	}
	b, truth := newKit(xs...).devtools()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, CodeSilentReauth)
	msg := kitFinding(t, f, CodeSilentReauth).Message
	for _, w := range []string{"acme-corp.okta.com", "end-session endpoint (id_token_hint and post_logout_redirect_uri)", "never called the IdP's end-session endpoint"} {
		if !strings.Contains(msg, w) {
			t.Errorf("silent-reauth lacks %q: %s", w, msg)
		}
	}
	for _, w := range []string{"cognito", "Cognito", "logout_uri)", "app client"} {
		if strings.Contains(msg, w) {
			t.Errorf("silent-reauth says %q: %s", w, msg)
		}
	}

	// The IdP refuses the client: error=invalid_client back at the callback.
	refused := idp("GET", authorize, 302, "document", "Location: "+a.origin+"/oauth2/idpresponse?error=invalid_client&state="+a.state)
	cb := a.callback("error=invalid_client&state=" + a.state)
	cb.st, cb.resp, cb.steps = 401, []string{"Server: awselb/2.0"}, []int{3}
	b, truth = newKit(a.authRedirect("/", authorize), refused, cb).devtools()
	f = classifyBytes(t, b)
	if !slices.Contains(codes(f), CodeIdPError) {
		t.Fatalf("findings %v, want idp-error", codes(f))
	}
	msg = kitFinding(t, f, CodeIdPError).Message
	if !strings.Contains(msg, "invalid_client") || !strings.Contains(msg, "from the IdP") || strings.Contains(msg, "Cognito") || strings.Contains(msg, "app client") {
		t.Errorf("idp-error for an OIDC IdP: %s", msg)
	}
}

// TestOIDCErrorAdvice: every idp-error cause and fix, said for an OIDC IdP,
// speaks of the application registered at the IdP and never of Cognito.
func TestOIDCErrorAdvice(t *testing.T) {
	codes := []string{""}
	for c := range idpErrorAdvice {
		codes = append(codes, c)
	}
	for _, c := range codes {
		var list []string
		if c != "" {
			list = []string{c}
		}
		msg := idpErrorMessage(list, "#3", true)
		if strings.Contains(msg, "Cognito") || strings.Contains(msg, "app client") || strings.Contains(msg, "at the IdP at the IdP") {
			t.Errorf("%q: %s", c, msg)
		}
		if cognito := idpErrorMessage(list, "#3", false); c == "redirect_mismatch" && !strings.Contains(cognito, "app client in Cognito") {
			t.Errorf("the Cognito advice changed: %s", cognito)
		}
	}
}
