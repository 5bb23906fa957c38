package authflow

import (
	"net/url"
	"sort"
	"strings"
)

// roles says what each host is, found by behaviour (findRoles).
type roles struct {
	alb, idp, cognito, fed map[string]bool
	// logoutTargets are the hosts some IdP logout sends the browser back
	// to (logout_uri): applications.
	logoutTargets map[string]bool
}

func (r *roles) of(host string) Role {
	switch {
	case r.alb[host]:
		return RoleALB
	case r.idp[host]:
		return RoleIdP
	case r.fed[host]:
		return RoleFederated
	}
	return RoleOther
}

// isIdP: an IdP the ALB redirects to or a federated one behind it.
func (r *roles) isIdP(host string) bool { return r.idp[host] || r.fed[host] }

// answersAsIdP: the host's role (of) is an IdP's or a federated IdP's; a
// host that is also an ALB answers as the ALB.
func (r *roles) answersAsIdP(host string) bool {
	role := r.of(host)
	return role == RoleIdP || role == RoleFederated
}

// findRoles recognises the hosts by behaviour: the ALB host is the one the
// redirect_uri of an authorize request points at (…/oauth2/idpresponse),
// the IdP the host that receives those authorize requests, a Cognito domain
// the one that answers with x-amz-cognito-request-id (or whose name is
// *.amazoncognito.com), a federated IdP the one Cognito sends its own
// authorize requests to. Each step below adds what the ones before it
// could not see.
func findRoles(obs []*obs) *roles {
	r := &roles{alb: map[string]bool{}, idp: map[string]bool{}, cognito: map[string]bool{}, fed: map[string]bool{},
		logoutTargets: logoutTargets(obs)}
	g := r.authorizeGraph(obs)
	r.fromGraph(g, obs)
	r.albsByAnswer(obs)
	r.signedInALBs(obs)
	r.federatedHops(obs)
	r.loginWindowHosts(obs)
	return r
}

// authGraph ties the hosts that receive authorize requests (targets) to the
// hosts their redirect_uri names, and lists the hosts that received a
// callback, those that pass a code on to another host's callback (relays:
// Cognito in a federated sign-in), and those x-amz-cognito-request-id marks.
type authGraph struct {
	targets         map[string]map[string]bool // authorize target -> redirect hosts
	callbacks       map[string]bool
	relays          map[string]bool
	cognitoByHeader map[string]bool
}

func (g *authGraph) edge(target, redir string) {
	if target == "" || redir == "" {
		return
	}
	if g.targets[target] == nil {
		g.targets[target] = map[string]bool{}
	}
	g.targets[target][redir] = true
}

func (g *authGraph) isTarget(h string) bool { return g.targets[h] != nil }

// authorizeGraph reads the authorize requests and redirects and the
// callbacks, and marks the Cognito hosts.
func (r *roles) authorizeGraph(obs []*obs) *authGraph {
	g := &authGraph{targets: map[string]map[string]bool{}, callbacks: map[string]bool{}, relays: map[string]bool{}, cognitoByHeader: map[string]bool{}}
	for _, o := range obs {
		if o.connect || o.background {
			continue
		}
		h := o.out.Host
		if strings.HasSuffix(h, ".amazoncognito.com") || strings.HasSuffix(strings.ToLower(o.out.Path), "/saml2/idpresponse") {
			r.cognito[h] = true
		}
		if o.cognitoReqID {
			g.cognitoByHeader[h] = true
		}
		if o.redirectU != nil && isCallbackPath(o.redirectU.Path) && (o.query["client_id"] || o.query["response_type"]) {
			g.edge(h, hostOf(o.redirectU))
		}
		if o.loc != nil {
			if o.locRedir != nil && isCallbackPath(o.locRedir.Path) && (o.locQuery["client_id"] || o.locQuery["response_type"]) {
				g.edge(hostOf(o.loc), hostOf(o.locRedir))
			}
			if o.locRedir == nil && isRedirect(o.out.Status) && (strings.HasSuffix(strings.ToLower(o.loc.Path), "/oauth2/authorize") ||
				(o.locQuery["client_id"] && o.locQuery["response_type"])) && hostOf(o.loc) != h {
				// An authorize redirect whose redirect_uri an exporter or
				// a proxy dropped: the one who redirects is the client.
				g.edge(hostOf(o.loc), h)
			}
			if o.locQuery["SAMLRequest"] {
				g.edge(hostOf(o.loc), h)
				r.cognito[h] = true
			}
		}
		if isCallbackPath(o.out.Path) && (o.query["code"] || o.query["state"] || o.query["error"]) {
			g.callbacks[h] = true
			if relaysCode(o) {
				g.relays[h] = true
			}
		}
	}
	return g
}

