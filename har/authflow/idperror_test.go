package authflow

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestIdPErrorNamesTheCode: the redactor keeps OAuth error codes, so the
// finding names the code the IdP sent and gives that code's fix; a value
// that is not a known code (Cognito's /login?error=wrong marker) gets the
// general advice, without repeating the value.
func TestIdPErrorNamesTheCode(t *testing.T) {
	cases := []struct {
		capture, want, notWant string
	}{
		{"gen/f-idp-error.har", "The IdP reported redirect_mismatch (", ""},
		{"independent/i24-invalid-scope-401.har", "The IdP reported invalid_scope (", ""},
		{"independent/i24-invalid-scope-401.sanitized.har", "openid is required", ""},
		{"independent/i33-two-wrong-passwords-no-success.har", "The IdP reported an error (", "wrong"},
	}
	for _, c := range cases {
		f := classifyFile(t, filepath.Join("testdata", c.capture))
		msg := findingMsg(f, CodeIdPError)
		if !strings.Contains(msg, c.want) {
			t.Errorf("%s: idp-error says %q, want it to contain %q", c.capture, msg, c.want)
		}
		if c.notWant != "" && strings.Contains(msg, c.notWant) {
			t.Errorf("%s: idp-error says %q, which names %q", c.capture, msg, c.notWant)
		}
	}
}
