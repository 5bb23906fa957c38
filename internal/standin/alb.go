package standin

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const sessionCookie = "AWSELBAuthSessionCookie"

// albSession is what the ALB keeps in its (encrypted) session cookie.
type albSession struct {
	Sub         string          `json:"sub"`
	Claims      json.RawMessage `json:"claims"`
	AccessToken string          `json:"at"`
	Refresh     string          `json:"rt"`
	Expires     int64           `json:"exp"`
}

// albState is what the ALB keeps in the state parameter.
type albState struct {
	NonceHash string `json:"n"`
	URI       string `json:"u"`
	Issued    int64  `json:"t"`
}

func (s *StandIn) callbackURL() string { return "https://" + s.opts.AppHost + "/oauth2/idpresponse" }

// albHeaders are the headers of an answer the ALB writes itself.
func albHeaders(w http.ResponseWriter) {
	w.Header().Set("Server", "awselb/2.0")
	w.Header().Set("Cache-Control", "no-cache, no-store")
}

func (s *StandIn) serveALB(w http.ResponseWriter, r *http.Request) {
	seq := s.begin()
	if r.URL.Path == "/oauth2/idpresponse" {
		s.callback(w, r, seq)
		return
	}
	sess, shards := s.albSessionOf(r)
	kind, label := appKind(r.URL.Path)
	if r.URL.Path == "/logged-out" {
		// OnUnauthenticatedRequest: allow. Claims when signed in.
		rec := record{seq: seq, label: "logout-callback", kind: "logout-callback"}
		if !s.takeLogoutURI() {
			// Not reached from the IdP's logout: a page of the app.
			rec.label, rec.kind = "app", "app"
		}
		if sess != nil {
			rec.steps = []int{9, 10, 11}
			rec.note = "allow rule, valid session: forwarded with X-Amzn-Oidc-* headers"
		} else {
			rec.note = "allow rule, no session: forwarded without claims"
		}
		rec.status = s.forward(w, r, sess)
		s.done(r, w.Header(), "alb", rec)
		return
	}
	if sess == nil {
		s.authRedirect(w, r, seq, shards)
		return
	}
	rec := record{seq: seq, label: label, kind: kind, steps: []int{9, 10, 11}, note: "authenticated; forwarded to the target with X-Amzn-Oidc-* headers"}
	rec.status = s.forward(w, r, sess)
	s.done(r, w.Header(), "alb", rec)
}

// appKind is the kind of an application path (the stand-in knows its app).
func appKind(p string) (kind, label string) {
	switch {
	case strings.HasPrefix(p, "/static/") || p == "/favicon.ico":
		return "asset", "asset"
	case strings.HasPrefix(p, "/api/"):
		return "api", "api"
	case p == "/logout":
		return "logout", "logout"
	}
	return "app", "app"
}

// albSessionOf reads and checks the session cookie's shards; shards is
// how many came.
func (s *StandIn) albSessionOf(r *http.Request) (*albSession, int) {
	var b strings.Builder
	shards := 0
	for i := 0; i < 4; i++ {
		c, err := r.Cookie(sessionCookie + "-" + strconv.Itoa(i))
		if err != nil || c.Value == "" {
			break
		}
		shards++
		b.WriteString(c.Value)
	}
	if shards == 0 {
		return nil, 0
	}
	var sess albSession
	if s.open(b.String(), &sess) != nil || time.Now().Unix() >= sess.Expires {
		return nil, shards
	}
	return &sess, shards
}

// authRedirect is steps 1–2: the 302 to the authorize endpoint.
func (s *StandIn) authRedirect(w http.ResponseWriter, r *http.Request, seq, shards int) {
	nonce := randomB64(33)
	h := sha256.Sum256([]byte(nonce))
	state := s.sealURL(albState{NonceHash: b64url(h[:8]), URI: r.URL.RequestURI(), Issued: time.Now().Unix()})
	s.canary(nonce, state)
	loc := hostURL(s.opts.CognitoHost, "/oauth2/authorize?"+query("response_type", "code", "client_id", s.clientID,
		"redirect_uri", s.callbackURL(), "scope", "openid", "state", state))
	albHeaders(w)
	w.Header().Add("Set-Cookie", "AWSALBAuthNonce="+nonce+"; Path=/; Secure; HttpOnly")
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusFound)
	note := "no AWSELBAuthSessionCookie; the ALB answers 302 to the IdP authorization endpoint (step 2)"
	if shards > 0 {
		note = "the session cookie is expired or incomplete; the ALB answers 302 to the IdP authorization endpoint (step 2)"
	}
	s.done(r, w.Header(), "alb", record{seq: seq, status: http.StatusFound, label: "step1", kind: "auth-redirect", steps: []int{1, 2}, note: note})
}

