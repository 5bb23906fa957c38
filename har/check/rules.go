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
		sev, ok := usualSeverity[code]
		if !ok {
			sev = authflow.SeverityWarning
		}
		rs[i] = rule{
			Code:     code,
			Severity: sev,
			Summary:  "seqdoc finding " + code,
			Help:     "The finding's message names the entries of the capture, the likely cause and the fix; the cookbook's page on findings explains " + code + ".",
			HelpURI:  findingsPage + "#" + code,
		}
	}
	return rs
}

// usualSeverity is DESIGN.md's severity of each code.
var usualSeverity = map[string]authflow.Severity{
	authflow.CodeLogoutKeepsALBSession: authflow.SeverityError,
	authflow.CodeSilentReauth:          authflow.SeverityWarning,
	authflow.CodeRedirectLoop:          authflow.SeverityError,
	authflow.CodeXHRAuthRedirect:       authflow.SeverityError,
	authflow.CodeCallback401:           authflow.SeverityError,
	authflow.CodeCallback500:           authflow.SeverityError,
	authflow.CodeCallback561:           authflow.SeverityError,
	authflow.CodeIdPError:              authflow.SeverityError,
	authflow.CodeLoginFailed:           authflow.SeverityInfo,
	authflow.CodeSessionCookieSharded:  authflow.SeverityWarning,
	authflow.CodeCookieHeaderTooLarge:  authflow.SeverityError,
	authflow.CodeCookieAttributes:      authflow.SeverityWarning,
	authflow.CodeSanitizedCapture:      authflow.SeverityInfo,
}
