package cdphar

import (
	"encoding/json"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/har"
)

// Options tune Build.
type Options struct {
	// Creator is log.creator (seqdoc and its version).
	Creator har.Creator
	// Browser, if set, is log.browser.
	Browser *har.Creator
	// KeepFormValue reports whether the value of a form field of a request
	// body is read; the values of all other fields are left empty. Nil:
	// none is read.
	KeepFormValue func(name string) bool
}

// hop is one request-response exchange: a request, or one step of its
// redirect chain.
type hop struct {
	req     *chain
	n       int // place in the chain
	seq     int // order of its requestWillBeSent among all events
	sent    *requestWillBeSent
	resp    *response
	rtype   string
	respAt  float64 // monotonic seconds: response headers
	endAt   float64 // monotonic seconds: done (finished, failed, redirected)
	extra   bool    // the network stack reported ExtraInfo for this hop
	reqX    *requestExtraInfo
	respX   *responseExtraInfo
	cached  bool // requestServedFromCache
	data    int64
	done    *loadingFinished
	failed  *loadingFailed
	page    *pageRec
	started bool // a response or a failure ended it: a complete exchange
}

// request is every hop of one requestId, with its ExtraInfo events in the
// order they came.
type chain struct {
	id    string
	hops  []*hop
	reqX  []*requestExtraInfo
	respX []*responseExtraInfo
}

func (r *chain) last() *hop {
	if len(r.hops) == 0 {
		return nil
	}
	return r.hops[len(r.hops)-1]
}

type pageRec struct {
	id      string
	frame   string
	start   float64 // monotonic
	wall    float64
	title   string
	content float64 // monotonic, 0 = not seen
	load    float64
}

// Build turns a page's events into a HAR log and its entries. Events of
// other methods, and events whose params do not decode, are skipped.
func Build(events []Event, opts Options) (*har.Log, []*har.Entry) {
	b := &builder{opts: opts, reqs: map[string]*chain{}}
	for _, ev := range events {
		b.add(ev)
	}
	return b.finish()
}

type builder struct {
	opts      Options
	reqs      map[string]*chain
	order     []*chain
	hops      []*hop
	seq       int
	mainFrame string
	pages     []*pageRec
}

func (b *builder) chain(id string) *chain {
	r := b.reqs[id]
	if r == nil {
		r = &chain{id: id}
		b.reqs[id] = r
		b.order = append(b.order, r)
	}
	return r
}

func (b *builder) add(ev Event) {
	switch ev.Method {
	case "Network.requestWillBeSent":
		var e requestWillBeSent
		if json.Unmarshal(ev.Params, &e) != nil || e.Request == nil {
			return
		}
		r := b.chain(e.RequestID)
		if prev := r.last(); prev != nil && e.RedirectResponse != nil {
			prev.resp = e.RedirectResponse
			prev.respAt, prev.endAt = e.Timestamp, e.Timestamp
			prev.extra = e.RedirectHasExtraInfo
			prev.started = true
		}
		b.seq++
		h := &hop{req: r, n: len(r.hops), seq: b.seq, sent: &e, rtype: e.Type}
		r.hops = append(r.hops, h)
		b.hops = append(b.hops, h)
		b.navigation(h)
	case "Network.requestWillBeSentExtraInfo":
		var e requestExtraInfo
		if json.Unmarshal(ev.Params, &e) == nil {
			r := b.chain(e.RequestID)
			r.reqX = append(r.reqX, &e)
		}
	case "Network.responseReceivedExtraInfo":
		var e responseExtraInfo
		if json.Unmarshal(ev.Params, &e) == nil {
			r := b.chain(e.RequestID)
			r.respX = append(r.respX, &e)
		}
	case "Network.responseReceived":
		var e responseReceived
		if json.Unmarshal(ev.Params, &e) == nil && e.Response != nil {
			if h := b.lastHop(e.RequestID); h != nil {
				h.resp, h.respAt, h.extra, h.started = e.Response, e.Timestamp, e.HasExtraInfo, true
				if e.Type != "" {
					h.rtype = e.Type
				}
			}
		}
	case "Network.dataReceived":
		var e dataReceived
		if json.Unmarshal(ev.Params, &e) == nil {
			if h := b.lastHop(e.RequestID); h != nil {
				h.data += e.DataLength
			}
		}
	case "Network.loadingFinished":
		var e loadingFinished
		if json.Unmarshal(ev.Params, &e) == nil {
			if h := b.lastHop(e.RequestID); h != nil {
				h.done, h.endAt = &e, e.Timestamp
			}
		}
	case "Network.loadingFailed":
		var e loadingFailed
		if json.Unmarshal(ev.Params, &e) == nil {
			if h := b.lastHop(e.RequestID); h != nil {
				h.failed, h.endAt, h.started = &e, e.Timestamp, true
				if e.Type != "" {
					h.rtype = e.Type
				}
			}
		}
	case "Network.requestServedFromCache":
		var e requestID
		if json.Unmarshal(ev.Params, &e) == nil {
			if h := b.lastHop(e.RequestID); h != nil {
				h.cached = true
			}
		}
	case "Page.frameNavigated":
		var e frameNavigated
		if json.Unmarshal(ev.Params, &e) == nil && e.Frame != nil && e.Frame.ParentID == "" {
			b.mainFrame = e.Frame.ID
		}
	case "Page.domContentEventFired", "Page.loadEventFired":
		var e timestamped
		if json.Unmarshal(ev.Params, &e) != nil || len(b.pages) == 0 {
			return
		}
		p := b.pages[len(b.pages)-1]
		at := &p.load
		if ev.Method == "Page.domContentEventFired" {
			at = &p.content
		}
		if *at == 0 && e.Timestamp >= p.start {
			*at = e.Timestamp
		}
	}
}

