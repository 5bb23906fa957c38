package authflow_test

// The HAR writers of the unseen corpus. Each writes the same recording
// (a scen) the way a real exporter does; the shapes are copied from the
// shared captures (../../../shared/fixtures/har-browser, har-browser-cdp) and
// from the public exporter samples described in
// ../../../shared/docs/har-variants.md.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/textproto"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// --- an ordered JSON object ---

type kv struct {
	k string
	v any
}

type obj []kv

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := marshalNoEscape(p.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalNoEscape(p.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func (o obj) get(k string) any {
	for _, p := range o {
		if p.k == k {
			return p.v
		}
	}
	return nil
}

func (o *obj) set(k string, v any) {
	for i, p := range *o {
		if p.k == k {
			(*o)[i].v = v
			return
		}
	}
	*o = append(*o, kv{k, v})
}

func hdrs(hs []hdr) []obj {
	out := make([]obj, 0, len(hs))
	for _, h := range hs {
		out = append(out, obj{{"name", h.name}, {"value", h.value}})
	}
	return out
}

// --- helpers shared by exporters ---

func queryPairs(raw string) []obj {
	u, err := url.Parse(raw)
	out := []obj{}
	if err != nil || u.RawQuery == "" {
		return out
	}
	for _, p := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(p, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil {
			dk = k
		}
		if err2 != nil {
			dv = v
		}
		out = append(out, obj{{"name", dk}, {"value", dv}})
	}
	return out
}

func postParams(p *post) []obj {
	out := []obj{}
	if !strings.HasPrefix(p.mime, "application/x-www-form-urlencoded") || strings.HasPrefix(p.text, "[") {
		return nil
	}
	for _, f := range strings.Split(p.text, "&") {
		k, v, _ := strings.Cut(f, "=")
		dk, _ := url.QueryUnescape(k)
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		out = append(out, obj{{"name", dk}, {"value", dv}})
	}
	return out
}

func cookieHeader(cs []hdr) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.name+"="+c.value)
	}
	return strings.Join(parts, "; ")
}

func reqCookies(cs []hdr) []obj {
	out := []obj{}
	for _, c := range cs {
		out = append(out, obj{{"name", c.name}, {"value", c.value}})
	}
	return out
}

// respCookie parses a Set-Cookie value into a HAR cookie object.
func respCookie(sc string, withSameSite bool) obj {
	parts := strings.Split(sc, ";")
	name, value, _ := strings.Cut(strings.TrimSpace(parts[0]), "=")
	o := obj{{"name", name}, {"value", value}}
	var httpOnly, secure bool
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch strings.ToLower(k) {
		case "path":
			o = append(o, kv{"path", v})
		case "domain":
			o = append(o, kv{"domain", v})
		case "expires":
			if t, err := time.Parse("Mon, 02 Jan 2006 15:04:05 GMT", v); err == nil {
				o = append(o, kv{"expires", t.UTC().Format("2006-01-02T15:04:05.000Z")})
			} else if t, err := time.Parse("Mon, 02-Jan-2006 15:04:05 GMT", v); err == nil {
				o = append(o, kv{"expires", t.UTC().Format("2006-01-02T15:04:05.000Z")})
			}
		case "httponly":
			httpOnly = true
		case "secure":
			secure = true
		case "samesite":
			if withSameSite {
				o = append(o, kv{"sameSite", v})
			}
		}
	}
	o = append(o, kv{"httpOnly", httpOnly}, kv{"secure", secure})
	return o
}

func respCookies(x *xch, withSameSite bool) []obj {
	out := []obj{}
	for _, sc := range x.setCookie {
		out = append(out, respCookie(sc, withSameSite))
	}
	return out
}

func pathQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func hostPort(raw string) string {
	u, _ := url.Parse(raw)
	return u.Host
}

var statusTexts = map[int]string{200: "OK", 201: "Created", 204: "No Content", 302: "Found", 303: "See Other", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 500: "Internal Server Error", 561: ""}

func mimeOf(x *xch) string {
	if x.mime != "" {
		return x.mime
	}
	return "x-unknown"
}

// --- Chromium request headers ---

type browserProfile struct {
	ua, secCHUA, platform, lang string
}

var chrome134 = browserProfile{
	ua:       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36",
	secCHUA:  `"Chromium";v="134", "Not:A-Brand";v="24", "Google Chrome";v="134"`,
	platform: `"Windows"`,
	lang:     "en-GB,en;q=0.9",
}

var edge133 = browserProfile{
	ua:       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0",
	secCHUA:  `"Not(A:Brand";v="99", "Microsoft Edge";v="133", "Chromium";v="133"`,
	platform: `"Windows"`,
	lang:     "en-US,en;q=0.9,sv;q=0.8",
}

var headless156 = browserProfile{
	ua:       "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
	secCHUA:  `"Not:A-Brand";v="8", "Chromium";v="156"`,
	platform: `"Linux"`,
	lang:     "en-GB",
}

func priority(x *xch) string {
	switch x.res {
	case "document":
		return "u=0, i"
	case "stylesheet":
		return "u=0"
	case "script":
		return "u=1"
	case "font":
		return "u=0"
	case "image", "other":
		return "u=1, i"
	}
	return "u=1, i"
}

// chromiumBasic are the headers Network.requestWillBeSent reports (what
// chrome-har keeps when the ExtraInfo event is lost).
func chromiumBasic(x *xch, bp browserProfile) []hdr {
	var hs []hdr
	if x.res == "document" {
		hs = append(hs, hdr{"Upgrade-Insecure-Requests", "1"})
	}
	if x.referer != "" && x.res != "document" {
		hs = append(hs, hdr{"Referer", x.referer})
	}
	hs = append(hs, hdr{"User-Agent", bp.ua})
	if x.res != "document" && x.accept != "" {
		hs = append(hs, hdr{"Accept", x.accept})
	}
	if x.body != nil {
		hs = append(hs, hdr{"Content-Type", x.body.mime})
	}
	for _, e := range x.reqExtra {
		if e.name != "content-type" && e.name != "cache-control" {
			hs = append(hs, e)
		}
	}
	hs = append(hs, hdr{"sec-ch-ua", bp.secCHUA}, hdr{"sec-ch-ua-mobile", "?0"}, hdr{"sec-ch-ua-platform", bp.platform})
	return hs
}

