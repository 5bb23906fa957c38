package site

import (
	"fmt"
	"strings"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// Summary says in a few words what a capture shows, for the title and
// description of its starter page: three imports of one application (a
// clean sign-in, a rejected password, a logout that keeps the session) get
// three different pages.
type Summary struct {
	// Title is "HOST: what happened", e.g. "app.example.com: a rejected
	// sign-in, then sign-in"; with the top finding after a dash when the
	// events do not already say it.
	Title string
	// Events are what the capture shows, in order: "a rejected sign-in",
	// "sign-in", "an expired session", "sign-out" …
	Events []string
	// SignOut is false when the capture holds no logout.
	SignOut bool
	// Top is the most severe finding (the first of the most severe),
	// nil without findings; Findings is how many there are.
	Top      *authflow.Finding
	Findings int

	host, idp string
}

// Summarize reads what a classified capture shows from its entries' kinds
// and its findings (the contract's kinds and codes): each sign-in attempt
// and how it ended, an expired session (an API call or page sent to sign
// in again while signed in), the sign-out, and the top finding.
func Summarize(c *capture.Capture) Summary {
	s := Summary{host: c.AppHost, idp: "an identity provider"}
	f := c.Flow
	if f == nil {
		f = &authflow.Flow{}
	}
	for _, p := range f.Participants {
		if p.Role == authflow.RoleIdP {
			if p.Cognito {
				s.idp = "Amazon Cognito"
			}
			break
		}
	}
	has := map[string]bool{}
	for i := range f.Findings {
		x := &f.Findings[i]
		has[x.Code] = true
		if s.Top == nil || x.Severity.AtLeast(s.Top.Severity) && !s.Top.Severity.AtLeast(x.Severity) {
			s.Top = x
		}
	}
	s.Findings = len(f.Findings)

	add := func(e string) {
		if len(s.Events) == 0 || s.Events[len(s.Events)-1] != e {
			s.Events = append(s.Events, e)
		}
	}
	if has[authflow.CodeLoginFailed] {
		add("a rejected sign-in")
	}
	signedIn, loggedOut := false, false
	for _, e := range f.Entries {
		switch e.Kind {
		case authflow.KindCallback:
			switch {
			case e.Failed:
				add("a sign-in that failed at the callback")
			case e.Status >= 400:
				add(fmt.Sprintf("a sign-in that failed at the callback (%d)", e.Status))
			default:
				add("sign-in")
				signedIn = true
			}
		case authflow.KindAuthRedirect:
			if signedIn && !loggedOut {
				add("an expired session")
				signedIn = false
			}
		case authflow.KindLogout, authflow.KindIdPLogout:
			if !loggedOut {
				add("sign-out")
			}
			loggedOut, s.SignOut = true, true
		}
	}
	if has[authflow.CodeXHRAuthRedirect] && !strings.Contains(strings.Join(s.Events, ","), "expired") {
		add("an expired session")
	}
	if has[authflow.CodeIdPError] {
		add("a sign-in stopped by an IdP error")
	}
	if len(s.Events) == 0 {
		add("requests without a sign-in")
	}

	title := strings.Join(s.Events, ", then ")
	if s.Top != nil && !told(s.Top.Code) {
		title += " — " + phrase(s.Top.Code)
	}
	if s.host != "" {
		title = s.host + ": " + title
	}
	s.Title = title
	return s
}

// told reports whether the events already say what a finding says.
func told(code string) bool {
	switch code {
	case authflow.CodeLoginFailed, authflow.CodeCallback401, authflow.CodeCallback500,
		authflow.CodeCallback561, authflow.CodeIdPError, authflow.CodeXHRAuthRedirect:
		return true
	}
	return false
}

// findingPhrase says each finding in a title's few words.
var findingPhrase = map[string]string{
	authflow.CodeLogoutKeepsALBSession: "the logout keeps the ALB session",
	authflow.CodeSilentReauth:          "signed in again without a sign-in page",
	authflow.CodeRedirectLoop:          "a redirect loop",
	authflow.CodeXHRAuthRedirect:       "an API call sent to sign in",
	authflow.CodeCallback401:           "the callback answered 401",
	authflow.CodeCallback500:           "the callback answered 500",
	authflow.CodeCallback561:           "the callback answered 561",
	authflow.CodeIdPError:              "an error from the IdP",
	authflow.CodeLoginFailed:           "a rejected sign-in",
	authflow.CodeSessionCookieSharded:  "a sharded session cookie",
	authflow.CodeCookieHeaderTooLarge:  "a Cookie header too large",
	authflow.CodeCookieAttributes:      "a session cookie without Secure or HttpOnly",
	authflow.CodeSanitizedCapture:      "exported without cookies",
	authflow.CodeCaptureIncomplete:     "a capture that misses part of the sign-in",
	authflow.CodeCaptureInconsistent:   "headers on the wrong entries of the capture",
}

// phrase is findingPhrase's words for a code, or the code itself.
func phrase(code string) string {
	if p, ok := findingPhrase[code]; ok {
		return p
	}
	return code
}

// Description is a sentence or two for the page's description: what the
// capture file shows and its top finding.
func (s Summary) Description(file string) string {
	var b strings.Builder
	what := strings.Join(s.Events, ", then ")
	if s.host != "" {
		fmt.Fprintf(&b, "%s, behind an AWS ALB with %s, recorded in %s: %s", s.host, s.idp, file, what)
	} else {
		fmt.Fprintf(&b, "A capture recorded in %s: %s", file, what)
	}
	if !s.SignOut {
		b.WriteString("; no sign-out")
	}
	b.WriteString(".")
	switch {
	case s.Top == nil:
		b.WriteString(" No findings.")
	case s.Findings == 1:
		fmt.Fprintf(&b, " Finding: %s (%s, %s).", phrase(s.Top.Code), s.Top.Code, s.Top.Severity)
	default:
		fmt.Fprintf(&b, " %d findings, the most severe: %s (%s, %s).", s.Findings, phrase(s.Top.Code), s.Top.Code, s.Top.Severity)
	}
	return b.String()
}
