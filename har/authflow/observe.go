package authflow

import (
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/har"
)

// obs is the small summary of one entry that classification needs. It keeps
// names, hosts, paths and sizes, never a value.
type obs struct {
	out *Entry

	scheme    string
	query     map[string]bool // query parameter names
	redirectU *url.URL        // redirect_uri (public)
	logoutU   *url.URL        // logout_uri (public)
	loc       *url.URL        // Location, resolved against the request URL
	locQuery  map[string]bool
	locRedir  *url.URL // redirect_uri of the Location
	locLogout *url.URL // logout_uri of the Location
	oauthErr  string   // an OAuth error code (redirect_mismatch …) in the URL or Location, "" if none

	server       string
	cognitoReqID bool
	refererHost  string
	originHost   string
	class        Resource // what the browser asked for
	classSure    bool     // class from the exporter's resource type or Sec-Fetch-Dest, not guessed
	hasOrigin    bool     // the request carried an Origin header (even "null")
	cdnHit       bool     // answered from a cache (CloudFront's X-Cache: Hit, the browser's _fromCache): the ALB never saw it

	reqCookies []cookieRef
	setCookies []setCookie
	// hasCookies: any Cookie or Set-Cookie header, or a parsed cookie in
	// the request's or response's cookies array (Fiddler and Charles fill
	// the arrays and may leave the headers out). The one rule for
	// "sanitized": a capture none of whose entries has cookies
	// (Flow.Sanitized, the sanitized-capture finding, import's summary).
	hasCookies      bool
	cookieHeaderLen int
	reqHeadersSize  int64
	oidcHeaders     []string // X-Amzn-Oidc-* header names seen (either side)
	hasLocation     bool
	// blockedPage: the browser refused the answer to an image, script or
	// style request because it was a page (ORB): an endpoint answered,
	// not a static file.
	blockedPage bool

	sentCookieHeader bool // the request has a Cookie header (or parsed cookies)
	locHeader        bool // a Location header (not only redirectURL)
	locMismatch      bool // the Location header and redirectURL lead to different URLs
	connect          bool // a proxy's CONNECT tunnel entry
	viaSW            bool // a service worker answered it (_fetchedViaServiceWorker)
	background       bool // the browser's own request (Sec-Fetch-Site: none, not a navigation)
	// moved: the response headers contradict the URLs (an exporter put
	// another exchange's headers on this entry); they were set aside.
	moved *movedHeaders
}

type cookieRef struct {
	name string
	size int
}

type setCookie struct {
	name    string
	size    int
	attrs   CookieAttrs
	expired bool
}

// observe summarises one redacted entry: the Entry the flow shows, and
// what the stages after it need to know (names, hosts, paths, sizes).
func observe(e *har.Entry) *obs {
	o := &obs{query: map[string]bool{}, out: newEntry(e)}
	o.connect = o.out.Method == "CONNECT"
	o.viaSW = string(e.Response.Extra.Get("_fetchedViaServiceWorker")) == "true"
	if strings.EqualFold(e.Request.Header("Sec-Fetch-Site"), "none") && !strings.EqualFold(e.Request.Header("Sec-Fetch-Mode"), "navigate") {
		// Fetch Metadata: "none" is a request no page made (a typed
		// address, a bookmark, or the browser itself); not a navigation,
		// it is the browser's own (account, update, safe-browsing services).
		o.background = true
	}
	for _, t := range []string{e.Extra.String("_error"), e.Extra.String("_failureText"), e.Response.Extra.String("_error"), e.Response.Extra.String("_failureText")} {
		if strings.Contains(t, "ERR_BLOCKED_BY_ORB") {
			o.blockedPage = true
		}
	}
	u := o.requestURL(e)
	o.location(e, u)
	o.headers(e)
	o.cookies(e)
	for _, s := range o.setCookies {
		if s.expired {
			o.out.CookiesExpired = append(o.out.CookiesExpired, s.name)
		} else {
			o.out.CookiesSet = append(o.out.CookiesSet, s.name)
		}
	}
	return o
}