// chromiumWire are the headers as sent over HTTP/2 (lower case, sorted,
// pseudo-headers first), with or without the Cookie header.
func chromiumWire(x *xch, bp browserProfile, pseudo bool) []hdr {
	m := map[string]string{
		"accept-encoding":    "gzip, deflate, br, zstd",
		"accept-language":    bp.lang,
		"priority":           priority(x),
		"sec-ch-ua":          bp.secCHUA,
		"sec-ch-ua-mobile":   "?0",
		"sec-ch-ua-platform": bp.platform,
		"user-agent":         bp.ua,
	}
	if x.bg {
		// The browser's own requests carry no client hints and no language.
		for _, k := range []string{"accept-language", "priority", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform"} {
			delete(m, k)
		}
	}
	if x.accept != "" {
		m["accept"] = x.accept
	}
	if x.dest != "" {
		m["sec-fetch-dest"], m["sec-fetch-mode"], m["sec-fetch-site"] = x.dest, x.mode, x.site
	}
	if x.res == "document" {
		m["upgrade-insecure-requests"] = "1"
		if x.user {
			m["sec-fetch-user"] = "?1"
		}
	}
	if x.referer != "" {
		m["referer"] = x.referer
	}
	if x.origin != "" {
		m["origin"] = x.origin
	}
	if x.body != nil {
		m["content-type"] = x.body.mime
		m["content-length"] = fmt.Sprint(len(x.body.text))
	}
	if len(x.cookies) > 0 {
		m["cookie"] = cookieHeader(x.cookies)
	}
	for _, e := range x.reqExtra {
		m[strings.ToLower(e.name)] = e.value
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	var hs []hdr
	if pseudo {
		hs = append(hs, hdr{":authority", hostPort(x.url)}, hdr{":method", x.meth}, hdr{":path", pathQuery(x.url)}, hdr{":scheme", "https"})
	}
	for _, k := range names {
		hs = append(hs, hdr{k, m[k]})
	}
	return hs
}

// respWire are the response headers (lower case, sorted, one set-cookie each).
func respWire(x *xch) []hdr {
	hs := slices.Clone(x.respH)
	for _, sc := range x.setCookie {
		hs = append(hs, hdr{"set-cookie", sc})
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].name < hs[j].name })
	return hs
}

func titleCase(hs []hdr) []hdr {
	out := make([]hdr, len(hs))
	for i, h := range hs {
		out[i] = hdr{textproto.CanonicalMIMEHeaderKey(h.name), h.value}
	}
	return out
}

// --- timings ---

type timingStyle int

const (
	tPlaywright timingStyle = iota
	tChromeHAR
	tDevTools
	tFirefox
	tSafari
	tCharles
	tFiddler
	tMitm
)

func (s *scen) timings(x *xch, first bool, st timingStyle) obj {
	d := x.dur
	send := 0.1 + float64(int(d*3))/1000
	wait := float64(int(d*0.7*1000)) / 1000
	recv := float64(int((d-send-wait)*1000)) / 1000
	if recv < 0 {
		recv = 0
	}
	dns, conn, ssl := -1.0, -1.0, -1.0
	if first {
		dns, conn, ssl = 0.8, 14.2, 9.6
	}
	switch st {
	case tPlaywright:
		if !first {
			dns, conn, ssl = -1, -1, -1
		}
		return obj{{"dns", dns}, {"connect", conn}, {"ssl", ssl}, {"send", send}, {"wait", wait}, {"receive", recv}}
	case tChromeHAR:
		return obj{{"blocked", 0.4}, {"dns", dns}, {"connect", conn}, {"send", send}, {"wait", wait}, {"receive", recv}, {"ssl", ssl}, {"_queued", 0.9}}
	case tDevTools:
		return obj{{"blocked", 1.2}, {"dns", dns}, {"ssl", ssl}, {"connect", conn}, {"send", send}, {"wait", wait}, {"receive", recv}, {"_blocked_queueing", 0.8}}
	case tFirefox:
		return obj{{"blocked", 0}, {"dns", max(dns, 0)}, {"connect", max(conn, 0)}, {"ssl", max(ssl, 0)}, {"send", 0}, {"wait", float64(int(wait))}, {"receive", float64(int(recv))}}
	case tSafari:
		return obj{{"blocked", 0.5}, {"dns", dns}, {"connect", conn}, {"ssl", ssl}, {"send", send}, {"wait", wait}, {"receive", recv}}
	case tCharles:
		return obj{{"dns", dns}, {"connect", conn}, {"ssl", ssl}, {"send", 0}, {"wait", float64(int(wait))}, {"receive", float64(int(recv))}}
	case tFiddler:
		return obj{{"blocked", -1}, {"dns", max(dns, 0)}, {"connect", max(conn, 0)}, {"ssl", max(ssl, 0)}, {"send", 0}, {"wait", float64(int(wait))}, {"receive", float64(int(recv))}}
	case tMitm:
		return obj{{"connect", conn}, {"ssl", ssl}, {"send", send}, {"receive", recv}, {"wait", wait}}
	}
	return nil
}