// lastHop returns the current hop of a request.
func (b *builder) lastHop(id string) *hop {
	r := b.reqs[id]
	if r == nil {
		return nil
	}
	return r.last()
}

// navigation starts a page for a main-frame document request (its first
// hop; the redirects belong to the same page).
func (b *builder) navigation(h *hop) {
	ev := h.sent
	if ev.Type != "Document" || ev.LoaderID != ev.RequestID || h.n > 0 {
		return
	}
	if b.mainFrame == "" {
		b.mainFrame = ev.FrameID // the first navigation is the main frame's
	}
	if ev.FrameID != b.mainFrame {
		return
	}
	p := &pageRec{id: "page_" + strconv.Itoa(len(b.pages)+1), frame: ev.FrameID, start: ev.Timestamp, wall: ev.WallTime, title: ev.Request.URL}
	b.pages = append(b.pages, p)
}

// match gives each hop its ExtraInfo events: the k-th of a request goes to
// its k-th hop that reported ExtraInfo (hops served from the memory cache
// report none); what is left goes to hops that failed before a response,
// in order.
func (r *chain) match() {
	qi, si := 0, 0
	for _, h := range r.hops {
		if !h.extra {
			continue
		}
		if qi < len(r.reqX) {
			h.reqX = r.reqX[qi]
			qi++
		}
		if si < len(r.respX) {
			h.respX = r.respX[si]
			si++
		}
	}
	for _, h := range r.hops {
		if h.extra || h.resp != nil {
			continue
		}
		if qi < len(r.reqX) {
			h.reqX = r.reqX[qi]
			qi++
		}
		if si < len(r.respX) && h.failed != nil {
			h.respX = r.respX[si]
			si++
		}
	}
}

func (b *builder) finish() (*har.Log, []*har.Entry) {
	log := &har.Log{Version: "1.2", Creator: b.opts.Creator, Browser: b.opts.Browser}
	if log.Creator.Name == "" {
		log.Creator = har.Creator{Name: "seqdoc", Version: "devel"}
	}
	for _, r := range b.order {
		r.match()
	}
	// Requests start in the order of their requestWillBeSent, which is
	// the order of their timestamps.
	hops := make([]*hop, 0, len(b.hops))
	for _, h := range b.hops {
		if !h.started || !httpURL(h.sent.Request.URL) {
			continue // never completed while recording, or data:, blob: …
		}
		hops = append(hops, h)
	}
	sort.SliceStable(hops, func(i, j int) bool {
		ti, tj := hops[i].sent.Timestamp, hops[j].sent.Timestamp
		if ti != tj {
			return ti < tj
		}
		return hops[i].seq < hops[j].seq
	})
	// Pages and which page each hop belongs to.
	for _, p := range b.pages {
		hp := har.Page{StartedDateTime: wallTime(p.wall), ID: p.id, Title: p.title,
			PageTimings: har.PageTimings{OnContentLoad: -1, OnLoad: -1}}
		if p.content > 0 {
			hp.PageTimings.OnContentLoad = ms(p.content - p.start)
		}
		if p.load > 0 {
			hp.PageTimings.OnLoad = ms(p.load - p.start)
		}
		log.Pages = append(log.Pages, hp)
	}
	entries := make([]*har.Entry, 0, len(hops))
	for i, h := range hops {
		e := b.entry(h)
		e.Index = i
		entries = append(entries, e)
	}
	// A page's title is the URL the navigation ended at.
	for i, p := range b.pages {
		for _, r := range b.order {
			if len(r.hops) > 0 && r.id == r.hops[0].sent.LoaderID && r.hops[0].sent.Timestamp == p.start && r.hops[0].sent.FrameID == p.frame {
				log.Pages[i].Title = r.last().sent.Request.URL
				break
			}
		}
	}
	return log, entries
}

func httpURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// pageOf is the page a hop belongs to: the last that started at or before it.
func (b *builder) pageOf(h *hop) string {
	id := ""
	t := h.sent.Timestamp
	for _, p := range b.pages {
		if p.start <= t {
			id = p.id
		}
	}
	return id
}

func (b *builder) entry(h *hop) *har.Entry {
	ev := h.sent
	rq := ev.Request
	e := &har.Entry{PageRef: b.pageOf(h), StartedDateTime: wallTime(ev.WallTime)}
	if t, err := time.Parse(time.RFC3339Nano, e.StartedDateTime); err == nil {
		e.Started = t
	}
	resp := h.resp

	// Request.
	q := &e.Request
	q.Method = rq.Method
	q.URL = rq.URL
	q.HTTPVersion = httpVersion(resp)
	if h.reqX != nil && len(h.reqX.Headers) > 0 {
		q.Headers = headerList(h.reqX.Headers)
	} else {
		q.Headers = headerList(rq.Headers)
	}
	q.Cookies = requestCookies(q.Headers)
	q.QueryString = queryList(rq.URL)
	q.HeadersSize, q.BodySize = -1, 0
	if rq.HasPostData {
		q.PostData, q.BodySize = b.postData(rq, q.Headers)
	}

	// Response.
	s := &e.Response
	s.Content.MimeType = "x-unknown"
	s.HeadersSize, s.BodySize = -1, -1
	if resp != nil {
		s.Status = int(resp.Status)
		s.StatusText = resp.StatusText
		s.HTTPVersion = q.HTTPVersion
		s.Headers = headerList(resp.Headers)
		if mt := resp.MimeType; mt != "" {
			s.Content.MimeType = mt
		}
		e.ServerIPAddress = strings.Trim(resp.RemoteIPAddress, "[]")
		if resp.ConnectionID > 0 {
			e.Connection = strconv.FormatInt(int64(resp.ConnectionID), 10)
		}
	}
	if x := h.respX; x != nil {
		if len(x.Headers) > 0 {
			s.Headers = headerList(x.Headers)
		}
		if resp == nil && x.StatusCode > 0 && h.failed == nil {
			s.Status = int(x.StatusCode)
		}
		if x.HeadersText != "" {
			s.HeadersSize = int64(len(x.HeadersText))
			if line, _, _ := strings.Cut(x.HeadersText, "\r\n"); s.StatusText == "" {
				if _, rest, ok := strings.Cut(line, " "); ok {
					if _, text, ok := strings.Cut(rest, " "); ok {
						s.StatusText = text
					}
				}
			}
		}
	}
	if ct := headerValue(s.Headers, "content-type"); ct != "" && resp != nil {
		s.Content.MimeType = ct
	}
	s.Cookies = responseCookies(s.Headers)
	if loc := headerValue(s.Headers, "location"); loc != "" && s.Status >= 300 && s.Status < 400 {
		s.RedirectURL = resolve(rq.URL, loc)
	}
	s.Content.Size = h.data
	if h.done != nil {
		if h.done.EncodedBodyLength > 0 {
			s.BodySize = int64(h.done.EncodedBodyLength)
		}
		s.Extra = append(s.Extra, har.Field{Name: "_transferSize", Value: number(h.done.EncodedDataLength)})
	} else if resp != nil && h.n < len(h.req.hops)-1 {
		s.BodySize = 0
		s.Extra = append(s.Extra, har.Field{Name: "_transferSize", Value: number(resp.EncodedDataLength)})
	}
	if f := h.failed; f != nil {
		if resp == nil { // no answer reached the page (a CORS block, a network error)
			s.Status, s.StatusText = 0, ""
		}
		s.Extra = append(s.Extra, har.Field{Name: "_error", Value: jsonString(f.ErrorText)})
		if f.CorsErrorStatus != nil && f.CorsErrorStatus.CorsError != "" {
			s.Extra = append(s.Extra, har.Field{Name: "_corsError", Value: jsonString(f.CorsErrorStatus.CorsError)})
		}
		if f.BlockedReason != "" {
			s.Extra = append(s.Extra, har.Field{Name: "_blockedReason", Value: jsonString(f.BlockedReason)})
		}
	}

	e.Cache = har.RawJSON(`{}`)
	e.Timings, e.Time = timings(h)

	// DevTools' own fields.
	x := &e.Extra
	if ev.Initiator != nil && ev.Initiator.Type != "" {
		*x = append(*x, har.Field{Name: "_initiator", Value: har.RawJSON(`{"type":` + string(jsonString(ev.Initiator.Type)) + `}`)})
	}
	if rq.InitialPriority != "" {
		*x = append(*x, har.Field{Name: "_priority", Value: jsonString(rq.InitialPriority)})
	}
	*x = append(*x, har.Field{Name: "_resourceType", Value: jsonString(resourceType(h.rtype))})
	switch {
	case resp != nil && resp.FromDiskCache:
		*x = append(*x, har.Field{Name: "_fromCache", Value: jsonString("disk")})
	case h.cached:
		*x = append(*x, har.Field{Name: "_fromCache", Value: jsonString("memory")})
	}
	if f := h.failed; f != nil {
		*x = append(*x, har.Field{Name: "_failureText", Value: jsonString(f.ErrorText)})
	}
	return e
}

