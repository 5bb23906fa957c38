package authflow_test

// The unseen corpus (testdata/unseen): captures this project's classifier
// was never tuned on, each with ground-truth labels written from the AWS and
// IdP documentation (README.md there). Three tests:
//
//   - TestUnseenCorpusGenerated: the files in testdata/unseen are what the
//     generator writes (go test ./har/authflow -run TestUnseenCorpusGenerated
//     -update rewrites them; review the diff).
//   - TestUnseenLabels: the labels are consistent with DESIGN.md's kinds
//     table and with the captures they describe.
//   - TestUnseenCorpus: runs the public API over every capture the way
//     seqdoc inspect does and scores it against the labels (-v prints the
//     table); the figures are held by a ratchet.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/golden"
)

const unseenDir = "testdata/unseen"

// allCodes are DESIGN.md's finding codes, including the two issue 9 adds.
var allCodes = []string{
	"logout-keeps-alb-session", "silent-reauth", "redirect-loop", "xhr-auth-redirect", "callback-401", "callback-500", "callback-561",
	"idp-error", "login-failed", "session-cookie-sharded", "cookie-header-too-large", "cookie-attributes", "sanitized-capture",
	"capture-incomplete", "capture-inconsistent",
}

// cookieOnly are the findings whose evidence a sanitized export removes.
var cookieOnly = []string{"session-cookie-sharded", "cookie-attributes", "cookie-header-too-large"}

type labelEntry struct {
	Index       int    `json:"index"`
	Method      string `json:"method"`
	URL         string `json:"url"` // without the query
	Status      int    `json:"status"`
	Kind        string `json:"kind"`
	Steps       []int  `json:"steps"`
	HiddenSteps []int  `json:"hidden_steps"`
	AWSSteps    []int  `json:"aws_steps"` // = steps (the shared fixtures' name)
	Phase       string `json:"phase"`
	Note        string `json:"note,omitempty"`
	// StepsUndecidable says why this copy of the capture cannot show the
	// entry's steps (a sanitized copy without the cookie that decides them);
	// the steps score skips such entries.
	StepsUndecidable string `json:"steps_undecidable,omitempty"`
}

type labelsDoc struct {
	HAR             string           `json:"har"`
	Variant         string           `json:"variant"`
	Exporter        string           `json:"exporter"`
	Scenario        string           `json:"scenario"`
	Category        string           `json:"category"`
	Description     string           `json:"description"`
	EntryCount      int              `json:"entry_count"`
	Entries         []labelEntry     `json:"entries"`
	FindingCodes    []string         `json:"finding_codes"`
	Expected        []string         `json:"expected_findings"`
	Forbidden       []string         `json:"forbidden_findings"`
	May             []string         `json:"may_findings"`
	ExpectedEntries map[string][]int `json:"expected_finding_entries"`
	FindingsNotes   string           `json:"findings_notes"`
	Sources         []string         `json:"sources"`
	Canaries        []string         `json:"canaries"`
}

func ints(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}

func stripQuery(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}

// phaseAt is the phase in effect at t: that of the latest exchange of the
// flow (not other) that started before, login before any.
func (s *scen) phaseAt(t float64) authflow.Phase {
	p, best := pLogin, -1.0
	for _, x := range s.xs {
		if x.kind != kOther && x.phase != "" && x.start <= t && x.start >= best {
			p, best = x.phase, x.start
		}
	}
	return p
}

func hasSetCookie(o *out) bool {
	for _, h := range o.entry.get("response").(obj).get("headers").([]obj) {
		if strings.EqualFold(h.get("name").(string), "set-cookie") {
			return true
		}
	}
	return false
}

func hasCookieHeaders(e *exported) bool {
	for _, o := range e.entries {
		for _, side := range []string{"request", "response"} {
			for _, h := range o.entry.get(side).(obj).get("headers").([]obj) {
				n := strings.ToLower(h.get("name").(string))
				if n == "cookie" || n == "set-cookie" {
					return true
				}
			}
		}
	}
	return false
}