func tsZ(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func tsOffset(t time.Time, hours int, frac int) string {
	loc := time.FixedZone("", hours*3600)
	layout := "2006-01-02T15:04:05." + strings.Repeat("0", frac) + "-07:00"
	return t.In(loc).Format(layout)
}

// --- what an exporter writes ---

// out is one exported entry: the exchange it depicts and its JSON.
type out struct {
	x     *xch
	entry obj
	// inconsistent: the exporter attached to this entry headers that
	// contradict its URL (for capture-inconsistent).
	inconsistent bool
	// cached: the browser served it from its cache: no exchange with any
	// server took place (no AWS steps).
	cached bool
}

type exported struct {
	log     obj
	entries []*out
}

func (e *exported) bytes() []byte {
	items := make([]any, len(e.entries))
	for i, o := range e.entries {
		items[i] = o.entry
	}
	l := slices.Clone(e.log)
	l.set("entries", items)
	b, err := marshalNoEscape(obj{{"log", l}})
	if err != nil {
		panic(err)
	}
	var ind bytes.Buffer
	if err := json.Indent(&ind, b, "", "  "); err != nil {
		panic(err)
	}
	ind.WriteByte('\n')
	return ind.Bytes()
}

// exporterOpts tune an exporter.
type exporterOpts struct {
	byEnd bool // entries written in order of completion, not of start
	// shift decides, for the chrome-har writer, whether the redirect chain
	// with the given hops gets the final entry's headers from the first hop
	// (resp) and the first hop's ExtraInfo request headers on the second (req).
	shift func(i int, hops []*xch) (resp, req bool)
	// lostExtra: subresources whose ExtraInfo event chrome-har loses.
	lostExtra func(x *xch) bool
	creator   obj
}

func (s *scen) ordered(keep func(*xch) bool, byEnd bool) []*xch {
	var xs []*xch
	for _, x := range s.xs {
		if keep(x) {
			xs = append(xs, x)
		}
	}
	sort.SliceStable(xs, func(i, j int) bool {
		if byEnd {
			return xs[i].start+xs[i].dur < xs[j].start+xs[j].dur
		}
		return xs[i].start < xs[j].start
	})
	return xs
}

func notFavicon(x *xch) bool {
	return !strings.HasSuffix(strings.SplitN(x.url, "?", 2)[0], "/favicon.ico")
}

func pageTitle(s *scen) string {
	for i := len(s.xs) - 1; i >= 0; i-- {
		if s.xs[i].res == "document" && s.xs[i].code == 200 {
			if strings.Contains(s.xs[i].text, "<title>") {
				t := s.xs[i].text[strings.Index(s.xs[i].text, "<title>")+7:]
				if j := strings.Index(t, "<"); j >= 0 {
					return t[:j]
				}
			}
			return s.xs[i].url
		}
	}
	return ""
}

func content(x *xch, withText bool) obj {
	c := obj{{"size", x.size}, {"mimeType", mimeOf(x)}}
	if x.size == 0 && x.code >= 300 && x.code < 400 {
		c.set("size", -1)
	}
	c = append(c, kv{"compression", 0})
	if withText && x.text != "" {
		c = append(c, kv{"text", x.text})
	}
	return c
}

func (s *scen) firstPerHost(xs []*xch) map[*xch]bool {
	seen := map[string]bool{}
	first := map[*xch]bool{}
	for _, x := range xs {
		h := x.host()
		if !seen[h] {
			seen[h] = true
			first[x] = true
		}
	}
	return first
}

// --- Playwright (recordHar) ---

func (s *scen) exportPlaywright(bp browserProfile, opts exporterOpts) *exported {
	xs := s.ordered(func(x *xch) bool { return !x.bg && notFavicon(x) }, opts.byEnd)
	first := s.firstPerHost(xs)
	pageID := "page@" + s.chars(hexc, 32)
	frame := "frame@" + s.chars(hexc, 32)
	e := &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "Playwright"}, {"version", "1.52.0"}}}, {"browser", obj{{"name", "chromium"}, {"version", "134.0.6998.35"}}},
		{"pages", []obj{{{"startedDateTime", tsZ(s.at(0))}, {"id", pageID}, {"title", pageTitle(s)}, {"pageTimings", obj{{"onContentLoad", 812}, {"onLoad", 1043}}}}}}}}
	for _, x := range xs {
		req := obj{{"method", x.meth}, {"url", x.url}, {"httpVersion", "HTTP/2.0"}, {"cookies", reqCookies(x.cookies)}, {"headers", hdrs(chromiumWire(x, bp, true))},
			{"queryString", queryPairs(x.url)}, {"headersSize", 600 + len(cookieHeader(x.cookies))}, {"bodySize", bodySize(x)}}
		if x.body != nil {
			pd := obj{{"mimeType", x.body.mime}, {"text", x.body.text}}
			if ps := postParams(x.body); ps != nil {
				pd = append(pd, kv{"params", ps})
			}
			req = slices.Insert(req, 7, kv{"postData", pd})
		}
		status := x.code
		resp := obj{{"status", status}, {"statusText", ""}, {"httpVersion", "HTTP/2.0"}, {"cookies", respCookies(x, true)}, {"headers", hdrs(respWire(x))},
			{"content", content(x, true)}, {"headersSize", 0}, {"bodySize", max(x.size, 0)}, {"redirectURL", redirectAbs(x)}, {"_transferSize", x.size + 120}}
		if x.failure != "" {
			resp = obj{{"status", -1}, {"statusText", ""}, {"httpVersion", "HTTP/2.0"}, {"cookies", []obj{}}, {"headers", []obj{}}, {"content", obj{{"size", -1}, {"mimeType", "x-unknown"}}},
				{"headersSize", -1}, {"bodySize", -1}, {"redirectURL", ""}, {"_transferSize", -1}, {"_failureText", x.failure}}
		}
		ent := obj{{"pageref", pageID}, {"startedDateTime", tsZ(s.at(x.start))}, {"time", round3(x.dur)}, {"request", req}, {"response", resp}, {"cache", obj{}},
			{"timings", s.timings(x, first[x], tPlaywright)}, {"_frameref", frame}, {"_monotonicTime", round3(900 + x.start/1000)}, {"_resourceType", playwrightType(x)},
			{"serverIPAddress", "203.0.113." + fmt.Sprint(10+len(x.host())%40)}, {"_serverPort", 443},
			{"_securityDetails", obj{{"protocol", "TLS 1.3"}, {"subjectName", x.host()}, {"issuer", "Amazon RSA 2048 M02"}, {"validFrom", 1767225600}, {"validTo", 1798761599}}}}
		e.entries = append(e.entries, &out{x: x, entry: ent})
	}
	return e
}

func playwrightType(x *xch) string {
	if x.res == "other" {
		return "other"
	}
	return x.res
}

func round3(f float64) float64 { return float64(int(f*1000)) / 1000 }

func bodySize(x *xch) int {
	if x.body == nil {
		return 0
	}
	return len(x.body.text)
}

func redirectAbs(x *xch) string {
	if l := x.location(); l != "" && x.code >= 300 && x.code < 400 {
		return resolve(x.url, l)
	}
	return ""
}

// --- chrome-har (browsertime / sitespeed.io, puppeteer recorders) ---

