package authflow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/golden"
	"github.com/seqdoc/seqdoc/internal/shareddata"
)

// findingCases are, for each rule of the table (Rules), a capture that
// shows its finding and a near miss that must not raise it. Generated
// captures are described in scenarios_test.go. A rule added to the table
// without its pair fails TestEveryRuleHasPositiveAndNearMiss.
var findingCases = map[string]struct{ positive, nearMiss string }{
	CodeLogoutKeepsALBSession: {"gen/u2-logout-keeps-alb-cookie.har", "gen/f-logout-complete.har"},
	CodeSilentReauth:          {"gen/f-silent-reauth.har", "gen/f-logout-complete.har"},
	CodeRedirectLoop:          {"gen/f-redirect-loop.har", "gen/f-silent-reauth.har"},
	CodeXHRAuthRedirect:       {"gen/u3-session-expires-xhr.har", "gen/f-app-errors.har"},
	CodeCallback401:           {"gen/f-callback-401.har", "gen/f-app-errors.har"},
	CodeCallback500:           {"gen/u5-callback-500.har", "gen/f-app-errors.har"},
	CodeCallback561:           {"gen/f-callback-561.har", "gen/u6-200-requests.har"},
	CodeIdPError:              {"gen/f-idp-error.har", "gen/f-app-errors.har"},
	CodeLoginFailed:           {"gen/f-login-failed.har", "gen/u4-federated-idp.har"},
	CodeSessionCookieSharded:  {"gen/u1-sharded-session.har", "gen/f-one-big-shard.har"},
	CodeCookieHeaderTooLarge:  {"gen/f-cookie-too-large.har", "gen/f-app-errors.har"},
	CodeCookieAttributes:      {"gen/f-cookie-attributes.har", "gen/f-app-errors.har"},
	CodeSanitizedCapture:      {"gen/u6-200-requests.sanitized.har", "gen/u6-200-requests.har"},
	CodeCaptureIncomplete:     {"unseen/n01-no-preserve-log-starts-at-idp-post.devtools.har.gz", "unseen/n07-starts-signed-in.playwright.har.gz"},
	CodeCaptureInconsistent:   {"unseen/x01-200-with-location.browsertime.har.gz", "unseen/x04-near-miss-201-location.playwright.har.gz"},
}

// TestEveryRuleHasPositiveAndNearMiss: every rule of the table reports its
// finding, with its severity, on its positive capture, naming entries of
// the capture in one sentence, and not on its near miss.
func TestEveryRuleHasPositiveAndNearMiss(t *testing.T) {
	for code := range findingCases {
		if RuleFor(code) == nil {
			t.Errorf("findingCases has %s, which no rule reports", code)
		}
	}
	for _, r := range Rules {
		t.Run(r.Code, func(t *testing.T) {
			fc, ok := findingCases[r.Code]
			if !ok {
				t.Fatalf("rule %s has no positive/near-miss capture in findingCases", r.Code)
			}
			pos := classifyFile(t, filepath.Join("testdata", fc.positive))
			var got *Finding
			for i := range pos.Findings {
				if pos.Findings[i].Code == r.Code {
					got = &pos.Findings[i]
				}
			}
			if got == nil {
				t.Fatalf("%s: %s not reported (got %v)", fc.positive, r.Code, codes(pos))
			}
			if got.Severity != r.Severity {
				t.Errorf("%s reported as %s, the table says %s", r.Code, got.Severity, r.Severity)
			}
			checkFinding(t, pos, *got)
			if r.Code != CodeSanitizedCapture && len(got.Entries) == 0 {
				t.Errorf("%s names no entry", r.Code)
			}
			near := classifyFile(t, filepath.Join("testdata", fc.nearMiss))
			if slices.Contains(codes(near), r.Code) {
				t.Errorf("near miss %s raised %s: %s", fc.nearMiss, r.Code, findingMsg(near, r.Code))
			}
		})
	}
}

