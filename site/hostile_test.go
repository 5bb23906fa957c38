package site

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

// pwn is markup that sets window.__pwned when a browser runs it.
const pwn = `<script>window.__pwned=true</script><img src=x onerror="window.__pwned=true">`

// hostileHAR is a capture of a sign-in whose URLs, header names, cookie
// names and page title carry markup and script, and a header value terminal
// escape sequences.
func hostileHAR() []byte {
	h := func(name, value string) map[string]string { return map[string]string{"name": name, "value": value} }
	entry := func(method, url string, status int, reqH, respH []map[string]string) map[string]any {
		return map[string]any{
			"startedDateTime": "2026-01-02T03:04:05.000Z", "time": 12,
			"request": map[string]any{"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": reqH,
				"cookies": []any{}, "queryString": []any{}, "headersSize": -1, "bodySize": 0},
			"response": map[string]any{"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "headers": respH,
				"cookies": []any{}, "content": map[string]any{"size": 0, "mimeType": "text/html"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
			"cache": map[string]any{}, "timings": map[string]any{"send": 0, "wait": 10, "receive": 2},
		}
	}
	app := "https://app.example.com"
	idp := "https://x.auth.eu-west-1.amazoncognito.com"
	log := map[string]any{"log": map[string]any{
		"version": "1.2", "creator": map[string]any{"name": pwn, "version": "1"},
		"pages": []any{map[string]any{"startedDateTime": "2026-01-02T03:04:05.000Z", "id": "p1", "title": pwn, "pageTimings": map[string]any{}}},
		"entries": []any{
			entry("GET", app+"/"+pwn, 302, []map[string]string{h("X-"+pwn, pwn)},
				[]map[string]string{h("server", "awselb/2.0"), h("location", idp+"/oauth2/authorize?client_id="+pwn+"&redirect_uri="+app+"/oauth2/idpresponse&response_type=code&scope=openid&state=s"),
					h("set-cookie", "AWSALBAuthNonce=abc; Path=/; Secure; HttpOnly"), h(pwn, pwn)}),
			entry("GET", idp+"/oauth2/authorize?client_id="+pwn+"&response_type=code&scope=openid&state=s", 302, nil,
				[]map[string]string{h("location", idp+"/login?client_id=x"), h("x-amz-cognito-request-id", "r1")}),
			entry("GET", app+"/oauth2/idpresponse?code=c&state=s", 302, []map[string]string{h("cookie", "AWSALBAuthNonce=abc; "+pwn+"=1")},
				[]map[string]string{h("server", "awselb/2.0"), h("location", app+"/"), h("set-cookie", "AWSELBAuthSessionCookie-0=v; Path=/; Secure; HttpOnly"),
					h("set-cookie", `<img src=x onerror="window.__pwned=true">=1; Path=/`)}),
			entry("GET", app+"/?"+pwn, 200, []map[string]string{h("cookie", "AWSELBAuthSessionCookie-0=v")},
				[]map[string]string{h("server", "nginx\x1b]0;pwned\x07\x1b[31m")}), // terminal escapes
		},
	}}
	b, _ := json.Marshal(log)
	return b
}

func hostileSite() fstest.MapFS {
	title := strings.ReplaceAll(pwn, `"`, `\"`)
	return fstest.MapFS{
		"_index.md":       file("---\ntitle: \"" + title + "\"\n---\n"),
		"app/index.md":    file("---\ntitle: \"" + title + "\"\ndescription: \"" + title + "\"\n---\n" + pwn + "\n\n```seqdoc steps\nall: true\n```\n\n```seqdoc glossary\n```\n\n```seqdoc findings\n```\n"),
		"app/capture.har": &fstest.MapFile{Data: hostileHAR()},
	}
}

// TestHostileCaptureEscaped builds the hostile capture with the real
// reader, redactor and classifier: no output file holds the markup as
// markup, and the page shows it as text.
func TestHostileCaptureEscaped(t *testing.T) {
	res, err := NewBuilder(Options{Content: hostileSite()}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("build error: %s", e)
	}
	for name, data := range res.Files {
		for _, bad := range []string{"<script>window", "<img src=x", "onerror=\"window", "\x1b", "\x07"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("%s contains %q unescaped", name, bad)
			}
		}
	}
	page := string(res.Files["app/index.html"])
	if !strings.Contains(page, "X-&lt;script&gt;window.__pwned=true&lt;/script&gt;") && !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("the hostile strings do not show as text:\n%s", page)
	}
}
