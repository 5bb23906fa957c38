package authflow

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/har"
)

// DiagramOptions tune Flow.Diagram.
type DiagramOptions struct {
	// All draws every entry; by default a run of assets, API calls and
	// third-party requests becomes one line ("14 assets, 6 API calls").
	All bool
	// MaxLabel is the longest message text in runes before it is shortened
	// (the full text stays in the tooltip); 0 means 48.
	MaxLabel int
}

// Participant IDs of the diagram.
const (
	diagBrowser = "browser"
	diagALB     = "alb"
	diagIdP     = "idp"
	diagFed     = "fed"
	diagApp     = "app"
	diagOther   = "other"
)

// Diagram draws the flow as a sequence diagram: Browser, ALB, the IdP
// (Cognito hosted UI), the federated IdP when there is one, and the App
// behind the ALB. Each exchange is a request and a response arrow labelled
// with its AWS step numbers; the back-channel steps the browser cannot see
// (token and userInfo, #4–#7; the forward to the App with the X-Amzn-Oidc-*
// headers, #9/#10, for the first page after a login) are implied messages.
// Notes show the cookies set and expired, and mark a rejected or failed
// sign-in on its arrows (linking to "#finding-CODE"); phases are separated.
//
// Every arrow of an entry links to "#entry-N" (N the entry's index), the
// row a page's requests table gives it; the entry's request arrow has the
// ID "eN", its response "eNr", its cookie note "eNn". A folded run of
// entries A to B links to "#entry-A" and has the IDs "eA-B" and "eA-Br".
func (f *Flow) Diagram(opts DiagramOptions) *model.Diagram {
	if opts.MaxLabel <= 0 {
		opts.MaxLabel = 48
	}
	dr := &drawing{f: f, opts: opts, d: model.New(), roles: map[string]Role{}, named: map[int]bool{}, rejected: map[int]string{}, noted: map[string]bool{}}
	for _, e := range f.Entries {
		if !e.Hidden {
			dr.drawn = append(dr.drawn, e)
		}
	}
	dr.d.AccTitle = "Sign-in flow through the ALB and the IdP"
	dr.participants()
	for _, x := range f.Findings {
		for k, i := range x.Entries {
			dr.named[i] = true
			// Each rejected attempt; a failure once, where it shows first.
			if _, ok := rejectedSignIn[x.Code]; ok && dr.rejected[i] == "" && (k == 0 || x.Code == CodeLoginFailed) {
				dr.rejected[i] = x.Code
			}
		}
	}
	// A proxy's CONNECT tunnels and the browser's own requests are not
	// part of what the user did: not drawn.
	E := dr.drawn
	phase := Phase("")
	for i := 0; i < len(E); i++ {
		e := E[i]
		if e.Phase != phase {
			phase = e.Phase
			dr.d.AddPhase(phaseLabel(phase))
		}
		if dr.foldable(e) {
			j := i
			for j+1 < len(E) && dr.foldable(E[j+1]) && dr.where(E[j+1]) == dr.where(e) && E[j+1].Phase == phase {
				j++
			}
			if j > i {
				f.fold(dr.d, E[i:j+1], dr.where(e))
				i = j
				continue
			}
		}
		dr.entry(e)
	}
	dropUnused(dr.d)
	return dr.d
}

// drawing is a flow being drawn.
type drawing struct {
	f     *Flow
	drawn []*Entry // the entries drawn: not Hidden
	opts  DiagramOptions
	d     *model.Diagram
	roles map[string]Role   // participant ID → its role (Participant.Role)
	names map[string]string // host → how a redirect's target is named (by role)
	// tokenCall and userInfoCall label the back channel's calls (#4, #6).
	tokenCall, userInfoCall string
	named                   map[int]bool    // entries a finding names: never folded
	rejected                map[int]string  // entries of a rejected or failed sign-in: the finding's code
	noted                   map[string]bool // cookies whose setting a note already showed
	// afterLogin: the next page through the ALB is the first after a login.
	afterLogin bool
}

