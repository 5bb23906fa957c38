package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/typo"
)

// The parts a ```seqdoc block can place, and the keys it accepts.
var (
	seqdocParts = []string{"diagram", "steps", "glossary", "findings", "diff"}
	seqdocKeys  = map[string]bool{"capture": true, "all": true}
)

// blockOpts are what a ```seqdoc block asks for.
type blockOpts struct {
	part    string
	capture string // path of the capture in the content folder (diff: the new one)
	fromFM  bool   // the capture is the one the front matter names
	old     string // diff: path of the old capture
	all     bool
}

// parseBlock reads a ```seqdoc block's part and key: value lines. A
// problem comes back as its message and the line of the block it is on
// (0: the fence line).
func (pr *pageRender) parseBlock(part string, body []byte) (o blockOpts, line int, msg string) {
	if !slices.Contains(seqdocParts, part) {
		return o, 0, fmt.Sprintf("seqdoc block: unknown part %q%s (use one of: %s)", part, didYouMean(part, seqdocParts), strings.Join(seqdocParts, ", "))
	}
	o.part = part
	if part == "diff" {
		return pr.parseDiffBlock(o, body)
	}
	capture := pr.n.fm.Capture
	if capture == "" {
		capture = "capture.har"
	}
	o.fromFM = pr.n.fm.Capture != ""
	line, msg = eachKeyLine(body, func(l, k, v string, ok bool) string {
		if !ok || !seqdocKeys[k] {
			return fmt.Sprintf("seqdoc block: %q is not a key: value line this block knows%s (keys: all, capture)", l, didYouMean(k, []string{"all", "capture"}))
		}
		switch k {
		case "capture":
			capture, o.fromFM = v, false
		case "all":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Sprintf("seqdoc block: all: %q is not true or false", v)
			}
			o.all = b
		}
		return ""
	})
	if msg != "" {
		return o, line, msg
	}
	o.capture = path.Join(pr.n.dir, capture)
	return o, 0, ""
}

// parseDiffBlock reads a ```seqdoc diff block's old: and new: lines
// (paths relative to the page) into o.old and o.capture.
func (pr *pageRender) parseDiffBlock(o blockOpts, body []byte) (blockOpts, int, string) {
	line, msg := eachKeyLine(body, func(l, k, v string, ok bool) string {
		switch {
		case ok && k == "old" && v != "":
			o.old = path.Join(pr.n.dir, v)
		case ok && k == "new" && v != "":
			o.capture = path.Join(pr.n.dir, v)
		default:
			return fmt.Sprintf("seqdoc diff block: %q is not a line this block knows (old: CAPTURE and new: CAPTURE, paths relative to the page)", l)
		}
		return ""
	})
	if msg != "" {
		return o, line, msg
	}
	if o.old == "" || o.capture == "" {
		return o, 0, "seqdoc diff block: name both captures, on an old: line and a new: line (paths relative to the page)"
	}
	return o, 0, ""
}

// eachKeyLine calls f with each line of a block's body that is not blank
// or a # comment, trimmed, and its key and value around the first ':'
// (ok: there is one). The first message f returns stops it, with the
// line of the body it is on (from 1).
func eachKeyLine(body []byte, f func(l, k, v string, ok bool) string) (line int, msg string) {
	for i, l := range strings.Split(string(body), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if msg := f(l, strings.TrimSpace(k), strings.TrimSpace(v), ok); msg != "" {
			return i + 1, msg
		}
	}
	return 0, ""
}

// planBlocks notes, before any block is drawn, the page's first requests
// table and the first diagram of each capture: a diagram's arrows link to
// the rows of that table, and the tables, the glossary and the findings
// point back into that diagram.
func (pr *pageRender) planBlocks(blocks []blockOpts) {
	for _, o := range blocks {
		switch o.part {
		case "steps":
			if pr.firstSteps == nil {
				o := o
				pr.firstSteps = &o
			}
		case "findings":
			if pr.firstFindings == "" {
				pr.firstFindings = o.capture
			}
		case "diagram":
			if _, ok := pr.diagramOf[o.capture]; !ok {
				if pr.diagramOf == nil {
					pr.diagramOf = map[string]bool{}
				}
				pr.diagramOf[o.capture] = o.all
			}
		}
	}
}

