package authflow

import (
	"path"
	"strings"
)

// kindState is what the kinds stage carries from one entry to the next.
type kindState struct {
	// sessionValid: whether each ALB host's session is taken to be valid,
	// as the capture last showed it (a callback, a redirect to the IdP, a
	// Cookie header, an expiry), for the requests with no Cookie header to
	// tell (a sanitized export, or an exporter that lost the headers).
	sessionValid map[string]bool
	// redeemed: the callbacks (by position) the browser gave up on whose
	// code the ALB had redeemed (redeemedCallbacks).
	redeemed map[int]bool
	// pendingLogoutCB is the host+path an IdP logout sends the browser to.
	pendingLogoutCB string
	// docHost is the host of the last page the browser showed.
	docHost string
}

// kindsAndSteps gives every entry its kind and its AWS steps (the rules of
// docs/contract.md's table), by the role of the host that answered, in the
// order the exchanges started.
func (v *view) kindsAndSteps() {
	st := &kindState{sessionValid: map[string]bool{}, redeemed: redeemedCallbacks(v.obs)}
	for _, i := range v.order {
		o := v.obs[i]
		e := o.out
		switch role := v.roles.of(e.Host); {
		case o.connect:
			e.Kind, e.Why, e.Hidden = KindOther, "a proxy's CONNECT tunnel", true
		case o.background:
			e.Kind, e.Why, e.Hidden = KindOther, "the browser's own request (Sec-Fetch-Site: none)", true
		case role == RoleALB && isCallbackPath(e.Path):
			v.callback(i, o, st)
		case role == RoleALB && isRedirect(e.Status) && v.roles.isAuthorize(o.loc, o.locQuery, o.locRedir):
			e.Kind, e.Why = KindAuthRedirect, "the ALB redirects to the IdP's authorize endpoint"
			e.Steps = []int{1, 2}
			st.sessionValid[e.Host] = false
		case role == RoleALB:
			v.throughALB(o, st)
		case role == RoleIdP || role == RoleFederated:
			switch {
			case o.class == ResourceAsset && !idpEndpointAnswer(o):
				e.Kind, e.Why = KindAsset, "a static file of the IdP's pages"
			case isLogoutPath(e.Path) || underLogoutPath(e.Path):
				e.Kind, e.Why = KindIdPLogout, "the IdP's logout endpoint"
			default:
				e.Kind, e.Why = KindIdP, "an exchange with the IdP"
			}
		default:
			v.elsewhere(o, st)
		}
		v.sessionShown(o, st)
		st.follow(o)
	}
}

// sessionShown notes what the entry shows of its ALB host's session from
// here on: the session cookie sent or not, or expired.
func (v *view) sessionShown(o *obs, st *kindState) {
	h := o.out.Host
	if !v.roles.alb[h] {
		return
	}
	if !v.flow.Sanitized && o.sentCookieHeader && o.out.Kind != KindCallback {
		st.sessionValid[h] = v.bases.carriesSession(o)
	}
	if v.bases.expiresSession(o) {
		st.sessionValid[h] = false
	}
}

// callback: the browser brings the IdP's answer to the ALB's
// /oauth2/idpresponse (#3); the ALB redeems a code (#4–#7) and answers
// with the session and a redirect (#8), or with an error.
func (v *view) callback(i int, o *obs, st *kindState) {
	e := o.out
	e.Kind, e.Why = KindCallback, "the ALB's /oauth2/idpresponse"
	switch {
	case e.Failed && st.redeemed[i]:
		// The browser gave up on the answer, but the ALB had redeemed
		// the code: the same code came back refused (561).
		e.Steps, e.HiddenSteps = []int{3, 4, 5, 6, 7, 8}, []int{4, 5, 6, 7}
	case e.Failed:
		e.Steps = []int{3}
	case o.query["error"] && !o.query["code"]:
		// The IdP sent an error instead of a code: nothing to redeem,
		// whatever the ALB answers (561, 401).
		e.Steps = []int{3}
	case isRedirect(e.Status) && v.roles.isAuthorize(o.loc, o.locQuery, o.locRedir):
		e.Steps = []int{3}
	case isRedirect(e.Status) || e.Status == 200:
		e.Steps, e.HiddenSteps = []int{3, 4, 5, 6, 7, 8}, []int{4, 5, 6, 7}
		st.sessionValid[e.Host] = true
	case e.Status == 500:
		e.Steps, e.HiddenSteps = []int{3, 4, 5, 6, 7}, []int{4, 5, 6, 7}
	case e.Status == 561:
		e.Steps, e.HiddenSteps = []int{3, 4, 5}, []int{4, 5}
	default:
		e.Steps = []int{3}
	}
}