func (s *scen) labelsFor(p spec, e *exported) *labelsDoc {
	d := &labelsDoc{HAR: p.fileName() + ".har.gz", Variant: "full", Exporter: p.exporter, Scenario: s.name, Category: p.category, Description: s.desc,
		EntryCount: len(e.entries), Entries: []labelEntry{}, FindingCodes: allCodes, ExpectedEntries: map[string][]int{}, Sources: s.sources, Canaries: s.canaries}
	if p.sanitized {
		d.Variant = "sanitized"
	}
	if d.Canaries == nil {
		d.Canaries = []string{}
	}
	bySeq := map[int]int{}
	for i, o := range e.entries {
		x := o.x
		if x.seq >= 0 {
			bySeq[x.seq] = i
		}
		ph := x.phase
		if ph == "" {
			ph = s.phaseAt(x.start)
		}
		le := labelEntry{Index: i, Method: x.meth, URL: stripQuery(x.url), Status: x.code, Kind: string(x.kind),
			Steps: ints(x.steps), HiddenSteps: ints(x.hidden), AWSSteps: ints(x.steps), Phase: string(ph), Note: x.note}
		if o.cached {
			le.Steps, le.HiddenSteps, le.AWSSteps = []int{}, []int{}, []int{}
			le.Note = "served from the browser's cache: no request reached the ALB (no steps)"
		}
		if p.sanitized && x.kind == kLogoutCB {
			le.StepsUndecidable = "whether the session cookie still came with the logout landing page shows only in the Cookie header, which a sanitized export drops"
		}
		d.Entries = append(d.Entries, le)
	}
	exp := slices.Clone(s.expect)
	may := slices.Clone(s.may)
	for code, seqs := range s.expEntries {
		for _, q := range seqs {
			i, ok := bySeq[q]
			if !ok {
				continue
			}
			// A cookie finding names the entry whose Set-Cookie shows it; when
			// the exporter lost that header, which entry to name is not clear.
			// (An entry whose headers the exporter replaced with another
			// hop's shows that hop's cookies, not its own.)
			if (code == "session-cookie-sharded" || code == "cookie-attributes") && (!hasSetCookie(e.entries[i]) || e.entries[i].inconsistent) {
				continue
			}
			d.ExpectedEntries[code] = append(d.ExpectedEntries[code], i)
		}
	}
	notes := slices.Clone(s.notes)
	if p.sanitized {
		for _, c := range cookieOnly {
			if slices.Contains(exp, c) {
				exp = slices.DeleteFunc(exp, func(v string) bool { return v == c })
				delete(d.ExpectedEntries, c)
				notes = append(notes, "Sanitized copy: no Cookie/Set-Cookie headers, so "+c+" has no evidence and is not expected.")
			}
		}
		exp = append(exp, "sanitized-capture")
	} else if !hasCookieHeaders(e) {
		if len(e.entries) == 0 {
			if !slices.Contains(may, "sanitized-capture") {
				may = append(may, "sanitized-capture")
			}
		} else {
			exp = append(exp, "sanitized-capture")
		}
	}
	var inc []int
	for i, o := range e.entries {
		if o.inconsistent {
			inc = append(inc, i)
		}
	}
	if len(inc) > 0 {
		exp = append(exp, "capture-inconsistent")
		d.ExpectedEntries["capture-inconsistent"] = inc
		notes = append(notes, fmt.Sprintf("The exporter attached headers to the wrong entries (%v): capture-inconsistent; kinds follow the URLs.", inc))
	}
	for k, v := range d.ExpectedEntries {
		sort.Ints(v)
		d.ExpectedEntries[k] = slices.Compact(v)
		if len(v) == 0 {
			delete(d.ExpectedEntries, k)
		}
	}
	d.Expected, d.May = []string{}, []string{}
	d.Forbidden = []string{}
	for _, c := range allCodes {
		switch {
		case slices.Contains(exp, c):
			d.Expected = append(d.Expected, c)
		case slices.Contains(may, c):
			d.May = append(d.May, c)
		default:
			d.Forbidden = append(d.Forbidden, c)
		}
	}
	d.FindingsNotes = strings.Join(notes, " ")
	return d
}

