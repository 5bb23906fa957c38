package authflow

import (
	"fmt"
	"sort"
	"strings"
)

// recordAgain is how to record a capture that holds the whole sign-in.
const recordAgain = `record again with DevTools open on the Network panel before you open the application, "Preserve log" on in Chrome and Edge ("Persist Logs" in Firefox), or let seqdoc record URL drive the browser`

// captureFindings are the findings about the capture itself rather than
// the sign-in: capture-incomplete and capture-inconsistent.
func (c *Classifier) captureFindings(f *Flow, r *roles) []Finding {
	var out []Finding
	if x, ok := c.incomplete(f, r); ok {
		out = append(out, x)
	}
	if x, ok := c.inconsistent(f); ok {
		out = append(out, x)
	}
	return out
}

// incomplete: the capture holds no exchange with an ALB that
// authenticates, or starts after a sign-in began: its first exchange of the
// flow is at the IdP, the callback, or an application page the browser
// reached from the IdP (the callback's redirect is missing). A capture that
// starts signed in is complete.
func (c *Classifier) incomplete(f *Flow, r *roles) (Finding, bool) {
	E := f.Entries
	if len(E) == 0 {
		return Finding{Code: CodeCaptureIncomplete, Severity: SeverityWarning, Entries: []int{}, Message: "The capture holds no entries, so no step of the sign-in (#1–#11) is in it: the recording started after the page had loaded, or was cleared before the export; " + recordAgain + "."}, true
	}
	if len(r.alb) == 0 {
		return Finding{Code: CodeCaptureIncomplete, Severity: SeverityWarning, Entries: []int{0}, Message: fmt.Sprintf(
			"No exchange with an ALB that authenticates is in the capture (%d %s, none through the ALB, so steps #1–#11 are not in it): another tab or site was recorded, or the application is not behind an authenticate rule; %s.",
			len(E), plural(len(E), "entry", "entries"), recordAgain)}, true
	}
	first := c.firstOfFlow(f)
	if first < 0 {
		return Finding{}, false
	}
	e := E[first]
	o := c.obs[first]
	var what, missing string
	switch {
	case e.Kind == KindIdP || (e.Kind == KindAsset && r.of(e.Host) != RoleALB):
		what = "the IdP's sign-in page"
		switch {
		case e.Method == "POST":
			what = "a post to the IdP"
		case isRedirect(e.Status) && o.loc != nil && isCallbackPath(o.loc.Path):
			what = "the IdP's redirect back to the ALB"
		case e.Resource == "api":
			what = "a call of the IdP's sign-in page"
		case e.Kind == KindAsset:
			what = "a file of the IdP's sign-in page"
		}
		missing = "steps #1–#2 are not in the capture (the request to the application and the ALB's redirect to the IdP)"
	case e.Kind == KindCallback:
		what = "the callback to the ALB"
		missing = "steps #1–#2 and the sign-in at the IdP are not in the capture"
	case (e.Kind == KindApp || e.Kind == KindLogout || e.Kind == KindAPI) && e.Resource == "document" && c.fromIdP(o, r):
		what = "a page the browser reached from the IdP's sign-in"
		missing = "steps #1–#8 are not in the capture (the redirect to the IdP, the sign-in and the callback)"
	default:
		return Finding{}, false
	}
	return Finding{Code: CodeCaptureIncomplete, Severity: SeverityWarning, Entries: []int{e.Index}, Message: fmt.Sprintf(
		"The capture starts after the sign-in began: its first exchange with the ALB or the IdP (%s) is %s, so %s; it was recorded without \"Preserve log\" (the page changed before the export) or the recording started late: %s.", refs([]int{e.Index}), what, missing, recordAgain)}, true
}

// firstOfFlow is the entry that started first among those with the ALB,
// the IdP or a federated IdP (capture order when times are missing), or -1.
func (c *Classifier) firstOfFlow(f *Flow) int {
	best := -1
	for i, e := range f.Entries {
		if e.Kind == KindOther || c.obs[i].connect || c.obs[i].background {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := f.Entries[best]
		if !e.Started.IsZero() && !b.Started.IsZero() && e.Started.Before(b.Started) {
			best = i
		}
	}
	return best
}

// fromIdP: a page request whose Referer is the IdP's (or a Cognito domain):
// the browser came from the IdP's sign-in through the callback's redirect.
func (c *Classifier) fromIdP(o *obs, r *roles) bool {
	h := o.refererHost
	if h == "" || h == o.out.Host {
		return false
	}
	return r.idp[h] || r.fed[h] || strings.HasSuffix(h, ".amazoncognito.com")
}

// inconsistent: response headers that contradict the URLs were set aside;
// name the entries, what contradicts, and how to record instead.
func (c *Classifier) inconsistent(f *Flow) (Finding, bool) {
	var ents []int
	var details []string
	for i, o := range c.obs {
		m := o.moved
		if m == nil {
			continue
		}
		ents = append(ents, i)
		if len(details) < 4 {
			d := refs([]int{i}) + ": " + strings.Join(m.why, ", ")
			if m.from >= 0 {
				d += ", the headers of " + refs([]int{m.from})
			}
			details = append(details, d)
		}
	}
	if len(ents) == 0 {
		return Finding{}, false
	}
	sort.Ints(ents)
	if len(ents) > len(details) {
		details = append(details, fmt.Sprintf("%d more", len(ents)-len(details)))
	}
	who := "the exporter"
	if c.log != nil && c.log.Creator.Name != "" {
		who = "the exporter (" + strings.TrimSpace(c.log.Creator.Name+" "+c.log.Creator.Version) + ")"
	}
	return Finding{Code: CodeCaptureInconsistent, Severity: SeverityWarning, Entries: ents, Message: fmt.Sprintf(
		"Response headers contradict the URLs and the redirect chain (%s): %s attached headers to the wrong entries of a redirect chain, as chrome-har and the tools built on it (browsertime, sitespeed.io, puppeteer HAR recorders) do, so seqdoc followed the URLs and set those headers aside; for a capture whose headers can be trusted, export it from the browser's DevTools (Network panel, Export HAR) or record it with seqdoc record URL.",
		strings.Join(details, "; "), who)}, true
}
