package authflow

import (
	"sort"
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

// logicalCookie is the name shards share: AWSELBAuthSessionCookie-1 and
// AWSALBAPP-2 belong to AWSELBAuthSessionCookie and AWSALBAPP; cookies whose
// names carried a value belong to their family: _ga_{token-1} and
// _ga_{token-2} to _ga_{token-N} (har.NameFamily).
func logicalCookie(name string, bases map[string]bool) string {
	base, _, ok := shardOf(name)
	if ok && (isSessionShard(name, bases) || base == "AWSALBAPP") {
		return base
	}
	if family, ok := har.NameFamily(name); ok {
		return family
	}
	return name
}

type cookieTrack struct {
	c       *Cookie
	domain  string // host or Domain attribute it belongs to
	cur     map[string]int
	lastSet map[string]int
	lastExp map[string]int
	sentTo  map[string]bool
}

func domainMatch(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// logoutSpan is the first logout sequence: from the first logout-phase
// entry to the last entry of that run of logout-phase entries.
func logoutSpan(f *Flow) (start, end int, ok bool) {
	start = -1
	for i, e := range f.Entries {
		if start < 0 && (e.Kind == KindLogout || e.Kind == KindIdPLogout) {
			start = i
		}
		if start >= 0 {
			if e.Phase != PhaseLogout {
				break
			}
			end = i
		}
	}
	return start, end, start >= 0
}

func (c *Classifier) cookieLifecycle(f *Flow, bases map[string]bool) []Cookie {
	var tracks []*cookieTrack
	find := func(name, host string) *cookieTrack {
		for _, t := range tracks {
			if t.c.Name == name && domainMatch(host, t.domain) {
				return t
			}
		}
		return nil
	}
	newTrack := func(name, domain, host string) *cookieTrack {
		t := &cookieTrack{c: &Cookie{Name: name, Host: host, ALBSession: isSessionShard(name+"-0", bases), Shards: []string{}, SetBy: []int{}, SentTo: []string{},
			SentIn: []int{}, ExpiredBy: []int{}}, domain: domain, cur: map[string]int{}, lastSet: map[string]int{},
			lastExp: map[string]int{}, sentTo: map[string]bool{}}
		tracks = append(tracks, t)
		return t
	}
	addShard := func(t *cookieTrack, shard string) {
		for _, s := range t.c.Shards {
			if s == shard {
				return
			}
		}
		t.c.Shards = append(t.c.Shards, shard)
	}
	appendOnce := func(xs []int, i int) []int {
		if len(xs) > 0 && xs[len(xs)-1] == i {
			return xs
		}
		return append(xs, i)
	}
	for i, o := range c.obs {
		h := o.out.Host
		// Sent.
		sizes := map[*cookieTrack]int{}
		for _, rc := range o.reqCookies {
			name := logicalCookie(rc.name, bases)
			t := find(name, h)
			if t == nil {
				t = newTrack(name, h, "")
			}
			addShard(t, rc.name)
			t.c.SentIn = appendOnce(t.c.SentIn, i)
			t.sentTo[h] = true
			sizes[t] += len(rc.name) + 1 + rc.size
		}
		for t, s := range sizes {
			if s > t.c.Size {
				t.c.Size = s
			}
		}
		// Set and expired.
		for _, sc := range o.setCookies {
			name := logicalCookie(sc.name, bases)
			domain := h
			if sc.attrs.Domain != "" {
				domain = sc.attrs.Domain
			}
			t := find(name, h)
			if t == nil {
				t = newTrack(name, domain, h)
			}
			if t.c.Host == "" {
				t.c.Host = h
			}
			addShard(t, sc.name)
			if sc.expired {
				t.c.ExpiredBy = appendOnce(t.c.ExpiredBy, i)
				t.lastExp[sc.name] = i + 1
				delete(t.cur, sc.name)
				continue
			}
			t.c.SetBy = appendOnce(t.c.SetBy, i)
			t.c.Attrs = sc.attrs
			t.lastSet[sc.name] = i + 1
			t.cur[sc.name] = len(sc.name) + 1 + sc.size
			total := 0
			for _, s := range t.cur {
				total += s
			}
			if total > t.c.Size {
				t.c.Size = total
			}
		}
	}
	ls, le, hasLogout := logoutSpan(f)
	out := make([]Cookie, 0, len(tracks))
	for _, t := range tracks {
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
		if hasLogout {
			existed := (len(t.c.SetBy) > 0 && t.c.SetBy[0] < ls) || (len(t.c.SentIn) > 0 && t.c.SentIn[0] < ls)
			expiredInLogout := len(t.c.Shards) > 0
			for _, s := range t.c.Shards {
				// every shard must have an expiry inside the logout span
				found := false
				for _, x := range t.c.ExpiredBy {
					if x >= ls && x <= le {
						found = c.expiresShard(x, s)
						if found {
							break
						}
					}
				}
				if !found {
					expiredInLogout = false
				}
			}
			t.c.OutlivedLogout = existed && !expiredInLogout
		}
		out = append(out, *t.c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ai, aj := firstIndex(out[i]), firstIndex(out[j])
		if ai != aj {
			return ai < aj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (c *Classifier) expiresShard(i int, shard string) bool {
	for _, sc := range c.obs[i].setCookies {
		if sc.name == shard && sc.expired {
			return true
		}
	}
	return false
}

func firstIndex(c Cookie) int {
	m := 1 << 62
	if len(c.SetBy) > 0 && c.SetBy[0] < m {
		m = c.SetBy[0]
	}
	if len(c.SentIn) > 0 && c.SentIn[0] < m {
		m = c.SentIn[0]
	}
	if len(c.ExpiredBy) > 0 && c.ExpiredBy[0] < m {
		m = c.ExpiredBy[0]
	}
	return m
}

// The X-Amzn-Oidc-* headers the ALB adds on its way to the target.
var oidcHeaders = []string{"X-Amzn-Oidc-Accesstoken", "X-Amzn-Oidc-Identity", "X-Amzn-Oidc-Data"}

func (c *Classifier) headerLifecycle(f *Flow) []Header {
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
	for i, o := range c.obs {
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
