// Package fault is the fault injection both emulators share: the --fault
// syntax, and which call a fault hits (the nth, the first N, a rate). What
// a fault looks like on the wire is each emulator's own.
package fault

import (
	"fmt"
	"github.com/vpnscope/vpnscope/api"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Kind is what goes wrong.
type Kind string

const (
	Throttle    Kind = "throttle"     // 400 Throttling.User
	Unavailable Kind = "503"          // 503 ServiceUnavailable
	Internal    Kind = "500"          // 500 InternalError
	Truncate    Kind = "truncate"     // 200 with half a JSON body
	Malformed   Kind = "malformed"    // 200 with an HTML body
	NumericCode Kind = "numeric-code" // 400 whose Code is a number
	Hang        Kind = "hang"         // no answer until the client gives up
	Forbidden   Kind = "forbidden"    // 403 Forbidden.RAM
	Latency     Kind = "latency"      // answer, but after Delay
	Lost        Kind = "lost"         // do the action, then never answer
	Oversize    Kind = "oversize"     // 200 with each list 4× the rows the page asked for
)

// kinds is every Kind, in the order help lists them.
var kinds = []Kind{Throttle, Unavailable, Internal, Truncate, Malformed, NumericCode, Hang, Lost, Forbidden, Latency, Oversize}

// KindNames is every kind's name, for help and error messages.
func KindNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// Fault is one injected failure. Which calls it hits: those of Action (all
// when empty), then the Nth of them only, or the First N, or each with
// probability Rate, or all when none of these is set.
type Fault struct {
	Kind   Kind
	Action string
	Nth    int
	First  int
	Rate   float64
	Delay  time.Duration // for latency only
	// never is set by Parse for first=0 and rate=0: a fault that hits no
	// call, as those say (a script sweeping rates from 0 means none).
	never bool
}

// Parse reads the --fault syntax: kind[:key=value,...], for example
// "throttle:first=3", "503:rate=0.2", "hang:action=DescribeSslVpnClients",
// "latency:delay=2s,rate=0.5". At most one of nth, first and rate; nth
// counts from 1; first=0 and rate=0 hit no call; action names one
// (CheckActions checks it is served); only latency takes a delay.
func Parse(s string) (Fault, error) {
	kind, opts, _ := strings.Cut(strings.TrimSpace(s), ":")
	f := Fault{Kind: Kind(kind)}
	if !slices.Contains(kinds, f.Kind) {
		return f, fmt.Errorf("fault %q: kind must be one of %s", s, strings.Join(KindNames(), ", "))
	}
	var pairs []string
	if opts != "" {
		pairs = strings.Split(opts, ",")
	}
	var which []string // nth, first, rate: which calls
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return f, fmt.Errorf("fault %q: %q is not key=value", s, kv)
		}
		var err error
		switch k {
		case "action":
			f.Action = v
			if v == "" {
				err = fmt.Errorf("needs a name, e.g. action=DescribeVpnGateways (leave action= out to fault every call)")
			}
		case "nth":
			f.Nth, err = strconv.Atoi(v)
			if err == nil && f.Nth < 1 {
				err = fmt.Errorf("nth counts calls from 1")
			}
		case "first":
			f.First, err = strconv.Atoi(v)
			if err == nil && f.First < 0 {
				err = fmt.Errorf("first must be 0 or more")
			}
			f.never = f.First == 0
		case "rate":
			f.Rate, err = strconv.ParseFloat(v, 64)
			if err == nil && !(f.Rate >= 0 && f.Rate <= 1) {
				err = fmt.Errorf("rate must be within 0..1")
			}
			f.never = f.Rate == 0
		case "delay":
			f.Delay, err = time.ParseDuration(v)
			if err == nil && f.Delay < 0 {
				err = fmt.Errorf("delay must not be negative")
			}
			// Only latency waits a given time (hang and lost wait for the
			// client to give up).
			if err == nil && f.Kind != Latency {
				err = fmt.Errorf("only latency takes a delay (%s would ignore it)", f.Kind)
			}
		default:
			err = fmt.Errorf("unknown key (want action, nth, first, rate, delay)")
		}
		if err != nil {
			return f, fmt.Errorf("fault %q: %s: %v", s, k, err)
		}
		if k == "nth" || k == "first" || k == "rate" {
			which = append(which, k)
		}
	}
	if len(which) > 1 {
		return f, fmt.Errorf("fault %q: %s: say which calls with one of nth, first and rate", s, strings.Join(which, " and "))
	}
	if f.Kind == Latency && f.Delay == 0 {
		// It would parse and add nothing.
		return f, fmt.Errorf("fault %q: latency needs delay=D, e.g. latency:delay=2s", s)
	}
	return f, nil
}

// ActionError is a fault whose action the emulator does not serve: it
// would inject nothing.
type ActionError struct {
	Fault   Fault
	Closest []string // the served actions nearest to Fault.Action, if any is near
	Served  []string // every action served, sorted
}

func (e *ActionError) Error() string {
	msg := fmt.Sprintf("fault %s:action=%s: the emulator serves no such action", e.Fault.Kind, e.Fault.Action)
	if len(e.Closest) > 0 {
		return msg + "; did you mean " + strings.Join(e.Closest, " or ") + "? It serves " + strings.Join(e.Served, ", ")
	}
	return msg + "; it serves " + strings.Join(e.Served, ", ")
}

// CheckActions refuses a fault whose action is none of served (the
// actions an emulator answers), naming the closest one: a misspelt action
// matches no call, so the fault would silently inject nothing.
func CheckActions(faults []Fault, served []string) error {
	for _, f := range faults {
		if f.Action == "" || slices.Contains(served, f.Action) {
			continue
		}
		e := &ActionError{Fault: f, Served: slices.Sorted(slices.Values(served))}
		best := -1
		for _, a := range e.Served {
			d := api.EditDistance(strings.ToLower(f.Action), strings.ToLower(a))
			switch {
			case d > max(2, len(a)/4) || (best >= 0 && d > best):
			case d == best:
				e.Closest = append(e.Closest, a)
			default:
				e.Closest, best = []string{a}, d
			}
		}
		return e
	}
	return nil
}

// Injector decides, per call, which fault (if any) applies.
type Injector struct {
	mu     sync.Mutex
	faults []Fault
	seen   []int // matching calls seen, per fault
	rng    *rand.Rand
}

// NewInjector injects faults.
func NewInjector(faults []Fault) *Injector {
	fi := &Injector{rng: rand.New(rand.NewPCG(1, 2))}
	fi.Set(faults)
	return fi
}

// Set replaces the faults (and resets their counters).
func (fi *Injector) Set(faults []Fault) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = append([]Fault(nil), faults...)
	fi.seen = make([]int, len(faults))
}

// Pick returns the faults that hit this call of action: at most one
// failure, plus any latency.
func (fi *Injector) Pick(action string) (fail *Fault, delay time.Duration) {
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
		case f.never:
			hit = false
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
		if f.Kind == Latency {
			delay += f.Delay
		} else if fail == nil {
			fc := *f
			fail = &fc
		}
	}
	return fail, delay
}
