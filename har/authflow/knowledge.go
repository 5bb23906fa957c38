package authflow

import (
	"fmt"
	"regexp"
	"strings"
)

// AWS documents the knowledge base cites.
const (
	DocALBAuth      = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html"
	DocALBSticky    = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html"
	DocALBListeners = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html"
	DocALBTrouble   = "https://repost.aws/knowledge-center/elb-configure-authentication-alb"
	DocCognitoLogin = "https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html"
	DocCognitoMLE   = "https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html"
	DocCognitoIDTok = "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html"
	DocCognitoFed   = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html"
	DocCognitoAuthz = "https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html"
)

// Knowledge is what seqdoc knows about one cookie or header.
type Knowledge struct {
	Name       string `json:"name"`       // as shown, e.g. "AWSELBAuthSessionCookie-N"
	Type       string `json:"type"`       // "cookie" or "header"
	SetBy      string `json:"set_by"`     // who sets it
	Meaning    string `json:"meaning"`    // its purpose, one sentence
	Attributes string `json:"attributes"` // the attributes it usually carries
	Lifetime   string `json:"lifetime"`
	ClearedBy  string `json:"cleared_by"`
	DocURL     string `json:"doc_url"` // the AWS document it comes from ("" when none)
	// Observable is false for what a browser capture can never show.
	Observable bool `json:"observable"`
	// Core entries appear in a glossary even when the capture lacks them.
	Core bool `json:"-"`
	// match tests a name (compiled on first use), or is does.
	match func() *regexp.Regexp
	is    func(name string) bool
}

