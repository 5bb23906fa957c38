package standin

import (
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// cognitoHeaders are the headers every hosted-UI answer carries.
func cognitoHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
	h.Set("Expires", "0")
	h.Set("Pragma", "no-cache")
	h.Set("Server", "Server")
	h.Set("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains")
	h.Set("X-Amz-Cognito-Request-Id", newUUID())
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Xss-Protection", "1; mode=block")
}

func (s *StandIn) registeredCallback() string {
	if s.opts.CallbackMismatch {
		// Registered with a capital letter: Cognito compares exactly.
		return "https://" + s.opts.AppHost + "/oauth2/idpResponse"
	}
	return s.callbackURL()
}

func (s *StandIn) logoutURI() string { return "https://" + s.opts.AppHost + "/logged-out" }

func (s *StandIn) serveCognito(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/oauth2/token":
		s.token(w, r)
		return
	case "/oauth2/userInfo":
		s.userInfo(w, r)
		return
	}
	seq := s.begin()
	cognitoHeaders(w)
	rec := record{seq: seq, label: "idp", kind: "idp"}
	switch r.URL.Path {
	case "/oauth2/authorize":
		rec.label = "step2"
		rec.status, rec.note = s.authorize(w, r)
	case "/login":
		rec.status, rec.note = s.login(w, r)
	case "/logout":
		rec.label, rec.kind = "idp-logout", "idp-logout"
		rec.status, rec.note = s.logout(w, r)
	case "/error":
		rec.label = "error"
		rec.status, rec.note = s.errorPage(w, r), "Cognito's error page"
	case "/favicon.ico":
		rec.label, rec.kind = "asset", "asset"
		w.Header().Set("Content-Type", "image/x-icon")
		w.Header().Set("Cache-Control", "max-age=86400")
		w.Write(favicon)
		rec.status, rec.note = http.StatusOK, "the hosted UI's favicon"
	default:
		http.NotFound(w, r)
		rec.status, rec.note = http.StatusNotFound, "not a hosted UI path"
	}
	s.done(r, w.Header(), "cognito", rec)
}

// redirect writes a 302 with a small HTML body, as Cognito does.
func redirect(w http.ResponseWriter, loc string) {
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusFound)
	io.WriteString(w, `<a href="`+html.EscapeString(loc)+`">Found</a>.`+"\n")
}

func setCookie(w http.ResponseWriter, line string) { w.Header().Add("Set-Cookie", line) }

func (s *StandIn) authorize(w http.ResponseWriter, r *http.Request) (int, string) {
	q := r.URL.Query()
	if q.Get("client_id") != s.clientID {
		return s.toError(w, "invalid_request", "unknown client_id")
	}
	if q.Get("redirect_uri") != s.registeredCallback() {
		return s.toError(w, "redirect_mismatch", "redirect_uri is not a callback URL of the app client")
	}
	if q.Get("response_type") != "code" {
		return s.toError(w, "unsupported_response_type", "response_type must be code")
	}
	if c, err := r.Cookie("cognito"); err == nil {
		if user, ok := s.cognitoSessionUser(strings.Trim(c.Value, `"`)); ok {
			loc := s.issueCode(user, q.Get("redirect_uri"), q.Get("state"))
			redirect(w, loc)
			return http.StatusFound, "a valid Cognito session cookie: straight back to redirect_uri with a code, no sign-in page (silent re-authentication)"
		}
	}
	xsrf, state := newUUID(), randomAlnum(32)
	s.canary(xsrf, state)
	setCookie(w, "XSRF-TOKEN="+xsrf+"; Path=/; Secure; HttpOnly; SameSite=Lax")
	setCookie(w, "csrf-state="+state+"; Path=/; Secure; HttpOnly; SameSite=None")
	setCookie(w, "csrf-state-legacy="+state+"; Path=/; Secure; HttpOnly")
	redirect(w, "/login?"+r.URL.RawQuery)
	return http.StatusFound, "no Cognito session: 302 to the hosted UI /login"
}

func (s *StandIn) toError(w http.ResponseWriter, code, note string) (int, string) {
	redirect(w, "/error?"+query("error", code, "client_id", s.clientID))
	return http.StatusFound, "302 to /error?error=" + code + ": " + note
}

