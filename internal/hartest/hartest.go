// Package hartest builds small HAR captures of a sign-in behind an AWS
// Application Load Balancer with Amazon Cognito, in code, for the tests and
// benchmarks of the packages and commands that read many captures (check,
// diff, build --fail-on). It is a test helper: nothing in seqdoc's binary
// imports it.
//
// Capture plays one scenario, shaped like the shared browser captures
// (Playwright's recordHar against the ALB stand-in): the ALB's redirect to
// Cognito, the hosted UI's sign-in, the callback, the application with its
// assets and API calls, the application's logout, Cognito's /logout, the
// logout landing page that expires the ALB session cookie, and a new visit
// that is sent to the sign-in page again. Options switch on what goes
// wrong, each giving one finding of har/authflow. KeepALBSession rewrites
// any such capture (a generated one or a real one) into its buggy-logout
// twin. Secret values are made up from Options.Seed ("hartest-…"); no
// capture is real.
//
// (har/authflow's own generator, gen_test.go, is a browser simulator for
// the classifier's ground truth; this one only has to be small, quick and
// importable.)
package hartest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/har"
)

// Options choose the scenario. The zero value is a complete, clean happy
// path of 17 entries (3 assets, 2 API calls) without findings.
type Options struct {
	// Seed makes the secret values, ids and timings; two seeds give the
	// same flow with other values and timings.
	Seed int64
	// App and IdP are the hosts (default app.example.com and
	// app-auth.auth.eu-west-1.amazoncognito.com).
	App, IdP string
	// Assets and APICalls are how many of each the application's page
	// loads (default 3 and 2; -1 for none).
	Assets, APICalls int
	// APIPath is the path of the API calls (default /api/items).
	APIPath string
	// WrongPassword: a first sign-in is rejected (finding login-failed,
	// info).
	WrongPassword bool
	// InsecureSession: the application sets JSESSIONID without Secure and
	// HttpOnly (finding cookie-attributes, warning).
	InsecureSession bool
	// Shards of the ALB session cookie (default 1; 2 or more: finding
	// session-cookie-sharded, warning).
	Shards int
	// KeepALBSession: the logout does not expire the ALB session cookie and
	// the next visit gets into the application (finding
	// logout-keeps-alb-session, error). The same as applying the function
	// KeepALBSession to the happy path.
	KeepALBSession bool
}

func (o *Options) defaults() {
	if o.App == "" {
		o.App = "app.example.com"
	}
	if o.IdP == "" {
		o.IdP = "app-auth.auth.eu-west-1.amazoncognito.com"
	}
	if o.Assets == 0 {
		o.Assets = 3
	}
	if o.APICalls == 0 {
		o.APICalls = 2
	}
	if o.APIPath == "" {
		o.APIPath = "/api/items"
	}
	if o.Shards == 0 {
		o.Shards = 1
	}
}

// Entries is the number of entries Capture makes for o.
func Entries(o Options) int {
	_, es := Capture(o)
	return len(es)
}

// Bytes is Capture written as a HAR file by har.Writer.
func Bytes(o Options) []byte {
	return Write(Capture(o))
}

// Write writes a log and its entries as a HAR file (har.Writer: two-space
// indents, one entry after the other, so each entry starts on a line of its
// own).
func Write(log *har.Log, entries []*har.Entry) []byte {
	var b bytes.Buffer
	w := har.NewWriter(&b)
	for _, e := range entries {
		if err := w.WriteEntry(log, e); err != nil {
			panic(err) // a bytes.Buffer does not fail
		}
	}
	if err := w.Close(log); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Capture plays the scenario of o.
func Capture(o Options) (*har.Log, []*har.Entry) {
	o.defaults()
	g := &gen{o: o, rnd: rand.New(rand.NewSource(o.Seed)), t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC).Add(time.Duration(o.Seed%1000) * time.Minute)}
	g.play()
	log := &har.Log{Version: "1.2", Creator: har.Creator{Name: "seqdoc-hartest", Version: "1"}}
	entries := g.entries
	if o.KeepALBSession {
		entries = KeepALBSession(entries)
	}
	return log, entries
}