var knowledge = []Knowledge{
	{Name: "AWSELBAuthSessionCookie-N", Type: "cookie", SetBy: "ALB (authenticate action), in its answer to /oauth2/idpresponse (step 8)",
		Meaning:    "The ALB's encrypted authentication session (tokens and claims); the ALB validates it on every request (step 9), and splits it into shards -0 … -3 when it exceeds 4 KB; the rule's SessionCookieName changes the name.",
		Attributes: "Secure, HttpOnly, Path=/; SameSite=None on CORS requests", Lifetime: "cookie expiry 7 days; the session itself lasts the rule's SessionTimeout (default 7 days)",
		ClearedBy: "the application's logout, which must expire every shard (Expires in the past); the ALB never clears it", DocURL: DocALBAuth, Observable: true, Core: true,
		match: lazyRegexp(`^AWSELBAuthSessionCookie(-.*)?$`)},
	{Name: "AWSALBAuthNonce", Type: "cookie", SetBy: "ALB, on its redirect to the IdP (step 2)",
		Meaning:    "Binds the redirect to the IdP to the callback: the ALB checks it at /oauth2/idpresponse and answers 401 when it is missing or different (login started on another host name, cookies blocked).",
		Attributes: "Secure, HttpOnly, Path=/", Lifetime: "the login (the ALB allows 15 minutes)", ClearedBy: "replaced by the next redirect to the IdP",
		DocURL: DocALBTrouble, Observable: true, Core: true, match: lazyRegexp(`^AWSALBAuthNonce$`)},
	{Name: "AWSALB", Type: "cookie", SetBy: "ALB, duration-based stickiness",
		Meaning:    "Binds the browser to one target of the target group (encrypted); not part of authentication.",
		Attributes: "Path=/, Expires (no Secure or HttpOnly on a real ALB)", Lifetime: "7 days, renewed on every response", ClearedBy: "expiry; reset by the ALB",
		DocURL: DocALBSticky, Observable: true, match: lazyRegexp(`^AWSALB$`)},
	{Name: "AWSALBCORS", Type: "cookie", SetBy: "ALB, duration-based stickiness",
		Meaning:    "Copy of AWSALB with SameSite=None; Secure so that stickiness also works on cross-origin (CORS) requests.",
		Attributes: "SameSite=None, Secure, Path=/", Lifetime: "7 days, renewed on every response", ClearedBy: "expiry; reset by the ALB",
		DocURL: DocALBSticky, Observable: true, match: lazyRegexp(`^AWSALBCORS$`)},
	{Name: "AWSALBAPP-N", Type: "cookie", SetBy: "ALB, application-based stickiness",
		Meaning:    "Encrypted stickiness information the ALB issues when the target sets the configured application cookie; sharded like the session cookie, up to 4 shards.",
		Attributes: "Path=/; SameSite=None, Secure on CORS requests", Lifetime: "the stickiness duration (up to 7 days)", ClearedBy: "expiry",
		DocURL: DocALBSticky, Observable: true, match: lazyRegexp(`^AWSALBAPP(-\d+)?$`)},
	{Name: "AWSALBTG", Type: "cookie", SetBy: "ALB, target-group stickiness of a weighted forward action",
		Meaning:    "Remembers which target group of a weighted forward action served the browser.",
		Attributes: "Path=/, Expires", Lifetime: "the target-group stickiness duration", ClearedBy: "expiry",
		DocURL: DocALBListeners, Observable: true, match: lazyRegexp(`^AWSALBTG$`)},
	{Name: "AWSALBTGCORS", Type: "cookie", SetBy: "ALB, target-group stickiness of a weighted forward action",
		Meaning:    "Copy of AWSALBTG with SameSite=None; Secure for cross-origin (CORS) requests.",
		Attributes: "SameSite=None, Secure, Path=/", Lifetime: "the target-group stickiness duration", ClearedBy: "expiry",
		DocURL: DocALBListeners, Observable: true, match: lazyRegexp(`^AWSALBTGCORS$`)},
	{Name: "cognito", Type: "cookie", SetBy: "Cognito hosted UI / managed login, after a successful sign-in",
		Meaning:    "The Cognito session: while it is valid, /oauth2/authorize answers with a code at once, without a sign-in page, for every app client of the user pool.",
		Attributes: "Domain=<Cognito domain>, Secure, HttpOnly, SameSite=Lax, Max-Age=3600", Lifetime: "1 hour, fixed, not renewed",
		ClearedBy: "Cognito's /logout endpoint", DocURL: DocCognitoIDTok, Observable: true, Core: true, match: lazyRegexp(`^cognito$`)},
	{Name: "cognito-fl", Type: "cookie", SetBy: "Cognito hosted UI / managed login",
		Meaning:    "Cognito's flow cookie, set during sign-in, federation redirects and sign-up (often \"W10=\", an empty list); its content is not documented.",
		Attributes: "Domain=<Cognito domain>, Secure, HttpOnly", Lifetime: "1 hour", ClearedBy: "Cognito's /logout endpoint",
		DocURL: DocCognitoMLE, Observable: true, match: lazyRegexp(`^cognito-fl$`)},
	{Name: "XSRF-TOKEN", Type: "cookie", SetBy: "Cognito hosted UI / managed login",
		Meaning:    "Anti-CSRF token of the sign-in forms: its value must come back as the _csrf field of the form post.",
		Attributes: "Secure, HttpOnly, SameSite=Lax, Path=/", Lifetime: "the browser session; rotated on each form", ClearedBy: "replaced by the next form; expired by Cognito",
		DocURL: DocCognitoLogin, Observable: true, match: lazyRegexp(`^XSRF-TOKEN$`)},
	{Name: "csrf-state", Type: "cookie", SetBy: "Cognito hosted UI / managed login",
		Meaning:    "State helper of Cognito's CSRF protection for the authorize and sign-in pages.",
		Attributes: "Secure, HttpOnly, SameSite=None, Path=/", Lifetime: "the browser session", ClearedBy: "replaced by the next authorize request",
		DocURL: DocCognitoMLE, Observable: true, match: lazyRegexp(`^csrf-state$`)},
	{Name: "csrf-state-legacy", Type: "cookie", SetBy: "Cognito hosted UI / managed login",
		Meaning:    "Twin of csrf-state without SameSite, for browsers that reject SameSite=None.",
		Attributes: "Secure, HttpOnly, Path=/ (no SameSite)", Lifetime: "the browser session", ClearedBy: "replaced by the next authorize request",
		DocURL: DocCognitoMLE, Observable: true, match: lazyRegexp(`^csrf-state-legacy$`)},
	{Name: "lang", Type: "cookie", SetBy: "Cognito managed login",
		Meaning:    "The language chosen for managed login pages (after a request with ?lang=).",
		Attributes: "Secure", Lifetime: "persistent", ClearedBy: "a later ?lang= choice",
		DocURL: DocCognitoMLE, Observable: true, match: lazyRegexp(`^lang$`)},
	{Name: "page-data", Type: "cookie", SetBy: "Cognito managed login",
		Meaning:    "State of the managed login pages between requests (not documented further).",
		Attributes: "Secure, HttpOnly", Lifetime: "the sign-in", ClearedBy: "Cognito",
		DocURL: DocCognitoMLE, Observable: true, match: lazyRegexp(`^page-data$`)},
	{Name: "JSESSIONID", Type: "cookie", SetBy: "the application (Java servlet container)",
		Meaning:    "The application's own session; the ALB does not manage it, so clearing it does not end the ALB session (nor the reverse).",
		Attributes: "should be Secure and HttpOnly", Lifetime: "the application's session timeout", ClearedBy: "the application's logout",
		DocURL: "", Observable: true, match: lazyRegexp(`^JSESSIONID$`)},
	{Name: "application session cookie", Type: "cookie", SetBy: "the application",
		Meaning:    "A common framework session cookie (PHPSESSID, ASP.NET_SessionId, connect.sid, laravel_session …): the application's own session, independent of the ALB's.",
		Attributes: "should be Secure and HttpOnly", Lifetime: "the application's session timeout", ClearedBy: "the application's logout",
		DocURL: "", Observable: true, is: isAppSessionCookie},
	{Name: "X-Amzn-Oidc-Accesstoken", Type: "header", SetBy: "ALB, on the request it forwards to the target (step 9)",
		Meaning:    "The access token from the IdP's token endpoint, in plain text, for the application to call the IdP (e.g. userInfo).",
		Attributes: "request header on the ALB-to-target hop", Lifetime: "the access token's (Cognito default 1 hour)", ClearedBy: "—",
		DocURL: DocALBAuth, Observable: false, Core: true, match: lazyRegexp(`(?i)^x-amzn-oidc-accesstoken$`)},
	{Name: "X-Amzn-Oidc-Identity", Type: "header", SetBy: "ALB, on the request it forwards to the target (step 9)",
		Meaning:    "The user's subject (sub) from the userInfo endpoint, in plain text: the user id an application can use as its session user.",
		Attributes: "request header on the ALB-to-target hop", Lifetime: "each request", ClearedBy: "—",
		DocURL: DocALBAuth, Observable: false, Core: true, match: lazyRegexp(`(?i)^x-amzn-oidc-identity$`)},
	{Name: "X-Amzn-Oidc-Data", Type: "header", SetBy: "ALB, on the request it forwards to the target (step 9)",
		Meaning:    "The user's claims as a JWT signed by the ALB (ES256, with base64 padding): verify its signature and signer before trusting it; it is not the ID token.",
		Attributes: "request header on the ALB-to-target hop", Lifetime: "short (exp in the JWT header)", ClearedBy: "—",
		DocURL: DocALBAuth, Observable: false, Core: true, match: lazyRegexp(`(?i)^x-amzn-oidc-data$`)},
	{Name: "Location", Type: "header", SetBy: "whoever answers with a redirect (ALB, Cognito, the application)",
		Meaning:    "Where a redirect sends the browser: the ALB's redirect to the IdP (step 2), the IdP's redirect back with the code (step 3), the ALB's redirect to the original URL (step 8), the logout redirects.",
		Attributes: "response header", Lifetime: "—", ClearedBy: "—", DocURL: DocALBAuth, Observable: true,
		match: lazyRegexp(`(?i)^location$`)},
	{Name: "Server", Type: "header", SetBy: "ALB or target",
		Meaning:    "\"awselb/2.0\" marks a response the ALB generated itself (its redirects and errors); other values come from the target or the IdP.",
		Attributes: "response header", Lifetime: "—", ClearedBy: "—", DocURL: DocALBAuth, Observable: true,
		match: lazyRegexp(`(?i)^server$`)},
	{Name: "x-amz-cognito-request-id", Type: "header", SetBy: "Amazon Cognito",
		Meaning:    "The id of a Cognito request (quote it to AWS support); its presence marks a Cognito domain, prefix or custom.",
		Attributes: "response header", Lifetime: "—", ClearedBy: "—", DocURL: DocCognitoMLE, Observable: true,
		match: lazyRegexp(`(?i)^x-amz-cognito-request-id$`)},
}

