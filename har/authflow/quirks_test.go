package authflow

// Issue 9, item 2: each exporter quirk with a capture in its own style (the
// kit in capturekit_test.go), classified entry by entry with exact findings.

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
)

const (
	qApp  = "https://books.example.org"
	qCog  = "https://books-auth.auth.eu-north-1.amazoncognito.com"
	qCID  = "5tq2m8v0k3c9n1r7b4x6d2s8aa"
	qRedi = "https%3A%2F%2Fbooks.example.org%2Foauth2%2Fidpresponse"
	// fake secrets shaped like the real ones
	qState   = "st-Zq0mB7xWc2Lr9Tn4Ve6Kp1Yd8Hs3Jf5Ga0Nu7Ri2Oe9Wm4Xb6Qc1Tz8Lk3Pv5Sd"
	qCode    = "7e1c2a90-5b3d-4f6e-8a1b-9c0d2e3f4a5b"
	qNonce   = "ZsT2XqV9p8kR4mN7bW1cY6hJ3dF0gL5aQ8eU2iO4rE7t"
	qSession = "cGxhY2Vob2xkZXItYnV0LWxvbmctZW5vdWdoLXRvLWxvb2stbGlrZS1hLXNlc3Npb24tY29va2llLXZhbHVl"
	qXSRF    = "4b0d9f3e-2a1c-4e8b-9d7f-6c5b4a3e2d1f"
)

var (
	qAuthorize = qCog + "/oauth2/authorize?client_id=" + qCID + "&redirect_uri=" + qRedi + "&response_type=code&scope=openid&state=" + qState
	qLogin     = qCog + "/login?client_id=" + qCID + "&redirect_uri=" + qRedi + "&response_type=code&scope=openid&state=" + qState
	qCallback  = qApp + "/oauth2/idpresponse?code=" + qCode + "&state=" + qState
	qSignedIn  = "AWSALBAuthNonce=" + qNonce + "; AWSELBAuthSessionCookie-0=" + qSession
)

