// Package canary is a test helper: it looks for secrets ("canaries") in what
// seqdoc writes, in every form a secret could take there.
package canary

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"strings"
)

// Forms returns the forms of a secret worth looking for: as it is,
// URL-encoded (query and path), JSON-escaped (with and without HTML
// escapes) and base64-encoded (standard and URL alphabets, padded or not).
// Forms shorter than 6 bytes are left out: they match by chance.
func Forms(secret string) []string {
	var forms []string
	add := func(f string) {
		if len(f) >= 6 && !contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(secret)
	add(url.QueryEscape(secret))
	add(url.PathEscape(secret))
	if b, err := json.Marshal(secret); err == nil {
		add(string(b[1 : len(b)-1]))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(secret) == nil {
		add(strings.TrimSuffix(strings.TrimSpace(b.String()), `"`)[1:])
	}
	for _, e := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		add(e.EncodeToString([]byte(secret)))
	}
	return forms
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Find returns the forms of the secrets that data holds, each with a little
// context.
func Find(data []byte, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		for _, f := range Forms(s) {
			if i := bytes.Index(data, []byte(f)); i >= 0 {
				lo, hi := max(0, i-40), min(len(data), i+len(f)+40)
				found = append(found, f+" in …"+string(data[lo:hi])+"…")
			}
		}
	}
	return found
}

// Load reads a file of secrets, one a line; blank lines and lines starting
// with '#' are left out.
func Load(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}
