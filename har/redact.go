package har

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"hash"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// RedactOptions tune redaction.
type RedactOptions struct {
	// KeepParams names query parameters, form fields, cookies or headers
	// (matched without regard to case) whose values the user keeps on
	// purpose, beside the public ones.
	KeepParams []string
	// PublicParams names the query and form parameters whose values are
	// public in the caller's protocol (matched without regard to case):
	// package authflow passes the OAuth 2.0 and OpenID Connect request
	// parameters that carry no secret (authflow.RedactOptions). Without
	// it every parameter value is a secret.
	PublicParams []string
	// PublicValue, if set, reports whether one value of a parameter that
	// PublicParams does not name is public all the same (authflow: an
	// OAuth error code in `error`, but not free text).
	PublicValue func(param, value string) bool
	// KeepPathSegments are path.Match patterns ("i18n", "Team*") of URL
	// path segments (decoded) that the user keeps on purpose, beside the
	// route words.
	KeepPathSegments []string
}

// Redactor replaces the secrets of one capture with placeholders. Every value
// is a secret unless it is known to be public (an allow-list). A placeholder
// is "redacted-KIND-N": KIND says where the value was first seen (a parameter,
// cookie or header name, or "cookie", "jwt" …) and N counts the distinct
// values of that kind, so the same value gets the same placeholder in every
// entry of the capture while the placeholder tells nothing about the value.
// Cookie values also keep their length: "redacted-cookie-3-4096b".
//
// URL path segments and cookie names are redacted by shape instead: route
// words stay, values become "{token-1}", "{uuid-1}", "{email-1}", "{id-1}"
// or "{jwt-1}" (see redactpath.go). A value gets one placeholder for the
// whole capture: a token met first in a path keeps its "{token-1}" in a
// query value too.
//
// Redaction is idempotent: placeholders are left as they are, so a redacted
// capture redacts to itself. A Redactor is not safe for concurrent use.
type Redactor struct {
	keep           map[string]bool // KeepParams, lower case
	public         map[string]bool // PublicParams, lower case
	value          func(param, value string) bool
	keepSegments   []string
	keepSegmentMet []bool              // a segment matched keepSegments[i]
	seen           map[[32]byte]string // value hash → base placeholder
	counts         map[string]int      // kind → values seen
	shaped         map[[32]byte]string // value hash → shape placeholder (paths, cookie names)
	shapes         map[string]int      // shape → values seen in paths and cookie names
	pathValues     map[string]bool     // placeholders put into paths
	cookieNames    map[string]bool     // cookie names that carried a value
	pathCount      bool                // redacting a request URL …
	pathHit        bool                // … whose path (or a URL in its query) held a value
	pathRequests   int
	pathCache      [4]pathResult // the last paths redacted
	pathNext       int
	hash           hash.Hash // SHA-256, reused
	hashBuf        []byte
}

// NewRedactor returns a Redactor for one capture.
func NewRedactor(opts RedactOptions) *Redactor {
	r := &Redactor{keep: map[string]bool{}, public: map[string]bool{}, value: opts.PublicValue,
		seen: map[[32]byte]string{}, counts: map[string]int{},
		shaped: map[[32]byte]string{}, shapes: map[string]int{}, pathValues: map[string]bool{}, cookieNames: map[string]bool{},
		keepSegments: opts.KeepPathSegments, keepSegmentMet: make([]bool, len(opts.KeepPathSegments))}
	for _, p := range opts.KeepParams {
		r.keep[strings.ToLower(p)] = false // true once a value was kept (see kept)
	}
	for _, p := range opts.PublicParams {
		r.public[strings.ToLower(p)] = true
	}
	return r
}

// Redact redacts a whole capture in place with a new Redactor.
func Redact(l *Log, entries []*Entry, opts RedactOptions) {
	r := NewRedactor(opts)
	if l != nil {
		r.Log(l)
	}
	for _, e := range entries {
		r.Entry(e)
	}
}

