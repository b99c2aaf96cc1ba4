package api

import (
	"strings"
	"sync"
	"sync/atomic"
)

// intern keeps one copy of the short values that repeat across thousands of
// rows (statuses, algorithms, modes, zones, gateway IPs, subnets): the SDK
// decodes each occurrence into its own allocation, which for 100,000
// connections adds tens of megabytes. The table is bounded, so odd input
// cannot grow it without limit; past the bound values are kept as they are.
var (
	internTable sync.Map // string -> string
	internCount atomic.Int64
)

const (
	internMaxLen     = 48
	internMaxEntries = 1 << 16
)

func intern(s string) string {
	if s == "" || len(s) > internMaxLen {
		return s
	}
	if v, ok := internTable.Load(s); ok {
		return v.(string)
	}
	if internCount.Load() >= internMaxEntries {
		return s
	}
	v, loaded := internTable.LoadOrStore(s, strings.Clone(s))
	if !loaded {
		internCount.Add(1)
	}
	return v.(string)
}
