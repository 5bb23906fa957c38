package mermaid

import (
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// arrows lists every Mermaid arrow, longest first where one is a prefix
// of another.
var arrows = []struct {
	tok string
	a   model.Arrow
}{
	{"<<-->>", model.Arrow{Dotted: true, Head: model.HeadFilled, Tail: model.HeadFilled}},
	{"<<->>", model.Arrow{Head: model.HeadFilled, Tail: model.HeadFilled}},
	{"-->>", model.Arrow{Dotted: true, Head: model.HeadFilled}},
	{"--|\\", model.Arrow{Dotted: true, Head: model.HeadHalfTop}},
	{"--|/", model.Arrow{Dotted: true, Head: model.HeadHalfBottom}},
	{"--\\\\", model.Arrow{Dotted: true, Head: model.HeadStickTop}},
	{"--//", model.Arrow{Dotted: true, Head: model.HeadStickBottom}},
	{"--x", model.Arrow{Dotted: true, Head: model.HeadCross}},
	{"--)", model.Arrow{Dotted: true, Head: model.HeadOpen}},
	{"-->", model.Arrow{Dotted: true}},
	{"->>", model.Arrow{Head: model.HeadFilled}},
	{"-|\\", model.Arrow{Head: model.HeadHalfTop}},
	{"-|/", model.Arrow{Head: model.HeadHalfBottom}},
	{"-\\\\", model.Arrow{Head: model.HeadStickTop}},
	{"-//", model.Arrow{Head: model.HeadStickBottom}},
	{"-x", model.Arrow{Head: model.HeadCross}},
	{"-)", model.Arrow{Head: model.HeadOpen}},
	{"->", model.Arrow{}},
	{"/|--", model.Arrow{Dotted: true, Tail: model.HeadHalfTop}},
	{"\\|--", model.Arrow{Dotted: true, Tail: model.HeadHalfBottom}},
	{"//--", model.Arrow{Dotted: true, Tail: model.HeadStickTop}},
	{"\\\\--", model.Arrow{Dotted: true, Tail: model.HeadStickBottom}},
	{"/|-", model.Arrow{Tail: model.HeadHalfTop}},
	{"\\|-", model.Arrow{Tail: model.HeadHalfBottom}},
	{"//-", model.Arrow{Tail: model.HeadStickTop}},
	{"\\\\-", model.Arrow{Tail: model.HeadStickBottom}},
}

// findArrow returns the first arrow in s: its offset, length and look.
func findArrow(s string) (int, int, model.Arrow, bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-', '<', '/', '\\':
		default:
			continue
		}
		for _, a := range arrows {
			if strings.HasPrefix(s[i:], a.tok) {
				return i, len(a.tok), a.a, true
			}
		}
	}
	return 0, 0, model.Arrow{}, false
}

// message reads "A->>B: text" with the optional "+"/"-" activation marks
// and "()" central connections.
func (p *parser) message(s string, pos Pos) {
	head, text, hasText := strings.Cut(s, ":")
	i, n, arrow, ok := findArrow(head)
	if !ok {
		if kw, _, _ := keyword(s); kw != "" {
			if k := closeKeyword(kw); k != "" {
				p.errorf(pos, "unknown keyword %q: did you mean '%s'?", s[:len(kw)], k)
				return
			}
		}
		p.errorf(pos, "unknown statement %q: expected a message like 'A->>B: text', a note, a block or a declaration", clip(s))
		return
	}
	from := strings.TrimSpace(head[:i])
	if strings.HasSuffix(from, "()") {
		arrow.CentralFrom = true
		from = strings.TrimSpace(strings.TrimSuffix(from, "()"))
	}
	to := strings.TrimSpace(head[i+n:])
	m := &model.Message{Arrow: arrow}
	for {
		switch {
		case strings.HasPrefix(to, "+"):
			m.Activate, to = true, strings.TrimSpace(to[1:])
			continue
		case strings.HasPrefix(to, "-"):
			m.Deactivate, to = true, strings.TrimSpace(to[1:])
			continue
		case strings.HasPrefix(to, "()"):
			m.Arrow.CentralTo, to = true, strings.TrimSpace(to[2:])
			continue
		}
		break
	}
	toPos := Pos{pos.Line, pos.Col + i + n}
	switch {
	case from == "":
		p.errorf(pos, "message has no sender before the arrow")
		return
	case to == "":
		p.errorf(toPos, "message has no receiver after the arrow")
		return
	case strings.ContainsAny(from, "<>,+") || strings.ContainsAny(to, "<>,+") || strings.HasPrefix(to, "-"):
		p.errorf(pos, "bad participant name in message %q", clip(head))
		return
	case !hasText:
		p.errorf(Pos{pos.Line, pos.Col + len(s)}, "message has no text: write it after a colon, as in '%s'", p.withColon(head[:i+n], to))
		return
	}
	p.ensure(from)
	p.ensure(to)
	text, w := cutWrap(text)
	m.From, m.To, m.Text, m.Wrap = from, to, cleanMsg(text), w > 0
	m.Step, m.Text = splitStep(m.Text)
	if m.Deactivate {
		if p.active[from] == 0 {
			p.errorf(pos, "'-' deactivates %s, which is not active: remove the '-' or activate %s first", from, from)
		} else {
			p.active[from]--
		}
	}
	if m.Activate {
		p.active[to]++
	}
	// A create or destroy is answered by the next message: it must
	// involve that participant.
	for _, pl := range p.pending {
		if pl.id != from && pl.id != to {
			what := "created"
			if pl.destroy {
				what = "destroyed"
			}
			p.errorf(pl.pos, "%s participant %s needs the message right after it to involve it", what, pl.id)
		}
	}
	p.pending = p.pending[:0]
	p.d.Items = append(p.d.Items, m)
}

// splitStep reads seqdoc's step badge from the front of a message's text:
// "[#3] GET /" is the text "GET /" with the badge "#3" ("[#9 / #11] 200",
// "[#4-7] tokens" too). It is what Write prints for a Step, so Write's text
// reads back into an equal diagram, and a hand-written diagram can carry the
// AWS step numbers; Mermaid itself shows the brackets as text. Anything
// else is left as it is.
func splitStep(text string) (step, rest string) {
	if !strings.HasPrefix(text, "[#") {
		return "", text
	}
	end := strings.Index(text, "] ")
	if end < 0 || end > 24 {
		return "", text
	}
	inner := text[1:end]
	digit := false
	for _, c := range inner {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c == '#' || c == ' ' || c == '/' || c == ',' || c == '-' || c == '–':
		default:
			return "", text
		}
	}
	if !digit || inner[1] < '0' || inner[1] > '9' {
		return "", text
	}
	return inner, strings.TrimLeft(text[end+2:], " ")
}

// withColon suggests where the colon of a message without one goes:
// "B->>ALB GET /" becomes "B->>ALB: GET /", after the longest declared
// participant that starts the receiver, else after its first word; a
// receiver of one word gets ": text".
func (p *parser) withColon(left, to string) string {
	left = strings.TrimSpace(left)
	cut := -1
	for i := 0; i < len(to); i++ {
		if to[i] != ' ' && to[i] != '\t' {
			continue
		}
		if p.lookup(to[:i]) != nil {
			cut = i
		} else if cut < 0 && p.lookup(to) == nil && i == strings.IndexAny(to, " \t") {
			cut = i
		}
	}
	if cut < 0 || p.lookup(to) != nil {
		return left + to + ": text"
	}
	return left + to[:cut] + ": " + strings.TrimLeft(to[cut:], " \t")
}
