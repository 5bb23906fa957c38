package har

import (
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Path segments and cookie names are redacted by shape. A developer wrote
// the route words into a router (lower-case words joined by '-', '_' or
// '.', versions like v2.0, short numbers, file names, CamelCase words such
// as userInfo or GetCredentialType); anything else in a path or a cookie
// name is a value (an id, a token, an e-mail address) and becomes a
// placeholder named by its shape:
//
//	{token-N}  anything else: hex, base64, base64url, long or mixed-case runs
//	{uuid-N}   a UUID (8-4-4-4-12 hex digits)
//	{email-N}  an e-mail address
//	{id-N}     a number of five digits or more
//	{jwt-N}    a JWT (JWS or JWE)
//
// N counts the values of that shape in the order the capture shows them, so
// two captures of the same flow get the same placeholders, and the same value
// gets the same placeholder wherever it appears (paths, query values,
// Location, Referer, cookie names). Placeholders keep their braces
// everywhere: in the redacted capture's URLs (Go's net/url and browsers read
// them; a URL template looks the same), in inspect and on the page.

// Shapes of the values found in paths and cookie names.
const (
	shapeToken = "token"
	shapeUUID  = "uuid"
	shapeEmail = "email"
	shapeID    = "id"
	shapeJWT   = "jwt"
)

// RedactStats counts what a Redactor replaced outside the parameter values.
type RedactStats struct {
	// PathValues is the number of distinct values replaced in URL paths
	// (request URLs, Location, Referer, redirect_uri …).
	PathValues int
	// PathRequests is the number of requests whose URL held a value in its
	// path (or in the path of a URL in its query: redirect_uri).
	PathRequests int
	// CookieNames is the number of distinct cookie names that carried a
	// value (wordpress_logged_in_{token-1}).
	CookieNames int
}

// Stats returns what the Redactor has replaced so far.
func (r *Redactor) Stats() RedactStats {
	return RedactStats{PathValues: len(r.pathValues), PathRequests: r.pathRequests, CookieNames: len(r.cookieNames)}
}

// UnusedPathPatterns returns the KeepPathSegments patterns that matched no
// path segment of the entries redacted so far, in the order given.
func (r *Redactor) UnusedPathPatterns() []string {
	var out []string
	for i, p := range r.keepSegments {
		if !r.keepSegmentMet[i] {
			out = append(out, p)
		}
	}
	return out
}

// CheckPathPattern reports whether pattern is a valid --keep-path-segment
// pattern (path.Match syntax: *, ?, [a-z], \ quotes).
func CheckPathPattern(pattern string) error {
	_, err := path.Match(pattern, "")
	return err
}

// isShapePlaceholder reports whether s is "{KIND-N}": lower-case letters,
// a dash and a number from 1, in braces.
func isShapePlaceholder(s string) bool {
	n := shapePlaceholderLen(s)
	return n > 0 && n == len(s)
}

// shapePlaceholderLen returns the length of the shape placeholder at the
// start of s, or 0.
func shapePlaceholderLen(s string) int {
	if len(s) < 5 || s[0] != '{' {
		return 0
	}
	i := 1
	for i < len(s) && i <= 17 && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != '-' {
		return 0
	}
	i++
	if i >= len(s) || s[i] < '1' || s[i] > '9' {
		return 0
	}
	j := i
	for j < len(s) && j-i < 10 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j >= len(s) || s[j] != '}' {
		return 0
	}
	return j + 1
}

// shape returns the placeholder of a value found in a path or a cookie name.
// A value met before in a path or a cookie name keeps its placeholder, and a
// value met here first keeps it in query values too; one met first in a
// query value ("redacted-token-1") gets a shape placeholder all the same, so
// that a path always shows shapes (and a placeholder inside a segment is
// always one that the next redaction recognises).
func (r *Redactor) shape(kind, v string) string {
	h := r.sum(v)
	if p, ok := r.shaped[h]; ok {
		return p
	}
	r.shapes[kind]++
	p := "{" + kind + "-" + strconv.Itoa(r.shapes[kind]) + "}"
	r.shaped[h] = p
	if _, ok := r.seen[h]; !ok {
		r.seen[h] = p
	}
	return p
}

// pathShape is shape for a value in a URL path; it counts the value.
func (r *Redactor) pathShape(kind, v string) string {
	p := r.shape(kind, v)
	r.pathValues[p] = true
	return p
}

// path redacts a URL path as written (percent-encoded), segment by segment.
// The same paths come back again and again (the request's :path, the
// Referer of the next requests, Location), so the last few results are
// kept: a path redacts to the same string each time, placeholders being
// stable.
func (r *Redactor) path(p string) string {
	if len(p) <= 1 {
		return p
	}
	for i := range r.pathCache {
		if c := &r.pathCache[i]; c.in == p && c.out != "" {
			return c.out
		}
	}
	out := r.redactPath(p)
	r.pathCache[r.pathNext] = pathResult{p, out}
	r.pathNext = (r.pathNext + 1) % len(r.pathCache)
	return out
}

type pathResult struct{ in, out string }

// redactPath is path without the cache. It allocates only when a segment
// changes.
func (r *Redactor) redactPath(p string) string {
	var b strings.Builder
	start := 0
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		seg := p[start:i]
		red := r.segment(seg)
		if red != seg && b.Cap() == 0 {
			b.Grow(len(p) + 16)
			b.WriteString(p[:start])
		}
		if b.Cap() > 0 {
			b.WriteString(red)
			if i < len(p) {
				b.WriteByte('/')
			}
		}
		start = i + 1
	}
	if b.Cap() == 0 {
		return p
	}
	return b.String()
}

