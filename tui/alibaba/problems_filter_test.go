package alibaba

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// / in the problems view finds every word its rows show: the resource's
// kind ("ipsec server", "gateway"), names, ids, region, check, state,
// impact and message (issue 28, 7: /gateway and /server matched nothing).
func TestProblemsFilterFindsWhatTheRowsShow(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("P")
	h.MustShow("all regions › problems", "API calls")
	v := h.problems()
	if missing := tuitest.FilterMisses(v.List.Spec, v.List.Items); len(missing) > 0 {
		t.Fatalf("/ does not find %d words on screen, e.g. %v", len(missing), missing[:min(len(missing), 8)])
	}
	for word, want := range map[string]string{"server": "ipsec server", "gateway": "gateway hz-updating", "capacity": "ipsec server"} {
		h.Keys("/", "text:"+word, "enter")
		h.MustShow(want)
		h.MustNotShow("No loaded problems match")
		for pos := range v.List.Count() {
			if f := v.List.At(pos); !strings.Contains(strings.ToLower(f.FilterText()), word) {
				t.Fatalf("/%s shows %s", word, f.Subject())
			}
		}
		h.Keys("esc")
	}
	h.Keys("/", "text:redundancy lost", "enter")
	if v.List.Count() == 0 || v.List.Count() == len(v.List.Items) {
		t.Fatal("/redundancy lost (an impact) matched nothing")
	}
}
