package authflow

// An independent check of the classifier: captures written from the AWS and
// Cognito documentation (shared/docs/alb-cognito-domain.md) and from what
// real exporters write (shared/docs/har-variants.md), not from the
// simulator in gen_test.go. Each capture is a small HAR in
// testdata/independent with ground-truth labels in the shape of the shared
// fixtures' *.labels.json, and a Chrome-"sanitized" copy of both.
//
// go test ./har/authflow -run TestIndependent -regen-independent rewrites
// the files from the scenarios in independent_scenarios_test.go; review the
// diff. Labels are written by hand in the scenarios, from the contract
// (DESIGN.md), never from the classifier's output.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/shareddata"
)

var regenIndependent = flag.Bool("regen-independent", false, "rewrite testdata/independent from the independent scenarios")

const independentDir = "testdata/independent"

// Exporter styles.
const (
	styleChrome  = "chrome"  // DevTools: _resourceType, sec-fetch-*, lower-case h2 headers, redirectURL
	styleFirefox = "firefox" // Title-Case, no _resourceType, no Sec-Fetch-*, redirectURL filled
	styleSafari  = "safari"  // Title-Case, no _resourceType, no Sec-Fetch-*, redirectURL empty (Location only)
)

// xlabel is one entry's ground truth, in the fixtures' shape.
type xlabel struct {
	Index  int    `json:"index"`
	URL    string `json:"url"`
	Method string `json:"method"`
	Status int    `json:"status"`
	Kind   string `json:"kind"`
	Phase  string `json:"phase"`
	Steps  []int  `json:"aws_steps"`
	Note   string `json:"note,omitempty"`
	// Undecidable: set in a sanitized copy's labels when only the
	// cookies the copy lacks could show this entry's truth.
	Undecidable string `json:"undecidable,omitempty"`
}

type xlabels struct {
	Har         string   `json:"har"`
	Variant     string   `json:"variant"`
	Exporter    string   `json:"exporter"`
	Scenario    string   `json:"scenario"`
	Description string   `json:"description"`
	Entries     []xlabel `json:"entries"`
	Expected    []string `json:"expected_findings"`
	Forbidden   []string `json:"forbidden_findings"`
	May         []string `json:"may_findings"`
	Canaries    []string `json:"canaries"`
}

type xreq struct {
	method, url string
	dest        string // document, style, script, image, font, empty (fetch/XHR)
	form        []string
	hdr         [][2]string
	cookieHdr   string // an explicit Cookie header (else the jar's)
}

type xresp struct {
	status int
	loc    string
	mime   string
	server string // "alb", "cognito", "" (the application) or a literal
	set    []string
	hdr    [][2]string
	failed string // Chrome's _error (status 0)
	size   int
}

// xb builds one capture.
type xb struct {
	name, about, style string
	app, idp           string
	t                  time.Time
	jar                map[string][][2]string // host -> name/value in order
	ents               []map[string]any
	labs               []xlabel
	expected           []string
	forbidden          []string
	// sanitized-copy adjustments: codes that need cookies to be seen.
	sanMay      []string
	sanExpected []string
	canaries    []string
	n           int
	// undecidable: entries whose truth a sanitized copy cannot show.
	undecidable map[int]string
}

func newXB(name, style string) *xb {
	return &xb{name: name, style: style, app: "multiccy.example.com", idp: "multiccy-auth.auth.eu-west-1.amazoncognito.com",
		t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), jar: map[string][][2]string{}}
}

// secret makes a deterministic fake secret (no real value) and records it
// as a canary.
func (b *xb) secret(prefix string, n int) string {
	b.n++
	const al = "QwErTy7uIoP3aSdF9gHjKlZ5xCvBnM2qWeRtY8uiOpAs4DfGhJkLzX6cVbNm0-_"
	var sb strings.Builder
	sb.WriteString(prefix)
	x := uint32(b.n*2654435761) ^ uint32(len(b.name)*40503)
	for sb.Len() < n {
		x = x*1664525 + 1013904223
		sb.WriteByte(al[(x>>24)%uint32(len(al))])
	}
	s := sb.String()
	b.canaries = append(b.canaries, s)
	return s
}

