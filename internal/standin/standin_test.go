package standin

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// browser is a minimal browser: a cookie jar, redirects followed, the
// Sec-Fetch-Dest header a navigation sends.
type browser struct {
	t *testing.T
	c *http.Client
}

func newBrowser(t *testing.T, s *StandIn) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t, &http.Client{Transport: s.Client().Transport, Jar: jar}}
}

func (b *browser) do(method, u string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	req.Header.Set("Sec-Fetch-Dest", "document")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp, string(text)
}

var csrfRE = regexp.MustCompile(`name="_csrf" type="hidden" value="([^"]+)"|type="hidden" name="_csrf" value="([^"]+)"`)

// signIn posts the sign-in form of the page at resp.
func (b *browser) signIn(resp *http.Response, page, user, password string) (*http.Response, string) {
	b.t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("no _csrf in the sign-in page:\n%s", page)
	}
	return b.do("POST", resp.Request.URL.String(), url.Values{"_csrf": {m[1] + m[2]}, "username": {user}, "password": {password}})
}

func kinds(s *StandIn) []string {
	var out []string
	for _, sv := range s.Served() {
		out = append(out, sv.Kind+"/"+sv.Phase)
	}
	return out
}

// TestWalkHappy walks the happy path without a browser and checks what the
// stand-in served and labelled.
func TestWalkHappy(t *testing.T) {
	s, err := Start(Options{ClaimBytes: 5000})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := newBrowser(t, s)
	resp, page := b.do("GET", s.AppURL(), nil)
	if resp.StatusCode != 200 || !strings.Contains(page, `name="password"`) {
		t.Fatalf("GET / did not end at the sign-in page: %d %s", resp.StatusCode, resp.Request.URL)
	}
	resp, page = b.signIn(resp, page, s.User(), "wrong")
	if !strings.Contains(page, "loginErrorMessage") {
		t.Fatalf("a wrong password was not refused")
	}
	resp, page = b.signIn(resp, page, s.User(), s.Password())
	if resp.StatusCode != 200 || !strings.Contains(page, `id="sign-out"`) || resp.Request.URL.Host != s.AppHost() {
		t.Fatalf("sign-in did not reach the app: %d %s", resp.StatusCode, resp.Request.URL)
	}
	var shards []string
	for _, c := range b.c.Jar.Cookies(&url.URL{Scheme: "https", Host: s.AppHost(), Path: "/"}) {
		if strings.HasPrefix(c.Name, sessionCookie) {
			shards = append(shards, c.Name)
		}
	}
	if len(shards) < 2 {
		t.Errorf("5,000 bytes of claims gave shards %v, want at least 2", shards)
	}
	_, me := b.do("GET", s.AppURL()+"api/me", nil)
	if !strings.Contains(me, `"x-amzn-oidc-data":"eyJ`) || !strings.Contains(me, "==") && !strings.Contains(me, "=\"") {
		t.Errorf("the app did not get the claims headers: %s", me)
	}
	resp, page = b.do("GET", s.AppURL()+"logout", nil)
	if resp.Request.URL.Path != "/logged-out" || !strings.Contains(page, "signed out") {
		t.Fatalf("sign-out ended at %s", resp.Request.URL)
	}
	for _, c := range b.c.Jar.Cookies(&url.URL{Scheme: "https", Host: s.AppHost(), Path: "/"}) {
		if strings.HasPrefix(c.Name, sessionCookie) {
			t.Errorf("%s survived the logout", c.Name)
		}
	}
	want := []string{
		"auth-redirect/login", "idp/login", "idp/login", // GET / → authorize → /login
		"idp/login",                              // wrong password
		"idp/login", "callback/login", "app/app", // sign-in, callback, /
		"api/app",                                                      // /api/me
		"logout/logout", "idp-logout/logout", "logout-callback/logout", // sign-out
	}
	if got := kinds(s); !slices.Equal(got, want) {
		t.Errorf("served\n got %v\nwant %v", got, want)
	}
	bc := s.BackChannels()
	if len(bc) != 2 || bc[0].Status != 200 || bc[1].Status != 200 || !strings.HasSuffix(bc[1].URL, "/oauth2/userInfo") {
		t.Errorf("back channel: %+v", bc)
	}
	for _, sv := range s.Served() {
		if strings.Contains(sv.URL, "?") {
			t.Errorf("a label URL keeps its query: %s", sv.URL)
		}
	}
	// Every secret is a canary: the password, the session shards.
	can := s.Canaries()
	if !slices.Contains(can, s.Password()) || len(can) < 15 {
		t.Errorf("canaries: %d, password in: %v", len(can), slices.Contains(can, s.Password()))
	}
}