// albError is a page the ALB writes itself.
func (s *StandIn) albError(w http.ResponseWriter, status int) {
	albHeaders(w)
	text := http.StatusText(status)
	if status == 561 {
		text = "Unauthorized"
	}
	body := fmt.Sprintf("<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n</body>\r\n</html>\r\n", status, text, status, text)
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// callback is /oauth2/idpresponse: steps 3–8.
func (s *StandIn) callback(w http.ResponseWriter, r *http.Request, seq int) {
	q := r.URL.Query()
	rec := record{seq: seq, label: "step3+8", kind: "callback", steps: []int{3}}
	fail := func(status int, note string) {
		s.albError(w, status)
		rec.status, rec.note = status, note
		s.done(r, w.Header(), "alb", rec)
	}
	if q.Get("error") != "" {
		fail(561, "the IdP sent error="+q.Get("error")+" instead of a code")
		return
	}
	var st albState
	if q.Get("code") == "" || q.Get("state") == "" || s.open(q.Get("state"), &st) != nil {
		fail(http.StatusUnauthorized, "code or state missing or not the ALB's (AuthMissingCodeParam / AuthInvalidStateParam)")
		return
	}
	nc, err := r.Cookie("AWSALBAuthNonce")
	if err != nil {
		fail(http.StatusUnauthorized, "no AWSALBAuthNonce cookie (AuthMissingAWSALBAuthNonce)")
		return
	}
	if h := sha256.Sum256([]byte(nc.Value)); b64url(h[:8]) != st.NonceHash {
		fail(http.StatusUnauthorized, "AWSALBAuthNonce does not match the state (AuthInvalidAWSALBAuthNonce)")
		return
	}
	if s.opts.LoginTimeout < 0 || time.Since(time.Unix(st.Issued, 0)) > s.opts.LoginTimeout {
		fail(http.StatusUnauthorized, "the client login timeout passed between the redirect and the callback")
		return
	}

	// Steps 4–5: redeem the code at the token endpoint.
	form := url.Values{"grant_type": {"authorization_code"}, "client_id": {s.clientID}, "code": {q.Get("code")}, "redirect_uri": {s.callbackURL()}}
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, hostURL(s.opts.CognitoHost, "/oauth2/token"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(s.clientID, s.secret)
	if s.opts.IdPUnreachable {
		s.backChannel(BackChannel{During: seq, Caller: "alb", Method: "POST", URL: hostURL(s.opts.CognitoHost, "/oauth2/token"), Status: 0, AWSSteps: []int{4}, Note: "ALB -> Cognito token endpoint: connection timed out (AuthTokenEpRequestTimeout)"})
		rec.steps = []int{3, 4}
		fail(http.StatusInternalServerError, "the ALB could not reach the token endpoint")
		return
	}
	var tok struct {
		IDToken      string `json:"id_token"`
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		Error        string `json:"error"`
	}
	status, err := s.backCall(req, &tok)
	s.backChannel(BackChannel{During: seq, Caller: "alb", Method: "POST", URL: hostURL(s.opts.CognitoHost, "/oauth2/token"), Status: status, AWSSteps: []int{4, 5}, Note: "ALB -> Cognito token endpoint (authorization_code grant)"})
	if err != nil || status != http.StatusOK || tok.AccessToken == "" {
		rec.steps = []int{3, 4, 5}
		note := "the token endpoint refused the code"
		if tok.Error != "" {
			note += " (" + tok.Error + ", AuthInvalidGrantError)"
		}
		fail(561, note)
		return
	}

	// Steps 6–7: the user's claims.
	req, _ = http.NewRequestWithContext(r.Context(), http.MethodGet, hostURL(s.opts.CognitoHost, "/oauth2/userInfo"), nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	var claims json.RawMessage
	status, err = s.backCall(req, &claims)
	s.backChannel(BackChannel{During: seq, Caller: "alb", Method: "GET", URL: hostURL(s.opts.CognitoHost, "/oauth2/userInfo"), Status: status, AWSSteps: []int{6, 7}, Note: "ALB -> Cognito userInfo endpoint"})
	if err != nil || status != http.StatusOK {
		rec.steps = []int{3, 4, 5, 6, 7}
		fail(http.StatusInternalServerError, "the userInfo endpoint failed")
		return
	}
	size := len(claims) + len(tok.AccessToken)
	rec.steps = []int{3, 4, 5, 6, 7}
	if size > claimsLimit {
		fail(http.StatusInternalServerError, fmt.Sprintf("claims + access token = %d bytes, over the 11K limit (ELBAuthUserClaimsSizeExceeded)", size))
		return
	}
	var sub struct {
		Sub string `json:"sub"`
	}
	json.Unmarshal(claims, &sub)

	// Step 8: the session cookie, in shards, and back to the original URL.
	value := s.seal(albSession{Sub: sub.Sub, Claims: claims, AccessToken: tok.AccessToken, Refresh: tok.RefreshToken, Expires: time.Now().Add(s.opts.SessionTimeout).Unix()})
	s.canary(value)
	albHeaders(w)
	n := 0
	for i := 0; i < len(value); i += shardLimit {
		part := value[i:min(i+shardLimit, len(value))]
		s.canary(part)
		w.Header().Add("Set-Cookie", fmt.Sprintf("%s-%d=%s; Expires=%s; Path=/; Secure; HttpOnly", sessionCookie, n, part, time.Now().Add(7*24*time.Hour).UTC().Format(http.TimeFormat)))
		n++
	}
	w.Header().Set("Location", hostURL(s.opts.AppHost, st.URI))
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusFound)
	rec.status, rec.steps = http.StatusFound, []int{3, 4, 5, 6, 7, 8}
	rec.note = fmt.Sprintf("code redeemed over the back channel (token + userInfo); claims + access token = %d bytes; session cookie of %d bytes in %d shard(s); 302 to the original URI", size, len(value), n)
	s.done(r, w.Header(), "alb", rec)
}

// backCall makes a back-channel request and decodes its JSON answer.
func (s *StandIn) backCall(req *http.Request, v any) (int, error) {
	resp, err := s.back.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, json.Unmarshal(b, v)
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// forward is steps 9–11: the request to the target with the claims
// headers (when signed in), and stickiness cookies on the way back.
func (s *StandIn) forward(w http.ResponseWriter, r *http.Request, sess *albSession) int {
	target, _ := url.Parse(s.app.URL)
	var oidc map[string]string
	if sess != nil {
		var claims map[string]any
		json.Unmarshal(sess.Claims, &claims)
		exp := time.Now().Add(2 * time.Minute).Unix()
		data := s.albJWT(claims, exp)
		s.jwtCanary(data)
		oidc = map[string]string{"X-Amzn-Oidc-Accesstoken": sess.AccessToken, "X-Amzn-Oidc-Identity": sess.Sub, "X-Amzn-Oidc-Data": data}
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			pr.Out.Host = r.Host
			for name := range pr.Out.Header {
				if strings.HasPrefix(strings.ToLower(name), "x-amzn-oidc-") {
					pr.Out.Header.Del(name) // a client cannot forge them
				}
			}
			for k, v := range oidc {
				pr.Out.Header.Set(k, v)
			}
			pr.Out.Header.Set("X-Forwarded-Proto", "https")
			pr.Out.Header.Set("X-Forwarded-Port", "443")
			pr.Out.Header.Set("X-Amzn-Trace-Id", "Root=1-"+strconv.FormatInt(time.Now().Unix(), 16)+"-"+randomHex(12))
		},
		ModifyResponse: func(resp *http.Response) error {
			if !s.opts.NoStickiness {
				v := randomB64(96)
				s.canary(v)
				exp := time.Now().Add(7 * 24 * time.Hour).UTC().Format(http.TimeFormat)
				resp.Header.Add("Set-Cookie", "AWSALB="+v+"; Expires="+exp+"; Path=/")
				resp.Header.Add("Set-Cookie", "AWSALBCORS="+v+"; Expires="+exp+"; Path=/; SameSite=None; Secure")
			}
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) { s.albError(w, http.StatusBadGateway) },
	}
	sw := &statusWriter{ResponseWriter: w}
	proxy.ServeHTTP(sw, r)
	return sw.status
}

// takeLogoutURI reports (and forgets) that Cognito's /logout just sent
// the browser to the logout landing page.
func (s *StandIn) takeLogoutURI() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	was := s.pendingLogout
	s.pendingLogout = false
	return was
}

func randomHex(n int) string { return fmt.Sprintf("%x", randomBytes(n)) }

// randomB64 is n random bytes in standard base64.
func randomB64(n int) string {
	return strings.TrimRight(base64.StdEncoding.EncodeToString(randomBytes(n)), "=")
}