// postData keeps a form's field names (and the values KeepFormValue names).
func (b *builder) postData(rq *request, headers []har.NameValue) (*har.PostData, int64) {
	var size int64
	var body []byte
	for _, pe := range rq.PostDataEntries {
		size += int64(len(pe.Bytes))
		body = append(body, pe.Bytes...)
	}
	pd := &har.PostData{MimeType: headerValue(headers, "content-type")}
	mt, _, _ := strings.Cut(strings.ToLower(pd.MimeType), ";")
	if strings.TrimSpace(mt) != "application/x-www-form-urlencoded" {
		return pd, size
	}
	var text strings.Builder
	for i, part := range strings.Split(string(body), "&") {
		if part == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(part, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			name = rawName
		}
		p := har.Param{Name: name}
		if b.opts.KeepFormValue != nil && b.opts.KeepFormValue(name) {
			if v, err := url.QueryUnescape(rawValue); err == nil {
				p.Value = v
			} else {
				p.Value = rawValue
			}
		}
		pd.Params = append(pd.Params, p)
		if i > 0 {
			text.WriteByte('&')
		}
		text.WriteString(url.QueryEscape(p.Name) + "=" + url.QueryEscape(p.Value))
	}
	pd.Text = text.String()
	return pd, size
}

// headerList turns a protocol header object into HAR headers: sorted by
// name (HTTP/2 pseudo-headers first), one entry per line of a value that
// joins several with "\n" (Set-Cookie).
func headerList(h headers) []har.NameValue {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := strings.ToLower(names[i]), strings.ToLower(names[j])
		if a != b {
			return a < b
		}
		return names[i] < names[j]
	})
	out := make([]har.NameValue, 0, len(names))
	for _, k := range names {
		var v string
		switch x := h[k].(type) {
		case string:
			v = x
		case nil:
		default:
			b, _ := json.Marshal(x)
			v = string(b)
		}
		for _, line := range strings.Split(v, "\n") {
			out = append(out, har.NameValue{Name: k, Value: line})
		}
	}
	return out
}

