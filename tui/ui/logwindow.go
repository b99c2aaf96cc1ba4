package ui

import (
	"fmt"
	"time"
)

var LogWindows = []time.Duration{10 * time.Minute, 30 * time.Minute, time.Hour, 3 * time.Hour, 12 * time.Hour, 24 * time.Hour}

// LogAnnotationLines is the room under the list for the selected line.
const LogAnnotationLines = 4

func ShortDuration(d time.Duration) string {
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%dh", int(d.Hours()))
}