type gen struct {
	o        Options
	rnd      *rand.Rand
	t        time.Time
	entries  []*har.Entry
	clientID string
	session  []string // the ALB session cookie's shards, name=value
}

func (g *gen) secret(prefix string, n int) string {
	const abc = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = abc[g.rnd.Intn(len(abc))]
	}
	return "hartest-" + prefix + "-" + string(b)
}

func (g *gen) play() {
	o := g.o
	g.clientID = g.secret("client", 12)
	app := "https://" + o.App
	idp := "https://" + o.IdP
	callback := app + "/oauth2/idpresponse"

	// Sign-in: the ALB sends the browser to Cognito (#1, #2).
	g.signIn(app, idp, callback)

	// The application (#9-#11), with its assets and API calls.
	jsession := g.secret("jsession", 24)
	attrs := "; Path=/; Secure; HttpOnly; SameSite=Lax"
	if o.InsecureSession {
		attrs = "; Path=/"
	}
	g.add("GET", app+"/", "document", g.sessionCookie(), 200, "text/html", "",
		[]string{"JSESSIONID=" + jsession + attrs, "AWSALB=" + g.secret("sticky", 40) + "; Path=/"}, false)
	appCookies := append(g.sessionCookie(), "JSESSIONID="+jsession)
	kinds := []struct{ dest, ext, mime string }{{"style", "css", "text/css"}, {"script", "js", "application/javascript"}, {"image", "svg", "image/svg+xml"}}
	for i := 0; i < max(o.Assets, 0); i++ {
		k := kinds[i%len(kinds)]
		g.add("GET", fmt.Sprintf("%s/static/app-%d.%s", app, i, k.ext), k.dest, appCookies, 200, k.mime, "", nil, false)
	}
	for i := 0; i < max(o.APICalls, 0); i++ {
		g.add("GET", app+o.APIPath, "fetch", appCookies, 200, "application/json", "", nil, false)
	}

	// Logout: the application's, Cognito's, then the landing page that
	// expires the ALB session cookie.
	landing := app + "/logged-out"
	g.add("GET", app+"/logout", "document", appCookies, 302, "text/html",
		idp+"/logout?client_id="+g.clientID+"&logout_uri="+url.QueryEscape(landing),
		[]string{"JSESSIONID=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly"}, false)
	g.add("GET", idp+"/logout?client_id="+g.clientID+"&logout_uri="+url.QueryEscape(landing), "document", []string{"cognito=" + g.secret("idp", 60)}, 302, "text/html",
		landing, []string{`cognito=""; Domain=` + o.IdP + `; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly`}, false)
	var expire []string
	for _, s := range g.session {
		name, _, _ := strings.Cut(s, "=")
		expire = append(expire, name+"=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=-1; Path=/; Secure; HttpOnly")
	}
	g.add("GET", landing, "document", g.sessionCookie(), 302, "text/html", "/", expire, false)
	g.session = nil

	// A new visit: back to the sign-in page.
	authorize := g.authorizeURL(idp, callback)
	g.add("GET", app+"/", "document", nil, 302, "", authorize,
		[]string{"AWSALBAuthNonce=" + g.secret("nonce", 44) + "; Path=/; Secure; HttpOnly"}, true)
	login := idp + "/login" + authorize[strings.IndexByte(authorize, '?'):]
	g.add("GET", authorize, "document", nil, 302, "text/html", login, nil, false)
	g.add("GET", login, "document", nil, 200, "text/html", "", nil, false)
}

