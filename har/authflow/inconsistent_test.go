package authflow

// Issue 9, item 1: what a host is comes from the URLs and the redirect
// chain; response headers only corroborate. A header that contradicts the
// URLs is set aside and capture-inconsistent names its entry. One case per
// contradiction, and the near misses that are genuine (and must not be
// reported).

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func checkInconsistent(t *testing.T, xs []kx, entries []int, why string) {
	t.Helper()
	b, truth := newKit(xs...).devtools()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, CodeCaptureInconsistent)
	x := kitFinding(t, f, CodeCaptureInconsistent)
	if !slices.Equal(x.Entries, entries) {
		t.Errorf("names %v, want %v", x.Entries, entries)
	}
	if !strings.Contains(x.Message, why) {
		t.Errorf("message lacks %q: %s", why, x.Message)
	}
}

// TestInconsistentCognitoRequestIDOnApp: the application's page carries
// x-amz-cognito-request-id (and Cognito's server). The redirect_uri and the
// callback show the host to be the ALB's: it stays the application.
func TestInconsistentCognitoRequestIDOnApp(t *testing.T) {
	xs := cognitoScript()
	xs[6].resp = append(xs[6].resp, "Server: Server", "x-amz-cognito-request-id: 1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a")
	checkInconsistent(t, xs, []int{6}, "x-amz-cognito-request-id on the application's host")
}

// TestInconsistentALBCookieOnIdP: the ALB's session cookie is set by an
// answer of Cognito's host (the callback's headers on the form post).
func TestInconsistentALBCookieOnIdP(t *testing.T) {
	xs := cognitoScript()
	xs[4].resp = append(xs[4].resp, "Set-Cookie: AWSELBAuthSessionCookie-0="+qSession+"; Path=/; Secure; HttpOnly")
	checkInconsistent(t, xs, []int{4}, "the ALB's Set-Cookie AWSELBAuthSessionCookie-0 on the IdP's host")
}

// TestInconsistentLocationNotRedirectURL: the Location header says
// otherwise than redirectURL, the browser's record of where the hop went
// (the next hop's headers one entry early).
func TestInconsistentLocationNotRedirectURL(t *testing.T) {
	xs := cognitoScript()
	b, truth := newKit(xs...).devtools()
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	post := doc["log"].(map[string]any)["entries"].([]any)[4].(map[string]any)["response"].(map[string]any)
	for _, h := range post["headers"].([]any) {
		if h := h.(map[string]any); h["name"] == "location" {
			h["value"] = qApp + "/"
		}
	}
	s, _ := json.Marshal(doc)
	f := classifyBytes(t, []byte(s))
	checkTruth(t, f, truth, CodeCaptureInconsistent)
	if x := kitFinding(t, f, CodeCaptureInconsistent); !slices.Equal(x.Entries, []int{4}) || !strings.Contains(x.Message, "not its redirectURL") {
		t.Errorf("finding %+v", x)
	}
}

// TestInconsistentSelfRedirect: a redirect to its own URL (the callback
// carrying the form post's Location back to itself).
func TestInconsistentSelfRedirect(t *testing.T) {
	xs := cognitoScript()
	for i, h := range xs[5].resp {
		if strings.HasPrefix(h, "Location: ") {
			xs[5].resp[i] = "Location: " + qCallback
		}
	}
	b, truth := newKit(xs...).firefox() // Firefox: redirectURL from the same header
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, CodeCaptureInconsistent)
	if x := kitFinding(t, f, CodeCaptureInconsistent); !slices.Equal(x.Entries, []int{5}) || !strings.Contains(x.Message, "a redirect to its own URL") {
		t.Errorf("finding %+v", x)
	}
}

// TestConsistentSelfRedirectOfAPage: an application's page may redirect
// to itself (it sets a cookie and reloads, a cookie check): no
// contradiction, its Set-Cookie and Location are kept. Only the callback and
// an authorize request never answer with their own URL.
func TestConsistentSelfRedirectOfAPage(t *testing.T) {
	xs := cognitoScript()
	reload := kx{u: qApp + "/", st: 302, site: "same-origin", cookie: qSignedIn, ref: qApp + "/",
		resp: []string{"Location: " + qApp + "/", "Set-Cookie: lang=sv; Path=/; Secure; HttpOnly"},
		kind: KindApp, steps: s911, phase: PhaseApp}
	again := xs[6]
	again.site, again.ref = "same-origin", qApp+"/"
	xs = slices.Insert(xs, 7, reload, again)
	b, truth := newKit(xs...).devtools()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth)
	if e := f.Entries[7]; !slices.Contains(e.CookiesSet, "lang") || e.Location == "" {
		t.Errorf("the page's own redirect lost its headers: set %v, location %q", e.CookiesSet, e.Location)
	}
}

// TestConsistentNearMisses: Amazon's own headers where they belong are no
// contradiction: a 201 Created with a Location and a 204 from the API,
// CloudFront in front of the application (via, x-amz-cf-id, x-cache Miss,
// x-amzn-trace-id), the ALB's HTTP-to-HTTPS redirect (the same URL but for
// the scheme), and an IdP that is itself behind an ALB (server awselb/2.0 and
// stickiness cookies on the IdP's host).
func TestConsistentNearMisses(t *testing.T) {
	xs := cognitoScript()
	cf := []string{"Via: 1.1 0f1e2d3c4b5a69788796a5b4c3d2e1f0.cloudfront.net (CloudFront)", "X-Amz-Cf-Id: Vx8_Qm2Lk9-3dTz6Wn1Rb5Yc0Hs7Jf4Gp2Ue8Oi==",
		"X-Cache: Miss from cloudfront", "X-Amzn-Trace-Id: Root=1-6650f2a1-3b4c5d6e7f8091a2b3c4d5e6"}
	xs[6].resp = append(xs[6].resp, cf...)
	xs[9].resp = append(xs[9].resp, cf...)
	created := kx{m: "POST", u: qApp + "/api/books", st: 201, dest: "empty", cookie: qSignedIn, mime: "application/json",
		resp: []string{"Location: " + qApp + "/api/books/9f8e7d6c"}, kind: KindAPI, steps: s911, phase: PhaseApp}
	deleted := kx{m: "DELETE", u: qApp + "/api/books/9f8e7d6c", st: 204, dest: "empty", cookie: qSignedIn, kind: KindAPI, steps: s911, phase: PhaseApp}
	xs = slices.Insert(xs, 10, created, deleted)
	// Cognito's custom domain behind its own load balancer.
	for _, i := range []int{1, 2, 4} {
		xs[i].resp = append(xs[i].resp, "Set-Cookie: AWSALB=Zm9vYmFyc3RpY2t5; Expires=Tue, 09 Jun 2026 08:30:02 GMT; Path=/")
	}
	http := kx{u: "http://books.example.org/", st: 301, site: "none", resp: []string{"Server: awselb/2.0", "Location: https://books.example.org:443/"},
		kind: KindApp, steps: none, phase: PhaseLogin}
	xs = slices.Insert(xs, 0, http)
	b, truth := newKit(xs...).devtools()
	checkTruth(t, classifyBytes(t, b), truth)
}
