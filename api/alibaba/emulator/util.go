package emulator

import (
	"strconv"
	"time"
)

// wallNow drives state changes (a gateway's update finishing); the data
// clock in Config.Now only stamps data.
var wallNow = time.Now

var timeZero time.Time

func itoa(n int) string { return strconv.Itoa(n) }