// seqdocBlock renders a ```seqdoc PART block from the page's capture.
//
//	```seqdoc steps
//	capture: other.har
//	all: true
//	```
func (pr *pageRender) seqdocBlock(part string, body []byte, off int) []byte {
	fail := func(lineOff int, format string, args ...any) []byte {
		e := Error{File: pr.n.src, Line: pr.line(off) + lineOff, Msg: fmt.Sprintf(format, args...)}
		pr.errs = append(pr.errs, e)
		return errorBox(e)
	}
	o, line, msg := pr.parseBlock(part, body)
	if msg != "" {
		return fail(line, "%s", msg)
	}
	if o.part == "diff" {
		return pr.diffBlock(o, fail)
	}
	name := o.capture
	if o.fromFM {
		// A problem with the capture the front matter names is there, once
		// however many blocks show it.
		fail = func(_ int, format string, args ...any) []byte {
			e := Error{File: pr.n.src, Line: fmLine(pr.n.raw, "capture"), Msg: fmt.Sprintf(format, args...) + "; the front matter's capture: line names it"}
			if !slices.Contains(pr.errs, e) {
				pr.errs = append(pr.errs, e)
			}
			return errorBox(e)
		}
	}
	c, box := pr.loadCapture(name, fail)
	if box != nil {
		return box
	}
	pr.failOn(name, c)
	pd := pr.pageDiagram(c, name)
	switch part {
	case "diagram":
		rows := rowsNone
		if s := pr.firstSteps; s != nil && s.capture == name {
			rows = rowsFolded
			if s.all {
				rows = rowsAll
			}
		}
		findings := pr.firstFindings == name
		svg, err := c.draw(drawKey{all: o.all, rows: rows, findings: findings, format: "svg"}, pr.b.models)
		if err != nil {
			return fail(0, "seqdoc block: drawing the diagram of %s: %v", name, err)
		}
		src, err := c.draw(drawKey{all: o.all, format: "mermaid"}, pr.b.models)
		if err != nil {
			return fail(0, "seqdoc block: writing the diagram of %s as Mermaid: %v", name, err)
		}
		pr.addText(src)
		caption := "Generated by seqdoc from <code>" + html.EscapeString(path.Base(name)) + "</code>."
		if rows != rowsNone {
			caption += " Each arrow links to its request in the table."
		}
		return pr.figure("diagram seqdoc-diagram", svg, src, caption)
	case "steps":
		t := c.steps(o.all)
		pr.addTableText(t, 1, 3)
		if pr.rows != nil {
			return renderTable("seqdoc-steps", t, nil, nil)
		}
		pr.rows = map[string]bool{}
		return renderTable("seqdoc-steps", t, pr.rows, pd)
	case "glossary":
		t := c.glossary()
		pr.addTableText(t, 0, 1)
		return renderTable("seqdoc-glossary", t, nil, pd)
	default:
		fs := c.findings()
		for _, f := range fs {
			pr.addText([]byte(f.Code + " " + f.Message))
		}
		var anchors map[string]bool // the first findings block's items are the targets of the diagram's notes
		if name == pr.firstFindings && !pr.findingsDone {
			pr.findingsDone, anchors = true, map[string]bool{}
		}
		return renderFindings(fs, pr.rows, pd, anchors)
	}
}

// blockFail reports a problem at a line of the block (0: its fence line)
// and returns the error box the page shows in its place.
type blockFail func(lineOff int, format string, args ...any) []byte

// loadCapture reads, redacts and classifies a capture of the content
// folder (once per build: the cache), or returns the error box to show.
func (pr *pageRender) loadCapture(name string, fail blockFail) (*captureParts, []byte) {
	key, err := hashFile(pr.b.opts.Content, name)
	if err != nil {
		return nil, fail(0, "seqdoc block: capture %s", pr.missingCapture(name))
	}
	if pr.deps == nil {
		pr.deps = map[string][32]byte{}
	}
	pr.deps[name] = key
	c, err := pr.b.captures.load(pr.b.opts.Content, name, key)
	var ce *captureError
	if errors.As(err, &ce) {
		// At the capture, once however many blocks read it, so that an
		// editor jumps to the line.
		e := Error{File: name, Line: ce.Line, Col: ce.Col, Msg: ce.Msg + " (this capture cannot be read; the seqdoc blocks that place it show this error)"}
		pr.errs = append(pr.errs, e)
		return nil, errorBox(e)
	}
	if err != nil {
		return nil, fail(0, "seqdoc block: reading capture %s: %v", name, err)
	}
	return c, nil
}

