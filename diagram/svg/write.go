package svg

import (
	"bufio"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// out is a buffered SVG writer with the one number format and the escapers.
type out struct {
	w   *bufio.Writer
	buf []byte
}

func (o *out) s(s string) { o.w.WriteString(s) }

// n writes a number with at most one decimal, without trailing zeros:
// the only way numbers are printed.
func (o *out) n(f float64) {
	f = math.Round(f*10) / 10
	if f == 0 {
		f = 0 // no "-0"
	}
	o.buf = strconv.AppendFloat(o.buf[:0], f, 'f', -1, 64)
	o.w.Write(o.buf)
}

// attr writes ` name="number"`.
func (o *out) attr(name string, f float64) {
	o.w.WriteByte(' ')
	o.s(name)
	o.s(`="`)
	o.n(f)
	o.w.WriteByte('"')
}

// text writes s as XML character data or attribute value: markup
// characters become references, characters XML forbids (controls, bad
// UTF-8) become U+FFFD.
func (o *out) text(s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			o.s("&amp;")
		case r == '<':
			o.s("&lt;")
		case r == '>':
			o.s("&gt;")
		case r == '"':
			o.s("&quot;")
		case r == '\'':
			o.s("&#39;")
		case r == utf8.RuneError && size == 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			o.s("\uFFFD")
		default:
			o.w.WriteRune(r)
		}
	}
}

// safeURL returns u when it is a web, mail or relative link, and "" for
// anything else (javascript:, data: …).
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	l := strings.ToLower(u)
	if i := strings.IndexAny(l, ":/?#"); i >= 0 && l[i] == ':' {
		if !strings.HasPrefix(l, "http:") && !strings.HasPrefix(l, "https:") && !strings.HasPrefix(l, "mailto:") {
			return ""
		}
	}
	return u
}

// safeColor returns c when it only holds characters a CSS colour needs.
func safeColor(c string) string {
	for _, r := range c {
		if !(r == '#' || r == '(' || r == ')' || r == ',' || r == '.' || r == '%' || r == ' ' ||
			r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return c
}
