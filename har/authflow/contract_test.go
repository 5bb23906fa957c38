package authflow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// contractDoc is the repository's own statement of the contract (the JSON
// of inspect, kinds, finding codes with severity, cause and fix).
const contractDoc = "../../docs/contract.md"

// TestContractDocListsEveryCode: every finding code the package can report
// has its row in docs/contract.md, with the severity it is reported with
// (taken from the code's generated positive capture), and the document
// lists no code the package does not know. Adding a code without
// documenting it fails here.
func TestContractDocListsEveryCode(t *testing.T) {
	doc, err := os.ReadFile(contractDoc)
	if err != nil {
		t.Fatal(err)
	}
	rowRE := regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\| (error|warning|info) \\| [^|]+\\| [^|]+\\| [^|]+\\|$")
	documented := map[string]string{}
	for _, m := range rowRE.FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = m[2]
	}
	for _, fc := range findingCases {
		pos := classifyFile(t, filepath.Join("testdata", fc.positive))
		i := slices.IndexFunc(pos.Findings, func(f Finding) bool { return f.Code == fc.code })
		if i < 0 {
			t.Errorf("%s: not reported by %s", fc.code, fc.positive)
			continue
		}
		sev, ok := documented[fc.code]
		switch {
		case !ok:
			t.Errorf("%s: no row | `%s` | severity | when | cause | fix | in %s", fc.code, fc.code, contractDoc)
		case sev != string(pos.Findings[i].Severity):
			t.Errorf("%s: %s says %s, it is reported as %s", fc.code, contractDoc, sev, pos.Findings[i].Severity)
		}
	}
	for _, c := range Codes() {
		if _, ok := documented[c]; !ok {
			t.Errorf("%s: in Codes but not in %s", c, contractDoc)
		}
	}
	for c := range documented {
		if !slices.Contains(Codes(), c) {
			t.Errorf("%s: %s lists a code the package does not know", c, contractDoc)
		}
	}
	// The kinds too.
	for _, k := range []Kind{KindAuthRedirect, KindIdP, KindCallback, KindApp, KindAsset, KindAPI, KindLogout, KindIdPLogout, KindLogoutCallback, KindOther} {
		if !strings.Contains(string(doc), "| `"+string(k)+"` |") {
			t.Errorf("kind %s has no row in %s", k, contractDoc)
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
