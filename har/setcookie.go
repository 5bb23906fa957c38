package har

import (
	"strings"
	"time"
)

// ParseSetCookie reads one Set-Cookie header line into the cookie a HAR
// lists for it: name and value, and the attributes HAR records (Path,
// Domain, Expires, HttpOnly, Secure, SameSite). Expires is written the way
// browsers export it (ISO 8601 in UTC, 2006-01-02T15:04:05.000Z) when it
// parses as an HTTP date, and kept as it is otherwise. ok is false for a
// line without a name=value pair.
func ParseSetCookie(line string) (c Cookie, ok bool) {
	first, attrs, _ := strings.Cut(line, ";")
	name, value, ok := strings.Cut(strings.TrimSpace(first), "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return Cookie{}, false
	}
	c = Cookie{Name: name, Value: strings.TrimSpace(value)}
	for attrs != "" {
		var a string
		a, attrs, _ = strings.Cut(attrs, ";")
		k, v, _ := strings.Cut(strings.TrimSpace(a), "=")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "path":
			c.Path = v
		case "domain":
			c.Domain = v
		case "expires":
			c.Expires = v
			if t, err := time.Parse(time.RFC1123, strings.ReplaceAll(v, "-", " ")); err == nil {
				c.Expires = t.UTC().Format("2006-01-02T15:04:05.000Z")
			}
		case "httponly":
			c.HTTPOnly = true
		case "secure":
			c.Secure = true
		case "samesite":
			c.SameSite = v
		}
	}
	return c, true
}