// segment redacts one path segment as written.
func (r *Redactor) segment(raw string) string {
	if raw == "" || raw == "." || raw == ".." {
		return raw
	}
	dec := raw
	if strings.IndexByte(raw, '%') >= 0 {
		d, err := pathUnescape(raw)
		if !err {
			return r.pathShape(shapeToken, raw)
		}
		dec = d
	}
	if IsPlaceholder(dec) {
		if dec[0] == '{' {
			return dec // "%7Bid-1%7D" is written "{id-1}"
		}
		return raw
	}
	for i, pat := range r.keepSegments {
		if ok, _ := path.Match(pat, dec); ok {
			r.keepSegmentMet[i] = true
			return raw
		}
	}
	out, changed := r.compound(dec, r.pathShape, false)
	if !changed {
		return raw
	}
	return escapeSegment(out)
}

// cookieName redacts the value part of a cookie name (a prefix followed by
// a hash, an id or an e-mail address): the prefix stays.
func (r *Redactor) cookieName(n string) string {
	if n == "" || IsPlaceholder(n) {
		return n
	}
	out, changed := r.compound(n, r.shape, true)
	if changed {
		r.cookieNames[out] = true
	}
	return out
}

// pathUnescape decodes %XX escapes; ok is false for a malformed escape.
func pathUnescape(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", false
		}
		b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
		i += 2
	}
	return string(b), true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// escapeSegment percent-encodes a segment, leaving what a path segment may
