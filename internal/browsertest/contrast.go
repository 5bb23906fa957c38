package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

//go:embed contrast.js
var contrastJS string

// Text is one visible text of a page as Contrast measured it.
type Text struct {
	Text  string  // its first 60 characters
	Where string  // the element and up to three ancestors, as CSS selectors
	FG    string  // the text colour as drawn (its alpha composited), #rrggbb
	BG    string  // the colour behind it, #rrggbb
	Ratio float64 // the WCAG 2 contrast ratio, 1 to 21
	Need  float64 // what WCAG AA asks: 4.5, or 3 for large text
}

func (x Text) String() string {
	return fmt.Sprintf("%q (%s): %s on %s is %.2f:1, needs %.1f:1", x.Text, x.Where, x.FG, x.BG, x.Ratio, x.Need)
}

// ContrastReport is what Contrast found.
type ContrastReport struct {
	Checked int    // texts measured
	Unknown int    // texts over a background image (not measured)
	Texts   []Text // every text measured
}

// Failing returns the texts under WCAG AA contrast.
func (r ContrastReport) Failing() []Text {
	var bad []Text
	for _, x := range r.Texts {
		if x.Ratio < x.Need {
			bad = append(bad, x)
		}
	}
	return bad
}

// Contrast measures, in the page open in ctx, every visible text under the
// elements that selector matches (their shadow roots included) from the
// colours Chromium computed: the text's colour and the backgrounds of its
// ancestors composited onto the canvas. SVG text is left out (its colour is
// a fill).
func Contrast(ctx context.Context, selector string) (ContrastReport, error) {
	sel, err := json.Marshal(selector)
	if err != nil {
		return ContrastReport{}, err
	}
	expr := strings.TrimSpace(contrastJS) + "(" + string(sel) + ")"
	return chromedp.Run(ctx, chromedp.Evaluate[ContrastReport](expr))
}
