package har

import (
	"reflect"
	"testing"
)

func TestParseSetCookie(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Cookie
		ok   bool
	}{
		{"AWSELBAuthSessionCookie-0=abc; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax",
			Cookie{Name: "AWSELBAuthSessionCookie-0", Value: "abc", Path: "/", Expires: "1970-01-01T00:00:00.000Z", Secure: true, HTTPOnly: true, SameSite: "Lax"}, true},
		{"XSRF-TOKEN=x; expires=Fri, 04-Dec-2026 10:00:00 GMT; domain=.example.com",
			Cookie{Name: "XSRF-TOKEN", Value: "x", Domain: ".example.com", Expires: "2026-12-04T10:00:00.000Z"}, true},
		{" a = b ;expires=next week", Cookie{Name: "a", Value: "b", Expires: "next week"}, true},
		{`empty=""; Max-Age=0`, Cookie{Name: "empty", Value: `""`}, true},
		{"novalue", Cookie{}, false},
		{"=v; Path=/", Cookie{}, false},
	} {
		got, ok := ParseSetCookie(tc.line)
		if !reflect.DeepEqual(got, tc.want) || ok != tc.ok {
			t.Errorf("ParseSetCookie(%q) = %+v, %v; want %+v, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}
