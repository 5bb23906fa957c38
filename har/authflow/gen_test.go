package authflow

// This file generates the synthetic captures in testdata/gen: a small
// simulator of a browser, an ALB with an authenticate-cognito rule, the
// Cognito hosted UI, a federated IdP and an application plays each
// scenario and writes what Playwright's recordHar would have recorded (full
// variant) and what Chrome's "Export HAR (sanitized)" leaves of it (no
// Cookie, Set-Cookie or Authorization headers, empty cookie arrays), with
// ground-truth labels taken from the simulator's own state (which cookie
// was valid, who answered), not from the URLs. Secrets are made-up values
// from a seeded generator ("gen-code-…"); no capture is real.
//
//	go test ./har/authflow -run TestGenerated -update   # rewrite testdata/gen

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/url"
	"strings"
	"time"
)

type genLabel struct {
	Index    int    `json:"index"`
	Method   string `json:"method"`
	URL      string `json:"url"`
	Status   int    `json:"status"`
	Kind     string `json:"kind"`
	Phase    string `json:"phase"`
	AWSSteps []int  `json:"aws_steps"`
	Note     string `json:"note"`
}

type genLabels struct {
	HAR         string     `json:"har"`
	Variant     string     `json:"variant"`
	Description string     `json:"description"`
	Entries     []genLabel `json:"entries"`
	Expected    []string   `json:"expected_findings"`
	Forbidden   []string   `json:"forbidden_findings"`
	May         []string   `json:"may_findings"`
	Canaries    []string   `json:"canaries"`
}

type jarCookie struct {
	name, value string
}

type gen struct {
	name, description string
	t                 time.Time
	rnd               *rand.Rand
	entries           []map[string]any
	labels            []genLabel
	jar               map[string][]jarCookie
	canaries          []string
	expected, may     []string

	app, idp, fed string
	clientID      string
	sessionName   string
	shards        int  // shards of the ALB session cookie
	shardSize     int  // bytes of each full shard
	albExpired    bool // the ALB session timed out (cookie still sent)
	nonceLost     bool // the AWSALBAuthNonce cookie does not come back
	cookieBlocked bool // the browser drops the ALB session cookie
	insecureApp   bool // the application sets JSESSIONID without Secure/HttpOnly
	appCookies    int  // extra application cookies of 1 KB each
	phase         string
	origin        string // path the ALB will send the browser back to
	lastCode      string
	page          string // URL of the current page (referer)
}

func newGen(name, description string, seed int64) *gen {
	return &gen{
		name: name, description: description,
		t:   time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC),
		rnd: rand.New(rand.NewSource(seed)), jar: map[string][]jarCookie{},
		app: "shop.example.org", idp: "shop-auth.auth.us-east-1.amazoncognito.com", fed: "login.corp-idp.example.net",
		clientID: "5gen0client0id0example0abc", sessionName: "AWSELBAuthSessionCookie", shards: 1, shardSize: 1800,
		phase: "login", origin: "/",
	}
}

// secret makes up a secret value and remembers it as a canary.
func (g *gen) secret(prefix string, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var b strings.Builder
	b.WriteString(prefix)
	for b.Len() < n {
		b.WriteByte(alphabet[g.rnd.Intn(len(alphabet))])
	}
	s := b.String()
	g.canaries = append(g.canaries, s)
	return s
}

type genReq struct {
	method, url, resType string
	form                 []string // form field names (values are made up)
}

type genResp struct {
	status     int
	mime       string
	location   string
	setCookies []string
	server     string
	failed     string // _error text of a request that got no response
	size       int
}

func (g *gen) cookieHeader(host string) string {
	var parts []string
	for _, c := range g.jar[host] {
		parts = append(parts, c.name+"="+c.value)
	}
	return strings.Join(parts, "; ")
}

func (g *gen) hasSession(host string) bool {
	for _, c := range g.jar[host] {
		if strings.HasPrefix(c.name, g.sessionName+"-") && c.value != "" {
			return true
		}
	}
	return false
}

// validSession: the ALB accepts the request as authenticated.
func (g *gen) validSession() bool { return g.hasSession(g.app) && !g.albExpired }

