package emulator

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind is what goes wrong.
type FaultKind string

const (
	FaultThrottle    FaultKind = "throttle"     // 400 Throttling.User
	FaultUnavailable FaultKind = "503"          // 503 ServiceUnavailable
	FaultInternal    FaultKind = "500"          // 500 InternalError
	FaultTruncate    FaultKind = "truncate"     // 200 with half a JSON body
	FaultMalformed   FaultKind = "malformed"    // 200 with an HTML body
	FaultNumericCode FaultKind = "numeric-code" // 400 whose Code is a number
	FaultHang        FaultKind = "hang"         // no answer until the client gives up
	FaultForbidden   FaultKind = "forbidden"    // 403 Forbidden.RAM
	FaultLatency     FaultKind = "latency"      // answer, but after Delay
	FaultLost        FaultKind = "lost"         // do the action, then never answer
)

// Fault is one injected failure. Which calls it hits: those of Action (all
// when empty), then the Nth of them only, or the First N, or each with
// probability Rate, or all when none of these is set.
type Fault struct {
	Kind   FaultKind
	Action string
	Nth    int
	First  int
	Rate   float64
	Delay  time.Duration // for latency
}

// ParseFault reads the --fault syntax: kind[:key=value,...], for example
// "throttle:first=3", "503:rate=0.2", "hang:action=DescribeSslVpnClients",
// "latency:delay=2s,rate=0.5".
func ParseFault(s string) (Fault, error) {
	kind, opts, _ := strings.Cut(strings.TrimSpace(s), ":")
	f := Fault{Kind: FaultKind(kind)}
	switch f.Kind {
	case FaultThrottle, FaultUnavailable, FaultInternal, FaultTruncate, FaultMalformed,
		FaultNumericCode, FaultHang, FaultForbidden, FaultLatency, FaultLost:
	default:
		return f, fmt.Errorf("fault %q: kind must be one of throttle, 503, 500, truncate, malformed, numeric-code, hang, lost, forbidden, latency", s)
	}
	if opts == "" {
		return f, nil
	}
	for _, kv := range strings.Split(opts, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return f, fmt.Errorf("fault %q: %q is not key=value", s, kv)
		}
		var err error
		switch k {
		case "action":
			f.Action = v
		case "nth":
			f.Nth, err = strconv.Atoi(v)
		case "first":
			f.First, err = strconv.Atoi(v)
		case "rate":
			f.Rate, err = strconv.ParseFloat(v, 64)
			if err == nil && (f.Rate < 0 || f.Rate > 1) {
				err = fmt.Errorf("rate must be within 0..1")
			}
		case "delay":
			f.Delay, err = time.ParseDuration(v)
		default:
			err = fmt.Errorf("unknown key (want action, nth, first, rate, delay)")
		}
		if err != nil {
			return f, fmt.Errorf("fault %q: %s: %v", s, k, err)
		}
	}
	return f, nil
}

// faultInjector decides, per call, which fault (if any) applies.
type faultInjector struct {
	mu     sync.Mutex
	faults []Fault
	seen   []int // matching calls seen, per fault
	rng    *rand.Rand
}

func newFaultInjector(faults []Fault) *faultInjector {
	fi := &faultInjector{rng: rand.New(rand.NewPCG(1, 2))}
	fi.set(faults)
	return fi
}

func (fi *faultInjector) set(faults []Fault) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = append([]Fault(nil), faults...)
	fi.seen = make([]int, len(faults))
}

// pick returns the faults that hit this call of action: at most one
// failure, plus any latency.
func (fi *faultInjector) pick(action string) (fail *Fault, delay time.Duration) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	for i := range fi.faults {
		f := &fi.faults[i]
		if f.Action != "" && f.Action != action {
			continue
		}
		fi.seen[i]++
		n := fi.seen[i]
		hit := true
		switch {
		case f.Nth > 0:
			hit = n == f.Nth
		case f.First > 0:
			hit = n <= f.First
		case f.Rate > 0:
			hit = fi.rng.Float64() < f.Rate
		}
		if !hit {
			continue
		}
		if f.Kind == FaultLatency {
			delay += f.Delay
		} else if fail == nil {
			fc := *f
			fail = &fc
		}
	}
	return fail, delay
}