// IsPlaceholder reports whether s is a placeholder a Redactor wrote:
// "redacted-" then lower-case letters, digits, '-' or '_', ending in a digit
// (or a digit and "b" for a cookie's size); or a shape's "{token-1}", also
// with a cookie's size ("{token-1}-32b").
func IsPlaceholder(s string) bool {
	if n := shapePlaceholderLen(s); n > 0 {
		return n == len(s) || isSizeSuffix(s[n:])
	}
	const prefix = "redacted-"
	if len(s) <= len(prefix) || s[:len(prefix)] != prefix {
		return false
	}
	rest := s[len(prefix):]
	if rest[len(rest)-1] == 'b' {
		rest = rest[:len(rest)-1]
	}
	if rest == "" || rest[len(rest)-1] < '0' || rest[len(rest)-1] > '9' {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// isSizeSuffix reports whether s is "-" DIGITS "b".
func isSizeSuffix(s string) bool {
	return len(s) >= 3 && s[0] == '-' && s[len(s)-1] == 'b' && isDigits(s[1:len(s)-1])
}

// PlaceholderSize returns the original length that a cookie placeholder
// ("redacted-cookie-3-4096b") records, and whether it records one.
func PlaceholderSize(s string) (int, bool) {
	if !IsPlaceholder(s) || !strings.HasSuffix(s, "b") {
		return 0, false
	}
	i := strings.LastIndexByte(s, '-')
	n, err := strconv.Atoi(s[i+1 : len(s)-1])
	return n, err == nil
}

// ValueSize is the length of a value before redaction: the size a cookie
// placeholder records, or the length of s itself.
func ValueSize(s string) int {
	if n, ok := PlaceholderSize(s); ok {
		return n
	}
	return len(s)
}

// kindOf turns a name into a placeholder kind: lower case letters, digits
// and dashes, at most 32 characters.
func kindOf(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			if b.Len() >= 32 {
				break
			}
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "value"
	}
	return b.String()
}

// sum is the SHA-256 of v, without copying v whole (a session cookie is
// 4 KB): through a reused hash and buffer.
func (r *Redactor) sum(v string) [32]byte {
	if r.hash == nil {
		r.hash, r.hashBuf = sha256.New(), make([]byte, 1024)
	}
	r.hash.Reset()
	for v != "" {
		n := copy(r.hashBuf, v)
		r.hash.Write(r.hashBuf[:n])
		v = v[n:]
	}
	r.hashBuf = r.hash.Sum(r.hashBuf[:0])
	h := [32]byte(r.hashBuf)
	r.hashBuf = r.hashBuf[:cap(r.hashBuf)]
	return h
}

// placeholder returns the stable placeholder of a secret value.
func (r *Redactor) placeholder(kind, v string) string {
	if v == "" || IsPlaceholder(v) {
		return v
	}
	h := r.sum(v)
	if p, ok := r.seen[h]; ok {
		return p
	}
	k := kindOf(kind)
	r.counts[k]++
	p := "redacted-" + k + "-" + strconv.Itoa(r.counts[k])
	r.seen[h] = p
	return p
}

// secret redacts a value: a JWT keeps its shape (see jwt), anything else
// becomes a placeholder.
func (r *Redactor) secret(kind, v string) string {
	if v == "" || IsPlaceholder(v) {
		return v
	}
	if strings.HasPrefix(v, "eyJ") {
		// A JWT already met in a path keeps its "{jwt-1}".
		if p, ok := r.seen[r.sum(v)]; ok {
			return p
		}
	}
	if j, ok := r.jwt(v); ok {
		return j
	}
	return r.placeholder(kind, v)
}

// cookieValue redacts a cookie value, keeping its length.
func (r *Redactor) cookieValue(name, v string) string {
	if r.kept(name) || v == "" || IsPlaceholder(v) {
		return v
	}
	q := ""
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		q, v = `"`, v[1:len(v)-1]
		if v == "" || IsPlaceholder(v) {
			return q + v + q
		}
	}
	if j, ok := r.jwt(v); ok {
		return q + j + q
	}
	return q + r.placeholder("cookie", v) + "-" + strconv.Itoa(len(v)) + "b" + q
}

