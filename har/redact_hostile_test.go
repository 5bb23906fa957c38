package har

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/golden"
)

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// hostileJWT has secrets in its claims and signature, and a header field
// that is not alg/kid/typ.
var hostileJWT = b64(`{"typ":"JWT","kid":"key-1","alg":"ES256","signer":"SECRETSIGNER"}`) + "." +
	b64(`{"sub":"SECRETSUB1","email":"SECRETMAIL@example.com","nested":{"a":"SECRETNESTED"},"exp":1795655533,"iss":"https://issuer.example.com/pool","iat":1795655413}`) + "." +
	"SECRETSIGNATURE1"

// hostileCapture hides a secret (every one contains "SECRET") in each place
// a capture can hold one.
var hostileCapture = `{"log":{"version":"1.2","creator":{"name":"t","version":"1","comment":"SECRETCREATOR"},
"comment":"SECRETLOGCOMMENT","_recording":"SECRETLOGEXT",
"pages":[{"startedDateTime":"2025-01-01T00:00:00Z","id":"p1","title":"Hello SECRETTITLE","comment":"SECRETPAGECOMMENT","pageTimings":{"onLoad":1,"comment":"SECRETPT"},"_SpeedIndex":12,"_note":"SECRETPAGEEXT"}],
"entries":[
{"startedDateTime":"2025-01-01T00:00:00Z","time":1,"comment":"SECRETENTRYCOMMENT",
 "request":{"method":"GET","url":"https://user:SECRETPW@app.example.com/cb?state=SECRETSTATE1&client_id=public-client&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Ftoken%3DSECRETNESTED1&bare_SECRETBARE#access_token=SECRETFRAG1&token_type=Bearer","httpVersion":"h2",
  "headers":[{"name":"X-Weird-Name","value":"SECRETODDHEADER"},{"name":"Token=SECRETINNAME; Path=/","value":"x"},{"name":"X-SECRETKEY9f86d081884c7d659a2f","value":"SECRETHDRVAL"},{"name":"Authorization","value":"Bearer SECRETAUTH1"},
   {"name":"x-amzn-oidc-data","value":"` + hostileJWT + `"},{"name":"Cookie","value":"a=SECRETCOOKIE1; b=SECRETCOOKIE2"},
   {"name":"Referer","value":"https://app.example.com/#SECRETFRAG2"},{"name":"accept","value":"text/html","comment":"SECRETHEADERCOMMENT"}],
  "cookies":[{"name":"a","value":"SECRETCOOKIE1","comment":"SECRETCOOKIECOMMENT","_x":"SECRETCOOKIEEXT"},{"name":"sid SECRETCOOKIENAME","value":""}],
  "queryString":[{"name":"state","value":"SECRETSTATE1"},{"name":"client_id","value":"public-client"}],
  "postData":{"mimeType":"application/json","text":"{\"password\":\"SECRETJSON1\"}","comment":"SECRETPDCOMMENT","_y":"SECRETPDEXT"},
  "headersSize":-1,"bodySize":10,"comment":"SECRETREQCOMMENT","_timestamp":"SECRETREQEXT"},
 "response":{"status":302,"statusText":"Found SECRET\u0000TEXT","httpVersion":"h2",
  "headers":[{"name":"Location","value":"https://idp.example.com/authorize?state=SECRETSTATE1&scope=openid"},
   {"name":"set-cookie","value":"s1=SECRETSET1; Path=/; Secure\ns2=SECRETSET2; Domain=example.com; Foo=SECRETATTR"},
   {"name":"WWW-Authenticate","value":"Bearer error=SECRETWWW"}],
  "cookies":[{"name":"s1","value":"SECRETSET1"}],
  "content":{"size":5,"mimeType":"text/html","text":"SECRETBODY","encoding":"base64","comment":"SECRETCONTENTCOMMENT","_file":"SECRETFILE"},
  "redirectURL":"https://idp.example.com/authorize?state=SECRETSTATE1&code=SECRETCODE1","headersSize":-1,"bodySize":0,"comment":"SECRETRESPCOMMENT","_error":"SECRETERR"},
 "cache":{"beforeRequest":{"eTag":"SECRETETAG","hitCount":1}},
 "timings":{"send":1,"wait":2,"receive":3,"comment":"SECRETTIMINGSCOMMENT","_queued":4},
 "_initiator":{"type":"script","url":"https://app.example.com/app.js?k=SECRETINIT","stack":{"callFrames":[{"functionName":"SECRETFN","lineNumber":3}]}},
 "_webSocketMessages":[{"type":"send","time":1.5,"opcode":1,"data":"SECRETWS1"},{"type":"receive","time":2,"opcode":1,"data":"{\"token\":\"SECRETWS2\"}"}],
 "_resourceType":"document","_privateThing":"SECRETEXT1"},
{"startedDateTime":"2025-01-01T00:00:01Z","time":1,
 "request":{"method":"POST","url":"https://idp.example.com/login?state=SECRETSTATE1&%7B%22k%22%3A%22SECRETQNAME%22%7D=1&SECRETAK1A2B3C4D5E6F7G8H9=","httpVersion":"h2","headers":[],"cookies":[],
  "queryString":[{"name":"{\"k\":\"SECRETQNAME\"}","value":"1"},{"name":"SECRETAK1A2B3C4D5E6F7G8H9","value":""}],
  "postData":{"mimeType":"application/x-www-form-urlencoded; charset=UTF-8","text":"username=SECRETUSER&password=SECRET%21PW&client_id=public-client&SECRETLONE&%7B%22otp%22%3A%22SECRETPARAMNAME%22%7D=&sk_live_SECRET4eC39HqLyjWDarjt=1",
   "params":[{"name":"username","value":"SECRETUSER"},{"name":"password","value":"SECRET%21PW"},{"name":"client_id","value":"public-client"},{"name":"{\"otp\":\"SECRETPARAMNAME\"}","value":""},{"name":"sk_live_SECRET4eC39HqLyjWDarjt","value":"1"}]},
  "headersSize":-1,"bodySize":-1},
 "response":{"status":200,"statusText":"OK","httpVersion":"h2","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":-1},
 "timings":{"send":1,"wait":1,"receive":1}},
{"startedDateTime":"2025-01-01T00:00:02Z","time":1,
 "request":{"method":"POST","url":"https://app.example.com/upload","httpVersion":"h2","headers":[],"cookies":[],"queryString":[],
  "postData":{"mimeType":"multipart/form-data; boundary=x","text":"--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nSECRETMULTI\r\n--x--",
   "params":[{"name":"f","value":"SECRETMULTI"},{"name":"doc","fileName":"SECRETNAME.pdf","contentType":"application/pdf"}]},
  "headersSize":-1,"bodySize":-1},
 "response":{"status":200,"statusText":"OK","httpVersion":"h2","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":-1},
 "timings":{"send":1,"wait":1,"receive":1}},
{"startedDateTime":"2025-01-01T00:00:03Z","time":1,
 "request":{"method":"PUT","url":"data:text/plain;base64,U0VDUkVU","httpVersion":"h2","headers":[],"cookies":[],"queryString":[],
  "postData":{"text":"SECRETNOMIME"},"headersSize":-1,"bodySize":-1},
 "response":{"status":200,"statusText":"OK","httpVersion":"h2","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":-1},
 "timings":{"send":1,"wait":1,"receive":1}}
]}}`

