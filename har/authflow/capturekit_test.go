package authflow

// A small kit to write the captures of the issue 9 tests (quirks of
// exporters, OIDC IdP families, incomplete and inconsistent captures): a
// scripted exchange (kx) says what the browser sent and got and what the
// exchange truly is (kind, steps, phase: DESIGN.md's table); writers put the
// same script into the shape each exporter gives a HAR (shared/docs/
// har-variants.md, the public files of shared/fixtures/har-public, the
// chrome-har captures of shared/fixtures/har-browser-cdp). The captures are
// written in memory by the tests; nothing here was generated from the
// classifier's output.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/har"
)

// kx is one scripted exchange and its truth.
type kx struct {
	m, u string // method (GET when empty) and URL
	st   int    // status; 0: the request failed (no response)
	// dest is what the browser asked for (Sec-Fetch-Dest): document
	// (default), style, script, image, font, empty (fetch/XHR); favicon is
	// an image the exporter types "other".
	dest   string
	site   string   // Sec-Fetch-Site (default same-origin)
	cookie string   // the Cookie header the browser sent ("" none)
	ref    string   // Referer
	req    []string // other request headers, "Name: value"
	resp   []string // response headers, "Name: value" (Location, Server, Set-Cookie …)
	mime   string
	// chain numbers the hops of one navigation's redirect chain (0: none).
	chain int
	// cached: the browser's cache answered (no request left it).
	cached bool
	// bg: the browser's own background request (only proxies see it).
	bg bool
	// sw: a fetch a service worker answered, exported twice.
	sw bool
	// ms is the time the exchange took.
	ms float64
	// undecided: this copy of the capture cannot show the entry's steps
	// (a sanitized copy without the cookie that decides them).
	undecided bool

	// The truth.
	kind  Kind
	steps []int
	phase Phase
}

// Steps of the truth.
var (
	s12   = []int{1, 2}
	s3to8 = []int{3, 4, 5, 6, 7, 8}
	s911  = []int{9, 10, 11}
	none  = []int{}
)

func (x kx) method() string {
	if x.m == "" {
		return "GET"
	}
	return x.m
}

func (x kx) destination() string {
	if x.dest == "" {
		return "document"
	}
	return x.dest
}

func (x kx) host() string {
	u, _ := url.Parse(x.u)
	return u.Host
}

func (x kx) respHeader(name string) string {
	for _, h := range x.resp {
		n, v, _ := strings.Cut(h, ": ")
		if strings.EqualFold(n, name) {
			return v
		}
	}
	return ""
}

// kit writes a script as an exporter would.
type kit struct {
	start time.Time
	xs    []kx
}

func newKit(xs ...kx) *kit {
	return &kit{start: time.Date(2026, 6, 2, 8, 30, 0, 0, time.UTC), xs: xs}
}

type kobj = map[string]any

func kpair(n, v string) kobj { return kobj{"name": n, "value": v} }

func kitHeaders(hs []string, lower bool) []kobj {
	out := []kobj{}
	for _, h := range hs {
		n, v, _ := strings.Cut(h, ": ")
		if lower {
			n = strings.ToLower(n)
		}
		out = append(out, kpair(n, v))
	}
	return out
}

