package standin

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

// Served is one request the browser sent, as the stand-in served it.
type Served struct {
	Seq    int    `json:"emulator_seq"`
	Method string `json:"method"`
	URL    string `json:"url"` // scheme, host, path (no query: it holds secrets)
	Status int    `json:"status"`
	// Label is the exchange in the shared fixtures' words: step1 (the
	// ALB's redirect), step2 (Cognito's authorize), idp, step3+8 (the
	// callback), app, asset, api, logout, idp-logout, logout-callback,
	// error.
	Label string `json:"label"`
	// Kind and Phase are DESIGN.md's kind and phase of the exchange.
	Kind  string `json:"kind"`
	Phase string `json:"phase"`
	// AWSSteps are the steps of the 11-step flow the exchange takes part in.
	AWSSteps     []int  `json:"aws_steps"`
	Server       string `json:"server"` // alb or cognito
	SecFetchDest string `json:"sec_fetch_dest"`
	Note         string `json:"note"`
	// SetCookie are the names of the cookies the response set (or
	// expired), in order; Location the host and path it redirected to.
	SetCookie []string `json:"set_cookie"`
	Location  string   `json:"location,omitempty"`

	rawURL string // with the query: matching only
}

// BackChannel is a server-to-server call the browser never sees.
type BackChannel struct {
	// During is the Seq of the browser request being served meanwhile.
	During   int    `json:"during_seq"`
	Caller   string `json:"caller"`
	Method   string `json:"method"`
	URL      string `json:"url"`
	Status   int    `json:"status"`
	AWSSteps []int  `json:"aws_steps"`
	Note     string `json:"note"`
}

// Served returns what was served so far, in order.
func (s *StandIn) Served() []Served {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.served)
}

// BackChannels returns the back-channel calls so far.
func (s *StandIn) BackChannels() []BackChannel {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.back2)
}

// begin numbers a browser request; the caller records it with done.
func (s *StandIn) begin() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return s.seq
}

// record is what a handler knows of the exchange it served.
type record struct {
	seq    int
	status int
	label  string
	kind   string
	phase  string // "" = the current phase
	steps  []int
	note   string
}

// done records a served request and moves the phase on.
func (s *StandIn) done(r *http.Request, h http.Header, server string, rec record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	phase := rec.phase
	if phase == "" {
		switch rec.kind {
		case "auth-redirect", "idp", "callback":
			phase = "login"
		case "app", "api":
			phase = "app"
		case "logout", "idp-logout", "logout-callback":
			phase = "logout"
		default: // assets and errors: where the user is
			phase = s.phase
		}
	}
	s.phase = phase
	if rec.steps == nil {
		rec.steps = []int{}
	}
	u := "https://" + r.Host + r.URL.Path
	setCookie := []string{}
	for _, line := range h.Values("Set-Cookie") {
		name, _, _ := strings.Cut(line, "=")
		setCookie = append(setCookie, strings.TrimSpace(name))
	}
	loc := ""
	if l := h.Get("Location"); l != "" {
		if lu, err := r.URL.Parse(l); err == nil {
			if lu.Host == "" {
				lu.Host = r.Host
			}
			loc = "https://" + lu.Host + lu.Path
		}
	}
	s.served = append(s.served, Served{
		SetCookie: setCookie, Location: loc,
		Seq: rec.seq, Method: r.Method, URL: u, Status: rec.status, Label: rec.label,
		Kind: rec.kind, Phase: phase, AWSSteps: rec.steps, Server: server,
		SecFetchDest: r.Header.Get("Sec-Fetch-Dest"), Note: rec.note,
		rawURL: "https://" + r.Host + r.URL.RequestURI(),
	})
	if s.opts.Logf != nil {
		s.opts.Logf("standin: %d %s %s → %d %s/%s %v", rec.seq, r.Method, u, rec.status, rec.kind, phase, rec.steps)
	}
}

func (s *StandIn) backChannel(b BackChannel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.back2 = append(s.back2, b)
}

// LabelFile is the ground truth of one capture, in the shape of
// shared/fixtures/har-browser/*.labels.json.
type LabelFile struct {
	HAR         string `json:"har"`
	Variant     string `json:"variant"`
	Exporter    string `json:"exporter"`
	Scenario    string `json:"scenario"`
	Description string `json:"description"`
	EntryCount  int    `json:"entry_count"`
	// Unmatched counts capture entries the stand-in did not serve (they
	// are labelled kind other).
	Unmatched         int          `json:"unmatched_entries"`
	Backchannel       []LabelBack  `json:"backchannel"`
	ServedButNotInHAR []Served     `json:"served_but_not_in_har"`
	ExpectedFindings  []string     `json:"expected_findings"`
	ForbiddenFindings []string     `json:"forbidden_findings"`
	MayFindings       []string     `json:"may_findings"`
	Entries           []LabelEntry `json:"entries"`
	Canaries          []string     `json:"canaries,omitempty"`
	CanaryCount       int          `json:"canary_count"`
}

