package plantuml

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// Write prints d as PlantUML. Mermaid constructs PlantUML lacks are
// approximated: "rect" blocks become "group", half arrows and central
// connections become plain heads, a Phase becomes a "== label ==" divider,
// an implied message a grey dashed arrow, and a Step label leads the text.
func Write(w io.Writer, d *model.Diagram) error {
	bw := bufio.NewWriter(w)
	p := &writer{w: bw, d: d, alias: map[string]string{}}
	p.write()
	return bw.Flush()
}

type writer struct {
	w      *bufio.Writer
	d      *model.Diagram
	alias  map[string]string
	indent int
}

func (p *writer) line(format string, args ...any) {
	p.w.WriteString(strings.Repeat("  ", p.indent))
	fmt.Fprintf(p.w, format, args...)
	p.w.WriteByte('\n')
}

// esc makes text safe in a PlantUML label: line breaks become "\n", and
// what PlantUML reads as markup ("<tag>", "\", "~", quotes and doubled
// creole marks such as "**", "//", "--", "__", "[[") is written as <U+XXXX>
// codes, so that the text shows as written.
func esc(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\\' || r == '<' || r == '>' || r == '"' || r == '~':
			fmt.Fprintf(&b, "<U+%04X>", r)
		case r == prev && strings.ContainsRune("*/-_[]", r):
			fmt.Fprintf(&b, "<U+%04X>", r)
			r = 0
		case r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20:
			r = 0
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

var kinds = map[model.ParticipantKind]string{
	model.KindParticipant: "participant", model.KindActor: "actor", model.KindBoundary: "boundary",
	model.KindControl: "control", model.KindEntity: "entity", model.KindDatabase: "database",
	model.KindCollections: "collections", model.KindQueue: "queue",
}

func (p *writer) write() {
	d := p.d
	for i, pp := range d.Participants {
		p.alias[pp.ID] = "P" + strconv.Itoa(i+1)
	}
	p.line("@startuml")
	if d.Title != "" {
		p.line("title %s", esc(d.Title))
	}
	if !d.Config.Mirror() {
		p.line("hide footbox")
	}
	box := -1
	for _, pp := range d.Participants {
		if pp.Created {
			continue
		}
		if pp.Box != box {
			if box >= 0 {
				p.indent--
				p.line("end box")
			}
			box = pp.Box
			if box >= 0 && box < len(d.Boxes) {
				b := d.Boxes[box]
				s := `box "` + esc(b.Label) + `"`
				if c := color(b.Color); c != "" {
					s += " " + c
				}
				p.line("%s", s)
				p.indent++
			} else {
				box = -1
			}
		}
		p.declare(pp, "")
	}
	if box >= 0 {
		p.indent--
		p.line("end box")
	}
	if d.Config.ShowSequenceNumbers {
		p.line("autonumber")
	}
	var blocks []model.BlockKind
	doomed := map[string]bool{}
	for _, it := range d.Items {
		switch it := it.(type) {
		case *model.Message:
			p.message(it)
			for _, id := range []string{it.From, it.To} {
				if doomed[id] {
					delete(doomed, id)
					p.line("destroy %s", p.alias[id])
				}
			}
		case *model.Note:
			ids := make([]string, len(it.Participants))
			for i, id := range it.Participants {
				ids[i] = p.alias[id]
			}
			p.line("note %s %s : %s", it.Placement, strings.Join(ids, ", "), esc(it.Text))
		case *model.BlockStart:
			blocks = append(blocks, it.Kind)
			switch it.Kind {
			case model.Rect:
				p.line("group")
			case model.ParOver:
				p.line("par %s", esc(it.Label))
			default:
				p.line("%s %s", it.Kind, esc(it.Label))
			}
			p.indent++
		case *model.BlockSection:
			p.indent--
			p.line("else %s", esc(it.Label))
			p.indent++
		case *model.BlockEnd:
			if len(blocks) > 0 {
				blocks = blocks[:len(blocks)-1]
				p.indent--
				p.line("end")
			}
		case *model.Activation:
			if it.Active {
				p.line("activate %s", p.alias[it.Participant])
			} else {
				p.line("deactivate %s", p.alias[it.Participant])
			}
		case *model.Create:
			if pp := d.Participant(it.Participant); pp != nil {
				p.declare(pp, "create ")
			}
		case *model.Destroy:
			doomed[it.Participant] = true
		case *model.Autonumber:
			switch {
			case it.Off:
				p.line("autonumber stop")
			case it.Start != 0 || it.Step != 0:
				p.line("autonumber %s %s", num(it.Start), num(it.Step))
			default:
				p.line("autonumber")
			}
		case *model.Phase:
			p.line("== %s ==", esc(it.Label))
		}
	}
	p.line("@enduml")
}

func num(f float64) string {
	if f == 0 {
		f = 1
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// color returns a PlantUML colour ("#Aqua", "#ccddee") for a CSS one, or
// "" when it has no PlantUML spelling.
func color(c string) string {
	c = strings.TrimSpace(c)
	switch {
	case c == "":
		return ""
	case strings.HasPrefix(c, "#"):
		return c
	case strings.HasPrefix(strings.ToLower(c), "rgb"):
		open, close := strings.IndexByte(c, '('), strings.IndexByte(c, ')')
		if open < 0 || close < open {
			return ""
		}
		parts := strings.Split(c[open+1:close], ",")
		if len(parts) < 3 {
			return ""
		}
		s := "#"
		for _, v := range parts[:3] {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 || n > 255 {
				return ""
			}
			s += fmt.Sprintf("%02x", n)
		}
		return s
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return "#" + c
}

func (p *writer) declare(pp *model.Participant, prefix string) {
	p.line(`%s%s "%s" as %s`, prefix, kinds[pp.Kind], esc(pp.Label), p.alias[pp.ID])
}

var heads = map[model.Head]string{
	model.HeadNone: ">", model.HeadFilled: ">", model.HeadOpen: ">>", model.HeadCross: ">x",
	model.HeadHalfTop: `\`, model.HeadHalfBottom: "/", model.HeadStickTop: `\\`, model.HeadStickBottom: "//",
}

func (p *writer) message(m *model.Message) {
	line := "-"
	if m.Arrow.Dotted || m.Implied {
		line = "--"
	}
	if m.Implied {
		line = "-[#888888,dashed]-"
	}
	arrow := line + heads[m.Arrow.Head]
	if m.Arrow.Tail == model.HeadFilled {
		arrow = "<" + arrow
	}
	text := m.Text
	if m.Step != "" {
		text = "[" + m.Step + "] " + text
	}
	p.line("%s %s %s : %s", p.alias[m.From], arrow, p.alias[m.To], esc(text))
	if m.Activate {
		p.line("activate %s", p.alias[m.To])
	}
	if m.Deactivate {
		p.line("deactivate %s", p.alias[m.From])
	}
}