// TestCallbackFailures checks the ALB's answers to a callback that cannot
// succeed.
func TestCallbackFailures(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   Options
		status int
		steps  []int
	}{
		{"claims too large", Options{ClaimBytes: 12000}, 500, []int{3, 4, 5, 6, 7}},
		{"token refused", Options{TokenError: true}, 561, []int{3, 4, 5}},
		{"login window", Options{LoginTimeout: -1}, 401, []int{3}},
		{"idp unreachable", Options{IdPUnreachable: true}, 500, []int{3, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Start(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			b := newBrowser(t, s)
			resp, page := b.do("GET", s.AppURL(), nil)
			resp, _ = b.signIn(resp, page, s.User(), s.Password())
			if resp.StatusCode != tc.status || resp.Header.Get("Server") != "awselb/2.0" {
				t.Fatalf("callback answered %d (server %q), want %d from awselb/2.0", resp.StatusCode, resp.Header.Get("Server"), tc.status)
			}
			sv := s.Served()
			last := sv[len(sv)-1]
			if last.Kind != "callback" || !slices.Equal(last.AWSSteps, tc.steps) {
				t.Errorf("labelled %s %v, want callback %v", last.Kind, last.AWSSteps, tc.steps)
			}
			if resp.Header.Get("Set-Cookie") != "" {
				t.Errorf("a failed callback set a cookie: %s", resp.Header.Get("Set-Cookie"))
			}
		})
	}
}

// TestRedirectMismatch: an unregistered callback URL ends at Cognito's
// error page.
func TestRedirectMismatch(t *testing.T) {
	s, err := Start(Options{CallbackMismatch: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp, page := newBrowser(t, s).do("GET", s.AppURL(), nil)
	if resp.StatusCode != 400 || resp.Request.URL.Path != "/error" || !strings.Contains(page, "redirect_mismatch") {
		t.Fatalf("got %d %s", resp.StatusCode, resp.Request.URL)
	}
}

// signedIn starts a stand-in and signs a browser in.
func signedIn(t *testing.T) (*StandIn, *browser) {
	t.Helper()
	s := StartTest(t, Options{})
	b := newBrowser(t, s)
	resp, page := b.do("GET", s.AppURL(), nil)
	b.signIn(resp, page, s.User(), s.Password())
	return s, b
}

// TestForgedClaims: the ALB replaces X-Amzn-Oidc-* headers a client sends.
func TestForgedClaims(t *testing.T) {
	s, b := signedIn(t)
	req, _ := http.NewRequest("GET", s.AppURL()+"api/me", nil)
	req.Header.Set("X-Amzn-Oidc-Identity", "mallory")
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(me), "mallory") || !strings.Contains(string(me), "x-amzn-oidc-identity") {
		t.Errorf("the app got a forged identity: %s", me)
	}
}

// TestLabels matches a capture's entries (redacted, with a request the
// stand-in never saw) with what was served.
func TestLabels(t *testing.T) {
	s, _ := signedIn(t)
	var entries []*har.Entry
	for i, sv := range s.Served() {
		e := &har.Entry{}
		e.Request.Method = sv.Method
		e.Request.URL = sv.URL + "?state=redacted-state-1"
		e.Response.Status = sv.Status
		entries = append(entries, e)
		if i == 1 { // a request the stand-in never served
			entries = append(entries, &har.Entry{Request: har.Request{Method: "GET", URL: "https://cdn.example.net/x.js"}, Response: har.Response{Status: 200}})
		}
	}
	sc, _ := ScenarioNamed("happy")
	l := s.Labels(sc, entries)
	if l.EntryCount != 7 || len(l.Entries) != 7 || l.Unmatched != 1 || len(l.ServedButNotInHAR) != 0 {
		t.Fatalf("labels: %d entries, %d unmatched, %d served but not in the capture", len(l.Entries), l.Unmatched, len(l.ServedButNotInHAR))
	}
	if e := l.Entries[2]; e.Kind != "other" || e.Phase != "login" || e.Index != 2 {
		t.Errorf("the foreign entry: %+v", e)
	}
	if e := l.Entries[5]; e.Kind != "callback" || !slices.Equal(e.AWSSteps, []int{3, 4, 5, 6, 7, 8}) {
		t.Errorf("the callback: %+v", e)
	}
	if len(l.Backchannel) != 2 || l.Backchannel[0].DuringEntry != 5 {
		t.Errorf("back channel: %+v", l.Backchannel)
	}
	if len(l.Canaries) != 0 || l.CanaryCount == 0 {
		t.Errorf("canaries without WithCanaries: %d (count %d)", len(l.Canaries), l.CanaryCount)
	}
	if !slices.Contains(l.ForbiddenFindings, "login-failed") || len(l.ExpectedFindings) != 0 {
		t.Errorf("findings: expected %v forbidden %v", l.ExpectedFindings, l.ForbiddenFindings)
	}
	if l2 := s.Labels(sc, entries, WithCanaries()); !slices.Contains(l2.Canaries, s.Password()) {
		t.Errorf("WithCanaries left out the password")
	}
}