func (s *scen) exportChromeHAR(bp browserProfile, opts exporterOpts) *exported {
	xs := s.ordered(func(x *xch) bool { return !x.bg && x.failure == "" }, false)
	first := s.firstPerHost(xs)
	creator := opts.creator
	if creator == nil {
		creator = obj{{"name", "chrome-har"}, {"version", "1.3.1"}, {"comment", "https://github.com/sitespeedio/chrome-har"}}
	}
	e := &exported{log: obj{{"version", "1.2"}, {"creator", creator}}}
	if creator.get("name") == "Browsertime" {
		e.log = append(e.log, kv{"browser", obj{{"name", "Chrome"}, {"version", "134.0.6998.35"}}})
	}
	e.log = append(e.log, kv{"pages", []obj{{{"id", "page_1"}, {"startedDateTime", tsZ(s.at(0))}, {"title", firstURL(xs)}, {"pageTimings", obj{{"onContentLoad", 1402.5}, {"onLoad", 1488.9}}}}}})

	// Redirect chains: the hops of one navigation share a request id.
	chains := map[int][]*xch{}
	var order []int
	for _, x := range xs {
		if x.chain != 0 {
			if _, ok := chains[x.chain]; !ok {
				order = append(order, x.chain)
			}
			chains[x.chain] = append(chains[x.chain], x)
		}
	}
	type fix struct {
		id           string
		respFrom     *xch // headers written on this entry come from this exchange
		dropExtra    bool // request ExtraInfo lost (moved to the next hop)
		extraFrom    *xch // this entry's request carries the previous hop's ExtraInfo too
		inconsistent bool
	}
	fixes := map[*xch]*fix{}
	anyResp := false
	for i, c := range order {
		hops := chains[c]
		id := s.chars(hexC, 32)
		resp, req := false, false
		if len(hops) > 1 && opts.shift != nil {
			resp, req = opts.shift(i, hops)
		}
		last := hops[len(hops)-1]
		if last.code >= 300 && last.code < 400 {
			resp = false
		}
		for j, h := range hops {
			f := &fix{id: id}
			if j < len(hops)-1 {
				f.id = id + "r"
			}
			fixes[h] = f
		}
		if resp {
			anyResp = true
			fixes[last].respFrom = hops[0]
			fixes[last].inconsistent = true
		}
		if req {
			fixes[hops[0]].dropExtra = true
			fixes[hops[1]].extraFrom = hops[0]
		}
	}
	if !anyResp {
		for _, f := range fixes {
			f.dropExtra, f.extraFrom = false, nil
		}
	}
	pid := fmt.Sprint(20000 + s.rnd.IntN(9000))
	n := 1
	for _, x := range xs {
		f := fixes[x]
		reqID := ""
		if f != nil {
			reqID = f.id
		} else {
			n++
			reqID = pid + "." + fmt.Sprint(n)
		}
		// Request headers: the basic set, then the ExtraInfo set (pseudo-headers, cookies).
		lost := f != nil && f.dropExtra || f == nil && opts.lostExtra != nil && opts.lostExtra(x)
		rh := chromiumBasic(x, bp)
		var sent []hdr
		if f != nil && f.extraFrom != nil {
			rh = append(rh, chromiumWire(f.extraFrom, bp, true)...)
			sent = append(sent, f.extraFrom.cookies...)
		}
		if !lost {
			rh = append(rh, chromiumWire(x, bp, true)...)
			sent = append(sent, x.cookies...)
		}
		// Response headers: Set-Cookie joined by newlines; none on redirects.
		src := x
		if f != nil && f.respFrom != nil {
			src = f.respFrom
		}
		var resH []hdr
		for _, h := range respWire(src) {
			if h.name != "set-cookie" {
				resH = append(resH, h)
			}
		}
		if !(src.code >= 300 && src.code < 400) || src != x {
			if len(src.setCookie) > 0 {
				resH = append(resH, hdr{"set-cookie", strings.Join(src.setCookie, "\n")})
				sort.SliceStable(resH, func(i, j int) bool { return resH[i].name < resH[j].name })
			}
		}
		initType := x.initType
		ent := obj{{"cache", obj{}}, {"startedDateTime", tsZ(s.at(x.start))}, {"_requestId", reqID}, {"_initialPriority", chromePriority(x)}, {"_priority", chromePriority(x)}, {"pageref", "page_1"},
			{"request", obj{{"method", x.meth}, {"url", x.url}, {"queryString", queryPairs(x.url)}, {"headersSize", -1}, {"bodySize", bodySize(x)}, {"cookies", reqCookies(sent)}, {"headers", hdrs(rh)}, {"httpVersion", "h2"}}},
			{"time", round3(x.dur)}}
		if x.body != nil {
			req := ent.get("request").(obj)
			req = slices.Insert(req, 5, kv{"postData", obj{{"mimeType", x.body.mime}, {"text", x.body.text}}})
			ent.set("request", req)
		}
		detail := `{"type":"` + initType + `"}`
		if x.initURL != "" {
			detail = `{"type":"` + initType + `","url":"` + x.initURL + `"}`
		}
		ent = append(ent, kv{"_initiator_detail", detail}, kv{"_initiator_type", initType}, kv{"_resourceType", cdpType(x)})
		if x.initURL != "" {
			ent = append(ent, kv{"_initiator", x.initURL})
		}
		redirectURL := ""
		if x.code >= 300 && x.code < 400 {
			redirectURL = x.location()
		}
		ct := obj{{"mimeType", strings.TrimPrefix(mimeOf(x), "x-unknown")}, {"charset", ""}, {"size", max(x.size, 0)}}
		if x.text != "" {
			ct = append(ct, kv{"text", x.text})
		}
		ent = append(ent, kv{"response", obj{{"httpVersion", "h2"}, {"redirectURL", redirectURL}, {"status", x.code}, {"statusText", ""},
			{"content", ct}, {"headersSize", -1}, {"bodySize", x.size + 130},
			{"cookies", []obj{}}, {"headers", hdrs(resH)}, {"_transferSize", x.size + 130}, {"fromDiskCache", false}, {"fromEarlyHints", false}, {"fromServiceWorker", false}, {"fromPrefetchCache", false}}},
			kv{"connection", fmt.Sprint(100 + len(x.host()))}, kv{"serverIPAddress", "203.0.113." + fmt.Sprint(10+len(x.host())%40)},
			kv{"timings", s.timings(x, first[x], tChromeHAR)}, kv{"_requestTime", round3(5700 + x.start/1000)})
		e.entries = append(e.entries, &out{x: x, entry: ent, inconsistent: f != nil && f.inconsistent})
	}
	return e
}

func firstURL(xs []*xch) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0].url
}

func chromePriority(x *xch) string {
	switch x.res {
	case "document", "stylesheet", "font":
		return "VeryHigh"
	case "script", "image":
		return "Low"
	}
	return "High"
}

// cdpType is the resource type as DevTools spells it in a HAR (lower case
// of the CDP Network.ResourceType: document, stylesheet, script, image,
// font, fetch, xhr, other).
func cdpType(x *xch) string { return x.res }

// --- Chrome / Edge DevTools "Export HAR (with sensitive data)" ---

