package standin

import (
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// loginPage writes the hosted UI's sign-in page: the classic page (the
// form twice, for small and for large screens, one of them hidden, as the
// real page has it) or a managed login page (one form, a button).
func (s *StandIn) loginPage(w http.ResponseWriter, r *http.Request, xsrf, errMsg string) {
	action := html.EscapeString("/login?" + r.URL.RawQuery)
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signin</title>
<style>
body{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;background:#fafafa;color:#333;margin:0}
.modal-content{max-width:330px;margin:40px auto;background:#fff;border:1px solid #ddd;border-radius:6px;padding:20px 25px;box-shadow:0 2px 6px rgba(0,0,0,.1)}
.banner-customizable{text-align:center;background:#63707e;color:#fff;padding:12px;margin:-20px -25px 15px;border-radius:6px 6px 0 0;font-weight:bold}
.inputField-customizable{width:100%;box-sizing:border-box;height:34px;padding:6px 12px;margin:4px 0 12px;border:1px solid #ccc;border-radius:4px}
.submitButton-customizable{width:100%;height:40px;background:#337ab7;color:#fff;border:0;border-radius:4px;font-size:14px}
.errorMessage-customizable{color:#a94442;background:#f2dede;border:1px solid #ebccd1;padding:8px;border-radius:4px}
.visible-xs{display:none}
@media (max-width:400px){.visible-xs{display:block}.visible-lg{display:none}}
</style>
</head>
<body>
<div class="modal-content">
<div class="banner-customizable">` + html.EscapeString(s.opts.AppHost) + `</div>
`)
	if errMsg != "" {
		b.WriteString(`<p id="loginErrorMessage" class="errorMessage-customizable">` + html.EscapeString(errMsg) + "</p>\n")
	}
	if s.opts.ManagedLogin {
		b.WriteString(`<main data-managed-login="v2">
<h1>Sign in</h1>
<form method="post" action="` + action + `">
<input type="hidden" name="_csrf" value="` + html.EscapeString(xsrf) + `">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" class="inputField-customizable" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" class="inputField-customizable" required>
<button type="submit" class="submitButton-customizable">Sign in</button>
</form>
</main>
`)
	} else {
		for i, cls := range []string{"visible-xs", "visible-lg"} {
			n := strconv.Itoa(i)
			b.WriteString(`<div class="` + cls + `">
<span class="textDescription-customizable">Sign in with your username and password</span>
<form name="cognitoSignInForm" method="post" action="` + action + `" class="cognito-asf">
<input name="_csrf" type="hidden" value="` + html.EscapeString(xsrf) + `">
<label for="signInFormUsername` + n + `">Username</label>
<input id="signInFormUsername` + n + `" name="username" type="text" class="form-control inputField-customizable" placeholder="Username" autocapitalize="none" required aria-label="Username" value="">
<label for="signInFormPassword` + n + `">Password</label>
<input id="signInFormPassword` + n + `" name="password" type="password" class="form-control inputField-customizable" placeholder="Password" required aria-label="Password">
<input name="signInSubmitButton" type="Submit" value="Sign in" class="btn btn-primary submitButton-customizable" aria-label="submit">
</form>
</div>
`)
		}
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, b.String())
}

// favicon is a 1×1 ICO.
var favicon = []byte{0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 24, 0, 48, 0, 0, 0, 22, 0, 0, 0,
	40, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x85, 0x72, 0x0b, 0, 0, 0, 0, 0}