// participants adds the diagram's participants: Browser, ALB, the IdP, the
// federated IdP when there is one, the App, and the third parties when an
// entry went to one; each with the hosts of its role.
func (dr *drawing) participants() {
	var albHosts, idpHosts, fedHosts []string
	cognito, otherUsed := false, false
	for _, p := range dr.f.Participants {
		dr.roles[p.ID] = p.Role
		switch p.Role {
		case RoleALB:
			albHosts = append(albHosts, p.Hosts...)
		case RoleIdP:
			idpHosts = append(idpHosts, p.Hosts...)
			cognito = cognito || p.Cognito
		case RoleFederated:
			fedHosts = append(fedHosts, p.Hosts...)
		}
	}
	idpLabel := "IdP"
	if cognito {
		idpLabel = "Cognito hosted UI"
	}
	// The back channel (#4–#7) goes to Cognito's /oauth2/token and
	// /oauth2/userInfo; another OIDC IdP (an authenticate-oidc rule) has
	// its own paths, which the browser never sees: name the endpoints.
	dr.tokenCall, dr.userInfoCall = "POST /oauth2/token (code)", "GET /oauth2/userInfo (access token)"
	if !cognito && len(idpHosts) > 0 {
		dr.tokenCall, dr.userInfoCall = "POST token endpoint (code)", "GET userinfo endpoint (access token)"
	}
	// Redirect targets are named by role, not by their long host names.
	dr.names = map[string]string{}
	for _, h := range albHosts {
		dr.names[h] = "ALB"
	}
	for _, h := range idpHosts {
		dr.names[h] = strings.TrimSuffix(idpLabel, " hosted UI")
	}
	for _, h := range fedHosts {
		dr.names[h] = "Federated IdP"
	}
	d := dr.d
	d.AddParticipant(diagBrowser, "Browser", model.KindActor)
	d.AddParticipant(diagALB, withHosts("ALB", albHosts), model.KindParticipant)
	d.AddParticipant(diagIdP, withHosts(idpLabel, idpHosts), model.KindParticipant)
	if len(fedHosts) > 0 {
		d.AddParticipant(diagFed, withHosts("Federated IdP", fedHosts), model.KindParticipant)
	}
	d.AddParticipant(diagApp, "App", model.KindParticipant)
	for _, e := range dr.drawn {
		if e.Participant != "" && dr.roles[e.Participant] == RoleOther {
			otherUsed = true
		}
	}
	if otherUsed {
		d.AddParticipant(diagOther, "Third parties", model.KindParticipant)
	}
}

// where is the diagram participant that answered an entry, by the role of
// the flow's participant.
func (dr *drawing) where(e *Entry) string {
	switch dr.roles[e.Participant] {
	case RoleALB:
		return diagALB
	case RoleIdP:
		return diagIdP
	case RoleFederated:
		return diagFed
	}
	return diagOther
}

// foldable: an asset, API call or third-party request that went well and
// that no finding names, unless every entry is drawn.
func (dr *drawing) foldable(e *Entry) bool {
	return !dr.opts.All && (e.Kind == KindAsset || e.Kind == KindAPI || e.Kind == KindOther) &&
		!e.Failed && e.Status < 400 && !dr.named[e.Index] && len(e.CookiesExpired) == 0
}

// entry draws one exchange: the request, the implied back-channel steps,
// the response and the cookie note, every arrow linked to the entry's row.
func (dr *drawing) entry(e *Entry) {
	d := dr.d
	to := dr.where(e)
	text, tip := messageText(e, dr.opts.MaxLabel)
	link, id := fmt.Sprintf("#entry-%d", e.Index), fmt.Sprintf("e%d", e.Index)
	req := d.AddMessage(diagBrowser, to, model.Call, text)
	req.Tooltip, req.Link, req.ID = tip, link, id
	from := len(d.Items) // the items of this entry start here
	reply := dr.steps(e, req, to)
	if e.Failed {
		reply.Arrow = model.Arrow{Dotted: true, Head: model.HeadCross}
	}
	if reply.Text != "" && e.Location != "" {
		reply.Tooltip = e.Location
	}
	for _, it := range d.Items[from:] { // the implied exchanges too
		if m, ok := it.(*model.Message); ok {
			m.Link = link
		}
	}
	reply.ID = id + "r"
	if code := dr.rejected[e.Index]; code != "" {
		// On the arrow, linked to the finding that says why.
		n := d.AddNote(model.Over, rejectedSignIn[code]+" ("+code+")", diagBrowser, to)
		n.ID, n.Link = id+"f", "#finding-"+code
	}
	if n := cookieNote(d, e, dr.noted); n != nil {
		n.ID = id + "n"
	}
}

// rejectedSignIn are the findings of a sign-in that did not succeed, with
// the words of the note the diagram puts on the rejected exchange's
// arrows (a note with the ID "eNf", linking to "#finding-CODE").
var rejectedSignIn = map[string]string{
	CodeLoginFailed: "Sign-in rejected",
	CodeCallback401: "Sign-in failed at the callback",
	CodeCallback500: "Sign-in failed at the callback",
	CodeCallback561: "Sign-in failed at the callback",
	CodeIdPError:    "Sign-in stopped by the IdP",
}

// steps labels the request with its AWS step, draws the implied
// server-to-server steps, and returns the response arrow.
func (dr *drawing) steps(e *Entry, req *model.Message, to string) *model.Message {
	d, max := dr.d, dr.opts.MaxLabel
	has := func(n int) bool { return slices.Contains(e.Steps, n) }
	implied := func(from, to string, kind model.Arrow, text string, step int) {
		if has(step) {
			m := d.AddMessage(from, to, kind, text)
			m.Step, m.Implied = StepLabel(step), true
		}
	}
	var reply *model.Message
	switch {
	case e.Kind == KindAuthRedirect:
		req.Step = StepLabel(1)
		reply = d.AddMessage(to, diagBrowser, model.Reply, replyText(e, dr.names, max))
		reply.Step = StepLabel(2)
	case e.Kind == KindCallback:
		req.Step = StepLabel(3)
		implied(diagALB, diagIdP, model.Call, dr.tokenCall, 4)
		implied(diagIdP, diagALB, model.Reply, "ID token, access token", 5)
		implied(diagALB, diagIdP, model.Call, dr.userInfoCall, 6)
		implied(diagIdP, diagALB, model.Reply, "user claims", 7)
		reply = d.AddMessage(to, diagBrowser, model.Reply, replyText(e, dr.names, max))
		if has(8) {
			reply.Step = StepLabel(8)
			dr.afterLogin = true
		}
	case has(9):
		req.Step = StepLabel(9)
		if dr.afterLogin && e.Kind != KindAsset && e.Kind != KindAPI {
			m := d.AddMessage(diagALB, diagApp, model.Call, e.Method+" "+shortPath(e, max)+" + X-Amzn-Oidc-Accesstoken, -Identity, -Data")
			m.Step, m.Implied = StepLabel(9), true
			r := d.AddMessage(diagApp, diagALB, model.Reply, statusText(e))
			r.Step, r.Implied = StepLabel(10), true
			dr.afterLogin = false
		}
		reply = d.AddMessage(to, diagBrowser, model.Reply, replyText(e, dr.names, max))
		reply.Step = StepLabel(11)
	default:
		reply = d.AddMessage(to, diagBrowser, model.Reply, replyText(e, dr.names, max))
	}
	return reply
}

// dropUnused removes the participants no message or note refers to (an
// App never reached, an IdP a capture without sign-in never shows).
func dropUnused(d *model.Diagram) {
	used := map[string]bool{diagBrowser: true}
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			used[it.From], used[it.To] = true, true
		case *model.Note:
			for _, p := range it.Participants {
				used[p] = true
			}
		}
	}
	keep := d.Participants[:0]
	for _, p := range d.Participants {
		if used[p.ID] {
			keep = append(keep, p)
		}
	}
	d.Participants = keep
}

func withHosts(label string, hosts []string) string {
	if len(hosts) == 0 {
		return label
	}
	if len(hosts) > 2 {
		hosts = append(hosts[:2:2], fmt.Sprintf("+%d", len(hosts)-2))
	}
	return label + "\n" + strings.Join(hosts, ", ")
}

