package har

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles pattern on its first call
// and returns the same *regexp.Regexp afterwards. Patterns with counted
// repetitions ({0,64}) take tens of microseconds to compile; compiling them
// at package initialisation would slow every seqdoc command's start-up,
// including those that never redact.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
