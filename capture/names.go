package capture

import (
	"strings"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/typo"
)

// maxNames bounds the names a nameSet holds: a capture with a new header
// name on every request must not grow it without end.
const maxNames = 10000

// nameSet holds, in lower case, the names a --keep-param could mean: of
// headers, cookies, query parameters and form fields.
type nameSet map[string]bool

func (ns nameSet) add(e *har.Entry) {
	put := func(n string) {
		if len(ns) < maxNames && n != "" {
			ns[strings.ToLower(n)] = true
		}
	}
	for _, h := range e.Request.Headers {
		put(h.Name)
	}
	for _, h := range e.Response.Headers {
		put(h.Name)
	}
	for _, c := range e.Request.Cookies {
		put(c.Name)
	}
	for _, c := range e.Response.Cookies {
		put(c.Name)
	}
	for _, q := range e.Request.QueryString {
		put(q.Name)
	}
	if pd := e.Request.PostData; pd != nil {
		for _, p := range pd.Params {
			put(p.Name)
		}
	}
}

// closest returns the name of the set nearest to name by edit distance,
// if it is near enough to be a typo of it (at most 2 edits, fewer for
// short names), else "".
func (ns nameSet) closest(name string) string {
	limit := min(2, len(name)/3) // edits a typo may have
	best, bestD := "", limit+1
	for n := range ns {
		d := typo.Distance(name, n, limit+1)
		if d < bestD || (d == bestD && d <= limit && n < best) {
			best, bestD = n, d
		}
	}
	return best
}
