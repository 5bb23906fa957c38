package svg

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// out collects the SVG in memory (written to the destination in one go,
// so a failure never leaves half a document) with the one number format
// and the escaper.
type out struct {
	b []byte
}

func (o *out) s(s string) { o.b = append(o.b, s...) }

// n writes a number with at most one decimal, without trailing zeros:
// the only way numbers are printed.
func (o *out) n(f float64) { o.b = appendNum(o.b, f) }

// appendNum appends f rounded to one decimal, without trailing zeros and
// never as "-0".
func appendNum(b []byte, f float64) []byte {
	t := math.Round(f * 10)
	if t == 0 {
		return append(b, '0')
	}
	if t < 0 {
		b = append(b, '-')
		t = -t
	}
	if t > 1e15 || t != t {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	i := int64(t)
	b = strconv.AppendInt(b, i/10, 10)
	if i%10 != 0 {
		b = append(b, '.', byte('0'+i%10))
	}
	return b
}

// attr writes ` name="number"`.
func (o *out) attr(name string, f float64) {
	o.b = append(o.b, ' ')
	o.s(name)
	o.s(`="`)
	o.n(f)
	o.b = append(o.b, '"')
}

// text writes s as XML character data or attribute value: markup
// characters become references, characters XML forbids (controls, bad
// UTF-8) become U+FFFD.
func (o *out) text(s string) {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\''
	}
	if clean {
		o.s(s)
		return
	}
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
			o.b = utf8.AppendRune(o.b, r)
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