// signIn: the ALB's redirect to Cognito, the hosted UI (a rejected try
// first with WrongPassword), the callback that sets the session cookie.
func (g *gen) signIn(app, idp, callback string) {
	authorize := g.authorizeURL(idp, callback)
	nonce := "AWSALBAuthNonce=" + g.secret("nonce", 44)
	g.add("GET", app+"/", "document", nil, 302, "", authorize, []string{nonce + "; Path=/; Secure; HttpOnly"}, true)
	login := idp + "/login" + authorize[strings.IndexByte(authorize, '?'):]
	xsrf := "XSRF-TOKEN=" + g.secret("xsrf", 36)
	g.add("GET", authorize, "document", nil, 302, "text/html", login, []string{xsrf + "; Path=/; Secure; HttpOnly; SameSite=Lax"}, false)
	g.add("GET", login, "document", []string{xsrf}, 200, "text/html", "", nil, false)
	if g.o.WrongPassword {
		g.addForm(login, xsrf, 200, "", nil)
	}
	code := callback + "?code=" + g.secret("code", 36) + "&state=" + queryValue(authorize, "state")
	cognito := "cognito=" + g.secret("idp", 60)
	g.addForm(login, xsrf, 302, code, []string{cognito + "; Domain=" + g.o.IdP + "; Path=/; Secure; HttpOnly"})
	g.session = nil
	var set []string
	for i := 0; i < g.o.Shards; i++ {
		s := fmt.Sprintf("AWSELBAuthSessionCookie-%d=%s", i, g.secret("session", 1200))
		g.session = append(g.session, s)
		set = append(set, s+"; Path=/; Secure; HttpOnly")
	}
	g.add("GET", code, "document", []string{nonce}, 302, "", app+"/", set, true)
}

func (g *gen) authorizeURL(idp, callback string) string {
	return idp + "/oauth2/authorize?response_type=code&client_id=" + g.clientID +
		"&redirect_uri=" + url.QueryEscape(callback) + "&state=" + g.secret("state", 40) + "&scope=openid"
}

func (g *gen) sessionCookie() []string { return append([]string{}, g.session...) }

func queryValue(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Query().Get(name)
}

// add appends one exchange. alb marks a response the ALB wrote itself
// (server: awselb/2.0).
func (g *gen) add(method, u, dest string, cookies []string, status int, mime, location string, setCookies []string, alb bool) *har.Entry {
	e := &har.Entry{Index: len(g.entries)}
	wait := 4 + g.rnd.Float64()*40
	g.t = g.t.Add(time.Duration(20+g.rnd.Intn(400)) * time.Millisecond)
	e.StartedDateTime = g.t.Format("2006-01-02T15:04:05.000Z")
	e.Time = wait + 1
	e.Timings = har.Timings{Blocked: -1, DNS: -1, Connect: -1, SSL: -1, Send: 0.1, Wait: wait, Receive: 0.9}
	mode := "no-cors"
	switch dest {
	case "document":
		mode = "navigate"
	case "fetch":
		mode = "cors"
	}
	secDest := dest
	if dest == "fetch" {
		secDest = "empty"
	}
	e.Request = har.Request{Method: method, URL: u, HTTPVersion: "HTTP/2.0", HeadersSize: -1, BodySize: 0,
		Headers: []har.NameValue{{Name: "sec-fetch-dest", Value: secDest}, {Name: "sec-fetch-mode", Value: mode}}}
	if len(cookies) > 0 {
		e.Request.Headers = append(e.Request.Headers, har.NameValue{Name: "cookie", Value: strings.Join(cookies, "; ")})
		for _, c := range cookies {
			n, v, _ := strings.Cut(c, "=")
			e.Request.Cookies = append(e.Request.Cookies, har.Cookie{Name: n, Value: v})
		}
	}
	if p, err := url.Parse(u); err == nil {
		for _, kv := range strings.Split(p.RawQuery, "&") {
			if kv == "" {
				continue
			}
			k, v, _ := strings.Cut(kv, "=")
			k, _ = url.QueryUnescape(k)
			v, _ = url.QueryUnescape(v)
			e.Request.QueryString = append(e.Request.QueryString, har.NameValue{Name: k, Value: v})
		}
	}
	rs := har.Response{Status: status, StatusText: statusText(status), HTTPVersion: "HTTP/2.0", HeadersSize: -1, RedirectURL: location}
	if mime != "" {
		rs.Headers = append(rs.Headers, har.NameValue{Name: "content-type", Value: mime})
	}
	if location != "" {
		rs.Headers = append(rs.Headers, har.NameValue{Name: "location", Value: location})
	}
	switch {
	case alb:
		rs.Headers = append(rs.Headers, har.NameValue{Name: "server", Value: "awselb/2.0"})
	case strings.Contains(u, "://"+g.o.IdP+"/"):
		rs.Headers = append(rs.Headers, har.NameValue{Name: "server", Value: "Server"},
			har.NameValue{Name: "x-amz-cognito-request-id", Value: g.secret("request", 20)})
	}
	for _, sc := range setCookies {
		rs.Headers = append(rs.Headers, har.NameValue{Name: "set-cookie", Value: sc})
		rs.Cookies = append(rs.Cookies, parseSetCookie(sc))
	}
	size := int64(0)
	if status == 200 {
		size = int64(500 + g.rnd.Intn(5000))
	}
	rs.Content = har.Content{Size: size, MimeType: mime}
	rs.BodySize = size
	e.Response = rs
	e.Extra = har.Extensions{{Name: "_resourceType", Value: har.RawJSON(strconv.Quote(dest))}}
	g.entries = append(g.entries, e)
	return e
}