func kitTitle(n string) string {
	parts := strings.Split(strings.ToLower(n), "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}

var kitAccept = map[string]string{
	"document": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
	"style":    "text/css,*/*;q=0.1",
	"script":   "*/*",
	"image":    "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
	"favicon":  "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
	"font":     "*/*",
	"empty":    "application/json",
}

// devtoolsType is the resource type as DevTools spells it.
func kitType(dest string) string {
	switch dest {
	case "document":
		return "document"
	case "style":
		return "stylesheet"
	case "script":
		return "script"
	case "image":
		return "image"
	case "font":
		return "font"
	case "empty":
		return "fetch"
	}
	return "other"
}

// requestHeaders are the browser's request headers of x: Chromium's unless
// noFetchMeta (Safari before 16.4 sends no Sec-Fetch-*).
func kitRequestHeaders(x kx, noFetchMeta bool) []string {
	d := x.destination()
	hs := []string{"Accept: " + kitAccept[d], "Accept-Language: en-GB,en;q=0.9"}
	if d == "document" {
		hs = append(hs, "Upgrade-Insecure-Requests: 1")
	}
	if x.cookie != "" {
		hs = append(hs, "Cookie: "+x.cookie)
	}
	if x.ref != "" {
		hs = append(hs, "Referer: "+x.ref)
	}
	if !noFetchMeta {
		site := x.site
		if site == "" {
			site = "same-origin"
		}
		dest, mode := d, "no-cors"
		switch d {
		case "document":
			mode = "navigate"
		case "empty":
			mode = "cors"
		case "favicon":
			dest = "image"
		}
		hs = append(hs, "Sec-Fetch-Dest: "+dest, "Sec-Fetch-Mode: "+mode, "Sec-Fetch-Site: "+site)
	}
	hs = append(hs, x.req...)
	hs = append(hs, "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36")
	return hs
}

func kitQuery(raw string) []kobj {
	out := []kobj{}
	u, err := url.Parse(raw)
	if err != nil {
		return out
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		out = append(out, kpair(k, v))
	}
	return out
}

func kitRedirect(st int) bool { return st >= 300 && st < 400 && st != 304 }

// entry writes x as a HAR entry with the given headers; the caller adds
// the exporter's own fields.
func (k *kit) entry(x kx, at time.Time, reqH, respH []kobj, httpVersion string) kobj {
	content := kobj{"size": 120, "mimeType": x.mime}
	if x.mime == "" {
		content["mimeType"] = "text/html"
		if kitRedirect(x.st) {
			content["mimeType"] = ""
		}
	}
	redirectURL := ""
	if kitRedirect(x.st) {
		redirectURL = x.respHeader("Location")
	}
	ms := x.ms
	if ms == 0 {
		ms = 42.5
	}
	e := kobj{
		"startedDateTime": at.Format("2006-01-02T15:04:05.000Z"),
		"time":            ms,
		"request": kobj{"method": x.method(), "url": x.u, "httpVersion": httpVersion, "headers": reqH,
			"queryString": kitQuery(x.u), "cookies": []kobj{}, "headersSize": -1, "bodySize": 0},
		"response": kobj{"status": x.st, "statusText": "", "httpVersion": httpVersion, "headers": respH, "cookies": []kobj{},
			"content": content, "redirectURL": redirectURL, "headersSize": -1, "bodySize": 120},
		"cache":   kobj{},
		"timings": kobj{"blocked": 0.4, "dns": -1, "connect": -1, "ssl": -1, "send": 0.2, "wait": ms - 2, "receive": 1.4},
	}
	if x.method() == "POST" {
		e["request"].(kobj)["postData"] = kobj{"mimeType": "application/x-www-form-urlencoded", "text": "username=u&password=p"}
	}
	if x.st == 0 {
		r := e["response"].(kobj)
		r["httpVersion"], r["headers"], r["_error"] = "", []kobj{}, "net::ERR_ABORTED"
	}
	return e
}

func (k *kit) at(i int) time.Time { return k.start.Add(time.Duration(i) * 180 * time.Millisecond) }

func (k *kit) doc(creator kobj, pages bool, entries []kobj) []byte {
	log := kobj{"version": "1.2", "creator": creator, "entries": entries}
	if pages {
		log["pages"] = []kobj{{"startedDateTime": k.start.Format("2006-01-02T15:04:05.000Z"), "id": "page_1", "title": "", "pageTimings": kobj{"onContentLoad": 900.5, "onLoad": 1200.25}}}
	}
	b, err := json.MarshalIndent(kobj{"log": log}, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// visible are the exchanges a browser-side exporter records (not the
// browser's background requests).
func (k *kit) visible() []kx {
	return slices.DeleteFunc(slices.Clone(k.xs), func(x kx) bool { return x.bg })
}

// devtools writes the capture as Chrome's DevTools "Export HAR (with
// sensitive data)" does: lower-case HTTP/2 headers after the pseudo-headers,
// _resourceType, redirectURL, a page. A service worker's fetch appears twice:
// the page's (answered by the worker) and the worker's own.
func (k *kit) devtools() ([]byte, []kx) {
	var entries []kobj
	var truth []kx
	for i, x := range k.visible() {
		u, _ := url.Parse(x.u)
		reqH := []kobj{kpair(":authority", u.Host), kpair(":method", x.method()), kpair(":path", u.RequestURI()), kpair(":scheme", "https")}
		reqH = append(reqH, kitHeaders(kitRequestHeaders(x, false), true)...)
		e := k.entry(x, k.at(i), reqH, kitHeaders(x.resp, true), "h2")
		e["_resourceType"], e["_priority"], e["pageref"] = kitType(x.destination()), "High", "page_1"
		e["_initiator"] = kobj{"type": "other"}
		if x.cached {
			e["_fromCache"] = "memory"
		}
		if x.sw {
			e["response"].(kobj)["_fetchedViaServiceWorker"] = true
			entries, truth = append(entries, e), append(truth, x)
			w := k.entry(x, k.at(i).Add(3*time.Millisecond), reqH, kitHeaders(x.resp, true), "h2")
			w["_resourceType"], w["_initiator"] = "fetch", kobj{"type": "other"}
			e = w
		}
		entries, truth = append(entries, e), append(truth, x)
	}
	return k.doc(kobj{"name": "WebInspector", "version": "537.36"}, true, entries), truth
}

// chromeHAR writes the capture as chrome-har 1.x (browsertime, sitespeed.io,
// puppeteer recorders) does from the DevTools protocol's events: each hop
// its own entry, but the last entry of a redirect chain carries the first
// hop's response headers (the ExtraInfo event matched to the wrong entry),
// redirect hops carry no Set-Cookie, Set-Cookie lines are joined by "\n",
// request ids with an "r" on redirect hops, favicon requests typed "other".
// It returns the capture and the entries whose headers were moved.
func (k *kit) chromeHAR() ([]byte, []kx, []int) {
	xs := k.visible()
	firstOfChain := map[int]int{}
	lastOfChain := map[int]int{}
	for i, x := range xs {
		if x.chain == 0 {
			continue
		}
		if _, ok := firstOfChain[x.chain]; !ok {
			firstOfChain[x.chain] = i
		}
		lastOfChain[x.chain] = i
	}
	var entries []kobj
	var moved []int
	for i, x := range xs {
		src := x
		if x.chain != 0 && lastOfChain[x.chain] == i && firstOfChain[x.chain] != i && !kitRedirect(x.st) {
			src = xs[firstOfChain[x.chain]]
			moved = append(moved, i)
		}
		var respH []string
		var sc []string
		for _, h := range src.resp {
			n, v, _ := strings.Cut(h, ": ")
			if strings.EqualFold(n, "set-cookie") {
				sc = append(sc, v)
				continue
			}
			respH = append(respH, h)
		}
		if len(sc) > 0 && (!kitRedirect(src.st) || src.u != x.u) {
			respH = append(respH, "set-cookie: "+strings.Join(sc, "\n"))
		}
		e := k.entry(x, k.at(i), kitHeaders(kitRequestHeaders(x, false), true), kitHeaders(respH, true), "h2")
		id := fmt.Sprintf("%d.%d", 28160, i+1)
		if x.chain != 0 {
			id = fmt.Sprintf("CHAIN%02dA7B3", x.chain)
			if lastOfChain[x.chain] != i {
				id += "r"
			}
		}
		e["_requestId"], e["_initiator_type"], e["_priority"], e["pageref"] = id, "other", "High", "page_1"
		e["_resourceType"] = kitType(x.destination())
		e["connection"], e["serverIPAddress"] = "443", "203.0.113.7"
		entries = append(entries, e)
	}
	return k.doc(kobj{"name": "chrome-har", "version": "1.3.1", "comment": "https://github.com/sitespeedio/chrome-har"}, true, entries), xs, moved
}

// proxy writes the capture as a decrypting proxy (Charles) does: a CONNECT
// tunnel entry before the first request to each host, HTTP/1.1 headers in
// Title-Case, no pages, the browser's own background requests too. Tunnels
// are "other" (DESIGN.md) in the phase in effect.
func (k *kit) proxy() ([]byte, []kx) {
	var entries []kobj
	var truth []kx
	tunnels := map[string]bool{}
	phase := PhaseLogin
	n := 0
	for _, x := range k.xs {
		if h := x.host(); !tunnels[h] {
			tunnels[h] = true
			t := kx{m: "CONNECT", u: "https://" + h + ":443", st: 200, kind: KindOther, steps: none, phase: phase, dest: "empty"}
			e := k.entry(t, k.at(n), kitHeaders([]string{"Host: " + h + ":443", "Proxy-Connection: keep-alive", "User-Agent: Mozilla/5.0"}, false), []kobj{}, "HTTP/1.1")
			e["response"].(kobj)["content"] = kobj{"size": 0, "mimeType": ""}
			entries, truth = append(entries, e), append(truth, t)
			n++
		}
		var reqH []string
		for _, h := range append([]string{"Host: " + x.host()}, kitRequestHeaders(x, false)...) {
			name, v, _ := strings.Cut(h, ": ")
			reqH = append(reqH, kitTitle(name)+": "+v)
		}
		var respH []string
		for _, h := range x.resp {
			name, v, _ := strings.Cut(h, ": ")
			respH = append(respH, kitTitle(name)+": "+v)
		}
		e := k.entry(x, k.at(n), kitHeaders(reqH, false), kitHeaders(respH, false), "HTTP/1.1")
		e["response"].(kobj)["_charlesStatus"] = "COMPLETE"
		entries, truth = append(entries, e), append(truth, x)
		if x.kind != KindOther {
			phase = x.phase
		}
		n++
	}
	return k.doc(kobj{"name": "Charles Proxy", "version": "4.6.6"}, false, entries), truth
}

// firefox writes the capture as Firefox's "Save All As HAR" does: no
// _resourceType, Title-Case request headers, bodies left out with a
// content comment; a hit of Firefox's cache has no response headers, an
// empty httpVersion, empty timings and a time of 0 (firefox-111.har).
func (k *kit) firefox() ([]byte, []kx) {
	var entries []kobj
	xs := k.visible()
	for i, x := range xs {
		var reqH []string
		for _, h := range append([]string{"Host: " + x.host()}, kitRequestHeaders(x, false)...) {
			name, v, _ := strings.Cut(h, ": ")
			reqH = append(reqH, kitTitle(name)+": "+v)
		}
		e := k.entry(x, k.at(i), kitHeaders(reqH, false), kitHeaders(x.resp, true), "HTTP/2")
		e["response"].(kobj)["content"].(kobj)["comment"] = "Response bodies are not included."
		if x.cached {
			r := e["response"].(kobj)
			r["httpVersion"], r["headers"] = "", []kobj{}
			e["timings"], e["time"] = kobj{}, 0
		}
		e["pageref"], e["_securityState"] = "page_1", "secure"
		entries = append(entries, e)
	}
	return k.doc(kobj{"name": "Firefox", "version": "136.0"}, true, entries), xs
}

// safari writes the capture as Safari 16.3's Web Inspector does: no
// Sec-Fetch-* (Safari sends them from 16.4), empty cookie arrays next to the
// Cookie and Set-Cookie headers, an empty httpVersion on most entries, and a
// memory-cache hit with _fetchType and no request headers.
func (k *kit) safari() ([]byte, []kx) {
	var entries []kobj
	xs := k.visible()
	for i, x := range xs {
		var reqH []string
		for _, h := range kitRequestHeaders(x, true) {
			name, v, _ := strings.Cut(h, ": ")
			reqH = append(reqH, kitTitle(name)+": "+v)
		}
		e := k.entry(x, k.at(i), kitHeaders(reqH, false), kitHeaders(x.resp, false), "")
		e["_fetchType"], e["_priority"], e["pageref"] = "Network Load", "medium", "page_1"
		if x.cached {
			e["_fetchType"] = "Memory Cache"
			e["request"].(kobj)["headers"] = []kobj{}
		}
		entries = append(entries, e)
	}
	return k.doc(kobj{"name": "WebKit Web Inspector", "version": "18616.3"}, true, entries), xs
}

// unsorted writes the DevTools capture with its entries in the order the
// exchanges finished, not started (a slow page before the fast redirects
// that followed it).
func (k *kit) unsorted() ([]byte, []kx) {
	xs := k.visible()
	type ended struct {
		i   int
		end time.Time
	}
	var order []ended
	for i, x := range xs {
		ms := x.ms
		if ms == 0 {
			ms = 42.5
		}
		order = append(order, ended{i, k.at(i).Add(time.Duration(ms * float64(time.Millisecond)))})
	}
	sort.SliceStable(order, func(a, b int) bool { return order[a].end.Before(order[b].end) })
	var entries []kobj
	var truth []kx
	for _, o := range order {
		x := xs[o.i]
		u, _ := url.Parse(x.u)
		reqH := []kobj{kpair(":authority", u.Host), kpair(":method", x.method()), kpair(":path", u.RequestURI()), kpair(":scheme", "https")}
		reqH = append(reqH, kitHeaders(kitRequestHeaders(x, false), true)...)
		e := k.entry(x, k.at(o.i), reqH, kitHeaders(x.resp, true), "h2")
		e["_resourceType"], e["pageref"] = kitType(x.destination()), "page_1"
		entries, truth = append(entries, e), append(truth, x)
	}
	return k.doc(kobj{"name": "WebInspector", "version": "537.36"}, true, entries), truth
}

// sanitize removes Cookie, Set-Cookie and Authorization as Chrome's default
// "Export HAR (sanitized)" does.
func kitSanitize(t testing.TB, b []byte) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc["log"].(map[string]any)["entries"].([]any) {
		for _, side := range []string{"request", "response"} {
			m := e.(map[string]any)[side].(map[string]any)
			var keep []any
			for _, h := range m["headers"].([]any) {
				switch strings.ToLower(h.(map[string]any)["name"].(string)) {
				case "cookie", "set-cookie", "authorization":
				default:
					keep = append(keep, h)
				}
			}
			if keep == nil {
				keep = []any{}
			}
			m["headers"], m["cookies"] = keep, []any{}
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// classifyBytes reads, redacts and classifies a capture held in memory, as
// seqdoc inspect does with a file.
func classifyBytes(t testing.TB, b []byte) *Flow {
	t.Helper()
	r, err := har.NewReader(bytes.NewReader(b), "kit.har", har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	red := har.NewRedactor(RedactOptions(nil))
	c := NewClassifier(nil)
	for {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		red.Entry(e)
		c.Add(e)
	}
	c.log = r.Log()
	return c.Flow()
}

// checkTruth compares a flow with the script's truth entry by entry (kind,
// steps, phase) and its findings with want exactly (codes, in any order).
func checkTruth(t *testing.T, f *Flow, truth []kx, want ...string) {
	t.Helper()
	if len(f.Entries) != len(truth) {
		t.Fatalf("%d entries classified, the script has %d", len(f.Entries), len(truth))
	}
	for i, x := range truth {
		e := f.Entries[i]
		steps := x.steps
		if steps == nil {
			steps = none
		}
		if e.Kind != x.kind || (!x.undecided && !slices.Equal(e.Steps, steps)) || e.Phase != x.phase {
			t.Errorf("#%d %s %s %d: got %s %v %s, want %s %v %s (%s)", i, e.Method, Shorten(e.URL, 80), e.Status,
				e.Kind, e.Steps, e.Phase, x.kind, steps, x.phase, e.Why)
		}
	}
	var got []string
	for _, x := range f.Findings {
		got = append(got, x.Code)
	}
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		var msgs []string
		for _, x := range f.Findings {
			msgs = append(msgs, x.Code+" "+fmt.Sprint(x.Entries)+": "+x.Message)
		}
		t.Errorf("findings %v, want %v\n%s", got, want, strings.Join(msgs, "\n"))
	}
}

// finding returns the flow's finding with code, or fails.
func kitFinding(t *testing.T, f *Flow, code string) Finding {
	t.Helper()
	for _, x := range f.Findings {
		if x.Code == code {
			return x
		}
	}
	t.Fatalf("no %s finding (got %v)", code, codes(f))
	return Finding{}
}