func (s *scen) exportDevTools(bp browserProfile, opts exporterOpts) *exported {
	xs := s.ordered(func(x *xch) bool { return !x.bg }, opts.byEnd)
	first := s.firstPerHost(xs)
	e := &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "WebInspector"}, {"version", "537.36"}}},
		{"pages", []obj{{{"startedDateTime", tsZ(s.at(0))}, {"id", "page_1"}, {"title", firstURL(xs)}, {"pageTimings", obj{{"onContentLoad", 690.2}, {"onLoad", 912.7}}}}}}}}
	for _, x := range xs {
		init := obj{{"type", x.initType}}
		if x.initURL != "" {
			init = append(init, kv{"url", x.initURL}, kv{"lineNumber", 2 + len(x.url)%40})
		}
		if x.swNet {
			init = obj{{"type", "script"}, {"url", "https://" + x.host() + "/sw.js"}, {"lineNumber", 17}}
		}
		req := obj{{"method", x.meth}, {"url", x.url}, {"httpVersion", "http/2.0"}, {"headers", hdrs(chromiumWire(x, bp, true))}, {"queryString", queryPairs(x.url)},
			{"cookies", reqCookies(x.cookies)}, {"headersSize", -1}, {"bodySize", bodySize(x)}}
		if x.body != nil {
			pd := obj{{"mimeType", x.body.mime}, {"text", x.body.text}}
			if ps := postParams(x.body); ps != nil {
				pd = append(pd, kv{"params", ps})
			}
			req = append(req, kv{"postData", pd})
		}
		status, errv := x.code, any(nil)
		if x.failure != "" {
			status, errv = 0, x.failure
		}
		rh := respWire(x)
		if x.failure != "" {
			rh = nil
		}
		resp := obj{{"status", status}, {"statusText", ""}, {"httpVersion", "http/2.0"}, {"headers", hdrs(rh)}, {"cookies", respCookies(x, true)},
			{"content", obj{{"size", max(x.size, 0)}, {"mimeType", mimeOf(x)}}}, {"redirectURL", x.location()}, {"headersSize", -1}, {"bodySize", -1},
			{"_transferSize", x.size + 150}, {"_error", errv}, {"_fetchedViaServiceWorker", x.swPage}}
		if x.text != "" {
			c := resp.get("content").(obj)
			resp.set("content", append(c, kv{"text", x.text}))
		}
		t := s.timings(x, first[x], tDevTools)
		if x.swPage {
			t = append(t, kv{"_workerStart", 0.6}, kv{"_workerReady", 1.1}, kv{"_workerFetchStart", 1.4}, kv{"_workerRespondWithSettled", round3(x.dur - 0.3)})
		}
		ent := obj{{"_connectionId", fmt.Sprint(4000 + len(x.host())*7)}, {"_initiator", init}, {"_priority", chromePriority(x)}, {"_resourceType", cdpType(x)}, {"cache", obj{}},
			{"connection", "443"}}
		if !x.swNet {
			ent = append(ent, kv{"pageref", "page_1"})
		}
		ent = append(ent, kv{"request", req}, kv{"response", resp}, kv{"serverIPAddress", "[2600:9000:2" + fmt.Sprint(100+len(x.host())) + "::" + fmt.Sprint(len(x.url)%90) + "]"},
			kv{"startedDateTime", tsZ(s.at(x.start))}, kv{"time", round3(x.dur)}, kv{"timings", t})
		e.entries = append(e.entries, &out{x: x, entry: ent})
	}
	return e
}

// --- Firefox DevTools "Save All As HAR" ---

var firefoxUA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:136.0) Gecko/20100101 Firefox/136.0"

func firefoxReq(x *xch) []hdr {
	hs := []hdr{{"Host", hostPort(x.url)}, {"User-Agent", firefoxUA}}
	accept := x.accept
	if x.res == "document" {
		accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	}
	hs = append(hs, hdr{"Accept", accept}, hdr{"Accept-Language", "de-DE,de;q=0.8,en-US;q=0.5,en;q=0.3"}, hdr{"Accept-Encoding", "gzip, deflate, br, zstd"})
	if x.body != nil {
		hs = append(hs, hdr{"Content-Type", x.body.mime}, hdr{"Content-Length", fmt.Sprint(len(x.body.text))})
	}
	for _, e := range x.reqExtra {
		if e.name != "content-type" {
			hs = append(hs, hdr{textproto.CanonicalMIMEHeaderKey(e.name), e.value})
		}
	}
	if x.origin != "" {
		hs = append(hs, hdr{"Origin", x.origin})
	}
	hs = append(hs, hdr{"Connection", "keep-alive"})
	if x.referer != "" {
		hs = append(hs, hdr{"Referer", x.referer})
	}
	if len(x.cookies) > 0 {
		hs = append(hs, hdr{"Cookie", cookieHeader(x.cookies)})
	}
	if x.res == "document" {
		hs = append(hs, hdr{"Upgrade-Insecure-Requests", "1"})
	}
	if x.dest != "" {
		hs = append(hs, hdr{"Sec-Fetch-Dest", x.dest}, hdr{"Sec-Fetch-Mode", x.mode}, hdr{"Sec-Fetch-Site", x.site})
		if x.res == "document" && x.user {
			hs = append(hs, hdr{"Sec-Fetch-User", "?1"})
		}
	}
	hs = append(hs, hdr{"Priority", priority(x)})
	return hs
}

func (s *scen) exportFirefox(opts exporterOpts) *exported {
	xs := s.ordered(func(x *xch) bool { return !x.bg }, false)
	first := s.firstPerHost(xs)
	e := &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "Firefox"}, {"version", "136.0.2"}}}, {"browser", obj{{"name", "Firefox"}, {"version", "136.0.2"}}},
		{"pages", []obj{{{"startedDateTime", tsOffset(s.at(0), 1, 3)}, {"id", "page_1"}, {"title", pageTitle(s)}, {"pageTimings", obj{{"onContentLoad", 508}, {"onLoad", 733}}}}}}}}
	seen := map[string]bool{}
	for _, x := range xs {
		// A static file loaded a second time comes from the cache.
		cached := x.res != "document" && x.res != "fetch" && x.res != "xhr" && x.code == 200 && seen[x.url]
		seen[x.url] = true
		hv := "HTTP/2"
		req := obj{{"bodySize", bodySize(x)}, {"method", x.meth}, {"url", x.url}, {"httpVersion", hv}, {"headers", hdrs(firefoxReq(x))}, {"cookies", reqCookies(x.cookies)},
			{"queryString", queryPairs(x.url)}, {"headersSize", 520 + len(cookieHeader(x.cookies))}}
		if x.body != nil {
			pd := obj{{"mimeType", x.body.mime}, {"params", orEmpty(postParams(x.body))}, {"text", x.body.text}}
			req = append(req, kv{"postData", pd})
		}
		resp := obj{{"status", x.code}, {"statusText", statusTexts[x.code]}, {"httpVersion", hv}, {"headers", hdrs(respWire(x))}, {"cookies", respCookies(x, true)},
			{"content", obj{{"mimeType", mimeOf(x)}, {"size", x.size}, {"comment", "Response bodies are not included."}}}, {"redirectURL", redirectAbs(x)}, {"headersSize", 400}, {"bodySize", x.size}}
		t := s.timings(x, first[x], tFirefox)
		tm := round3(x.dur)
		if cached {
			req.set("httpVersion", "")
			resp.set("httpVersion", "")
			resp.set("headers", []obj{})
			t, tm = obj{}, 0
		}
		ent := obj{{"pageref", "page_1"}, {"startedDateTime", tsOffset(s.at(x.start), 1, 3)}, {"request", req}, {"response", resp}, {"cache", obj{}}, {"timings", t}, {"time", tm},
			{"_securityState", "secure"}, {"serverIPAddress", "198.51.100." + fmt.Sprint(20+len(x.host())%60)}, {"connection", "443"}}
		e.entries = append(e.entries, &out{x: x, entry: ent, cached: cached})
	}
	return e
}