// newEntry is the entry's line of the flow, before classification.
func newEntry(e *har.Entry) *Entry {
	out := &Entry{
		Index:       e.Index,
		Line:        e.Line,
		Col:         e.Col,
		Method:      strings.ToUpper(e.Request.Method),
		URL:         e.Request.URL,
		Status:      e.Response.Status,
		Steps:       []int{},
		HiddenSteps: []int{},
		TimeMS:      e.Time,
		Started:     e.Started,
		// Playwright writes _failureText where Chrome writes _error.
		Failed: e.Failed() || e.Extra.String("_failureText") != "" || e.Response.Extra.String("_failureText") != "",
	}
	if out.Started.IsZero() && e.StartedDateTime != "" {
		if t, err := time.Parse(time.RFC3339Nano, e.StartedDateTime); err == nil {
			out.Started = t
		}
	}
	mime := e.Response.Content.MimeType
	if mime == "" {
		mime = e.Response.Header("Content-Type")
	}
	if i := strings.IndexByte(mime, ';'); i >= 0 {
		mime = mime[:i]
	}
	out.MIME = strings.ToLower(strings.TrimSpace(mime))
	return out
}

// requestURL reads the request's URL: host, path, parameter names, the
// public redirect_uri and logout_uri, an OAuth error code. It returns the
// URL parsed (nil when it does not parse).
func (o *obs) requestURL(e *har.Entry) *url.URL {
	u := parseURL(e.Request.URL)
	if u != nil {
		o.scheme = strings.ToLower(u.Scheme)
		o.out.Host = hostOf(u)
		o.out.Path = har.EscapedPath(u)
		if o.out.Path == "" {
			o.out.Path = "/"
		}
		q := u.Query()
		for k := range q {
			o.query[k] = true
		}
		o.redirectU = parseURL(q.Get("redirect_uri"))
		o.logoutU = parseURL(q.Get("logout_uri"))
		if o.logoutU == nil {
			// OIDC RP-initiated logout's name for it (Okta, Entra ID,
			// Keycloak): where the end-session endpoint sends the browser.
			o.logoutU = parseURL(q.Get("post_logout_redirect_uri"))
		}
		o.oauthErr = oauthErrorCode(q.Get("error"))
	}
	for _, q := range e.Request.QueryString {
		o.query[q.Name] = true
	}
	return u
}

// location reads where a redirect points, resolved against the request's
// URL u.
func (o *obs) location(e *har.Entry, u *url.URL) {
	l := e.Response.Location()
	if l == "" {
		return
	}
	o.hasLocation = true
	if hl := e.Response.Header("Location"); hl != "" {
		o.locHeader = true
		// redirectURL is the browser's record of where the hop went;
		// a Location header that says otherwise came from another hop.
		o.locMismatch = e.Response.RedirectURL != "" && !sameTarget(u, hl, e.Response.RedirectURL)
	}
	o.out.Location = l
	lu := parseURL(l)
	if lu == nil {
		return
	}
	if u != nil {
		lu = u.ResolveReference(lu)
	}
	o.loc = lu
	o.locQuery = map[string]bool{}
	q := lu.Query()
	for k := range q {
		o.locQuery[k] = true
	}
	o.locRedir = parseURL(q.Get("redirect_uri"))
	o.locLogout = parseURL(q.Get("logout_uri"))
	if o.oauthErr == "" {
		o.oauthErr = oauthErrorCode(q.Get("error"))
	}
}

// headers reads the headers that tell who answered and how: Server,
// x-amz-cognito-request-id, Referer, Origin, caches, the resource the
// browser asked for, the X-Amzn-Oidc-* names.
func (o *obs) headers(e *har.Entry) {
	out := o.out
	o.server = strings.TrimSpace(e.Response.Header("Server"))
	out.ALBAnswered = strings.HasPrefix(strings.ToLower(o.server), "awselb")
	o.cognitoReqID = e.Response.Header("x-amz-cognito-request-id") != ""
	if r := parseURL(e.Request.Header("Referer")); r != nil {
		o.refererHost = hostOf(r)
	}
	if r := parseURL(e.Request.Header("Origin")); r != nil {
		o.originHost = hostOf(r)
	}
	o.hasOrigin = e.Request.Header("Origin") != ""
	xc := strings.ToLower(e.Response.Header("X-Cache"))
	o.cdnHit = strings.HasSuffix(xc, "from cloudfront") && (strings.HasPrefix(xc, "hit") || strings.HasPrefix(xc, "refreshhit"))
	// The browser's own cache (Chrome _fromCache, Safari _fetchType
	// "Memory Cache"/"Disk Cache"): no request left the browser.
	if e.Extra.String("_fromCache") != "" || e.Response.Extra.String("_fromCache") != "" ||
		strings.Contains(strings.ToLower(e.Extra.String("_fetchType")), "cache") {
		o.cdnHit = true
	}
	// Firefox writes a hit of its own cache with no response headers, an
	// empty httpVersion and no time (har-variants.md: firefox-111.har).
	if e.Response.Status >= 200 && e.Response.Status < 300 && e.Response.HTTPVersion == "" && len(e.Response.Headers) == 0 && e.Time == 0 {
		o.cdnHit = true
	}
	o.classSure = e.ResourceType() != "" && !strings.EqualFold(e.ResourceType(), "other") || e.Request.Header("Sec-Fetch-Dest") != ""
	o.class = resourceClass(e, out.Path, out.MIME)
	out.Resource = o.class
	o.reqHeadersSize = e.Request.HeadersSize
	for _, hs := range [][]har.NameValue{e.Request.Headers, e.Response.Headers} {
		for _, h := range hs {
			if strings.HasPrefix(strings.ToLower(h.Name), "x-amzn-oidc-") {
				o.oidcHeaders = append(o.oidcHeaders, h.Name)
			}
		}
	}
}