// LabelEntry is the truth of one capture entry.
type LabelEntry struct {
	Index int `json:"index"`
	Served
	// ServerStatus is what the stand-in answered (the capture's status
	// may differ: a CORS failure has none).
	ServerStatus int `json:"server_status"`
}

// LabelBack is a back-channel call and the capture entry it happened
// during.
type LabelBack struct {
	DuringEntry int `json:"during_entry"`
	BackChannel
}

// LabelOption changes what Labels writes.
type LabelOption func(*LabelFile, *StandIn)

// WithCanaries puts the run's secrets into the LabelFile (never commit
// such a file).
func WithCanaries() LabelOption {
	return func(l *LabelFile, s *StandIn) { l.Canaries = s.Canaries() }
}

// Labels matches the entries of a capture of this run (raw or redacted)
// with what the stand-in served: each entry takes the first request not
// yet taken with the same method, host and path, looked for in serving
// order. Entries the stand-in did not serve become kind other, no steps.
func (s *StandIn) Labels(sc Scenario, entries []*har.Entry, opts ...LabelOption) *LabelFile {
	served := s.Served()
	taken := make([]bool, len(served))
	bySeq := map[int]int{}
	l := &LabelFile{
		Variant: "full", Exporter: "seqdoc record", Scenario: sc.Name, Description: sc.Description,
		EntryCount: len(entries), Backchannel: []LabelBack{}, ServedButNotInHAR: []Served{},
		ExpectedFindings: nonNil(sc.Expected), ForbiddenFindings: nonNil(sc.forbidden()), MayFindings: nonNil(sc.May),
		Entries: []LabelEntry{},
	}
	l.HAR = sc.Name + ".har"
	for i, e := range entries {
		key := entryKey(e.Request.Method, e.Request.URL)
		found := -1
		for j, sv := range served {
			if !taken[j] && entryKey(sv.Method, sv.rawURL) == key {
				found = j
				break
			}
		}
		if found < 0 && e.Extra.String("_fromCache") != "" {
			// From the browser's cache: what the same request got before,
			// without the ALB (no steps).
			for j := len(served) - 1; j >= 0; j-- {
				if taken[j] && entryKey(served[j].Method, served[j].rawURL) == key {
					le := LabelEntry{Index: i, Served: served[j], ServerStatus: 0}
					le.Status, le.AWSSteps, le.Seq = e.Response.Status, []int{}, 0
					le.Phase, le.SetCookie, le.Note = "", nil, "served from the browser's cache: no request reached the server"
					l.Entries = append(l.Entries, le)
					found = j
					break
				}
			}
			if found >= 0 {
				continue
			}
		}
		if found < 0 {
			l.Unmatched++
			l.Entries = append(l.Entries, LabelEntry{Index: i, Served: Served{
				Method: e.Request.Method, URL: stripQuery(e.Request.URL), Status: e.Response.Status,
				Label: "other", Kind: "other", Phase: "", AWSSteps: []int{}, Note: "not served by the stand-in",
			}})
			continue
		}
		taken[found] = true
		bySeq[served[found].Seq] = i
		le := LabelEntry{Index: i, Served: served[found], ServerStatus: served[found].Status}
		le.Status = e.Response.Status
		l.Entries = append(l.Entries, le)
	}
	// An unmatched entry takes the phase of the entry before it.
	for i := range l.Entries {
		if l.Entries[i].Phase == "" {
			l.Entries[i].Phase = "login"
			if i > 0 {
				l.Entries[i].Phase = l.Entries[i-1].Phase
			}
		}
	}
	for j, sv := range served {
		if !taken[j] {
			l.ServedButNotInHAR = append(l.ServedButNotInHAR, sv)
		}
	}
	for _, b := range s.BackChannels() {
		during, ok := bySeq[b.During]
		if !ok {
			during = -1
		}
		l.Backchannel = append(l.Backchannel, LabelBack{DuringEntry: during, BackChannel: b})
	}
	l.CanaryCount = len(s.Canaries())
	for _, o := range opts {
		o(l, s)
	}
	return l
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// entryKey is method, host and path: what survives redaction.
func entryKey(method, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return method + " " + stripQuery(rawURL)
	}
	return method + " " + strings.ToLower(u.Host) + u.EscapedPath()
}

func stripQuery(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i]
	}
	return u
}
