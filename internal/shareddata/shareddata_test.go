package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeT records what Need does instead of stopping the test.
type fakeT struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Skipf(string, ...any)  { f.skipped = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }

func TestNeed(t *testing.T) {
	if Root() == "" || filepath.Base(Root()) != "shared" {
		t.Fatalf("Root() = %q, want the shared folder beside the module", Root())
	}
	self, _ := os.Getwd()
	if got := Need(t, self); got != self {
		t.Errorf("Need(existing) = %q", got)
	}
	missing := filepath.Join(Root(), "no-such-file-of-shareddata")
	for _, c := range []struct {
		ci              string
		skipped, failed bool
	}{{"", true, false}, {"true", false, true}} {
		t.Setenv("CI", c.ci)
		ft := &fakeT{TB: t}
		Need(ft, missing)
		_, rootErr := os.Stat(Root())
		if rootErr != nil && c.ci != "" {
			// No shared folder at all: CI skips too.
			c.skipped, c.failed = true, false
		}
		if ft.skipped != c.skipped || ft.failed != c.failed {
			t.Errorf("CI=%q: skipped %v failed %v, want %v %v", c.ci, ft.skipped, ft.failed, c.skipped, c.failed)
		}
	}
}