func (s *StandIn) errorPage(w http.ResponseWriter, r *http.Request) int {
	msg := "An error was encountered with the requested page."
	if r.URL.Query().Get("error") == "redirect_mismatch" {
		msg = "redirect_mismatch"
	}
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(http.StatusBadRequest)
	io.WriteString(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><div class="modal-content"><h1>An error was encountered with the requested page.</h1><p id="errorMessage">`+html.EscapeString(msg)+`</p></div></body></html>`)
	return http.StatusBadRequest
}

func (s *StandIn) cognitoSessionUser(v string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[v]
	if !ok || time.Now().After(sess.expires) {
		return "", false
	}
	return sess.user, true
}

// issueCode makes a single-use code and returns the redirect to
// redirect_uri with it.
func (s *StandIn) issueCode(user, redirectURI, state string) string {
	code := newUUID()
	s.mu.Lock()
	s.codes[code] = &authCode{user: user, redirectURI: redirectURI, issued: time.Now()}
	s.addCanary(code)
	s.mu.Unlock()
	sep := "?"
	if strings.Contains(redirectURI, "?") {
		sep = "&"
	}
	return redirectURI + sep + query("code", code, "state", state)
}

func (s *StandIn) login(w http.ResponseWriter, r *http.Request) (int, string) {
	q := r.URL.Query()
	if q.Get("client_id") != s.clientID || q.Get("redirect_uri") != s.registeredCallback() {
		return s.toError(w, "invalid_request", "the sign-in page needs the app client's parameters")
	}
	xsrf := ""
	if c, err := r.Cookie("XSRF-TOKEN"); err == nil {
		xsrf = c.Value
	}
	if r.Method == http.MethodGet {
		if xsrf == "" {
			xsrf = newUUID()
			s.canary(xsrf)
			setCookie(w, "XSRF-TOKEN="+xsrf+"; Path=/; Secure; HttpOnly; SameSite=Lax")
		}
		s.loginPage(w, r, xsrf, "")
		return http.StatusOK, "the hosted UI sign-in page"
	}
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return http.StatusMethodNotAllowed, "not GET or POST"
	}
	if err := r.ParseForm(); err != nil || xsrf == "" || r.PostForm.Get("_csrf") != xsrf {
		w.WriteHeader(http.StatusForbidden)
		return http.StatusForbidden, "the form's _csrf does not match the XSRF-TOKEN cookie"
	}
	if r.PostForm.Get("username") != s.opts.User || r.PostForm.Get("password") != s.opts.Password {
		if p := r.PostForm.Get("password"); p != "" {
			s.canary(p) // a wrong password is a secret too
		}
		s.loginPage(w, r, xsrf, "Incorrect username or password.")
		return http.StatusOK, "hosted UI sign-in form post: wrong password, 200 with an error message"
	}
	sessionValue := cognitoCookie()
	fl := base64.StdEncoding.EncodeToString([]byte(`["` + randomAlnum(22) + `"]`))
	s.mu.Lock()
	s.sessions[sessionValue] = &cognitoSession{user: s.opts.User, expires: time.Now().Add(time.Hour)}
	s.addCanary(sessionValue)
	s.addCanary(fl)
	s.mu.Unlock()
	exp := time.Now().Add(time.Hour).UTC().Format("Mon, 02-Jan-2006 15:04:05 GMT")
	setCookie(w, `cognito="`+sessionValue+`"; Version=1; Domain=`+s.opts.CognitoHost+`; Max-Age=3600; Expires=`+exp+`; Path=/; Secure; HttpOnly; SameSite=Lax`)
	setCookie(w, `cognito-fl="`+fl+`"; Version=1; Domain=`+s.opts.CognitoHost+`; Max-Age=3600; Expires=`+exp+`; Path=/; Secure; HttpOnly`)
	redirect(w, s.issueCode(s.opts.User, q.Get("redirect_uri"), q.Get("state")))
	return http.StatusFound, "hosted UI sign-in form post: success, 302 to the ALB's /oauth2/idpresponse with a code (step 3 follows)"
}

func (s *StandIn) logout(w http.ResponseWriter, r *http.Request) (int, string) {
	q := r.URL.Query()
	if q.Get("client_id") != s.clientID || q.Get("logout_uri") != s.logoutURI() {
		return s.toError(w, "invalid_request", "logout_uri is not a sign-out URL of the app client")
	}
	if c, err := r.Cookie("cognito"); err == nil {
		s.mu.Lock()
		delete(s.sessions, strings.Trim(c.Value, `"`))
		s.mu.Unlock()
	}
	past := "Thu, 01-Jan-1970 00:00:10 GMT"
	setCookie(w, `cognito=""; Version=1; Domain=`+s.opts.CognitoHost+`; Max-Age=0; Expires=`+past+`; Path=/; Secure; HttpOnly`)
	setCookie(w, `cognito-fl=""; Version=1; Domain=`+s.opts.CognitoHost+`; Max-Age=0; Expires=`+past+`; Path=/; Secure; HttpOnly`)
	s.mu.Lock()
	s.pendingLogout = true
	s.mu.Unlock()
	redirect(w, q.Get("logout_uri"))
	return http.StatusFound, "Cognito /logout: ends the Cognito session, 302 to logout_uri"
}

