package api

// Nearest is the candidate fewest edits from typed (Levenshtein, in
// bytes: ids are ASCII), the first of equals; "" without candidates. It
// says what a misspelt id was meant to be: "us-esat-1" → "us-east-1".
func Nearest(typed string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := EditDistance(typed, c); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