// matches reports whether name is this entry's cookie or header.
func (k *Knowledge) matches(name string) bool {
	if k.is != nil {
		return k.is(name)
	}
	return k.match().MatchString(name)
}

// KnowledgeBase returns the knowledge base: every cookie and header seqdoc
// knows, in a stable order.
func KnowledgeBase() []Knowledge {
	out := make([]Knowledge, len(knowledge))
	copy(out, knowledge)
	return out
}

// Lookup returns what seqdoc knows about a cookie or header name.
func Lookup(typ, name string) (Knowledge, bool) {
	for _, k := range knowledge {
		if k.Type == typ && k.matches(name) {
			return k, true
		}
	}
	return Knowledge{}, false
}

// GlossaryRow is one line of a capture's glossary.
type GlossaryRow struct {
	Name       string `json:"name"`
	Type       string `json:"type"` // "cookie" or "header"
	SetBy      string `json:"set_by"`
	Meaning    string `json:"meaning"`
	Attributes string `json:"attributes"`
	Lifetime   string `json:"lifetime"`
	ClearedBy  string `json:"cleared_by"`
	DocURL     string `json:"doc_url"`
	Known      bool   `json:"known"` // in the knowledge base
	Seen       bool   `json:"seen"`  // in this capture
	// InCapture says what this capture shows (or why it cannot).
	InCapture string `json:"in_capture"`
}

