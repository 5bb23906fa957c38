package standin

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
	"time"
)

// serveApp is the application behind the ALB (the target). It trusts the
// X-Amzn-Oidc-* headers, as an app behind an ALB does.
func (s *StandIn) serveApp(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	switch p := r.URL.Path; {
	case p == "/static/app.css":
		static(w, "text/css; charset=utf-8", appCSS)
	case p == "/static/app.js":
		static(w, "application/javascript; charset=utf-8", appJS)
	case p == "/static/logo.svg":
		// An image the browser may keep: a second visit takes it from
		// its cache (no request reaches the ALB).
		h.Set("Cache-Control", "public, max-age=3600")
		static(w, "image/svg+xml", logoSVG)
	case p == "/favicon.ico":
		static(w, "image/x-icon", string(favicon))
	case p == "/api/rates":
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"base":"EUR","rates":{"CHF":0.9398,"GBP":0.8571,"JPY":162.6067,"USD":1.0855},"timestamp":%d}`+"\n", time.Now().Unix())
	case p == "/api/me":
		// The debug echo that real apps have: the ALB's headers (secrets
		// in a body: redaction drops bodies).
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"alb_headers": map[string]string{
			"x-amzn-oidc-accesstoken": r.Header.Get("X-Amzn-Oidc-Accesstoken"),
			"x-amzn-oidc-identity":    r.Header.Get("X-Amzn-Oidc-Identity"),
			"x-amzn-oidc-data":        r.Header.Get("X-Amzn-Oidc-Data"),
		}})
	case p == "/logout":
		s.appLogout(w, r)
	case p == "/logged-out":
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Signed out</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;margin:40px}</style></head>
<body><h1 id="signed-out">You have signed out</h1><p><a id="sign-in-again" href="/">Sign in again</a></p></body></html>
`)
	case p == "/" || p == "/wallet" || p == "/history":
		s.appPage(w, r)
	default:
		http.NotFound(w, r)
	}
}

func static(w http.ResponseWriter, mime, body string) {
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Last-Modified", "Mon, 17 Nov 2025 09:30:00 GMT")
	w.Header().Set("Etag", fmt.Sprintf(`"%08x"`, len(body)*2654435761%(1<<32)))
	io.WriteString(w, body)
}

func (s *StandIn) appPage(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie("JSESSIONID"); err != nil {
		v := strings.ToUpper(randomHex(16))
		s.canary(v)
		w.Header().Add("Set-Cookie", "JSESSIONID="+v+"; Path=/; Secure; HttpOnly; SameSite=Lax")
	}
	user := "someone"
	if c := r.Header.Get("X-Amzn-Oidc-Identity"); c != "" {
		user = s.opts.User
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Overview</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/favicon.ico">
<script src="/static/app.js" defer></script>
</head>
<body>
<header>
<strong><img src="/static/logo.svg" alt="" width="20" height="20"> `+html.EscapeString(s.opts.AppHost)+`</strong>
<span>Signed in as <b id="user-name">`+html.EscapeString(user)+`</b> &middot; <a id="sign-out" href="/logout">Sign out</a></span>
</header>
<main>
<h1>Overview</h1>
<p id="rates-status" class="muted"></p>
<button id="refresh-rates" type="button">Refresh rates</button>
<table><tbody id="rates"></tbody></table>
<pre id="me"></pre>
</main>
</body>
</html>
`)
}

// appLogout expires the application's session and the ALB's session
// cookie (every shard that came), then sends the browser to Cognito's
// /logout, as AWS advises; the knobs leave out parts of it.
func (s *StandIn) appLogout(w http.ResponseWriter, r *http.Request) {
	past := "Thu, 01 Jan 1970 00:00:00 GMT"
	w.Header().Add("Set-Cookie", "JSESSIONID=; Path=/; Max-Age=0; Expires="+past+"; Secure; HttpOnly; SameSite=Lax")
	if !s.opts.LogoutKeepsALBCookie {
		for i := 0; i < 4; i++ {
			name := fmt.Sprintf("%s-%d", sessionCookie, i)
			if _, err := r.Cookie(name); err != nil || (i > 0 && s.opts.LogoutFirstShardOnly) {
				continue
			}
			w.Header().Add("Set-Cookie", name+"=; Expires="+past+"; Max-Age=-1; Path=/; Secure; HttpOnly")
		}
	}
	loc := hostURL(s.opts.CognitoHost, "/logout?"+query("client_id", s.clientID, "logout_uri", s.logoutURI()))
	if s.opts.LogoutSkipsCognito {
		loc = s.logoutURI()
	}
	w.Header().Set("Cache-Control", "no-store")
	redirect(w, loc)
}

const appCSS = `:root{--ink:#1f2933;--accent:#0b7285}
body{margin:0;font-family:system-ui,sans-serif;color:var(--ink);background:#f5f7fa}
header{display:flex;justify-content:space-between;padding:12px 24px;background:var(--accent);color:#fff}
header a{color:#fff}
main{max-width:860px;margin:24px auto;padding:0 24px}
.error{color:#ab091e}
.muted{color:#7b8794;font-size:13px}
`

const appJS = `(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  async function getJSON(url) {
    var res = await fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }
  async function loadRates() {
    var status = $('rates-status');
    status.className = 'muted';
    status.textContent = 'Loading exchange rates...';
    try {
      var data = await getJSON('/api/rates');
      var body = $('rates');
      body.textContent = '';
      Object.keys(data.rates).forEach(function (cur) {
        var tr = document.createElement('tr');
        tr.innerHTML = '<td>' + cur + '</td><td>' + data.rates[cur].toFixed(4) + '</td>';
        body.appendChild(tr);
      });
      status.textContent = 'Base ' + data.base;
    } catch (err) {
      status.className = 'error';
      status.textContent = 'Could not load exchange rates (' + err.message + '): sign in again.';
    }
  }
  async function loadMe() {
    try { await getJSON('/api/me'); $('me').textContent = 'session ok'; } catch (err) { $('me').textContent = 'no session'; }
  }
  document.addEventListener('DOMContentLoaded', function () {
    $('refresh-rates').addEventListener('click', loadRates);
    loadRates().then(loadMe);
  });
})();
`

const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><circle cx="10" cy="10" r="9" fill="#fff"/><text x="10" y="14" font-size="11" text-anchor="middle" fill="#0b7285">¤</text></svg>`