// cookies reads the request's cookies and the response's Set-Cookie lines:
// names, sizes and attributes only.
func (o *obs) cookies(e *har.Entry) {
	hdrs := e.Request.HeaderValues("Cookie")
	o.sentCookieHeader = len(hdrs) > 0 || len(e.Request.Cookies) > 0
	for _, h := range hdrs {
		o.hasCookies = true
		for i, part := range strings.Split(h, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			name, val, _ := strings.Cut(part, "=")
			name = strings.TrimSpace(name)
			size := valueSize(strings.TrimSpace(val))
			if i > 0 {
				o.cookieHeaderLen += 2
			}
			o.cookieHeaderLen += len(name) + 1 + size
			o.reqCookies = append(o.reqCookies, cookieRef{name, size})
		}
	}
	if len(hdrs) == 0 {
		for _, c := range e.Request.Cookies {
			o.hasCookies = true
			size := valueSize(c.Value)
			o.reqCookies = append(o.reqCookies, cookieRef{c.Name, size})
			o.cookieHeaderLen += len(c.Name) + 1 + size + 2
		}
	}
	lines := e.Response.SetCookies()
	start := o.out.Started
	for _, l := range lines {
		o.hasCookies = true
		if sc, ok := parseSetCookie(l, start); ok {
			o.setCookies = append(o.setCookies, sc)
		}
	}
	if len(lines) == 0 {
		for _, c := range e.Response.Cookies {
			o.hasCookies = true
			sc := setCookie{name: c.Name, size: valueSize(c.Value), attrs: CookieAttrs{
				Secure: c.Secure, HTTPOnly: c.HTTPOnly, SameSite: c.SameSite, Path: c.Path, Domain: c.Domain,
			}}
			if c.Expires != "" {
				sc.attrs.Lifetime = "expires"
				if t, err := time.Parse(time.RFC3339Nano, c.Expires); err == nil && isPast(t, start) {
					sc.expired = true
				}
			} else {
				sc.attrs.Lifetime = "session"
			}
			o.setCookies = append(o.setCookies, sc)
		}
	}
}

// parseSetCookie reads one Set-Cookie line.
func parseSetCookie(line string, now time.Time) (setCookie, bool) {
	parts := strings.Split(line, ";")
	name, val, ok := strings.Cut(strings.TrimSpace(parts[0]), "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return setCookie{}, false
	}
	sc := setCookie{name: name, size: valueSize(strings.Trim(strings.TrimSpace(val), `"`))}
	var maxAge *int
	var expires time.Time
	hasExpires := false
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "secure":
			sc.attrs.Secure = true
		case "httponly":
			sc.attrs.HTTPOnly = true
		case "samesite":
			sc.attrs.SameSite = v
		case "path":
			sc.attrs.Path = v
		case "domain":
			sc.attrs.Domain = strings.TrimPrefix(strings.ToLower(v), ".")
		case "max-age":
			if n, err := strconv.Atoi(v); err == nil {
				maxAge = &n
			}
		case "expires":
			hasExpires = true
			expires = parseCookieTime(v)
		}
	}
	switch {
	case maxAge != nil:
		sc.attrs.Lifetime = "max-age=" + strconv.Itoa(*maxAge)
		sc.expired = *maxAge <= 0
	case hasExpires:
		sc.attrs.Lifetime = "expires"
		sc.expired = !expires.IsZero() && isPast(expires, now)
	default:
		sc.attrs.Lifetime = "session"
	}
	return sc, true
}

