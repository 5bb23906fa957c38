package authflow

import (
	"sort"
	"strings"
)

// span is a run of entries by position: start to end, both included.
type span struct {
	start, end int
	ok         bool // there is one
}

func (s span) has(i int) bool { return s.ok && i >= s.start && i <= s.end }

// logoutSpan is the first logout sequence: from the first logout-phase
// entry to the last entry of that run of logout-phase entries.
func logoutSpan(f *Flow) span {
	s := span{start: -1}
	for i, e := range f.Entries {
		if s.start < 0 && (e.Kind == KindLogout || e.Kind == KindIdPLogout) {
			s.start = i
		}
		if s.start >= 0 {
			if e.Phase != PhaseLogout {
				break
			}
			s.end = i
		}
	}
	s.ok = s.start >= 0
	return s
}

// cookieTrack follows one logical cookie through the capture.
type cookieTrack struct {
	c       *Cookie
	domain  string         // host or Domain attribute it belongs to
	cur     map[string]int // shard → bytes it holds now
	lastSet map[string]int // shard → position+1 of its last setting
	lastExp map[string]int // shard → position+1 of its last expiry
	sentTo  map[string]bool
}

func domainMatch(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// cookieTracks follows every cookie: where it was sent, set and expired.
type cookieTracks struct {
	bases  sessionBases
	tracks []*cookieTrack
}

func (ts *cookieTracks) find(name, host string) *cookieTrack {
	for _, t := range ts.tracks {
		if t.c.Name == name && domainMatch(host, t.domain) {
			return t
		}
	}
	return nil
}

func (ts *cookieTracks) add(name, domain, host string) *cookieTrack {
	t := &cookieTrack{c: &Cookie{Name: name, Host: host, ALBSession: ts.bases.isShard(name + "-0"), Shards: []string{}, SetBy: []int{}, SentTo: []string{},
		SentIn: []int{}, ExpiredBy: []int{}}, domain: domain, cur: map[string]int{}, lastSet: map[string]int{},
		lastExp: map[string]int{}, sentTo: map[string]bool{}}
	ts.tracks = append(ts.tracks, t)
	return t
}

func (t *cookieTrack) addShard(shard string) {
	for _, s := range t.c.Shards {
		if s == shard {
			return
		}
	}
	t.c.Shards = append(t.c.Shards, shard)
}

func appendPos(xs []int, i int) []int {
	if len(xs) > 0 && xs[len(xs)-1] == i {
		return xs
	}
	return append(xs, i)
}

// sent notes the cookies the request at position i sent.
func (ts *cookieTracks) sent(i int, o *obs) {
	h := o.out.Host
	sizes := map[*cookieTrack]int{}
	for _, rc := range o.reqCookies {
		name := ts.bases.logical(rc.name)
		t := ts.find(name, h)
		if t == nil {
			t = ts.add(name, h, "")
		}
		t.addShard(rc.name)
		t.c.SentIn = appendPos(t.c.SentIn, i)
		t.sentTo[h] = true
		sizes[t] += len(rc.name) + 1 + rc.size
	}
	for t, s := range sizes {
		t.c.Size = max(t.c.Size, s)
	}
}

// set notes the cookies the response at position i set or expired.
func (ts *cookieTracks) set(i int, o *obs) {
	h := o.out.Host
	for _, sc := range o.setCookies {
		name := ts.bases.logical(sc.name)
		domain := h
		if sc.attrs.Domain != "" {
			domain = sc.attrs.Domain
		}
		t := ts.find(name, h)
		if t == nil {
			t = ts.add(name, domain, h)
		}
		if t.c.Host == "" {
			t.c.Host = h
		}
		t.addShard(sc.name)
		if sc.expired {
			t.c.ExpiredBy = appendPos(t.c.ExpiredBy, i)
			t.lastExp[sc.name] = i + 1
			delete(t.cur, sc.name)
			continue
		}
		t.c.SetBy = appendPos(t.c.SetBy, i)
		t.c.Attrs = sc.attrs
		t.lastSet[sc.name] = i + 1
		t.cur[sc.name] = len(sc.name) + 1 + sc.size
		total := 0
		for _, s := range t.cur {
			total += s
		}
		t.c.Size = max(t.c.Size, total)
	}
}

// cookieLifecycle is the lifecycle of every logical cookie (shards
// grouped), in the order they first appear.
func (v *view) cookieLifecycle() []Cookie {
	ts := &cookieTracks{bases: v.bases}
	for i, o := range v.obs {
		ts.sent(i, o)
		ts.set(i, o)
	}
	out := make([]Cookie, 0, len(ts.tracks))
	for _, t := range ts.tracks {
		out = append(out, v.finish(t))
	}
	sort.SliceStable(out, func(i, j int) bool {
		ai, aj := firstPos(out[i]), firstPos(out[j])
		if ai != aj {
			return ai < aj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// finish completes a cookie's story: shards and hosts sorted, whether
// every shard was expired, whether it outlived the logout.
func (v *view) finish(t *cookieTrack) Cookie {
	sort.Strings(t.c.Shards)
	for h := range t.sentTo {
		t.c.SentTo = append(t.c.SentTo, h)
	}
	sort.Strings(t.c.SentTo)
	all := len(t.c.Shards) > 0
	for _, s := range t.c.Shards {
		if t.lastExp[s] == 0 || t.lastExp[s] < t.lastSet[s] {
			all = false
		}
	}
	t.c.AllShardsExpired = all
	if ls := v.logout; ls.ok {
		existed := (len(t.c.SetBy) > 0 && t.c.SetBy[0] < ls.start) || (len(t.c.SentIn) > 0 && t.c.SentIn[0] < ls.start)
		t.c.OutlivedLogout = existed && !v.expiredInLogout(*t.c)
	}
	return *t.c
}

// expiredInLogout: every shard of the cookie has an expiry inside the
// logout sequence.
func (v *view) expiredInLogout(c Cookie) bool {
	if len(c.Shards) == 0 {
		return false
	}
	for _, s := range c.Shards {
		if v.logoutExpiry(c, s) < 0 {
			return false
		}
	}
	return true
}

// logoutExpiry is the position of the first response of the logout
// sequence that expired the cookie's shard, or -1.
func (v *view) logoutExpiry(c Cookie, shard string) int {
	for _, x := range c.ExpiredBy {
		if v.logout.has(x) && v.expiresShard(x, shard) {
			return x
		}
	}
	return -1
}

// expiresShard: the response at position i expired the shard.
func (v *view) expiresShard(i int, shard string) bool {
	for _, sc := range v.obs[i].setCookies {
		if sc.name == shard && sc.expired {
			return true
		}
	}
	return false
}

func firstPos(c Cookie) int {
	m := 1 << 62
	for _, xs := range [][]int{c.SetBy, c.SentIn, c.ExpiredBy} {
		if len(xs) > 0 {
			m = min(m, xs[0])
		}
	}
	return m
}

// The X-Amzn-Oidc-* headers the ALB adds on its way to the target.
var oidcHeaders = []string{"X-Amzn-Oidc-Accesstoken", "X-Amzn-Oidc-Identity", "X-Amzn-Oidc-Data"}

func (v *view) headerLifecycle() []Header {
	mk := func(name, dir string, observable bool) *Header {
		return &Header{Name: name, Direction: dir, Observable: observable, Hosts: []string{}, Entries: []int{}, Values: []string{}}
	}
	loc := mk("Location", "response", true)
	srv := mk("Server", "response", true)
	cog := mk("x-amz-cognito-request-id", "response", true)
	oidc := map[string]*Header{}
	for _, n := range oidcHeaders {
		oidc[strings.ToLower(n)] = mk(n, "request", false)
	}
	hosts := map[*Header]map[string]bool{}
	note := func(h *Header, i int, host string) {
		h.Entries = append(h.Entries, i)
		if hosts[h] == nil {
			hosts[h] = map[string]bool{}
		}
		hosts[h][host] = true
	}
	vals := map[string]bool{}
	for i, o := range v.obs {
		host := o.out.Host
		if o.hasLocation {
			note(loc, i, host)
		}
		if o.server != "" {
			note(srv, i, host)
			if !vals[o.server] && len(vals) < 20 {
				vals[o.server] = true
				srv.Values = append(srv.Values, o.server)
			}
		}
		if o.cognitoReqID {
			note(cog, i, host)
		}
		for _, n := range o.oidcHeaders {
			if h := oidc[strings.ToLower(n)]; h != nil {
				note(h, i, host)
			}
		}
	}
	sort.Strings(srv.Values)
	out := []Header{}
	for _, h := range []*Header{loc, srv, cog, oidc["x-amzn-oidc-accesstoken"], oidc["x-amzn-oidc-identity"], oidc["x-amzn-oidc-data"]} {
		for host := range hosts[h] {
			h.Hosts = append(h.Hosts, host)
		}
		sort.Strings(h.Hosts)
		out = append(out, *h)
	}
	return out
}
