package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// initBudgetMS is design.md's budget for package initialisation of the
// whole binary.
const initBudgetMS = 5.0

// BenchmarkPackageInit builds the real binary and runs `vpnscope --version`
// with GODEBUG=inittrace=1, which makes the runtime report each package's
// init time. It reports the sum per run and fails when the median run is
// over budget, naming the costliest packages. CI runs it (.ci/run).
func BenchmarkPackageInit(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "vpnscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var totals []float64
	var last map[string]float64
	for b.Loop() {
		cmd := exec.Command(bin, "--version")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s --version: %v", bin, err)
		}
		per := parseInitTrace(stderr.String())
		if len(per) == 0 {
			b.Fatalf("no inittrace lines in:\n%s", stderr.String())
		}
		var sum float64
		for _, ms := range per {
			sum += ms
		}
		totals = append(totals, sum)
		last = per
	}
	slices.Sort(totals)
	median := totals[len(totals)/2]
	b.ReportMetric(median, "init-ms")
	if median > initBudgetMS {
		b.Fatalf("package init %.2f ms, budget %.0f ms; costliest: %s", median, initBudgetMS, costliest(last, 3))
	}
}

// parseInitTrace reads lines like
// "init github.com/x/y @1.9 ms, 0.073 ms clock, 3464 bytes, 9 allocs"
// into clock milliseconds per package.
func parseInitTrace(trace string) map[string]float64 {
	per := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(trace))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		if ms, err := strconv.ParseFloat(f[4], 64); err == nil {
			per[f[1]] += ms
		}
	}
	return per
}

func costliest(per map[string]float64, n int) string {
	names := make([]string, 0, len(per))
	for name := range per {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if per[a] > per[b] {
			return -1
		}
		if per[a] < per[b] {
			return 1
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, name := range names[:min(n, len(names))] {
		parts = append(parts, name+" "+strconv.FormatFloat(per[name], 'f', 2, 64)+" ms")
	}
	return strings.Join(parts, ", ")
}

func TestParseInitTrace(t *testing.T) {
	trace := `init internal/bytealg @0.004 ms, 0 ms clock, 0 bytes, 0 allocs
init github.com/mattn/go-runewidth @1.9 ms, 22 ms clock, 18776 bytes, 44 allocs
something else on stderr
init github.com/atotto/clipboard @1.4 ms, 0.47 ms clock, 20936 bytes, 225 allocs
vpnscope dev`
	per := parseInitTrace(trace)
	if len(per) != 3 || per["github.com/mattn/go-runewidth"] != 22 || per["github.com/atotto/clipboard"] != 0.47 {
		t.Fatalf("parsed %v", per)
	}
	if got := costliest(per, 1); got != "github.com/mattn/go-runewidth 22.00 ms" {
		t.Fatalf("costliest: %q", got)
	}
}