// Glossary lists the cookies and headers of a flow with their meaning: the
// ones the capture shows (known or not), and the core ones it lacks.
func Glossary(f *Flow) []GlossaryRow {
	var known []GlossaryRow
	var unknown []GlossaryRow
	used := map[string]bool{}
	for _, ck := range f.Cookies {
		row, k, ok := cookieRow(f, ck)
		if !ok {
			unknown = append(unknown, row)
			continue
		}
		used[k.Name] = true
		known = append(known, row)
	}
	for _, h := range f.Headers {
		if len(h.Entries) == 0 {
			continue
		}
		k, _ := Lookup("header", h.Name)
		used[k.Name] = true
		known = append(known, GlossaryRow{Name: k.Name, Type: "header", SetBy: k.SetBy, Meaning: k.Meaning, Attributes: k.Attributes,
			Lifetime: k.Lifetime, ClearedBy: k.ClearedBy, DocURL: k.DocURL, Known: true, Seen: true,
			InCapture: fmt.Sprintf("in %d %s from %s", len(h.Entries), plural(len(h.Entries), "exchange", "exchanges"), strings.Join(h.Hosts, ", ")) + valuesNote(h)})
	}
	known = append(known, coreRowsLacking(f, used)...)
	// Known rows in knowledge-base order, then unknown cookies in capture order.
	rank := func(r GlossaryRow) int {
		for i, k := range knowledge {
			if r.Type == k.Type && (k.Name == r.Name || k.matches(strings.TrimSuffix(r.Name, "-N")+"-0") || k.matches(r.Name)) {
				return i
			}
		}
		return len(knowledge)
	}
	sortStable(known, func(a, b GlossaryRow) bool { return rank(a) < rank(b) })
	return append(known, unknown...)
}

// cookieRow is a cookie's row of the glossary, with what the knowledge
// base knows of it (ok false: nothing).
func cookieRow(f *Flow, ck Cookie) (row GlossaryRow, k Knowledge, ok bool) {
	display := ck.Name
	if (len(ck.Shards) > 1 || ck.Name != ck.Shards[0]) && !isFamily(ck.Name) {
		display = ck.Name + "-N"
	}
	k, ok = Lookup("cookie", ck.Shards[0])
	if ck.ALBSession {
		k, ok = Lookup("cookie", "AWSELBAuthSessionCookie-0")
	}
	row = GlossaryRow{Name: display, Type: "cookie", Seen: true, InCapture: cookieStory(f, ck)}
	if ok {
		row.SetBy, row.Meaning, row.Attributes, row.Lifetime, row.ClearedBy, row.DocURL, row.Known =
			k.SetBy, k.Meaning, k.Attributes, k.Lifetime, k.ClearedBy, k.DocURL, true
		if k.Name == "application session cookie" {
			row.Name = ck.Name
		}
		return row, k, true
	}
	row.SetBy = "the application"
	if ck.Host != "" {
		row.SetBy = "set by the application (" + ck.Host + ")"
		for _, p := range f.Participants {
			if !contains(p.Hosts, ck.Host) {
				continue
			}
			switch {
			case p.Role == RoleIdP && p.Cognito:
				row.SetBy = "set by Cognito (" + ck.Host + ")"
			case p.Role == RoleIdP:
				row.SetBy = "set by the IdP (" + ck.Host + ")"
			case p.Role == RoleFederated:
				row.SetBy = "set by the federated IdP (" + ck.Host + ")"
			case p.Role == RoleOther:
				row.SetBy = "set by a third party (" + ck.Host + ")"
			}
		}
	}
	row.Meaning = "Not in seqdoc's knowledge base: see what the capture shows."
	row.Attributes = attrString(ck.Attrs)
	row.Lifetime = ck.Attrs.Lifetime
	return row, k, false
}

