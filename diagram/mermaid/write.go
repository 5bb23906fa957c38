package mermaid

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// Write prints d as Mermaid sequenceDiagram text, which GitHub and
// mermaid-cli render and Parse reads back into an equal diagram. Characters
// that mean something to Mermaid (";", "#", "<", "%" …) are written as
// entity codes. seqdoc's extras have no Mermaid syntax: a Step label is
// written in front of the message text ("[#3] GET /"), a Phase as a note
// over all participants, an implied message as a dotted arrow.
func Write(w io.Writer, d *model.Diagram) error {
	bw := bufio.NewWriter(w)
	mw := &writer{w: bw, d: d, ids: map[string]string{}}
	mw.write()
	return bw.Flush()
}

type writer struct {
	w      *bufio.Writer
	d      *model.Diagram
	ids    map[string]string // model ID → Mermaid ID, for IDs Mermaid cannot spell
	indent int
}

// idSafe reports whether Parse reads id back as a participant name in a
// declaration (with @{…} settings when typed) and, when inMessage, in a
// message, a note and an activation; the writer renames the others.
func idSafe(id string, typed, inMessage bool) bool {
	if id == "" || strings.ContainsAny(id, "\n\r") {
		return false
	}
	src := "sequenceDiagram\nparticipant " + id + "\n"
	if typed {
		src = "sequenceDiagram\nparticipant " + id + `@{ "type": "database" }` + "\n"
	}
	if inMessage {
		src += id + "->>" + id + ": x\nNote over " + id + "," + id + ": n\nactivate " + id + "\n"
	}
	d, err := Parse("", []byte(src))
	if err != nil || len(d.Participants) != 1 || d.Participants[0].ID != id {
		return false
	}
	if !inMessage {
		return true
	}
	m, ok := d.Items[0].(*model.Message)
	n, ok2 := d.Items[1].(*model.Note)
	return ok && ok2 && m.From == id && m.To == id && n.Participants[0] == id
}

func (m *writer) line(format string, args ...any) {
	m.w.WriteString(strings.Repeat("    ", m.indent))
	m.w.WriteString(strings.TrimRight(fmt.Sprintf(format, args...), " "))
	m.w.WriteByte('\n')
}

func (m *writer) id(id string) string {
	if s, ok := m.ids[id]; ok {
		return s
	}
	return id
}

func (m *writer) write() {
	d := m.d
	used := map[string]bool{}
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			used[it.From], used[it.To] = true, true
		case *model.Note:
			for _, id := range it.Participants {
				used[id] = true
			}
		case *model.Activation:
			used[it.Participant] = true
		case *model.Destroy:
			used[it.Participant] = true
		}
	}
	for i, p := range d.Participants {
		typed := p.Kind != model.KindActor && p.Kind != model.KindParticipant
		if !idSafe(p.ID, typed, used[p.ID] || len(p.Links) > 0) {
			m.ids[p.ID] = "p" + strconv.Itoa(i+1)
		}
	}
	if cfg := configDirective(d.Config); cfg != "" {
		m.line("%%%%{init: %s}%%%%", cfg)
	}
	m.line("sequenceDiagram")
	m.indent = 1
	if d.Title != "" {
		m.line("title %s", esc(d.Title))
	}
	if d.AccTitle != "" {
		m.line("accTitle: %s", esc(d.AccTitle))
	}
	if d.AccDescr != "" {
		m.line("accDescr: %s", esc(d.AccDescr))
	}
	m.participants()
	for _, it := range d.Items {
		m.item(it)
	}
}

