package svg

import (
	"strings"
	"sync"
)

// FontStack is the font the SVG asks for. Its first face is the one whose
// widths the layout measures with (DejaVu Sans); Verdana and Bitstream Vera
// Sans share those widths, so labels fit wherever the SVG is opened.
const FontStack = `"DejaVu Sans",Verdana,"Bitstream Vera Sans",Geneva,sans-serif`

// Colours are CSS custom properties on the root element, so that a page
// can restyle a diagram by setting them (e.g. .sd{--sd-badge:#c00}).
const lightVars = `--sd-bg:#fff;--sd-fg:#1f2328;--sd-line:#3d444d;--sd-life:#b1bac4;--sd-box:#eef1fc;--sd-box-line:#4f5fbf;` +
	`--sd-note:#fff8c5;--sd-note-line:#c69026;--sd-frame:#8c959f;--sd-tab:#eaeef2;--sd-act:#dde3fa;` +
	`--sd-badge:#4f5fbf;--sd-badge-fg:#fff;--sd-implied:#656d76;--sd-phase:#57606a;--sd-pill:#f6f8fa`

const darkVars = `--sd-bg:#0d1117;--sd-fg:#e6edf3;--sd-line:#adbac7;--sd-life:#3d444d;--sd-box:#1c2340;--sd-box-line:#8193f0;` +
	`--sd-note:#3a2f0b;--sd-note-line:#bb8009;--sd-frame:#768390;--sd-tab:#1c2128;--sd-act:#2a3356;` +
	`--sd-badge:#8193f0;--sd-badge-fg:#0d1117;--sd-implied:#768390;--sd-phase:#adbac7;--sd-pill:#161b22`

// rules style the elements. Class names are short because they repeat on
// every element; each is explained here:
//
//	p participant box, pl its name (lk: a link), life lifelines, m message line,
//	d dotted, i implied, t message label (with a halo that hides lifelines
//	behind it), b badge, bt badge text, n note, nt note text, f frame,
//	ft frame tab, fk keyword, fl frame label, fs section line, a
//	activation bar, ph phase line, pp phase pill, pt phase text, g group,
//	gt group label, ti title, s start-anchored text, e end-anchored text.
const rules = `.sd{font-family:` + FontStack + `;font-size:14px}` +
	`.sd text{fill:var(--sd-fg);text-anchor:middle}.sd .s{text-anchor:start}.sd .e{text-anchor:end}` +
	`.sd .bg{fill:var(--sd-bg)}` +
	`.sd .p{fill:var(--sd-box);stroke:var(--sd-box-line);stroke-width:1.2}.sd .pl{font-weight:bold}.sd .lk{text-decoration:underline;cursor:pointer}` +
	`.sd .ic{fill:none;stroke:var(--sd-box-line);stroke-width:1.6}` +
	`.sd .life{stroke:var(--sd-life);stroke-width:1.2;fill:none}` +
	`.sd .x{stroke:var(--sd-line);stroke-width:2}` +
	`.sd .m{stroke:var(--sd-line);stroke-width:1.4;fill:none}.sd .d{stroke-dasharray:5 3}` +
	`.sd .i{stroke:var(--sd-implied);stroke-dasharray:2 3}` +
	`.sd .t,.sd .fl{paint-order:stroke;stroke:var(--sd-bg);stroke-width:4px;stroke-linejoin:round}` +
	`.sd .ti{font-size:17px;font-weight:bold}` +
	`.sd .it{fill:var(--sd-implied);font-style:italic}` +
	`.sd .b{fill:var(--sd-badge)}.sd .i2{fill:var(--sd-implied)}.sd text.bt{fill:var(--sd-badge-fg);font-size:11px;font-weight:bold}` +
	`.sd .n{fill:var(--sd-note);stroke:var(--sd-note-line)}.sd .nt{font-size:13px}` +
	`.sd .f{fill:none;stroke:var(--sd-frame);stroke-width:1.2}.sd .ft{fill:var(--sd-tab);stroke:var(--sd-frame)}` +
	`.sd .fk{font-size:13px;font-weight:bold}.sd .fl{font-size:13px;font-style:italic}` +
	`.sd .fs{stroke:var(--sd-frame);stroke-dasharray:4 3}` +
	`.sd .a{fill:var(--sd-act);stroke:var(--sd-box-line)}` +
	`.sd .ph{stroke:var(--sd-phase);stroke-dasharray:8 4}.sd .pp{fill:var(--sd-pill);stroke:var(--sd-phase)}` +
	`.sd .pt{font-size:13px;font-weight:bold;fill:var(--sd-phase)}` +
	`.sd .g{stroke:var(--sd-frame);stroke-opacity:.5}.sd .gt{font-size:13px;font-weight:bold}` +
	`.sd .mk{fill:var(--sd-line);stroke:none}.sd .mi{fill:var(--sd-implied);stroke:none}` +
	`.sd .mo{fill:none;stroke:var(--sd-line);stroke-width:1.4}.sd .moi{fill:none;stroke:var(--sd-implied);stroke-width:1.4}`

