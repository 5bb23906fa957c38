package authflow

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

// Classifier classifies a capture one entry at a time, keeping only a small
// summary of each entry (never bodies, never values), so that a capture of
// any size can be classified as it streams past.
type Classifier struct {
	log *har.Log
	obs []*obs
}

// NewClassifier starts the classification of the capture whose log-level
// fields are log (nil is allowed).
func NewClassifier(log *har.Log) *Classifier { return &Classifier{log: log} }

// Add summarises one redacted entry. Entries must come in capture order.
// The entry is not kept and may be reused by the caller.
func (c *Classifier) Add(e *har.Entry) { c.obs = append(c.obs, observe(e)) }

// Classify classifies redacted entries; see the package documentation.
func Classify(log *har.Log, entries []*har.Entry) *Flow {
	c := NewClassifier(log)
	for _, e := range entries {
		c.Add(e)
	}
	return c.Flow()
}

// roles says what each host is.
type roles struct {
	alb, idp, cognito, fed map[string]bool
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

func isCallbackPath(p string) bool {
	p = strings.ToLower(strings.TrimSuffix(p, "/"))
	return strings.HasSuffix(p, "/oauth2/idpresponse") || strings.HasSuffix(p, "/saml2/idpresponse")
}

// findRoles recognises the hosts by behaviour: the ALB host is the one the
// redirect_uri of an authorize request points at (…/oauth2/idpresponse),
// the IdP the host that receives those authorize requests, a Cognito domain
// the one that answers with x-amz-cognito-request-id (or whose name is
// *.amazoncognito.com), a federated IdP the one Cognito sends its own
// authorize requests to.
func (c *Classifier) findRoles() *roles {
	r := &roles{alb: map[string]bool{}, idp: map[string]bool{}, cognito: map[string]bool{}, fed: map[string]bool{}}
	targets := map[string]map[string]bool{} // authorize target -> redirect hosts
	edge := func(target, redir string) {
		if target == "" || redir == "" {
			return
		}
		if targets[target] == nil {
			targets[target] = map[string]bool{}
		}
		targets[target][redir] = true
	}
	callbackHosts := map[string]bool{}
	relays := map[string]bool{}
	cognitoByHeader := map[string]bool{}
	for _, o := range c.obs {
		if o.connect || o.background {
			continue
		}
		h := o.out.Host
		if strings.HasSuffix(h, ".amazoncognito.com") || strings.HasSuffix(strings.ToLower(o.out.Path), "/saml2/idpresponse") {
			r.cognito[h] = true
		}
		if o.cognitoReqID {
			cognitoByHeader[h] = true
		}
		if o.redirectU != nil && isCallbackPath(o.redirectU.Path) && (o.query["client_id"] || o.query["response_type"]) {
			edge(h, hostOf(o.redirectU))
		}
		if o.loc != nil {
			if o.locRedir != nil && isCallbackPath(o.locRedir.Path) && (o.locQuery["client_id"] || o.locQuery["response_type"]) {
				edge(hostOf(o.loc), hostOf(o.locRedir))
			}
			if o.locRedir == nil && isRedirect(o.out.Status) && (strings.HasSuffix(strings.ToLower(o.loc.Path), "/oauth2/authorize") ||
				(o.locQuery["client_id"] && o.locQuery["response_type"])) && hostOf(o.loc) != h {
				// An authorize redirect whose redirect_uri an exporter or
				// a proxy dropped: the one who redirects is the client.
				edge(hostOf(o.loc), h)
			}
			if o.locQuery["SAMLRequest"] {
				edge(hostOf(o.loc), h)
				r.cognito[h] = true
			}
		}
		if isCallbackPath(o.out.Path) && (o.query["code"] || o.query["state"] || o.query["error"]) {
			callbackHosts[h] = true
			if relaysCode(o) {
				relays[h] = true
			}
		}
	}
	// The URLs first: the client of an authorize request (its redirect_uri)
	// and the receiver of /oauth2/idpresponse is the ALB, unless it answers
	// authorize requests itself or passes a code on (Cognito in a
	// federated sign-in).
	isTarget := func(h string) bool { return targets[h] != nil }
	for _, rs := range targets {
		for h := range rs {
			if !isTarget(h) && !r.cognito[h] && !relays[h] {
				r.alb[h] = true
			}
		}
	}
	for h := range callbackHosts {
		if !isTarget(h) && !r.cognito[h] && !relays[h] {
			r.alb[h] = true
		}
	}
	// Headers only corroborate: x-amz-cognito-request-id marks Cognito on
	// a host the URLs do not show to be the ALB.
	for h := range cognitoByHeader {
		if !r.alb[h] {
			r.cognito[h] = true
		}
	}
	for h := range r.cognito {
		r.idp[h] = true
	}
	// Whoever sends the browser to the ALB's /oauth2/idpresponse with a
	// code (or an error) is the authorization server (RFC 6749 §4.1.2),
	// also when its authorize request is not in the capture.
	for _, o := range c.obs {
		h := o.out.Host
		if o.loc != nil && isRedirect(o.out.Status) && r.alb[hostOf(o.loc)] && !r.alb[h] && isCallbackPath(o.loc.Path) &&
			(o.locQuery["code"] || o.locQuery["error"]) && h != "" && !o.connect {
			if !r.fed[h] {
				r.idp[h] = true
			}
		}
	}
	for t, rs := range targets {
		for h := range rs {
			if r.alb[h] {
				r.idp[t] = true
			}
		}
	}
	for t, rs := range targets {
		if r.idp[t] {
			continue
		}
		for h := range rs {
			if r.idp[h] || isTarget(h) {
				r.fed[t] = true
			}
		}
	}
	// An ALB that redirects to an authorize endpoint we could not tie to a
	// redirect_uri (redirect_uri stripped by an exporter) still shows
	// itself with server: awselb/2.0.
	for _, o := range c.obs {
		if o.out.ALBAnswered && o.loc != nil && r.idp[hostOf(o.loc)] && !r.idp[o.out.Host] {
			r.alb[o.out.Host] = true
		}
		if strings.HasPrefix(o.out.Host, "cognito-idp.") && strings.HasSuffix(o.out.Host, ".amazonaws.com") {
			r.idp[o.out.Host] = true
		}
	}
	// A capture that starts signed in has no authorize redirect to tie
	// the application to the IdP. The ALB still shows itself: the browser
	// sends it the session cookie, it answers some requests itself
	// (server: awselb/2.0, e.g. a 400 or 503 page), or the application
	// behind it sends the browser to the IdP's /logout (client_id).
	for _, o := range c.obs {
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
	// Federated IdPs pass the browser along between their own hosts: a
	// redirect from an IdP (not to the ALB, not a logout) to an unknown
	// host leads to a federated IdP.
	for changed := true; changed; {
		changed = false
		for _, o := range c.obs {
			h := o.out.Host
			if o.loc == nil || !(r.idp[h] || r.fed[h]) || isLogoutPath(o.out.Path) || o.connect || o.background {
				continue
			}
			lh := hostOf(o.loc)
			if lh == "" || r.alb[lh] || r.idp[lh] || r.fed[lh] || o.locLogout != nil {
				continue
			}
			if r.idp[h] && o.locQuery["code"] {
				continue // a code sent to a redirect_uri: that is an application
			}
			if c.isLogoutTarget(lh) {
				continue
			}
			r.fed[lh] = true
			changed = true
		}
	}
	c.loginWindowHosts(r)
	return r
}

// loginWindowHosts: a page of an unknown host that the browser visits
// between the ALB's redirect to the IdP and the callback belongs to a
// federated IdP (reached by a script or a form, not a Location).
func (c *Classifier) loginWindowHosts(r *roles) {
	in := false
	for _, o := range c.obs {
		h := o.out.Host
		switch {
		case r.alb[h] && isRedirect(o.out.Status) && r.isAuthorize(o.loc, o.locQuery, o.locRedir):
			in = o.class == "document"
		case r.alb[h]:
			in = false
		case in && o.class == "document" && h != "" && !r.idp[h] && !r.fed[h] && !o.connect && !o.background && !c.isLogoutTarget(h):
			r.fed[h] = true
		}
	}
}

// isLogoutTarget reports whether host is where some IdP logout sends the
// browser back to (logout_uri), which makes it the application.
func (c *Classifier) isLogoutTarget(host string) bool {
	for _, o := range c.obs {
		if o.logoutU != nil && hostOf(o.logoutU) == host {
			return true
		}
		if o.locLogout != nil && hostOf(o.locLogout) == host {
			return true
		}
	}
	return false
}

var logoutSegment = lazyRegexp(`(?i)^(log[-_]?out|sign[-_]?out|log[-_]?off|end[-_]?session|slo)(\.[a-z]+)?$`)

// isLogoutPath: the path's last segment names a logout.
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
	h := hostOf(u)
	return (r.idp[h] || r.fed[h]) && strings.HasSuffix(p, "/authorize")
}

func shardOf(name string) (base string, n int, ok bool) {
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || i == len(name)-1 {
		return name, 0, false
	}
	k := 0
	for _, ch := range name[i+1:] {
		if ch < '0' || ch > '9' {
			return name, 0, false
		}
		k = k*10 + int(ch-'0')
		if k > 1000 {
			return name, 0, false
		}
	}
	return name[:i], k, true
}

// sessionBases are the base names of the ALB session cookie: the default
// and every sharded name a successful callback set.
func (c *Classifier) sessionBases(r *roles) map[string]bool {
	b := map[string]bool{"AWSELBAuthSessionCookie": true}
	for _, o := range c.obs {
		if !r.alb[o.out.Host] || !isCallbackPath(o.out.Path) || !isRedirect(o.out.Status) {
			continue
		}
		for _, s := range o.setCookies {
			if base, _, ok := shardOf(s.name); ok && !strings.HasPrefix(base, "AWSALB") {
				b[base] = true
			}
		}
	}
	return b
}

func isSessionShard(name string, bases map[string]bool) bool {
	if strings.HasPrefix(name, "AWSELBAuthSessionCookie") {
		return true
	}
	base, _, ok := shardOf(name)
	return ok && bases[base]
}

// Flow finishes the classification.
func (c *Classifier) Flow() *Flow {
	f := &Flow{Entries: make([]*Entry, len(c.obs)), Findings: []Finding{}, Cookies: []Cookie{}, Headers: []Header{}}
	// Roles from the URLs; then set aside response headers that
	// contradict them (and roles again without those headers).
	c.locationOutsideRedirect()
	r := c.findRoles()
	bases := c.sessionBases(r)
	if c.contradictions(r, bases) {
		r = c.findRoles()
		bases = c.sessionBases(r)
	}
	c.reattribute(r, bases)
	sanitized := true
	for _, o := range c.obs {
		if o.cookieHeaders {
			sanitized = false
			break
		}
	}
	f.Sanitized = sanitized && len(c.obs) > 0

	sessionValid := map[string]bool{} // per ALB host, as the capture last showed it
	redeemed := c.redeemedCallbacks()
	pendingLogoutCB := "" // host+path an IdP logout sends the browser to
	var current Phase
	docHost := "" // host of the last page the browser showed
	for _, i := range c.timeOrder() {
		o := c.obs[i]
		e := o.out
		f.Entries[i] = e
		h := e.Host
		doc := o.class == "document"
		// The ALB needs the whole cookie: without shard 0 (a logout that
		// expired only -0 leaves -1, -2 … behind) there is no session.
		carriesSession := false
		for _, rc := range o.reqCookies {
			if !isSessionShard(rc.name, bases) || rc.size == 0 {
				continue
			}
			if _, n, ok := shardOf(rc.name); !ok || n == 0 {
				carriesSession = true
			}
		}
		valid := func() bool {
			if f.Sanitized || !o.sentCookieHeader {
				// No Cookie header to tell (a sanitized export, or an
				// exporter that lost this request's headers): the session
				// the capture last showed for the host.
				v, seen := sessionValid[h]
				return v || !seen
			}
			return carriesSession
		}
		target := func() {
			switch {
			case e.Failed:
			case o.cdnHit: // CloudFront answered from its cache
			case e.ALBAnswered && e.Status != 502 && e.Status != 504:
			case valid():
				e.Steps, e.HiddenSteps = []int{9, 10, 11}, []int{10}
			}
		}
		switch role := r.of(h); {
		case o.connect:
			e.Kind, e.Why, e.Hidden = KindOther, "a proxy's CONNECT tunnel", true
		case o.background:
			e.Kind, e.Why, e.Hidden = KindOther, "the browser's own request (Sec-Fetch-Site: none)", true
		case role == RoleALB && isCallbackPath(e.Path):
			e.Kind, e.Why = KindCallback, "the ALB's /oauth2/idpresponse"
			switch {
			case e.Failed && redeemed[i]:
				// The browser gave up on the answer, but the ALB had
				// redeemed the code: the same code came back refused (561).
				e.Steps, e.HiddenSteps = []int{3, 4, 5, 6, 7, 8}, []int{4, 5, 6, 7}
			case e.Failed:
				e.Steps = []int{3}
			case o.query["error"] && !o.query["code"]:
				// The IdP sent an error instead of a code: nothing to
				// redeem, whatever the ALB answers (561, 401).
				e.Steps = []int{3}
			case isRedirect(e.Status) && r.isAuthorize(o.loc, o.locQuery, o.locRedir):
				e.Steps = []int{3}
			case isRedirect(e.Status) || e.Status == 200:
				e.Steps, e.HiddenSteps = []int{3, 4, 5, 6, 7, 8}, []int{4, 5, 6, 7}
				sessionValid[h] = true
			case e.Status == 500:
				e.Steps, e.HiddenSteps = []int{3, 4, 5, 6, 7}, []int{4, 5, 6, 7}
			case e.Status == 561:
				e.Steps, e.HiddenSteps = []int{3, 4, 5}, []int{4, 5}
			default:
				e.Steps = []int{3}
			}
		case role == RoleALB && isRedirect(e.Status) && r.isAuthorize(o.loc, o.locQuery, o.locRedir):
			e.Kind, e.Why = KindAuthRedirect, "the ALB redirects to the IdP's authorize endpoint"
			e.Steps = []int{1, 2}
			sessionValid[h] = false
		case role == RoleALB:
			key := h + cleanPath(e.Path)
			switch {
			case pendingLogoutCB != "" && key == pendingLogoutCB && o.class != "asset":
				e.Kind, e.Why = KindLogoutCallback, "the logout_uri the IdP logout sent the browser to"
			case o.class != "asset" && o.loc != nil && (r.idp[hostOf(o.loc)] || r.fed[hostOf(o.loc)]) && (isLogoutPath(o.loc.Path) || o.locLogout != nil):
				e.Kind, e.Why = KindLogout, "redirects to the IdP's logout endpoint"
			case o.class != "asset" && isLogoutPath(e.Path):
				e.Kind, e.Why = KindLogout, "a logout path"
			case !f.Sanitized && o.class != "asset" && expiresSession(o, bases):
				e.Kind, e.Why = KindLogout, "expires the ALB session cookie"
			case o.class == "asset":
				e.Kind, e.Why = KindAsset, "a static file through the ALB"
			case o.class == "api":
				e.Kind, e.Why = KindAPI, "a fetch/XHR call through the ALB"
			default:
				e.Kind, e.Why = KindApp, "a page through the ALB"
			}
			target()
		case role == RoleIdP || role == RoleFederated:
			switch {
			case o.class == "asset" && !idpEndpointAnswer(o):
				e.Kind, e.Why = KindAsset, "a static file of the IdP's pages"
			case isLogoutPath(e.Path) || underLogoutPath(e.Path):
				e.Kind, e.Why = KindIdPLogout, "the IdP's logout endpoint"
			default:
				e.Kind, e.Why = KindIdP, "an exchange with the IdP"
			}
		default:
			key := h + cleanPath(e.Path)
			switch {
			case pendingLogoutCB != "" && key == pendingLogoutCB && o.class != "asset" && isLogoutPath(e.Path):
				// Another hop of the IdP's logout, on a host of its own
				// (Google's /Logout continues through appengine.google.com/_ah/logout).
				e.Kind, e.Why = KindIdPLogout, "a further hop of the IdP's logout"
			case pendingLogoutCB != "" && key == pendingLogoutCB && o.class != "asset":
				e.Kind, e.Why = KindLogoutCallback, "the logout_uri the IdP logout sent the browser to"
			case o.class == "asset" && (r.idp[o.refererHost] || r.fed[o.refererHost]),
				// No Referer (a no-referrer policy, an exporter that drops
				// it): the page the browser is on loads it.
				o.class == "asset" && o.refererHost == "" && (r.idp[docHost] || r.fed[docHost]):
				e.Kind, e.Why = KindAsset, "a static file the IdP's pages load"
			default:
				e.Kind, e.Why = KindOther, "not part of the ALB + Cognito flow"
			}
		}
		// What the capture shows of the session from here on.
		if r.alb[h] && !f.Sanitized && o.sentCookieHeader && e.Kind != KindCallback {
			sessionValid[h] = carriesSession
		}
		if r.alb[h] && expiresSession(o, bases) {
			sessionValid[h] = false
		}
		if doc && e.Status >= 200 && e.Status < 300 {
			docHost = h
		}
		// Where an IdP logout sends the browser.
		if doc || e.Kind == KindIdPLogout {
			if e.Kind == KindIdPLogout && o.loc != nil {
				pendingLogoutCB = hostOf(o.loc) + cleanPath(o.loc.Path)
			} else if e.Kind == KindIdPLogout && o.logoutU != nil {
				pendingLogoutCB = hostOf(o.logoutU) + cleanPath(o.logoutU.Path)
			} else if e.Kind != KindIdPLogout {
				pendingLogoutCB = ""
			}
		}
		// Phases.
		var p Phase
		switch e.Kind {
		case KindCallback:
			p = PhaseLogin
		case KindLogout, KindIdPLogout, KindLogoutCallback:
			p = PhaseLogout
		case KindAuthRedirect, KindIdP:
			// Even a fetch that got the ALB's redirect starts a sign-in.
			p = PhaseLogin
		case KindApp:
			p = PhaseApp
			if e.ALBAnswered && len(e.Steps) == 0 {
				// The ALB answered itself (an HTTP-to-HTTPS redirect, an
				// error page): the request is where the user already was.
				p = current
			}
		}
		if p == "" {
			p = current
		}
		if p == "" {
			switch {
			case e.Kind == KindAsset && r.of(h) != RoleALB:
				p = PhaseLogin
			case e.Kind == KindAsset || e.Kind == KindAPI:
				p = PhaseApp
			default:
				p = PhaseLogin
			}
		}
		e.Phase = p
		if doc || e.Kind == KindLogout || e.Kind == KindCallback {
			current = p
		}
	}
	c.workerCopies(f)
	f.Participants = c.participants(r, f)
	f.Cookies = c.cookieLifecycle(f, bases)
	f.Headers = c.headerLifecycle(f)
	f.Findings = c.findings(f, r, bases)
	return f
}

// workerCopies hides the service worker's own copy of a request a worker
// answered: DevTools exports the page's request (_fetchedViaServiceWorker)
// and the worker's fetch of the same URL next to it. Both keep their kind
// and steps; the diagram draws the exchange once.
func (c *Classifier) workerCopies(f *Flow) {
	for i, o := range c.obs {
		if !o.viaSW {
			continue
		}
		for j := max(i-4, 0); j < min(i+5, len(c.obs)); j++ {
			w := f.Entries[j]
			if j != i && !c.obs[j].viaSW && !w.Hidden && w.Method == o.out.Method && w.URL == o.out.URL {
				w.Hidden = true
				break
			}
		}
	}
}

// idpEndpointAnswer: an image or script request that reached one of the
// IdP's endpoints rather than a file (a favicon the ALB redirected to the
// authorize endpoint, followed to the sign-in page): a redirect or an HTML
// page at a path without a file extension.
func idpEndpointAnswer(o *obs) bool {
	if assetExt[strings.ToLower(path.Ext(o.out.Path))] {
		return false
	}
	return isRedirect(o.out.Status) || strings.Contains(o.out.MIME, "html") || o.blockedPage
}

func cleanPath(p string) string {
	p = strings.TrimSuffix(p, "/")
	if p == "" {
		return "/"
	}
	return p
}

func expiresSession(o *obs, bases map[string]bool) bool {
	for _, s := range o.setCookies {
		if s.expired && isSessionShard(s.name, bases) {
			return true
		}
	}
	return false
}

// participants lists the parties, in a stable order: the browser, the ALB
// hosts, the IdPs, the federated IdPs, the third parties.
func (c *Classifier) participants(r *roles, f *Flow) []Participant {
	seen := map[string]bool{}
	var alb, idp, fed, other []string
	for _, e := range f.Entries {
		if e.Host == "" || seen[e.Host] {
			continue
		}
		seen[e.Host] = true
		switch r.of(e.Host) {
		case RoleALB:
			alb = append(alb, e.Host)
		case RoleIdP:
			idp = append(idp, e.Host)
		case RoleFederated:
			fed = append(fed, e.Host)
		default:
			other = append(other, e.Host)
		}
	}
	ps := []Participant{{ID: "browser", Role: RoleBrowser, Label: "Browser", Hosts: []string{}}}
	add := func(prefix string, role Role, hosts []string, label func(h string) string) map[string]string {
		ids := map[string]string{}
		sort.Strings(hosts)
		for i, h := range hosts {
			id := prefix
			if len(hosts) > 1 || prefix == "other" || prefix == "fed" {
				id = prefix + itoa(i+1)
			}
			ids[h] = id
			p := Participant{ID: id, Role: role, Label: label(h), Hosts: []string{h}}
			if role == RoleIdP && r.cognito[h] {
				p.Cognito = true
			}
			ps = append(ps, p)
		}
		return ids
	}
	ids := map[string]string{}
	for _, m := range []map[string]string{
		add("alb", RoleALB, alb, func(h string) string { return "ALB (" + h + ")" }),
		add("idp", RoleIdP, idp, func(h string) string {
			if r.cognito[h] {
				return "Cognito hosted UI (" + h + ")"
			}
			return "IdP (" + h + ")"
		}),
		add("fed", RoleFederated, fed, func(h string) string { return "Federated IdP (" + h + ")" }),
		add("other", RoleOther, other, func(h string) string { return h }),
	} {
		for h, id := range m {
			ids[h] = id
		}
	}
	for _, e := range f.Entries {
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