func TestRedactHostile(t *testing.T) {
	if !json.Valid([]byte(hostileCapture)) {
		t.Fatal("the test capture is not JSON")
	}
	out := redactToBytes(t, "hostile.har", []byte(hostileCapture), publicOptions)
	// Any letter case: a placeholder named after a name that held a
	// secret would carry it in lower case ("redacted-token-secretinname-…").
	for _, secret := range []string{"SECRET", "U0VDUkVU", b64(`{"sub":"SECRETSUB1"`)[:20]} {
		if i := bytes.Index(bytes.ToLower(out), bytes.ToLower([]byte(secret))); i >= 0 {
			lo, hi := max(0, i-120), min(len(out), i+60)
			t.Errorf("secret %q survives: …%s…", secret, out[lo:hi])
		}
	}
	again := redactToBytes(t, "again.har", out, publicOptions)
	if !bytes.Equal(out, again) {
		t.Errorf("not idempotent:\n%s", firstDiff(out, again))
	}

	l, es, err := readEntries(bytes.NewReader(out), "hostile.har", true)
	if err != nil {
		t.Fatal(err)
	}
	e := es[0]
	// Public things stay.
	if got := e.Request.URL; !strings.HasPrefix(got, "https://redacted-userinfo-1@app.example.com/cb?state=redacted-state-1&client_id=public-client&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Ftoken%3Dredacted-token-1&") {
		t.Errorf("url: %s", got)
	}
	if got := e.Request.Header("Authorization"); got != "Bearer redacted-authorization-1" {
		t.Errorf("Authorization keeps its scheme only: %q", got)
	}
	if got := e.Request.Header("accept"); got != "text/html" {
		t.Errorf("public header changed: %q", got)
	}
	// Stable placeholders: the state of the URL comes back in Location,
	// redirectURL and the next entry.
	for _, got := range []string{e.Response.Header("Location"), e.Response.RedirectURL, es[1].Request.URL, e.Request.QueryString[0].Value} {
		if !strings.Contains(got, "redacted-state-1") {
			t.Errorf("state placeholder not stable: %q", got)
		}
	}
	if got := e.Response.RedirectURL; !strings.Contains(got, "code=redacted-code-1") {
		t.Errorf("code: %q", got)
	}
	// Cookies: names, attributes and sizes stay.
	if got := e.Request.Header("Cookie"); got != "a=redacted-cookie-1-13b; b=redacted-cookie-2-13b" {
		t.Errorf("Cookie: %q", got)
	}
	if got := e.Response.Header("set-cookie"); got != "s1=redacted-cookie-3-10b; Path=/; Secure\ns2=redacted-cookie-4-10b; Domain=example.com; Foo=redacted-cookie-attribute-1" {
		t.Errorf("Set-Cookie: %q", got)
	}
	if n, ok := PlaceholderSize(e.Request.Cookies[0].Value); !ok || n != len("SECRETCOOKIE1") {
		t.Errorf("cookie size lost: %q", e.Request.Cookies[0].Value)
	}
	// The JWT keeps alg/kid/typ, claim names, iss/exp/iat; no signature.
	jwt := e.Request.Header("x-amzn-oidc-data")
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 || parts[2] != "redacted" {
		t.Fatalf("jwt: %q", jwt)
	}
	h, _ := base64.RawURLEncoding.DecodeString(parts[0])
	c, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if string(h) != `{"seqdoc":"redacted","typ":"JWT","kid":"key-1","alg":"ES256"}` {
		t.Errorf("jwt header: %s", h)
	}
	if string(c) != `{"sub":"redacted-sub-1","email":"redacted-email-1","nested":"redacted-nested-1","exp":1795655533,"iss":"https://issuer.example.com/pool","iat":1795655413}` {
		t.Errorf("jwt claims: %s", c)
	}
	// Bodies: form field names and MIME type stay; other text goes.
	if p := es[1].Request.PostData; p.Text != "username=redacted-username-1&password=redacted-password-1&client_id=public-client&redacted-param-3&redacted-param-name-3=&redacted-param-name-4=redacted-param-2" || p.Params[0].Name != "username" || p.Params[2].Value != "public-client" {
		t.Errorf("form body: %+v", p)
	}
	// A parameter "name" that is not a name (an exporter that parsed a JSON
	// body as a form leaves the body in a field's name), or that has a
	// key's shape, is a secret too, with the same placeholder in the URL,
	// queryString, the form's text and params.
	if got, want := es[1].Request.URL, "https://idp.example.com/login?state=redacted-state-1&redacted-param-name-1=redacted-param-2&redacted-param-name-2="; got != want {
		t.Errorf("url with a JSON parameter name:\n got %s\nwant %s", got, want)
	}
	if q := es[1].Request.QueryString; len(q) != 2 || q[0].Name != "redacted-param-name-1" || q[0].Value != "redacted-param-2" || q[1].Name != "redacted-param-name-2" {
		t.Errorf("queryString: %+v", q)
	}
	if p := es[1].Request.PostData; !strings.HasSuffix(p.Text, "&redacted-param-name-3=&redacted-param-name-4=redacted-param-2") || p.Params[3].Name != "redacted-param-name-3" || p.Params[4].Name != "redacted-param-name-4" {
		t.Errorf("form with a JSON field name and a key as a field name: %+v", p)
	}
	// A header whose name holds a value: name and value become placeholders,
	// the value's not named after the name.
	if h := e.Request.Headers[2]; h.Name != "redacted-header-name-2" || h.Value != "redacted-header-2" {
		t.Errorf("header with a key as its name: %+v", h)
	}
	if p := es[2].Request.PostData; p.Text != "" || p.Params[0].Name != "f" || p.MimeType != "multipart/form-data; boundary=x" {
		t.Errorf("multipart body: %+v", p)
	}
	if e.Response.Content.Size != 5 || e.Response.Content.MimeType != "text/html" || e.Response.Content.Text != "" {
		t.Errorf("content: %+v", e.Response.Content)
	}
	// Extension fields keep their structure and public values.
	if got := string(e.Extra.Get("_webSocketMessages")); got != `[{"type":"send","time":1.5,"opcode":1,"data":"redacted-data-1"},{"type":"receive","time":2,"opcode":1,"data":"redacted-data-2"}]` {
		t.Errorf("_webSocketMessages: %s", got)
	}
	if got := e.ResourceType(); got != "document" {
		t.Errorf("_resourceType: %q", got)
	}
	if got := l.Pages[0].Extra.Get("_SpeedIndex"); string(got) != "12" {
		t.Errorf("numbers in extensions: %s", got)
	}
}

