package mermaid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/internal/typo"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// keyword splits a statement into its leading keyword (letters and '_')
// and the rest, and reports whether the keyword stands alone: followed by
// a space, the end, or ':' (for "title:", "accTitle:", "link A:" …).
func keyword(s string) (kw, rest string, alone bool) {
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	kw, rest = s[:i], s[i:]
	alone = i > 0 && (rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == ':')
	for j := 0; j < len(kw); j++ {
		if kw[j] >= 'A' && kw[j] <= 'Z' {
			return strings.ToLower(kw), rest, alone
		}
	}
	return kw, rest, alone
}

// statement parses one statement.
func (p *parser) statement(s string, pos Pos) {
	if p.notSequence || strings.TrimSpace(s) == "" {
		return // a form feed or other white space alone: Mermaid's lexer skips \s+
	}
	if !p.header {
		if s == "sequenceDiagram" || strings.HasPrefix(s, "sequenceDiagram ") || strings.HasPrefix(s, "sequenceDiagram\t") {
			p.header = true
			if rest := strings.TrimSpace(s[len("sequenceDiagram"):]); rest != "" {
				p.statement(rest, Pos{pos.Line, pos.Col + len(s) - len(rest)})
			}
			return
		}
		if w := strings.Fields(s)[0]; typo.Distance(strings.ToLower(w), "sequencediagram", 3) <= 2 {
			p.errorf(pos, "expected 'sequenceDiagram', found %q: did you mean 'sequenceDiagram'? (Mermaid spells it with a capital D)", clip(s))
			p.notSequence = true
			return
		}
		p.errorf(pos, "expected 'sequenceDiagram', found %q: seqdoc draws Mermaid sequence diagrams only", clip(s))
		p.notSequence = true // the rest is some other language: say nothing more
		return
	}
	kw, rest, alone := keyword(s)
	if !alone {
		p.message(s, pos)
		return
	}
	restPos := Pos{pos.Line, pos.Col + len(kw) + len(rest) - len(strings.TrimLeft(rest, " \t"))}
	arg := strings.TrimSpace(rest)
	switch kw {
	case "participant", "actor":
		if strings.HasPrefix(rest, ":") {
			break
		}
		kind := model.KindParticipant
		if kw == "actor" {
			kind = model.KindActor
		}
		p.participant(kind, arg, restPos, false)
		return
	case "create":
		k2, r2, ok := keyword(arg)
		if ok && (k2 == "participant" || k2 == "actor") {
			kind := model.KindParticipant
			if k2 == "actor" {
				kind = model.KindActor
			}
			p.participant(kind, strings.TrimSpace(r2), restPos, true)
		} else {
			p.errorf(restPos, "expected 'participant' or 'actor' after 'create'")
		}
		return
	case "destroy":
		p.destroy(arg, restPos)
		return
	case "box":
		p.openBox(arg, pos)
		return
	case "end":
		if arg == "" {
			p.end(pos)
			return
		}
		if _, _, _, ok := findArrow(arg); ok {
			p.errorf(pos, "a name cannot start with the word 'end', which Mermaid reads as the end of a block: declare 'participant ID as %s' and write ID in the message", strings.TrimSpace(s[:len(s)-len(rest)+strings.IndexAny(rest+"-", "-<")]))
			return
		}
	case "loop", "opt", "alt", "par", "par_over", "critical", "break", "rect":
		p.openBlock(kw, rest, pos)
		return
	case "else", "and", "option":
		p.section(kw, rest, pos)
		return
	case "note":
		p.note(arg, restPos)
		return
	case "activate", "deactivate":
		p.activation(arg, kw == "activate", restPos)
		return
	case "autonumber":
		p.autonumber(arg, restPos)
		return
	case "title":
		p.d.Title = cleanText(strings.TrimPrefix(arg, ":"))
		return
	case "acctitle", "accdescr":
		if !strings.HasPrefix(arg, ":") {
			if _, _, _, ok := findArrow(arg); ok {
				break // a participant named "accTitle x", as Mermaid reads it
			}
			p.errorf(restPos, "expected ':' after %s", kw)
			return
		}
		if kw == "acctitle" {
			p.d.AccTitle = cleanText(arg[1:])
		} else {
			p.d.AccDescr = cleanText(arg[1:])
		}
		return
	case "link", "links", "properties", "details":
		p.link(kw, arg, restPos)
		return
	}
	p.message(s, pos)
}

