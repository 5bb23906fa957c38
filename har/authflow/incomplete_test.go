package authflow

// Issue 9, item 4: a capture that does not hold the whole sign-in says so
// (capture-incomplete, a warning naming what is missing and how to record
// again); one that starts signed in is complete. One case each.

import (
	"strings"
	"testing"
)

// incompleteCase cuts the Cognito script of quirks_test.go where a
// recording without "Preserve log" (or started late) begins.
func checkIncomplete(t *testing.T, xs []kx, first int, missing string) {
	t.Helper()
	b, truth := newKit(xs...).devtools()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, CodeCaptureIncomplete)
	x := kitFinding(t, f, CodeCaptureIncomplete)
	if x.Severity != SeverityWarning {
		t.Errorf("severity %s, want warning", x.Severity)
	}
	if len(x.Entries) != 1 || x.Entries[0] != first {
		t.Errorf("names %v, want #%d", x.Entries, first)
	}
	for _, w := range []string{missing, `"Preserve log"`, `"Persist Logs"`, "seqdoc record"} {
		if !strings.Contains(x.Message, w) {
			t.Errorf("message lacks %q: %s", w, x.Message)
		}
	}
}

func TestIncompleteStartsAtIdPPage(t *testing.T) {
	xs := cognitoScript()[2:] // the sign-in page, reloaded after the recording started
	checkIncomplete(t, xs, 0, "steps #1–#2 are not in the capture")
}

func TestIncompleteStartsAtIdPPost(t *testing.T) {
	xs := cognitoScript()[4:] // DevTools cleared the log when the page changed: the form post first
	checkIncomplete(t, xs, 0, "steps #1–#2 are not in the capture")
}

func TestIncompleteStartsAtCallback(t *testing.T) {
	xs := cognitoScript()[5:]
	checkIncomplete(t, xs, 0, "the sign-in at the IdP are not in the capture")
}

// TestIncompleteStartsAtAppFromIdP: the first page came from the IdP (its
// Referer is the Cognito domain, cross-site), so the callback's redirect
// that led there is missing: steps #1–#8.
func TestIncompleteStartsAtAppFromIdP(t *testing.T) {
	xs := cognitoScript()[6:]
	xs[0].ref = qCog + "/"
	checkIncomplete(t, xs, 0, "steps #1–#8 are not in the capture")
}

// TestIncompleteStartsAtOIDCRedirect: an OIDC IdP whose first entry is its
// final redirect to the ALB (Okta's /login/token/redirect): the host that
// sends the browser to /oauth2/idpresponse with a code is the IdP.
func TestIncompleteStartsAtOIDCRedirect(t *testing.T) {
	a := newOIDCApp("portal.acme-corp.example")
	xs := []kx{
		idp("GET", "https://acme-corp.okta.com/login/token/redirect?stateToken=02.id.Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk", 302, "document",
			"Location: "+a.origin+"/oauth2/idpresponse?code=Zx9Cv8Bn7Mq6&state="+a.state),
		a.callback("code=Zx9Cv8Bn7Mq6&state=" + a.state),
	}
	xs = append(xs, a.app()...)
	checkIncomplete(t, xs, 0, "the IdP's redirect back to the ALB")
}

func TestIncompleteEmpty(t *testing.T) {
	f := classifyBytes(t, []byte(`{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[]}}`))
	if len(f.Entries) != 0 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	x := kitFinding(t, f, CodeCaptureIncomplete)
	if len(x.Entries) != 0 || !strings.Contains(x.Message, "no entries") {
		t.Errorf("finding %+v", x)
	}
	var out strings.Builder
	WriteTable(&out, "empty.har", f)
	if strings.Contains(out.String(), "No findings") || !strings.Contains(out.String(), "[capture-incomplete]") {
		t.Errorf("the table says:\n%s", out.String())
	}
}

// TestIncompleteNoALB: the wrong tab (an intranet wiki not behind an
// authenticating ALB): every entry other, and the capture says so.
func TestIncompleteNoALB(t *testing.T) {
	w := "https://wiki.contoso-intra.example"
	other := func(u, dest, mime string) kx {
		return kx{u: u, st: 200, dest: dest, mime: mime, cookie: "JSESSIONID=7A2B9C4D1E6F", kind: KindOther, steps: none, phase: PhaseLogin}
	}
	xs := []kx{other(w+"/display/OPS/Runbooks", "document", "text/html"), other(w+"/s/batch.css", "style", "text/css"),
		other(w+"/rest/api/space/OPS", "empty", "application/json")}
	xs[0].site = "none"
	b, truth := newKit(xs...).devtools()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, CodeCaptureIncomplete)
	if x := kitFinding(t, f, CodeCaptureIncomplete); !strings.Contains(x.Message, "No exchange with an ALB that authenticates") {
		t.Errorf("message: %s", x.Message)
	}
}

// TestCompleteStartsSignedIn: a capture of a signed-in session (the
// session cookie on the first request, typed address) is complete.
func TestCompleteStartsSignedIn(t *testing.T) {
	xs := cognitoScript()[6:11]
	xs[0].site, xs[0].chain = "none", 0
	b, truth := newKit(xs...).devtools()
	checkTruth(t, classifyBytes(t, b), truth)
}

// TestCompleteStartsSignedInSanitized: the same, sanitized, ending with the
// sign-out through Cognito's /logout (which shows the application's host
// to be the ALB's): complete.
func TestCompleteStartsSignedInSanitized(t *testing.T) {
	xs := cognitoScript()[6:]
	xs[0].site, xs[0].chain = "none", 0
	b, truth := newKit(xs...).devtools()
	for i := range truth {
		if truth[i].kind == KindLogoutCallback {
			truth[i].undecided = true
		}
	}
	checkTruth(t, classifyBytes(t, kitSanitize(t, b)), truth, CodeSanitizedCapture)
}

// TestCompleteStartsAtAuthRedirectOfAnAPI: a capture that starts signed in
// whose first exchange with the ALB is a fetch the ALB redirects (the
// session expired) is complete: the redirect is #1–#2.
func TestCompleteStartsAtAuthRedirectOfAnAPI(t *testing.T) {
	x := cognitoScript()[0]
	x.u, x.dest, x.site = qApp+"/api/books", "empty", "same-origin"
	follow := cognitoScript()[1]
	follow.st, follow.resp, follow.dest, follow.site = 0, nil, "empty", "cross-site"
	b, truth := newKit(x, follow).devtools()
	checkTruth(t, classifyBytes(t, b), truth, CodeXHRAuthRedirect)
}
