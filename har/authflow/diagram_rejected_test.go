package authflow

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/har"
)

// TestDiagramMarksRejectedSignIn: a rejected or failed sign-in is marked
// on the diagram by a note over its arrows, right after its answer, linking
// to the finding that says why (the wrong-password diagram showed the
// rejected POST as one more 200). The stand-in's recorded scenarios, in the
// repository.
func TestDiagramMarksRejectedSignIn(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		want     []string // the notes' texts, in order
	}{
		{"wrong-password", []string{"Sign-in rejected (login-failed)"}},
		{"callback-500", []string{"Sign-in failed at the callback (callback-500)"}},
		{"idp-error", []string{"Sign-in stopped by the IdP (idp-error)"}},
		{"happy", nil},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			log, entries, err := har.ReadFile(filepath.Join("..", "..", "internal", "standin", "testdata", "captures", tc.scenario, "capture.har"), har.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			f := Classify(log, entries)
			for _, all := range []bool{false, true} {
				d := f.Diagram(DiagramOptions{All: all})
				var got []string
				for i, it := range d.Items {
					n, ok := it.(*model.Note)
					if !ok || !strings.HasSuffix(n.ID, "f") {
						continue
					}
					got = append(got, n.Text)
					code := strings.TrimPrefix(n.Link, "#finding-")
					entry := strings.TrimSuffix(strings.TrimPrefix(n.ID, "e"), "f")
					found := false
					for _, x := range f.Findings {
						for _, e := range x.Entries {
							found = found || x.Code == code && entry == strconv.Itoa(e)
						}
					}
					if !found {
						t.Errorf("note %q (id %s) links to %s, which is not a finding of entry %s: %+v", n.Text, n.ID, n.Link, entry, f.Findings)
					}
					// Right after the answer of that entry, over its arrows.
					prev, ok := d.Items[i-1].(*model.Message)
					if !ok || prev.ID != "e"+entry+"r" || len(n.Participants) != 2 || n.Participants[0] != prev.To || n.Participants[1] != prev.From || n.Placement != model.Over {
						t.Errorf("note %q is not on the answer of entry %s: after %+v, over %v", n.Text, entry, d.Items[i-1], n.Participants)
					}
				}
				if strings.Join(got, "|") != strings.Join(tc.want, "|") {
					t.Errorf("all=%v: notes %q, want %q", all, got, tc.want)
				}
				if err := d.Validate(); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