// hold as it is (RFC 3986 pchar) and the braces of placeholders.
func escapeSegment(s string) string {
	const hexDigits = "0123456789ABCDEF"
	keep := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@{}", c) >= 0
	}
	i := 0
	for i < len(s) && keep(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// Separators inside a segment or a cookie name. A soft one ('-', '_') can
// occur inside a base64url value, so a value runs across it; a hard one
// cannot, and ends a value.
func isSoftSep(c byte) bool { return c == '-' || c == '_' }
func isHardSep(c byte) bool { return c == '.' || c == ':' || c == ';' || c == '=' || c == ',' }
func isSep(c byte) bool     { return isSoftSep(c) || isHardSep(c) }

// Kinds of the items a compound is cut into.
const (
	itemSoft  = iota // '-' or '_'
	itemHard         // '.', ':', ';', '=', ','
	itemWord         // a route word
	itemValue        // a value: replaced
	itemKept         // a placeholder already
)

type item struct {
	start, end int
	kind       int
	shape      string // for itemValue when the item alone decides it
}

// compound redacts a path segment or a cookie name (decoded): it is kept
// when every run between separators is a route word; otherwise each value
// becomes a placeholder made by ph, and the words before and after stay.
// With prefix, the first word always stays (a cookie name's prefix).
func (r *Redactor) compound(s string, ph func(kind, v string) string, prefix bool) (string, bool) {
	if k := wholeShape(s, !prefix); k != "" {
		if k == "keep" {
			return s, false
		}
		return ph(k, s), true
	}
	if !hasValue(s) {
		return s, false
	}
	var buf [32]item
	items := cutItems(s, buf[:0])
	first := 0
	for first < len(items) && (items[first].kind == itemSoft || items[first].kind == itemHard) {
		first++
	}
	absorbEmails(s, items, first)
	if !prefix {
		first = -1
	}
	absorbWeak(s, items, first)
	// Within each group between hard separators, a value spans from its
	// first value item to its last one: the words between them belong to
	// it (a base64url token may hold "-ab_").
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for i := 0; i < len(items); {
		if items[i].kind != itemValue {
			b.WriteString(s[items[i].start:items[i].end])
			i++
			continue
		}
		last := i
		for j := i + 1; j < len(items) && items[j].kind != itemHard; j++ {
			if items[j].kind == itemValue {
				last = j
			}
		}
		// Base64 padding.
		if pad := last + 1; pad < len(items) && s[items[pad].start] == '=' {
			for pad < len(items) && s[items[pad].start] == '=' {
				pad++
			}
			if pad == len(items) {
				last = pad - 1
			}
		}
		v := s[items[i].start:items[last].end]
		kind := items[i].shape
		if last != i || kind == "" {
			kind = spanShape(v)
		}
		b.WriteString(ph(kind, v))
		changed = true
		i = last + 1
	}
	if !changed {
		return s, false
	}
	return b.String(), true
}

// wholeShape classifies a whole segment or name: "keep" for a short number,
// a shape for a value that is one thing (a JWT, a UUID, an e-mail address
// when email is set, a long number), "" when its parts decide. A cookie
// name is not taken whole for an e-mail address: its prefix would go too.
func wholeShape(s string, email bool) string {
	switch {
	case isDigits(s):
		if len(s) <= 4 {
			return "keep"
		}
		return shapeID
	case len(s) == 36 && isUUIDAt(s, 0):
		return shapeUUID
	case isJWT(s):
		return shapeJWT
	case email && isEmail(s):
		return shapeEmail
	}
	return ""
}

// spanShape names a value cut from a compound.
func spanShape(v string) string {
	switch {
	case isDigits(v):
		return shapeID
	case len(v) == 36 && isUUIDAt(v, 0):
		return shapeUUID
	case strings.IndexByte(v, '@') >= 0:
		return shapeEmail
	}
	return shapeToken
}

// hasValue is the quick test: does any run of s fail to be a route word?
// It allocates nothing, so that the common case (every segment a route
// word) costs one pass.
func hasValue(s string) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			if c := s[i]; !isSep(c) && c != '{' {
				continue
			}
			if s[i] == '{' {
				if n := shapePlaceholderLen(s[i:]); n > 0 {
					if start < i && !isWordRun(s[start:i]) {
						return true
					}
					i += n - 1
					start = i + 1
					continue
				}
				continue
			}
		}
		if start < i && !isWordRun(s[start:i]) {
			return true
		}
		start = i + 1
	}
	return false
}

// cutItems cuts s into separators, runs, UUIDs and placeholders.
func cutItems(s string, items []item) []item {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isSoftSep(c):
			items = append(items, item{i, i + 1, itemSoft, ""})
			i++
			continue
		case isHardSep(c):
			items = append(items, item{i, i + 1, itemHard, ""})
			i++
			continue
		}
		if n := shapePlaceholderLen(s[i:]); n > 0 {
			items = append(items, item{i, i + n, itemKept, ""})
			i += n
			continue
		}
		if isUUIDAt(s, i) && (i+36 == len(s) || isSep(s[i+36]) || s[i+36] == '{') {
			items = append(items, item{i, i + 36, itemValue, shapeUUID})
			i += 36
			continue
		}
		j := i + 1
		for j < len(s) && !isSep(s[j]) && !(s[j] == '{' && shapePlaceholderLen(s[j:]) > 0) {
			j++
		}
		it := item{i, j, itemWord, ""}
		if run := s[i:j]; !isWordRun(run) {
			it.kind = itemValue
			if isDigits(run) {
				it.shape = shapeID
			} else if strings.IndexByte(run, '@') < 0 {
				it.shape = shapeToken
			}
		}
		items = append(items, it)
		i = j
	}
	return items
}

