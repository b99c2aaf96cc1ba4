package alibaba

import (
	"strings"
	"sync"
)

// A bounded, process-wide table of the short values that repeat across
// thousands of rows (statuses, algorithms, modes, zones, gateway IPs,
// subnets). intern returns the table's copy, so 100,000 rows share one
// "ipsec_sa_established"; packed records refer to an entry by number.
// Past the bound, values are kept as they are.
var symbols struct {
	sync.RWMutex
	index map[string]uint32
	list  []string
}

const (
	internMaxLen     = 48
	internMaxEntries = 1 << 16
)

// symbol returns s's number in the table, adding it if there is room.
func symbol(s string) (uint32, bool) {
	if s == "" || len(s) > internMaxLen {
		return 0, false
	}
	symbols.RLock()
	i, ok := symbols.index[s]
	symbols.RUnlock()
	if ok {
		return i, true
	}
	symbols.Lock()
	defer symbols.Unlock()
	if i, ok := symbols.index[s]; ok {
		return i, true
	}
	if len(symbols.list) >= internMaxEntries {
		return 0, false
	}
	if symbols.index == nil {
		symbols.index = map[string]uint32{}
	}
	s = strings.Clone(s)
	i = uint32(len(symbols.list))
	symbols.list = append(symbols.list, s)
	symbols.index[s] = i
	return i, true
}

func symbolAt(i uint32) (string, bool) {
	symbols.RLock()
	defer symbols.RUnlock()
	if int(i) >= len(symbols.list) {
		return "", false
	}
	return symbols.list[i], true
}

// Intern returns the table's copy of a short repeated value, for callers
// that keep many copies of it (the TUI's row cells).
func Intern(s string) string { return intern(s) }

func intern(s string) string {
	if i, ok := symbol(s); ok {
		v, _ := symbolAt(i)
		return v
	}
	return s
}
