package authflow

import (
	"cmp"
	"slices"
	"time"
)

// Kind says what an exchange is in the workflow (docs/contract.md's table).
type Kind string

// The kinds of docs/contract.md.
const (
	KindAuthRedirect   Kind = "auth-redirect"
	KindIdP            Kind = "idp"
	KindCallback       Kind = "callback"
	KindApp            Kind = "app"
	KindAsset          Kind = "asset"
	KindAPI            Kind = "api"
	KindLogout         Kind = "logout"
	KindIdPLogout      Kind = "idp-logout"
	KindLogoutCallback Kind = "logout-callback"
	KindOther          Kind = "other"
)

// Phase is the part of the session an exchange belongs to.
type Phase string

// The phases.
const (
	PhaseLogin  Phase = "login"
	PhaseApp    Phase = "app"
	PhaseLogout Phase = "logout"
)

// Resource is what the browser asked for, told from the exporter's resource
// type, Sec-Fetch-Dest/Mode, the path, Accept and the response's type.
type Resource string

// The resources.
const (
	ResourceDocument Resource = "document" // a page (a navigation, a frame)
	ResourceAsset    Resource = "asset"    // a static file: style, script, image, font …
	ResourceAPI      Resource = "api"      // a fetch/XHR call
)

// Role is what a participant is in the workflow.
type Role string

// The roles of participants.
const (
	RoleBrowser   Role = "browser"
	RoleALB       Role = "alb"           // an ALB-fronted application host
	RoleIdP       Role = "idp"           // the IdP the ALB redirects to (Cognito or OIDC)
	RoleFederated Role = "federated-idp" // an IdP behind Cognito (SAML, OIDC, social)
	RoleOther     Role = "third-party"
)

// Entry is one classified exchange. Its JSON form is docs/contract.md's
// contract; the other fields serve tables and diagrams.
type Entry struct {
	Index       int    `json:"index"`
	Method      string `json:"method"`
	URL         string `json:"url"` // redacted
	Status      int    `json:"status"`
	Kind        Kind   `json:"kind"`
	Steps       []int  `json:"steps"`
	HiddenSteps []int  `json:"hidden_steps"`
	Phase       Phase  `json:"phase"`

	Line        int       `json:"-"` // 1-based line of the capture where the entry starts (0: unknown)
	Col         int       `json:"-"` // and its column
	Host        string    `json:"-"` // lower case, without a default port
	Path        string    `json:"-"`
	MIME        string    `json:"-"` // response MIME type without parameters
	TimeMS      float64   `json:"-"` // the entry's total time
	Started     time.Time `json:"-"`
	Failed      bool      `json:"-"` // no HTTP response (status 0/-1, _error)
	Participant string    `json:"-"` // ID of the participant that answered
	// Location is where a redirect points (redacted), or "".
	Location string `json:"-"`
	// Resource is what the browser asked for: a page, a static file or an
	// API call.
	Resource Resource `json:"-"`
	// ALBAnswered: the ALB answered itself (server: awselb/2.0).
	ALBAnswered bool `json:"-"`
	// CookiesSet and CookiesExpired name the cookies this response set or
	// expired (shard names as written).
	CookiesSet     []string `json:"-"`
	CookiesExpired []string `json:"-"`
	// Why says in a few words which rule gave the kind.
	Why string `json:"-"`
	// Hidden: not part of what the user did (a proxy's CONNECT tunnel,
	// the browser's own background request): left out of the diagram.
	Hidden bool `json:"-"`
}

// Participant is one party of the flow.
type Participant struct {
	ID    string   `json:"id"`    // "browser", "alb", "idp", "fed1", "other1" …
	Role  Role     `json:"role"`  //
	Label string   `json:"label"` // "Browser", "ALB (app.example.com)", "Cognito hosted UI" …
	Hosts []string `json:"hosts"` // the hosts seen for it, sorted
	// Cognito is true for an IdP recognised as Amazon Cognito (by its
	// endpoints or x-amz-cognito-request-id, not by its domain alone).
	Cognito bool `json:"cognito,omitempty"`
}

// Finding codes (docs/contract.md; stable, never renamed).
const (
	CodeLogoutKeepsALBSession = "logout-keeps-alb-session"
	CodeSilentReauth          = "silent-reauth"
	CodeRedirectLoop          = "redirect-loop"
	CodeXHRAuthRedirect       = "xhr-auth-redirect"
	CodeCallback401           = "callback-401"
	CodeCallback500           = "callback-500"
	CodeCallback561           = "callback-561"
	CodeIdPError              = "idp-error"
	CodeLoginFailed           = "login-failed"
	CodeSessionCookieSharded  = "session-cookie-sharded"
	CodeCookieHeaderTooLarge  = "cookie-header-too-large"
	CodeCookieAttributes      = "cookie-attributes"
	CodeSanitizedCapture      = "sanitized-capture"
	CodeCaptureIncomplete     = "capture-incomplete"
	CodeCaptureInconsistent   = "capture-inconsistent"
)

