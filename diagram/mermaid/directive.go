package mermaid

import (
	"fmt"
	"strings"

	"github.com/seqdoc/seqdoc/diagram/model"
)

// directive reads a "%%{…}%%" directive starting at lines[i] (it may span
// lines) and returns the index of its last line. It honours the settings
// that change the drawing (theme, wrap and the sequence keys) and ignores
// the rest.
func (p *parser) directive(lines []string, i, col int) int {
	start := i
	body := strings.TrimLeft(lines[i], " \t")[3:]
	if !strings.Contains(body, "}%%") {
		var b strings.Builder
		b.WriteString(body)
		for i+1 < len(lines) {
			i++
			b.WriteString("\n")
			b.WriteString(lines[i])
			if strings.Contains(lines[i], "}%%") {
				break
			}
		}
		body = b.String()
	}
	end := strings.Index(body, "}%%")
	pos := Pos{start + 1, col}
	if end < 0 {
		p.errorf(pos, "directive is not closed: end it with '}%%%%'")
		return i
	}
	body = strings.TrimSpace(body[:end])
	if isWord(body) {
		if strings.EqualFold(body, "wrap") {
			p.d.Config.Wrap = true
		}
		return i
	}
	v, n, err := parseLoose("{" + body + "}")
	if err == nil && n != len(body)+2 {
		err = fmt.Errorf("unexpected text after the settings")
	}
	if err != nil {
		p.errorf(pos, "bad directive: %v", err)
		return i
	}
	o, _ := v.(obj)
	for _, e := range o {
		switch strings.ToLower(e.Key) {
		case "init", "initialize", "config":
			applyConfig(&p.d.Config, e.Val)
		case "wrap":
			p.d.Config.Wrap = true
		}
	}
	return i
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// applyConfig copies the settings seqdoc draws with from a Mermaid config
// object ({theme, wrap, sequence: {…}, config: {…}}). Unknown keys are
// ignored, as Mermaid ignores what a diagram type does not use.
func applyConfig(c *model.Config, v any) {
	o, ok := v.(obj)
	if !ok {
		return
	}
	for _, e := range o {
		switch e.Key {
		case "theme":
			if s, ok := e.Val.(string); ok && isWord(s) {
				c.Theme = s
			}
		case "sequence", "config":
			applyConfig(c, e.Val)
		default:
			applySequenceKey(c, e.Key, e.Val)
		}
	}
}

func applySequenceKey(c *model.Config, key string, v any) {
	b, isBool := v.(bool)
	s, _ := v.(string)
	switch key {
	case "mirrorActors":
		if isBool {
			c.MirrorActors = &b
		}
	case "showSequenceNumbers":
		c.ShowSequenceNumbers = isBool && b
	case "wrap":
		c.Wrap = isBool && b
	case "rightAngles":
		c.RightAngles = isBool && b
	case "hideUnusedParticipants":
		c.HideUnusedParticipants = isBool && b
	case "noteAlign", "messageAlign":
		if s != "left" && s != "center" && s != "right" {
			return
		}
		if key == "noteAlign" {
			c.NoteAlign = s
		} else {
			c.MessageAlign = s
		}
	}
}

// frontMatter reads a "---" block at the top (YAML: title and config) and
// returns the index of the first line after it, or 0 when there is none.
// Only the small part of YAML that front matter uses is read: nested
// "key: value" maps.
func (p *parser) frontMatter(lines []string) int {
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first >= len(lines) || strings.TrimSpace(lines[first]) != "---" {
		return 0
	}
	end := -1
	for j := first + 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "---" {
			end = j
			break
		}
	}
	if end < 0 {
		p.errorf(Pos{first + 1, 1}, "front matter is not closed: end it with a line '---'")
		return len(lines)
	}
	type level struct {
		indent int
		key    string
	}
	var stack []level
	cfg := obj{}
	for j := first + 1; j < end; j++ {
		line := lines[j]
		t := strings.TrimLeft(line, " ")
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "- ") {
			continue
		}
		indent := len(line) - len(t)
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		v = unquote(strings.TrimSpace(v))
		path := ""
		for _, l := range stack {
			path += l.key + "."
		}
		path += strings.TrimSpace(k)
		if v == "" {
			stack = append(stack, level{indent, strings.TrimSpace(k)})
			continue
		}
		switch {
		case path == "title":
			p.d.Title = cleanText(v)
		case path == "config.theme":
			if isWord(v) {
				p.d.Config.Theme = v
			}
		case strings.HasPrefix(path, "config."):
			key := path[strings.LastIndexByte(path, '.')+1:]
			var val any = v
			switch v {
			case "true":
				val = true
			case "false":
				val = false
			}
			cfg = append(cfg, kv{key, val})
		}
	}
	for _, e := range cfg {
		applySequenceKey(&p.d.Config, e.Key, e.Val)
	}
	return end + 1
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

func isAccDescrBlock(line string) bool {
	t := strings.TrimSpace(line)
	if !hasPrefixFold(t, "accDescr") {
		return false
	}
	return strings.HasPrefix(strings.TrimSpace(t[len("accDescr"):]), "{")
}

// accDescrBlock reads "accDescr { … }" over several lines.
func (p *parser) accDescrBlock(lines []string, i int) int {
	t := strings.TrimSpace(lines[i])
	t = strings.TrimSpace(t[len("accDescr"):])[1:]
	var parts []string
	start := i
	for {
		if j := strings.IndexByte(t, '}'); j >= 0 {
			parts = append(parts, strings.TrimSpace(t[:j]))
			break
		}
		parts = append(parts, strings.TrimSpace(t))
		i++
		if i >= len(lines) {
			p.errorf(Pos{start + 1, 1}, "accDescr { is not closed: end it with '}'")
			return i
		}
		t = lines[i]
	}
	p.d.AccDescr = strings.TrimSpace(strings.Join(parts, "\n"))
	return i
}