func (g *gen) applySetCookie(host, line string) {
	sc, ok := parseSetCookie(line, g.t)
	if !ok {
		return
	}
	name, val, _ := strings.Cut(strings.Split(line, ";")[0], "=")
	if g.cookieBlocked && strings.HasPrefix(name, g.sessionName) {
		return
	}
	cs := g.jar[host]
	for i, c := range cs {
		if c.name == name {
			cs = append(cs[:i], cs[i+1:]...)
			break
		}
	}
	if !sc.expired {
		cs = append(cs, jarCookie{name, val})
	}
	g.jar[host] = cs
}

func accept(resType string) string {
	switch resType {
	case "document":
		return "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	case "stylesheet":
		return "text/css,*/*;q=0.1"
	case "image":
		return "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
	case "fetch", "xhr":
		return "application/json"
	}
	return "*/*"
}

func dest(resType string) (string, string) {
	switch resType {
	case "document":
		return "document", "navigate"
	case "stylesheet":
		return "style", "no-cors"
	case "script":
		return "script", "no-cors"
	case "image":
		return "image", "no-cors"
	case "font":
		return "font", "cors"
	}
	return "empty", "cors"
}

func nv(name, value string) map[string]any { return map[string]any{"name": name, "value": value} }

// add records one exchange and its label.
func (g *gen) add(rq genReq, rs genResp, kind string, steps []int, phase, note string) int {
	u, _ := url.Parse(rq.url)
	host := u.Host
	g.t = g.t.Add(time.Duration(20+g.rnd.Intn(400)) * time.Millisecond)
	var hdrs []map[string]any
	hdrs = append(hdrs, nv("accept", accept(rq.resType)), nv("accept-language", "en-GB"))
	cookieHdr := g.cookieHeader(host)
	var reqCookies []map[string]any
	if cookieHdr != "" {
		hdrs = append(hdrs, nv("cookie", cookieHdr))
		for _, c := range g.jar[host] {
			reqCookies = append(reqCookies, nv(c.name, c.value))
		}
	}
	if g.page != "" {
		hdrs = append(hdrs, nv("referer", g.page))
	}
	d, m := dest(rq.resType)
	site := "same-origin"
	if g.page == "" || !strings.Contains(g.page, "//"+host+"/") {
		site = "cross-site"
	}
	hdrs = append(hdrs, nv("sec-fetch-dest", d), nv("sec-fetch-mode", m), nv("sec-fetch-site", site),
		nv("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"))
	var qs []map[string]any
	for k, vs := range u.Query() {
		for _, v := range vs {
			qs = append(qs, nv(k, v))
		}
	}
	sortNV(qs)
	reqSize := 0
	for _, h := range hdrs {
		reqSize += len(h["name"].(string)) + len(h["value"].(string)) + 4
	}
	request := map[string]any{
		"method": rq.method, "url": rq.url, "httpVersion": "HTTP/2.0", "cookies": orEmptyList(reqCookies),
		"headers": hdrs, "queryString": orEmptyList(qs), "headersSize": reqSize + len(rq.url), "bodySize": 0,
	}
	if len(rq.form) > 0 {
		var params []map[string]any
		var body []string
		for _, f := range rq.form {
			v := g.secret("gen-"+f+"-", 24)
			params = append(params, nv(f, v))
			body = append(body, f+"="+url.QueryEscape(v))
		}
		request["postData"] = map[string]any{"mimeType": "application/x-www-form-urlencoded", "params": params, "text": strings.Join(body, "&")}
		request["bodySize"] = len(strings.Join(body, "&"))
	}
	var rh []map[string]any
	var respCookies []map[string]any
	entry := map[string]any{
		"startedDateTime": g.t.Format("2006-01-02T15:04:05.000Z"),
		"request":         request, "cache": map[string]any{}, "_resourceType": rq.resType,
	}
	elapsed := float64(5 + g.rnd.Intn(60))
	if rs.failed != "" {
		entry["response"] = map[string]any{"status": 0, "statusText": "", "httpVersion": "", "cookies": []any{}, "headers": []any{},
			"content": map[string]any{"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1, "bodySize": -1,
			"_failureText": rs.failed}
		entry["_error"] = rs.failed
		elapsed = 1
	} else {
		rh = append(rh, nv("date", g.t.Format(time.RFC1123)))
		if rs.mime != "" {
			rh = append(rh, nv("content-type", rs.mime))
		}
		if rs.location != "" {
			rh = append(rh, nv("location", rs.location))
		}
		if rs.server != "" {
			rh = append(rh, nv("server", rs.server))
		}
		if host == g.idp {
			rh = append(rh, nv("x-amz-cognito-request-id", fmt.Sprintf("%08x-0000-4000-8000-%012x", g.rnd.Uint32(), g.rnd.Int63()&0xffffffffffff)))
		}
		for _, sc := range rs.setCookies {
			rh = append(rh, nv("set-cookie", sc))
			p, _ := parseSetCookie(sc, g.t)
			name, val, _ := strings.Cut(strings.Split(sc, ";")[0], "=")
			c := map[string]any{"name": name, "value": val, "path": p.attrs.Path, "secure": p.attrs.Secure, "httpOnly": p.attrs.HTTPOnly}
			if p.attrs.SameSite != "" {
				c["sameSite"] = p.attrs.SameSite
			}
			if p.expired {
				c["expires"] = g.t.Add(-time.Second).Format("2006-01-02T15:04:05.000Z")
			}
			respCookies = append(respCookies, c)
			g.applySetCookie(host, sc)
		}
		size := rs.size
		entry["response"] = map[string]any{"status": rs.status, "statusText": "", "httpVersion": "HTTP/2.0",
			"cookies": orEmptyList(respCookies), "headers": rh,
			"content":     map[string]any{"size": size, "mimeType": orDefault(rs.mime, "x-unknown")},
			"redirectURL": rs.location, "headersSize": -1, "bodySize": size}
	}
	entry["time"] = elapsed
	entry["timings"] = map[string]any{"blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": elapsed - 1, "receive": 1}
	g.t = g.t.Add(time.Duration(elapsed) * time.Millisecond)
	i := len(g.entries)
	g.entries = append(g.entries, entry)
	if steps == nil {
		steps = []int{}
	}
	status := rs.status
	if rs.failed != "" {
		status = 0
	}
	g.labels = append(g.labels, genLabel{Index: i, Method: rq.method, URL: rq.url, Status: status, Kind: kind, Phase: phase, AWSSteps: steps, Note: note})
	if rq.resType == "document" && rs.failed == "" && !isRedirect(rs.status) {
		g.page = rq.url
	}
	return i
}

func sortNV(xs []map[string]any) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j]["name"].(string) < xs[j-1]["name"].(string); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func orEmptyList(x []map[string]any) []map[string]any {
	if x == nil {
		return []map[string]any{}
	}
	return x
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

var (
	steps12   = []int{1, 2}
	steps3to8 = []int{3, 4, 5, 6, 7, 8}
	steps9_11 = []int{9, 10, 11}
)

func (g *gen) appURL(p string) string { return "https://" + g.app + p }

func (g *gen) authorizeURL(state string) string {
	q := url.Values{}
	q.Set("response_type", "code")
	q.Set("client_id", g.clientID)
	q.Set("redirect_uri", "https://"+g.app+"/oauth2/idpresponse")
	q.Set("scope", "openid")
	q.Set("state", state)
	return "https://" + g.idp + "/oauth2/authorize?" + q.Encode()
}

// visit requests an application URL through the ALB: the page when the
// session is valid, else the ALB's redirect to Cognito (returns true).
func (g *gen) visit(p, resType string) (redirected bool) {
	if g.validSession() {
		g.target(p, resType, 200)
		return false
	}
	state := g.secret("gen-state-", 120)
	nonce := g.secret("gen-nonce-", 44)
	phase := "login"
	if resType == "document" {
		g.phase = "login"
		g.origin = p
	}
	g.add(genReq{method: "GET", url: g.appURL(p), resType: resType},
		genResp{status: 302, location: g.authorizeURL(state), server: "awselb/2.0",
			setCookies: []string{"AWSALBAuthNonce=" + nonce + "; Path=/; Secure; HttpOnly"}},
		"auth-redirect", steps12, phase, "no valid ALB session: 302 to the IdP authorize endpoint")
	if g.nonceLost {
		g.jar[g.app] = nil
	}
	return true
}

// target: the application answers through the ALB.
func (g *gen) target(p, resType string, status int) int {
	kind := map[string]string{"document": "app", "stylesheet": "asset", "script": "asset", "image": "asset", "font": "asset", "fetch": "api", "xhr": "api"}[resType]
	mime := map[string]string{"document": "text/html", "stylesheet": "text/css", "script": "application/javascript", "image": "image/png", "font": "font/woff2", "fetch": "application/json", "xhr": "application/json"}[resType]
	if strings.HasSuffix(p, ".svg") {
		mime = "image/svg+xml"
	}
	var steps []int
	if g.validSession() {
		steps = steps9_11
	}
	var sc []string
	if resType == "document" && status == 200 {
		if !g.hasCookie(g.app, "JSESSIONID") {
			if g.insecureApp {
				sc = append(sc, "JSESSIONID="+g.secret("GENSESS", 32)+"; Path=/")
			} else {
				sc = append(sc, "JSESSIONID="+g.secret("GENSESS", 32)+"; Path=/; Secure; HttpOnly; SameSite=Lax")
			}
			for i := 0; i < g.appCookies; i++ {
				sc = append(sc, fmt.Sprintf("pref%d=%s; Path=/; Secure", i, g.secret("gen-pref-", 1000)))
			}
		}
		alb := g.secret("gen-sticky-", 128)
		sc = append(sc, "AWSALB="+alb+"; Expires="+g.t.Add(7*24*time.Hour).Format(time.RFC1123)+"; Path=/",
			"AWSALBCORS="+alb+"; Expires="+g.t.Add(7*24*time.Hour).Format(time.RFC1123)+"; Path=/; SameSite=None; Secure")
	}
	phase := g.phase
	if kind == "app" {
		phase = "app"
		g.phase = "app"
	}
	if status == 304 {
		mime = ""
	}
	return g.add(genReq{method: "GET", url: g.appURL(p), resType: resType},
		genResp{status: status, mime: mime, setCookies: sc, size: 500 + g.rnd.Intn(5000)}, kind, steps, phase, "forwarded to the target")
}

func (g *gen) hasCookie(host, name string) bool {
	for _, c := range g.jar[host] {
		if c.name == name {
			return true
		}
	}
	return false
}

// authorize: Cognito's authorize endpoint. With a Cognito session it
// answers with a code at once; otherwise it shows the sign-in page.
// Returns the callback URL when a code was issued.
func (g *gen) authorize(authURL, resType string) (callback string, interactive bool) {
	u, _ := url.Parse(authURL)
	q := u.Query()
	phase := "login"
	if resType != "document" {
		g.add(genReq{method: "GET", url: authURL, resType: resType}, genResp{failed: "net::ERR_FAILED"},
			"idp", nil, phase, "the browser follows the redirect with fetch; CORS blocks it")
		return "", false
	}
	if g.hasCookie(g.idp, "cognito") {
		code := g.secret("gen-code-", 36)
		g.lastCode = code
		cb := q.Get("redirect_uri") + "?code=" + code + "&state=" + url.QueryEscape(q.Get("state"))
		g.add(genReq{method: "GET", url: authURL, resType: "document"}, genResp{status: 302, location: cb, mime: "text/html", server: "Server"},
			"idp", nil, phase, "Cognito session still valid: code issued without a sign-in page")
		return cb, false
	}
	login := "https://" + g.idp + "/login?" + u.RawQuery
	xsrf := g.secret("gen-xsrf-", 36)
	cs := g.secret("gen-csrfstate-", 32)
	g.add(genReq{method: "GET", url: authURL, resType: "document"}, genResp{status: 302, location: login, mime: "text/html", server: "Server",
		setCookies: []string{"XSRF-TOKEN=" + xsrf + "; Path=/; Secure; HttpOnly; SameSite=Lax",
			"csrf-state=" + cs + "; Path=/; Secure; HttpOnly; SameSite=None", "csrf-state-legacy=" + cs + "; Path=/; Secure; HttpOnly"}},
		"idp", nil, phase, "no Cognito session: 302 to the hosted UI")
	return login, true
}

// loginPage: the hosted UI sign-in page and its assets.
func (g *gen) loginPage(loginURL string) {
	g.add(genReq{method: "GET", url: loginURL, resType: "document"}, genResp{status: 200, mime: "text/html", server: "Server", size: 3400},
		"idp", nil, "login", "Cognito hosted UI sign-in page")
	g.add(genReq{method: "GET", url: "https://" + g.idp + "/static/css/hosted-ui.css", resType: "stylesheet"}, genResp{status: 200, mime: "text/css", server: "Server", size: 9000},
		"asset", nil, "login", "a file of the hosted UI page")
}

// loginPost posts the sign-in form; ok decides the outcome.
func (g *gen) loginPost(loginURL string, ok bool) string {
	u, _ := url.Parse(loginURL)
	form := []string{"_csrf", "username", "password", "cognitoAsfData", "signInSubmitButton"}
	if !ok {
		g.add(genReq{method: "POST", url: loginURL, resType: "document", form: form}, genResp{status: 200, mime: "text/html", server: "Server", size: 3500},
			"idp", nil, "login", "wrong password: the form again with an error")
		return ""
	}
	code := g.secret("gen-code-", 36)
	g.lastCode = code
	cb := u.Query().Get("redirect_uri") + "?code=" + code + "&state=" + url.QueryEscape(u.Query().Get("state"))
	g.add(genReq{method: "POST", url: loginURL, resType: "document", form: form}, genResp{status: 302, location: cb, server: "Server",
		setCookies: []string{
			`cognito="` + g.secret("gen-cognito-", 300) + `"; Version=1; Domain=` + g.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax`,
			`cognito-fl="W10="; Version=1; Domain=` + g.idp + `; Max-Age=3600; Path=/; Secure; HttpOnly`}},
		"idp", nil, "login", "sign-in accepted: 302 to the ALB callback with a code")
	return cb
}

// callback: the ALB's /oauth2/idpresponse.
func (g *gen) callback(cbURL string, status int) {
	nonceOK := g.hasCookie(g.app, "AWSALBAuthNonce")
	if status == 0 {
		status = 302
		if !nonceOK {
			status = 401
		}
	}
	switch status {
	case 302:
		var sc []string
		for i := 0; i < g.shards; i++ {
			size := g.shardSize
			if i == g.shards-1 && g.shards > 1 {
				size = g.shardSize / 2
			}
			sc = append(sc, fmt.Sprintf("%s-%d=%s; Path=/; Secure; HttpOnly", g.sessionName, i, g.secret("gen-session-", size)))
		}
		g.albExpired = false
		g.add(genReq{method: "GET", url: cbURL, resType: "document"}, genResp{status: 302, location: g.appURL(g.origin), server: "awselb/2.0", setCookies: sc},
			"callback", steps3to8, "login", "code redeemed on the back channel; session cookie set")
	case 401:
		g.add(genReq{method: "GET", url: cbURL, resType: "document"}, genResp{status: 401, mime: "text/html", server: "awselb/2.0", size: 200},
			"callback", []int{3}, "login", "AWSALBAuthNonce missing: 401")
	case 500:
		g.add(genReq{method: "GET", url: cbURL, resType: "document"}, genResp{status: 500, mime: "text/html", server: "awselb/2.0", size: 200},
			"callback", []int{3, 4, 5, 6, 7}, "login", "claims + access token over 11K: 500")
	case 561:
		g.add(genReq{method: "GET", url: cbURL, resType: "document"}, genResp{status: 561, mime: "text/html", server: "awselb/2.0", size: 200},
			"callback", []int{3, 4, 5}, "login", "the token endpoint refused the code (used twice): 561")
	}
}

// signIn runs a whole sign-in from an application URL: redirect, hosted UI
// (wrong passwords first), callback, and the page with its files.
func (g *gen) signIn(p string, wrong int) {
	if !g.visit(p, "document") {
		return
	}
	st := g.labels[len(g.labels)-1]
	loc := g.entries[len(g.entries)-1]["response"].(map[string]any)["redirectURL"].(string)
	_ = st
	next, interactive := g.authorize(loc, "document")
	if interactive {
		g.loginPage(next)
		for i := 0; i < wrong; i++ {
			g.loginPost(next, false)
		}
		next = g.loginPost(next, true)
	}
	g.callback(next, 0)
	if g.validSession() {
		g.appPage(g.origin, 3, 2)
	}
}

var assetNames = []string{"/static/app.css", "/static/app.js", "/static/logo.svg", "/static/font.woff2", "/static/vendor.js", "/static/chart.png"}
var assetTypes = []string{"stylesheet", "script", "image", "font", "script", "image"}

// appPage loads a page of the application with n files and k API calls.
func (g *gen) appPage(p string, n, k int) {
	g.target(p, "document", 200)
	for i := 0; i < n; i++ {
		g.target(assetNames[i%len(assetNames)], assetTypes[i%len(assetTypes)], 200)
	}
	for i := 0; i < k; i++ {
		g.target(fmt.Sprintf("/api/v1/item/%d", g.rnd.Intn(1000)), "fetch", 200)
	}
}

// logout: the application's logout (expiring `expire` session shards and
// JSESSIONID), Cognito's /logout unless skipIdP, then the landing page
// (which expires the shards when expireAtLanding).
func (g *gen) logout(expire int, skipIdP bool, landingExpires bool, landingProtected bool) {
	g.phase = "logout"
	landing := g.appURL("/signed-out")
	var sc []string
	sc = append(sc, "JSESSIONID=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly")
	for i := 0; i < expire; i++ {
		sc = append(sc, fmt.Sprintf("%s-%d=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly", g.sessionName, i))
	}
	loc := landing
	if !skipIdP {
		loc = "https://" + g.idp + "/logout?client_id=" + g.clientID + "&logout_uri=" + url.QueryEscape(landing)
	}
	steps := []int{}
	if g.validSession() {
		steps = steps9_11
	}
	g.add(genReq{method: "GET", url: g.appURL("/logout"), resType: "document"}, genResp{status: 302, location: loc, mime: "text/html", setCookies: sc},
		"logout", steps, "logout", "the application's logout")
	if !skipIdP {
		g.add(genReq{method: "GET", url: loc, resType: "document"}, genResp{status: 302, location: landing, mime: "text/html", server: "Server",
			setCookies: []string{`cognito=""; Version=1; Domain=` + g.idp + `; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/; Secure; HttpOnly`,
				`cognito-fl=""; Version=1; Domain=` + g.idp + `; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/; Secure; HttpOnly`}},
			"idp-logout", nil, "logout", "Cognito /logout ends the Cognito session")
	}
	if landingProtected && !g.validSession() {
		g.visit("/signed-out", "document")
		return
	}
	sc = nil
	if landingExpires {
		for i := 0; i < g.shards; i++ {
			sc = append(sc, fmt.Sprintf("%s-%d=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=-1; Path=/; Secure; HttpOnly", g.sessionName, i))
		}
	}
	steps = []int{}
	if g.validSession() {
		steps = steps9_11
	}
	kind := "logout-callback"
	if skipIdP {
		kind = "app"
	}
	phase := "logout"
	if skipIdP {
		phase = "app"
	}
	g.add(genReq{method: "GET", url: landing, resType: "document"}, genResp{status: 200, mime: "text/html", setCookies: sc, size: 800},
		kind, steps, phase, "the signed-out landing page")
	g.phase = phase
}

// har is the capture as Playwright writes it; sanitized drops every
// Cookie, Set-Cookie and Authorization header and the cookie arrays.
func (g *gen) har(sanitized bool) []byte {
	entries := make([]map[string]any, len(g.entries))
	for i, e := range g.entries {
		b, _ := json.Marshal(e)
		var c map[string]any
		json.Unmarshal(b, &c)
		if sanitized {
			for _, side := range []string{"request", "response"} {
				m := c[side].(map[string]any)
				var keep []any
				for _, h := range m["headers"].([]any) {
					n := strings.ToLower(h.(map[string]any)["name"].(string))
					if n != "cookie" && n != "set-cookie" && n != "authorization" {
						keep = append(keep, h)
					}
				}
				if keep == nil {
					keep = []any{}
				}
				m["headers"] = keep
				m["cookies"] = []any{}
			}
		}
		entries[i] = c
	}
	doc := map[string]any{"log": map[string]any{
		"version": "1.2", "creator": map[string]any{"name": "seqdoc-gen", "version": "1"},
		"browser": map[string]any{"name": "chromium", "version": "156.0.0.0"},
		"pages":   []any{}, "entries": entries,
	}}
	b, _ := json.MarshalIndent(doc, "", " ")
	return append(b, '\n')
}

func (g *gen) labelFile(sanitized bool) []byte {
	l := genLabels{HAR: g.name + ".har", Variant: "full", Description: g.description, Entries: g.labels,
		Expected: append([]string{}, g.expected...), May: append([]string{}, g.may...), Canaries: g.canaries}
	if sanitized {
		l.HAR = g.name + ".sanitized.har"
		l.Variant = "sanitized"
		// Cookie findings cannot be seen without cookies.
		var exp []string
		for _, c := range l.Expected {
			switch c {
			case CodeSessionCookieSharded, CodeCookieAttributes:
				l.May = append(l.May, c)
			default:
				exp = append(exp, c)
			}
		}
		l.Expected = append(exp, CodeSanitizedCapture)
	}
	for _, c := range Codes() {
		if !contains(l.Expected, c) && !contains(l.May, c) {
			l.Forbidden = append(l.Forbidden, c)
		}
	}
	if l.Expected == nil {
		l.Expected = []string{}
	}
	if l.May == nil {
		l.May = []string{}
	}
	b, _ := json.MarshalIndent(l, "", " ")
	return append(b, '\n')
}
