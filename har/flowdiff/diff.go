package flowdiff

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/har/authflow"
)

// Diff is what changed between an old and a new capture of one flow.
type Diff struct {
	Hosts []HostChange
	Steps StepChange
	// Exchanges is the whole alignment, unchanged exchanges included
	// (Op "same"), so that changes can be shown in context.
	Exchanges []Op
	Cookies   []CookieChange
	// NewFindings are the findings whose code the old capture did not
	// have; FixedFindings those of the old capture whose code is gone.
	NewFindings, FixedFindings []authflow.Finding
}

// HostChange is a host that appeared, went, or changed its role. Roles are
// authflow.Role values; "" is absent.
type HostChange struct {
	Host     string        `json:"host"`
	Old, New authflow.Role `json:"-"`
}

// StepChange lists the AWS workflow steps only one capture takes part in.
type StepChange struct {
	Missing []int `json:"missing"` // in the old capture, not in the new
	Added   []int `json:"added"`   // in the new capture only
}

// Exchange is one request of the aligned sequence (a run of the same
// request with the same answer folded into one).
type Exchange struct {
	Index  int            `json:"index"` // the entry (#N in seqdoc inspect); the first of a folded run
	Method string         `json:"method"`
	Host   string         `json:"host"`
	Path   string         `json:"path"` // placeholders without their number: /api/{id}
	Status int            `json:"status"`
	Kind   authflow.Kind  `json:"kind"`
	Steps  []int          `json:"steps"`
	Phase  authflow.Phase `json:"phase"`
	Failed bool           `json:"failed,omitempty"`
}

// Op is one step of the alignment: "same", "changed" (same method, host and
// path, another answer), "removed" (only in the old capture) or "added".
type Op struct {
	Op       string    `json:"op"`
	Old, New *Exchange `json:"-"`
	// Changes name what changed: status, kind, steps, phase.
	Changes []string `json:"changes,omitempty"`
}

// CookieChange is a cookie that appeared, went or changed.
type CookieChange struct {
	Name    string   `json:"name"`
	Op      string   `json:"op"` // added, removed, changed
	Changes []Change `json:"changes"`
}

