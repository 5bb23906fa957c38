package standin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// Mismatches compares a classified capture with the labels: every entry's
// kind, phase and steps, the expected findings reported and the forbidden
// ones not. It returns one line per difference (none: the capture is
// classified right).
func (l *LabelFile) Mismatches(f *authflow.Flow) []string {
	var out []string
	if len(f.Entries) != len(l.Entries) {
		return []string{fmt.Sprintf("%d entries classified, %d labelled", len(f.Entries), len(l.Entries))}
	}
	for i, want := range l.Entries {
		got := f.Entries[i]
		steps := got.Steps
		if steps == nil {
			steps = []int{}
		}
		if string(got.Kind) != want.Kind || string(got.Phase) != want.Phase || !slices.Equal(steps, want.AWSSteps) {
			out = append(out, fmt.Sprintf("#%d %s %s: classified %s/%s/%v, truth %s/%s/%v (%s; %s)", i, got.Method, want.URL,
				got.Kind, got.Phase, got.Steps, want.Kind, want.Phase, want.AWSSteps, got.Why, want.Note))
		}
	}
	var codes []string
	for _, x := range f.Findings {
		codes = append(codes, x.Code)
	}
	for _, c := range l.ExpectedFindings {
		if !slices.Contains(codes, c) {
			out = append(out, fmt.Sprintf("finding %s not reported (got %v)", c, codes))
		}
	}
	for _, c := range l.ForbiddenFindings {
		for _, x := range f.Findings {
			if x.Code == c {
				out = append(out, fmt.Sprintf("finding %s reported: %s", c, x.Message))
			}
		}
	}
	return out
}

// HopMismatches checks that each entry of a capture carries the headers
// of its own exchange: the Set-Cookie names and the Location that the
// stand-in sent for that very request (a capture that puts a redirect
// chain's headers on the wrong hop fails). A request the browser blocked
// (status 0) keeps its headers and has no redirectURL.
func (l *LabelFile) HopMismatches(entries []*har.Entry) []string {
	var out []string
	if len(entries) != len(l.Entries) {
		return []string{fmt.Sprintf("%d entries, %d labelled", len(entries), len(l.Entries))}
	}
	for i, le := range l.Entries {
		e := entries[i]
		if le.Seq == 0 {
			continue // not served by the stand-in (a cache hit, a foreign request)
		}
		var names []string
		for _, line := range e.Response.SetCookies() {
			n, _, _ := strings.Cut(line, "=")
			names = append(names, strings.TrimSpace(n))
		}
		if e.Response.Status > 0 && !slices.Equal(names, le.SetCookie) && len(names)+len(le.SetCookie) > 0 {
			out = append(out, fmt.Sprintf("#%d %s %s: Set-Cookie %v, the stand-in sent %v", i, e.Request.Method, le.URL, names, le.SetCookie))
		}
		loc := e.Response.Header("location")
		if (loc != "") != (le.Location != "") || (le.Location != "" && e.Response.Status > 0 && !strings.HasPrefix(e.Response.RedirectURL, le.Location)) {
			out = append(out, fmt.Sprintf("#%d %s: Location %q, redirectURL %q; the stand-in sent %q", i, le.URL, redactQuery(loc), redactQuery(e.Response.RedirectURL), le.Location))
		}
	}
	return out
}

func redactQuery(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i] + "?…"
	}
	return u
}
