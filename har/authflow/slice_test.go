package authflow

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// TestClassifyPartOfCapture: the classifier numbers the entries it is given
// itself and uses Entry.Index for its output only, so that any run of a
// capture's entries (entries[k:], as seqdoc diff or check may hand it)
// classifies without a panic, and everything the flow names is an entry it
// was given, by its Index.
func TestClassifyPartOfCapture(t *testing.T) {
	var caps []string
	for _, g := range []string{genDir + "/*.har", independentDir + "/*.har"} {
		m, _ := filepath.Glob(g)
		caps = append(caps, m...)
	}
	if len(caps) < 50 {
		t.Fatalf("only %d captures", len(caps))
	}
	for _, p := range caps {
		log, entries, err := har.ReadFile(p, har.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		har.Redact(log, entries, RedactOptions(nil))
		for _, k := range []int{1, 3, len(entries) / 2, len(entries) - 1} {
			if k < 0 || k >= len(entries) {
				continue
			}
			t.Run(fmt.Sprintf("%s[%d:]", filepath.Base(p), k), func(t *testing.T) {
				part := entries[k:]
				var f *Flow
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("Classify(log, entries[%d:]) panicked: %v", k, r)
						}
					}()
					f = Classify(log, part)
				}()
				checkIndexes(t, f, part)
			})
		}
	}
}

// checkIndexes: every entry index a flow names (findings, cookies,
// headers) is the Index of an entry it was given.
func checkIndexes(t *testing.T, f *Flow, given []*har.Entry) {
	t.Helper()
	ok := map[int]bool{}
	for i, e := range f.Entries {
		if e.Index != given[i].Index {
			t.Fatalf("entry %d has Index %d, want the given %d", i, e.Index, given[i].Index)
		}
		ok[e.Index] = true
	}
	check := func(what string, xs []int) {
		for _, x := range xs {
			if !ok[x] {
				t.Errorf("%s names entry %d, which is not among those given (%d to %d)", what, x, given[0].Index, given[len(given)-1].Index)
			}
		}
		if !slices.IsSorted(xs) && what != "finding logout-keeps-alb-session" && what != "finding silent-reauth" && what != "finding xhr-auth-redirect" {
			t.Errorf("%s names %v, not in order", what, xs)
		}
	}
	for _, x := range f.Findings {
		check("finding "+x.Code, x.Entries)
		if pos := f.FindingPos("c.har", x); len(x.Entries) > 0 && f.Entry(x.Entries[0]) == nil {
			t.Errorf("finding %s: no entry %d (%s)", x.Code, x.Entries[0], pos)
		}
	}
	for _, c := range f.Cookies {
		check("cookie "+c.Name+" set_by", c.SetBy)
		check("cookie "+c.Name+" sent_in", c.SentIn)
		check("cookie "+c.Name+" expired_by", c.ExpiredBy)
	}
	for _, h := range f.Headers {
		check("header "+h.Name, h.Entries)
	}
}