// generate builds one capture and its labels.
func generate(p spec) (harBytes, labelBytes []byte) {
	s := p.build()
	var e *exported
	switch p.exporter {
	case "playwright":
		e = s.exportPlaywright(chrome134, p.opts)
	case "chrome-har", "browsertime":
		e = s.exportChromeHAR(headless156, p.opts)
	case "devtools":
		e = s.exportDevTools(chrome134, p.opts)
	case "devtools-edge":
		e = s.exportDevTools(edge133, p.opts)
	case "firefox":
		e = s.exportFirefox(p.opts)
	case "safari":
		e = s.exportSafari(p.opts)
	case "charles", "fiddler", "mitmproxy":
		e = s.exportProxy(p.exporter, chrome134, p.opts)
	default:
		panic("unknown exporter " + p.exporter)
	}
	if p.post != nil {
		p.post(s, e)
	}
	if p.sanitized {
		sanitize(e)
	}
	harBytes = e.bytes()
	l := s.labelsFor(p, e)
	l.Canaries = slices.DeleteFunc(l.Canaries, func(c string) bool { return !inCapture(harBytes, c) })
	lb, err := marshalNoEscape(l)
	if err != nil {
		panic(err)
	}
	var ind bytes.Buffer
	json.Indent(&ind, lb, "", "  ")
	ind.WriteByte('\n')
	return harBytes, ind.Bytes()
}

func TestUnseenCorpusGenerated(t *testing.T) {
	want := map[string]bool{"README.md": true}
	for _, p := range corpus() {
		h, l := generate(p)
		h2, l2 := generate(p)
		if !bytes.Equal(h, h2) || !bytes.Equal(l, l2) {
			t.Errorf("%s: the generator is not deterministic", p.fileName())
		}
		name := p.fileName()
		if want[name+".har.gz"] {
			t.Errorf("%s: two captures of the corpus have the same file name", name)
		}
		want[name+".har.gz"], want[name+".labels.json"] = true, true
		checkGzipFile(t, filepath.Join(unseenDir, name+".har.gz"), h)
		checkFile(t, filepath.Join(unseenDir, name+".labels.json"), l)
	}
	files, _ := os.ReadDir(unseenDir)
	for _, f := range files {
		if !want[f.Name()] && !strings.Contains(f.Name(), ".got.") {
			t.Errorf("%s/%s is not written by the generator (remove it)", unseenDir, f.Name())
		}
	}
}

// updating reports whether the tests run with -update (internal/golden's
// flag, the one every package's tests share).
func updating() bool { return golden.Update() }

// checkFile compares a generated file with the one in testdata; -update
// writes it.
func checkFile(t *testing.T, path string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test ./har/authflow -run TestUnseenCorpusGenerated -update)", err)
		return
	}
	if !bytes.Equal(want, got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := 0; i < len(wl) && i < len(gl); i++ {
			if wl[i] != gl[i] {
				t.Errorf("%s differs from what the generator writes at line %d:\n- %s\n+ %s\n(run with -update and review the diff)", path, i+1, authflow.Shorten(wl[i], 160), authflow.Shorten(gl[i], 160))
				return
			}
		}
		t.Errorf("%s differs from what the generator writes (%d lines, generator %d); run with -update and review the diff", path, len(wl), len(gl))
	}
}

// The captures are kept gzipped (the reader opens .har.gz as it opens
// .har): 9.4 MB of JSON in 0.6 MB. gzipHAR writes them with a fixed header
// (no name, no time) at the best compression.
func gzipHAR(b []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		panic(err)
	}
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func readGzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