// addForm posts the sign-in form.
func (g *gen) addForm(login, xsrf string, status int, location string, setCookies []string) {
	e := g.add("POST", login, "document", []string{xsrf}, status, map[bool]string{true: "text/html", false: ""}[status == 200], location, setCookies, false)
	e.Request.PostData = &har.PostData{MimeType: "application/x-www-form-urlencoded", Params: []har.Param{
		{Name: "_csrf", Value: g.secret("csrf", 20)}, {Name: "username", Value: "user@example.com"}, {Name: "password", Value: g.secret("password", 12)}}}
	e.Request.BodySize = 80
}

func statusText(s int) string {
	switch s {
	case 200:
		return "OK"
	case 302:
		return "Found"
	}
	return ""
}

// parseSetCookie is har.ParseSetCookie for the lines the generator writes
// itself (always a name=value pair).
func parseSetCookie(line string) har.Cookie {
	c, _ := har.ParseSetCookie(line)
	return c
}

// sessionPrefix starts the names of the ALB session cookie's shards (with
// the rule's default SessionCookieName).
const sessionPrefix = "AWSELBAuthSessionCookie"

// KeepALBSession rewrites a capture whose logout expires the ALB session
// cookie into its buggy-logout twin: no response expires a shard of
// AWSELBAuthSessionCookie any more, the browser keeps sending the shards to
// the application's host, and the first later redirect of the ALB to the
// IdP's authorize endpoint (the new visit sent to sign in again) is
// answered by the application instead (200, a page, steps 9-11); what
// followed it (the sign-in again) is dropped. It works on any capture of
// that shape, generated or recorded. The entries are copied, the input
// is left as it was; a capture whose logout expires nothing is returned as
// a copy.
func KeepALBSession(entries []*har.Entry) []*har.Entry {
	out := make([]*har.Entry, len(entries))
	for i, e := range entries {
		out[i] = copyEntry(e)
	}
	shards := map[string]string{} // name -> value of the live session
	var order []string
	expiredAt := -1
	for i, e := range out {
		for _, c := range setCookies(e) {
			if !strings.HasPrefix(c.Name, sessionPrefix) {
				continue
			}
			if expiring(c) {
				if expiredAt < 0 && shards[c.Name] != "" {
					expiredAt = i
				}
				continue
			}
			if _, ok := shards[c.Name]; !ok {
				order = append(order, c.Name)
			}
			shards[c.Name] = c.Value
		}
		if expiredAt >= 0 {
			break
		}
	}
	if expiredAt < 0 {
		return out
	}
	host := hostOf(out[expiredAt].Request.URL)
	var keep []string
	for _, n := range order {
		keep = append(keep, n+"="+shards[n])
	}
	for i := expiredAt; i < len(out); i++ {
		e := out[i]
		dropSessionExpiry(e)
		if i == expiredAt || hostOf(e.Request.URL) != host {
			continue
		}
		addCookies(e, keep)
		if isALBAuthRedirect(e) {
			answerAsApp(e)
			return out[:i+1]
		}
	}
	return out
}

