package authflow

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/golden"
)

// contractDoc is the repository's own statement of the contract (the JSON
// of inspect, kinds, finding codes with severity, cause and fix).
const contractDoc = "../../docs/contract.md"

// findingsGuide is the cookbook's page that explains every finding.
const findingsGuide = "../../content/guides/findings.md"

// ruleRows is docs/contract.md's table of findings, written from the rule
// table: a row per rule, in its order.
func ruleRows() string {
	var b strings.Builder
	b.WriteString("| code | severity | when | likely cause | fix |\n|---|---|---|---|---|\n")
	for _, r := range Rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.Code, r.Severity, r.When, r.Cause, r.Fix)
	}
	return b.String()
}

// TestContractDocListsEveryCode: docs/contract.md's table of findings is
// the rule table's (ruleRows): a rule added, or its text changed, without
// the document fails here, and -update writes the table into it. The kinds
// have their rows too.
func TestContractDocListsEveryCode(t *testing.T) {
	b, err := os.ReadFile(contractDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "| code | severity | when | likely cause | fix |\n")
	if start < 0 {
		t.Fatalf("%s has no table of findings (| code | severity | when | likely cause | fix |)", contractDoc)
	}
	end := start + strings.Index(doc[start:], "\n\n") + 1
	if end <= start {
		end = len(doc)
	}
	if got, want := doc[start:end], ruleRows(); got != want {
		if golden.Update() {
			if err := os.WriteFile(contractDoc, []byte(doc[:start]+want+doc[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Errorf("%s's table of findings is not the rule table's (go test -run TestContractDocListsEveryCode -update writes it):\n%s", contractDoc, golden.Diff(got, want))
		}
	}
	for _, k := range []Kind{KindAuthRedirect, KindIdP, KindCallback, KindApp, KindAsset, KindAPI, KindLogout, KindIdPLogout, KindLogoutCallback, KindOther} {
		if !strings.Contains(doc, "| `"+string(k)+"` |") {
			t.Errorf("kind %s has no row in %s", k, contractDoc)
		}
	}
}

// TestFindingsGuideFollowsTheTable: the cookbook's findings page has a
// section per rule, in the table's order, headed by its code (the anchor
// HelpURL links to) and opening with its severity; and none for a code the
// table does not know.
func TestFindingsGuideFollowsTheTable(t *testing.T) {
	b, err := os.ReadFile(findingsGuide)
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile("(?m)^## ([a-z0-9-]+)\n\n\\*\\*(error|warning|info)\\*\\*\\.")
	var got []string
	for _, m := range heading.FindAllStringSubmatch(string(b), -1) {
		r := RuleFor(m[1])
		switch {
		case r == nil:
			t.Errorf("%s explains %s, a code no rule reports", findingsGuide, m[1])
		case string(r.Severity) != m[2]:
			t.Errorf("%s: %s says %s, the table %s", findingsGuide, m[1], m[2], r.Severity)
		}
		got = append(got, m[1])
	}
	if want := Codes(); !slices.Equal(got, want) {
		t.Errorf("%s's sections (## code, then **severity**.) are %v, want the table's %v", findingsGuide, got, want)
	}
	for _, r := range Rules {
		if !strings.HasPrefix(r.HelpURL(), FindingsPage+"#") || !strings.HasSuffix(FindingsPage, strings.TrimPrefix(findingsGuide, "../..")) {
			t.Errorf("%s: help URL %s is not the findings page's section", r.Code, r.HelpURL())
		}
	}
}

// TestFindingJSONHasSeverity: inspect --json gives each finding its code,
// severity, entries and message, as the contract says (severity was left
// out of the JSON).
func TestFindingJSONHasSeverity(t *testing.T) {
	for _, fc := range findingCases {
		var b strings.Builder
		if err := WriteJSON(&b, classifyFile(t, filepath.Join("testdata", fc.positive))); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Findings []map[string]json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
			t.Fatal(err)
		}
		for _, f := range doc.Findings {
			var keys []string
			for k := range f {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if strings.Join(keys, ",") != "code,entries,message,severity" {
				t.Errorf("%s: finding fields %v, want code, severity, entries, message", fc.positive, keys)
			}
			if s := string(f["severity"]); s != `"error"` && s != `"warning"` && s != `"info"` {
				t.Errorf("%s: severity %s", fc.positive, s)
			}
		}
	}
}
