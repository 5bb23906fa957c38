package authflow

import (
	"fmt"
	"sort"
	"strings"
)

// The find functions of the rule table about cookies (rules.go).

// sessionCookieSharded: the ALB's session cookie came in more than one
// shard. A capture without cookies cannot show it.
func sessionCookieSharded(p *pass) {
	if p.flow.Sanitized {
		return
	}
	var ents []int
	maxShards := 0
	for _, ck := range p.flow.Cookies {
		if !p.bases.isShard(ck.Name+"-0") || !isSharded(ck) {
			continue
		}
		maxShards = max(maxShards, len(ck.Shards))
		if len(ck.SetBy) > 0 {
			ents = append(ents, ck.SetBy...)
		} else if len(ck.SentIn) > 0 {
			ents = append(ents, ck.SentIn[0])
		}
	}
	if len(ents) == 0 {
		return
	}
	// A logout that expired some shards but not all (often -0 alone)
	// leaves the others in the browser: say so here, in the same sentence.
	partial := ""
	if by, done, left := p.partialLogout(); by >= 0 {
		ents = append(ents, by)
		partial = fmt.Sprintf("; the logout (%s) expired only %s and left %s in the browser: expire every shard", p.refs([]int{by}), strings.Join(done, ", "), strings.Join(left, ", "))
	}
	ents = uniqSorted(ents)
	p.report(ents, fmt.Sprintf(
		"The ALB session cookie came in %d shards (%s): the user's claims are large (groups, custom attributes); it works, but logout must expire every AWSELBAuthSessionCookie-N shard (up to 4), and the Cookie header grows towards the 16K limit, so trim the claims or scopes if you can%s.",
		maxShards, p.refs(ents), partial))
}

// isSharded: the cookie came in more than one shard, or in a shard other
// than -0.
func isSharded(ck Cookie) bool {
	if len(ck.Shards) > 1 {
		return true
	}
	for _, s := range ck.Shards {
		if _, n, ok := shardOf(s); ok && n >= 1 {
			return true
		}
	}
	return false
}

// partialLogout finds the first sharded session cookie the logout expired
// in part: the position of the first response that expired a shard, the
// shards expired and those left; by is -1 when there is none.
func (p *pass) partialLogout() (by int, done, left []string) {
	if !p.logout.ok {
		return -1, nil, nil
	}
	for _, ck := range p.flow.Cookies {
		if !p.bases.isShard(ck.Name+"-0") || len(ck.Shards) < 2 {
			continue
		}
		by, done, left = -1, nil, nil
		for _, sh := range ck.Shards {
			x := p.logoutExpiry(ck, sh)
			if x < 0 {
				left = append(left, sh)
				continue
			}
			done = append(done, sh)
			if by < 0 {
				by = x
			}
		}
		if len(done) > 0 && len(left) > 0 {
			return by, done, left
		}
	}
	return -1, nil, nil
}

// cookieHeaderTooLarge: a 400 (431, 494) answered a request whose Cookie
// header was 8 KB or more.
func cookieHeaderTooLarge(p *pass) {
	var ents []int
	for i, o := range p.obs {
		e := o.out
		if e.Status != 400 && e.Status != 431 && e.Status != 494 {
			continue
		}
		// The Cookie header as captured, or, when a sanitizer dropped it
		// or replaced its values ("[name redacted]"), the request's
		// headersSize (which sanitizers leave) less its URL.
		size := o.cookieHeaderLen
		if hs := int(o.reqHeadersSize) - len(e.URL); o.reqHeadersSize > 0 && hs > size {
			size = hs
		}
		if size >= 8*1024 {
			ents = append(ents, i)
		}
	}
	if len(ents) > 0 {
		p.report(ents, fmt.Sprintf(
			"A 400 answered a request with a large Cookie header (%s): the ALB session shards plus stickiness and application cookies exceed the 16K header limit (or the target's smaller one); trim the claims, drop unused application cookies, and raise the target's header limit.",
			p.refs(ents)))
	}
}

// cookieAttributes: the ALB set a session cookie (its own or the
// application's) without Secure or HttpOnly.
func cookieAttributes(p *pass) {
	var ents []int
	missing := map[string][]string{}
	var names []string
	for i, o := range p.obs {
		if p.roles.of(o.out.Host) != RoleALB {
			continue
		}
		bad := false
		for _, sc := range o.setCookies {
			if sc.expired || !(p.bases.isShard(sc.name) || isAppSessionCookie(sc.name)) {
				continue
			}
			m := missingAttrs(sc.attrs)
			if len(m) == 0 {
				continue
			}
			bad = true
			if _, ok := missing[sc.name]; !ok {
				names = append(names, sc.name)
			}
			missing[sc.name] = m
		}
		if bad {
			ents = append(ents, i)
		}
	}
	if len(ents) == 0 {
		return
	}
	var parts []string
	for _, n := range names {
		parts = append(parts, n+" without "+strings.Join(missing[n], " and "))
	}
	p.report(ents, fmt.Sprintf(
		"A session cookie was set without its protective attributes (%s, by %s): the listener is HTTP or the application sets the cookie itself; serve the application through an HTTPS listener and set Secure and HttpOnly on the application's session cookie.",
		strings.Join(parts, "; "), p.refs(ents)))
}

// missingAttrs names the protective attributes a session cookie lacks.
func missingAttrs(a CookieAttrs) []string {
	var m []string
	if !a.Secure {
		m = append(m, "Secure")
	}
	if !a.HTTPOnly {
		m = append(m, "HttpOnly")
	}
	return m
}

func uniqSorted(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