// jwt recognises a JWS compact token (header.payload.signature whose header
// is a JSON object with "alg") and rebuilds it with the header fields alg,
// kid and typ, every claim name, the values of iss, exp and iat, and other
// claim values as placeholders; the signature is dropped. The new header
// starts with "seqdoc":"redacted", so the result never equals the original
// segments and is recognised (and kept) when redacted again. A JWE (five
// segments) becomes a plain placeholder.
func (r *Redactor) jwt(v string) (string, bool) {
	if len(v) < 16 || !strings.HasPrefix(v, "eyJ") {
		return "", false
	}
	parts := strings.Split(v, ".")
	if len(parts) == 5 {
		return r.placeholder("jwe", v), true
	}
	if len(parts) != 3 {
		return "", false
	}
	dec := func(s string) ([]byte, error) {
		return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	hb, err := dec(parts[0])
	if err != nil {
		return "", false
	}
	header, err := orderedObject(hb)
	if err != nil {
		return "", false
	}
	if parts[2] == "redacted" {
		for _, f := range header {
			if f.Name == "seqdoc" {
				return v, true // already redacted
			}
		}
	}
	alg := false
	// The marker comes first, so that the new header's encoding shares no
	// prefix with the original's.
	nh := []Field{{Name: "seqdoc", Value: RawJSON(`"redacted"`)}}
	for _, f := range header {
		switch f.Name {
		case "alg":
			alg = true
			nh = append(nh, f)
		case "kid", "typ":
			nh = append(nh, f)
		}
	}
	if !alg {
		return "", false
	}
	var claims []Field
	if pb, err := dec(parts[1]); err == nil {
		claims, _ = orderedObject(pb)
	}
	for i, c := range claims {
		switch c.Name {
		case "iss", "exp", "iat":
			continue
		}
		var s string
		if len(c.Value) > 0 && c.Value[0] == '"' && json.Unmarshal(c.Value, &s) == nil {
		} else {
			s = string(c.Value)
		}
		q := appendString(nil, r.placeholder(c.Name, s))
		claims[i].Value = q
	}
	enc := base64.RawURLEncoding.EncodeToString
	return enc(encodeObject(nh)) + "." + enc(encodeObject(claims)) + ".redacted", true
}

// orderedObject decodes a JSON object into its fields in order.
func orderedObject(b []byte) ([]Field, error) {
	s := newBytesScanner(b)
	var out []Field
	err := s.object("object", func(k []byte) error {
		name := string(k)
		raw, err := s.raw()
		out = append(out, Field{Name: name, Value: raw})
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, ok := s.ws(); ok {
		return nil, s.errorf("trailing data")
	}
	return out, nil
}

func encodeObject(fs []Field) []byte {
	b := []byte{'{'}
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		k := appendString(nil, f.Name)
		b = append(b, k...)
		b = append(b, ':')
		b = append(b, f.Value...)
	}
	return append(b, '}')
}

// Public header values, kept as they are (lower-case names).
var publicHeaders = map[string]bool{}

func init() {
	for _, h := range strings.Fields(`accept accept-encoding accept-language accept-ranges
		access-control-allow-credentials access-control-allow-headers access-control-allow-methods
		access-control-allow-origin access-control-expose-headers access-control-max-age
		access-control-request-headers access-control-request-method age alt-svc cache-control
		connection content-encoding content-language content-length content-type
		cross-origin-embedder-policy cross-origin-opener-policy cross-origin-resource-policy date dnt
		expires host keep-alive last-modified pragma priority referrer-policy sec-ch-ua
		sec-ch-ua-mobile sec-ch-ua-platform sec-fetch-dest sec-fetch-mode sec-fetch-site
		sec-fetch-user sec-gpc server strict-transport-security te transfer-encoding upgrade
		upgrade-insecure-requests user-agent vary via x-content-type-options x-frame-options
		x-xss-protection x-powered-by :method :scheme :authority :status permissions-policy
		sec-websocket-version sec-websocket-extensions sec-purpose purpose timing-allow-origin
		x-cache origin-agent-cluster`) {
		publicHeaders[h] = true
	}
}

// Headers whose values are URLs (or a path and query): redacted as URLs.
var urlHeaders = map[string]bool{"location": true, "referer": true, "origin": true, "content-location": true, ":path": true}

// header redacts one header value.
func (r *Redactor) header(name, v string) string {
	ln := strings.ToLower(name)
	switch {
	case r.kept(ln) || v == "" || publicHeaders[ln]:
		return v
	case urlHeaders[ln]:
		return r.URL(v)
	case ln == "cookie":
		return r.cookieHeader(v)
	case ln == "set-cookie":
		lines := strings.Split(v, "\n")
		for i, l := range lines {
			lines[i] = r.setCookie(l)
		}
		return strings.Join(lines, "\n")
	case ln == "authorization" || ln == "proxy-authorization" || ln == "www-authenticate" || ln == "proxy-authenticate":
		// Keep the scheme only.
		scheme, rest, ok := strings.Cut(strings.TrimSpace(v), " ")
		if !ok || IsPlaceholder(scheme) {
			return r.secret(ln, v)
		}
		if rest = strings.TrimSpace(rest); rest == "" {
			return scheme
		}
		if IsPlaceholder(rest) {
			return scheme + " " + rest
		}
		return scheme + " " + r.placeholder(ln, rest)
	}
	return r.secret(ln, v)
}

// cookieHeader redacts a Cookie request header: names stay, values go.
func (r *Redactor) cookieHeader(v string) string {
	parts := strings.Split(v, ";")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		name, val, ok := strings.Cut(p, "=")
		if !ok {
			parts[i] = r.cookieValue("", p)
			continue
		}
		parts[i] = r.cookieNameOf(name) + "=" + r.cookieValue(name, val)
	}
	return strings.Join(parts, "; ")
}

// Set-Cookie attributes whose values are kept.
var publicCookieAttrs = map[string]bool{"path": true, "domain": true, "expires": true, "max-age": true, "samesite": true, "secure": true, "httponly": true, "priority": true, "partitioned": true, "version": true, "sameparty": true}

// setCookie redacts one Set-Cookie line: name and attributes stay.
func (r *Redactor) setCookie(line string) string {
	parts := strings.Split(line, ";")
	for i, p := range parts {
		lead := p[:len(p)-len(strings.TrimLeft(p, " \t"))]
		p = strings.TrimSpace(p)
		name, val, ok := strings.Cut(p, "=")
		switch {
		case i == 0 && ok:
			parts[i] = lead + r.cookieNameOf(name) + "=" + r.cookieValue(name, val)
		case i == 0:
			parts[i] = lead + r.cookieValue("", p)
		case ok && strings.EqualFold(strings.TrimSpace(name), "path"):
			parts[i] = lead + name + "=" + r.path(val)
		case !ok || publicCookieAttrs[strings.ToLower(strings.TrimSpace(name))]:
			parts[i] = lead + p
		default:
			parts[i] = lead + name + "=" + r.secret("cookie-attribute", val)
		}
	}
	return strings.Join(parts, ";")
}

// keepValue reports whether this value of a parameter is public: the
// parameter's values all are, or the caller's PublicValue says so.
func (r *Redactor) keepValue(name, value string) bool {
	return r.keepParam(name) || r.value != nil && r.value(name, value)
}

// keepParam reports whether a parameter's values are public.
func (r *Redactor) keepParam(name string) bool {
	ln := strings.ToLower(name)
	return r.kept(ln) || r.public[ln]
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// param redacts the value of a query parameter or form field as written
// (URL-encoded): public values stay (a URL among them is redacted in turn),
// the others become placeholders keyed by their decoded value.
func (r *Redactor) param(name, raw string) string {
	if raw == "" {
		return raw
	}
	if dec := unescape(raw); r.keepValue(unescape(name), dec) {
		return r.keptValue(raw, false)
	}
	dec := unescape(raw)
	if IsPlaceholder(dec) {
		return raw
	}
	return queryEscape(r.secret(unescape(name), dec))
}

// query redacts a query string or form body ("a=1&b=2", as written).
func (r *Redactor) query(q string) string {
	if q == "" {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		name, val, ok := strings.Cut(p, "=")
		if !ok {
			if p != "" && !IsPlaceholder(unescape(p)) {
				parts[i] = queryEscape(r.secret("param", unescape(p)))
			}
			continue
		}
		if n, kept := r.paramName(unescape(name)); !kept {
			parts[i] = queryEscape(n) + "=" + r.param("param", val)
			continue
		}
		parts[i] = name + "=" + r.param(name, val)
	}
	return strings.Join(parts, "&")
}

// paramName keeps a query or form parameter's name (decoded), unless it is
// not a name: an exporter that parses a JSON or text body as a form leaves
// the body in a field's name (`{"otp":"…"}=`, Firebug and Fiddler do), and
// a key sent as a name (`?AKIAIOSFODNN7EXAMPLE=`) has a name's characters
// but a secret's shape (secretName). Such a name is a secret like a value,
// and becomes a placeholder; its value's placeholder is then a "param"
// one, not one named after the secret.
func (r *Redactor) paramName(n string) (name string, kept bool) {
	if n == "" || IsPlaceholder(n) || isParamName(n) && !secretName(n) {
		return n, true
	}
	return r.placeholder("param-name", n), false
}

// isParamName reports whether s has the shape of a parameter's name:
// letters and digits (any script), the bytes of an HTTP token, and the
// brackets, colons, at signs and slashes of names such as user[email], a
// template's ${name} and an HTML-escaped amp;name. A JSON text, with its
// quotes, is not one, nor a URL with its query.
func isParamName(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune("!#$%&'*+-.^_`|~[]{}:;@/", c) {
			continue
		}
		return false
	}
	return true
}

// splitURL cuts a URL without its query and fragment into what comes
// before the authority ("https://", "//", "mailto:" or ""), the authority
// (user information, host and port) and the path: for an opaque URL
// ("about:blank", "mailto:alice@example.com") what follows the scheme, for a
// relative one all of it.
func splitURL(s string) (head, auth, path string) {
	k := 0 // the end of head
	if colon := strings.IndexByte(s, ':'); colon > 0 && isScheme(s[:colon]) {
		k = colon + 1
		// A nested scheme: blob:https://…
		if c := strings.IndexByte(s[k:], ':'); c > 0 && isScheme(s[k:k+c]) && strings.HasPrefix(s[k+c+1:], "//") {
			k += c + 1
		}
	}
	if !strings.HasPrefix(s[k:], "//") {
		return s[:k], "", s[k:]
	}
	k += 2
	end := strings.IndexByte(s[k:], '/')
	if end < 0 {
		end = len(s) - k
	}
	return s[:k], s[k : k+end], s[k+end:]
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// keptValue redacts the value of a public parameter (redirect_uri,
// logout_uri …): a URL or path in it has its path and query redacted, also
// when it is URL-encoded more than once (a redirect_uri carried inside
// another) or has an application's own scheme
// (com.example.app:/callback/…); it is then encoded as many times as it
// was. Other values stay. decoded says the value may be given decoded
// (the queryString of a HAR).
func (r *Redactor) keptValue(v string, decoded bool) string {
	if decoded && carriesURL(v) {
		return r.URL(v)
	}
	s := v
	for n := 1; n <= 3; n++ {
		d := unescape(s)
		if carriesURL(d) {
			red := r.URL(d)
			if red == d {
				return v
			}
			for range n {
				red = url.QueryEscape(red)
			}
			return red
		}
		if d == s {
			break
		}
		s = d
	}
	return v
}

// carriesURL reports whether a public parameter's value is a URL with a
// path: http(s) or ws(s), a path, or a scheme of its own followed by ":/"
// (an app's redirect URI: com.example.app:/oauth2redirect).
func carriesURL(s string) bool {
	if looksLikeURL(s) || isPathValue(s) {
		return true
	}
	colon := strings.Index(s, ":/")
	return colon > 0 && isScheme(s[:colon])
}

// isPathValue reports whether a kept parameter's value is a path
// ("/invite/abc"), redacted as a URL; "//host/…" counts too.
func isPathValue(s string) bool {
	return len(s) > 1 && s[0] == '/'
}

// queryEscape escapes a value for a query string; a shape placeholder
// keeps its braces, as browsers leave them in a query.
func queryEscape(s string) string {
	if s != "" && s[0] == '{' && IsPlaceholder(s) {
		return s
	}
	return url.QueryEscape(s)
}

func looksLikeURL(s string) bool {
	for _, p := range []string{"https://", "http://", "wss://", "ws://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// URL redacts a URL (absolute, or a path with a query): scheme and host
// stay; user information goes; the path keeps its route words (values in it
// become placeholders: /invite/{token-1}/accept); query and fragment values
// go except the public parameters.
func (r *Redactor) URL(u string) string {
	if u == "" {
		return u
	}
	if len(u) > 5 && strings.EqualFold(u[:5], "data:") {
		head, body, ok := strings.Cut(u, ",")
		if !ok || body == "" || IsPlaceholder(body) {
			return u
		}
		return head + "," + r.placeholder("data", body)
	}
	rest, frag, hasFrag := strings.Cut(u, "#")
	rest, q, hasQuery := strings.Cut(rest, "?")
	head, auth, p := splitURL(rest)
	changed := false
	// User information in the authority.
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		if user := auth[:at]; !IsPlaceholder(user) {
			auth = r.placeholder("userinfo", user) + auth[at:]
			changed = true
		}
	}
	if red := r.path(p); red != p {
		p = red
		r.pathHit = r.pathCount
		changed = true
	}
	if hasQuery {
		if red := r.query(q); red != q {
			q = red
			changed = true
		}
	}
	if !changed && !hasFrag {
		return u
	}
	var b strings.Builder
	b.Grow(len(u))
	b.WriteString(head)
	b.WriteString(auth)
	b.WriteString(p)
	if hasQuery {
		b.WriteByte('?')
		b.WriteString(q)
	}
	if hasFrag {
		b.WriteByte('#')
		switch {
		case frag == "" || IsPlaceholder(frag):
			b.WriteString(frag)
		case strings.Contains(frag, "="):
			b.WriteString(r.query(frag))
		default:
			b.WriteString(r.placeholder("fragment", frag))
		}
	}
	return b.String()
}

// text redacts free text (comments, titles): a URL is redacted as one,
// anything else becomes a placeholder.
func (r *Redactor) text(kind, s string) string {
	if looksLikeURL(s) && !strings.ContainsAny(s, " \t\n") {
		return r.URL(s)
	}
	return r.secret(kind, s)
}

// Keys of extension fields whose short, plain string values are public.
var publicExtKeys = map[string]bool{
	"_resourceType": true, "_priority": true, "_initialPriority": true, "_fetchType": true,
	"_fromCache": true, "_securityState": true, "_fulfilledBy": true, "_initiator_type": true,
	"type": true, "_zapMessageType": true, "protocol": true, "_charlesStatus": true,
	"_phase": true, "_disposition": true, "_frameref": true, "subjectName": true, "issuer": true,
	"keyExchange": true, "cipher": true,
	// Why the browser blocked a request (a CDP enum: MissingAllowOriginHeader …).
	"_corsError": true, "_blockedReason": true,
}

// Browser network errors ("net::ERR_INTERNET_DISCONNECTED") are public.
var netError = lazyRegexp(`^net::ERR_[A-Z0-9_]{1,60}$`)

var plainValue = lazyRegexp(`^[A-Za-z0-9 ()._:@/-]{0,64}$`)

// extensions redacts `_`-prefixed and unknown fields: structure, names,
// numbers and booleans stay; strings become placeholders, except URLs
// (redacted as URLs) and short plain values of known public fields.
func (r *Redactor) extensions(x Extensions) {
	for i := range x {
		x[i].Value = r.rawJSON(x[i].Name, x[i].Value)
	}
}

func (r *Redactor) rawJSON(key string, v RawJSON) RawJSON {
	if len(v) == 0 {
		return v
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) != nil {
			return RawJSON(`""`)
		}
		red := s
		switch {
		case s == "" || IsPlaceholder(s):
		case publicExtKeys[key] && plainValue().MatchString(s) && !looksLikeURL(s):
		case (key == "_error" || key == "_failureText") && netError().MatchString(s):
		default:
			red = r.text(key, s)
		}
		if red == s {
			return v
		}
		out := appendString(nil, red)
		return out
	case '{':
		fields, err := orderedObject(v)
		if err != nil {
			return RawJSON(`{}`)
		}
		for i := range fields {
			fields[i].Value = r.rawJSON(fields[i].Name, fields[i].Value)
		}
		return encodeObject(fields)
	case '[':
		var elems []json.RawMessage
		if json.Unmarshal(v, &elems) != nil {
			return RawJSON(`[]`)
		}
		out := []byte{'['}
		for i, el := range elems {
			if i > 0 {
				out = append(out, ',')
			}
			out = append(out, r.rawJSON(key, el)...)
		}
		return append(out, ']')
	}
	return v // numbers, true, false, null
}

var plainStatusText = lazyRegexp(`^[A-Za-z '-]{0,40}$`)

// Log redacts the capture-level fields in place.
func (r *Redactor) Log(l *Log) {
	l.Comment = r.text("comment", l.Comment)
	l.Creator.Comment = r.text("comment", l.Creator.Comment)
	if l.Browser != nil {
		l.Browser.Comment = r.text("comment", l.Browser.Comment)
	}
	for i := range l.Pages {
		p := &l.Pages[i]
		p.Title = r.text("title", p.Title)
		p.Comment = r.text("comment", p.Comment)
		p.PageTimings.Comment = r.text("comment", p.PageTimings.Comment)
		r.extensions(p.Extra)
	}
	r.extensions(l.Extra)
}

// Entry redacts one entry in place. Use the same Redactor for every entry of
// a capture so that placeholders are stable across it.
func (r *Redactor) Entry(e *Entry) {
	e.Comment = r.text("comment", e.Comment)
	e.Cache = r.rawJSON("cache", e.Cache)
	e.Timings.Comment = r.text("comment", e.Timings.Comment)
	r.extensions(e.Timings.Extra)
	r.extensions(e.Extra)

	q := &e.Request
	r.pathCount, r.pathHit = true, false
	q.URL = r.URL(q.URL)
	if r.pathHit {
		r.pathRequests++
	}
	r.pathCount = false
	r.headers(q.Headers)
	r.cookies(q.Cookies)
	for i := range q.QueryString {
		nv := &q.QueryString[i]
		if n, kept := r.paramName(unescape(nv.Name)); kept {
			nv.Value = r.paramDecoded(nv.Name, nv.Value)
		} else {
			nv.Name, nv.Value = n, r.paramDecoded("param", nv.Value)
		}
		nv.Comment = r.text("comment", nv.Comment)
	}
	if p := q.PostData; p != nil {
		r.postData(p)
	}
	q.Comment = r.text("comment", q.Comment)
	r.extensions(q.Extra)

	s := &e.Response
	if !plainStatusText().MatchString(s.StatusText) {
		s.StatusText = r.secret("status-text", s.StatusText)
	}
	r.headers(s.Headers)
	r.cookies(s.Cookies)
	s.RedirectURL = r.URL(s.RedirectURL)
	c := &s.Content
	c.Text, c.Encoding = "", ""
	c.Comment = r.text("comment", c.Comment)
	r.extensions(c.Extra)
	s.Comment = r.text("comment", s.Comment)
	r.extensions(s.Extra)
}

// paramDecoded redacts a parameter value given decoded or as written (HAR
// exporters differ), with the same placeholder as in the URL.
func (r *Redactor) paramDecoded(name, v string) string {
	if v == "" || IsPlaceholder(unescape(v)) {
		return v
	}
	if r.keepValue(name, unescape(v)) {
		return r.keptValue(v, true)
	}
	return r.secret(name, unescape(v))
}

func (r *Redactor) headers(hs []NameValue) {
	for i := range hs {
		h := &hs[i]
		if n := r.name("header-name", h.Name); n != h.Name {
			// A name that holds a value: the value's placeholder is not
			// named after it (placeholders are named after their header).
			h.Value = r.secret("header", h.Value)
			h.Name = n
		} else {
			h.Value = r.header(h.Name, h.Value)
		}
		h.Comment = r.text("comment", h.Comment)
	}
}

// isToken reports whether s is an HTTP token (RFC 9110), the shape of every
// real header and cookie name; an HTTP/2 pseudo-header's leading ':' is
// allowed.
func isToken(s string) bool { return isTokenOr(s, "") }

// isTokenOr is isToken with the bytes of extra allowed too.
func isTokenOr(s, extra string) bool {
	s = strings.TrimPrefix(s, ":")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 || strings.IndexByte(extra, c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// name keeps a header name, unless it is not a token (exporters that split
// a header line at the wrong colon leave values in the name:
// "WMF-Last-Access=29-Aug-2015;Path=/;…") or has a secret's shape (a key
// sent as a header's name, X-AKIAIOSFODNN7EXAMPLE: secretName).
func (r *Redactor) name(kind, n string) string {
	if n == "" || IsPlaceholder(n) || isToken(n) && !secretName(n) {
		return n
	}
	return r.placeholder(kind, n)
}

// cookieNameOf redacts a cookie name: one that is not a token becomes a
// placeholder (see name); in a token, a value after a fixed prefix
// (wordpress_logged_in_<hash>) becomes a shape placeholder, so the braces
// of those are allowed.
func (r *Redactor) cookieNameOf(n string) string {
	if n == "" || IsPlaceholder(n) {
		return n
	}
	if !isTokenOr(n, "{}@") {
		return r.placeholder("cookie-name", n)
	}
	return r.cookieName(n)
}

func (r *Redactor) cookies(cs []Cookie) {
	for i := range cs {
		c := &cs[i]
		c.Value = r.cookieValue(c.Name, c.Value)
		c.Name = r.cookieNameOf(c.Name)
		c.Path = r.path(c.Path)
		c.Comment = r.text("comment", c.Comment)
		r.extensions(c.Extra)
	}
}

// postData keeps the MIME type and the form field names; a form body's text
// is rebuilt with redacted values, any other body text is dropped.
func (r *Redactor) postData(p *PostData) {
	for i := range p.Params {
		f := &p.Params[i]
		if n, kept := r.paramName(unescape(f.Name)); kept {
			f.Value = r.paramDecoded(f.Name, f.Value)
		} else {
			f.Name, f.Value = n, r.paramDecoded("param", f.Value)
		}
		if f.FileName != "" {
			f.FileName = r.placeholder("filename", f.FileName)
		}
		f.Comment = r.text("comment", f.Comment)
	}
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(p.MimeType, ";", 2)[0]))
	if mt == "application/x-www-form-urlencoded" && p.Text != "" {
		p.Text = r.query(p.Text)
	} else {
		p.Text = ""
	}
	p.Comment = r.text("comment", p.Comment)
	r.extensions(p.Extra)
}