// Change is one field of a cookie, before and after, as a reviewer reads it.
type Change struct {
	Field string `json:"field"` // "set by", "expired by", "outlives the logout", "Secure", "size", "shards" …
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Empty reports whether the captures show the same flow.
func (d *Diff) Empty() bool {
	if len(d.Hosts) > 0 || len(d.Steps.Missing) > 0 || len(d.Steps.Added) > 0 || len(d.Cookies) > 0 ||
		len(d.NewFindings) > 0 || len(d.FixedFindings) > 0 {
		return false
	}
	for _, op := range d.Exchanges {
		if op.Op != "same" {
			return false
		}
	}
	return true
}

// Compare compares two classified captures of the same flow.
func Compare(old, new *authflow.Flow) *Diff {
	d := &Diff{}
	d.Hosts = compareHosts(old, new)
	d.Steps = compareSteps(old, new)
	d.Exchanges = compareExchanges(old, new)
	d.Cookies = compareCookies(old, new)
	d.NewFindings, d.FixedFindings = compareFindings(old, new)
	return d
}

// normalize drops the numbers of redaction placeholders: two recordings of
// one flow number them by first appearance, so {id-1} in one is {id-2} in
// the other. Placeholders are {shape-N} (values in paths and cookie names,
// braces raw or escaped as %7B %7D) and redacted-name-N. (Written out, not
// a regexp: compiling one at start-up would cost every command.)
func normalize(s string) string {
	if !strings.ContainsAny(s, "{%") && !strings.Contains(s, "redacted-") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if n, shape := bracePlaceholder(s[i:]); n > 0 {
			b.WriteString("{" + shape + "}")
			i += n
			continue
		}
		if strings.HasPrefix(s[i:], "redacted-") {
			j := i + len("redacted-")
			for j < len(s) && (isLower(s[j]) || isDigit(s[j]) || s[j] == '-') {
				j++
			}
			run := s[i:j]
			if k := strings.LastIndexByte(run, '-'); k > len("redacted") && k < len(run)-1 && allDigits(run[k+1:]) &&
				(j == len(s) || !isWord(s[j])) {
				run = run[:k]
			}
			b.WriteString(run)
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// bracePlaceholder reads {shape-N} (or %7Bshape-N%7D) at the start of s and
// returns its length and shape; 0 when s does not start with one.
func bracePlaceholder(s string) (int, string) {
	var open int
	switch {
	case strings.HasPrefix(s, "{"):
		open = 1
	case len(s) >= 3 && strings.EqualFold(s[:3], "%7B"):
		open = 3
	default:
		return 0, ""
	}
	i := open
	for i < len(s) && isLower(s[i]) {
		i++
	}
	shape := s[open:i]
	if shape == "" || i >= len(s) || s[i] != '-' {
		return 0, ""
	}
	i++
	d := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == d {
		return 0, ""
	}
	switch {
	case strings.HasPrefix(s[i:], "}"):
		return i + 1, shape
	case len(s)-i >= 3 && strings.EqualFold(s[i:i+3], "%7D"):
		return i + 3, shape
	}
	return 0, ""
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isWord(c byte) bool  { return isLower(c) || isDigit(c) || c == '_' || ('A' <= c && c <= 'Z') }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func roles(f *authflow.Flow) map[string]authflow.Role {
	out := map[string]authflow.Role{}
	for _, p := range f.Participants {
		for _, h := range p.Hosts {
			out[h] = p.Role
		}
	}
	return out
}

// compareHosts: third parties that come or go are left out (analytics, the
// browser's own requests); a host that becomes one, or stops being one, is
// not.
func compareHosts(old, new *authflow.Flow) []HostChange {
	o, n := roles(old), roles(new)
	var out []HostChange
	for h, r := range o {
		if n[h] != r && !(n[h] == "" && r == authflow.RoleOther) {
			out = append(out, HostChange{Host: h, Old: r, New: n[h]})
		}
	}
	for h, r := range n {
		if _, ok := o[h]; !ok && r != authflow.RoleOther {
			out = append(out, HostChange{Host: h, New: r})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Host < out[j].Host })
	return out
}

func stepSet(f *authflow.Flow) map[int]bool {
	s := map[int]bool{}
	for _, e := range f.Entries {
		for _, x := range e.Steps {
			s[x] = true
		}
	}
	return s
}

func compareSteps(old, new *authflow.Flow) StepChange {
	o, n := stepSet(old), stepSet(new)
	c := StepChange{Missing: []int{}, Added: []int{}}
	for s := 1; s <= 11; s++ {
		switch {
		case o[s] && !n[s]:
			c.Missing = append(c.Missing, s)
		case n[s] && !o[s]:
			c.Added = append(c.Added, s)
		}
	}
	return c
}

// exchanges are the flow's requests that a reviewer follows: neither assets
// nor third parties, runs of one request with one answer folded.
func exchanges(f *authflow.Flow) []*Exchange {
	var out []*Exchange
	for _, e := range f.Entries {
		if e.Kind == authflow.KindAsset || e.Kind == authflow.KindOther {
			continue
		}
		x := &Exchange{Index: e.Index, Method: e.Method, Host: e.Host, Path: normalize(e.Path), Status: e.Status,
			Kind: e.Kind, Steps: e.Steps, Phase: e.Phase, Failed: e.Failed}
		if x.Steps == nil {
			x.Steps = []int{}
		}
		if k := len(out) - 1; k >= 0 && key(out[k]) == key(x) && len(changes(out[k], x)) == 0 {
			continue
		}
		out = append(out, x)
	}
	return out
}

func key(x *Exchange) string { return x.Method + " " + x.Host + x.Path }

// changes names what differs between two exchanges of one key.
func changes(a, b *Exchange) []string {
	var c []string
	if a.Status != b.Status || a.Failed != b.Failed {
		c = append(c, "status")
	}
	if a.Kind != b.Kind {
		c = append(c, "kind")
	}
	if !slices.Equal(a.Steps, b.Steps) {
		c = append(c, "steps")
	}
	if a.Phase != b.Phase {
		c = append(c, "phase")
	}
	return c
}

// compareExchanges aligns the exchanges twice: first whole (method, host,
// path and answer), so that a request one capture has more shifts nothing;
// then, within each run of differences, by method, host and path alone, so
// that the same request with another answer shows as changed.
func compareExchanges(old, new *authflow.Flow) []Op {
	a, b := exchanges(old), exchanges(new)
	sig := func(xs []*Exchange, whole bool) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = key(x)
			if whole {
				out[i] += fmt.Sprintf(" %d %v %s %v %s", x.Status, x.Failed, x.Kind, x.Steps, x.Phase)
			}
		}
		return out
	}
	var ops []Op
	var removed, added []*Exchange
	flush := func() {
		for _, e := range align(sig(removed, false), sig(added, false)) {
			switch {
			case e.j < 0:
				ops = append(ops, Op{Op: "removed", Old: removed[e.i]})
			case e.i < 0:
				ops = append(ops, Op{Op: "added", New: added[e.j]})
			default:
				ops = append(ops, Op{Op: "changed", Old: removed[e.i], New: added[e.j], Changes: changes(removed[e.i], added[e.j])})
			}
		}
		removed, added = nil, nil
	}
	for _, e := range align(sig(a, true), sig(b, true)) {
		switch {
		case e.j < 0:
			removed = append(removed, a[e.i])
		case e.i < 0:
			added = append(added, b[e.j])
		default:
			flush()
			ops = append(ops, Op{Op: "same", Old: a[e.i], New: b[e.j]})
		}
	}
	flush()
	return ops
}

// describe names entries as requests: "GET app.example.com/logout (logout)",
// sorted, each once; "nobody" for none.
func describe(f *authflow.Flow, entries []int) string {
	var ds []string
	for _, i := range entries {
		if i < 0 || i >= len(f.Entries) {
			continue
		}
		e := f.Entries[i]
		ds = append(ds, e.Method+" "+e.Host+normalize(e.Path)+" ("+string(e.Kind)+")")
	}
	sort.Strings(ds)
	ds = slices.Compact(ds)
	if len(ds) == 0 {
		return "nobody"
	}
	return strings.Join(ds, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// sizeChanged: sizes differ by more than a tenth (a placeholder keeps a
// value's length, yet a token's claims or a timestamp may add a few bytes).
func sizeChanged(a, b int) bool {
	if a == 0 || b == 0 {
		return false // unknown (a sanitized capture)
	}
	diff := a - b
	if diff < 0 {
		diff = -diff
	}
	return diff*10 > max(a, b)
}

// hasLogout reports whether the capture shows a logout.
func hasLogout(f *authflow.Flow) bool {
	for _, e := range f.Entries {
		if e.Phase == authflow.PhaseLogout {
			return true
		}
	}
	return false
}

// setBy is who sets a cookie: the first response that set it.
func setBy(f *authflow.Flow, c *authflow.Cookie) string {
	if len(c.SetBy) == 0 {
		return "nobody"
	}
	return describe(f, c.SetBy[:1])
}

// compareCookies: a capture exported sanitized (no cookies at all) is one
// change, not one per cookie; what the logout did is compared only when
// both captures have one.
func compareCookies(old, new *authflow.Flow) []CookieChange {
	if old.Sanitized != new.Sanitized && (len(old.Cookies) > 0 || len(new.Cookies) > 0) {
		c := CookieChange{Name: "*", Op: "removed", Changes: []Change{{Field: "cookies", Old: strconv.Itoa(len(old.Cookies)), New: "none in the new capture: it was exported sanitized (no Cookie or Set-Cookie header)"}}}
		if old.Sanitized {
			c.Op = "added"
			c.Changes[0] = Change{Field: "cookies", Old: "none in the old capture: it was exported sanitized (no Cookie or Set-Cookie header)", New: strconv.Itoa(len(new.Cookies))}
		}
		return []CookieChange{c}
	}
	logouts := hasLogout(old) && hasLogout(new)
	type ck struct {
		c *authflow.Cookie
		f *authflow.Flow
	}
	index := func(f *authflow.Flow) (map[string]ck, []string) {
		m := map[string]ck{}
		var names []string
		for i := range f.Cookies {
			n := normalize(f.Cookies[i].Name)
			if _, ok := m[n]; !ok {
				names = append(names, n)
			}
			m[n] = ck{&f.Cookies[i], f}
		}
		return m, names
	}
	o, oNames := index(old)
	n, nNames := index(new)
	var out []CookieChange
	for _, name := range oNames {
		a := o[name]
		b, ok := n[name]
		if !ok {
			out = append(out, CookieChange{Name: name, Op: "removed", Changes: []Change{{Field: "set by", Old: setBy(a.f, a.c), New: "nobody"}}})
			continue
		}
		var cs []Change
		add := func(field, x, y string) {
			if x != y {
				cs = append(cs, Change{Field: field, Old: x, New: y})
			}
		}
		add("set by", setBy(a.f, a.c), setBy(b.f, b.c))
		if logouts {
			add("expired by", describe(a.f, a.c.ExpiredBy), describe(b.f, b.c.ExpiredBy))
			add("outlives the logout", yesNo(a.c.OutlivedLogout), yesNo(b.c.OutlivedLogout))
		}
		add("shards", strconv.Itoa(len(a.c.Shards)), strconv.Itoa(len(b.c.Shards)))
		if sizeChanged(a.c.Size, b.c.Size) {
			add("size", fmt.Sprintf("%d bytes", a.c.Size), fmt.Sprintf("%d bytes", b.c.Size))
		}
		x, y := a.c.Attrs, b.c.Attrs
		add("Secure", yesNo(x.Secure), yesNo(y.Secure))
		add("HttpOnly", yesNo(x.HTTPOnly), yesNo(y.HTTPOnly))
		add("SameSite", orNone(x.SameSite), orNone(y.SameSite))
		add("Path", orNone(x.Path), orNone(y.Path))
		add("Domain", orNone(x.Domain), orNone(y.Domain))
		add("lifetime", orNone(x.Lifetime), orNone(y.Lifetime))
		if len(cs) > 0 {
			out = append(out, CookieChange{Name: name, Op: "changed", Changes: cs})
		}
	}
	for _, name := range nNames {
		if _, ok := o[name]; !ok {
			b := n[name]
			out = append(out, CookieChange{Name: name, Op: "added", Changes: []Change{{Field: "set by", Old: "nobody", New: setBy(b.f, b.c)}}})
		}
	}
	return out
}

func compareFindings(old, new *authflow.Flow) (added, fixed []authflow.Finding) {
	codes := func(f *authflow.Flow) map[string]bool {
		m := map[string]bool{}
		for _, x := range f.Findings {
			m[x.Code] = true
		}
		return m
	}
	o, n := codes(old), codes(new)
	for _, x := range new.Findings {
		if !o[x.Code] {
			added = append(added, x)
		}
	}
	for _, x := range old.Findings {
		if !n[x.Code] {
			fixed = append(fixed, x)
		}
	}
	return added, fixed
}