// throughALB: a request the ALB forwards (or answers itself): the
// application's pages, files, API calls and logout; #9–#11 when the
// session was valid.
func (v *view) throughALB(o *obs, st *kindState) {
	e := o.out
	switch {
	case st.isLogoutCallback(o):
		e.Kind, e.Why = KindLogoutCallback, "the logout_uri the IdP logout sent the browser to"
	case o.class != ResourceAsset && o.loc != nil && v.roles.isIdP(hostOf(o.loc)) && (isLogoutPath(o.loc.Path) || o.locLogout != nil):
		e.Kind, e.Why = KindLogout, "redirects to the IdP's logout endpoint"
	case o.class != ResourceAsset && isLogoutPath(e.Path):
		e.Kind, e.Why = KindLogout, "a logout path"
	case !v.flow.Sanitized && o.class != ResourceAsset && v.bases.expiresSession(o):
		e.Kind, e.Why = KindLogout, "expires the ALB session cookie"
	case o.class == ResourceAsset:
		e.Kind, e.Why = KindAsset, "a static file through the ALB"
	case o.class == ResourceAPI:
		e.Kind, e.Why = KindAPI, "a fetch/XHR call through the ALB"
	default:
		e.Kind, e.Why = KindApp, "a page through the ALB"
	}
	valid := v.bases.carriesSession(o)
	if v.flow.Sanitized || !o.sentCookieHeader {
		// No Cookie header to tell (a sanitized export, or an exporter
		// that lost this request's headers): the session the capture last
		// showed for the host.
		ok, seen := st.sessionValid[e.Host]
		valid = ok || !seen
	}
	switch {
	case e.Failed:
	case o.cdnHit: // CloudFront answered from its cache
	case e.ALBAnswered && e.Status != 502 && e.Status != 504:
	case valid:
		e.Steps, e.HiddenSteps = []int{9, 10, 11}, []int{10}
	}
}

// elsewhere: a host that is neither the ALB nor an IdP: the logout_uri
// page, a file the IdP's pages load, or a third party.
func (v *view) elsewhere(o *obs, st *kindState) {
	e := o.out
	switch {
	case st.isLogoutCallback(o) && isLogoutPath(e.Path):
		// Another hop of the IdP's logout, on a host of its own (Google's
		// /Logout continues through appengine.google.com/_ah/logout).
		e.Kind, e.Why = KindIdPLogout, "a further hop of the IdP's logout"
	case st.isLogoutCallback(o):
		e.Kind, e.Why = KindLogoutCallback, "the logout_uri the IdP logout sent the browser to"
	case o.class == ResourceAsset && v.roles.isIdP(o.refererHost),
		// No Referer (a no-referrer policy, an exporter that drops
		// it): the page the browser is on loads it.
		o.class == ResourceAsset && o.refererHost == "" && v.roles.isIdP(st.docHost):
		e.Kind, e.Why = KindAsset, "a static file the IdP's pages load"
	default:
		e.Kind, e.Why = KindOther, "not part of the ALB + Cognito flow"
	}
}

// isLogoutCallback: the request goes where the last IdP logout sent the
// browser (its logout_uri), and is not a file.
func (st *kindState) isLogoutCallback(o *obs) bool {
	return st.pendingLogoutCB != "" && o.out.Host+cleanPath(o.out.Path) == st.pendingLogoutCB && o.class != ResourceAsset
}

// follow notes, after an entry's kind, the page the browser shows and where
// an IdP logout sends it.
func (st *kindState) follow(o *obs) {
	e := o.out
	doc := o.class == ResourceDocument
	if doc && e.Status >= 200 && e.Status < 300 {
		st.docHost = e.Host
	}
	switch {
	case e.Kind == KindIdPLogout && o.loc != nil:
		st.pendingLogoutCB = hostOf(o.loc) + cleanPath(o.loc.Path)
	case e.Kind == KindIdPLogout && o.logoutU != nil:
		st.pendingLogoutCB = hostOf(o.logoutU) + cleanPath(o.logoutU.Path)
	case doc && e.Kind != KindIdPLogout:
		st.pendingLogoutCB = ""
	}
}

// phases gives every entry its phase: login, app or logout. An entry whose
// kind says nothing (an asset, a third party) stays in the phase of the
// page the browser is on.
func (v *view) phases() {
	var current Phase
	for _, i := range v.order {
		o := v.obs[i]
		e := o.out
		var p Phase
		switch e.Kind {
		case KindCallback, KindAuthRedirect, KindIdP:
			// Even a fetch that got the ALB's redirect starts a sign-in.
			p = PhaseLogin
		case KindLogout, KindIdPLogout, KindLogoutCallback:
			p = PhaseLogout
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
			case e.Kind == KindAsset && v.roles.of(e.Host) != RoleALB:
				p = PhaseLogin
			case e.Kind == KindAsset || e.Kind == KindAPI:
				p = PhaseApp
			default:
				p = PhaseLogin
			}
		}
		e.Phase = p
		if o.class == ResourceDocument || e.Kind == KindLogout || e.Kind == KindCallback {
			current = p
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