// keywords are the statements' first words, for "did you mean".
var keywords = []string{"participant", "actor", "create", "destroy", "box", "end", "loop", "opt", "alt",
	"par", "par_over", "critical", "break", "rect", "else", "and", "option", "note", "activate",
	"deactivate", "autonumber", "title", "accTitle", "accDescr", "link", "links", "properties", "details"}

// closeKeyword returns the keyword a mistyped word was likely meant to be
// ("particpant" → "participant"), or "". Short words must be closer: one
// edit for words of up to five letters, two beyond.
func closeKeyword(w string) string {
	if len(w) < 3 {
		return ""
	}
	max := 1
	if len(w) > 5 {
		max = 2
	}
	best, bestD := "", max+1
	for _, k := range keywords {
		if strings.EqualFold(k, w) {
			return ""
		}
		if d := typo.Distance(strings.ToLower(w), strings.ToLower(k), bestD); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// indexAs returns the offset of the first " as " (any case, spaces or
// tabs around it) in a participant declaration, where the name ends and
// its display name starts, or -1.
func indexAs(s string) int {
	for i := 1; i+3 < len(s); i++ {
		if (s[i-1] == ' ' || s[i-1] == '\t') && (s[i] == 'a' || s[i] == 'A') && (s[i+1] == 's' || s[i+1] == 'S') && (s[i+2] == ' ' || s[i+2] == '\t') {
			return i - 1
		}
	}
	return -1
}

// participant declares a participant or actor:
//
//	ID                 (a name may hold spaces: "Test Case Queue")
//	ID as Label
//	ID@{ "type": "database", "alias": "Label" } [as Label]
func (p *parser) participant(kind model.ParticipantKind, s string, pos Pos, create bool) {
	if s == "" {
		p.errorf(pos, "participant name expected")
		return
	}
	// As in Mermaid's grammar, a name runs to " as ", "@{" or the end, so it
	// may hold spaces ("participant Test Case Queue").
	i := strings.Index(s, "@{")
	if i < 0 {
		i = len(s)
	}
	if j := indexAs(s[:i]); j >= 0 {
		i = j
	}
	id, rest := strings.TrimRight(s[:i], " \t"), s[i:]
	if id == "" {
		p.errorf(pos, "participant name expected before '@{'")
		return
	}
	if strings.HasPrefix(rest, "@{") && strings.ContainsAny(id, " \t") {
		p.errorf(pos, "participant %q: a name with spaces cannot take @{…} settings (Mermaid refuses it); write 'participant ID@{…} as %s'", id, id)
		return
	}
	if j := strings.IndexAny(id, "<>:,;"); j >= 0 {
		p.errorf(Pos{pos.Line, pos.Col + j}, "participant name %q must not contain %q: declare it as 'participant ID as %s'", id, id[j:j+1], id)
		return
	}
	label, wrap := "", false
	if strings.HasPrefix(rest, "@{") {
		v, n, err := parseLoose(rest[1:])
		if err != nil {
			p.errorf(Pos{pos.Line, pos.Col + 1 + i}, "participant %s: bad @{…} settings: %v", id, err)
			return
		}
		rest = rest[1+n:]
		o, _ := v.(obj)
		if t, ok := o.get("type"); ok {
			if k, ok := model.ParseKind(fmt.Sprint(t)); ok {
				kind = k
			}
		}
		if a, ok := o.get("alias"); ok {
			label = cleanText(fmt.Sprint(a))
		}
	}
	rest = strings.TrimSpace(rest)
	if rest != "" {
		if len(rest) < 3 || !strings.EqualFold(rest[:2], "as") || (rest[2] != ' ' && rest[2] != '\t') {
			p.errorf(Pos{pos.Line, pos.Col + strings.Index(s, rest)}, "unexpected %q after participant %s: write 'participant ID as Display name'", clip(rest), id)
			return
		}
		var w int
		alias := strings.TrimSpace(rest[3:])
		alias, w = cutWrap(alias)
		wrap = w > 0
		label = cleanText(alias)
		if label == "" {
			p.errorf(pos, "display name expected after 'as'")
			return
		}
	}
	if pp := p.lookup(id); pp != nil && create {
		// Mermaid refuses it, even when the first was destroyed.
		if label == "" {
			label = id
		}
		p.errorf(pos, "create participant %s: %s is already in the diagram, and one ID names one participant: give the new one its own, as in 'create participant %s2 as %s'", id, id, id, label)
		return
	} else if pp != nil {
		// Mermaid lets a later declaration rename and reshape a participant.
		if label != "" {
			pp.Label = label
		}
		pp.Kind, pp.Wrap = kind, wrap
		if p.box >= 0 && pp.Box < 0 {
			pp.Box = p.box
		}
	} else {
		pp := p.add(id, label, kind)
		pp.Wrap = wrap
		pp.Box = p.box
	}
	if create {
		p.lookup(id).Created = true
		p.d.Items = append(p.d.Items, &model.Create{Participant: id})
		p.pending = append(p.pending, pendingLife{id: id, pos: pos})
	}
}

func (p *parser) destroy(id string, pos Pos) {
	if id == "" || strings.ContainsAny(id, "<>:,;") {
		p.errorf(pos, "participant name expected after 'destroy'")
		return
	}
	added := p.lookup(id) == nil
	p.ensure(id)
	p.lookup(id).Destroyed = true
	p.d.Items = append(p.d.Items, &model.Destroy{Participant: id})
	p.pending = append(p.pending, pendingLife{id: id, destroy: true, added: added, pos: pos})
}

func (p *parser) ensure(id string) {
	if p.lookup(id) == nil {
		p.add(id, "", model.KindParticipant)
	}
}

func (p *parser) openBox(s string, pos Pos) {
	if p.box >= 0 {
		p.errorf(pos, "box inside a box: close the first with 'end'")
		return
	}
	if len(p.blocks) > 0 {
		p.errorf(pos, "box inside a %s block: boxes group participants and go before the messages", p.blocks[len(p.blocks)-1].kind)
		return
	}
	color, label := splitBox(s)
	if strings.EqualFold(color, "transparent") {
		color = ""
	}
	p.d.Boxes = append(p.d.Boxes, &model.Box{Label: cleanText(label), Color: color})
	p.box, p.boxPos = len(p.d.Boxes)-1, pos
}

var blockKinds = map[string]model.BlockKind{
	"loop": model.Loop, "opt": model.Opt, "alt": model.Alt, "par": model.Par, "par_over": model.ParOver,
	"critical": model.Critical, "break": model.Break, "rect": model.Rect,
}

func (p *parser) openBlock(kw, rest string, pos Pos) {
	k := blockKinds[kw]
	b := &model.BlockStart{Kind: k}
	if k == model.Rect {
		b.Color = strings.TrimSpace(rest)
	} else {
		b.Label = blockLabel(rest)
	}
	p.d.Items = append(p.d.Items, b)
	p.blocks = append(p.blocks, openBlock{k, pos})
}

// blockLabel reads the text after a block keyword, which may start with
// ":", "wrap:" or "nowrap:".
func blockLabel(rest string) string {
	rest = strings.TrimSpace(rest)
	rest = strings.TrimPrefix(rest, ":")
	rest, _ = cutWrap(rest)
	return cleanText(rest)
}

func (p *parser) section(kw, rest string, pos Pos) {
	if len(p.blocks) == 0 {
		p.errorf(pos, "'%s' outside a block", kw)
		return
	}
	open := p.blocks[len(p.blocks)-1].kind
	if open.SectionKeyword() != kw {
		want := "alt"
		switch kw {
		case "and":
			want = "par"
		case "option":
			want = "critical"
		}
		p.errorf(pos, "'%s' inside %s: it belongs in %s", kw, open, want)
		return
	}
	p.d.Items = append(p.d.Items, &model.BlockSection{Label: blockLabel(rest)})
}

func (p *parser) end(pos Pos) {
	switch {
	case len(p.blocks) > 0:
		p.blocks = p.blocks[:len(p.blocks)-1]
		p.d.Items = append(p.d.Items, &model.BlockEnd{})
	case p.box >= 0:
		p.closeBox()
	default:
		p.errorf(pos, "'end' without an open block or box")
	}
}

// closeBox ends the open box; a box that holds no participant draws
// nothing and is dropped.
func (p *parser) closeBox() {
	for _, pp := range p.d.Participants {
		if pp.Box == p.box {
			p.box = -1
			return
		}
	}
	p.d.Boxes = p.d.Boxes[:p.box]
	p.box = -1
}

var notePlaces = []struct {
	kw string
	pl model.NotePlacement
}{{"left of", model.LeftOf}, {"right of", model.RightOf}, {"over", model.Over}}

func (p *parser) note(s string, pos Pos) {
	for _, np := range notePlaces {
		if !hasPrefixFold(s, np.kw) || len(s) == len(np.kw) || (s[len(np.kw)] != ' ' && s[len(np.kw)] != '\t') {
			continue
		}
		who, text, ok := strings.Cut(s[len(np.kw):], ":")
		if !ok {
			p.errorf(pos, "note needs ':' and a text: Note %s A: text", np.kw)
			return
		}
		var ids []string
		for _, id := range strings.Split(who, ",") {
			id = strings.TrimSpace(id)
			if id == "" || strings.ContainsAny(id, "<>") {
				p.errorf(pos, "participant name expected in note, found %q", strings.TrimSpace(who))
				return
			}
			ids = append(ids, id)
		}
		if len(ids) > 2 {
			p.errorf(pos, "a note %s names one or two participants; found %d", np.kw, len(ids))
			return
		}
		if len(ids) == 2 && np.pl != model.Over {
			p.errorf(pos, "a note %s names one participant (only 'over' takes two)", np.kw)
			return
		}
		for _, id := range ids {
			p.ensure(id)
		}
		text, w := cutWrap(text)
		p.d.Items = append(p.d.Items, &model.Note{Placement: np.pl, Participants: ids, Text: cleanMsg(text), Wrap: w > 0})
		return
	}
	w := strings.Fields(s)
	if len(w) > 0 {
		first := strings.ToLower(w[0])
		for _, np := range notePlaces {
			k := strings.Fields(np.kw)[0]
			if first != k && typo.Distance(first, k, 2+len(k)/5) <= 1+len(k)/5 {
				p.errorf(pos, "expected 'left of', 'right of' or 'over' after 'note': did you mean '%s'?", np.kw)
				return
			}
		}
	}
	p.errorf(pos, "expected 'left of', 'right of' or 'over' after 'note'")
}

func (p *parser) activation(id string, on bool, pos Pos) {
	if id == "" || strings.ContainsAny(id, "<>:,") {
		p.errorf(pos, "participant name expected")
		return
	}
	p.ensure(id)
	if !on {
		if p.active[id] == 0 {
			p.errorf(pos, "deactivate %s, which is not active: remove it or activate %s first", id, id)
			return
		}
		p.active[id]--
	} else {
		p.active[id]++
	}
	p.d.Items = append(p.d.Items, &model.Activation{Participant: id, Active: on})
}

var numRE = lazyRE(`^(\d+(\.\d{1,2})?|\.\d{1,2})$`)

func (p *parser) autonumber(s string, pos Pos) {
	a := &model.Autonumber{}
	f := strings.Fields(s)
	switch {
	case len(f) == 1 && strings.EqualFold(f[0], "off"):
		a.Off = true
	case len(f) <= 2:
		for i, w := range f {
			if !numRE().MatchString(w) {
				p.errorf(pos, "autonumber takes a start and a step, numbers with at most two decimals; found %q", w)
				return
			}
			v, _ := strconv.ParseFloat(w, 64)
			if i == 0 {
				a.Start = v
			} else {
				a.Step = v
			}
		}
	default:
		p.errorf(pos, "autonumber takes at most a start and a step")
		return
	}
	p.d.Items = append(p.d.Items, a)
}

// link reads "link A: label @ url", "links A: {json}" and accepts
// "properties A: {…}" and "details A: {…}", which change nothing drawn.
func (p *parser) link(kw, s string, pos Pos) {
	id, val, ok := strings.Cut(s, ":")
	id = strings.TrimSpace(id)
	if !ok || id == "" {
		p.errorf(pos, "%s needs a participant and ':': %s A: …", kw, kw)
		return
	}
	p.ensure(id)
	pp := p.lookup(id)
	switch kw {
	case "link":
		label, url, ok := strings.Cut(val, "@")
		if !ok {
			p.errorf(pos, "link needs 'label @ url'")
			return
		}
		pp.Links = append(pp.Links, model.Link{Label: cleanText(label), URL: decodeEntities(strings.TrimSpace(url))})
	case "links":
		v, _, err := parseLoose(val)
		o, isObj := v.(obj)
		if err != nil || !isObj {
			p.errorf(pos, "links needs a JSON object of label: url")
			return
		}
		for _, e := range o {
			pp.Links = append(pp.Links, model.Link{Label: cleanText(e.Key), URL: decodeEntities(strings.TrimSpace(fmt.Sprint(e.Val)))})
		}
	}
}