// fromGraph: the hosts authorize requests return to are ALBs, their
// targets IdPs, and a target an IdP's authorize request goes to is a
// federated IdP. The URLs first: the client of an authorize request (its
// redirect_uri) and the receiver of /oauth2/idpresponse is the ALB, unless
// it answers authorize requests itself or passes a code on (Cognito in a
// federated sign-in); headers only corroborate.
func (r *roles) fromGraph(g *authGraph, obs []*obs) {
	for _, rs := range g.targets {
		for h := range rs {
			if !g.isTarget(h) && !r.cognito[h] && !g.relays[h] {
				r.alb[h] = true
			}
		}
	}
	for h := range g.callbacks {
		if !g.isTarget(h) && !r.cognito[h] && !g.relays[h] {
			r.alb[h] = true
		}
	}
	// x-amz-cognito-request-id marks Cognito on a host the URLs do not
	// show to be the ALB.
	for h := range g.cognitoByHeader {
		if !r.alb[h] {
			r.cognito[h] = true
		}
	}
	for h := range r.cognito {
		r.idp[h] = true
	}
	r.authorizationServers(obs)
	for t, rs := range g.targets {
		for h := range rs {
			if r.alb[h] {
				r.idp[t] = true
			}
		}
	}
	for t, rs := range g.targets {
		if r.idp[t] {
			continue
		}
		for h := range rs {
			if r.idp[h] || g.isTarget(h) {
				r.fed[t] = true
			}
		}
	}
}

// authorizationServers: whoever sends the browser to the ALB's
// /oauth2/idpresponse with a code (or an error) is the authorization server
// (RFC 6749 §4.1.2), also when its authorize request is not in the capture.
func (r *roles) authorizationServers(obs []*obs) {
	for _, o := range obs {
		h := o.out.Host
		if o.loc != nil && isRedirect(o.out.Status) && r.alb[hostOf(o.loc)] && !r.alb[h] && isCallbackPath(o.loc.Path) &&
			(o.locQuery["code"] || o.locQuery["error"]) && h != "" && !o.connect && !r.fed[h] {
			r.idp[h] = true
		}
	}
}

// albsByAnswer: an ALB that redirects to an authorize endpoint we could not
// tie to a redirect_uri (redirect_uri stripped by an exporter) still shows
// itself with server: awselb/2.0; Cognito's user-pool API hosts are the IdP.
func (r *roles) albsByAnswer(obs []*obs) {
	for _, o := range obs {
		if o.out.ALBAnswered && o.loc != nil && r.idp[hostOf(o.loc)] && !r.idp[o.out.Host] {
			r.alb[o.out.Host] = true
		}
		if strings.HasPrefix(o.out.Host, "cognito-idp.") && strings.HasSuffix(o.out.Host, ".amazonaws.com") {
			r.idp[o.out.Host] = true
		}
	}
}

// signedInALBs: a capture that starts signed in has no authorize redirect
// to tie the application to the IdP. The ALB still shows itself: the
// browser sends it the session cookie, it answers some requests itself
// (server: awselb/2.0, e.g. a 400 or 503 page), or the application behind
// it sends the browser to the IdP's /logout (client_id).
func (r *roles) signedInALBs(obs []*obs) {
	for _, o := range obs {
		h := o.out.Host
		if h == "" || r.idp[h] || r.fed[h] || r.alb[h] || o.connect || o.background {
			continue
		}
		sends := false
		for _, rc := range o.reqCookies {
			if strings.HasPrefix(rc.name, "AWSELBAuthSessionCookie") && rc.size > 0 {
				sends = true
			}
		}
		toIdPLogout := o.loc != nil && r.idp[hostOf(o.loc)] && isLogoutPath(o.loc.Path) && o.locQuery["client_id"]
		if sends || o.out.ALBAnswered || toIdPLogout {
			r.alb[h] = true
		}
	}
}

// federatedHops: federated IdPs pass the browser along between their own
// hosts: a redirect from an IdP (not to the ALB, not a logout) to an
// unknown host leads to a federated IdP.
func (r *roles) federatedHops(obs []*obs) {
	for changed := true; changed; {
		changed = false
		for _, o := range obs {
			h := o.out.Host
			if o.loc == nil || !r.isIdP(h) || isLogoutPath(o.out.Path) || o.connect || o.background {
				continue
			}
			lh := hostOf(o.loc)
			if lh == "" || r.alb[lh] || r.isIdP(lh) || o.locLogout != nil {
				continue
			}
			if r.idp[h] && o.locQuery["code"] {
				continue // a code sent to a redirect_uri: that is an application
			}
			if r.logoutTargets[lh] {
				continue
			}
			r.fed[lh] = true
			changed = true
		}
	}
}

