package typo

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 10, 3},
		{"particpant", "participant", 10, 1}, // a deletion
		{"usernmae", "username", 10, 1},      // a swap of adjacent letters
		{"ca", "abc", 10, 3},                 // a swap is not edited again
		{"", "abc", 10, 3},
		{"same", "same", 10, 0},
		{"a", "abcdefgh", 3, 3},    // lengths alone reach the limit
		{"abcdef", "uvwxyz", 2, 2}, // stopped at the limit
		{"sequencediagram", "sequencediagarm", 3, 1},
	} {
		if got := Distance(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

// TestDistanceLimitAgrees: the limit only caps the distance, it never
// changes one below it (the early stop is exact).
func TestDistanceLimitAgrees(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "acb", "participant", "particpant", "partcipiant", "note", "nteo", "autonumber", "username", "usrname"}
	for _, a := range words {
		for _, b := range words {
			full := Distance(a, b, 100)
			for limit := 1; limit <= 12; limit++ {
				if got := Distance(a, b, limit); got != min(full, limit) {
					t.Errorf("Distance(%q, %q, %d) = %d, want %d", a, b, limit, got, min(full, limit))
				}
			}
		}
	}
}
