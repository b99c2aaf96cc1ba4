package aws

import (
	"strings"
	"testing"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// / in the AWS problems view finds every word its rows show, the impact
// and the resource's kind among them (issue 28, 7): /traffic matched
// nothing though "traffic down" led five rows.
func TestAWSProblemsFilterFindsWhatTheRowsShow(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("traffic down", "syd-office")
	p := h.App.Top().(*awsProblemsPane)
	if missing := tuitest.FilterMisses(p.List.Spec, p.List.Items); len(missing) > 0 {
		t.Fatalf("/ does not find %d words on screen, e.g. %v", len(missing), missing[:min(len(missing), 8)])
	}
	for word, want := range map[string]int{"traffic": 5, "redundancy": 4, "gateway": 1, "endpoint": 7} {
		h.Keys("/", "text:"+word, "enter")
		if got := p.List.Count(); got < want {
			t.Errorf("/%s: %d rows, want at least %d", word, got, want)
		}
		for pos := range p.List.Count() {
			if f := p.List.At(pos); !strings.Contains(strings.ToLower(f.FilterText()), word) {
				t.Fatalf("/%s shows %s", word, f.Subject())
			}
		}
		h.Keys("esc")
	}
}