func parseCookieTime(v string) time.Time {
	if t, err := http.ParseTime(v); err == nil {
		return t
	}
	for _, layout := range []string{"Mon, 02-Jan-2006 15:04:05 MST", "Mon, 02-Jan-06 15:04:05 MST", "Monday, 02-Jan-06 15:04:05 MST", time.RFC3339Nano} {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	return time.Time{}
}

// isPast: t is before the exchange (or, without a start time, before 2000:
// the conventional "expire now" dates).
func isPast(t, now time.Time) bool {
	if now.IsZero() {
		return t.Year() < 2000
	}
	return !t.After(now)
}

func parseURL(s string) *url.URL {
	if s == "" {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	return u
}

// hostOf is the URL's host in lower case without a default port.
func hostOf(u *url.URL) string {
	h := strings.ToLower(u.Host)
	if (u.Scheme == "https" && strings.HasSuffix(h, ":443")) || (u.Scheme == "http" && strings.HasSuffix(h, ":80")) {
		h = h[:strings.LastIndexByte(h, ':')]
	}
	return h
}

var assetExt = map[string]bool{
	".css": true, ".js": true, ".mjs": true, ".map": true, ".png": true, ".jpg": true, ".jpeg": true,
	".gif": true, ".svg": true, ".ico": true, ".webp": true, ".avif": true, ".woff": true, ".woff2": true,
	".ttf": true, ".otf": true, ".eot": true, ".mp4": true, ".webm": true, ".mp3": true, ".wasm": true,
	".webmanifest": true,
}

// resourceClass says what the browser asked for: "document" (a page),
// "asset" (a static file) or "api" (fetch/XHR), from the exporter's
// resource type, Sec-Fetch-Dest/Mode, the path, Accept and the response type.
func resourceClass(e *har.Entry, p, mime string) Resource {
	switch strings.ToLower(e.ResourceType()) {
	case "document", "iframe", "frame":
		return ResourceDocument
	case "stylesheet", "script", "image", "font", "media", "texttrack", "manifest", "img", "imageset":
		return ResourceAsset
	case "xhr", "fetch", "eventsource", "websocket", "ping", "beacon", "preflight":
		return ResourceAPI
	}
	switch strings.ToLower(e.Request.Header("Sec-Fetch-Dest")) {
	case "document", "iframe", "frame", "embed", "object", "fencedframe":
		return ResourceDocument
	case "style", "script", "image", "font", "audio", "video", "track", "manifest", "worker",
		"sharedworker", "serviceworker", "audioworklet", "paintworklet", "xslt":
		return ResourceAsset
	case "empty":
		if strings.EqualFold(e.Request.Header("Sec-Fetch-Mode"), "navigate") {
			return ResourceDocument
		}
		if !assetExt[strings.ToLower(path.Ext(p))] {
			return ResourceAPI
		}
	}
	if strings.EqualFold(e.Request.Header("Sec-Fetch-Mode"), "navigate") {
		return ResourceDocument
	}
	if strings.EqualFold(e.Request.Header("X-Requested-With"), "XMLHttpRequest") {
		return ResourceAPI
	}
	if assetExt[strings.ToLower(path.Ext(p))] {
		return ResourceAsset
	}
	accept := strings.ToLower(e.Request.Header("Accept"))
	switch {
	case strings.HasPrefix(accept, "text/html") || strings.Contains(accept, "application/xhtml"):
		return ResourceDocument
	case strings.HasPrefix(accept, "application/json") || strings.Contains(accept, "+json"):
		return ResourceAPI
	case strings.HasPrefix(accept, "image/") || strings.HasPrefix(accept, "text/css"):
		return ResourceAsset
	}
	switch {
	case strings.Contains(mime, "json") || strings.Contains(mime, "xml") && !strings.Contains(mime, "html"):
		return ResourceAPI
	case strings.HasPrefix(mime, "image/") || strings.HasPrefix(mime, "font/") || mime == "text/css" ||
		strings.Contains(mime, "javascript") || strings.Contains(mime, "ecmascript"):
		return ResourceAsset
	}
	// Browsers send Upgrade-Insecure-Requests and an Accept naming HTML on
	// every navigation; a request with Accept */* (fetch's default) and
	// without it is a script's. (No Accept at all: too little to tell.)
	if accept == "*/*" && e.Request.Header("Upgrade-Insecure-Requests") == "" &&
		!strings.Contains(mime, "html") {
		return ResourceAPI
	}
	return ResourceDocument
}

// valueSize is the length of a cookie value before redaction (placeholders
// record it), without a regular expression for ordinary values.
func valueSize(s string) int {
	if !strings.HasPrefix(s, "redacted-") || !strings.HasSuffix(s, "b") {
		return len(s)
	}
	if n, err := strconv.Atoi(s[strings.LastIndexByte(s, '-')+1 : len(s)-1]); err == nil && n >= 0 {
		return n // "redacted-cookie-3-4096b" (har.PlaceholderSize, without its regexp)
	}
	return har.ValueSize(s)
}