// coreRowsLacking are the rows of the core entries the capture lacks
// (used: those it has), each saying why. With an IdP that is not Cognito
// (an authenticate-oidc rule), Cognito's own cookies do not apply; the
// ALB's cookies and headers do, the same with any IdP.
func coreRowsLacking(f *Flow, used map[string]bool) []GlossaryRow {
	oidcIdP, cognito := "", false
	for _, p := range f.Participants {
		if p.Role == RoleIdP && p.Cognito {
			cognito = true
		}
		if p.Role == RoleIdP && !p.Cognito && len(p.Hosts) > 0 && oidcIdP == "" {
			oidcIdP = p.Hosts[0]
		}
	}
	var rows []GlossaryRow
	for _, k := range knowledge {
		if !k.Core || used[k.Name] {
			continue
		}
		why := "not in this capture"
		switch {
		case oidcIdP != "" && !cognito && strings.HasPrefix(k.SetBy, "Cognito"):
			why = "does not apply: the IdP is " + oidcIdP + ", not Cognito (the ALB's cookies and X-Amzn-Oidc-* headers work the same with any OIDC IdP)"
		case !k.Observable:
			why = "never in a browser capture: the ALB adds it to the request it forwards to the application (step 9), after the browser's hop"
		case f.Sanitized && k.Type == "cookie":
			why = "not visible: the capture was exported without cookies (sanitized)"
		}
		rows = append(rows, GlossaryRow{Name: k.Name, Type: k.Type, SetBy: k.SetBy, Meaning: k.Meaning, Attributes: k.Attributes,
			Lifetime: k.Lifetime, ClearedBy: k.ClearedBy, DocURL: k.DocURL, Known: true, Seen: false, InCapture: why})
	}
	return rows
}

// isFamily reports whether a cookie's name is a family of names that
// carried values (_ga_{token-N}), not one name or a sharded one.
func isFamily(name string) bool { return strings.Contains(name, "-N}") }

func sortStable(rows []GlossaryRow, less func(a, b GlossaryRow) bool) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && less(rows[j], rows[j-1]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func valuesNote(h Header) string {
	if len(h.Values) == 0 {
		return ""
	}
	return " (" + strings.Join(h.Values, ", ") + ")"
}

func attrString(a CookieAttrs) string {
	var parts []string
	if a.Secure {
		parts = append(parts, "Secure")
	}
	if a.HTTPOnly {
		parts = append(parts, "HttpOnly")
	}
	if a.SameSite != "" {
		parts = append(parts, "SameSite="+a.SameSite)
	}
	if a.Path != "" {
		parts = append(parts, "Path="+a.Path)
	}
	if a.Domain != "" {
		parts = append(parts, "Domain="+a.Domain)
	}
	return strings.Join(parts, ", ")
}

// cookieStory says in one line what the capture shows of a cookie.
func cookieStory(f *Flow, ck Cookie) string {
	var parts []string
	if len(ck.SetBy) > 0 {
		s := "set by " + refs(ck.SetBy[:1]) + " (" + ck.Host + ")"
		if len(ck.SetBy) > 1 {
			s += fmt.Sprintf(" and %d more", len(ck.SetBy)-1)
		}
		if a := attrString(ck.Attrs); a != "" {
			s += " with " + a
		}
		parts = append(parts, s)
	}
	switch {
	case len(ck.Shards) > 1 && isFamily(ck.Name):
		parts = append(parts, fmt.Sprintf("%d cookies of this family (%s)", len(ck.Shards), strings.Join(ck.Shards, ", ")))
	case len(ck.Shards) > 1:
		parts = append(parts, fmt.Sprintf("%d shards (%s)", len(ck.Shards), strings.Join(ck.Shards, ", ")))
	}
	if ck.Size > 0 {
		parts = append(parts, fmt.Sprintf("%d bytes", ck.Size))
	}
	if len(ck.SentIn) > 0 {
		parts = append(parts, fmt.Sprintf("sent in %d %s to %s", len(ck.SentIn), plural(len(ck.SentIn), "request", "requests"), strings.Join(ck.SentTo, ", ")))
	}
	if len(ck.ExpiredBy) > 0 {
		parts = append(parts, "expired by "+refs(ck.ExpiredBy))
	}
	if ck.OutlivedLogout {
		parts = append(parts, "outlived the logout")
	}
	return strings.Join(parts, "; ")
}
