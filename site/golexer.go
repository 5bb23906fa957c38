package site

import (
	ch "github.com/alecthomas/chroma/v2"
)

// goLexer is chroma's Go lexer (lexers/go.go of chroma v2.27.0, MIT licence,
// see lexers/LICENSE), written in Go upstream rather than XML. The one change:
// raw strings are plain strings (upstream lexes them as Go templates).
func goLexer() ch.Lexer {
	return ch.MustNewLexer(
		&ch.Config{
			Name:      "Go",
			Aliases:   []string{"go", "golang"},
			Filenames: []string{"*.go"},
			MimeTypes: []string{"text/x-gosrc"},
		},
		goRules,
	)
}

func goRules() ch.Rules {
	r := func(pattern string, typ ch.Emitter) ch.Rule { return ch.Rule{Pattern: pattern, Type: typ} }
	return ch.Rules{
		"root": {
			r(`\n`, ch.TextWhitespace),
			r(`\s+`, ch.TextWhitespace),
			r(`//[^\s\n\r][^\n\r]*`, ch.CommentPreproc),
			r(`//[^\n\r]*`, ch.CommentSingle),
			r(`/(\\\n)?[*](.|\n)*?[*](\\\n)?/`, ch.CommentMultiline),
			r(`(import|package)\b`, ch.KeywordNamespace),
			r(`(var|func|struct|map|chan|type|interface|const)\b`, ch.KeywordDeclaration),
			r(ch.Words(``, `\b`, `break`, `default`, `select`, `case`, `defer`, `go`, `else`, `goto`, `switch`, `fallthrough`, `if`, `range`, `continue`, `for`, `return`), ch.Keyword),
			r(`(true|false|iota|nil)\b`, ch.KeywordConstant),
			r(ch.Words(``, `\b(\()`, `uint`, `uint8`, `uint16`, `uint32`, `uint64`, `int`, `int8`, `int16`, `int32`, `int64`, `float`, `float32`, `float64`, `complex64`, `complex128`, `byte`, `rune`, `string`, `bool`, `error`, `uintptr`, `print`, `println`, `panic`, `recover`, `close`, `complex`, `real`, `imag`, `len`, `cap`, `append`, `copy`, `delete`, `new`, `make`, `clear`, `min`, `max`), ch.ByGroups(ch.NameBuiltin, ch.Punctuation)),
			r(ch.Words(``, `\b`, `uint`, `uint8`, `uint16`, `uint32`, `uint64`, `int`, `int8`, `int16`, `int32`, `int64`, `float`, `float32`, `float64`, `complex64`, `complex128`, `byte`, `rune`, `string`, `bool`, `error`, `uintptr`, `any`), ch.KeywordType),
			r(`\d+i`, ch.LiteralNumber),
			r(`\d+\.\d*([Ee][-+]\d+)?i`, ch.LiteralNumber),
			r(`\.\d+([Ee][-+]\d+)?i`, ch.LiteralNumber),
			r(`\d+[Ee][-+]\d+i`, ch.LiteralNumber),
			r(`\d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)`, ch.LiteralNumberFloat),
			r(`\.\d+([eE][+\-]?\d+)?`, ch.LiteralNumberFloat),
			r(`0[0-7]+`, ch.LiteralNumberOct),
			r(`0[xX][0-9a-fA-F_]+`, ch.LiteralNumberHex),
			r(`0b[01_]+`, ch.LiteralNumberBin),
			r(`(0|[1-9][0-9_]*)`, ch.LiteralNumberInteger),
			r(`'(\\['"\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\])'`, ch.LiteralStringChar),
			r("`[^`]*`", ch.LiteralString),
			r(`"(\\\\|\\"|[^"])*"`, ch.LiteralString),
			r(`(<<=|>>=|<<|>>|<=|>=|&\^=|&\^|\+=|-=|\*=|/=|%=|&=|\|=|&&|\|\||<-|\+\+|--|==|!=|:=|\.\.\.|[+\-*/%&])`, ch.Operator),
			r(`([a-zA-Z_]\w*)(\s*)(\()`, ch.ByGroups(ch.NameFunction, ch.UsingSelf("root"), ch.Punctuation)),
			r(`[|^<>=!()\[\]{}.,;:~]`, ch.Punctuation),
			r(`[^\W\d]\w*`, ch.NameOther),
		},
	}
}
