package mermaid

import (
	"slices"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// Parse reads one Mermaid sequenceDiagram. filename is used in error
// messages only and may be empty. On errors it returns the diagram as far
// as it could be read together with an ErrorList holding every problem,
// each with its position.
func Parse(filename string, src []byte) (*model.Diagram, error) {
	p := &parser{file: filename, d: model.New(), box: -1, active: map[string]int{}, byID: map[string]*model.Participant{}}
	p.parse(string(src))
	p.errs.Sort()
	return p.d, p.errs.Err()
}

type parser struct {
	file        string
	d           *model.Diagram
	errs        ErrorList
	header      bool // "sequenceDiagram" seen
	notSequence bool // the text starts with something else

	box    int            // index of the open box, or -1
	boxPos Pos            // where it opened
	blocks []openBlock    // open blocks, innermost last
	active map[string]int // activation depth per participant
	byID   map[string]*model.Participant
	stmts  []stmt // reused for each line

	// pending holds participants created or destroyed whose message has
	// not come yet.
	pending []pendingLife
}

type openBlock struct {
	kind model.BlockKind
	pos  Pos
}

type pendingLife struct {
	id      string
	destroy bool
	added   bool // the destroy named a participant not seen before
	pos     Pos
}

// lookup returns the participant with the given ID, or nil.
func (p *parser) lookup(id string) *model.Participant { return p.byID[id] }

// add declares a new participant at the right end.
func (p *parser) add(id, label string, kind model.ParticipantKind) *model.Participant {
	if label == "" {
		label = id
	}
	pp := &model.Participant{ID: id, Label: label, Kind: kind, Box: -1}
	p.d.Participants = append(p.d.Participants, pp)
	p.byID[id] = pp
	return pp
}

func (p *parser) errorf(pos Pos, format string, args ...any) {
	p.errs.Add(p.file, pos, sprintf(format, args...))
}

// parse walks the source line by line: front matter, directives and
// comments first, then the statements of each line (split at ';').
func (p *parser) parse(src string) {
	src = strings.TrimPrefix(src, "\ufeff")
	if strings.IndexByte(src, '\r') >= 0 { // Windows and old Mac line ends
		src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	}
	lines := strings.Split(src, "\n")
	i := p.frontMatter(lines)
	for ; i < len(lines); i++ {
		line := lines[i]
		lineNo := i + 1
		trim := strings.TrimLeft(line, " \t")
		col := len(line) - len(trim) + 1
		if strings.HasPrefix(trim, "%%{") {
			i = p.directive(lines, i, col)
			continue
		}
		if strings.HasPrefix(trim, "%%") {
			// A comment line. Mermaid reads "%%" later in a line as text:
			// "A->>B: x %% y" says "x %% y".
			continue
		}
		if p.header && isAccDescrBlock(line) {
			i = p.accDescrBlock(lines, i)
			continue
		}
		p.stmts = splitStatements(p.stmts[:0], line)
		for k, st := range p.stmts {
			n := len(p.errs)
			p.statement(st.text, Pos{lineNo, st.col})
			if k > 0 && len(p.errs) > n && p.header && strings.Contains(p.stmts[k-1].text, ":") {
				// "A->>B: a; b": Mermaid ends the statement at ';', so "b"
				// is no statement. Say so, once, instead of what b is not.
				prev := p.stmts[k-1]
				p.errs = p.errs[:n]
				p.errorf(Pos{lineNo, st.col - 1}, "';' ends a statement in Mermaid, so %q is read as a new one: to put a semicolon in the text, write #59; (%s#59; %s)", clip(st.text), clip(prev.text), clip(st.text))
			}
		}
	}
	p.finish(len(lines))
}

type stmt struct {
	text string
	col  int
}

// splitStatements cuts a line at ';' and drops a '#' comment, keeping
// entity codes ("#59;") whole, as Mermaid's lexer does. Statements are
// trimmed; empty ones are dropped. They are appended to out.
func splitStatements(out []stmt, line string) []stmt {
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ';':
			out = appendStmt(out, line, start, i)
			start = i + 1
		case '#':
			if n := entityLen(line[i:]); n > 0 {
				i += n - 1
				continue
			}
			return appendStmt(out, line, start, i)
		}
	}
	return appendStmt(out, line, start, len(line))
}

// appendStmt appends line[start:end], trimmed of spaces and tabs, when it
// is not empty.
func appendStmt(out []stmt, line string, start, end int) []stmt {
	for start < end && (line[start] == ' ' || line[start] == '\t') {
		start++
	}
	for end > start && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	if start == end {
		return out
	}
	return append(out, stmt{line[start:end], start + 1})
}

// entityLen returns the length of the entity code ("#59;", "#quot;") at
// the start of s, or 0.
func entityLen(s string) int {
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';':
			if i > 1 {
				return i + 1
			}
			return 0
		case c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

// finish reports what is still open at the end of the source.
func (p *parser) finish(lines int) {
	end := Pos{lines, 1}
	if p.notSequence {
		return
	}
	if !p.header {
		p.errorf(Pos{1, 1}, "no 'sequenceDiagram' header: the diagram must start with the line sequenceDiagram")
		return
	}
	for i := len(p.blocks) - 1; i >= 0; i-- {
		b := p.blocks[i]
		p.errorf(b.pos, "%s block is never closed: add 'end' after its last line", b.kind)
	}
	if p.box >= 0 {
		p.errorf(p.boxPos, "box is never closed: add 'end' after its last participant")
	}
	// A create or destroy with no message after it at all is accepted, as
	// Mermaid accepts it (it checks the next message, and there is none),
	// and, as Mermaid draws it, nothing is created or destroyed: the
	// participant stands from the top to the bottom.
	for _, pl := range p.pending {
		pp := p.lookup(pl.id)
		pp.Created, pp.Destroyed = false, false
		if pl.added && !named(p.d.Items, pl.id) { // Mermaid draws no such participant
			ps := p.d.Participants[:0]
			for _, q := range p.d.Participants {
				if q != pp {
					ps = append(ps, q)
				}
			}
			p.d.Participants = ps
			delete(p.byID, pl.id)
		}
		items := p.d.Items[:0]
		for _, it := range p.d.Items {
			switch it := it.(type) {
			case *model.Create:
				if it.Participant == pl.id {
					continue
				}
			case *model.Destroy:
				if it.Participant == pl.id {
					continue
				}
			}
			items = append(items, it)
		}
		p.d.Items = items
	}
	_ = end
}

// named reports whether an item refers to participant id.
func named(items []model.Item, id string) bool {
	for _, it := range items {
		switch it := it.(type) {
		case *model.Message:
			if it.From == id || it.To == id {
				return true
			}
		case *model.Note:
			if slices.Contains(it.Participants, id) {
				return true
			}
		case *model.Activation:
			if it.Participant == id {
				return true
			}
		}
	}
	return false
}
