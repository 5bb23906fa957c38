package authflow

import (
	"encoding/json"

	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// sharedDir is ../shared relative to the repository root.
const sharedDir = "../../../shared"

type labelFile struct {
	Entries []struct {
		Index    int    `json:"index"`
		Kind     string `json:"kind"`
		Phase    string `json:"phase"`
		AWSSteps []int  `json:"aws_steps"`
		// Undecidable (independent captures only) says why the capture
		// cannot show this entry's truth (a sanitized copy without the
		// cookie that decides it); checkLabels skips such entries.
		Undecidable string `json:"undecidable"`
	} `json:"entries"`
	Expected  []string `json:"expected_findings"`
	Forbidden []string `json:"forbidden_findings"`
	Canaries  []string `json:"canaries"`
}

func readLabels(t *testing.T, path string) *labelFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var l labelFile
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &l
}

// classifyFile reads, redacts and classifies a capture.
func classifyFile(t testing.TB, path string) *Flow {
	t.Helper()
	log, entries, err := har.ReadFile(path, har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	har.Redact(log, entries, RedactOptions(nil))
	return Classify(log, entries)
}

// classifyStream classifies a capture as package capture's pipeline does:
// entry by entry with a Classifier, each redacted first, the log's fields
// as they become known.
func classifyStream(t testing.TB, path string) *Flow {
	t.Helper()
	r, err := har.Open(path, har.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	red := har.NewRedactor(RedactOptions(nil))
	c := NewClassifier(r.Log())
	for n := 0; ; n++ {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			red.Log(r.Log())
		}
		red.Entry(e)
		c.Add(e)
	}
	red.Log(r.Log())
	return c.Flow()
}

func browserFixtures(t *testing.T) []string {
	dir := filepath.Join(sharedDir, "fixtures", "har-browser")
	hars, _ := filepath.Glob(filepath.Join(dir, "*.har"))
	if len(hars) == 0 {
		t.Skipf("no browser fixtures in %s (the shared folder is absent)", dir)
	}
	return hars
}

func codes(f *Flow) []string {
	var cs []string
	for _, x := range f.Findings {
		cs = append(cs, x.Code)
	}
	return cs
}

// checkLabels compares a flow with ground-truth labels: kind, phase and
// steps of every entry, expected findings present, forbidden ones absent.
func checkLabels(t *testing.T, name string, f *Flow, l *labelFile, steps bool) {
	t.Helper()
	if len(f.Entries) != len(l.Entries) {
		t.Fatalf("%s: %d entries, labels have %d", name, len(f.Entries), len(l.Entries))
	}
	for i, want := range l.Entries {
		got := f.Entries[i]
		if want.Undecidable != "" {
			continue
		}
		if string(got.Kind) != want.Kind || string(got.Phase) != want.Phase || (steps && !reflect.DeepEqual(got.Steps, orEmpty(want.AWSSteps))) {
			t.Errorf("%s #%d %s %s: got %s/%s/%v, want %s/%s/%v (%s)", name, i, got.Method, got.URL,
				got.Kind, got.Phase, got.Steps, want.Kind, want.Phase, want.AWSSteps, got.Why)
		}
	}
	have := codes(f)
	for _, c := range l.Expected {
		if !slices.Contains(have, c) {
			t.Errorf("%s: expected finding %s not reported (got %v)", name, c, have)
		}
	}
	for _, c := range l.Forbidden {
		if slices.Contains(have, c) {
			t.Errorf("%s: forbidden finding %s reported: %s", name, c, findingMsg(f, c))
		}
	}
}

func orEmpty(x []int) []int {
	if x == nil {
		return []int{}
	}
	return x
}

func findingMsg(f *Flow, code string) string {
	for _, x := range f.Findings {
		if x.Code == code {
			return x.Message
		}
	}
	return ""
}

func TestBrowserFixtures(t *testing.T) {
	for _, h := range browserFixtures(t) {
		name := filepath.Base(h)
		t.Run(name, func(t *testing.T) {
			l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
			f := classifyFile(t, h)
			checkLabels(t, name, f, l, true)
			// Nothing the flow holds carries a secret.
			b, err := json.Marshal(struct {
				F *Flow
				P []Participant
				G []GlossaryRow
			}{f, f.Participants, Glossary(f)})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range l.Canaries {
				if len(c) >= 6 && strings.Contains(string(b), c) {
					t.Errorf("secret %.12s… reached the flow", c)
				}
			}
		})
	}
}
