package authflow

import (
	"fmt"
	"sort"
	"strings"
)

// The find functions of the rule table about the capture itself rather
// than the sign-in (rules.go): capture-incomplete and capture-inconsistent.

// recordAgain is how to record a capture that holds the whole sign-in.
const recordAgain = `record again with DevTools open on the Network panel before you open the application, "Preserve log" on in Chrome and Edge ("Persist Logs" in Firefox), or let seqdoc record URL drive the browser`

// captureIncomplete: the capture holds no exchange with an ALB that
// authenticates, or starts after a sign-in began: its first exchange of the
// flow is at the IdP, the callback, or an application page the browser
// reached from the IdP (the callback's redirect is missing). A capture that
// starts signed in is complete.
func captureIncomplete(p *pass) {
	E := p.flow.Entries
	if len(E) == 0 {
		p.report(nil, "The capture holds no entries, so no step of the sign-in (#1–#11) is in it: the recording started after the page had loaded, or was cleared before the export; "+recordAgain+".")
		return
	}
	if len(p.roles.alb) == 0 {
		p.report([]int{0}, fmt.Sprintf(
			"No exchange with an ALB that authenticates is in the capture (%d %s, none through the ALB, so steps #1–#11 are not in it): another tab or site was recorded, or the application is not behind an authenticate rule; %s.",
			len(E), plural(len(E), "entry", "entries"), recordAgain))
		return
	}
	first := p.firstOfFlow()
	if first < 0 {
		return
	}
	what, missing := p.lateStart(first)
	if what == "" {
		return
	}
	p.report([]int{first}, fmt.Sprintf(
		"The capture starts after the sign-in began: its first exchange with the ALB or the IdP (%s) is %s, so %s; it was recorded without \"Preserve log\" (the page changed before the export) or the recording started late: %s.", p.refs([]int{first}), what, missing, recordAgain))
}

// lateStart says what the first exchange of the flow (position first) is
// and which steps are missing before it, when the capture starts after the
// sign-in began; "" when it does not.
func (p *pass) lateStart(first int) (what, missing string) {
	e, o := p.e(first), p.obs[first]
	switch {
	case e.Kind == KindIdP || (e.Kind == KindAsset && p.roles.of(e.Host) != RoleALB):
		what = "the IdP's sign-in page"
		switch {
		case e.Method == "POST":
			what = "a post to the IdP"
		case isRedirect(e.Status) && o.loc != nil && isCallbackPath(o.loc.Path):
			what = "the IdP's redirect back to the ALB"
		case e.Resource == ResourceAPI:
			what = "a call of the IdP's sign-in page"
		case e.Kind == KindAsset:
			what = "a file of the IdP's sign-in page"
		}
		return what, "steps #1–#2 are not in the capture (the request to the application and the ALB's redirect to the IdP)"
	case e.Kind == KindCallback:
		return "the callback to the ALB", "steps #1–#2 and the sign-in at the IdP are not in the capture"
	case (e.Kind == KindApp || e.Kind == KindLogout || e.Kind == KindAPI) && e.Resource == ResourceDocument && p.fromIdP(o):
		return "a page the browser reached from the IdP's sign-in", "steps #1–#8 are not in the capture (the redirect to the IdP, the sign-in and the callback)"
	}
	return "", ""
}

// firstOfFlow is the position of the entry that started first among those
// with the ALB, the IdP or a federated IdP (capture order when times are
// missing), or -1.
func (p *pass) firstOfFlow() int {
	best := -1
	for i, o := range p.obs {
		e := o.out
		if e.Kind == KindOther || o.connect || o.background {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := p.e(best)
		if !e.Started.IsZero() && !b.Started.IsZero() && e.Started.Before(b.Started) {
			best = i
		}
	}
	return best
}

// fromIdP: a page request whose Referer is the IdP's (or a Cognito domain):
// the browser came from the IdP's sign-in through the callback's redirect.
func (p *pass) fromIdP(o *obs) bool {
	h := o.refererHost
	if h == "" || h == o.out.Host {
		return false
	}
	return p.roles.isIdP(h) || strings.HasSuffix(h, ".amazoncognito.com")
}

// captureInconsistent: response headers that contradict the URLs were set
// aside (evidence.go); name the entries, what contradicts, and how to
// record instead.
func captureInconsistent(p *pass) {
	var ents []int
	var details []string
	for i, o := range p.obs {
		m := o.moved
		if m == nil {
			continue
		}
		ents = append(ents, i)
		if len(details) < 4 {
			d := p.refs([]int{i}) + ": " + strings.Join(m.why, ", ")
			if m.from >= 0 {
				d += ", the headers of " + p.refs([]int{m.from})
			}
			details = append(details, d)
		}
	}
	if len(ents) == 0 {
		return
	}
	sort.Ints(ents)
	if len(ents) > len(details) {
		details = append(details, fmt.Sprintf("%d more", len(ents)-len(details)))
	}
	who := "the exporter"
	if p.log != nil && p.log.Creator.Name != "" {
		who = "the exporter (" + strings.TrimSpace(p.log.Creator.Name+" "+p.log.Creator.Version) + ")"
	}
	p.report(ents, fmt.Sprintf(
		"Response headers contradict the URLs and the redirect chain (%s): %s attached headers to the wrong entries of a redirect chain, as chrome-har and the tools built on it (browsertime, sitespeed.io, puppeteer HAR recorders) do, so seqdoc followed the URLs and set those headers aside; for a capture whose headers can be trusted, export it from the browser's DevTools (Network panel, Export HAR) or record it with seqdoc record URL.",
		strings.Join(details, "; "), who))
}