func copyEntry(e *har.Entry) *har.Entry {
	c := *e
	c.Request.Headers = append([]har.NameValue(nil), e.Request.Headers...)
	c.Request.Cookies = append([]har.Cookie(nil), e.Request.Cookies...)
	c.Response.Headers = append([]har.NameValue(nil), e.Response.Headers...)
	c.Response.Cookies = append([]har.Cookie(nil), e.Response.Cookies...)
	return &c
}

func setCookies(e *har.Entry) []har.Cookie {
	var out []har.Cookie
	for _, h := range e.Response.Headers {
		if strings.EqualFold(h.Name, "set-cookie") {
			for _, line := range strings.Split(h.Value, "\n") {
				out = append(out, parseSetCookie(line))
			}
		}
	}
	return out
}

// expiring: an empty value, Max-Age of zero or less, or an Expires in the
// past (1970, as applications write it).
func expiring(c har.Cookie) bool {
	return c.Value == "" || c.Value == `""` || strings.Contains(c.Expires, "1970")
}

func dropSessionExpiry(e *har.Entry) {
	hs := e.Response.Headers[:0]
	for _, h := range e.Response.Headers {
		if strings.EqualFold(h.Name, "set-cookie") {
			var lines []string
			for _, line := range strings.Split(h.Value, "\n") {
				if c := parseSetCookie(line); strings.HasPrefix(c.Name, sessionPrefix) && expiring(c) {
					continue
				}
				lines = append(lines, line)
			}
			if len(lines) == 0 {
				continue
			}
			h.Value = strings.Join(lines, "\n")
		}
		hs = append(hs, h)
	}
	e.Response.Headers = hs
	cs := e.Response.Cookies[:0]
	for _, c := range e.Response.Cookies {
		if strings.HasPrefix(c.Name, sessionPrefix) && (c.Value == "" || strings.Contains(c.Expires, "1970")) {
			continue
		}
		cs = append(cs, c)
	}
	e.Response.Cookies = cs
}

func addCookies(e *har.Entry, cookies []string) {
	found := false
	for i, h := range e.Request.Headers {
		if strings.EqualFold(h.Name, "cookie") && !found {
			e.Request.Headers[i].Value = h.Value + "; " + strings.Join(cookies, "; ")
			found = true
		}
	}
	if !found {
		e.Request.Headers = append(e.Request.Headers, har.NameValue{Name: "cookie", Value: strings.Join(cookies, "; ")})
	}
	for _, c := range cookies {
		n, v, _ := strings.Cut(c, "=")
		e.Request.Cookies = append(e.Request.Cookies, har.Cookie{Name: n, Value: v})
	}
}

// isALBAuthRedirect: the ALB itself (server: awselb/2.0) redirects to an
// authorize endpoint.
func isALBAuthRedirect(e *har.Entry) bool {
	if e.Response.Status < 300 || e.Response.Status > 399 {
		return false
	}
	alb := false
	for _, h := range e.Response.Headers {
		if strings.EqualFold(h.Name, "server") && strings.HasPrefix(strings.ToLower(h.Value), "awselb") {
			alb = true
		}
	}
	return alb && strings.Contains(e.Response.Location(), "/oauth2/authorize")
}

