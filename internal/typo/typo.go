// Package typo measures how far a mistyped word is from the one meant: the
// edit distance behind seqdoc's "did you mean" hints (Mermaid keywords,
// --keep-param names).
package typo

// Distance is the edit distance between a and b, counting an insertion, a
// deletion, a substitution or a swap of two adjacent bytes as one edit
// (optimal string alignment), or limit when it is limit or more: it stops
// as soon as no alignment can come in under limit. It compares bytes, as
// the ASCII names and keywords it is used on are.
func Distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		// A row's least value never falls in the rows below it (a swap
		// reaches back two rows, plus one edit), so none can end under it.
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
