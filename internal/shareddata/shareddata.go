// Package shareddata finds the shared test data (../shared beside the
// repository: fixtures, bench diagrams) for tests, which read it in place.
//
// A test asks for what it reads with Need. When it is absent the test is
// skipped with a message naming it (a clone without ../shared), except in
// CI (the CI environment variable set) with the shared folder present:
// there a suite never skips, and a missing file fails the test.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Root is the shared folder beside the repository whose module root is
// the first folder upwards from the working directory holding go.mod, or
// "" when there is no such module root.
func Root() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared")
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// Need returns path (a file or folder of the shared data, as the test
// names it) when it exists. When it does not, Need skips the test, or,
// with CI set and the shared folder present, fails it.
func Need(t testing.TB, path string) string {
	t.Helper()
	_, err := os.Stat(path)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		if root := Root(); root != "" {
			if _, rerr := os.Stat(root); rerr == nil {
				t.Fatalf("%s: %v (CI with the shared data at %s present: a suite never skips)", path, err, root)
				return ""
			}
		}
	}
	t.Skipf("no %s (the shared data sits beside the repository in ../shared): %v", path, err)
	return ""
}

// Have reports whether path, shared data beside the repository, is there:
// a suite that also runs on data the repository holds reads it when it is,
// and goes on without it when it is not. In CI (CI set) with the shared
// folder present, a missing path fails the test as Need does.
func Have(t testing.TB, path string) bool {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return true
	}
	if os.Getenv("CI") != "" {
		if root := Root(); root != "" {
			if _, err := os.Stat(root); err == nil {
				t.Fatalf("%s is missing (CI with the shared data at %s present: a suite never drops it)", path, root)
			}
		}
	}
	t.Logf("no %s beside the repository: running on the repository's own data only", path)
	return false
}