func orEmpty(o []obj) []obj {
	if o == nil {
		return []obj{}
	}
	return o
}

// --- Safari Web Inspector (before 16.4: no Sec-Fetch-*) ---

var safari163UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Safari/605.1.15"

func safariReq(x *xch) []hdr {
	accept := x.accept
	if x.res == "document" {
		accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	}
	hs := []hdr{{"Accept", accept}, {"Accept-Encoding", "gzip, deflate, br"}, {"Host", hostPort(x.url)}, {"User-Agent", safari163UA}, {"Accept-Language", "en-GB,en;q=0.9"}}
	if x.referer != "" {
		hs = append(hs, hdr{"Referer", x.referer})
	}
	if x.body != nil {
		hs = append(hs, hdr{"Content-Type", x.body.mime}, hdr{"Content-Length", fmt.Sprint(len(x.body.text))})
	}
	if x.origin != "" {
		hs = append(hs, hdr{"Origin", x.origin})
	}
	for _, e := range x.reqExtra {
		if e.name != "content-type" && e.name != "cache-control" {
			hs = append(hs, hdr{textproto.CanonicalMIMEHeaderKey(e.name), e.value})
		}
	}
	hs = append(hs, hdr{"Connection", "keep-alive"})
	if len(x.cookies) > 0 {
		hs = append(hs, hdr{"Cookie", cookieHeader(x.cookies)})
	}
	return hs
}

func safariResp(x *xch) []hdr {
	var hs []hdr
	for _, h := range x.respH {
		n := h.name
		if !strings.HasPrefix(n, "x-") {
			n = textproto.CanonicalMIMEHeaderKey(n)
		}
		hs = append(hs, hdr{n, h.value})
	}
	for _, sc := range x.setCookie {
		hs = append(hs, hdr{"Set-Cookie", sc})
	}
	return hs
}

func (s *scen) exportSafari(opts exporterOpts) *exported {
	xs := s.ordered(func(x *xch) bool { return !x.bg && notFavicon(x) && x.res != "other" }, false)
	first := s.firstPerHost(xs)
	e := &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "WebKit Web Inspector"}, {"version", "1.0"}}},
		{"pages", []obj{{{"startedDateTime", tsZ(s.at(0))}, {"id", "page_0"}, {"title", firstURL(xs)}, {"pageTimings", obj{{"onContentLoad", 802.44}, {"onLoad", 1011.07}}}}}}}}
	seen := map[string]bool{}
	for _, x := range xs {
		// An image shown a second time comes from WebKit's memory cache.
		memory := x.res == "image" && seen[x.url]
		seen[x.url] = true
		hv := "HTTP/2"
		rq := safariReq(x)
		req := obj{{"method", x.meth}, {"url", x.url}, {"httpVersion", hv}, {"cookies", []obj{}}, {"headers", hdrs(rq)}, {"queryString", queryPairs(x.url)}, {"headersSize", -1}, {"bodySize", bodySize(x)}}
		if x.body != nil {
			req = slices.Insert(req, 7, kv{"postData", obj{{"mimeType", x.body.mime}, {"text", x.body.text}}})
		}
		resp := obj{{"status", x.code}, {"statusText", ""}, {"httpVersion", hv}, {"cookies", []obj{}}, {"headers", hdrs(safariResp(x))},
			{"content", obj{{"size", max(x.size, 0)}, {"compression", 0}, {"mimeType", mimeOf(x)}}}, {"redirectURL", x.location()}, {"headersSize", -1}, {"bodySize", -1}, {"_transferSize", x.size + 200}}
		t := s.timings(x, first[x], tSafari)
		fetchType := "Network Load"
		if memory {
			req.set("httpVersion", "")
			req.set("headers", []obj{})
			resp.set("httpVersion", "")
			var kept []obj
			for _, h := range resp.get("headers").([]obj) {
				if h.get("name") != "Set-Cookie" {
					kept = append(kept, h)
				}
			}
			resp.set("headers", kept)
			t = obj{{"blocked", 0}, {"dns", -1}, {"connect", -1}, {"ssl", -1}, {"send", 0}, {"wait", 0.04}, {"receive", 0.03}}
			fetchType = "Memory Cache"
		}
		ent := obj{{"pageref", "page_0"}, {"startedDateTime", tsZ(s.at(x.start))}, {"time", round3(x.dur)}, {"request", req}, {"response", resp}, {"cache", obj{}}, {"timings", t}}
		if !memory {
			ent = append(ent, kv{"serverIPAddress", "192.0.2." + fmt.Sprint(30+len(x.host())%50)}, kv{"_serverPort", 443}, kv{"connection", fmt.Sprint(1 + len(x.host())%9)})
		}
		ent = append(ent, kv{"_fetchType", fetchType}, kv{"_priority", map[bool]string{true: "high", false: "medium"}[x.res == "document"]})
		e.entries = append(e.entries, &out{x: x, entry: ent, cached: memory})
	}
	return e
}

// --- proxies ---

