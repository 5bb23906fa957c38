package authflow

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/seqdoc/seqdoc/har"
)

// Evidence, sturdiest first. What a host is (the ALB, the IdP, a federated
// IdP) is decided from the URLs and the redirect chain: which host an
// authorize request's redirect_uri points at, who answers the authorize
// request, who receives /oauth2/idpresponse, where Location headers lead.
// Response headers (server: awselb/2.0, x-amz-cognito-request-id,
// Set-Cookie) only corroborate, and only for hosts the URLs say nothing
// about. Some exporters (chrome-har, and the tools built on it: browsertime
// and sitespeed.io, puppeteer HAR recorders) attach the response headers of
// one hop of a redirect chain to another entry of the chain; when a
// response's headers contradict what the URLs show, they are set aside
// (movedHeaders) and the finding capture-inconsistent names the entries.

// evidence is the roles stage: the roles from the URLs (findRoles), then
// the response headers that contradict them set aside and the roles found
// again without them; the Set-Cookie lines set aside go to the hop they
// came from.
func (v *view) evidence() {
	locationOutsideRedirect(v.obs)
	v.roles = findRoles(v.obs)
	v.bases = findSessionBases(v.obs, v.roles)
	if contradictions(v.obs, v.roles, v.bases) {
		v.roles = findRoles(v.obs)
		v.bases = findSessionBases(v.obs, v.roles)
	}
	reattribute(v.obs, v.roles, v.bases)
}

// movedHeaders are the response headers of an entry that contradict the
// URLs, set aside so that nothing is decided from them.
type movedHeaders struct {
	why      []string // what contradicts, one short clause each
	location string   // the Location it carried
	server   string
	cognito  bool        // x-amz-cognito-request-id
	cookies  []setCookie // its Set-Cookie lines (given to from when known)
	// from is the entry whose headers these are (the earlier hop with the
	// same Location), or -1 when it cannot be told.
	from int
}

// setAside moves the response headers of o that the classifier reads out
// of the way, with the reason.
func (o *obs) setAside(why string) {
	if o.moved != nil {
		o.moved.why = appendOnce(o.moved.why, why)
		return
	}
	o.moved = &movedHeaders{why: []string{why}, location: o.out.Location, server: o.server, cognito: o.cognitoReqID,
		cookies: o.setCookies, from: -1}
	o.loc, o.locQuery, o.locRedir, o.locLogout = nil, nil, nil, nil
	o.hasLocation, o.out.Location = false, ""
	o.server, o.out.ALBAnswered, o.cognitoReqID = "", false, false
	o.setCookies, o.out.CookiesSet, o.out.CookiesExpired = nil, nil, nil
	o.oauthErr = ""
	if u := parseURL(o.out.URL); u != nil {
		o.oauthErr = oauthErrorCode(u.Query().Get("error"))
	}
}