// answerAsApp makes the response the application's page.
func answerAsApp(e *har.Entry) {
	e.Response.Status, e.Response.StatusText, e.Response.RedirectURL = 200, "OK", ""
	var hs []har.NameValue
	for _, h := range e.Response.Headers {
		switch strings.ToLower(h.Name) {
		case "location", "set-cookie", "server", "content-type", "content-length":
			continue
		}
		hs = append(hs, h)
	}
	e.Response.Headers = append(hs, har.NameValue{Name: "content-type", Value: "text/html; charset=utf-8"})
	e.Response.Cookies = nil
	e.Response.Content = har.Content{Size: 1200, MimeType: "text/html"}
	e.Response.BodySize = 1200
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(p.Host)
}

// Retime changes every entry's timings and start time as another recording
// of the same flow would (slower by factor, later by shift), so that a test
// can show a comparison ignores them. The entries are changed in place.
func Retime(entries []*har.Entry, factor float64, shift time.Duration) {
	for _, e := range entries {
		e.Time *= factor
		for _, t := range []*float64{&e.Timings.Blocked, &e.Timings.DNS, &e.Timings.Connect, &e.Timings.SSL, &e.Timings.Send, &e.Timings.Wait, &e.Timings.Receive} {
			if *t > 0 {
				*t *= factor
			}
		}
		if t, err := time.Parse(time.RFC3339Nano, e.StartedDateTime); err == nil {
			e.StartedDateTime = t.Add(shift).Format("2006-01-02T15:04:05.000Z07:00")
			e.Started = time.Time{}
		}
	}
}

// WriteLarge writes the scenario of o to w, padded to at least size bytes
// the way real captures grow: after the application's first API call, more
// API calls whose responses carry bodies (JSON text, then base64 images of
// about 100 KB), as DevTools exports them with "Save all as HAR with
// content". It writes one entry at a time (the capture is never held
// whole), so that it can make captures larger than the memory a test may
// use. It returns the bytes written.
func WriteLarge(w io.Writer, o Options, size int64) (int64, error) {
	log, entries := Capture(o)
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	hw := har.NewWriter(bw)
	written := func() int64 { return cw.n + int64(bw.Buffered()) }
	o.defaults()
	rnd := rand.New(rand.NewSource(o.Seed))
	pool := make([]byte, 96<<10)
	for i := range pool {
		pool[i] = byte(rnd.Intn(256))
	}
	padded := false
	for _, e := range entries {
		if err := hw.WriteEntry(log, e); err != nil {
			return cw.n, err
		}
		if padded || !strings.HasSuffix(e.Request.URL, o.APIPath) {
			continue
		}
		padded = true
		for i := 0; written() < size; i++ {
			p := copyEntry(e)
			p.Request.URL += "?page=" + strconv.Itoa(i+1)
			p.Request.QueryString = []har.NameValue{{Name: "page", Value: strconv.Itoa(i + 1)}}
			if i%2 == 0 {
				var sb strings.Builder
				for sb.Len() < 8000 {
					fmt.Fprintf(&sb, `{"id": %d, "name": "item %d", "path": "/a/b"}`+"\n", rnd.Intn(1e6), i)
				}
				p.Response.Content = har.Content{Size: int64(sb.Len()), MimeType: "application/json", Text: sb.String()}
			} else {
				n := 60<<10 + rnd.Intn(30<<10)
				off := rnd.Intn(len(pool) - n)
				p.Response.Content = har.Content{Size: int64(n), MimeType: "image/png", Encoding: "base64", Text: base64.StdEncoding.EncodeToString(pool[off : off+n])}
				p.Response.Headers = []har.NameValue{{Name: "content-type", Value: "image/png"}}
			}
			p.Response.BodySize = p.Response.Content.Size
			if err := hw.WriteEntry(log, p); err != nil {
				return cw.n, err
			}
		}
	}
	if err := hw.Close(log); err != nil {
		return cw.n, err
	}
	err := bw.Flush()
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
