package authflow

import (
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

// PublicParams are the OAuth 2.0 and OpenID Connect request parameters
// whose values carry no secret, as docs/contract.md's redaction contract lists
// them: Cognito's authorize, login and logout parameters, and those an
// OIDC IdP (Okta, Entra ID, Auth0, Keycloak …) takes beside them. Values
// of every other parameter are secrets (state, nonce, code, login_hint,
// code_challenge, id_token_hint …).
var PublicParams = []string{
	"client_id", "redirect_uri", "response_type", "scope", "logout_uri", "identity_provider", "lang",
	"post_logout_redirect_uri", "response_mode", "prompt", "code_challenge_method", "ui_locales",
}

// RedactOptions are the options every capture is redacted with (package
// capture): the public parameters above, the OAuth error codes (findings
// name them), and the names whose values the user keeps on purpose.
func RedactOptions(keep []string) har.RedactOptions {
	return har.RedactOptions{KeepParams: keep, PublicParams: PublicParams, PublicValue: publicValue}
}

// publicValue keeps the value of an `error` parameter when it is an OAuth
// 2.0 error code (RFC 6749 4.1.2.1: invalid_request, redirect_mismatch …);
// any other `error` value, and `error_description` (free text), stay
// secrets.
func publicValue(param, value string) bool {
	return strings.EqualFold(param, "error") && oauthErrorCode(value) != ""
}

// oauthErrorCode returns v when it has the shape of an OAuth 2.0 error code
// ("redirect_mismatch": a lower-case letter, then 2 to 63 lower-case
// letters or '_'), else "". The redactor keeps such values and turns any
// other into a placeholder ("redacted-error-1"), which is not a code: the
// one rule both sides read.
func oauthErrorCode(v string) string {
	if len(v) < 3 || len(v) > 64 || v[0] < 'a' || v[0] > 'z' {
		return ""
	}
	for i := 1; i < len(v); i++ {
		if c := v[i]; (c < 'a' || c > 'z') && c != '_' {
			return ""
		}
	}
	return v
}
