package api

import (
	"fmt"
	"strings"
	"time"
)

// How every screen and every line of output writes an empty value and an
// age, so that the same thing reads the same everywhere.

// OrDash is s, or "-" when it is empty.
func OrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// CouldNotRead is what stands in for a value a failed call should have
// given, never "-" (which says there is none): "could not read
// (ec2:DescribeCustomerGateways)", the call named as the permission it
// needs, so the fix is one look at the policy away. service is the
// permission's prefix (ec2, vpc).
func CouldNotRead(service string, err error) string {
	if e, _ := AsError(err); e != nil && e.Action != "" {
		return "could not read (" + service + ":" + e.Action + ")"
	}
	return "could not read"
}

// Age says how long ago t was, compactly and in a fixed shape: 45s, 12m,
// 3h05m, 4d; "-" for no time, 0s for a time ahead of now.
func Age(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return "0s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

// AgeWords is Age as words: "3h05m ago", or "just now" for a time not yet
// a second old (or ahead of now).
func AgeWords(now, t time.Time) string {
	if now.Sub(t) < time.Second {
		return "just now"
	}
	return Age(now, t) + " ago"
}

// EditDistance is the Levenshtein distance between a and b, in bytes (the
// names it compares, flags and actions, are ASCII): what "did you mean"
// suggestions rank by.
func EditDistance(a, b string) int {
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

// JoinAnd lists "a", "a and b", "a, b and c".
func JoinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// OneOrMany is one when n is 1, else many: "is" or "are", "route" or
// "routes".
func OneOrMany(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
