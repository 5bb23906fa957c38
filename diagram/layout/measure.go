package layout

//go:generate sh -c "python3 internal/gen/metrics.py > metrics_table.go && gofmt -w metrics_table.go"

import (
	"strings"
	"unicode/utf8"
)

// TextStyle says how a text is set.
type TextStyle struct {
	Size float64 `json:"size"`
	Bold bool    `json:"bold,omitempty"`
}

// Measurer measures one line of text. Implementations must be
// deterministic; tests may use a fixed-width fake.
type Measurer interface {
	Width(line string, st TextStyle) float64
}

// FontMetrics measures with the advance widths of DejaVu Sans embedded in
// the binary (metrics_table.go). Code points outside the table count as
// 0.6 em, or 1 em for wide ones (CJK, emoji).
type FontMetrics struct{}

// Width returns the advance width of line set in st, in pixels.
func (FontMetrics) Width(line string, st TextStyle) float64 {
	table := regularWidths[:]
	if st.Bold {
		table = boldWidths[:]
	}
	var units int
	for i := 0; i < len(line); i++ {
		if c := line[i]; c >= 0x20 && c < 0x80 {
			units += int(table[c-0x20]) // fast path: ASCII is the start of the first range
			continue
		}
		for _, r := range line[i:] {
			units += advance(table, r)
		}
		break
	}
	return float64(units) * st.Size / 2048
}

func advance(table []uint16, r rune) int {
	base := 0
	for _, rg := range fontRanges {
		if r < rg[0] {
			break
		}
		if r <= rg[1] {
			if w := table[base+int(r-rg[0])]; w != 0 {
				return int(w)
			}
			break
		}
		base += int(rg[1]-rg[0]) + 1
	}
	switch {
	case r < 0x20 || r >= 0x300 && r < 0x370 || r == 0x200B || r >= 0xFE00 && r <= 0xFE0F || r == 0x200D:
		return 0 // controls, combining marks, joiners, variation selectors
	case r >= 0x1100 && r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0x1F000 && r <= 0x1FAFF:
		return 2048
	}
	return 1229
}

// lines splits text at "\n".
func lines(s string) []string {
	if strings.IndexByte(s, '\n') < 0 {
		return []string{s}
	}
	return strings.Split(s, "\n")
}

// maxWidth returns the widest line of ls.
func (c *ctx) maxWidth(ls []string, st TextStyle) float64 {
	w := 0.0
	for _, l := range ls {
		if x := c.m.Width(l, st); x > w {
			w = x
		}
	}
	return w
}

// wrap breaks text into lines no wider than max: at spaces first, then, for
// long words such as URLs, after '/', '?', '&', '=', ',' or '-', and as a
// last resort anywhere. Existing line breaks are kept.
func (c *ctx) wrap(text string, st TextStyle, max float64) []string {
	var out []string
	for _, para := range lines(text) {
		if c.m.Width(para, st) <= max {
			out = append(out, para)
			continue
		}
		line := ""
		for _, word := range splitWords(para) {
			fits := func(t string) bool { return c.m.Width(strings.TrimRight(t, " "), st) <= max }
			switch {
			case fits(line + word):
				line += word
				continue
			case fits(word) && !(c.m.Width(word, st) > max/2 && c.m.Width(line, st) < max/3 && breakable(word)):
				out = append(out, strings.TrimRight(line, " "))
				line = word
				continue
			}
			// A word longer than a line (a URL): fill the current line
			// with its start and break it where it reads best.
			line += word
			for !fits(line) {
				head, tail := c.breakWord(line, st, max)
				out = append(out, strings.TrimRight(head, " "))
				line = tail
			}
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// balance wraps text to max, then narrows the width as far as the line
// count allows, so that wrapped lines come out even instead of leaving a
// lone word on the last one.
func (c *ctx) balance(text string, st TextStyle, max float64) []string {
	ls := c.wrap(text, st, max)
	if len(ls) < 2 || len(ls) > 12 || strings.Contains(text, "\n") {
		return ls
	}
	lo, hi := max/2, max
	for i := 0; i < 7; i++ {
		mid := (lo + hi) / 2
		if try := c.wrap(text, st, mid); len(try) == len(ls) {
			hi, ls = mid, try
		} else {
			lo = mid
		}
	}
	return ls
}

// splitWords cuts s after each space, keeping the spaces with the word
// before them.
func splitWords(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && (i+1 == len(s) || s[i+1] != ' ') {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// breakable reports whether a word has URL-ish punctuation to break at;
// a long such word fills the current line instead of leaving a short
// word ("GET") alone on it.
func breakable(word string) bool { return strings.ContainsAny(word, "/?&=") }

// breakWord splits a word too wide for max: after the last URL-ish
// punctuation that fits, or after the last rune that fits.
func (c *ctx) breakWord(s string, st TextStyle, max float64) (string, string) {
	fit, lastPunct := 0, 0
	w := 0.0
	for i, r := range s {
		w += c.m.Width(string(r), st)
		if w > max {
			break
		}
		fit = i + utf8.RuneLen(r)
		if strings.ContainsRune("/?&=,-_.:;", r) {
			lastPunct = fit
		}
	}
	if fit == 0 {
		_, n := utf8.DecodeRuneInString(s)
		fit = n
	}
	if lastPunct > fit/2 {
		fit = lastPunct
	}
	return s[:fit], s[fit:]
}

// clamp keeps at most n lines; when it drops some it ends the last kept
// line with "…" (shortened to fit max) and reports true.
func (c *ctx) clamp(ls []string, n int, st TextStyle, max float64) ([]string, bool) {
	if n <= 0 || len(ls) <= n {
		return ls, false
	}
	ls = append([]string(nil), ls[:n]...)
	last := ls[n-1]
	for last != "" && c.m.Width(last+"…", st) > max {
		_, size := utf8.DecodeLastRuneInString(last)
		last = last[:len(last)-size]
	}
	ls[n-1] = last + "…"
	return ls, true
}
