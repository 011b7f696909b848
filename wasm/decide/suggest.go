package decide

// Suggest returns the candidate closest to s by edit distance (counted in
// characters), or "" when none is close. It is the one did-you-mean of
// Tebiki: the core's own messages use it, and so does every part of the
// generator (unknown keys, words, IDs and commands).
func Suggest(s string, candidates []string) string {
	return suggest(s, len(candidates), func(i int) string { return candidates[i] })
}

// suggest is Suggest over n candidates given by at.
func suggest(s string, n int, at func(int) string) string {
	best, bestD := "", len(s)/2+2
	for i := range n {
		c := at(i)
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	var rb []rune
	for _, r := range b {
		rb = append(rb, r)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	i := 0
	for _, ra := range a {
		i++
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
