package site

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/util"
)

// highlightStyleLight and highlightStyleDark are the chroma styles the
// stylesheet's code colours come from (dark under prefers-color-scheme).
const (
	highlightStyleLight = "github"
	highlightStyleDark  = "github-dark"
)

var chromaFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))

// highlighter colours code with chroma and caches the HTML by the hash of
// language and code: a site repeats the same snippets, and a rebuild repeats
// them all.
type highlighter struct {
	mu    sync.Mutex
	cache map[[32]byte][]byte
	// mode, for benchmarks that measure chroma's share: highlightCached
	// (the default), highlightUncached or highlightOff (plain blocks).
	mode int
}

const (
	highlightCached = iota
	highlightUncached
	highlightOff
)

// highlight returns the code as HTML: chroma's classes when it knows the
// language, else an escaped plain block.
func (h *highlighter) highlight(lang string, code []byte) []byte {
	lang = strings.ToLower(lang)
	switch h.mode {
	case highlightUncached:
		return highlightNow(lang, code)
	case highlightOff:
		return plainCode(lang, code)
	}
	key := sha256.Sum256(append([]byte(lang+"\x00"), code...))
	h.mu.Lock()
	out, ok := h.cache[key]
	h.mu.Unlock()
	if ok {
		return out
	}
	out = highlightNow(lang, code)
	h.mu.Lock()
	if h.cache == nil {
		h.cache = map[[32]byte][]byte{}
	}
	h.cache[key] = out
	h.mu.Unlock()
	return out
}

func highlightNow(lang string, code []byte) []byte {
	var buf bytes.Buffer
	var lexer chroma.Lexer
	if lang != "" {
		lexer = lexers.Get(lang)
	}
	if lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
		if err == nil {
			buf.WriteString(`<div class="highlight">`)
			if err = chromaFormatter.Format(&buf, styles.Get(highlightStyleLight), it); err == nil {
				buf.WriteString("</div>\n")
				return buf.Bytes()
			}
			buf.Reset()
		}
	}
	return plainCode(lang, code)
}

// plainCode is an escaped <pre><code> block.
func plainCode(lang string, code []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("<pre><code")
	if lang != "" {
		buf.WriteString(` class="language-`)
		buf.Write(util.EscapeHTML([]byte(lang)))
		buf.WriteString(`"`)
	}
	buf.WriteString(">")
	buf.Write(util.EscapeHTML(code))
	buf.WriteString("</code></pre>\n")
	return buf.Bytes()
}

// highlightCSS is the stylesheet part for chroma's classes: the light style,
// then the dark one under prefers-color-scheme: dark.
var highlightCSS = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	buf.WriteString("/* code colours: chroma " + highlightStyleLight + " / " + highlightStyleDark + " */\n")
	_ = chromaFormatter.WriteCSS(&buf, styles.Get(highlightStyleLight))
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = chromaFormatter.WriteCSS(&buf, styles.Get(highlightStyleDark))
	buf.WriteString("}\n")
	return buf.Bytes()
})
