package authflow

import (
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
// fields are log (nil is allowed; only the capture-inconsistent finding
// names its creator).
func NewClassifier(log *har.Log) *Classifier { return &Classifier{log: log} }

// Add summarises one redacted entry. Entries must come in capture order.
// The entry is not kept and may be reused by the caller.
func (c *Classifier) Add(e *har.Entry) { c.obs = append(c.obs, observe(e)) }

// Classify classifies redacted entries; see the package documentation.
// entries may be any run of a capture's entries (entries[k:]): the
// classifier numbers them itself and uses Entry.Index only to name them
// in its output.
func Classify(log *har.Log, entries []*har.Entry) *Flow {
	c := NewClassifier(log)
	for _, e := range entries {
		c.Add(e)
	}
	return c.Flow()
}

// view is the capture as the stages after observation see it: one obs per
// entry, numbered by position (i: the i-th entry the classifier was given,
// never Entry.Index, which only the output uses), the roles of the hosts,
// the ALB session cookie's names, and the flow being built. Each stage
// reads what the ones before it wrote.
type view struct {
	log   *har.Log // may be nil
	obs   []*obs
	flow  *Flow // flow.Entries[i] is obs[i].out
	roles *roles
	bases sessionBases
	// order is the order in which the exchanges started (timeOrder): the
	// kinds and phases follow it.
	order []int
	// logout is the first logout sequence (from the phases on).
	logout span
}

// Flow finishes the classification, in stages over one view of the
// capture:
//
//  1. roles: what each host is, from the URLs and the redirect chain
//     (roles.go), with the response headers that contradict them set
//     aside and the roles found again without them (evidence.go);
//  2. kinds and steps of every entry, in the order the exchanges started
//     (kinds.go);
//  3. phases (kinds.go), then the first logout sequence;
//  4. participants (roles.go), cookie and header lifecycles (lifecycle.go);
//  5. findings: the rule table, in order (rules.go);
//  6. numbering: the positions the stages use become the entries' Index.
func (c *Classifier) Flow() *Flow {
	v := &view{log: c.log, obs: c.obs, flow: &Flow{Entries: make([]*Entry, len(c.obs)), Findings: []Finding{}, Cookies: []Cookie{}, Headers: []Header{}}}
	for i, o := range c.obs {
		v.flow.Entries[i] = o.out
	}
	v.flow.Sanitized = sanitized(c.obs)
	v.evidence()
	v.order = timeOrder(c.obs)
	v.kindsAndSteps()
	v.phases()
	v.workerCopies()
	v.logout = logoutSpan(v.flow)
	v.flow.Participants = v.participants()
	v.flow.Cookies = v.cookieLifecycle()
	v.flow.Headers = v.headerLifecycle()
	v.flow.Findings = v.findings()
	v.number()
	return v.flow
}

// workerCopies hides the service worker's own copy of a request a worker
// answered: DevTools exports the page's request (_fetchedViaServiceWorker)
// and the worker's fetch of the same URL next to it. Both keep their kind
// and steps; the diagram draws the exchange once.
func (v *view) workerCopies() {
	for i, o := range v.obs {
		if !o.viaSW {
			continue
		}
		for j := max(i-4, 0); j < min(i+5, len(v.obs)); j++ {
			w := v.obs[j].out
			if j != i && !v.obs[j].viaSW && !w.Hidden && w.Method == o.out.Method && w.URL == o.out.URL {
				w.Hidden = true
				break
			}
		}
	}
}

// sanitized: the capture holds entries and none of them carries a cookie,
// in a header or a cookies array (obs.hasCookies).
func sanitized(obs []*obs) bool {
	for _, o := range obs {
		if o.hasCookies {
			return false
		}
	}
	return len(obs) > 0
}

// number turns the positions that findings, cookies and headers name into
// the entries' Index: the same numbers for a whole capture, the capture's
// own for a part of one.
func (v *view) number() {
	idx := func(xs []int) {
		for k, i := range xs {
			xs[k] = v.obs[i].out.Index
		}
	}
	for _, x := range v.flow.Findings {
		idx(x.Entries)
	}
	for _, c := range v.flow.Cookies {
		idx(c.SetBy)
		idx(c.SentIn)
		idx(c.ExpiredBy)
	}
	for _, h := range v.flow.Headers {
		idx(h.Entries)
	}
}
