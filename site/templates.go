package site

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"

	"github.com/seqdoc/seqdoc/diagram/svg"
)

//go:embed templates/*.html
var defaultTemplates embed.FS

//go:embed assets/seqdoc.css
var defaultCSS []byte

//go:embed assets/seqdoc.js
var defaultJS []byte

// favicon is the site's icon: two lifelines and an arrow.
//
//go:embed assets/favicon.svg
var favicon []byte

// templateKinds are the page templates; each is parsed with base.html.
var templateKinds = []string{"page", "section", "404"}

// templates are the parsed page templates, by kind.
type templates map[string]*template.Template

// parseTemplates parses the embedded templates, each file replaced by the
// one of the same name in layouts when there is one.
func parseTemplates(layouts fs.FS) (templates, error) {
	read := func(name string) (string, string, error) {
		if layouts != nil {
			if b, err := fs.ReadFile(layouts, name); err == nil {
				return string(b), "layouts/" + name, nil
			}
		}
		b, err := fs.ReadFile(defaultTemplates, "templates/"+name)
		return string(b), "templates/" + name, err
	}
	base, baseName, err := read("base.html")
	if err != nil {
		return nil, err
	}
	ts := templates{}
	for _, k := range templateKinds {
		src, name, err := read(k + ".html")
		if err != nil {
			return nil, err
		}
		t, err := template.New("base").Parse(base)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", baseName, err)
		}
		if _, err := t.New(k).Parse(src); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ts[k] = t
	}
	return ts, nil
}

// stylesheet is the site's one stylesheet: layouts/seqdoc.css or the
// embedded one, then the code colours and the diagrams' colours for a
// theme the reader chose.
func stylesheet(layouts fs.FS) []byte {
	css := defaultCSS
	if layouts != nil {
		if b, err := fs.ReadFile(layouts, "seqdoc.css"); err == nil {
			css = b
		}
	}
	out := append([]byte{}, css...)
	out = append(out, highlightCSS...)
	return append(out, diagramThemeCSS()...)
}

// script is the site's one script: layouts/seqdoc.js or the embedded one
// (search, theme, copy buttons, diagram highlights).
func script(layouts fs.FS) []byte {
	if layouts != nil {
		if b, err := fs.ReadFile(layouts, "seqdoc.js"); err == nil {
			return b
		}
	}
	return defaultJS
}

// diagramThemeCSS makes the diagrams follow the theme the reader picked
// (html[data-theme]) rather than the system's: a diagram drawn in the
// "auto" theme takes its colours from custom properties, set here with a
// stronger selector than its own.
func diagramThemeCSS() []byte {
	return []byte("/* diagrams follow the chosen theme */\n" +
		":root[data-theme=light] .sd-auto{" + svg.Vars("light") + "}\n" +
		":root[data-theme=dark] .sd-auto{" + svg.Vars("dark") + "}\n")
}

// crumb is one link of the breadcrumbs.
type crumb struct {
	Title string
	Href  string // empty for the current page
	Label string // aria-label, for the home icon
}

// child is one entry of a section's list.
type child struct {
	Title       string
	Description string
	Href        string
}

// pageData is what the templates see.
type pageData struct {
	Kind        string // home, section, page, 404
	Title       string
	Description string
	SiteTitle   string
	Content     template.HTML
	Crumbs      []crumb
	Parent      *crumb // the "back to" link; nil on the home page
	Children    []child
	Root        string // relative href of the site root: "", "../", "../../"
	URLPath     string // the page's URL path: "/", "/cookbook/"
	Canonical   string // absolute URL when Options.BaseURL is set
	LiveReload  bool
}
