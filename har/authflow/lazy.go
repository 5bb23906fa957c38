package authflow

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles pattern on its first call
// and returns the same *regexp.Regexp afterwards, so that the knowledge
// base's patterns cost nothing at start-up for commands that never
// classify (seqdoc render, version).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