func headerValue(hs []har.NameValue, name string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

func requestCookies(hs []har.NameValue) []har.Cookie {
	out := []har.Cookie{}
	for _, h := range hs {
		if !strings.EqualFold(h.Name, "cookie") {
			continue
		}
		for _, part := range strings.Split(h.Value, ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
			if name != "" {
				out = append(out, har.Cookie{Name: name, Value: value})
			}
		}
	}
	return out
}

func responseCookies(hs []har.NameValue) []har.Cookie {
	out := []har.Cookie{}
	for _, h := range hs {
		if !strings.EqualFold(h.Name, "set-cookie") {
			continue
		}
		if c, ok := har.ParseSetCookie(h.Value); ok {
			out = append(out, c)
		}
	}
	return out
}

func queryList(raw string) []har.NameValue {
	out := []har.NameValue{}
	_, q, ok := strings.Cut(raw, "?")
	if !ok {
		return out
	}
	q, _, _ = strings.Cut(q, "#")
	for _, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		n, v, _ := strings.Cut(part, "=")
		if d, err := url.QueryUnescape(n); err == nil {
			n = d
		}
		if d, err := url.QueryUnescape(v); err == nil {
			v = d
		}
		out = append(out, har.NameValue{Name: n, Value: v})
	}
	return out
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

func httpVersion(r *response) string {
	if r == nil {
		return ""
	}
	switch p := strings.ToLower(r.Protocol); p {
	case "h2":
		return "http/2.0"
	case "h3", "http/2+quic/46", "quic":
		return "http/3.0"
	default:
		return p
	}
}

// resourceType is DevTools' name of a resource type.
func resourceType(t string) string {
	switch t {
	case "":
		return "other"
	case "CSPViolationReport":
		return "csp-violation-report"
	case "SignedExchange":
		return "signed-exchange"
	}
	return strings.ToLower(t)
}

// timings computes HAR timings from the CDP timing object, as DevTools'
// HAR writer does.
func timings(h *hop) (har.Timings, float64) {
	t := har.Timings{Blocked: -1, DNS: -1, Connect: -1, SSL: -1}
	issue := h.sent.Timestamp
	end := h.endAt
	if end < issue {
		end = issue
	}
	respAt := h.respAt
	if respAt < issue || respAt > end {
		respAt = end
	}
	var rt *timing
	if h.resp != nil && !h.cached && !h.resp.FromDiskCache {
		rt = h.resp.Timing // a cached response carries the timing of the request that filled the cache
	}
	if rt == nil {
		// No network timing (cache, failure): everything was waiting.
		t.Blocked = 0
		t.Wait = ms(respAt - issue)
		t.Receive = ms(end - respAt)
		return t, round(t.Wait + t.Receive)
	}
	queued := 0.0
	if rt.RequestTime > issue {
		queued = ms(rt.RequestTime - issue)
	}
	blockedStart := leastNonNegative(rt.DNSStart, rt.ConnectStart, rt.SendStart)
	t.Blocked = queued
	if blockedStart >= 0 {
		t.Blocked += blockedStart
	} else {
		blockedStart = 0
	}
	dnsEnd := -1.0
	if rt.DNSEnd >= 0 {
		dnsEnd = rt.DNSEnd
		t.DNS = rt.DNSEnd - blockedStart
	}
	sslEnd := -1.0
	if rt.SSLEnd > 0 {
		sslEnd = rt.SSLEnd
		t.SSL = rt.SSLEnd - rt.SSLStart
	}
	connectEnd := -1.0
	if rt.ConnectEnd >= 0 {
		connectEnd = rt.ConnectEnd
		start := leastNonNegative(dnsEnd, blockedStart)
		if start < 0 {
			start = 0
		}
		t.Connect = rt.ConnectEnd - start
	}
	sendEnd := 0.0
	if rt.SendEnd >= 0 {
		sendEnd = rt.SendEnd
		t.Send = math.Max(rt.SendEnd-math.Max(connectEnd, math.Max(dnsEnd, blockedStart)), 0)
	}
	highest := math.Max(math.Max(sendEnd, connectEnd), math.Max(math.Max(sslEnd, dnsEnd), math.Max(blockedStart, 0)))
	waitEnd := ms(respAt - rt.RequestTime)
	t.Wait = math.Max(waitEnd-highest, 0)
	t.Receive = math.Max(ms(end-rt.RequestTime)-waitEnd, 0)
	for _, p := range []*float64{&t.Blocked, &t.DNS, &t.Connect, &t.SSL, &t.Send, &t.Wait, &t.Receive} {
		if *p != -1 {
			*p = round(math.Max(*p, 0))
		}
	}
	total := 0.0
	for _, v := range []float64{t.Blocked, t.DNS, t.Connect, t.Send, t.Wait, t.Receive} {
		if v > 0 {
			total += v
		}
	}
	return t, round(total)
}

func leastNonNegative(xs ...float64) float64 {
	best := -1.0
	for _, x := range xs {
		if x >= 0 && (best < 0 || x < best) {
			best = x
		}
	}
	return best
}

// ms turns seconds into milliseconds, rounded to microseconds.
func ms(s float64) float64 { return round(s * 1000) }

func round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}

func wallTime(sec float64) string {
	if sec <= 0 || math.IsNaN(sec) || math.IsInf(sec, 0) || sec > 1e11 {
		return "1970-01-01T00:00:00.000Z"
	}
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC().Format("2006-01-02T15:04:05.000Z")
}

func jsonString(s string) har.RawJSON {
	b, _ := json.Marshal(s)
	return b
}

func number(f float64) har.RawJSON {
	return har.RawJSON(strconv.FormatFloat(round(f), 'f', -1, 64))
}
