package fault

import (
	"strings"
	"testing"
)

// hits is how many of n calls a fault parsed from spec hits.
func hits(t *testing.T, spec string, n int) int {
	t.Helper()
	f, err := Parse(spec)
	if err != nil {
		t.Fatalf("%q: %v", spec, err)
	}
	in := NewInjector([]Fault{f})
	got := 0
	for range n {
		if fail, _ := in.Pick("DescribeVpnGateways"); fail != nil {
			got++
		}
	}
	return got
}

// Which calls a fault hits, as the syntax says: rate=0 and first=0 hit
// none (they used to hit every call).
func TestWhichCallsAFaultHits(t *testing.T) {
	for spec, want := range map[string]int{
		"503":               100,
		"503:rate=0":        0,
		"503:first=0":       0,
		"503:first=3":       3,
		"503:nth=2":         1,
		"503:rate=1":        100,
		"503:action=Other":  0,
		"503:rate=0.5":      -1, // some, not all
		"latency:delay=1ms": 0,  // a delay is not a failure
	} {
		got := hits(t, spec, 100)
		if want == -1 {
			if got == 0 || got == 100 {
				t.Errorf("%q hit %d of 100", spec, got)
			}
			continue
		}
		if got != want {
			t.Errorf("%q hit %d of 100, want %d", spec, got, want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, bad := range []string{"", "explode", "503:nth=0", "503:nth=-1", "503:first=-1", "503:rate=-0.1",
		"503:rate=NaN", "503:rate=2", "latency:delay=-1s", "503:nth=2,rate=0.5", "503:first=1,nth=1", "503:nth"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The kind list in messages and help is every kind.
func TestKindNamesAreEveryKind(t *testing.T) {
	_, err := Parse("explode")
	for _, k := range []Kind{Throttle, Unavailable, Internal, Truncate, Malformed, NumericCode, Hang, Forbidden, Latency, Lost, Oversize} {
		spec := string(k)
		if k == Latency {
			spec += ":delay=1s" // alone it would add nothing, and is refused
		}
		if _, perr := Parse(spec); perr != nil {
			t.Errorf("%s refused: %v", k, perr)
		}
		if !strings.Contains(err.Error(), string(k)) {
			t.Errorf("%q does not name %s", err, k)
		}
	}
}

// An empty action= used to fault every call; a delay on a kind that takes
// none was ignored. Both are refused, saying why.
func TestParseRefusesEmptyActionAndStrayDelay(t *testing.T) {
	for spec, want := range map[string]string{
		"503:action=":                "action: needs a name",
		"throttle:action=,nth=2":     "action: needs a name",
		"503:delay=1s":               "only latency takes a delay",
		"hang:delay=1s":              "only latency takes a delay",
		"throttle:first=1,delay=5ms": "only latency takes a delay",
	} {
		_, err := Parse(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", spec, err, want)
		}
	}
	if _, err := Parse("latency:delay=1s,action=DescribeVpnGateways"); err != nil {
		t.Errorf("latency with a delay and an action refused: %v", err)
	}
}

// A fault naming an action the emulator does not serve would inject
// nothing: it is refused with the closest action, and the ones served.
func TestCheckActions(t *testing.T) {
	served := []string{"DescribeVpnGateways", "DescribeVpnConnections", "DescribeRegions", "FilterLogEvents"}
	parse := func(spec string) Fault {
		f, err := Parse(spec)
		if err != nil {
			t.Fatalf("%q: %v", spec, err)
		}
		return f
	}
	ok := []Fault{parse("503"), parse("throttle:action=DescribeRegions"), parse("hang:action=FilterLogEvents")}
	if err := CheckActions(ok, served); err != nil {
		t.Errorf("served actions refused: %v", err)
	}
	for spec, want := range map[string][]string{
		"503:action=DescribeVpnGatewayz":     {"503:action=DescribeVpnGatewayz", "did you mean DescribeVpnGateways?", "DescribeRegions, DescribeVpnConnections"},
		"503:action=describevpnconnections":  {"did you mean DescribeVpnConnections?"},
		"latency:action=Frobnicate,delay=1s": {"Frobnicate", "DescribeRegions, DescribeVpnConnections, DescribeVpnGateways, FilterLogEvents"},
	} {
		err := CheckActions(append(ok, parse(spec)), served)
		if err == nil {
			t.Errorf("%q accepted", spec)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: %q does not say %q", spec, err, w)
			}
		}
	}
	if err := CheckActions([]Fault{parse("503:action=Frobnicate")}, served); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("nothing close, yet: %v", err)
	}
}

// latency without a delay parsed and added nothing.
func TestLatencyNeedsADelay(t *testing.T) {
	if _, err := Parse("latency"); err == nil || !strings.Contains(err.Error(), "latency needs delay=D") {
		t.Errorf("latency alone: %v", err)
	}
	if _, err := Parse("latency:rate=0.5"); err == nil {
		t.Error("latency:rate=0.5 without a delay accepted")
	}
}
