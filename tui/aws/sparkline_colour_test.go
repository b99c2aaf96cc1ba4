package aws

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The tunnels view's history at 16 colours and under NO_COLOR, at 80x24
// and 160x48 (issue 25): the state line reads as blocks without colour
// (▇ up, ▁ down), and NO_COLOR draws no colour at all.
func TestTheTunnelsHistoryGoldenColourProfiles(t *testing.T) {
	for _, profile := range []struct {
		name string
		p    colorprofile.Profile
	}{{"16-colours", colorprofile.ANSI}, {"no-color", colorprofile.Ascii}} {
		for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s/%dx%d", profile.name, size.w, size.h), func(t *testing.T) {
				h, _ := newAWSHarness(t, size.w, size.h, false)
				h.Send(tea.ColorProfileMsg{Profile: profile.p})
				openHQBackupTunnels(t, h)
				h.MustShow("traffic, last 12m", "PSK changed")
				var b bytes.Buffer
				w := &colorprofile.Writer{Forward: &b, Profile: profile.p}
				if _, err := w.WriteString(h.App.Render()); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, b.Bytes())
				plain := ansi.Strip(b.String())
				if !strings.Contains(plain, strings.Repeat("▁", 6)) || !strings.Contains(plain, strings.Repeat("▇", 20)) {
					t.Errorf("the state lines are not readable as blocks:\n%s", plain)
				}
				if profile.p == colorprofile.Ascii && (bytes.Contains(b.Bytes(), []byte("[3")) || bytes.Contains(b.Bytes(), []byte(";3"))) {
					t.Errorf("a colour under NO_COLOR: %q", b.String())
				}
			})
		}
	}
}