func (b *xb) jarSet(host, line string) {
	parts := strings.Split(line, ";")
	name, val, _ := strings.Cut(strings.TrimSpace(parts[0]), "=")
	expired := false
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch strings.ToLower(k) {
		case "max-age":
			expired = expired || strings.HasPrefix(v, "-") || v == "0"
		case "expires":
			expired = expired || strings.Contains(v, "1970")
		}
	}
	var keep [][2]string
	for _, c := range b.jar[host] {
		if c[0] != name {
			keep = append(keep, c)
		}
	}
	if !expired {
		keep = append(keep, [2]string{name, val})
	}
	b.jar[host] = keep
}

// dropCookie forgets a cookie the browser did not store (blocked).
func (b *xb) dropCookie(host, name string) {
	var keep [][2]string
	for _, c := range b.jar[host] {
		if c[0] != name {
			keep = append(keep, c)
		}
	}
	b.jar[host] = keep
}

func (b *xb) title(s string) string {
	if b.style == styleChrome {
		return strings.ToLower(s)
	}
	return titleCase(strings.ToLower(s))
}

var resTypes = map[string]string{"document": "document", "style": "stylesheet", "script": "script", "image": "image", "font": "font", "empty": "fetch"}

var accepts = map[string]string{
	"document": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
	"style":    "text/css,*/*;q=0.1",
	"script":   "*/*",
	"image":    "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
	"font":     "application/font-woff2;q=1.0,application/font-woff;q=0.9,*/*;q=0.8",
	"empty":    "application/json, text/plain, */*",
}

func xnv(name, value string) map[string]any { return map[string]any{"name": name, "value": value} }

