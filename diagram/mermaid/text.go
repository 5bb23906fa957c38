package mermaid

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

var (
	// Compiled on first use: seqdoc's other commands never pay for them.
	brRE     = lazyRE(`(?i)<br\s*/?>`)
	entityRE = lazyRE(`#(\w+);`)
)

// cleanText turns label text as written into plain text: Mermaid entity
// codes ("#59;", "#9829;", "#quot;") become characters, "<br>" (in any of
// its spellings) becomes "\n", and surrounding spaces go.
func cleanText(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '<') >= 0 {
		s = brRE().ReplaceAllString(s, "\n")
	}
	if strings.IndexByte(s, '#') >= 0 {
		s = decodeEntities(s)
	}
	return s
}

// cleanMsg is cleanText for message and note texts, where Mermaid also
// renders "$$…$$" math (participant names it leaves as written).
func cleanMsg(s string) string {
	s = cleanText(s)
	if strings.Contains(s, "$$") {
		s = mathRE().ReplaceAllStringFunc(s, plainMath)
	}
	return s
}

var (
	mathRE    = lazyRE(`\$\$(.*?)\$\$`)
	texCmdRE  = lazyRE(`\\[A-Za-z]+`)
	texMathRE = strings.NewReplacer("{", "", "}", "", "$$", "")
)

// plainMath shows KaTeX math ("$$\sqrt{2+2}$$") as its plain text ("2+2"):
// seqdoc draws no formulas, and this is the text Mermaid's drawing holds.
func plainMath(m string) string {
	return texMathRE.Replace(texCmdRE().ReplaceAllString(m, ""))
}

func decodeEntities(s string) string {
	return entityRE().ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		if n, err := strconv.Atoi(name); err == nil {
			if n > 0 && n <= 0x10FFFF && (n < 0xD800 || n > 0xDFFF) {
				return string(rune(n))
			}
			return m
		}
		if u := html.UnescapeString("&" + name + ";"); u != "&"+name+";" {
			return u
		}
		return m
	})
}

// cutWrap removes a leading "wrap:" or "nowrap:" (as Mermaid allows after
// the colon of a message or note) and reports which one it was: +1 for
// wrap, -1 for nowrap, 0 for neither.
func cutWrap(s string) (string, int) {
	t := strings.TrimLeft(s, " \t")
	switch {
	case hasPrefixFold(t, "wrap:"):
		return t[5:], 1
	case hasPrefixFold(t, "nowrap:"):
		return t[7:], -1
	}
	return s, 0
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isColor reports whether s is a CSS colour Mermaid would accept for a box:
// a named colour, "transparent", "#rgb" forms or an rgb()/hsl() function.
func isColor(s string) bool {
	l := strings.ToLower(s)
	if cssColors()[l] || l == "transparent" || l == "currentcolor" {
		return true
	}
	if strings.HasPrefix(l, "#") {
		h := l[1:]
		if len(h) != 3 && len(h) != 4 && len(h) != 6 && len(h) != 8 {
			return false
		}
		for _, c := range h {
			if !strings.ContainsRune("0123456789abcdef", c) {
				return false
			}
		}
		return true
	}
	for _, f := range []string{"rgb(", "rgba(", "hsl(", "hsla("} {
		if strings.HasPrefix(l, f) && strings.HasSuffix(l, ")") {
			return true
		}
	}
	return false
}

// cssColors is the set of CSS colour names, built on first use.
var cssColors = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`aliceblue antiquewhite aqua aquamarine azure beige bisque black
blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue
cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue
darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray
green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen
lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey
lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip
peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown
salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow
springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
yellowgreen`) {
		m[n] = true
	}
	return m
})

// lazyRE returns a function that compiles expr on its first call.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// splitBox splits the text after "box" into a colour and a label, as
// Mermaid does: the first word (or rgb()/hsl() call) is the colour when it
// is one, otherwise the whole text is the label.
func splitBox(s string) (color, label string) {
	s = strings.TrimSpace(s)
	l := strings.ToLower(s)
	for _, f := range []string{"rgb", "rgba", "hsl", "hsla"} {
		if strings.HasPrefix(l, f) {
			rest := strings.TrimLeft(s[len(f):], " ")
			if strings.HasPrefix(rest, "(") {
				if j := strings.IndexByte(rest, ')'); j >= 0 {
					c := f + rest[:j+1]
					return c, strings.TrimSpace(rest[j+1:])
				}
			}
		}
	}
	word, rest, _ := strings.Cut(s, " ")
	if isColor(word) {
		return word, strings.TrimSpace(rest)
	}
	return "", s
}