// configDirective returns the init object for the settings that differ
// from the defaults, or "".
func configDirective(c model.Config) string {
	var seq []string
	if c.MirrorActors != nil {
		seq = append(seq, fmt.Sprintf(`"mirrorActors": %t`, *c.MirrorActors))
	}
	for _, b := range []struct {
		k string
		v bool
	}{{"showSequenceNumbers", c.ShowSequenceNumbers}, {"wrap", c.Wrap}, {"rightAngles", c.RightAngles}, {"hideUnusedParticipants", c.HideUnusedParticipants}} {
		if b.v {
			seq = append(seq, fmt.Sprintf(`"%s": true`, b.k))
		}
	}
	for _, s := range []struct{ k, v string }{{"noteAlign", c.NoteAlign}, {"messageAlign", c.MessageAlign}} {
		if s.v != "" {
			seq = append(seq, fmt.Sprintf(`"%s": %s`, s.k, strconv.Quote(s.v)))
		}
	}
	var parts []string
	if c.Theme != "" {
		parts = append(parts, `"theme": `+strconv.Quote(c.Theme))
	}
	if len(seq) > 0 {
		parts = append(parts, `"sequence": {`+strings.Join(seq, ", ")+"}")
	}
	if len(parts) == 0 {
		return ""
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// participants declares every participant that is there from the start,
// in order, inside its box.
func (m *writer) participants() {
	box := -1
	for _, p := range m.d.Participants {
		if p.Created {
			break // the rest follow their creation, in order (see item)
		}
		if p.Box != box {
			if box >= 0 {
				m.indent--
				m.line("end")
			}
			box = p.Box
			if box >= 0 && box < len(m.d.Boxes) {
				b := m.d.Boxes[box]
				m.line("box %s", strings.TrimSpace(boxColor(b.Color, b.Label)+" "+esc(b.Label)))
				m.indent++
			} else {
				box = -1
			}
		}
		m.declare(p, "")
	}
	if box >= 0 {
		m.indent--
		m.line("end")
	}
}

// boxColor returns the colour word to write before a box label: none when
// the box has no colour, unless the label would otherwise be read as one.
func boxColor(c, label string) string {
	if c == "" {
		if first, _, _ := strings.Cut(label, " "); isColor(first) || strings.HasPrefix(strings.ToLower(first), "rgb") || strings.HasPrefix(strings.ToLower(first), "hsl") {
			return "transparent"
		}
	}
	return c
}

func (m *writer) declare(p *model.Participant, prefix string) {
	kw := "participant"
	if p.Kind == model.KindActor {
		kw = "actor"
	}
	s := prefix + kw + " " + m.id(p.ID)
	if p.Kind != model.KindActor && p.Kind != model.KindParticipant {
		s += fmt.Sprintf(`@{ "type": "%s" }`, p.Kind)
	}
	if p.Label != p.ID || m.ids[p.ID] != "" {
		wrap := ""
		if p.Wrap {
			wrap = "wrap:"
		}
		s += " as " + wrap + escAlias(p.Label)
	}
	m.line("%s", s)
	for _, l := range p.Links {
		m.line("link %s: %s @ %s", m.id(p.ID), strings.ReplaceAll(esc(l.Label), "@", "#64;"), escURL(l.URL))
	}
}

func (m *writer) item(it model.Item) {
	switch it := it.(type) {
	case *model.Message:
		m.message(it)
	case *model.Note:
		ids := make([]string, len(it.Participants))
		for i, id := range it.Participants {
			ids[i] = m.id(id)
		}
		m.line("Note %s %s: %s", it.Placement, strings.Join(ids, ","), wrapped(it.Wrap, it.Text))
	case *model.BlockStart:
		if it.Kind == model.Rect {
			m.line("rect %s", it.Color)
		} else {
			m.line("%s %s", it.Kind, esc(it.Label))
		}
		m.indent++
	case *model.BlockSection:
		m.indent--
		kw := m.sectionKeyword(it)
		m.line("%s %s", kw, esc(it.Label))
		m.indent++
	case *model.BlockEnd:
		if m.indent > 1 {
			m.indent--
		}
		m.line("end")
	case *model.Activation:
		if it.Active {
			m.line("activate %s", m.id(it.Participant))
		} else {
			m.line("deactivate %s", m.id(it.Participant))
		}
	case *model.Create:
		i := m.d.Index(it.Participant)
		if i < 0 {
			break
		}
		m.declare(m.d.Participants[i], "create ")
		// Participants that first appeared after this one are declared
		// here, keeping the order Parse gave them.
		for _, p := range m.d.Participants[i+1:] {
			if p.Created {
				break
			}
			m.declare(p, "")
		}
	case *model.Destroy:
		m.line("destroy %s", m.id(it.Participant))
	case *model.Autonumber:
		switch {
		case it.Off:
			m.line("autonumber off")
		case it.Start == 0 && it.Step == 0:
			m.line("autonumber")
		default:
			// "autonumber 0 2": Mermaid keeps the current number for a
			// start of 0 (start || current), so 0 is written as 0.
			s := "autonumber " + num(it.Start, 0)
			if it.Step != 0 {
				s += " " + num(it.Step, 1)
			}
			m.line("%s", s)
		}
	case *model.Phase:
		if n := len(m.d.Participants); n > 0 {
			ids := m.id(m.d.Participants[0].ID)
			if n > 1 {
				ids += "," + m.id(m.d.Participants[n-1].ID)
			}
			m.line("Note over %s: %s", ids, esc(it.Label))
		}
	}
}

// sectionKeyword finds the keyword of the block a section belongs to by
// walking the items up to it.
func (m *writer) sectionKeyword(sec *model.BlockSection) string {
	var open []model.BlockKind
	for _, it := range m.d.Items {
		switch it := it.(type) {
		case *model.BlockStart:
			open = append(open, it.Kind)
		case *model.BlockEnd:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case *model.BlockSection:
			if it == sec && len(open) > 0 {
				if k := open[len(open)-1].SectionKeyword(); k != "" {
					return k
				}
			}
		}
	}
	return "else"
}

func num(f, def float64) string {
	if f == 0 {
		f = def
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (m *writer) message(msg *model.Message) {
	tok := "->>"
	a := msg.Arrow
	if msg.Implied {
		a.Dotted = true
	}
	for _, c := range arrows {
		if c.a == (model.Arrow{Dotted: a.Dotted, Head: a.Head, Tail: a.Tail}) {
			tok = c.tok
			break
		}
	}
	if a.CentralFrom {
		tok = "()" + tok
	}
	mark := ""
	if msg.Activate {
		mark += "+"
	}
	if msg.Deactivate {
		mark += "-"
	}
	if a.CentralTo {
		mark += "()"
	}
	text := msg.Text
	if msg.Step != "" {
		text = "[" + msg.Step + "] " + text
	}
	m.line("%s%s%s%s: %s", m.id(msg.From), tok, mark, m.id(msg.To), wrapped(msg.Wrap, text))
}

func wrapped(wrap bool, s string) string {
	if wrap {
		return "wrap:" + esc(s)
	}
	return esc(s)
}

var escaper = strings.NewReplacer(
	"\n", "<br/>", ";", "#59;", "#", "#35;", "<", "#lt;", ">", "#gt;", "%", "#37;", "$", "#36;", "\r", "",
)

// esc writes text so that Parse reads it back unchanged.
func esc(s string) string {
	s = encodeControls(escaper.Replace(s))
	// Parse trims white space around a text before it decodes entities: a
	// tab or space that the text starts or ends with is written as one.
	if r, n := utf8.DecodeRuneInString(s); n > 0 && unicode.IsSpace(r) {
		s = "#" + strconv.Itoa(int(r)) + ";" + s[n:]
	}
	if r, n := utf8.DecodeLastRuneInString(s); n > 0 && unicode.IsSpace(r) {
		s = s[:len(s)-n] + "#" + strconv.Itoa(int(r)) + ";"
	}
	if _, w := cutWrap(s); w != 0 {
		s = "#" + strconv.Itoa(int(s[0])) + ";" + s[1:] // keep a literal "wrap:" from being read as the flag
	}
	return s
}

// escAlias is esc for display names, which also must not contain ':' nor
// '@{' (read as the start of a participant's settings).
func escAlias(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(esc(s), ":", "#58;"), "@{", "#64;{")
}

// escURL writes a link so that Parse reads it back unchanged (it decodes
// entity codes in URLs).
func escURL(s string) string {
	return encodeControls(strings.NewReplacer(";", "#59;", "#", "#35;", "%", "#37;", "\n", "", "\r", "").Replace(strings.TrimSpace(s)))
}

// encodeControls writes each control character (a tab, ESC, DEL, C1 …) as
// its entity code, and NUL as U+FFFD: a capture's text can hold terminal
// escape sequences, and the Mermaid text goes to terminals (seqdoc render
// -o -) and pages.
func encodeControls(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == 0 {
			r = utf8.RuneError // no entity code stands for NUL; HTML reads it so too
		}
		if unicode.IsControl(r) {
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