// ex adds one exchange and its label.
func (b *xb) ex(q xreq, r xresp, kind, phase string, steps []int, note string) {
	if steps == nil {
		steps = []int{}
	}
	if q.method == "" {
		q.method = "GET"
	}
	if q.dest == "" {
		q.dest = "document"
	}
	b.t = b.t.Add(140 * time.Millisecond)
	u, err := url.Parse(q.url)
	if err != nil {
		panic(err)
	}
	host := strings.ToLower(u.Host)
	var reqH []map[string]any
	h := func(n, v string) { reqH = append(reqH, xnv(b.title(n), v)) }
	if b.style == styleChrome {
		reqH = append(reqH, xnv(":authority", host), xnv(":method", q.method), xnv(":path", u.RequestURI()), xnv(":scheme", "https"))
	} else {
		h("Host", host)
	}
	h("Accept", accepts[q.dest])
	if q.dest == "document" {
		h("Upgrade-Insecure-Requests", "1")
	}
	h("Accept-Language", "en-GB,en;q=0.9")
	var reqCookies []map[string]any
	cookieHdr := q.cookieHdr
	if cookieHdr == "" && len(b.jar[host]) > 0 {
		var parts []string
		for _, c := range b.jar[host] {
			parts = append(parts, c[0]+"="+c[1])
		}
		cookieHdr = strings.Join(parts, "; ")
	}
	if cookieHdr != "" {
		h("Cookie", cookieHdr)
		for _, p := range strings.Split(cookieHdr, "; ") {
			n, v, _ := strings.Cut(p, "=")
			reqCookies = append(reqCookies, map[string]any{"name": n, "value": v})
		}
	}
	for _, x := range q.hdr {
		replaced := false
		for _, have := range reqH {
			if strings.EqualFold(have["name"].(string), x[0]) {
				have["value"], replaced = x[1], true
			}
		}
		if !replaced {
			h(x[0], x[1])
		}
	}
	if b.style == styleChrome {
		mode := map[string]string{"document": "navigate", "empty": "cors"}[q.dest]
		if mode == "" {
			mode = "no-cors"
		}
		h("Sec-Fetch-Dest", q.dest)
		h("Sec-Fetch-Mode", mode)
		h("Sec-Fetch-Site", "same-origin")
	}
	ua := map[string]string{
		styleChrome:  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		styleFirefox: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
		styleSafari:  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
	}[b.style]
	h("User-Agent", ua)
	var qs []map[string]any
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		qs = append(qs, xnv(k, v))
	}
	req := map[string]any{"method": q.method, "url": q.url, "httpVersion": map[string]string{styleChrome: "h2", styleFirefox: "HTTP/2", styleSafari: "HTTP/2"}[b.style],
		"headers": orEmptyAny(reqH), "queryString": orEmptyAny(qs), "cookies": orEmptyAny(reqCookies), "headersSize": -1, "bodySize": 0}
	// headersSize as Playwright and Firefox write it (the request line and
	// every header); a sanitizer that drops headers leaves it alone.
	hsize := len(q.method) + 1 + len(u.RequestURI()) + len(" HTTP/1.1\r\n") + 2
	for _, x := range reqH {
		hsize += len(x["name"].(string)) + 2 + len(x["value"].(string)) + 2
	}
	req["headersSize"] = hsize
	if len(q.form) > 0 {
		var params []map[string]any
		var text []string
		for _, f := range q.form {
			v := b.secret("fv-", 14)
			params = append(params, xnv(f, v))
			text = append(text, f+"="+v)
		}
		body := strings.Join(text, "&")
		req["postData"] = map[string]any{"mimeType": "application/x-www-form-urlencoded", "text": body, "params": params}
		req["bodySize"] = len(body)
		reqH = append(reqH, xnv(b.title("Content-Type"), "application/x-www-form-urlencoded"))
		req["headers"] = reqH
	}

	resp := map[string]any{}
	entry := map[string]any{"startedDateTime": b.t.Format("2006-01-02T15:04:05.000Z"), "request": req, "response": resp, "cache": map[string]any{}}
	if r.failed != "" || r.status == 0 {
		resp["status"], resp["statusText"], resp["httpVersion"] = 0, "", ""
		resp["headers"], resp["cookies"] = []any{}, []any{}
		resp["content"] = map[string]any{"size": 0, "mimeType": "x-unknown"}
		resp["redirectURL"], resp["headersSize"], resp["bodySize"] = "", -1, -1
		if b.style == styleChrome {
			resp["_error"] = r.failed
		}
		entry["time"] = 12.5
		entry["timings"] = map[string]any{"blocked": 1.2, "dns": -1, "ssl": -1, "connect": -1, "send": 0, "wait": 0, "receive": 0}
	} else {
		var resH []map[string]any
		rh := func(n, v string) { resH = append(resH, xnv(b.title(n), v)) }
		rh("Date", b.t.Format(time.RFC1123))
		if r.mime != "" {
			rh("Content-Type", r.mime)
		}
		rh("Content-Length", fmt.Sprint(r.size))
		if r.loc != "" {
			rh("Location", r.loc)
		}
		switch r.server {
		case "alb":
			rh("Server", "awselb/2.0")
		case "cognito":
			rh("Server", "Server")
			rh("X-Amz-Cognito-Request-Id", fmt.Sprintf("0c4b%04x-5e2a-4d7c-9b1e-6f3a2d8c%04x", b.n, len(b.ents)))
			rh("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains")
		case "":
		default:
			rh("Server", r.server)
		}
		for _, x := range r.hdr {
			rh(x[0], x[1])
		}
		var resCookies []map[string]any
		for _, line := range r.set {
			rh("Set-Cookie", line)
			b.jarSet(host, line)
			resCookies = append(resCookies, parseSetCookieForHAR(line))
		}
		status := map[int]string{200: "OK", 302: "Found", 303: "See Other", 400: "Bad Request", 401: "Unauthorized", 500: "Internal Server Error", 503: "Service Temporarily Unavailable", 561: ""}[r.status]
		redir := r.loc
		if b.style == styleSafari {
			redir = ""
		} else if redir != "" {
			if lu, err := u.Parse(redir); err == nil {
				redir = lu.String()
			}
		}
		resp["status"], resp["statusText"], resp["httpVersion"] = r.status, status, req["httpVersion"]
		resp["headers"], resp["cookies"] = resH, orEmptyAny(resCookies)
		mime := r.mime
		if mime == "" {
			mime = "x-unknown"
		}
		resp["content"] = map[string]any{"size": r.size, "mimeType": mime}
		resp["redirectURL"], resp["headersSize"], resp["bodySize"] = redir, -1, r.size
		entry["time"] = 48.0
		entry["timings"] = map[string]any{"blocked": 2.0, "dns": -1, "ssl": -1, "connect": -1, "send": 0.5, "wait": 40.0, "receive": 5.5}
	}
	switch b.style {
	case styleChrome:
		entry["_resourceType"] = resTypes[q.dest]
		entry["_priority"] = "High"
		entry["_initiator"] = map[string]any{"type": "other"}
	case styleFirefox:
		entry["_securityState"] = "secure"
	case styleSafari:
		entry["_fetchType"] = "Network Load"
		entry["_priority"] = "medium"
	}
	entry["pageref"] = "page_1"
	b.ents = append(b.ents, entry)
	b.labs = append(b.labs, xlabel{Index: len(b.labs), URL: q.url, Method: q.method, Status: r.status, Kind: kind, Phase: phase, Steps: steps, Note: note})
}

