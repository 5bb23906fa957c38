package check

import (
	"github.com/seqdoc/seqdoc/har/authflow"
)

// rule is what the reports say about one finding code: SARIF's rules,
// the JUnit failure's type.
type rule struct {
	Code     string
	Severity authflow.Severity // the code's usual severity
	Summary  string            // one line: what the finding means
	Help     string            // the likely cause and the fix
	HelpURI  string            // the cookbook's page on findings, at the code
}

// findingsPage is the cookbook's page on findings; each code is a heading.
const findingsPage = authflow.FindingsPage

// ruleTable is har/authflow's rule table (authflow.Rules), in its order:
// each rule's code, severity, summary, help and link.
func ruleTable() []rule {
	rs := make([]rule, len(authflow.Rules))
	for i := range authflow.Rules {
		r := &authflow.Rules[i]
		rs[i] = rule{Code: r.Code, Severity: r.Severity, Summary: r.Summary(), Help: r.Help(), HelpURI: r.HelpURL()}
	}
	return rs
}
