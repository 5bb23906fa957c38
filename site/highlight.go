package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"io/fs"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark/util"
)

// highlightStyleLight and highlightStyleDark are the chroma styles the
// stylesheet's code colours (assets/chroma.css) come from; the dark one
// applies under prefers-color-scheme: dark.
const (
	highlightStyleLight = "github"
	highlightStyleDark  = "github-dark"
)

var chromaFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))

// classStyle is the style handed to the formatter: with CSS classes the
// colours live in the stylesheet, so an empty style will do (and spares
// loading chroma's styles package).
var classStyle = chroma.MustNewStyle("seqdoc", chroma.StyleEntries{})

//go:embed lexers/*.xml
var lexerFiles embed.FS

// lexerRegistry holds the languages seqdoc highlights (lexers/*.xml, and Go).
// It is built on first use, so commands that highlight nothing never pay
// for it.
var lexerRegistry = sync.OnceValue(func() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	paths, _ := fs.Glob(lexerFiles, "lexers/*.xml")
	for _, p := range paths {
		reg.Register(chroma.MustNewXMLLexer(lexerFiles, p))
	}
	reg.Register(goLexer())
	return reg
})

// highlighter colours code with chroma and caches the HTML by the hash of
// language and code: a site repeats the same snippets, and a rebuild repeats
// them all.
type highlighter struct {
	cache hashCache[[]byte]
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
	out, _ := h.cache.get(key, func() ([]byte, error) { return highlightNow(lang, code), nil })
	return out
}

func highlightNow(lang string, code []byte) []byte {
	var buf bytes.Buffer
	var lexer chroma.Lexer
	if lang != "" {
		lexer = lexerRegistry().Get(lang)
	}
	if lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
		if err == nil {
			buf.WriteString(`<div class="highlight">`)
			if err = chromaFormatter.Format(&buf, classStyle, it); err == nil {
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

// highlightCSS is the stylesheet part for chroma's classes, generated from
// the two styles by TestChromaCSS (go test ./site -run ChromaCSS -update).
//
//go:embed assets/chroma.css
var highlightCSS []byte
