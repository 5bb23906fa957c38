package flowdiff

import (
	"math/rand"
	"testing"
)

// lcs is the length of a longest common subsequence, by dynamic
// programming: the oracle of align.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// align's script is valid (every element once, in order, pairs equal) and
// as short as can be (its pairs are a longest common subsequence), on
// random sequences over small alphabets.
func TestAlignIsShortest(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	words := []string{"GET /", "GET /login", "POST /login", "GET /cb", "GET /api", "GET /logout"}
	for n := 0; n < 3000; n++ {
		gen := func() []string {
			s := make([]string, rnd.Intn(14))
			for i := range s {
				s[i] = words[rnd.Intn(1+n%len(words))]
			}
			return s
		}
		a, b := gen(), gen()
		es := align(a, b)
		i, j, pairs := 0, 0, 0
		for _, e := range es {
			switch {
			case e.i >= 0 && e.j >= 0:
				if e.i != i || e.j != j || a[e.i] != b[e.j] {
					t.Fatalf("%q %q: bad pair %+v", a, b, e)
				}
				i, j, pairs = i+1, j+1, pairs+1
			case e.i >= 0:
				if e.i != i {
					t.Fatalf("%q %q: removal %+v out of order", a, b, e)
				}
				i++
			default:
				if e.j != j {
					t.Fatalf("%q %q: addition %+v out of order", a, b, e)
				}
				j++
			}
		}
		if i != len(a) || j != len(b) {
			t.Fatalf("%q %q: script covers %d and %d", a, b, i, j)
		}
		if want := lcs(a, b); pairs != want {
			t.Fatalf("%q %q: %d pairs, the LCS has %d", a, b, pairs, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"/api/accounts/{id-12}/items":       "/api/accounts/{id}/items",
		"/invite/%7Btoken-3%7D":             "/invite/{token}",
		"/x/%7btoken-3%7d/{uuid-1}":         "/x/{token}/{uuid}",
		"_ga_{token-2}":                     "_ga_{token}",
		"/a?state=redacted-state-14&x=1":    "/a?state=redacted-state&x=1",
		"redacted-cookie-6-1868b":           "redacted-cookie-6-1868b",
		"/{id}/{id-}/{-1}/{ID-1}/{id-1x}/%": "/{id}/{id-}/{-1}/{ID-1}/{id-1x}/%",
		"/plain/path":                       "/plain/path",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