// addText adds a block's text to what the search index takes from it.
func (pr *pageRender) addText(b []byte) {
	pr.blockText = append(append(pr.blockText, b...), ' ')
}

// addTableText adds the given columns of a generated table to the search
// text: for the requests, what was asked of which host and the kind; for
// the glossary, names and meanings.
func (pr *pageRender) addTableText(t table, cols ...int) {
	for _, r := range t.Rows {
		for _, c := range cols {
			if c < len(r) {
				pr.addText([]byte(r[c].Text))
			}
		}
	}
}

// pageDiagram is the first diagram of a capture on a page, which the
// capture's tables and findings point into; nil when there is none.
type pageDiagram struct {
	prefix string
	ids    map[int]entryIDs
}

func (pr *pageRender) pageDiagram(c *captureParts, name string) *pageDiagram {
	all, ok := pr.diagramOf[name]
	if !ok || c.DiagramErr != nil {
		return nil
	}
	return &pageDiagram{prefix: c.diagramID(all), ids: c.arrows(all)}
}

// What of an entry's drawing a highlight shows.
const (
	hlRequest  = 1 << iota // the request arrow
	hlResponse             // the response arrow
	hlNote                 // the note of the cookies it set or expired
	hlAll      = hlRequest | hlResponse | hlNote
)

// highlights lists the ids of what the diagram draws for the entries (what
// says which of request, response and note), in order, each once. With a
// cookie, only the notes that name it count: a note shows the cookies an
// answer set for the first time, not each renewal.
func (pd *pageDiagram) highlights(entries []int, what int, cookie string) []string {
	if pd == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, pd.prefix+"-"+id)
		}
	}
	for _, n := range entries {
		e := pd.ids[n]
		if what&hlRequest != 0 {
			add(e.req)
		}
		if what&hlResponse != 0 {
			add(e.res)
		}
		if what&hlNote != 0 && (cookie == "" || namesCookie(e.noteText, cookie)) {
			add(e.note)
		}
	}
	return out
}

// namesCookie reports whether a note's text names the cookie; a sharded
// cookie's glossary name, "NAME-N", stands for every shard NAME-0, NAME-1 ….
func namesCookie(note, cookie string) bool {
	stem, sharded := strings.CutSuffix(cookie, "-N")
	for _, w := range strings.FieldsFunc(note, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '\n' }) {
		if w == cookie || sharded && strings.HasPrefix(w, stem+"-") {
			return true
		}
	}
	return false
}

// hlButton is the button that highlights items of the diagram; it shows
// only with JavaScript (html.js).
func hlButton(ids []string, what string) string {
	if len(ids) == 0 {
		return ""
	}
	return `<button type="button" class="hl-button" data-hl="` + html.EscapeString(strings.Join(ids, " ")) +
		`" aria-pressed="false">show in diagram<span class="vh">: ` + html.EscapeString(what) + `</span></button>`
}

// table is a generated table; cells are plain text and escaped on output.
type table struct {
	Head []string
	Rows [][]cell
	// Refs, when set, say for each row where the cookie or header it
	// names was set, sent and cleared.
	Refs []refs
}

// refs are the entries where a cookie was set, sent and cleared, and
// where a header was sent (a request header) or received (a response
// header).
type refs struct {
	Set, Sent, Cleared, Received []int
}

// cell is one table cell: text, a link when Href is an https URL, and a
// second, smaller line Sub.
type cell struct {
	Text string
	Href string
	Sub  string
}

// escCell escapes a table cell's text, which comes from a capture: markup
// as text, and a control character other than white space (a header
// value's terminal escape sequence) as U+FFFD, which HTML does not allow raw.
func escCell(s string) string {
	if strings.ContainsFunc(s, isBadControl) {
		s = strings.Map(func(r rune) rune {
			if isBadControl(r) {
				return utf8.RuneError
			}
			return r
		}, s)
	}
	return html.EscapeString(s)
}

func isBadControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
}

// renderTable writes a table. With anchors (not nil) each row gets the id
// entry-N, N being its first cell (the entry's number in the capture),
// recorded in anchors. With a page diagram, those rows link back to their
// arrows, and the glossary's rows (Refs) get a button that highlights
// where each cookie or header was set, sent and cleared.
func renderTable(class string, t table, anchors map[string]bool, pd *pageDiagram) []byte {
	var b bytes.Buffer
	// On a phone a row is a card (seqdoc.css): the cells from label on
	// show their column's name.
	label := map[string]int{"seqdoc-glossary": 1, "seqdoc-steps": 2}[class]
	fmt.Fprintf(&b, `<div class="table-wrap"><table class="%s">`, class)
	b.WriteString("\n<thead><tr>")
	for _, h := range t.Head {
		b.WriteString("<th>" + html.EscapeString(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for ri, r := range t.Rows {
		var back []string // the row's arrows, for the link back
		if anchors != nil && len(r) > 0 && !anchors[r[0].Text] {
			anchors[r[0].Text] = true
			b.WriteString(`<tr id="entry-` + html.EscapeString(r[0].Text) + `"`)
			if n, err := strconv.Atoi(r[0].Text); err == nil {
				back = pd.highlights([]int{n}, hlAll, "")
			}
			if len(back) > 0 {
				b.WriteString(` data-hl="` + html.EscapeString(strings.Join(back, " ")) + `"`)
			}
			b.WriteString(">")
		} else {
			b.WriteString("<tr>")
		}
		for i, c := range r {
			text := escCell(c.Text)
			if i == 0 {
				text = "<code>" + text + "</code>"
				if len(back) > 0 {
					text = `<a href="#` + html.EscapeString(back[0]) + `" aria-label="request ` + html.EscapeString(c.Text) + ` in the diagram">` + text + "</a>"
				}
			}
			if strings.HasPrefix(c.Href, "https://") {
				text = `<a href="` + html.EscapeString(c.Href) + `">` + text + "</a>"
			}
			if c.Sub != "" {
				text += `<br><span class="sub">` + escCell(c.Sub) + "</span>"
			}
			if i == 0 && ri < len(t.Refs) {
				ref := t.Refs[ri]
				ids := pd.highlights(ref.Sent, hlRequest, "")
				ids = append(ids, pd.highlights(ref.Received, hlResponse, "")...)
				ids = append(ids, pd.highlights(append(append([]int{}, ref.Set...), ref.Cleared...), hlResponse|hlNote, c.Text)...)
				if bt := hlButton(ids, c.Text); bt != "" {
					text += "<br>" + bt
				}
			}
			if label > 0 && i >= label && i < len(t.Head) {
				// On a phone each cell shows under its column's name (seqdoc.css).
				b.WriteString(`<td data-label="` + html.EscapeString(t.Head[i]) + `">` + text + "</td>")
			} else {
				b.WriteString("<td>" + text + "</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table></div>\n")
	return b.Bytes()
}

// finding is one problem the workflow found in a capture.
type finding struct {
	Code     string
	Message  string
	Entries  []int
	Severity authflow.Severity
	Line     int // where the first entry starts in the capture (0: the whole capture)
	Col      int
}

// renderFindings lists the findings; their entries link to the rows of the
// page's steps table that have an id (rows), and a button highlights them
// in the page's diagram.
//
// With anchors set, each code's first item gets the id "finding-CODE", which
// the diagram's notes on rejected sign-ins link to (anchors records the
// codes given one).
func renderFindings(fs []finding, rows map[string]bool, pd *pageDiagram, anchors map[string]bool) []byte {
	if len(fs) == 0 {
		return []byte(`<p class="seqdoc-findings none">No findings: the capture shows nothing wrong.</p>` + "\n")
	}
	var b bytes.Buffer
	b.WriteString(`<ul class="seqdoc-findings">` + "\n")
	for _, f := range fs {
		if anchors != nil && !anchors[f.Code] {
			anchors[f.Code] = true
			b.WriteString(`<li id="finding-` + html.EscapeString(f.Code) + `">`)
		} else {
			b.WriteString(`<li>`)
		}
		if f.Severity != "" {
			// As inspect prints it: the severity, then the code.
			sev := html.EscapeString(string(f.Severity))
			b.WriteString(`<span class="finding-severity severity-` + sev + `">` + sev + "</span> ")
		}
		b.WriteString(`<code class="finding-code">` + html.EscapeString(f.Code) + "</code> " + html.EscapeString(f.Message))
		if len(f.Entries) > 0 {
			es := make([]string, len(f.Entries))
			for i, e := range f.Entries {
				es[i] = "#" + strconv.Itoa(e)
				if rows[strconv.Itoa(e)] {
					es[i] = `<a href="#entry-` + strconv.Itoa(e) + `">` + es[i] + "</a>"
				}
			}
			b.WriteString(` <span class="finding-entries">(entries ` + strings.Join(es, ", ") + ")</span>")
			if bt := hlButton(pd.highlights(f.Entries, hlAll, ""), f.Code); bt != "" {
				b.WriteString(" " + bt)
			}
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")
	return b.Bytes()
}

// failOn records, once per page and capture, the capture's findings at or
// above Options.FailOn as errors at the capture's lines (build --fail-on).
func (pr *pageRender) failOn(name string, c *captureParts) {
	if pr.b.opts.FailOn == "" || pr.failChecked[name] {
		return
	}
	if pr.failChecked == nil {
		pr.failChecked = map[string]bool{}
	}
	pr.failChecked[name] = true
	for _, f := range c.findings() {
		if f.Severity.AtLeast(pr.b.opts.FailOn) {
			pr.errs = append(pr.errs, Error{File: name, Line: f.Line, Col: f.Col, Msg: fmt.Sprintf("%s: %s [%s]", f.Severity, f.Message, f.Code)})
		}
	}
}

// missingCapture says that the capture name (a path in the content folder)
// is not there, named as the page names it (relative to its folder), with
// the capture of that folder it most likely misspells, else the captures
// the folder holds, else how to put one there.
func (pr *pageRender) missingCapture(name string) string {
	from := pr.n.dir
	if from == "." { // a page file at the top of the content folder
		from = ""
	}
	written := relURL(from, name)
	dir, base := path.Split(name)
	var have []string
	entries, _ := fs.ReadDir(pr.b.opts.Content, path.Clean("./"+dir))
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".har") || strings.HasSuffix(n, ".har.gz")) {
			have = append(have, n)
		}
	}
	if near := nearest(base, have); near != "" {
		return fmt.Sprintf("%s not found: did you mean %s? (paths are relative to the page)", written, relURL(from, dir+near))
	}
	if len(have) > 0 {
		// The folder as the page names it: the path of a file in it, less
		// the file's name.
		folder := strings.TrimSuffix(relURL(from, dir+"f"), "f")
		if folder == "" {
			folder = "the page's folder"
		}
		if len(have) > 5 {
			have = append(have[:5], "…")
		}
		return fmt.Sprintf("%s not found (paths are relative to the page; %s holds %s)", written, folder, strings.Join(have, ", "))
	}
	return written + " not found (paths are relative to the page; seqdoc import CAPTURE.har --to FOLDER writes FOLDER/capture.har, --name NAME writes NAME.har)"
}

// didYouMean is ": did you mean "W"?" for the word of words that s most
// likely misspells (see nearest), else "".
func didYouMean(s string, words []string) string {
	if w := nearest(s, words); w != "" {
		return fmt.Sprintf(": did you mean %q?", w)
	}
	return ""
}

// nearest is the word of words that s most likely misspells: letter case,
// "-" and "_" aside, at most two edits away and fewer than s has letters
// ("Title", "baseURL", "darft", "diagrm", "wrong-pasword.har"); else "".
func nearest(s string, words []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(s))
	}
	k := norm(s)
	best, bestD := "", 3
	for _, w := range words {
		if d := typo.Distance(k, norm(w), bestD); d < bestD && d < len(k) {
			best, bestD = w, d
		}
	}
	return best
}