// chromeH1 are Chrome's request headers over HTTP/1.1 through a proxy.
func chromeH1(x *xch, bp browserProfile) []hdr {
	hs := []hdr{{"Host", hostPort(x.url)}, {"Connection", "keep-alive"}}
	if x.body != nil {
		hs = append(hs, hdr{"Content-Length", fmt.Sprint(len(x.body.text))})
	}
	if !x.bg {
		hs = append(hs, hdr{"sec-ch-ua-platform", bp.platform}, hdr{"sec-ch-ua", bp.secCHUA}, hdr{"sec-ch-ua-mobile", "?0"})
	}
	if x.res == "document" {
		hs = append(hs, hdr{"Upgrade-Insecure-Requests", "1"})
	}
	if x.origin != "" {
		hs = append(hs, hdr{"Origin", x.origin})
	}
	if x.body != nil {
		hs = append(hs, hdr{"Content-Type", x.body.mime})
	}
	hs = append(hs, hdr{"User-Agent", bp.ua})
	for _, e := range x.reqExtra {
		if e.name != "content-type" {
			hs = append(hs, hdr{textproto.CanonicalMIMEHeaderKey(e.name), e.value})
		}
	}
	if x.accept != "" {
		hs = append(hs, hdr{"Accept", x.accept})
	}
	if x.dest != "" {
		hs = append(hs, hdr{"Sec-Fetch-Site", x.site}, hdr{"Sec-Fetch-Mode", x.mode})
		if x.res == "document" && x.user {
			hs = append(hs, hdr{"Sec-Fetch-User", "?1"})
		}
		hs = append(hs, hdr{"Sec-Fetch-Dest", x.dest})
	}
	if x.referer != "" {
		hs = append(hs, hdr{"Referer", x.referer})
	}
	hs = append(hs, hdr{"Accept-Encoding", "gzip, deflate, br, zstd"})
	if !x.bg {
		hs = append(hs, hdr{"Accept-Language", bp.lang})
	}
	if len(x.cookies) > 0 {
		hs = append(hs, hdr{"Cookie", cookieHeader(x.cookies)})
	}
	return hs
}

func proxyResp(x *xch, lower bool) []hdr {
	hs := slices.Clone(x.respH)
	for _, sc := range x.setCookie {
		hs = append(hs, hdr{"set-cookie", sc})
	}
	if !lower {
		hs = titleCase(hs)
	}
	return hs
}

// tunnel is the CONNECT entry a proxy records before the first request to a host.
func (s *scen) tunnel(host string, at float64, urlStyle string) *xch {
	u := "https://" + host + ":443"
	if urlStyle == "fiddler" {
		u = "http://" + host + ":443"
	}
	x := &xch{seq: -1, start: at - 3, dur: 2 + float64(len(host)%7), url: u, meth: "CONNECT", code: 200, res: "other", kind: kOther, note: "the proxy's CONNECT tunnel"}
	return x
}

func (s *scen) exportProxy(kind string, bp browserProfile, opts exporterOpts) *exported {
	xs := s.ordered(func(x *xch) bool { return true }, false)
	first := s.firstPerHost(xs)
	// Tunnels: Charles records one per host (and shows only the tunnel for hosts
	// it does not decrypt: the browser's background services); Fiddler records
	// one per host as "http://host:443"; mitmproxy writes none.
	var all []*xch
	if kind != "mitmproxy" {
		style := kind
		seen := map[string]bool{}
		for _, x := range xs {
			h := x.host()
			if !seen[h] {
				seen[h] = true
				all = append(all, s.tunnel(h, x.start, style))
			}
			if kind == "charles" && x.bg {
				continue
			}
			all = append(all, x)
		}
	} else {
		all = xs
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].start < all[j].start })
	var e *exported
	switch kind {
	case "charles":
		e = &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "Charles Proxy"}, {"version", "5.0.1"}}}}}
	case "fiddler":
		e = &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "Fiddler"}, {"version", "5.0.20253.3311"}, {"comment", "https://fiddler2.com"}}}, {"pages", []obj{}},
			{"comment", "exported @ " + s.at(s.t).Format("02-01-2006 15:04:05")}}}
	case "mitmproxy":
		e = &exported{log: obj{{"version", "1.2"}, {"creator", obj{{"name", "mitmproxy"}, {"version", "11.1.3"}, {"comment", ""}}}, {"pages", []obj{}}}}
	}
	for _, x := range all {
		var ent obj
		if x.meth == "CONNECT" {
			ent = s.connectEntry(x, kind)
			e.entries = append(e.entries, &out{x: x, entry: ent})
			continue
		}
		lower := kind == "mitmproxy"
		var rq []hdr
		hv := "HTTP/1.1"
		if lower {
			hv = "HTTP/2.0"
			rq = chromiumWire(x, bp, false)
		} else {
			rq = chromeH1(x, bp)
		}
		req := obj{{"method", x.meth}, {"url", x.url}, {"httpVersion", hv}, {"cookies", reqCookies(x.cookies)}, {"headers", hdrs(rq)}, {"queryString", queryPairs(x.url)},
			{"headersSize", 700 + len(cookieHeader(x.cookies))}, {"bodySize", bodySize(x)}}
		if x.body != nil {
			req = append(req, kv{"postData", obj{{"mimeType", x.body.mime}, {"text", x.body.text}}})
		}
		st := statusTexts[x.code]
		if lower {
			st = ""
		}
		resp := obj{{"status", x.code}, {"statusText", st}, {"httpVersion", hv}, {"cookies", respCookies(x, false)}, {"headers", hdrs(proxyResp(x, lower))},
			{"content", obj{{"size", x.size}, {"mimeType", mimeOf(x)}, {"text", x.text}}}, {"redirectURL", redirectAbs(x)}, {"headersSize", 300}, {"bodySize", x.size}}
		switch kind {
		case "charles":
			resp = slices.Insert(resp, 0, kv{"_charlesStatus", "COMPLETE"})
			ent = obj{{"startedDateTime", tsOffset(s.at(x.start), 1, 3)}, {"time", float64(int(x.dur))}, {"request", req}, {"response", resp}, {"serverIPAddress", "198.51.100." + fmt.Sprint(20+len(x.host())%60)},
				{"cache", obj{}}, {"timings", s.timings(x, first[x], tCharles)}}
		case "fiddler":
			ent = obj{{"time", float64(int(x.dur))}, {"serverIPAddress", "198.51.100." + fmt.Sprint(20+len(x.host())%60)}, {"connection", "ClientPort:" + fmt.Sprint(52000+x.seq) + ";EgressPort:" + fmt.Sprint(52100+x.seq)},
				{"request", req}, {"timings", s.timings(x, first[x], tFiddler)}, {"response", resp}, {"startedDateTime", tsOffset(s.at(x.start), 1, 7)}, {"cache", obj{}}}
		case "mitmproxy":
			ent = obj{{"startedDateTime", tsOffset(s.at(x.start), 0, 6)}, {"time", x.dur}, {"request", req}, {"response", resp}, {"cache", obj{}}, {"timings", s.timings(x, first[x], tMitm)},
				{"serverIPAddress", "198.51.100." + fmt.Sprint(20+len(x.host())%60)}}
		}
		e.entries = append(e.entries, &out{x: x, entry: ent})
	}
	return e
}

