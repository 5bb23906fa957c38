package site

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

var (
	linkAttrRE = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idAttrRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// CheckLinks checks every href and src of the HTML files of a built site:
// a local link must be relative, name a file of the site (not a folder,
// which file:// cannot open) and, with a #fragment, an id in that file.
// 404.html may start its links at the server's root. It returns one error
// per broken link, with the output file as File.
func CheckLinks(files map[string][]byte) []Error {
	ids := map[string]map[string]bool{}
	idsOf := func(p string) map[string]bool {
		if m, ok := ids[p]; ok {
			return m
		}
		m := map[string]bool{}
		for _, x := range idAttrRE.FindAllSubmatch(files[p], -1) {
			m[unescapeAttr(string(x[1]))] = true
		}
		ids[p] = m
		return m
	}
	var errs []Error
	for _, p := range sortedKeys(files) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range linkAttrRE.FindAllSubmatch(files[p], -1) {
			raw := unescapeAttr(string(m[1]))
			if msg := checkLink(files, p, raw, idsOf); msg != "" {
				errs = append(errs, Error{File: p, Msg: fmt.Sprintf("link %q: %s", raw, msg)})
			}
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].File < errs[j].File })
	return errs
}

func checkLink(files map[string][]byte, from, raw string, idsOf func(string) map[string]bool) string {
	if raw == "" {
		return "empty link"
	}
	if isExternal(raw) {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "does not parse: " + err.Error()
	}
	target := from
	if u.Path != "" {
		switch {
		case strings.HasPrefix(u.Path, "/") && from == "404.html":
			target = strings.TrimPrefix(u.Path, "/")
		case strings.HasPrefix(u.Path, "/"):
			return "absolute path: breaks under a sub-path and from file://"
		default:
			target = path.Join(path.Dir(from), u.Path)
		}
		if strings.HasSuffix(u.Path, "/") {
			return "names a folder: file:// cannot open it (link to its index.html)"
		}
		if target == "_seqdoc/reload.js" {
			return "" // served by seqdoc serve
		}
		if _, ok := files[target]; !ok {
			return "no such file in the site (" + target + ")"
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
		return "no id " + u.Fragment + " in " + target
	}
	return ""
}

func unescapeAttr(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&#43;", "+")
	return r.Replace(s)
}
