package flowdiff

// edit is one step of an alignment of a and b: both at once (i and j, equal
// keys), a removal (a[i], j = -1) or an addition (b[j], i = -1).
type edit struct{ i, j int }

// maxMyers bounds the length of the part Myers' algorithm aligns (after the
// common head and tail are taken off): its memory grows with the square of
// the number of differences. Beyond it the middle is reported as removed
// and added; flows of a few hundred exchanges never come near.
const maxMyers = 4000

// align returns a shortest edit script from a to b (Myers, "An O(ND)
// Difference Algorithm and Its Variations", 1986), in order; within a run
// of differences removals come before additions.
func align(a, b []string) []edit {
	var head, tail []edit
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		head = append(head, edit{len(head), len(head)})
		a, b = a[1:], b[1:]
	}
	off := len(head)
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
		tail = append(tail, edit{})
	}
	var mid []edit
	if len(a)+len(b) <= maxMyers {
		mid = myers(a, b)
	} else {
		for i := range a {
			mid = append(mid, edit{i, -1})
		}
		for j := range b {
			mid = append(mid, edit{-1, j})
		}
	}
	out := head
	for _, e := range mid {
		if e.i >= 0 {
			e.i += off
		}
		if e.j >= 0 {
			e.j += off
		}
		out = append(out, e)
	}
	for k := range tail {
		out = append(out, edit{off + len(a) + k, off + len(b) + k})
	}
	return removalsFirst(out)
}

// myers aligns a and b.
func myers(a, b []string) []edit {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		var out []edit
		for i := range a {
			out = append(out, edit{i, -1})
		}
		for j := range b {
			out = append(out, edit{-1, j})
		}
		return out
	}
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				x = v[max+k+1] // down: an addition
			} else {
				x = v[max+k-1] + 1 // right: a removal
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(trace, max, n, m)
			}
		}
	}
	panic("flowdiff: no alignment") // unreachable: d = n+m always reaches the end
}

// backtrack walks the trace from the end back to the start.
func backtrack(trace [][]int, max, x, y int) []edit {
	var rev []edit
	for d := len(trace) - 1; d > 0; d-- {
		v := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := v[max+pk]
		py := px - pk
		for x > px && y > py {
			rev = append(rev, edit{x - 1, y - 1})
			x, y = x-1, y-1
		}
		if x == px {
			rev = append(rev, edit{-1, y - 1})
		} else {
			rev = append(rev, edit{x - 1, -1})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, edit{x - 1, y - 1})
		x, y = x-1, y-1
	}
	out := make([]edit, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// removalsFirst orders each run of differences: removals, then additions.
func removalsFirst(es []edit) []edit {
	out := make([]edit, 0, len(es))
	for i := 0; i < len(es); {
		if es[i].i >= 0 && es[i].j >= 0 {
			out = append(out, es[i])
			i++
			continue
		}
		j := i
		for j < len(es) && (es[j].i < 0 || es[j].j < 0) {
			j++
		}
		for _, e := range es[i:j] {
			if e.j < 0 {
				out = append(out, e)
			}
		}
		for _, e := range es[i:j] {
			if e.i < 0 {
				out = append(out, e)
			}
		}
		i = j
	}
	return out
}
