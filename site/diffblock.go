package site

import (
	"bytes"
	"html"
	"path"
	"strings"

	"github.com/seqdoc/seqdoc/har/flowdiff"
)

// diffBlock renders a ```seqdoc diff block: what changed between two
// captures (package flowdiff, the same as seqdoc diff prints), then the two
// flow diagrams side by side (stacked on a narrow screen).
//
//	```seqdoc diff
//	old: before/capture.har
//	new: capture.har
//	```
//
// Paths are relative to the page. Only the new capture's findings count
// for Options.FailOn: the old one is often the broken "before".
func (pr *pageRender) diffBlock(o blockOpts, fail blockFail) []byte {
	names := [2]string{o.old, o.capture}
	var parts [2]*captureParts
	for i, name := range names {
		c, box := pr.loadCapture(name, fail)
		if box != nil {
			return box
		}
		parts[i] = c
	}
	pr.failOn(names[1], parts[1])
	d := flowdiff.Compare(parts[0].classified, parts[1].classified)

	var b bytes.Buffer
	b.WriteString(`<div class="seqdoc-diff">` + "\n")
	oldName, newName := html.EscapeString(path.Base(names[0])), html.EscapeString(path.Base(names[1]))
	if names[0] != names[1] && path.Base(names[0]) == path.Base(names[1]) {
		oldName, newName = html.EscapeString(rel(pr.n.dir, names[0])), html.EscapeString(rel(pr.n.dir, names[1]))
	}
	if d.Empty() {
		b.WriteString(`<p class="seqdoc-diff-none">No difference: <code>` + oldName + `</code> and <code>` + newName +
			`</code> show the same hosts, AWS steps, exchanges, cookies and findings.</p>` + "\n")
	} else {
		b.WriteString(`<p class="seqdoc-diff-names"><span class="d-del">−</span> <code>` + oldName + `</code> <span class="d-add">+</span> <code>` + newName + "</code></p>\n")
	}
	for _, s := range d.Sections() {
		b.WriteString(`<p class="seqdoc-diff-title">` + html.EscapeString(s.Title) + "</p>\n<ul>")
		for _, l := range s.Lines {
			class, mark := "d-same", " "
			switch l.Mark {
			case '+':
				class, mark = "d-add", "+"
			case '-':
				class, mark = "d-del", "−"
			case '~':
				class, mark = "d-mod", "~"
			}
			b.WriteString(`<li class="` + class + `"><span class="d-mark" aria-hidden="true">` + mark + "</span>" + html.EscapeString(l.Text) + "</li>")
			pr.addText([]byte(l.Text))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString(`<div class="seqdoc-diff-diagrams">` + "\n")
	for i, c := range parts {
		svg, err := c.draw(drawKey{format: "svg"}, pr.b.models)
		if err != nil {
			return fail(0, "seqdoc diff block: drawing the diagram of %s: %v", names[i], err)
		}
		src, err := c.draw(drawKey{format: "mermaid"}, pr.b.models)
		if err != nil {
			return fail(0, "seqdoc diff block: writing the diagram of %s as Mermaid: %v", names[i], err)
		}
		caption := []string{"Old: <code>" + oldName + "</code>", "New: <code>" + newName + "</code>"}[i]
		b.Write(pr.figure("diagram seqdoc-diagram", svg, src, caption))
	}
	b.WriteString("</div></div>\n")
	return b.Bytes()
}

// rel is p relative to the folder dir, for a caption.
func rel(dir, p string) string {
	if dir != "" && strings.HasPrefix(p, dir+"/") {
		return strings.TrimPrefix(p, dir+"/")
	}
	return p
}