func phaseLabel(p Phase) string {
	switch p {
	case PhaseLogin:
		return "Login"
	case PhaseApp:
		return "App"
	case PhaseLogout:
		return "Logout"
	}
	return string(p)
}

// shortPath is the path and query of an entry's (redacted) URL, shortened.
func shortPath(e *Entry, max int) string {
	p := e.Path
	if u, err := url.Parse(e.URL); err == nil {
		p = har.EscapedPath(u)
		if u.RawQuery != "" {
			p += "?" + u.RawQuery
		}
	}
	if p == "" {
		p = "/"
	}
	return Shorten(p, max)
}

func messageText(e *Entry, max int) (text, tooltip string) {
	text = e.Method + " " + shortPath(e, max)
	return text, e.Method + " " + e.URL
}

func statusText(e *Entry) string {
	if e.Failed && e.Status <= 0 {
		return "failed"
	}
	return fmt.Sprint(e.Status)
}

func replyText(e *Entry, names map[string]string, max int) string {
	s := statusText(e)
	if e.Failed && e.Kind == KindIdP {
		s += " (blocked: CORS)"
	}
	if e.Location != "" && isRedirect(e.Status) {
		if u, err := url.Parse(e.Location); err == nil {
			target := har.EscapedPath(u)
			if h := strings.ToLower(u.Host); h != "" && h != e.Host {
				if n, ok := names[h]; ok {
					target = n + " " + target
				} else {
					target = h + target
				}
			}
			s += " → " + Shorten(target, max)
		}
	}
	return s
}

// fold draws a run of assets, API calls and third-party requests as one
// exchange.
func (f *Flow) fold(d *model.Diagram, run []*Entry, to string) {
	var assets, apis, others int
	var tip []string
	allSteps := true
	for _, e := range run {
		switch e.Kind {
		case KindAsset:
			assets++
		case KindAPI:
			apis++
		default:
			others++
		}
		if len(e.Steps) == 0 {
			allSteps = false
		}
		if len(tip) < 30 {
			tip = append(tip, fmt.Sprintf("#%d %s %s %d", e.Index, e.Method, e.Host+e.Path, e.Status))
		}
	}
	if len(run) > len(tip) {
		tip = append(tip, fmt.Sprintf("… %d more", len(run)-len(tip)))
	}
	var parts []string
	if assets > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", assets, plural(assets, "asset", "assets")))
	}
	if apis > 0 {
		parts = append(parts, fmt.Sprintf("%d API %s", apis, plural(apis, "call", "calls")))
	}
	if others > 0 {
		parts = append(parts, fmt.Sprintf("%d other %s", others, plural(others, "request", "requests")))
	}
	m := d.AddMessage(diagBrowser, to, model.Call, strings.Join(parts, ", "))
	m.Tooltip = strings.Join(tip, "\n")
	m.Link, m.ID = fmt.Sprintf("#entry-%d", run[0].Index), fmt.Sprintf("e%d-%d", run[0].Index, run[len(run)-1].Index)
	r := d.AddMessage(to, diagBrowser, model.Reply, "responses")
	r.Link, r.ID = m.Link, m.ID+"r"
	if allSteps {
		m.Step, r.Step = StepLabel(9), StepLabel(11)
	}
}

// cookieNote adds a note over the browser for the cookies an entry set or
// expired (stickiness cookies only the first time), and returns it (nil
// when there is nothing to say).
func cookieNote(d *model.Diagram, e *Entry, noted map[string]bool) *model.Note {
	var set, gone []string
	for _, n := range e.CookiesSet {
		if noted[n] {
			continue
		}
		noted[n] = true
		set = append(set, n)
	}
	for _, n := range e.CookiesExpired {
		delete(noted, n)
		gone = append(gone, n)
	}
	var lines []string
	if len(set) > 0 {
		lines = append(lines, "Set-Cookie: "+strings.Join(set, ", "))
	}
	if len(gone) > 0 {
		lines = append(lines, "expired: "+strings.Join(gone, ", "))
	}
	if len(lines) == 0 {
		return nil
	}
	return d.AddNote(model.RightOf, strings.Join(lines, "\n"), diagBrowser)
}