// Codes lists every finding code in the order of the rule table (Rules):
// the order findings are reported in.
func Codes() []string {
	out := make([]string, len(Rules))
	for i, r := range Rules {
		out[i] = r.Code
	}
	return out
}

// Severity ranks a finding for display.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// AtLeast reports whether s is as severe as t or more: error above warning
// above info. An unknown severity is below every known one.
func (s Severity) AtLeast(t Severity) bool {
	return s.rank() > 0 && s.rank() >= t.rank()
}

func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// Finding is one thing that went wrong (or that the reader must know).
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Entries  []int    `json:"entries"`
	Message  string   `json:"message"`
}

// CookieAttrs are the attributes a Set-Cookie gave (the last non-expiring
// one when there are several).
type CookieAttrs struct {
	Secure   bool   `json:"secure"`
	HTTPOnly bool   `json:"http_only"`
	SameSite string `json:"same_site,omitempty"`
	Path     string `json:"path,omitempty"`
	Domain   string `json:"domain,omitempty"`
	// Lifetime is "session", "max-age=N" or "expires" as written.
	Lifetime string `json:"lifetime,omitempty"`
}

// Cookie is the lifecycle of one logical cookie: shards of one cookie
// (AWSELBAuthSessionCookie-0..3) are grouped.
type Cookie struct {
	Name   string   `json:"name"`   // logical name (shard suffix removed)
	Shards []string `json:"shards"` // the names as written, sorted; one for an unsharded cookie
	// ALBSession marks the ALB's authentication session cookie, whatever
	// the rule's SessionCookieName made of it.
	ALBSession bool `json:"alb_session"`
	// Host is the host whose response set it first ("" when only sent).
	Host  string      `json:"host"`
	SetBy []int       `json:"set_by"` // entries whose response set it (not counting expiries)
	Attrs CookieAttrs `json:"attributes"`
	// Size is the most bytes it took in a Cookie header at one time
	// (name=value over all shards; 0 when unknown); values are never kept.
	Size int `json:"size"`
	// SentTo are the hosts the browser sent it to; SentIn the entries.
	SentTo    []string `json:"sent_to"`
	SentIn    []int    `json:"sent_in"`
	ExpiredBy []int    `json:"expired_by"` // entries whose response expired it (any shard)
	// AllShardsExpired: every shard seen was expired by some response.
	AllShardsExpired bool `json:"all_shards_expired"`
	// OutlivedLogout: it existed when the logout began and the logout
	// sequence did not expire it (every shard). False without a logout.
	OutlivedLogout bool `json:"outlived_logout"`
}

// Header is what the capture shows of one header that matters.
type Header struct {
	Name string `json:"name"`
	// Direction is "response" or "request" (the X-Amzn-Oidc-* headers are
	// request headers on the ALB-to-target hop).
	Direction string `json:"direction"`
	// Observable is false for headers a browser capture can never show.
	Observable bool     `json:"observable"`
	Hosts      []string `json:"hosts"`   // hosts whose exchanges carried it
	Entries    []int    `json:"entries"` // entries that carried it
	// Values are the distinct values when they are public (server), else empty.
	Values []string `json:"values"`
}

// Flow is a classified capture.
type Flow struct {
	Entries      []*Entry      `json:"entries"`
	Findings     []Finding     `json:"findings"`
	Cookies      []Cookie      `json:"cookies"`
	Headers      []Header      `json:"headers"`
	Participants []Participant `json:"-"`
	// Sanitized: the capture holds no Cookie or Set-Cookie header at all.
	Sanitized bool `json:"-"`
}

// Entry returns the entry whose Index is index (what findings, cookies and
// headers name), or nil.
func (f *Flow) Entry(index int) *Entry {
	// Entries come in capture order, their Index rising with it: a whole
	// capture has Index == position, a part of one (entries[k:]) starts
	// further on.
	i, ok := slices.BinarySearchFunc(f.Entries, index, func(e *Entry, t int) int { return cmp.Compare(e.Index, t) })
	if !ok {
		for _, e := range f.Entries { // Index not rising: entries built by hand
			if e.Index == index {
				return e
			}
		}
		return nil
	}
	return f.Entries[i]
}

// FirstEntry is the first entry a finding names, or nil when it names none.
func (f *Flow) FirstEntry(x Finding) *Entry {
	if len(x.Entries) == 0 {
		return nil
	}
	return f.Entry(x.Entries[0])
}
