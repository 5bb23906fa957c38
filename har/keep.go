package har

import (
	"sort"
	"strings"
)

// kept reports whether name (any case) is one of RedactOptions.KeepParams,
// and notes that it occurred: r.keep maps each kept name, lower case, to
// whether a parameter, form field, cookie or header of that name was met.
func (r *Redactor) kept(name string) bool {
	ln := strings.ToLower(name)
	if _, ok := r.keep[ln]; !ok {
		return false
	}
	r.keep[ln] = true
	return true
}

// UnusedKeeps returns, sorted and in lower case, the KeepParams that no
// parameter, form field, cookie or header of the entries redacted so far
// was named: a typo (--keep-param usrname), or a name this capture does
// not hold.
func (r *Redactor) UnusedKeeps() []string {
	var out []string
	for name, met := range r.keep {
		if !met {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
