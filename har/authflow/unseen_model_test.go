package authflow_test

// The model behind the unseen corpus (testdata/unseen): a small browser
// simulation that records what happened in one sign-in (each exchange with
// its ground truth: kind, AWS steps, phase) independently of any HAR
// exporter. The exporters in unseen_export_test.go then write the same
// recording the way Playwright, chrome-har, DevTools, Firefox, Safari,
// Charles, Fiddler or mitmproxy would.
//
// The labels are written from the AWS and IdP documentation (see
// testdata/unseen/README.md), never from the classifier's rules.

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/har/authflow"
)

type hdr struct{ name, value string }

// post is a request body.
type post struct {
	mime string
	text string
}

// xch is one exchange as it happened, with its ground truth.
type xch struct {
	seq   int
	start float64 // ms after the capture began
	dur   float64 // ms
	url   string
	meth  string
	code  int
	res   string // what the browser asked for: document stylesheet script image font fetch xhr other

	// Request side, as the browser built it.
	dest, mode, site string // Sec-Fetch-* values
	user             bool   // Sec-Fetch-User: ?1
	referer          string
	origin           string
	accept           string
	reqExtra         []hdr
	body             *post
	cookies          []hdr // what the jar sent (name, value)

	// Response side, as the server sent it.
	respH     []hdr    // lower-case names, no set-cookie
	setCookie []string // raw Set-Cookie values
	mime      string
	text      string // a short body (bodies are dropped by redaction)
	size      int
	failure   string // the browser got no response (net::ERR_…)

	chain    int    // navigation (redirect chain) id; 0 for subresources
	initType string // other parser script
	initURL  string
	swPage   bool // the page's side of a service-worker fetch
	swNet    bool // the service worker's own network fetch
	bg       bool // the browser's own background request (only a proxy sees it)

	// Ground truth.
	kind   authflow.Kind
	steps  []int
	hidden []int
	phase  authflow.Phase
	note   string
}

func (x *xch) host() string {
	u, err := url.Parse(x.url)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

func (x *xch) location() string {
	for _, h := range x.respH {
		if h.name == "location" {
			return h.value
		}
	}
	return ""
}

// H adds response headers.
func (x *xch) H(kv ...string) *xch {
	for i := 0; i+1 < len(kv); i += 2 {
		x.respH = append(x.respH, hdr{kv[i], kv[i+1]})
	}
	return x
}

// Q adds request headers.
func (x *xch) Q(kv ...string) *xch {
	for i := 0; i+1 < len(kv); i += 2 {
		x.reqExtra = append(x.reqExtra, hdr{kv[i], kv[i+1]})
	}
	return x
}

// Loc sets the Location header.
func (x *xch) Loc(u string) *xch { return x.H("location", u) }

// Body sets the response body.
func (x *xch) Body(mime, text string) *xch {
	x.mime, x.text, x.size = mime, text, len(text)
	return x
}

// Size sets the response size without a body.
func (x *xch) Size(mime string, n int) *xch {
	x.mime, x.size = mime, n
	return x
}

// Note explains the ground truth.
func (x *xch) Note(s string) *xch {
	x.note = s
	return x
}

// Truth sets the kind and phase; steps follow DESIGN.md's kinds table.
func (x *xch) Truth(k authflow.Kind, p authflow.Phase) *xch {
	x.kind, x.phase = k, p
	switch k {
	case authflow.KindAuthRedirect:
		x.steps, x.hidden = []int{1, 2}, nil
	case authflow.KindCallback:
		x.steps, x.hidden = []int{3, 4, 5, 6, 7, 8}, []int{4, 5, 6, 7}
	case authflow.KindApp, authflow.KindAPI, authflow.KindLogout:
		x.steps, x.hidden = []int{9, 10, 11}, []int{10}
	default:
		x.steps, x.hidden = nil, nil
	}
	return x
}

// ThroughALB gives an asset or logout-callback the steps of an authenticated
// request through the ALB (9–11, 10 hidden).
func (x *xch) ThroughALB() *xch {
	x.steps, x.hidden = []int{9, 10, 11}, []int{10}
	return x
}

// Steps overrides the steps (for ALB error answers: only those that happened).
func (x *xch) Steps(steps, hidden []int) *xch {
	x.steps, x.hidden = steps, hidden
	return x
}

// cookie is one cookie in the browser's jar.
type cookie struct {
	name, value string
	domain      string // host, or the Domain attribute without a dot
	hostOnly    bool
	path        string
}

// scen is one recorded session.
type scen struct {
	name     string
	category string
	desc     string
	sources  []string
	rnd      *rand.Rand
	base     time.Time
	t        float64
	jar      []*cookie
	blocked  map[string]bool // cookie names the browser refuses to store
	xs       []*xch
	nchain   int
	page     string // URL of the current document
	pageSite string // Sec-Fetch-Site of the current navigation chain
	chainRef string // Referer of the current navigation chain

	expect     []string
	may        []string
	expEntries map[string][]int // code → seqs
	notes      []string
	canaries   []string
}

func newScen(name, category string, seedName string) *scen {
	h := fnv.New64a()
	h.Write([]byte(seedName))
	seed := h.Sum64()
	s := &scen{
		name:       name,
		category:   category,
		rnd:        rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		blocked:    map[string]bool{},
		expEntries: map[string][]int{},
	}
	day := 1 + int(seed%27)
	hour := 7 + int(seed>>8%11)
	min := int(seed >> 16 % 60)
	s.base = time.Date(2026, time.Month(1+int(seed>>24%11)), day, hour, min, int(seed>>32%60), int(seed>>40%1000)*1e6, time.UTC)
	return s
}

// --- secrets (realistic, fake, deterministic; each one is a canary) ---

const (
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b64c   = alnum + "+/"
	b64u   = alnum + "-_"
	hexc   = "0123456789abcdef"
	hexC   = "0123456789ABCDEF"
	digits = "0123456789"
)

func (s *scen) chars(set string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[s.rnd.IntN(len(set))]
	}
	return string(b)
}

