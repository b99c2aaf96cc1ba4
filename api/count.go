package api

import "fmt"

// Count is n and a noun, singular for one: "1 region", "3 regions".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
