package api

// Nearest is the candidate fewest edits from typed (Levenshtein, in
// bytes: ids are ASCII), the first of equals; "" without candidates. It
// says what a misspelt id was meant to be: "us-esat-1" → "us-east-1".
func Nearest(typed string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := editDistance(typed, c); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
