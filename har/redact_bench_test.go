package har

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchEntries are the exchanges of a sign-in and the application's use
// afterwards, as a browser records them: the redirect to the IdP (state,
// Location), the IdP's pages, the callback (code, Set-Cookie of the ALB's
// sharded session), then pages, API calls with ids in their paths and
// assets with hashed names, each with a Referer and the session cookies.
func benchEntries(n int) []*Entry {
	rng := rand.New(rand.NewPCG(14, 14))
	token := func(al string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = al[rng.IntN(len(al))]
		}
		return string(b)
	}
	const b64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	const hex = "0123456789abcdef"
	session := token(b64url, 4000)
	alb := token(b64url, 128)
	cookie := "AWSELBAuthSessionCookie-0=" + session + "; AWSELBAuthSessionCookie-1=" + session[:900] + "; AWSALB=" + alb + "; AWSALBCORS=" + alb
	ua := "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
	app, idp := "https://app.example.com", "https://auth.example.auth.eu-west-1.amazoncognito.com"
	hdr := func(kv ...string) []NameValue {
		var hs []NameValue
		for i := 0; i < len(kv); i += 2 {
			hs = append(hs, NameValue{Name: kv[i], Value: kv[i+1]})
		}
		return hs
	}
	out := make([]*Entry, 0, n)
	for i := 0; len(out) < n; i++ {
		state := token(b64url, 32)
		authorize := idp + "/oauth2/authorize?response_type=code&client_id=4l7ubmq0t7mja1b3kqhcr9jmkd&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth2%2Fidpresponse&scope=openid&state=" + state
		flow := []*Entry{
			{Request: Request{Method: "GET", URL: app + "/", Headers: hdr(":path", "/", "user-agent", ua, "accept", "text/html")},
				Response: Response{Status: 302, Headers: hdr("location", authorize, "server", "awselb/2.0",
					"set-cookie", "AWSELBAuthSessionCookie-0=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/")}},
			{Request: Request{Method: "GET", URL: authorize, Headers: hdr("user-agent", ua, "referer", app+"/"),
				QueryString: []NameValue{{Name: "client_id", Value: "4l7ubmq0t7mja1b3kqhcr9jmkd"}, {Name: "state", Value: state}}},
				Response: Response{Status: 302, Headers: hdr("location", idp+"/login?client_id=4l7ubmq0t7mja1b3kqhcr9jmkd&state="+state,
					"set-cookie", "XSRF-TOKEN="+token(hex, 36)+"; Path=/; Secure; HttpOnly; SameSite=Lax")}},
			{Request: Request{Method: "POST", URL: idp + "/login?client_id=4l7ubmq0t7mja1b3kqhcr9jmkd&state=" + state, Headers: hdr("user-agent", ua, "referer", idp+"/login", "cookie", "XSRF-TOKEN=x"),
				PostData: &PostData{MimeType: "application/x-www-form-urlencoded", Text: "_csrf=" + token(hex, 36) + "&username=alice&password=" + token(b64url, 12)}},
				Response: Response{Status: 302, Headers: hdr("location", app+"/oauth2/idpresponse?code="+token(hex, 36)+"&state="+state)}},
			{Request: Request{Method: "GET", URL: app + "/oauth2/idpresponse?code=" + token(hex, 36) + "&state=" + state, Headers: hdr("user-agent", ua, "referer", idp+"/")},
				Response: Response{Status: 302, Headers: hdr("location", app+"/", "server", "awselb/2.0",
					"set-cookie", "AWSELBAuthSessionCookie-0="+session+"; Path=/; Secure; HttpOnly\nAWSELBAuthSessionCookie-1="+session[:900]+"; Path=/; Secure; HttpOnly")}},
		}
		for j := 0; j < 20; j++ {
			var u string
			switch j % 4 {
			case 0:
				u = fmt.Sprintf("%s/api/accounts/%d/transactions/%d?page=%d", app, 100000000+rng.IntN(1e8), rng.IntN(1e9), j)
			case 1:
				u = app + "/static/js/main." + token(hex, 8) + ".chunk.js"
			case 2:
				u = app + "/orders/" + token(hex, 8) + "-" + token(hex, 4) + "-" + token(hex, 4) + "-" + token(hex, 4) + "-" + token(hex, 12) + "/items"
			default:
				u = app + "/dashboard/settings/profile"
			}
			flow = append(flow, &Entry{
				Request: Request{Method: "GET", URL: u, Headers: hdr(":path", u[len(app):], "user-agent", ua, "accept", "*/*", "referer", app+"/dashboard", "cookie", cookie)},
				Response: Response{Status: 200, Headers: hdr("content-type", "application/json", "server", "awselb/2.0",
					"set-cookie", "AWSALB="+alb+"; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Path=/\nAWSALBCORS="+alb+"; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Path=/; SameSite=None; Secure")},
			})
		}
		out = append(out, flow...)
	}
	return out[:n]
}

// cloneEntry copies the parts of an entry that redaction rewrites.
func cloneEntry(e *Entry) *Entry {
	c := *e
	c.Request.Headers = append([]NameValue(nil), e.Request.Headers...)
	c.Request.QueryString = append([]NameValue(nil), e.Request.QueryString...)
	c.Request.Cookies = append([]Cookie(nil), e.Request.Cookies...)
	if p := e.Request.PostData; p != nil {
		pc := *p
		pc.Params = append([]Param(nil), p.Params...)
		c.Request.PostData = &pc
	}
	c.Response.Headers = append([]NameValue(nil), e.Response.Headers...)
	c.Response.Cookies = append([]Cookie(nil), e.Response.Cookies...)
	return &c
}

// BenchmarkRedact redacts a capture of 2,400 exchanges (100 sign-ins, each
// followed by 20 requests to the application): ns/op is per capture, and
// the entry/s metric what it comes to per exchange.
func BenchmarkRedact(b *testing.B) {
	src := benchEntries(2400)
	work := make([]*Entry, len(src))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i, e := range src {
			work[i] = cloneEntry(e)
		}
		b.StartTimer()
		r := NewRedactor(publicOptions)
		for _, e := range work {
			r.Entry(e)
		}
	}
	b.ReportMetric(float64(b.N*len(src))/b.Elapsed().Seconds(), "entries/s")
}