func (s *scen) secret(v string) string {
	if !slices.Contains(s.canaries, v) {
		s.canaries = append(s.canaries, v)
	}
	return v
}

func (s *scen) uuid() string {
	return s.chars(hexc, 8) + "-" + s.chars(hexc, 4) + "-4" + s.chars(hexc, 3) + "-" + string("89ab"[s.rnd.IntN(4)]) + s.chars(hexc, 3) + "-" + s.chars(hexc, 12)
}

// pub is a public identifier (not a canary): client ids, tenant ids, request ids.
func (s *scen) pubUUID() string { return s.uuid() }

// jwt builds a JWT-shaped token whose payload holds the given claims.
func (s *scen) jwt(alg, kid, claims string) string {
	hd := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"` + alg + `","kid":"` + kid + `","typ":"JWT"}`))
	pl := base64.RawURLEncoding.EncodeToString([]byte(claims))
	sig := s.chars(b64u, 342)
	v := hd + "." + pl + "." + sig
	s.secret(pl)
	s.secret(sig)
	return s.secret(v)
}

func (s *scen) albState() string { return s.secret(s.chars(b64u, 196)) }
func (s *scen) albNonce() string { return s.secret(s.chars(b64c, 44)) }
func (s *scen) albCookie(n int) string {
	return s.secret(s.chars(b64c, n-2) + "==")
}
func (s *scen) stickiness() string { return s.secret(s.chars(b64c, 128)) }

// --- time ---

func (s *scen) wait(ms float64) { s.t += ms }

func (s *scen) dur(lo, hi float64) float64 {
	return lo + float64(s.rnd.IntN(int((hi-lo)*1000)+1))/1000
}

func (s *scen) at(ms float64) time.Time {
	return s.base.Add(time.Duration(ms * float64(time.Millisecond)))
}

func httpDate(t time.Time) string {
	return t.UTC().Format(time.RFC1123)[:len("Mon, 02 Jan 2006 15:04:05")] + " GMT"
}

// --- cookie jar ---

func (s *scen) cookiesFor(raw string) []hdr {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	host := u.Hostname()
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	var out []hdr
	for _, c := range s.jar {
		if c.hostOnly && c.domain != host {
			continue
		}
		if !c.hostOnly && host != c.domain && !strings.HasSuffix(host, "."+c.domain) {
			continue
		}
		if !strings.HasPrefix(path, c.path) {
			continue
		}
		out = append(out, hdr{c.name, c.value})
	}
	return out
}

// store applies a Set-Cookie the response to rawURL carried.
func (s *scen) store(rawURL, setCookie string) {
	u, _ := url.Parse(rawURL)
	host := u.Hostname()
	parts := strings.Split(setCookie, ";")
	nv := strings.TrimSpace(parts[0])
	i := strings.IndexByte(nv, '=')
	name, value := nv[:i], nv[i+1:]
	if s.blocked[name] || strings.HasPrefix(name, "AWSELBAuthSessionCookie") && s.blocked["AWSELBAuthSessionCookie"] {
		return
	}
	c := &cookie{name: name, value: value, domain: host, hostOnly: true, path: "/"}
	expired := false
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		k, v, _ := strings.Cut(p, "=")
		switch strings.ToLower(k) {
		case "domain":
			c.domain = strings.TrimPrefix(strings.ToLower(v), ".")
			c.hostOnly = false
		case "path":
			c.path = v
		case "max-age":
			if v == "0" || strings.HasPrefix(v, "-") {
				expired = true
			}
		case "expires":
			if strings.Contains(v, "1970") || strings.Contains(v, "1990") {
				expired = true
			}
		}
	}
	s.jar = slices.DeleteFunc(s.jar, func(o *cookie) bool {
		return o.name == c.name && o.domain == c.domain && o.path == c.path
	})
	if !expired {
		s.jar = append(s.jar, c)
	}
}

// SC adds Set-Cookie values and stores them in the jar.
func (s *scen) SC(x *xch, values ...string) *xch {
	for _, v := range values {
		x.setCookie = append(x.setCookie, v)
		s.store(x.url, v)
	}
	return x
}

// --- exchanges ---

func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func siteOf(host string) string {
	// The registrable domain, good enough for the hosts of this corpus (the
	// Public Suffix List makes every auth.<region>.amazoncognito.com prefix
	// domain a site of its own).
	if strings.HasSuffix(host, ".amazoncognito.com") {
		return host
	}
	parts := strings.Split(host, ".")
	if len(parts) >= 2 {
		return strings.Join(parts[len(parts)-2:], ".")
	}
	return host
}

// fetchSite is the Sec-Fetch-Site of a request from page to target.
func fetchSite(page, target string) string {
	if page == "" {
		return "none"
	}
	if origin(page) == origin(target) {
		return "same-origin"
	}
	pu, _ := url.Parse(page)
	tu, _ := url.Parse(target)
	if siteOf(pu.Hostname()) == siteOf(tu.Hostname()) {
		return "same-site"
	}
	return "cross-site"
}

func worseSite(a, b string) string {
	rank := map[string]int{"none": 0, "same-origin": 1, "same-site": 2, "cross-site": 3}
	if a == "none" {
		return a
	}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// referrerFor applies strict-origin-when-cross-origin.
func referrerFor(page, target string) string {
	if page == "" {
		return ""
	}
	if origin(page) == origin(target) {
		return page
	}
	return origin(page) + "/"
}

func (s *scen) add(meth, rawURL string, code int, res string) *xch {
	x := &xch{seq: len(s.xs), start: s.t, url: rawURL, meth: meth, code: code, res: res, initType: "other"}
	s.xs = append(s.xs, x)
	return x
}

const acceptDoc = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"

// Nav starts a top-level navigation (typed, clicked or a form post).
// typed: the user typed the URL or used a bookmark (no referer).
func (s *scen) Nav(meth, rawURL string, code int, typed bool) *xch {
	s.nchain++
	s.wait(s.dur(300, 2500))
	x := s.add(meth, rawURL, code, "document")
	x.chain = s.nchain
	x.dest, x.mode, x.user, x.accept = "document", "navigate", true, acceptDoc
	if typed {
		x.site, x.referer = "none", ""
	} else {
		x.site, x.referer = fetchSite(s.page, rawURL), referrerFor(s.page, rawURL)
	}
	if meth == "POST" {
		x.origin = origin(s.page)
	}
	s.pageSite, s.chainRef = x.site, x.referer
	x.cookies = s.cookiesFor(rawURL)
	x.dur = s.dur(8, 60)
	s.t += x.dur
	s.page = rawURL
	return x
}

// Follow follows the Location of the previous document exchange.
func (s *scen) Follow(code int) *xch {
	prev := s.lastDoc()
	loc := prev.location()
	target := resolve(prev.url, loc)
	s.wait(s.dur(1, 6))
	x := s.add("GET", target, code, "document")
	x.chain = prev.chain
	x.dest, x.mode, x.user, x.accept = "document", "navigate", prev.user, acceptDoc
	s.pageSite = worseSite(s.pageSite, fetchSite(prev.url, target))
	x.site = s.pageSite
	x.referer = s.chainRef
	if x.referer != "" && origin(x.referer) != origin(target) {
		x.referer = origin(x.referer) + "/"
	}
	x.cookies = s.cookiesFor(target)
	x.dur = s.dur(6, 40)
	s.t += x.dur
	s.page = target
	return x
}

func (s *scen) lastDoc() *xch {
	for i := len(s.xs) - 1; i >= 0; i-- {
		if s.xs[i].res == "document" {
			return s.xs[i]
		}
	}
	return nil
}

func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// Sub is a subresource of the current page (parser-inserted).
func (s *scen) Sub(rawURL, res string) *xch {
	s.wait(s.dur(0.5, 4))
	x := s.add("GET", rawURL, 200, res)
	x.site, x.referer = fetchSite(s.page, rawURL), referrerFor(s.page, rawURL)
	x.initType, x.initURL = "parser", s.page
	switch res {
	case "stylesheet":
		x.dest, x.mode, x.accept = "style", "no-cors", "text/css,*/*;q=0.1"
	case "script":
		x.dest, x.mode, x.accept = "script", "no-cors", "*/*"
		if x.site == "cross-site" {
			x.mode = "cors"
		}
	case "image":
		x.dest, x.mode, x.accept = "image", "no-cors", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
	case "font":
		x.dest, x.mode, x.accept = "font", "cors", "*/*"
		x.origin = origin(s.page)
	}
	x.cookies = s.cookiesFor(rawURL)
	x.dur = s.dur(2, 30)
	return x
}

// Favicon is the browser's own tab-icon fetch after a page loaded.
func (s *scen) Favicon() *xch {
	s.wait(s.dur(20, 90))
	u := origin(s.page) + "/favicon.ico"
	x := s.add("GET", u, 200, "other")
	x.dest, x.mode, x.site, x.accept = "image", "no-cors", "same-origin", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
	x.referer = referrerFor(s.page, u)
	x.cookies = s.cookiesFor(u)
	x.dur = s.dur(2, 12)
	x.note = "the browser's tab icon"
	return x
}

// Fetch is a fetch()/XHR from the current page's script.
func (s *scen) Fetch(meth, rawURL string, code int, script string) *xch {
	s.wait(s.dur(2, 40))
	x := s.add(meth, rawURL, code, "fetch")
	x.site, x.referer = fetchSite(s.page, rawURL), referrerFor(s.page, rawURL)
	x.dest, x.mode = "empty", "cors"
	if x.site == "same-origin" && meth == "GET" {
		x.mode = "cors"
	}
	if meth != "GET" || x.site != "same-origin" {
		x.origin = origin(s.page)
	}
	x.accept = "application/json"
	x.initType, x.initURL = "script", script
	x.cookies = s.cookiesFor(rawURL)
	x.dur = s.dur(5, 90)
	return x
}

// XHR is like Fetch with XMLHttpRequest (resource type xhr).
func (s *scen) XHR(meth, rawURL string, code int, script string) *xch {
	x := s.Fetch(meth, rawURL, code, script)
	x.res = "xhr"
	return x
}

// Post attaches a request body.
func (x *xch) Post(mime, text string) *xch {
	x.body = &post{mime: mime, text: text}
	return x
}

// form encodes a form body in the given order.
func form(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[i]) + "=" + url.QueryEscape(kv[i+1]))
	}
	return b.String()
}

// query builds a URL query in the given order.
func query(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[i]) + "=" + url.QueryEscape(kv[i+1]))
	}
	return strings.ReplaceAll(b.String(), "+", "%20")
}

// Expect records a finding a correct tool must report, naming entries.
func (s *scen) Expect(code string, xs ...*xch) {
	if !slices.Contains(s.expect, code) {
		s.expect = append(s.expect, code)
	}
	for _, x := range xs {
		s.expEntries[code] = append(s.expEntries[code], x.seq)
	}
}

// May records a finding a correct tool may or may not report.
func (s *scen) May(code string) {
	if !slices.Contains(s.may, code) {
		s.may = append(s.may, code)
	}
}

func (s *scen) Notef(format string, args ...any) {
	s.notes = append(s.notes, fmt.Sprintf(format, args...))
}
