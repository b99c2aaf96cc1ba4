package alibaba

import (
	"bytes"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// The screens as a 16-colour terminal and a NO_COLOR one receive them,
// escape codes and all: on 16 colours only the basic colours (degraded in
// yellow, down in red), under NO_COLOR no colour at all, only bold and
// reverse video. The text goldens elsewhere compare the words; these the
// colours. `go test ./tui/alibaba -update` rewrites them.
func TestGoldenColourProfiles(t *testing.T) {
	for _, profile := range []struct {
		name string
		p    colorprofile.Profile
	}{{"16-colours", colorprofile.ANSI}, {"no-color", colorprofile.Ascii}} {
		for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s/%dx%d", profile.name, size.w, size.h), func(t *testing.T) {
				h := newHarness(t, size.w, size.h, emulator.Config{})
				h.Send(tea.ColorProfileMsg{Profile: profile.p})
				screen := func() []byte {
					var b bytes.Buffer
					w := &colorprofile.Writer{Forward: &b, Profile: profile.p}
					if _, err := w.WriteString(h.App.Render()); err != nil {
						t.Fatal(err)
					}
					return b.Bytes()
				}
				t.Run("gateways", func(t *testing.T) { golden.RequireEqual(t, screen()) })
				h.Keys("enter")
				t.Run("connections", func(t *testing.T) { golden.RequireEqual(t, screen()) })
				if profile.p == colorprofile.Ascii {
					if out := screen(); bytes.Contains(out, []byte("[3")) || bytes.Contains(out, []byte(";3")) {
						t.Errorf("a colour under NO_COLOR: %q", out)
					}
				} else if out := screen(); !bytes.Contains(out, []byte("\x1b[33m")) || !bytes.Contains(out, []byte("\x1b[1;31m")) {
					t.Errorf("no basic yellow and bold red on 16 colours")
				}
			})
		}
	}
}
