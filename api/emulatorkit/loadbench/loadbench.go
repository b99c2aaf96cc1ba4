// Package loadbench drives an emulator under sustained load for a
// benchmark: many clients at once, and whether the last requests go as
// fast, and fit in as much memory, as the first. Benchmarks only; no
// emulator imports it.
package loadbench

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Window is how many requests the first and last throughput cover.
const Window = 5000

// Run makes b.N calls from clients goroutines at once; call(client, i)
// makes the i-th request on that client's own connection. With b.N of at
// least 2*Window it reports the throughput of the first and the last
// Window requests; the RSS before the end's measurement (the high-water
// mark the collector's pacing leaves); and after the first Window, half
// way and at the end, the live heap and the RSS once freed memory is
// handed back (what the process really holds).
func Run(b *testing.B, clients int, call func(client, i int) error) {
	b.Helper()
	done := make([]time.Time, b.N)
	var next, finished atomic.Int64
	var early, half memory
	var failed atomic.Value
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				if err := call(c, i); err != nil {
					failed.CompareAndSwap(nil, err)
				}
				k := finished.Add(1)
				done[k-1] = time.Now()
				if b.N >= 2*Window {
					switch k {
					case Window:
						early = measure()
					case int64(b.N / 2):
						half = measure()
					}
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	if b.N < 2*Window {
		return
	}
	peak := rss()
	late := measure()
	n := b.N
	b.ReportMetric(Window/done[Window-1].Sub(start).Seconds(), "req/s-first5k")
	b.ReportMetric(Window/done[n-1].Sub(done[n-Window-1]).Seconds(), "req/s-last5k")
	b.ReportMetric(peak, "MB-rss-raw@end")
	for _, m := range []struct {
		at  string
		mem memory
	}{{"5k", early}, {"half", half}, {"end", late}} {
		b.ReportMetric(m.mem.rssMB, "MB-rss@"+m.at)
		b.ReportMetric(m.mem.heapMB, "MB-heap@"+m.at)
	}
}

type memory struct{ rssMB, heapMB float64 }

// measure collects garbage and hands freed memory back first, so the heap
// and RSS are what is still live.
func measure() memory {
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memory{rssMB: rss(), heapMB: float64(ms.HeapAlloc) / (1 << 20)}
}

// rss is the process's resident set in MB (Linux; 0 elsewhere).
func rss() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