// cognitoScript is a sign-in through the ALB and Cognito's hosted UI, the
// application (page, style, script, favicon, an API call), and a complete
// sign-out through Cognito's /logout to an unauthenticated landing page.
func cognitoScript() []kx {
	return []kx{
		{u: qApp + "/", st: 302, site: "none", chain: 1,
			resp: []string{"Server: awselb/2.0", "Location: " + qAuthorize, "Set-Cookie: AWSALBAuthNonce=" + qNonce + "; Path=/; Secure; HttpOnly"},
			kind: KindAuthRedirect, steps: s12, phase: PhaseLogin},
		{u: qAuthorize, st: 302, site: "none", chain: 1,
			resp: []string{"Server: Server", "x-amz-cognito-request-id: 3f1c0e2a-9b7d-4c5e-8f6a-1d2e3c4b5a69", "Location: " + qLogin,
				"Set-Cookie: XSRF-TOKEN=" + qXSRF + "; Path=/; Secure; HttpOnly; SameSite=Lax"},
			kind: KindIdP, steps: none, phase: PhaseLogin},
		{u: qLogin, st: 200, site: "none", chain: 1, cookie: "XSRF-TOKEN=" + qXSRF,
			resp: []string{"Server: Server", "x-amz-cognito-request-id: 5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d", "Content-Type: text/html;charset=UTF-8"},
			kind: KindIdP, steps: none, phase: PhaseLogin},
		{u: qCog + "/favicon.ico", st: 200, dest: "favicon", cookie: "XSRF-TOKEN=" + qXSRF, mime: "image/x-icon",
			resp: []string{"Server: Server", "x-amz-cognito-request-id: 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"},
			kind: KindAsset, steps: none, phase: PhaseLogin},
		{m: "POST", u: qLogin, st: 302, chain: 2, cookie: "XSRF-TOKEN=" + qXSRF,
			resp: []string{"Server: Server", "x-amz-cognito-request-id: 6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f", "Location: " + qCallback,
				"Set-Cookie: cognito=H4sIAAAAAAAAAG2Rz0; Version=1; Domain=books-auth.auth.eu-north-1.amazoncognito.com; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax"},
			kind: KindIdP, steps: none, phase: PhaseLogin},
		{u: qCallback, st: 302, site: "cross-site", chain: 2, cookie: "AWSALBAuthNonce=" + qNonce,
			resp: []string{"Server: awselb/2.0", "Location: " + qApp + "/",
				"Set-Cookie: AWSELBAuthSessionCookie-0=" + qSession + "; Expires=Tue, 09 Jun 2026 08:30:02 GMT; Path=/; Secure; HttpOnly"},
			kind: KindCallback, steps: s3to8, phase: PhaseLogin},
		{u: qApp + "/", st: 200, site: "cross-site", chain: 2, cookie: qSignedIn,
			resp: []string{"Content-Type: text/html; charset=utf-8", "Set-Cookie: AWSALB=Ab12Cd34Ef56; Expires=Tue, 09 Jun 2026 08:30:02 GMT; Path=/"},
			kind: KindApp, steps: s911, phase: PhaseApp},
		{u: qApp + "/static/app.css", st: 200, dest: "style", cookie: qSignedIn, mime: "text/css", ref: qApp + "/",
			kind: KindAsset, steps: s911, phase: PhaseApp},
		{u: qApp + "/static/app.js", st: 200, dest: "script", cookie: qSignedIn, mime: "application/javascript", ref: qApp + "/",
			kind: KindAsset, steps: s911, phase: PhaseApp},
		{u: qApp + "/api/books?shelf=7", st: 200, dest: "empty", cookie: qSignedIn, mime: "application/json", ref: qApp + "/",
			kind: KindAPI, steps: s911, phase: PhaseApp},
		{u: qApp + "/favicon.ico", st: 200, dest: "favicon", cookie: qSignedIn, mime: "image/x-icon", ref: qApp + "/",
			kind: KindAsset, steps: s911, phase: PhaseApp},
		{u: qApp + "/logout", st: 302, chain: 3, cookie: qSignedIn, ref: qApp + "/",
			resp: []string{"Location: " + qCog + "/logout?client_id=" + qCID + "&logout_uri=https%3A%2F%2Fbooks.example.org%2Fsigned-out",
				"Set-Cookie: AWSELBAuthSessionCookie-0=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly"},
			kind: KindLogout, steps: s911, phase: PhaseLogout},
		{u: qCog + "/logout?client_id=" + qCID + "&logout_uri=https%3A%2F%2Fbooks.example.org%2Fsigned-out", st: 302, site: "cross-site", chain: 3,
			resp: []string{"Server: Server", "x-amz-cognito-request-id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "Location: " + qApp + "/signed-out",
				"Set-Cookie: cognito=; Version=1; Max-Age=0; Path=/; Secure; HttpOnly"},
			kind: KindIdPLogout, steps: none, phase: PhaseLogout},
		{u: qApp + "/signed-out", st: 200, site: "cross-site", chain: 3, cookie: "AWSALBAuthNonce=" + qNonce,
			resp: []string{"Content-Type: text/html; charset=utf-8"},
			kind: KindLogoutCallback, steps: none, phase: PhaseLogout},
	}
}