// absorbEmails widens a value holding an '@' over the domain's labels after
// it (lower-case runs joined by '.' or '-') and the local part's words
// before it, but never over the first word: in a cookie name
// "x.alice.smith@example.com.idToken", "x." and ".idToken" stay. The
// separators inside become part of the value.
func absorbEmails(s string, items []item, first int) {
	isLabel := func(it item) bool {
		if it.kind != itemWord {
			return false
		}
		for _, c := range []byte(s[it.start:it.end]) {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				return false
			}
		}
		return true
	}
	isJoin := func(it item) bool {
		return it.kind == itemSoft || it.kind == itemHard && s[it.start] == '.'
	}
	for i := range items {
		if items[i].kind != itemValue || strings.IndexByte(s[items[i].start:items[i].end], '@') < 0 {
			continue
		}
		items[i].shape = shapeEmail
		for j := i + 1; j+1 < len(items) && isJoin(items[j]) && isLabel(items[j+1]); j += 2 {
			items[j].kind, items[j+1].kind = itemValue, itemValue
		}
		for j := i - 1; j-1 > first && isJoin(items[j]) && isLabel(items[j-1]); j -= 2 {
			items[j].kind, items[j-1].kind = itemValue, itemValue
		}
	}
}

// absorbWeak widens values over the words joined to them by a soft
// separator that hold a digit or are short and not lower case ("3q2-",
// "-Xy", "_2015"): such a piece more likely belongs to a base64url value
// than to the route, and keeping it would show a piece of the value. Short
// lower-case words stay ("wordpress_logged_in_"). The item at index keep
// (the first word of a cookie name; -1 for none) always stays.
func absorbWeak(s string, items []item, keep int) {
	weak := func(j int) bool {
		if j == keep || items[j].kind != itemWord {
			return false
		}
		w := s[items[j].start:items[j].end]
		lower := true
		for i := 0; i < len(w); i++ {
			switch c := w[i]; {
			case c >= '0' && c <= '9':
				return true
			case c < 'a' || c > 'z':
				lower = false
			}
		}
		return len(w) < 3 && !lower
	}
	// Rightward, a widened value widens further in the same pass; then
	// leftward the same way. Two passes, so a long chain stays linear.
	for i := 0; i+2 < len(items); i++ {
		if items[i].kind == itemValue && items[i+1].kind == itemSoft && weak(i+2) {
			items[i+2].kind = itemValue
		}
	}
	for i := len(items) - 1; i >= 2; i-- {
		if items[i].kind == itemValue && items[i-1].kind == itemSoft && weak(i-2) {
			items[i-2].kind = itemValue
		}
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isUUIDAt reports whether s holds a UUID (8-4-4-4-12 hex digits, any case)
// at i.
func isUUIDAt(s string, i int) bool {
	if len(s)-i < 36 {
		return false
	}
	for k := 0; k < 36; k++ {
		c := s[i+k]
		switch k {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

// isJWT reports whether s has a JWT's shape: "eyJ", then three (JWS) or
// five (JWE) base64url segments.
func isJWT(s string) bool {
	if len(s) < 16 || !strings.HasPrefix(s, "eyJ") {
		return false
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			dots++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=':
		default:
			return false
		}
	}
	return dots == 2 || dots == 4
}

// isEmail reports whether s has an e-mail address's shape: a local part,
// '@', and a domain of labels with a letter in the last one.
func isEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.IndexByte(s[:at], '@') >= 0 {
		return false
	}
	for i := 0; i < at; i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),:;<>[\]`, c) >= 0 {
			return false
		}
	}
	labels := 0
	for _, l := range strings.Split(s[at+1:], ".") {
		if l == "" {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
		labels++
	}
	return labels >= 2
}

// Character classes of isWordRun.
const (
	classUpper = iota + 1
	classLower
	classDigit
)

// isWordRun reports whether a run between separators is a route word:
//
//   - a number of up to four digits (2024, 404);
//   - letters, then up to four digits (oauth2, v1, sha256, es2015), where
//     the letters are lower case (up to 32 of them), or CamelCase: every
//     capital or run of capitals (an acronym) before lower-case letters is
//     followed by at least two of them (userInfo, GetCredentialType,
//     AWSELBAuthSessionCookie, OAuth) or forms a two-letter word (SignUp,
//     GetById), all capitals (SAML, JSESSIONID), or an acronym's plural
//     (IDs);
//   - a short mix such as 2fa, 1st, k8s, i18n, b2b.
//
// A run of four or more hexadecimal digits with both a digit and a letter
// (1fff, 6f1c2d3e) is a value, and so is any run with another character
// ('@', '+', '%', '~' …). Letters of scripts without case count as lower
// case.
func isWordRun(s string) bool {
	if len(s) > 40 {
		return false
	}
	// Class runs: at most a few kinds; count them as we go.
	var classes, lens, starts [8]int
	n := 0
	hexOnly, digits, letters := true, 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		var cl, size int
		switch {
		case c >= 'a' && c <= 'z':
			cl, size = classLower, 1
			letters++
			if c > 'f' {
				hexOnly = false
			}
		case c >= 'A' && c <= 'Z':
			cl, size = classUpper, 1
			letters++
			if c > 'F' {
				hexOnly = false
			}
		case c >= '0' && c <= '9':
			cl, size = classDigit, 1
			digits++
		case c < utf8.RuneSelf:
			return false
		default:
			r, sz := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError:
				return false
			case unicode.IsUpper(r):
				cl = classUpper
			case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
				cl = classLower
			default:
				return false
			}
			size = sz
			letters++
			hexOnly = false
		}
		if n > 0 && classes[n-1] == cl {
			lens[n-1]++
		} else {
			if n == len(classes) {
				return false
			}
			classes[n], lens[n], starts[n] = cl, 1, i
			n++
		}
		i += size
	}
	if hexOnly && digits > 0 && letters > 0 && len(s) >= 4 {
		return false
	}
	if letters == 0 {
		return digits <= 4
	}
	// A trailing number.
	if classes[n-1] == classDigit {
		if lens[n-1] > 4 {
			return false
		}
		n--
	}
	// Digits inside: only short mixes (2fa, 1st, k8s, i18n).
	for k := 0; k < n; k++ {
		if classes[k] == classDigit {
			return len(s) <= 5 && lens[k] <= 2 && n <= 3
		}
	}
	end := len(s)
	if n < len(classes) && classes[n] == classDigit {
		end = starts[n]
	}
	acronyms := 0
	for k := 0; k < n; k++ {
		if classes[k] == classUpper {
			// An acronym: JSESSIONID alone, AWSELBA in AWSELBAuth
			// (one in a CamelCase word).
			if n == 1 {
				// Alone: a readable word (JSESSIONID, AWSALBTGCORS) of up
				// to 12 letters, up to 5 before a number (SAML2).
				if lens[k] > 12 || end < len(s) && lens[k] > 5 || !readable(s[:end], false) {
					return false
				}
				continue
			}
			if lens[k] > 8 {
				return false
			}
			if lens[k] > 2 || lens[k] == 2 && k+1 == n {
				if acronyms++; acronyms > 1 {
					return false
				}
			}
			continue
		}
		hump, stop := starts[k], end
		if k+1 < n {
			stop = starts[k+1]
		}
		if k > 0 {
			hump-- // the capital that starts it
			if lens[k] == 1 {
				// One lower-case letter after a capital: only a
				// two-letter word (SignUp, GetById) or an acronym's
				// plural (IDs).
				if !twoLetterWord(s[hump:stop]) && !(k == n-1 && lens[k-1] >= 2 && s[stop-1] == 's') {
					return false
				}
				continue
			}
		}
		if stop-hump > 32 || !readable(s[hump:stop], n > 1) {
			return false
		}
	}
	return true
}

// secretName reports whether a parameter's or header's name holds a value
// rather than naming one: a JWT, or a run between separators of 16
// characters or more that is neither a route word (isWordRun) nor letters
// that read as words (wordyName) — an API key or token sent as a name
// (AKIAIOSFODNN7EXAMPLE, sk_live_4eC39HqLyjWDarjtT1zdp7dc). Shorter runs
// stay: real names are short or long words (csrfToken, cd12,
// AspxAutoDetectCookieSupport, __VIEWSTATEGENERATOR), and a short code
// sent as a name reveals little.
func secretName(n string) bool {
	if len(n) < 16 {
		return false
	}
	if isJWT(n) {
		return true
	}
	start := 0
	for i := 0; i <= len(n); i++ {
		if i < len(n) && (n[i] >= 'a' && n[i] <= 'z' || n[i] >= 'A' && n[i] <= 'Z' || n[i] >= '0' && n[i] <= '9' || n[i] >= utf8.RuneSelf) {
			continue
		}
		if run := n[start:i]; len(run) >= 16 && !isWordRun(run) && !wordyName(run) {
			return true
		}
		start = i + 1
	}
	return false
}

// wordyName reports whether a long run of letters reads as words joined
// the way names join them: all capitals that read as one word
// (VIEWSTATEGENERATOR), or CamelCase whose humps read as words and are
// four letters long on average (isSeparateFormTemplateFromData). A random
// token of letters alone has short humps (xKqPzLmN) or unreadable ones.
func wordyName(s string) bool {
	humps, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			c := s[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false // digits or other scripts: not this kind of name
			}
			// A hump starts at a capital after a lower-case letter.
			if i == 0 || !(c >= 'A' && c <= 'Z') || !(s[i-1] >= 'a' && s[i-1] <= 'z') {
				continue
			}
		}
		if !readable(s[start:i], humps > 0 || i < len(s)) {
			return false
		}
		humps++
		start = i
	}
	return len(s) >= 4*humps
}

// readable reports whether letters read as a word rather than as a random
// run: a word of five letters or more (three in a CamelCase word, humps
// being short) has a vowel (y counts), unless it is a known abbreviation
// (Http, Xml); and no word has more than five consonants in a row (https
// and xhtml are the longest real ones). Other scripts pass.
func readable(w string, camel bool) bool {
	vowel, cluster := false, 0
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return true
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowel, cluster = true, 0
		default:
			if cluster++; cluster > 5 {
				return false
			}
		}
	}
	switch {
	case vowel || len(w) < 3:
		return true
	case camel:
		return abbreviation(w)
	}
	return len(w) < 5
}

// abbreviation reports whether a CamelCase hump is a vowel-less
// abbreviation of the kind developers put in names (XMLHttpRequest,
// getCssUrl).
func abbreviation(w string) bool {
	switch strings.ToLower(w) {
	case "http", "https", "html", "xhtml", "xml", "css", "js", "json", "svg", "png", "jpg", "gif", "pdf", "txt", "csv",
		"cdn", "dns", "sdk", "sql", "xhr", "ctx", "cmd", "msg", "pwd", "src", "dst", "rss", "smtp", "ftp", "tcp", "pkg",
		"lng", "mgr", "cfg", "btn", "nth", "crm", "cms", "ssl", "tls", "www", "ws", "wss":
		return true
	}
	return false
}

// twoLetterWord reports whether s is a capitalised two-letter English word,
// the short humps of CamelCase route names (SignUp, GetById, logIn).
func twoLetterWord(s string) bool {
	switch s {
	case "An", "As", "At", "Be", "By", "Do", "Go", "Id", "If", "In", "Is", "It", "Me", "My", "No", "Of", "Ok", "On", "Or", "So", "To", "Up", "Us", "We":
		return true
	}
	return false
}

// EscapedPath is u.EscapedPath() with the braces of placeholders kept: the
// path as the redacted capture writes it ("/api/accounts/{id-1}"), where
// net/url would write "%7Bid-1%7D". Compare and show paths with it.
func EscapedPath(u *url.URL) string {
	p := u.EscapedPath()
	if !strings.Contains(p, "%7B") {
		return p
	}
	var b strings.Builder
	for {
		i := strings.Index(p, "%7B")
		if i < 0 {
			break
		}
		b.WriteString(p[:i])
		p = p[i+3:]
		j := strings.Index(p, "%7D")
		if ph := "{" + p[:max(j, 0)] + "}"; j > 0 && isShapePlaceholder(ph) {
			b.WriteString(ph)
			p = p[j+3:]
		} else {
			b.WriteString("%7B")
		}
	}
	b.WriteString(p)
	return b.String()
}

// NameFamily returns the name that cookies differing only by the values in
// their names share, each placeholder's number written N:
// "_ga_{token-2}" and "_ga_{token-3}" are "_ga_{token-N}". ok is false for
// a name without a placeholder.
func NameFamily(name string) (family string, ok bool) {
	if strings.IndexByte(name, '{') < 0 {
		return name, false
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		n := shapePlaceholderLen(name[i:])
		if n == 0 {
			b.WriteByte(name[i])
			i++
			continue
		}
		dash := strings.LastIndexByte(name[i:i+n], '-')
		b.WriteString(name[i : i+dash])
		b.WriteString("-N}")
		i += n
		ok = true
	}
	if !ok {
		return name, false
	}
	return b.String(), true
}