// checkFinding: the finding's message is one sentence naming a cause and a
// fix, and every entry it names is an entry of the flow.
func checkFinding(t *testing.T, f *Flow, x Finding) {
	t.Helper()
	if strings.Count(strings.TrimSuffix(x.Message, "."), ". ") > 0 || !strings.HasSuffix(x.Message, ".") {
		t.Errorf("%s: message is not one sentence: %q", x.Code, x.Message)
	}
	for _, e := range x.Entries {
		if f.Entry(e) == nil {
			t.Errorf("%s: names entry %d, not in the flow (%d entries)", x.Code, e, len(f.Entries))
		}
	}
	if RuleFor(x.Code) == nil {
		t.Errorf("%s: no rule in the table", x.Code)
	}
}

// TestEveryFindingIsOneSentence runs checkFinding on every finding of every
// capture the tests hold and of the shared fixtures (skipped without
// ../shared, never in CI).
func TestEveryFindingIsOneSentence(t *testing.T) {
	var caps []string
	for _, g := range []string{"testdata/*/*.har", "testdata/*/*.har.gz"} {
		m, _ := filepath.Glob(g)
		caps = append(caps, m...)
	}
	if len(caps) < 100 {
		t.Fatalf("only %d test captures", len(caps))
	}
	for _, sub := range []string{"har-browser", "har-browser-cdp", "har-public"} {
		if dir := filepath.Join(sharedDir, "fixtures", sub); shareddata.Have(t, dir) {
			m, _ := filepath.Glob(filepath.Join(dir, "*.har"))
			caps = append(caps, m...)
		}
	}
	n := 0
	for _, p := range caps {
		log, entries, err := har.ReadFile(p, har.ReadOptions{})
		if err != nil {
			continue // the shared fixtures hold broken captures on purpose
		}
		har.Redact(log, entries, RedactOptions(nil))
		f := Classify(log, entries)
		for _, x := range f.Findings {
			n++
			checkFinding(t, f, x)
		}
	}
	t.Logf("%d findings of %d captures", n, len(caps))
}

// TestGeneratedSecretsRedacted: no made-up secret of a generated capture
// survives into the flow, its JSON or its glossary.
func TestGeneratedSecretsRedacted(t *testing.T) {
	for _, s := range scenarios {
		f := classifyFile(t, filepath.Join(genDir, s.name+".har"))
		l := readLabels(t, filepath.Join(genDir, s.name+".labels.json"))
		b, _ := json.Marshal(struct {
			F *Flow
			G []GlossaryRow
			P []Participant
		}{f, Glossary(f), f.Participants})
		var sb strings.Builder
		if err := WriteTable(&sb, s.name, f); err != nil {
			t.Fatal(err)
		}
		out := string(b) + sb.String()
		for _, c := range l.Canaries {
			if strings.Contains(out, c) {
				t.Errorf("%s: secret %.14s… reached the output", s.name, c)
			}
		}
	}
}

func TestParseSetCookie(t *testing.T) {
	now := time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)
	tests := []struct {
		line     string
		name     string
		expired  bool
		secure   bool
		httpOnly bool
		life     string
	}{
		{"AWSELBAuthSessionCookie-0=abc; Path=/; Secure; HttpOnly", "AWSELBAuthSessionCookie-0", false, true, true, "session"},
		{"AWSELBAuthSessionCookie-0=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=-1; Path=/; Secure; HttpOnly", "AWSELBAuthSessionCookie-0", true, true, true, "max-age=-1"},
		{`cognito=""; Version=1; Domain=x.auth.eu-west-1.amazoncognito.com; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/; Secure; HttpOnly`, "cognito", true, true, true, "max-age=0"},
		{"AWSALB=v; Expires=Tue, 03 Dec 2026 01:10:16 GMT; Path=/", "AWSALB", false, false, false, "expires"},
		{"old=v; Expires=Tue, 24 Nov 2026 01:10:16 GMT", "old", true, false, false, "expires"},
		{"x=1; max-age=3600; secure; httponly; samesite=Lax", "x", false, true, true, "max-age=3600"},
	}
	for _, tt := range tests {
		sc, ok := parseSetCookie(tt.line, now)
		if !ok || sc.name != tt.name || sc.expired != tt.expired || sc.attrs.Secure != tt.secure || sc.attrs.HTTPOnly != tt.httpOnly || sc.attrs.Lifetime != tt.life {
			t.Errorf("parseSetCookie(%q) = %+v, %v", tt.line, sc, ok)
		}
	}
	for _, bad := range []string{"", "=v", "noequals", ";;;"} {
		if _, ok := parseSetCookie(bad, now); ok {
			t.Errorf("parseSetCookie(%q) accepted", bad)
		}
	}
}

