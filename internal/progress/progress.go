// Package progress draws a one-line progress bar on a terminal.
//
// The caller decides whether to draw one (a terminal, a long job); a Bar
// only draws, at most ten times a second, and clears its line when done.
package progress

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Bar is a progress bar for a job of known size.
type Bar struct {
	w     io.Writer
	label string
	total int64
	last  time.Time
	pct   int
	drawn bool
	// Now is the clock (a test sets it).
	Now func() time.Time
}

// New returns a bar that writes to w (a terminal). label names the job.
func New(w io.Writer, label string, total int64) *Bar {
	return &Bar{w: w, label: label, total: total, pct: -1, Now: time.Now}
}

const width = 30

// Set reports that done of total units are done. It redraws when the
// percentage changed and a tenth of a second has passed since the last draw.
func (b *Bar) Set(done int64) {
	if b.total <= 0 {
		return
	}
	pct := int(min(100, max(0, done*100/b.total)))
	now := b.Now()
	if pct == b.pct || (b.drawn && now.Sub(b.last) < 100*time.Millisecond && pct < 100) {
		return
	}
	b.pct, b.last, b.drawn = pct, now, true
	fill := pct * width / 100
	fmt.Fprintf(b.w, "\r%s [%s%s] %3d%%  %s / %s", b.label, strings.Repeat("#", fill), strings.Repeat(".", width-fill), pct, mb(done), mb(b.total))
}

// Done clears the bar's line if it drew one.
func (b *Bar) Done() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
		b.drawn = false
	}
}

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }
