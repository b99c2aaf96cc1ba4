package aws

import (
	"strings"
	"time"
)

// ParseTime reads the timestamps AWS writes in its answers and logs
// ("2006-01-02 15:04:05", ISO 8601 without or with a zone); zero when none
// fits.
func ParseTime(s string) time.Time {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", time.RFC3339} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}