// TestInspectJSONGolden: inspect --json of the shared fixtures and of the
// generated captures, against golden files (-update rewrites them).
func TestInspectJSONGolden(t *testing.T) {
	var caps []string
	for _, s := range scenarios[:7] {
		caps = append(caps, filepath.Join(genDir, s.name+".har"), filepath.Join(genDir, s.name+".sanitized.har"))
	}
	// The shared fixtures' subtests skip without ../shared (never in CI).
	hars, _ := filepath.Glob(filepath.Join(sharedDir, "fixtures", "har-browser", "*.har"))
	if len(hars) == 0 {
		hars = []string{filepath.Join(sharedDir, "fixtures", "har-browser", "a-happy-path.har")}
	}
	caps = append(hars, caps...)
	for _, p := range caps {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			shareddata.Need(t, p)
			f := classifyStream(t, p)
			var sb strings.Builder
			if err := WriteJSON(&sb, f); err != nil {
				t.Fatal(err)
			}
			got := sb.String()
			goldenPath := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".har")+".inspect.json")
			if golden.Update() {
				os.MkdirAll(filepath.Dir(goldenPath), 0o755)
				if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (go test -update)", err)
			}
			if got != string(want) {
				os.WriteFile(goldenPath+".got", []byte(got), 0o644)
				t.Errorf("%s differs from %s (see %s.got; go test -update to accept)", name, goldenPath, goldenPath)
			}
			// The contract's shape: top-level keys, empty lists as [].
			var m map[string]json.RawMessage
			if err := json.Unmarshal([]byte(got), &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"entries", "findings", "cookies", "headers"} {
				if len(m[k]) == 0 || string(m[k]) == "null" {
					t.Errorf("%s: %q missing or null", name, k)
				}
			}
			if len(m) != 4 {
				t.Errorf("%s: %d top-level keys, want 4", name, len(m))
			}
			var doc struct {
				Entries []map[string]json.RawMessage `json:"entries"`
			}
			json.Unmarshal([]byte(got), &doc)
			for _, e := range doc.Entries {
				if len(e) != 8 {
					t.Fatalf("%s: entry has %d fields, want the 8 of DESIGN.md", name, len(e))
				}
				for _, k := range []string{"index", "method", "url", "status", "kind", "steps", "hidden_steps", "phase"} {
					if v, ok := e[k]; !ok || string(v) == "null" {
						t.Fatalf("%s: entry field %q missing or null", name, k)
					}
				}
			}
		})
	}
}

func TestIsLogoutPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/logout": true, "/auth/logout/": true, "/signout": true, "/sign-out": true, "/Logout.php": true,
		"/oauth2/v2.0/logout": true, "/connect/endsession": true, "/saml2/logout": true,
		"/logged-out": false, "/signed-out": false, "/logout-complete": false, "/": false, "/api/items": false,
	} {
		if got := isLogoutPath(p); got != want {
			t.Errorf("isLogoutPath(%q) = %v, want %v", p, got, want)
		}
	}
}