// TestQuirkChromeHAR: chrome-har (browsertime, sitespeed.io, puppeteer HAR
// recorders) puts the first hop's response headers on a redirect chain's
// last entry: the sign-in page carries the ALB's Location, server and
// AWSALBAuthNonce, the application's page Cognito's Location, request id and
// cookie, the landing page the application's logout redirect. The URLs
// decide; capture-inconsistent names exactly those entries. Favicons are
// recorded (typed "other"), the DevTools resource types are lower case.
func TestQuirkChromeHAR(t *testing.T) {
	b, truth, moved := newKit(cognitoScript()...).chromeHAR()
	if len(moved) != 3 {
		t.Fatalf("the script should move headers on 3 entries, got %v", moved)
	}
	f := classifyBytes(t, b)
	checkTruth(t, f, truth, CodeCaptureInconsistent)
	x := kitFinding(t, f, CodeCaptureInconsistent)
	if !slices.Equal(x.Entries, moved) {
		t.Errorf("capture-inconsistent names %v, want %v", x.Entries, moved)
	}
	for _, w := range []string{"chrome-har 1.3.1", "a 200 with a Location", "the headers of #0", "DevTools", "seqdoc record"} {
		if !strings.Contains(x.Message, w) {
			t.Errorf("message lacks %q: %s", w, x.Message)
		}
	}
	if x.Severity != SeverityWarning {
		t.Errorf("severity %s", x.Severity)
	}
	// The moved Set-Cookie lines go back to the hop they came from: the
	// ALB's nonce to #0 (not Cognito's page), Cognito's session to the post.
	for _, ck := range f.Cookies {
		switch ck.Name {
		case "AWSALBAuthNonce":
			if !slices.Equal(ck.SetBy, []int{0}) || ck.Host != "books.example.org" {
				t.Errorf("AWSALBAuthNonce set by %v on %s, want #0 on the application's host", ck.SetBy, ck.Host)
			}
		case "cognito":
			if len(ck.SetBy) == 0 || ck.SetBy[0] != 4 {
				t.Errorf("cognito set by %v, want #4 (the sign-in post)", ck.SetBy)
			}
		}
	}
	// The same capture sanitized: the Location on 200s still shows it.
	f = classifyBytes(t, kitSanitize(t, b))
	for i := range truth {
		if truth[i].kind == KindLogoutCallback {
			// Whether the session cookie came with the landing page shows
			// only in the Cookie header the sanitized export dropped.
			truth[i].undecided = true
		}
	}
	checkTruth(t, f, truth, CodeCaptureInconsistent, CodeSanitizedCapture)
}

// TestQuirkProxy: a decrypting proxy (Charles) records a CONNECT tunnel
// before each host, HTTP/1.1 headers in Title-Case, no pages, and the
// browser's own background requests (component updates, Safe Browsing,
// Chrome's account check on accounts.google.com: Sec-Fetch-Site none, not a
// navigation). Tunnels and background requests are other, and the diagram
// leaves them out.
func TestQuirkProxy(t *testing.T) {
	bg := func(m, u string) kx {
		return kx{m: m, u: u, st: 200, dest: "empty", site: "none", bg: true, mime: "application/json", kind: KindOther, steps: none}
	}
	xs := cognitoScript()
	list := bg("POST", "https://accounts.google.com/ListAccounts?gpsia=1&source=ChromiumBrowser&json=standard")
	list.phase = PhaseLogin
	upd := bg("POST", "https://update.googleapis.com/service/update2/json?cup2key=14:3971126402")
	upd.phase = PhaseLogin
	sb := bg("POST", "https://safebrowsing.googleapis.com/v4/threatListUpdates:fetch?$req=ChkKCGNocm9taXVt")
	sb.phase = PhaseApp
	list2 := list
	list2.phase, list2.cookie = PhaseApp, "__Host-GAPS=1:ZnVsbC1vZi1nb29nbGUtc2Vzc2lvbi1zdHVmZg"
	xs = slices.Insert(xs, 0, list, upd)
	xs = slices.Insert(xs, 10, sb, list2)
	b, truth := newKit(xs...).proxy()
	f := classifyBytes(t, b)
	checkTruth(t, f, truth)
	d := f.Diagram(DiagramOptions{All: true})
	for _, it := range d.Items {
		m, ok := it.(*model.Message)
		if ok && (strings.Contains(m.Text, "CONNECT") || strings.Contains(m.Text, "ListAccounts") || strings.Contains(m.Text, "update2") || strings.Contains(m.Text, "threatList")) {
			t.Errorf("the diagram draws %q", m.Text)
		}
	}
	for _, p := range f.Participants {
		if slices.Contains(p.Hosts, "accounts.google.com") && p.Role != RoleOther {
			t.Errorf("accounts.google.com is %s", p.Role)
		}
	}
}

