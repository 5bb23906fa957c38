package site

import (
	"bytes"
	"html/template"
)

// siteInfo is what every page shares.
type siteInfo struct {
	title   string
	baseURL string // without the trailing slash
	live    bool
}

func renderPage(tmpl templates, site siteInfo, t *tree, n *node, body []byte) ([]byte, error) {
	d := pageData{
		Kind: "page", Title: n.title(), Description: n.fm.Description, SiteTitle: site.title,
		Content: template.HTML(body), Root: rootPrefix(n.url), URLPath: "/" + n.url, LiveReload: site.live,
	}
	if site.baseURL != "" {
		d.Canonical = site.baseURL + "/" + n.url
	}
	kind := "page"
	switch {
	case n == t.root:
		d.Kind, kind = "home", "section"
	case n.isDir && !n.isBundle:
		d.Kind, kind = "section", "section"
	}
	if n != t.root {
		var chain []*node
		for p := n; p != nil; p = p.parent {
			chain = append(chain, p)
		}
		for i := len(chain) - 1; i >= 0; i-- {
			c := chain[i]
			cr := crumb{Title: c.title()} // the page's title, else its folder or file name
			if c == t.root {
				cr = crumb{Title: "🏠", Label: "Home"} // drawn as an icon: emoji fonts are not everywhere
			}
			if c != n {
				cr.Href = relURL(n.url, c.out)
			}
			d.Crumbs = append(d.Crumbs, cr)
		}
		p := n.parent
		name := p.title()
		if p == t.root {
			name = "home"
		}
		d.Parent = &crumb{Title: name, Href: relURL(n.url, p.out)}
	}
	if kind == "section" {
		for _, c := range n.children {
			d.Children = append(d.Children, child{Title: c.title(), Description: c.fm.Description, Href: relURL(n.url, c.out)})
		}
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + 2048)
	if err := tmpl[kind].ExecuteTemplate(&buf, "base", d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderNotFound is 404.html. A server shows it at any depth, so its links
// start from the base URL, else from the server's root.
func renderNotFound(tmpl templates, site siteInfo) ([]byte, error) {
	root := site.baseURL + "/"
	d := pageData{Kind: "404", Title: "Page not found", SiteTitle: site.title, Root: root, URLPath: "/404.html", LiveReload: site.live}
	var buf bytes.Buffer
	err := tmpl["404"].ExecuteTemplate(&buf, "base", d)
	return buf.Bytes(), err
}

// sitemap lists every page; its URLs are absolute when a base URL is set.
func sitemap(site siteInfo, t *tree) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, n := range t.nodes {
		loc := n.url
		if site.baseURL != "" {
			loc = site.baseURL + "/" + n.url
		} else if loc == "" {
			loc = "./"
		}
		buf.WriteString("  <url><loc>")
		template.HTMLEscape(&buf, []byte(loc))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}
