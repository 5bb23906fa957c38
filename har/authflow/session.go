package authflow

import (
	"strings"

	"github.com/seqdoc/seqdoc/har"
)

// shardOf splits a shard's name: "AWSELBAuthSessionCookie-1" is shard 1 of
// "AWSELBAuthSessionCookie".
func shardOf(name string) (base string, n int, ok bool) {
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || i == len(name)-1 {
		return name, 0, false
	}
	k := 0
	for _, ch := range name[i+1:] {
		if ch < '0' || ch > '9' {
			return name, 0, false
		}
		k = k*10 + int(ch-'0')
		if k > 1000 {
			return name, 0, false
		}
	}
	return name[:i], k, true
}

// sessionBases are the base names of the ALB session cookie: the default
// and every sharded name a successful callback set (the rule's
// SessionCookieName).
type sessionBases map[string]bool

func findSessionBases(obs []*obs, r *roles) sessionBases {
	b := sessionBases{"AWSELBAuthSessionCookie": true}
	for _, o := range obs {
		if !r.alb[o.out.Host] || !isCallbackPath(o.out.Path) || !isRedirect(o.out.Status) {
			continue
		}
		for _, s := range o.setCookies {
			if base, _, ok := shardOf(s.name); ok && !strings.HasPrefix(base, "AWSALB") {
				b[base] = true
			}
		}
	}
	return b
}

// isShard: name is a shard of the ALB session cookie.
func (b sessionBases) isShard(name string) bool {
	if strings.HasPrefix(name, "AWSELBAuthSessionCookie") {
		return true
	}
	base, _, ok := shardOf(name)
	return ok && b[base]
}

// logical is the name shards share: AWSELBAuthSessionCookie-1 and
// AWSALBAPP-2 belong to AWSELBAuthSessionCookie and AWSALBAPP; cookies whose
// names carried a value belong to their family: _ga_{token-1} and
// _ga_{token-2} to _ga_{token-N} (har.NameFamily).
func (b sessionBases) logical(name string) string {
	base, _, ok := shardOf(name)
	if ok && (b.isShard(name) || base == "AWSALBAPP") {
		return base
	}
	if family, ok := har.NameFamily(name); ok {
		return family
	}
	return name
}

// carriesSession: the request sent the ALB session cookie whole. The ALB
// needs shard 0: without it (a logout that expired only -0 leaves -1, -2 …
// behind) there is no session.
func (b sessionBases) carriesSession(o *obs) bool {
	for _, rc := range o.reqCookies {
		if !b.isShard(rc.name) || rc.size == 0 {
			continue
		}
		if _, n, ok := shardOf(rc.name); !ok || n == 0 {
			return true
		}
	}
	return false
}

// expiresSession: the response expired a shard of the ALB session cookie.
func (b sessionBases) expiresSession(o *obs) bool {
	for _, s := range o.setCookies {
		if s.expired && b.isShard(s.name) {
			return true
		}
	}
	return false
}

// appSessionCookies are common application session cookie names (lower
// case): the one list the cookie-attributes finding and the knowledge
// base's "application session cookie" read (isAppSessionCookie).
var appSessionCookies = map[string]bool{
	"jsessionid": true, "phpsessid": true, "asp.net_sessionid": true, "connect.sid": true,
	"laravel_session": true, "_session_id": true, "sessionid": true, "session": true, "sid": true,
	"seraph.confluence": true, "ci_session": true, "cfid": true, "cftoken": true,
	".aspnetcore.session": true, ".aspnetcore.cookies": true, "express.sid": true, "koa.sess": true,
}

// isAppSessionCookie: name is a framework's session cookie (Java, PHP,
// ASP.NET, Express, Koa, Rails' _APP_session, Laravel, ColdFusion …).
func isAppSessionCookie(name string) bool {
	n := strings.ToLower(name)
	return appSessionCookies[n] || strings.HasPrefix(n, "aspsessionid") || (strings.HasPrefix(n, "_") && strings.HasSuffix(n, "_session"))
}