// token is the token endpoint (back channel: not labelled as a browser
// request).
func (s *StandIn) token(w http.ResponseWriter, r *http.Request) {
	cognitoHeaders(w)
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	id, secret, ok := r.BasicAuth()
	if r.Method != http.MethodPost || !ok || id != s.clientID || secret != s.secret || r.ParseForm() != nil {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"invalid_client"}`)
		return
	}
	code := r.PostForm.Get("code")
	s.mu.Lock()
	c, found := s.codes[code]
	valid := found && !c.used && time.Since(c.issued) < 5*time.Minute && c.redirectURI == r.PostForm.Get("redirect_uri")
	if found {
		c.used = true
	}
	s.mu.Unlock()
	if !valid || s.opts.TokenError || r.PostForm.Get("grant_type") != "authorization_code" {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"invalid_grant"}`)
		return
	}
	now := time.Now()
	sub := s.subOf(c.user)
	iss := "https://cognito-idp." + region + ".amazonaws.com/" + s.poolID
	access := rs256(map[string]any{"sub": sub, "iss": iss, "version": 2, "client_id": s.clientID, "origin_jti": newUUID(),
		"token_use": "access", "scope": "openid", "auth_time": now.Unix(), "exp": now.Add(time.Hour).Unix(), "iat": now.Unix(), "jti": newUUID(), "username": c.user})
	idTok := rs256(map[string]any{"at_hash": b64url(randomBytes(16)), "sub": sub, "email_verified": true, "iss": iss, "cognito:username": c.user,
		"origin_jti": newUUID(), "aud": s.clientID, "token_use": "id", "auth_time": now.Unix(), "exp": now.Add(time.Hour).Unix(), "iat": now.Unix(), "jti": newUUID(), "email": c.user + "@example.com"})
	refresh := "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ." + b64url(randomBytes(256)) + "." + b64url(randomBytes(12)) + "." + b64url(randomBytes(600)) + "." + b64url(randomBytes(16))
	for _, t := range []string{access, idTok, refresh} {
		s.jwtCanary(t)
	}
	s.mu.Lock()
	s.tokens[access] = &tokenSet{user: c.user}
	s.mu.Unlock()
	json.NewEncoder(w).Encode(map[string]any{"id_token": idTok, "access_token": access, "refresh_token": refresh, "expires_in": 3600, "token_type": "Bearer"})
}

// subOf is a user's stable subject.
func (s *StandIn) subOf(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs == nil {
		s.subs = map[string]string{}
	}
	if s.subs[user] == "" {
		s.subs[user] = newUUID()
	}
	return s.subs[user]
}

func (s *StandIn) userInfo(w http.ResponseWriter, r *http.Request) {
	cognitoHeaders(w)
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	ts := s.tokens[tok]
	s.mu.Unlock()
	if !ok || ts == nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"invalid_token","error_description":"Access token is expired, disabled, or deleted, or the user has globally signed out."}`)
		return
	}
	claims := map[string]any{"sub": s.subOf(ts.user), "email_verified": "true", "email": ts.user + "@example.com", "username": ts.user, "name": "Alice Martin", "custom:base_currency": "EUR"}
	if n := s.opts.ClaimBytes; n > 0 {
		// Group names, as a directory sync fills them in.
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("grp-finance-emea-" + strconv.Itoa(i))
		}
		claims["custom:groups"] = b.String()
	}
	json.NewEncoder(w).Encode(claims)
}