// Link and highlight colours, only in diagrams with links or ids (so that
// the others keep their bytes): --sd-hl marks the target of a link, a
// focused arrow and what a page highlights (class "hl").
const (
	lightHL = `--sd-hl:#bc4c00`
	darkHL  = `--sd-hl:#f0883e`
)

// linkRules style linked arrows (a wide invisible stroke takes the clicks;
// hover and keyboard focus thicken the line) and highlighted items: an
// arrow or note that is the page's :target or inside an element a page
// gave the class "hl".
const linkRules = `.sd a{cursor:pointer}` +
	`.sd .hit{fill:none;stroke:transparent;stroke-width:14}` +
	`.sd a:hover .m,.sd a:focus-visible .m{stroke-width:2.6}.sd a:hover .t,.sd a:focus-visible .t{text-decoration:underline}` +
	`.sd a:focus-visible .hit{stroke:var(--sd-hl);stroke-opacity:.3}` +
	`.sd .hl .m,.sd :target>.m{stroke:var(--sd-hl);stroke-width:3}` +
	`.sd .hl .t,.sd :target .t{fill:var(--sd-hl);font-weight:bold}` +
	`.sd .hl .n,.sd :target>.n{stroke:var(--sd-hl);stroke-width:3}`

// linkStyle returns the rules for links and highlights in a theme.
func linkStyle(theme string) string {
	s := styles()
	switch theme {
	case "light":
		return s.linkLight
	case "dark":
		return s.linkDark
	}
	return s.linkAuto
}

// style returns the <style> content for a theme: "light", "dark" or
// "auto" (light, dark when the reader prefers it).
func style(theme string) string {
	s := styles()
	switch theme {
	case "light":
		return s.light
	case "dark":
		return s.dark
	}
	return s.auto
}

// styles builds the three style sheets on first use (not at start-up:
// every seqdoc command pays for package initialisation).
var styles = sync.OnceValue(func() (s struct{ light, dark, auto, linkLight, linkDark, linkAuto string }) {
	lightRules, darkRules := withFallbacks(rules, lightVars), withFallbacks(rules, darkVars)
	s.light = `.sd-light{` + lightVars + `}` + lightRules
	s.dark = `.sd-dark{` + darkVars + `}` + darkRules
	s.auto = `.sd-auto{` + lightVars + `}@media (prefers-color-scheme:dark){.sd-auto{` + darkVars + `}}` + lightRules
	lightLinks := withFallbacks(linkRules, lightHL)
	s.linkLight = `.sd-light{` + lightHL + `}` + lightLinks
	s.linkDark = `.sd-dark{` + darkHL + `}` + withFallbacks(linkRules, darkHL)
	s.linkAuto = `.sd-auto{` + lightHL + `}@media (prefers-color-scheme:dark){.sd-auto{` + darkHL + `}}` + lightLinks
	return s
})

// Vars returns the custom properties of a theme, "light" or "dark", as
// CSS declarations ("--sd-bg:#fff;--sd-fg:…"): a page that lets its
// reader choose a theme sets them on .sd-auto diagrams to override the
// reader's system preference.
func Vars(theme string) string {
	if theme == "dark" {
		return darkVars + ";" + darkHL
	}
	return lightVars + ";" + lightHL
}

// withFallbacks returns rules with every "prop:var(--x)" preceded by
// "prop:<value of --x>": viewers without custom properties (rsvg,
// Inkscape, image previews) drop the var() declaration and keep the
// colour; browsers take the var(), which a page can override.
func withFallbacks(rules, vars string) string {
	values := map[string]string{}
	for _, decl := range strings.Split(vars, ";") {
		if k, v, ok := strings.Cut(decl, ":"); ok {
			values[k] = v
		}
	}
	var b strings.Builder
	for {
		i := strings.Index(rules, ":var(--")
		if i < 0 {
			b.WriteString(rules)
			return b.String()
		}
		start := strings.LastIndexAny(rules[:i], "{;") + 1
		end := i + strings.IndexByte(rules[i:], ')') + 1
		prop, name := rules[start:i], rules[i+5:end-1]
		b.WriteString(rules[:start])
		if v, ok := values[name]; ok {
			b.WriteString(prop + ":" + v + ";")
		}
		b.WriteString(rules[start:end])
		rules = rules[end:]
	}
}