// checkGzipFile compares a generated capture with the gzipped one in
// testdata by their content (another Go's compressor may write other
// bytes for the same content); -update writes it when the content differs.
func checkGzipFile(t *testing.T, path string, got []byte) {
	t.Helper()
	var want []byte
	if _, err := os.Stat(path); err == nil {
		want = readGzip(t, path)
	}
	if updating() {
		if !bytes.Equal(want, got) {
			if err := os.WriteFile(path, gzipHAR(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if want == nil {
		t.Errorf("%s is missing (run go test ./har/authflow -run TestUnseenCorpusGenerated -update)", path)
		return
	}
	if !bytes.Equal(want, got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := 0; i < len(wl) && i < len(gl); i++ {
			if wl[i] != gl[i] {
				t.Errorf("%s differs from what the generator writes at line %d:\n- %s\n+ %s\n(run with -update and review the diff: zdiff, or git diff with a textconv of gzip -dc)", path, i+1, authflow.Shorten(wl[i], 160), authflow.Shorten(gl[i], 160))
				return
			}
		}
		t.Errorf("%s differs from what the generator writes (%d lines, generator %d); run with -update and review the diff", path, len(wl), len(gl))
	}
}

func readLabels(t *testing.T, path string) *labelsDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d labelsDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &d
}

func TestUnseenLabels(t *testing.T) {
	kinds := map[string]bool{}
	for _, k := range []authflow.Kind{kAuthRedirect, kIdP, kCallback, kApp, kAsset, kAPI, kLogout, kIdPLogout, kLogoutCB, kOther} {
		kinds[string(k)] = true
	}
	stepsOK := func(kind string, steps, hidden []int) bool {
		none := len(steps) == 0
		s911 := slices.Equal(steps, []int{9, 10, 11})
		switch kind {
		case "auth-redirect":
			return slices.Equal(steps, []int{1, 2})
		case "callback":
			if len(steps) == 0 || steps[0] != 3 {
				return false
			}
			for i, v := range steps {
				if v != 3+i || v > 8 {
					return false
				}
			}
			return true
		case "app", "api", "logout":
			return s911
		case "asset", "logout-callback":
			return none || s911
		default:
			return none
		}
	}
	for _, p := range corpus() {
		name := p.fileName()
		l := readLabels(t, filepath.Join(unseenDir, name+".labels.json"))
		_, entries, err := har.ReadFile(filepath.Join(unseenDir, name+".har.gz"), har.ReadOptions{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if l.EntryCount != len(l.Entries) || len(entries) != len(l.Entries) {
			t.Errorf("%s: %d labels, entry_count %d, %d entries in the capture", name, len(l.Entries), l.EntryCount, len(entries))
			continue
		}
		if len(entries) < 5 && p.file != "n05-empty" || len(entries) > 70 {
			t.Errorf("%s: %d entries (the corpus keeps captures at 5–60 entries)", name, len(entries))
		}
		for i, e := range l.Entries {
			if stripQuery(entries[i].Request.URL) != e.URL || entries[i].Request.Method != e.Method {
				t.Errorf("%s: label %d is %s %s, the capture's entry is %s %s", name, i, e.Method, e.URL, entries[i].Request.Method, entries[i].Request.URL)
			}
			if !kinds[e.Kind] {
				t.Errorf("%s: entry %d: kind %q is not in DESIGN.md's table", name, i, e.Kind)
			}
			if !stepsOK(e.Kind, e.Steps, e.HiddenSteps) {
				t.Errorf("%s: entry %d: steps %v do not fit kind %s", name, i, e.Steps, e.Kind)
			}
			for _, h := range e.HiddenSteps {
				if !slices.Contains(e.Steps, h) || !slices.Contains([]int{4, 5, 6, 7, 10}, h) {
					t.Errorf("%s: entry %d: hidden step %d", name, i, h)
				}
			}
			if e.Phase != "login" && e.Phase != "app" && e.Phase != "logout" {
				t.Errorf("%s: entry %d: phase %q", name, i, e.Phase)
			}
		}
		all := append(append(slices.Clone(l.Expected), l.Forbidden...), l.May...)
		slices.Sort(all)
		codes := slices.Clone(allCodes)
		slices.Sort(codes)
		if !slices.Equal(all, codes) {
			t.Errorf("%s: expected, forbidden and may findings do not partition the codes: %v", name, all)
		}
		for code, idx := range l.ExpectedEntries {
			if !slices.Contains(l.Expected, code) {
				t.Errorf("%s: entries named for %s, which is not expected", name, code)
			}
			for _, i := range idx {
				if i < 0 || i >= len(entries) {
					t.Errorf("%s: %s names entry %d", name, code, i)
				}
			}
		}
		// Every canary is really in the capture (so redaction is exercised).
		raw := readGzip(t, filepath.Join(unseenDir, name+".har.gz"))
		for _, c := range l.Canaries {
			if !inCapture(raw, c) {
				t.Errorf("%s: canary %s is not in the capture", name, authflow.Shorten(c, 30))
			}
		}
	}
}

// inCapture reports whether a secret is in a capture's bytes, as it is or
// URL-encoded.
func inCapture(raw []byte, c string) bool {
	for _, v := range []string{c, url.QueryEscape(c), strings.ReplaceAll(url.QueryEscape(c), "+", "%20")} {
		if bytes.Contains(raw, []byte(v)) {
			return true
		}
	}
	return false
}

// inspectFile classifies a capture as seqdoc inspect does (package
// capture's pipeline).
func inspectFile(path string) (*authflow.Flow, error) {
	src, err := capture.Open(context.Background(), path, nil)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	c, err := capture.Read(context.Background(), src, capture.Options{})
	if err != nil {
		return nil, err
	}
	return c.Flow, nil
}

// score is what the classifier got right on one capture.
type score struct {
	name, category string
	sanitized      bool
	entries        int
	kindOK         int
	stepsOK        int
	phaseOK        int
	missing, extra []string
	misnamed       []string // expected entries not named by the finding
	kindErrs       []string
	otherErrs      []string // steps or phase wrong where the kind is right
	leaks          []string
}

func (s score) exact() bool { return len(s.missing) == 0 && len(s.extra) == 0 }

func evaluate(t *testing.T, p spec) score {
	name := p.fileName()
	l := readLabels(t, filepath.Join(unseenDir, name+".labels.json"))
	sc := score{name: name, category: p.category, sanitized: p.sanitized, entries: len(l.Entries)}
	flow, err := inspectFile(filepath.Join(unseenDir, name+".har.gz"))
	if err != nil {
		sc.missing = append(sc.missing, "read error: "+err.Error())
		return sc
	}
	if len(flow.Entries) != len(l.Entries) {
		sc.missing = append(sc.missing, fmt.Sprintf("%d entries classified, %d labelled", len(flow.Entries), len(l.Entries)))
		return sc
	}
	for i, want := range l.Entries {
		got := flow.Entries[i]
		if string(got.Kind) == want.Kind {
			sc.kindOK++
		} else {
			sc.kindErrs = append(sc.kindErrs, fmt.Sprintf("#%d %s %s %d: %s, want %s", i, want.Method, authflow.Shorten(want.URL, 70), want.Status, got.Kind, want.Kind))
		}
		if want.StepsUndecidable != "" || slices.Equal(ints(got.Steps), want.Steps) && slices.Equal(ints(got.HiddenSteps), want.HiddenSteps) {
			sc.stepsOK++
		} else if string(got.Kind) == want.Kind {
			sc.otherErrs = append(sc.otherErrs, fmt.Sprintf("#%d %s %s %d (%s): steps %v hidden %v, want %v hidden %v", i, want.Method, authflow.Shorten(want.URL, 60), want.Status, want.Kind, got.Steps, got.HiddenSteps, want.Steps, want.HiddenSteps))
		}
		if string(got.Phase) == want.Phase {
			sc.phaseOK++
		} else if string(got.Kind) == want.Kind {
			sc.otherErrs = append(sc.otherErrs, fmt.Sprintf("#%d %s %s %d (%s): phase %s, want %s", i, want.Method, authflow.Shorten(want.URL, 60), want.Status, want.Kind, got.Phase, want.Phase))
		}
	}
	got := map[string][]int{}
	for _, f := range flow.Findings {
		got[f.Code] = append(got[f.Code], f.Entries...)
	}
	for _, c := range l.Expected {
		if _, ok := got[c]; !ok {
			sc.missing = append(sc.missing, c)
			continue
		}
		for _, i := range l.ExpectedEntries[c] {
			if !slices.Contains(got[c], i) {
				sc.misnamed = append(sc.misnamed, fmt.Sprintf("%s#%d", c, i))
			}
		}
	}
	for c := range got {
		if !slices.Contains(l.Expected, c) && !slices.Contains(l.May, c) {
			sc.extra = append(sc.extra, c)
		}
	}
	sort.Strings(sc.extra)
	// Nothing secret reaches what seqdoc writes.
	var out bytes.Buffer
	authflow.WriteJSON(&out, flow)
	authflow.WriteTable(&out, name, flow)
	for _, c := range l.Canaries {
		if len(c) >= 12 && bytes.Contains(out.Bytes(), []byte(c)) {
			sc.leaks = append(sc.leaks, authflow.Shorten(c, 24))
		}
	}
	return sc
}

// The ratchet: the figures the classifier reaches on this corpus. When the
// corpus landed (before the issue 9 fix) they were 932‰ of the 1123 entries
// of the right kind, 936‰ on the sanitized copies, 36 of 67 captures with
// exact findings; issue 9 asked for at least 980‰, 950‰ and all 67, and
// its fix reached 1000‰, 1000‰ and 67. Raise these numbers when the
// classifier improves; never lower them.
const (
	ratchetKindPermille          = 1000 // overall entry-kind accuracy, ‰ (1123 entries)
	ratchetSanitizedKindPermille = 1000 // on the 10 sanitized copies, ‰
	ratchetExactCaptures         = 67   // captures whose findings are exact, of 67
)

func TestUnseenCorpus(t *testing.T) {
	specs := corpus()
	var scores []score
	for _, p := range specs {
		scores = append(scores, evaluate(t, p))
	}
	type agg struct{ n, kind, steps, phase, caps, exact int }
	sum := map[string]*agg{}
	bump := func(k string, s score) {
		a := sum[k]
		if a == nil {
			a = &agg{}
			sum[k] = a
		}
		a.n += s.entries
		a.kind += s.kindOK
		a.steps += s.stepsOK
		a.phase += s.phaseOK
		a.caps++
		if s.exact() {
			a.exact++
		}
	}
	var leaks []string
	for _, s := range scores {
		bump("all", s)
		bump(s.category, s)
		if s.sanitized {
			bump("sanitized", s)
		} else {
			bump("full", s)
		}
		for _, l := range s.leaks {
			leaks = append(leaks, s.name+": "+l)
		}
	}
	pm := func(a, b int) int {
		if b == 0 {
			return 1000
		}
		return a * 1000 / b
	}
	pct := func(a, b int) string { return fmt.Sprintf("%5.1f%%", float64(pm(a, b))/10) }
	if testing.Verbose() {
		var b strings.Builder
		fmt.Fprintf(&b, "\n%-66s %4s %7s %7s %7s  %s\n", "capture", "n", "kind", "steps", "phase", "findings")
		for _, s := range scores {
			f := "exact"
			if !s.exact() {
				f = ""
				if len(s.missing) > 0 {
					f += "missing " + strings.Join(s.missing, ",") + " "
				}
				if len(s.extra) > 0 {
					f += "extra " + strings.Join(s.extra, ",")
				}
			}
			if len(s.misnamed) > 0 {
				f += " (entries not named: " + strings.Join(s.misnamed, ",") + ")"
			}
			fmt.Fprintf(&b, "%-66s %4d %7s %7s %7s  %s\n", s.name, s.entries, pct(s.kindOK, s.entries), pct(s.stepsOK, s.entries), pct(s.phaseOK, s.entries), f)
			for _, e := range s.kindErrs {
				fmt.Fprintf(&b, "      kind %s\n", e)
			}
			for _, e := range s.otherErrs {
				fmt.Fprintf(&b, "      %s\n", e)
			}
		}
		fmt.Fprintf(&b, "\n%-14s %6s %7s %7s %7s %9s\n", "category", "n", "kind", "steps", "phase", "exact")
		for _, k := range []string{"all", "full", "sanitized", "cognito", "oidc", "exporter", "incomplete", "inconsistent"} {
			a := sum[k]
			if a == nil {
				continue
			}
			fmt.Fprintf(&b, "%-14s %6d %7s %7s %7s %4d/%-4d\n", k, a.n, pct(a.kind, a.n), pct(a.steps, a.n), pct(a.phase, a.n), a.exact, a.caps)
		}
		t.Log(b.String())
	}
	all, san := sum["all"], sum["sanitized"]
	if got := pm(all.kind, all.n); got < ratchetKindPermille {
		t.Errorf("entry-kind accuracy fell to %d‰ (ratchet %d‰)", got, ratchetKindPermille)
	}
	if got := pm(san.kind, san.n); got < ratchetSanitizedKindPermille {
		t.Errorf("entry-kind accuracy on sanitized copies fell to %d‰ (ratchet %d‰)", got, ratchetSanitizedKindPermille)
	}
	if all.exact < ratchetExactCaptures {
		t.Errorf("%d captures have exact findings (ratchet %d)", all.exact, ratchetExactCaptures)
	}
	if len(leaks) > 0 {
		t.Errorf("secrets of the capture reached seqdoc's output:\n%s", strings.Join(leaks, "\n"))
	}
	t.Logf("unseen corpus: %d captures, %d entries; kind %s = %d‰ (sanitized %s = %d‰), steps %s, phase %s; findings exact on %d/%d captures",
		all.caps, all.n, pct(all.kind, all.n), pm(all.kind, all.n), pct(san.kind, san.n), pm(san.kind, san.n), pct(all.steps, all.n), pct(all.phase, all.n), all.exact, all.caps)
}