func orEmptyAny[T any](x []T) []T {
	if x == nil {
		return []T{}
	}
	return x
}

func parseSetCookieForHAR(line string) map[string]any {
	parts := strings.Split(line, ";")
	name, val, _ := strings.Cut(strings.TrimSpace(parts[0]), "=")
	c := map[string]any{"name": name, "value": strings.Trim(val, `"`)}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch strings.ToLower(k) {
		case "path":
			c["path"] = v
		case "domain":
			c["domain"] = v
		case "secure":
			c["secure"] = true
		case "httponly":
			c["httpOnly"] = true
		case "samesite":
			c["sameSite"] = v
		case "expires":
			if t, err := time.Parse(time.RFC1123, v); err == nil {
				c["expires"] = t.UTC().Format("2006-01-02T15:04:05.000Z")
			}
		}
	}
	return c
}

// har returns the capture as JSON.
func (b *xb) har() []byte {
	creator := map[string]string{styleChrome: "WebInspector", styleFirefox: "Firefox", styleSafari: "WebKit Web Inspector"}[b.style]
	lg := map[string]any{"version": "1.2", "creator": map[string]any{"name": creator, "version": "537.36"},
		"pages":   []any{map[string]any{"startedDateTime": "2026-11-20T09:00:00.000Z", "id": "page_1", "title": "multiccy", "pageTimings": map[string]any{}}},
		"entries": b.ents}
	if b.style == styleFirefox {
		lg["browser"] = map[string]any{"name": "Firefox", "version": "133.0"}
	}
	out, err := json.MarshalIndent(map[string]any{"log": lg}, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(out, '\n')
}

var cookieOnlyCodes = []string{CodeSessionCookieSharded, CodeCookieAttributes}

func (b *xb) labels(sanitized bool) []byte {
	l := xlabels{Har: b.name + ".har", Variant: "full", Exporter: b.style, Scenario: b.name, Description: b.about,
		Entries: b.labs, Expected: slices.Clone(b.expected), Forbidden: []string{}, May: []string{}, Canaries: b.canaries}
	if l.Expected == nil {
		l.Expected = []string{}
	}
	l.Forbidden = []string{}
	for _, c := range Codes() {
		if !slices.Contains(b.expected, c) && !slices.Contains(b.forbidden, c) && c != CodeSanitizedCapture {
			l.May = append(l.May, c)
		}
	}
	for _, c := range Codes() {
		if slices.Contains(b.forbidden, c) || c == CodeSanitizedCapture {
			l.Forbidden = append(l.Forbidden, c)
		}
	}
	if sanitized {
		l.Har, l.Variant = b.name+".sanitized.har", "sanitized"
		l.Entries = slices.Clone(b.labs)
		for i := range l.Entries {
			l.Entries[i].Undecidable = b.undecidable[i]
		}
		var exp, forb []string
		for _, c := range l.Expected {
			if !slices.Contains(cookieOnlyCodes, c) && !slices.Contains(b.sanMay, c) {
				exp = append(exp, c)
			}
		}
		exp = append(exp, b.sanExpected...)
		exp = append(exp, CodeSanitizedCapture)
		for _, c := range l.Forbidden {
			if c != CodeSanitizedCapture && !slices.Contains(b.sanMay, c) && !slices.Contains(b.sanExpected, c) {
				forb = append(forb, c)
			}
		}
		l.Expected, l.Forbidden = orEmptyAny(exp), orEmptyAny(forb)
		l.May = []string{}
		for _, c := range Codes() {
			if !slices.Contains(l.Expected, c) && !slices.Contains(l.Forbidden, c) {
				l.May = append(l.May, c)
			}
		}
	}
	out, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(out, '\n')
}

// sanitizeHAR does what Chrome's "Export HAR (sanitized)" does: no Cookie,
// Set-Cookie or Authorization header, empty cookie arrays. It works on any
// HAR document and keeps everything else as it was.
func sanitizeHAR(in []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(bytes.TrimPrefix(in, []byte("\xef\xbb\xbf")), &doc); err != nil {
		return nil, err
	}
	lg, _ := doc["log"].(map[string]any)
	ents, _ := lg["entries"].([]any)
	for _, e := range ents {
		em, _ := e.(map[string]any)
		for _, side := range []string{"request", "response"} {
			m, _ := em[side].(map[string]any)
			if m == nil {
				continue
			}
			if hs, ok := m["headers"].([]any); ok {
				keep := []any{}
				for _, h := range hs {
					hm, _ := h.(map[string]any)
					n, _ := hm["name"].(string)
					switch strings.ToLower(n) {
					case "cookie", "set-cookie", "authorization":
						continue
					}
					keep = append(keep, h)
				}
				m["headers"] = keep
			}
			if _, ok := m["cookies"]; ok {
				m["cookies"] = []any{}
			}
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// classifyLikeInspect reads, redacts (har.NewRedactor, entry by entry) and
// classifies a capture as seqdoc inspect does.
func classifyLikeInspect(t testing.TB, path string) *Flow {
	t.Helper()
	log, entries, err := har.ReadFile(path, har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	red := har.NewRedactor(RedactOptions(nil))
	for _, e := range entries {
		red.Entry(e)
	}
	red.Log(log)
	return Classify(log, entries)
}

func TestSanitizeHAR(t *testing.T) {
	h := filepath.Join(sharedDir, "fixtures", "har-browser", "a-happy-path.har")
	in, err := os.ReadFile(shareddata.Need(t, h))
	if err != nil {
		t.Fatal(err)
	}
	out, err := sanitizeHAR(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{`"cookie"`, `"set-cookie"`, `"AWSELBAuthSessionCookie-0="`} {
		if bytes.Contains(bytes.ToLower(out), bytes.ToLower([]byte(bad))) {
			t.Errorf("sanitized copy still holds %s", bad)
		}
	}
	// The same classification as Chrome's own sanitized export of it.
	dir := t.TempDir()
	p := filepath.Join(dir, "s.har")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	got := classifyLikeInspect(t, p)
	want := classifyLikeInspect(t, filepath.Join(sharedDir, "fixtures", "har-browser", "a-happy-path.sanitized.har"))
	for i := range want.Entries {
		g, w := got.Entries[i], want.Entries[i]
		if g.Kind != w.Kind || g.Phase != w.Phase || !reflect.DeepEqual(g.Steps, w.Steps) {
			t.Errorf("#%d: our sanitized copy %s/%s/%v, Chrome's %s/%s/%v", i, g.Kind, g.Phase, g.Steps, w.Kind, w.Phase, w.Steps)
		}
	}
	if !got.Sanitized {
		t.Error("sanitized copy not seen as sanitized")
	}
}

// TestIndependentFilesUpToDate: the committed captures are what the
// scenarios make (regenerate with -regen-independent).
func TestIndependentFilesUpToDate(t *testing.T) {
	for _, s := range independentScenarios {
		b := s()
		checkFiles(t, independentDir, b.files(t), *regenIndependent, "go test -run TestIndependentFilesUpToDate -regen-independent")
	}
}

func (b *xb) files(t testing.TB) map[string][]byte {
	full := b.har()
	san, err := sanitizeHAR(full)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		b.name + ".har": full, b.name + ".labels.json": b.labels(false),
		b.name + ".sanitized.har": san, b.name + ".sanitized.labels.json": b.labels(true),
	}
}

// independentCaptures lists the capture files (full and sanitized).
func independentCaptures(t *testing.T) []string {
	var hars []string
	for _, s := range independentScenarios {
		b := s()
		hars = append(hars, filepath.Join(independentDir, b.name+".har"), filepath.Join(independentDir, b.name+".sanitized.har"))
	}
	return hars
}

// TestIndependentCaptures: every entry's kind, phase and steps, and the
// findings, of every independent capture, full and sanitized.
func TestIndependentCaptures(t *testing.T) {
	for _, h := range independentCaptures(t) {
		name := strings.TrimSuffix(filepath.Base(h), ".har")
		t.Run(name, func(t *testing.T) {
			l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
			f := classifyLikeInspect(t, h)
			checkLabels(t, name, f, l, true)
			// seqdoc inspect streams (package capture): the same answer.
			sf := classifyStream(t, h)
			var j1, j2 bytes.Buffer
			if err := WriteJSON(&j1, f); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&j2, sf); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(j1.Bytes(), j2.Bytes()) {
				t.Errorf("streaming and Classify disagree on %s", name)
			}
			b, err := json.Marshal(struct {
				F *Flow
				G []GlossaryRow
			}{f, Glossary(f)})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range l.Canaries {
				if strings.Contains(string(b), c) {
					t.Errorf("secret %.10s… reached the flow", c)
				}
			}
		})
	}
}

// The accuracy TestIndependentAccuracy demands over every independent
// capture (all 100 % when written): entries whose kind, phase and steps
// are all right, and finding rules (expected present, forbidden absent)
// that hold.
const (
	minEntryAccuracy   = 0.98
	minFindingAccuracy = 0.98
)

// TestIndependentAccuracy counts, per capture, how many entries are right
// (kind, phase and steps all) and how many finding rules hold (run with -v
// for the table), and fails below minEntryAccuracy or minFindingAccuracy.
func TestIndependentAccuracy(t *testing.T) {
	var lines []string
	totE, okE, totF, okF, totU := 0, 0, 0, 0, 0
	for _, h := range independentCaptures(t) {
		l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
		f := classifyLikeInspect(t, h)
		e, fo, fe, ff := 0, 0, 0, 0
		und := 0
		for i, w := range l.Entries {
			if w.Undecidable != "" {
				und++
				continue
			}
			if i < len(f.Entries) {
				g := f.Entries[i]
				if string(g.Kind) == w.Kind && string(g.Phase) == w.Phase && reflect.DeepEqual(g.Steps, orEmpty(w.AWSSteps)) {
					e++
				}
			}
		}
		have := codes(f)
		for _, c := range l.Expected {
			ff++
			if slices.Contains(have, c) {
				fo++
			}
		}
		for _, c := range l.Forbidden {
			ff++
			if !slices.Contains(have, c) {
				fo++
			}
		}
		_ = fe
		totE += len(l.Entries) - und
		okE += e
		totF += ff
		okF += fo
		totU += und
		lines = append(lines, fmt.Sprintf("%-56s entries %2d/%-2d findings %2d/%-2d undecidable %d", filepath.Base(h), e, len(l.Entries)-und, fo, ff, und))
	}
	sort.Strings(lines)
	for _, s := range lines {
		t.Log(s)
	}
	t.Logf("TOTAL entries %d/%d findings %d/%d (entries undecidable from the capture, not counted: %d)", okE, totE, okF, totF, totU)
	if totE == 0 || totF == 0 {
		t.Fatalf("no entries (%d) or finding rules (%d) to count", totE, totF)
	}
	if acc := float64(okE) / float64(totE); acc < minEntryAccuracy {
		t.Errorf("entries right: %d/%d = %.1f %%, want at least %.0f %%", okE, totE, 100*acc, 100*minEntryAccuracy)
	}
	if acc := float64(okF) / float64(totF); acc < minFindingAccuracy {
		t.Errorf("finding rules holding: %d/%d = %.1f %%, want at least %.0f %%", okF, totF, 100*acc, 100*minFindingAccuracy)
	}
}

// TestIndependentExporterVariants: the labels of every full independent
// capture still hold when an exporter writes it differently: what
// Firefox/Safari leave out (resource type, Sec-Fetch-*, redirectURL),
// header-name casing, Set-Cookie lines joined by "\n" in one header
// (chrome-har-capturer, Firebug), cookies only in the parsed arrays with no
// Cookie/Set-Cookie header (Fiddler, Charles), HTTP/2 pseudo-headers dropped.
func TestIndependentExporterVariants(t *testing.T) {
	variants := map[string]func(e *har.Entry){
		"bare": func(e *har.Entry) {
			dropExtra(e, "_resourceType")
			e.Request.Headers = dropHeaders(e.Request.Headers, "sec-fetch-")
			e.Response.RedirectURL = ""
		},
		"lower-case": func(e *har.Entry) {
			for _, hs := range [][]har.NameValue{e.Request.Headers, e.Response.Headers} {
				for i := range hs {
					hs[i].Name = strings.ToLower(hs[i].Name)
				}
			}
		},
		"joined-set-cookie": func(e *har.Entry) {
			var lines []string
			var keep []har.NameValue
			for _, h := range e.Response.Headers {
				if strings.EqualFold(h.Name, "set-cookie") {
					lines = append(lines, h.Value)
					continue
				}
				keep = append(keep, h)
			}
			if len(lines) > 0 {
				keep = append(keep, har.NameValue{Name: "Set-Cookie", Value: strings.Join(lines, "\n")})
			}
			e.Response.Headers = keep
		},
		"cookie-arrays-only": func(e *har.Entry) {
			e.Request.Headers = dropHeaders(e.Request.Headers, "cookie")
			e.Response.Headers = dropHeaders(e.Response.Headers, "set-cookie")
		},
		"no-pseudo-headers": func(e *har.Entry) { e.Request.Headers = dropHeaders(e.Request.Headers, ":") },
		// BrowserMob: a 3xx with redirectURL and no Location header.
		"redirect-url-only": func(e *har.Entry) {
			if e.Response.RedirectURL != "" {
				e.Response.Headers = dropHeaders(e.Response.Headers, "location")
			}
		},
		// Playwright: a request without a response is status -1 with
		// _failureText, not Chrome's _error.
		"playwright-failures": func(e *har.Entry) {
			if e.Response.Status <= 0 || e.Response.Extra.String("_error") != "" {
				var keep har.Extensions
				for _, f := range e.Response.Extra {
					if f.Name != "_error" {
						keep = append(keep, f)
					}
				}
				e.Response.Extra = keep
				e.Response.Status = -1
				e.Extra = append(e.Extra, har.Field{Name: "_failureText", Value: har.RawJSON(`"net::ERR_FAILED"`)})
			}
		},
		// cloudflare/har-sanitizer style: names kept, every cookie value
		// replaced by "[name redacted]" (sizes no longer tell).
		"values-redacted": func(e *har.Entry) {
			for i, h := range e.Request.Headers {
				if strings.EqualFold(h.Name, "cookie") {
					var parts []string
					for _, p := range strings.Split(h.Value, "; ") {
						n, _, _ := strings.Cut(p, "=")
						parts = append(parts, n+"=["+n+" redacted]")
					}
					e.Request.Headers[i].Value = strings.Join(parts, "; ")
				}
			}
			for i, h := range e.Response.Headers {
				if strings.EqualFold(h.Name, "set-cookie") {
					n, rest, _ := strings.Cut(h.Value, "=")
					v, attrs, _ := strings.Cut(rest, ";")
					if v != "" {
						v = "[" + n + " redacted]"
					}
					e.Response.Headers[i].Value = n + "=" + v + ";" + attrs
				}
			}
			for i := range e.Request.Cookies {
				e.Request.Cookies[i].Value = "[" + e.Request.Cookies[i].Name + " redacted]"
			}
			for i := range e.Response.Cookies {
				if e.Response.Cookies[i].Value != "" {
					e.Response.Cookies[i].Value = "[" + e.Response.Cookies[i].Name + " redacted]"
				}
			}
		},
	}
	names := make([]string, 0, len(variants))
	for n := range variants {
		names = append(names, n)
	}
	sort.Strings(names)
	// Full and sanitized copies; the shared fixtures and the simulator's
	// captures too.
	caps := independentCaptures(t)
	shared, _ := filepath.Glob(filepath.Join(sharedDir, "fixtures", "har-browser", "*.har"))
	caps = append(caps, shared...)
	gen, _ := filepath.Glob(filepath.Join(genDir, "*.har"))
	for _, h := range gen {
		// The simulator's sanitized labels hold steps a sanitized copy
		// cannot show (TestGeneratedCaptures checks only their kinds).
		if !strings.HasSuffix(h, ".sanitized.har") {
			caps = append(caps, h)
		}
	}
	for _, h := range caps {
		l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
		for _, name := range names {
			t.Run(filepath.Base(h)+"/"+name, func(t *testing.T) {
				log, entries, err := har.ReadFile(h, har.ReadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					variants[name](e)
				}
				red := har.NewRedactor(RedactOptions(nil))
				for _, e := range entries {
					red.Entry(e)
				}
				red.Log(log)
				checkLabels(t, name, Classify(log, entries), l, true)
			})
		}
	}
}

// TestIndependentPartialShardLogout: when the logout expired only some
// shards, session-cookie-sharded names that logout and the shards it left.
func TestIndependentPartialShardLogout(t *testing.T) {
	f := classifyLikeInspect(t, filepath.Join(independentDir, "i07-sharded-logout-shard0-only.har"))
	for _, x := range f.Findings {
		if x.Code != CodeSessionCookieSharded {
			continue
		}
		if !slices.Contains(x.Entries, 9) || !strings.Contains(x.Message, "expired only AWSELBAuthSessionCookie-0 and left AWSELBAuthSessionCookie-1, AWSELBAuthSessionCookie-2, AWSELBAuthSessionCookie-3") {
			t.Errorf("entries %v, message %q: want the logout #9 and the shards it left", x.Entries, x.Message)
		}
		return
	}
	t.Fatal("no session-cookie-sharded finding")
}

// TestIndependentDiagramsAndGlossary: every independent capture draws (both
// folded and full) and gives a glossary, the same bytes twice, and no
// secret reaches either.
func TestIndependentDiagramsAndGlossary(t *testing.T) {
	for _, h := range independentCaptures(t) {
		l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
		render := func() []byte {
			f := classifyLikeInspect(t, h)
			b, err := json.Marshal(struct {
				D1, D2 any
				G      []GlossaryRow
			}{f.Diagram(DiagramOptions{}), f.Diagram(DiagramOptions{All: true}), Glossary(f)})
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		a, b := render(), render()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: diagram or glossary differs between two runs", h)
		}
		for _, c := range l.Canaries {
			if bytes.Contains(a, []byte(c)) {
				t.Errorf("%s: secret %.10s… reached the diagram or glossary", h, c)
			}
		}
	}
}

// TestAppSessionCookieNames: the framework session cookies cookie-attributes
// looks at, and names it must leave alone.
func TestAppSessionCookieNames(t *testing.T) {
	for _, n := range []string{"JSESSIONID", "PHPSESSID", "connect.sid", ".AspNetCore.Session", ".AspNetCore.Cookies", "koa.sess", "_multiccy_session", "SESSION", "ASPSESSIONIDQACTRDBS"} {
		if !isAppSessionCookie(n) {
			t.Errorf("%s: not seen as an application session cookie", n)
		}
	}
	for _, n := range []string{"AWSALB", "AWSALBCORS", "XSRF-TOKEN", "lang", "_ga", "prefs"} {
		if isAppSessionCookie(n) {
			t.Errorf("%s: wrongly seen as an application session cookie", n)
		}
	}
}