func TestRedactKeepParam(t *testing.T) {
	out := redactToBytes(t, "hostile.har", []byte(hostileCapture), RedactOptions{KeepParams: []string{"Username", "X-Weird-Name"}, PublicParams: publicOptions.PublicParams})
	for _, want := range []string{"username=SECRETUSER&password=redacted-password-1", `"value": "SECRETODDHEADER"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("--keep-param did not keep %q", want)
		}
	}
	if bytes.Contains(out, []byte("SECRET%21PW")) {
		t.Error("--keep-param username kept the password too")
	}
}

func TestPlaceholderRevealsNothing(t *testing.T) {
	// Two captures whose secrets differ get the same placeholders: the
	// placeholder depends on order and kind only, never on the value.
	a, b := NewRedactor(publicOptions), NewRedactor(publicOptions)
	if pa, pb := a.URL("https://x/?state=one"), b.URL("https://x/?state=two"); pa != pb {
		t.Errorf("%q vs %q", pa, pb)
	}
	for s, want := range map[string]bool{
		"redacted-": false, "redacted-state-12": true, "redacted-cookie-3-4096b": true, "redacted-b": false,
		"redacted-1": true, "redacted-State-1": false, "redacted-state-1x": false, "xredacted-state-1": false,
		"redacted-state-1b": true, "redacted-a_b-2": true, "redacted-a.b-2": false, "redacted-state-": false,
	} {
		if IsPlaceholder(s) != want {
			t.Errorf("IsPlaceholder(%q) = %v", s, !want)
		}
	}
	if n, ok := PlaceholderSize("redacted-cookie-3-4096b"); !ok || n != 4096 {
		t.Errorf("PlaceholderSize: %d %v", n, ok)
	}
}

// TestRedactHostileGolden keeps the whole redacted hostile capture in
// testdata, so that a change to redaction shows as a reviewed diff
// (go test ./har -run HostileGolden -update).
func TestRedactHostileGolden(t *testing.T) {
	out := redactToBytes(t, "hostile.har", []byte(hostileCapture), publicOptions)
	goldenPath := filepath.Join("testdata", "hostile.redacted.golden.har")
	if golden.Update() {
		if err := os.WriteFile(goldenPath, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("redacted hostile capture differs from %s (run -update and review the diff):\n%s", goldenPath, firstDiff(want, out))
	}
}

// FuzzRedact: redacting any header, URL or form body never panics, and
// redacting the result again changes nothing.
func FuzzRedact(f *testing.F) {
	f.Add("Cookie", "a=1; b=SECRET", "https://u:p@h/p?state=s&client_id=c#x=1", "username=a&password=b")
	f.Add("Set-Cookie", "s=\"v\"; Path=/; Foo=bar\nt=2", "/login?redirect_uri=https%3A%2F%2Fa%2Fcb%3Ftoken%3Dx", "a")
	f.Add("Authorization", "Bearer "+hostileJWT, "data:text/plain;base64,QQ==", "&&=&")
	f.Add("x-amzn-oidc-data", hostileJWT, "https://a/#"+hostileJWT, "code="+hostileJWT)
	// Values in paths and cookie names.
	f.Add("Cookie", "wordpress_logged_in_5c0d1e2f3a4b5c6d=v; _pk_id.1.a1b2=x; a.alice@example.com.b=1", "https://app/invite/3q2-7wEjxK_9aB4c/accept?token=3q2-7wEjxK_9aB4c", "token=3q2-7wEjxK_9aB4c")
	f.Add("Set-Cookie", "AMP_5e6f7a8b9c=v; Path=/users/alice@example.com/", "/users/alice%40example.com/x;jsessionid=1A2B3C4D5E", "a=%7Bid-1%7D")
	f.Add("Location", "/t/"+hostileJWT+"/view", "blob:https://h/6f1c2d3e-4b5a-4c3d-8e9f-0a1b2c3d4e5f.js", "x={token-1}-9b")
	f.Add("Referer", "//h/api/accounts/123456789/x/{id-1}", "mailto:alice@example.com", "redirect_uri=%2Fcb%2F123456")
	// Kept parameters carrying a URL encoded twice, or an app's own scheme.
	f.Add("Location", "com.example.app:/cb/0f1e2d3c4b5a69788796a5b4c3d2e1f0?code=1", "/s?redirect_uri=https%253A%252F%252Fa%252Finvite%252FHq4Wm7Zr2Tx9Lp5Kd8Nv3Bc6", "redirect_uri=com.example.app%3A%2F%2Fcb%2F%257Btoken-1%257D")
	f.Fuzz(func(t *testing.T, name, value, u, form string) {
		r := NewRedactor(publicOptions)
		h, uu, q := r.header(name, value), r.URL(u), r.query(form)
		r2 := NewRedactor(publicOptions)
		if h2 := r2.header(name, h); h2 != h {
			t.Fatalf("header %q: %q then %q", name, h, h2)
		}
		if u2 := r2.URL(uu); u2 != uu {
			t.Fatalf("URL: %q then %q", uu, u2)
		}
		if q2 := r2.query(q); q2 != q {
			t.Fatalf("form: %q then %q", q, q2)
		}
	})
}