// loginWindowHosts: a page of an unknown host that the browser visits
// between the ALB's redirect to the IdP and the callback belongs to a
// federated IdP (reached by a script or a form, not a Location).
func (r *roles) loginWindowHosts(obs []*obs) {
	in := false
	for _, o := range obs {
		h := o.out.Host
		switch {
		case r.alb[h] && isRedirect(o.out.Status) && r.isAuthorize(o.loc, o.locQuery, o.locRedir):
			in = o.class == ResourceDocument
		case r.alb[h]:
			in = false
		case in && o.class == ResourceDocument && h != "" && !r.isIdP(h) && !o.connect && !o.background && !r.logoutTargets[h]:
			r.fed[h] = true
		}
	}
}

// logoutTargets are the hosts some IdP logout sends the browser back to
// (logout_uri), which makes them applications.
func logoutTargets(obs []*obs) map[string]bool {
	t := map[string]bool{}
	for _, o := range obs {
		if o.logoutU != nil {
			t[hostOf(o.logoutU)] = true
		}
		if o.locLogout != nil {
			t[hostOf(o.locLogout)] = true
		}
	}
	return t
}

func isCallbackPath(p string) bool {
	p = strings.ToLower(strings.TrimSuffix(p, "/"))
	return strings.HasSuffix(p, "/oauth2/idpresponse") || strings.HasSuffix(p, "/saml2/idpresponse")
}

var logoutSegment = lazyRegexp(`(?i)^(log[-_]?out|sign[-_]?out|log[-_]?off|end[-_]?session|slo)(\.[a-z]+)?$`)

// underLogoutPath: a segment before the last names a logout (Keycloak's
// confirmation, …/openid-connect/logout/logout-confirm).
func underLogoutPath(p string) bool {
	p = strings.TrimSuffix(p, "/")
	segs := strings.Split(p, "/")
	for _, s := range segs[:max(len(segs)-1, 0)] {
		if logoutSegment().MatchString(s) {
			return true
		}
	}
	return false
}

// isLogoutPath: the path's last segment names a logout.
func isLogoutPath(p string) bool {
	p = strings.TrimSuffix(p, "/")
	seg := p[strings.LastIndexByte(p, '/')+1:]
	return logoutSegment().MatchString(seg)
}

func isRedirect(status int) bool { return status >= 300 && status < 400 && status != 304 }

// isAuthorize reports whether u (with query names q and redirect_uri redir)
// is an IdP authorize request.
func (r *roles) isAuthorize(u *url.URL, q map[string]bool, redir *url.URL) bool {
	if u == nil {
		return false
	}
	p := strings.ToLower(u.Path)
	if strings.HasSuffix(p, "/oauth2/authorize") {
		return true
	}
	if isLogoutPath(p) {
		// Cognito's /logout also takes client_id, redirect_uri and
		// response_type (sign out, then sign in again): still a logout.
		return false
	}
	if redir != nil && isCallbackPath(redir.Path) && (q["client_id"] || q["response_type"]) {
		return true
	}
	return r.isIdP(hostOf(u)) && strings.HasSuffix(p, "/authorize")
}

// participants lists the parties, in a stable order: the browser, the ALB
// hosts, the IdPs, the federated IdPs, the third parties; and sets each
// entry's Participant.
func (v *view) participants() []Participant {
	r := v.roles
	seen := map[string]bool{}
	byRole := map[Role][]string{}
	for _, e := range v.flow.Entries {
		if e.Host == "" || seen[e.Host] {
			continue
		}
		seen[e.Host] = true
		byRole[r.of(e.Host)] = append(byRole[r.of(e.Host)], e.Host)
	}
	ps := []Participant{{ID: "browser", Role: RoleBrowser, Label: "Browser", Hosts: []string{}}}
	ids := map[string]string{}
	for _, k := range []struct {
		prefix string
		role   Role
		label  func(h string) string
	}{
		{"alb", RoleALB, func(h string) string { return "ALB (" + h + ")" }},
		{"idp", RoleIdP, func(h string) string {
			if r.cognito[h] {
				return "Cognito hosted UI (" + h + ")"
			}
			return "IdP (" + h + ")"
		}},
		{"fed", RoleFederated, func(h string) string { return "Federated IdP (" + h + ")" }},
		{"other", RoleOther, func(h string) string { return h }},
	} {
		hosts := byRole[k.role]
		sort.Strings(hosts)
		for i, h := range hosts {
			id := k.prefix
			if len(hosts) > 1 || k.prefix == "other" || k.prefix == "fed" {
				id = k.prefix + itoa(i+1)
			}
			ids[h] = id
			ps = append(ps, Participant{ID: id, Role: k.role, Label: k.label(h), Hosts: []string{h}, Cognito: k.role == RoleIdP && r.cognito[h]})
		}
	}
	for _, e := range v.flow.Entries {
		e.Participant = ids[e.Host]
	}
	return ps
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// anyALB: one of the hosts is an ALB.
func (r *roles) anyALB(hosts []string) bool {
	for _, h := range hosts {
		if r.alb[h] {
			return true
		}
	}
	return false
}