// TestQuirkFirefox: Firefox writes no _resourceType, Title-Case request
// headers, and its cache hits with no response headers, an empty
// httpVersion, empty timings and a time of 0: the file is an asset, but no
// request reached the ALB (no steps).
func TestQuirkFirefox(t *testing.T) {
	xs := cognitoScript()
	again := []kx{
		{u: qApp + "/books/42", st: 200, cookie: qSignedIn, ref: qApp + "/", kind: KindApp, steps: s911, phase: PhaseApp},
		{u: qApp + "/static/app.css", st: 200, dest: "style", cookie: qSignedIn, mime: "text/css", cached: true, kind: KindAsset, steps: none, phase: PhaseApp},
		{u: qApp + "/static/app.js", st: 200, dest: "script", cookie: qSignedIn, mime: "application/javascript", cached: true, kind: KindAsset, steps: none, phase: PhaseApp},
	}
	xs = slices.Insert(xs, 11, again...)
	b, truth := newKit(xs...).firefox()
	if strings.Contains(string(b), "_resourceType") {
		t.Fatal("a Firefox capture has no _resourceType")
	}
	checkTruth(t, classifyBytes(t, b), truth)
}

// TestQuirkSafari: Safari 16.3 sends no Sec-Fetch-* headers, leaves the
// cookie arrays empty while the Cookie and Set-Cookie headers are there,
// writes an empty httpVersion, and records memory-cache hits without
// request headers.
func TestQuirkSafari(t *testing.T) {
	xs := cognitoScript()
	xs = slices.Insert(xs, 11, kx{u: qApp + "/static/app.css", st: 200, dest: "style", mime: "text/css", cached: true, kind: KindAsset, steps: none, phase: PhaseApp})
	b, truth := newKit(xs...).safari()
	if strings.Contains(strings.ToLower(string(b)), "sec-fetch") {
		t.Fatal("a Safari 16.3 capture has no Sec-Fetch-* header")
	}
	f := classifyBytes(t, b)
	checkTruth(t, f, truth)
	if f.Sanitized {
		t.Error("cookie headers without cookie arrays are not a sanitized capture")
	}
}

// TestQuirkUnsorted: entries in the order they finished: the slow sign-in
// page after the fast redirects, the app's page after its files. Order in
// the file is not the order of the flow; the kinds and steps do not change.
func TestQuirkUnsorted(t *testing.T) {
	xs := cognitoScript()
	xs[2].ms = 900 // the sign-in page finishes after its favicon
	xs[6].ms = 700 // the app's page after its style and script
	b, truth := newKit(xs...).unsorted()
	var order []string
	for _, x := range truth {
		order = append(order, x.u)
	}
	if order[2] == qLogin {
		t.Fatal("the capture is sorted; the test wants it unsorted")
	}
	checkTruth(t, classifyBytes(t, b), truth)
}

// TestQuirkServiceWorkerDuplicates: a fetch a service worker answers is in
// a DevTools capture twice, the page's (_fetchedViaServiceWorker) and the
// worker's own request: one exchange, the same kind and steps, no finding.
func TestQuirkServiceWorkerDuplicates(t *testing.T) {
	xs := cognitoScript()
	xs[9].sw = true
	b, truth := newKit(xs...).devtools()
	if len(truth) != len(xs)+1 {
		t.Fatalf("%d entries, want %d", len(truth), len(xs)+1)
	}
	f := classifyBytes(t, b)
	checkTruth(t, f, truth)
	// The diagram draws the exchange once: the same arrows as without the
	// worker.
	plain, _ := newKit(cognitoScript()...).devtools()
	if got, want := diagramTexts(f), diagramTexts(classifyBytes(t, plain)); got != want {
		t.Errorf("diagram with the worker's copy:\n%s\nwithout:\n%s", got, want)
	}
}

// diagramTexts lists the diagram's arrows and notes by their text.
func diagramTexts(f *Flow) string {
	var out []string
	for _, it := range f.Diagram(DiagramOptions{All: true}).Items {
		switch m := it.(type) {
		case *model.Message:
			out = append(out, m.From+"->"+m.To+": "+m.Text)
		case *model.Note:
			out = append(out, "note: "+m.Text)
		}
	}
	return strings.Join(out, "\n")
}

// TestQuirkDevTools is the control: the same script from Chrome's DevTools
// has nothing to report.
func TestQuirkDevTools(t *testing.T) {
	b, truth := newKit(cognitoScript()...).devtools()
	checkTruth(t, classifyBytes(t, b), truth)
	var doc struct {
		Log struct {
			Entries []map[string]json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Log.Entries) != len(truth) {
		t.Fatalf("%v, %d entries", err, len(doc.Log.Entries))
	}
}