func (s *scen) connectEntry(x *xch, kind string) obj {
	host := hostPort(x.url)
	req := obj{{"method", "CONNECT"}, {"url", x.url}, {"httpVersion", "HTTP/1.1"}, {"cookies", []obj{}},
		{"headers", hdrs([]hdr{{"Host", host}, {"Proxy-Connection", "keep-alive"}, {"User-Agent", chrome134.ua}})}, {"queryString", []obj{}}, {"headersSize", 120}, {"bodySize", 0}}
	if kind == "charles" {
		resp := obj{{"_charlesStatus", "COMPLETE"}, {"status", 200}, {"statusText", "Connection established"}, {"httpVersion", "HTTP/1.1"}, {"cookies", []obj{}}, {"headers", []obj{}},
			{"content", obj{{"size", 0}, {"mimeType", ""}}}, {"redirectURL", ""}, {"headersSize", 39}, {"bodySize", 0}}
		return obj{{"startedDateTime", tsOffset(s.at(x.start), 1, 3)}, {"time", float64(int(x.dur))}, {"request", req}, {"response", resp}, {"cache", obj{}},
			{"timings", obj{{"dns", 1}, {"connect", float64(int(x.dur))}, {"ssl", -1}, {"send", 0}, {"wait", 0}, {"receive", 0}}}}
	}
	resp := obj{{"status", 200}, {"statusText", "Connection Established"}, {"httpVersion", "HTTP/1.1"}, {"cookies", []obj{}},
		{"headers", hdrs([]hdr{{"FiddlerGateway", "Direct"}, {"StartTime", s.at(x.start).In(time.FixedZone("", 3600)).Format("15:04:05.000")}, {"Connection", "close"}})},
		{"content", obj{{"size", 0}, {"mimeType", ""}}}, {"redirectURL", ""}, {"headersSize", 110}, {"bodySize", 0}}
	return obj{{"time", float64(int(x.dur))}, {"request", req}, {"timings", obj{{"blocked", -1}, {"dns", 1}, {"connect", float64(int(x.dur))}, {"ssl", 0}, {"send", 0}, {"wait", 0}, {"receive", 0}}},
		{"response", resp}, {"startedDateTime", tsOffset(s.at(x.start), 1, 7)}, {"cache", obj{}}}
}

// --- sanitizing ("Export HAR (sanitized)") ---

func sanitize(e *exported) {
	for _, o := range e.entries {
		for _, side := range []string{"request", "response"} {
			part := o.entry.get(side).(obj)
			if hs, ok := part.get("headers").([]obj); ok {
				kept := []obj{}
				for _, h := range hs {
					switch strings.ToLower(h.get("name").(string)) {
					case "cookie", "set-cookie", "authorization":
						continue
					}
					kept = append(kept, h)
				}
				part.set("headers", kept)
			}
			part.set("cookies", []obj{})
			o.entry.set(side, part)
		}
	}
}

// --- background traffic of the browser itself (seen only by proxies) ---

// Background records the browser's own requests to Google services at this
// moment (Chrome's component updater, Safe Browsing, account and
// optimization-guide services): kind other, left out of the diagram.
func (s *scen) Background(which ...string) {
	phase := pLogin
	for i := len(s.xs) - 1; i >= 0; i-- {
		if s.xs[i].kind != kOther && s.xs[i].phase != "" {
			phase = s.xs[i].phase
			break
		}
	}
	key := "AIzaSy" + s.chars(b64u, 33)
	s.secret(key)
	for _, w := range which {
		var x *xch
		switch w {
		case "update":
			x = s.add("POST", "https://update.googleapis.com/service/update2/json?cup2key=14:"+s.chars(digits, 10)+"&cup2hreq="+s.chars(hexc, 64), 200, "other")
			appID := s.chars("abcdefghijklmnop", 32)
			x.Post("application/json", `{"request":{"@os":"win","@updater":"chrome","acceptformat":"crx3,download,puff,run","apps":[{"appid":"`+appID+`","version":"1.0.0.17"}],"protocol":"3.1"}}`)
			x.Q("x-goog-update-appid", appID, "x-goog-update-interactivity", "bg", "x-goog-update-updater", "chrome-134.0.6998.35")
			x.H("content-type", "application/json", "date", httpDate(s.at(x.start)), "server", "ESF", "x-cup-server-proof", s.chars(b64u, 90))
			x.Body("application/json", ")]}'\n{\"response\":{\"protocol\":\"3.1\",\"server\":\"prod\",\"app\":[{\"status\":\"ok\",\"updatecheck\":{\"status\":\"noupdate\"}}]}}")
			x.note = "Chrome's component updater"
		case "safebrowsing":
			x = s.add("POST", "https://safebrowsing.googleapis.com/v4/threatListUpdates:fetch?$req="+s.chars(b64u, 120)+"&$ct=application/x-protobuf&key="+key, 200, "other")
			x.Post("application/x-protobuf", "")
			x.H("content-type", "application/x-protobuf", "date", httpDate(s.at(x.start)), "server", "ESF").Size("application/x-protobuf", 2381)
			x.note = "Safe Browsing list update"
		case "listaccounts":
			x = s.add("POST", "https://accounts.google.com/ListAccounts?gpsia=1&source=ChromiumBrowser&json=standard", 200, "other")
			x.origin = "https://www.google.com"
			x.cookies = s.cookiesFor(x.url)
			x.Post("application/x-www-form-urlencoded", "")
			x.H("content-type", "application/json; charset=utf-8", "date", httpDate(s.at(x.start)), "server", "ESF", "cache-control", "no-cache, no-store, max-age=0, must-revalidate")
			x.Body("application/json", `["gaia.l.a.r",[]]`)
			x.note = "Chrome's own account check (not the sign-in)"
		case "optguide":
			x = s.add("POST", "https://optimizationguide-pa.googleapis.com/v1:GetHints?key="+key, 200, "other")
			x.Post("application/x-protobuf", "")
			x.H("content-type", "application/x-protobuf", "date", httpDate(s.at(x.start)), "server", "ESF").Size("application/x-protobuf", 96)
			x.note = "Chrome's optimization guide"
		case "autofill":
			x = s.add("GET", "https://content-autofill.googleapis.com/v1/pages/ChRDaHJvbWUvMTM0LjAuNjk5OC4zNRIZCd"+s.chars(b64u, 40)+"?alt=proto", 200, "other")
			x.H("content-type", "application/x-protobuf", "date", httpDate(s.at(x.start)), "server", "ESF").Size("application/x-protobuf", 0)
			x.note = "Chrome's autofill server query"
		}
		x.bg = true
		x.accept = "*/*"
		x.dest, x.mode, x.site = "empty", "no-cors", "none"
		x.dur = s.dur(30, 160)
		x.kind, x.phase = kOther, phase
		s.wait(s.dur(1, 15))
	}
}