func appendOnce(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// locationOutsideRedirect sets aside the headers of every response that
// carries a Location header although its status is no redirect (nor 201
// Created, whose Location names what it created): a 200 page with a
// Location is a redirect hop's headers on the chain's last entry.
func locationOutsideRedirect(obs []*obs) {
	for _, o := range obs {
		st := o.out.Status
		switch {
		case o.hasLocation && o.locHeader && !isRedirect(st) && st != 304 && st != 201 && st > 0:
			o.setAside("a " + itoa(st) + " with a Location")
		case o.locMismatch:
			o.setAside("a Location header that is not its redirectURL")
		}
	}
}

// contradictions sets aside the response headers that contradict the roles
// the URLs gave the hosts, and reports whether it set aside any.
func contradictions(obs []*obs, r *roles, bases sessionBases) bool {
	changed := false
	for _, o := range obs {
		h := o.out.Host
		if o.connect || h == "" {
			continue
		}
		var why []string
		if r.alb[h] && o.cognitoReqID {
			why = append(why, "x-amz-cognito-request-id on the application's host")
		}
		if r.idp[h] || r.fed[h] {
			for _, sc := range o.setCookies {
				if sc.name == "AWSALBAuthNonce" || bases.isShard(sc.name) {
					why = appendOnce(why, "the ALB's Set-Cookie "+sc.name+" on the IdP's host")
				}
			}
		}
		if o.loc != nil && isRedirect(o.out.Status) {
			if sameURL(o.loc, o.out.URL) && (isCallbackPath(o.out.Path) || o.redirectU != nil) {
				// The callback answers with the original URL and an
				// authorize request with the sign-in page or the
				// redirect_uri: never themselves. (Any other page may
				// redirect to itself: a cookie check, a loop the
				// redirect-loop finding reports.)
				why = append(why, "a redirect to its own URL")
			} else if o.redirectU != nil && (r.idp[h] || r.fed[h]) && !isLogoutPath(o.out.Path) &&
				hostOf(o.loc) == hostOf(o.redirectU) && cleanPath(har.EscapedPath(o.loc)) != cleanPath(har.EscapedPath(o.redirectU)) {
				// The IdP sends the browser back to the client only at its
				// redirect_uri (RFC 6749 §4.1.2).
				why = append(why, "the IdP's redirect to the application outside its redirect_uri")
			}
		}
		for _, w := range why {
			o.setAside(w)
			changed = true
		}
	}
	return changed
}

// sameURL: the Location leads back to the request's own URL.
func sameURL(loc *url.URL, raw string) bool {
	u := parseURL(raw)
	return u != nil && strings.EqualFold(u.Scheme, loc.Scheme) && hostOf(u) == hostOf(loc) && u.EscapedPath() == loc.EscapedPath() && u.RawQuery == loc.RawQuery
}

// reattribute gives the Set-Cookie lines of an entry whose headers were set
// aside to the hop they came from: the earlier redirect with the same
// Location (chrome-har writes a chain's first hop's headers on its last
// entry). Without such a hop they are dropped, except those that fit the
// entry's own host.
func reattribute(obs []*obs, r *roles, bases sessionBases) {
	for i, o := range obs {
		m := o.moved
		if m == nil || m.from >= 0 {
			continue
		}
		if m.location != "" {
			for j := i - 1; j >= 0 && j >= i-12; j-- {
				p := obs[j]
				if p.moved == nil && isRedirect(p.out.Status) && p.out.Location == m.location {
					m.from = j
					break
				}
			}
		}
		if m.from >= 0 {
			p := obs[m.from]
			if len(p.setCookies) == 0 {
				for _, sc := range m.cookies {
					p.setCookies = append(p.setCookies, sc)
					if sc.expired {
						p.out.CookiesExpired = append(p.out.CookiesExpired, sc.name)
					} else {
						p.out.CookiesSet = append(p.out.CookiesSet, sc.name)
					}
				}
			}
			continue
		}
		h := o.out.Host
		for _, sc := range m.cookies {
			if sc.attrs.Domain != "" && !domainMatch(h, sc.attrs.Domain) {
				continue
			}
			if (r.idp[h] || r.fed[h]) && (sc.name == "AWSALBAuthNonce" || bases.isShard(sc.name)) {
				continue
			}
			o.setCookies = append(o.setCookies, sc)
			if sc.expired {
				o.out.CookiesExpired = append(o.out.CookiesExpired, sc.name)
			} else {
				o.out.CookiesSet = append(o.out.CookiesSet, sc.name)
			}
		}
	}
}

// relaysCode: a redirect from this /oauth2/idpresponse to another host's
// /oauth2/idpresponse with a code, what Cognito does at the end of a
// federated sign-in (the ALB's own callback redirects to the original URL).
func relaysCode(o *obs) bool {
	return isCallbackPath(o.out.Path) && o.loc != nil && isRedirect(o.out.Status) && hostOf(o.loc) != o.out.Host &&
		isCallbackPath(o.loc.Path) && (o.locQuery["code"] || o.locQuery["error"])
}

// sameTarget: two Location values (relative to the request URL u) lead to
// the same URL.
func sameTarget(u *url.URL, a, b string) bool {
	if a == b {
		return true
	}
	ua, ub := parseURL(a), parseURL(b)
	if ua == nil || ub == nil {
		return false
	}
	if u != nil {
		ua, ub = u.ResolveReference(ua), u.ResolveReference(ub)
	}
	return ua.String() == ub.String()
}

// redeemedCallbacks marks the callbacks the browser gave up on (no
// response) whose code the ALB had redeemed: the same code, presented again
// on the same host, was refused with 561 (a code is single-use).
func redeemedCallbacks(obs []*obs) map[int]bool {
	var out map[int]bool
	refused := map[string]bool{}
	for i := len(obs) - 1; i >= 0; i-- {
		o := obs[i]
		if !isCallbackPath(o.out.Path) || !o.query["code"] {
			continue
		}
		u := parseURL(o.out.URL)
		if u == nil {
			continue
		}
		key := o.out.Host + "\x00" + u.Query().Get("code")
		switch {
		case o.out.Status == 561:
			refused[key] = true
		case o.out.Failed && refused[key]:
			if out == nil {
				out = map[int]bool{}
			}
			out[i] = true
		}
	}
	return out
}

// timeOrder is the order in which the exchanges started: capture order,
// unless the exporter wrote them as they finished (a slow page after the
// redirects that followed it). Entries without a start time keep their
// place after the one before them.
func timeOrder(obs []*obs) []int {
	order := make([]int, len(obs))
	sorted := true
	for i := range order {
		order[i] = i
		if i > 0 && obs[i].out.Started.Before(obs[i-1].out.Started) && !obs[i].out.Started.IsZero() {
			sorted = false
		}
	}
	if sorted {
		return order
	}
	at := make([]time.Time, len(obs))
	var last time.Time
	for i, o := range obs {
		if !o.out.Started.IsZero() {
			last = o.out.Started
		}
		at[i] = last
	}
	sort.SliceStable(order, func(a, b int) bool { return at[order[a]].Before(at[order[b]]) })
	return order
}
