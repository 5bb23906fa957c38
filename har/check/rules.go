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
const findingsPage = "https://github.com/seqdoc/seqdoc/blob/main/content/guides/findings.md"

// ruleTable lists every finding code of har/authflow in its order.
func ruleTable() []rule {
	rs := make([]rule, len(authflow.Codes))
	for i, code := range authflow.Codes {
		rs[i] = rule{
			Code:     code,
			Severity: usualSeverity(code),
			Summary:  "seqdoc finding " + code,
			Help:     "The finding's message names the entries of the capture, the likely cause and the fix; the cookbook's page on findings explains " + code + ".",
			HelpURI:  findingsPage + "#" + code,
		}
	}
	return rs
}

// usualSeverity is DESIGN.md's severity of each code (a switch, not a
// map: no work at start-up); a code it does not know is a warning.
func usualSeverity(code string) authflow.Severity {
	switch code {
	case authflow.CodeLogoutKeepsALBSession, authflow.CodeRedirectLoop, authflow.CodeXHRAuthRedirect,
		authflow.CodeCallback401, authflow.CodeCallback500, authflow.CodeCallback561, authflow.CodeIdPError,
		authflow.CodeCookieHeaderTooLarge:
		return authflow.SeverityError
	case authflow.CodeLoginFailed, authflow.CodeSanitizedCapture:
		return authflow.SeverityInfo
	}
	return authflow.SeverityWarning
}
