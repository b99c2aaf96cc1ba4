package alibaba

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	ui "github.com/vpnscope/vpnscope/tui/ui"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	tui "github.com/vpnscope/vpnscope/tui"
)

var fuzzKeys = []string{"j", "k", "g", "G", "pgdown", "pgup", "enter", "esc", "tab", "shift+tab", "/", "x", "L", "y",
	"n", "r", "d", "s", "?", "R", "enter", "up", "down", "end", "w", "l", "o", "x", "+", "-", "c", "space", "ctrl+f", "backspace", "1", "P", ":", "tab", "esc"}

// FuzzKeysAndSizes: random keys and window sizes (from 1x1 up, growing
// and shrinking) never
// panic, every frame is exactly the window's size, and the cursor never
// leaves its list.
func FuzzKeysAndSizes(f *testing.F) {
	f.Add([]byte{0, 0, 0, 6, 6, 1, 250, 20, 5, 7, 9})
	f.Add([]byte{6, 8, 3, 255, 40, 10, 2, 2, 6, 4, 19, 18})
	f.Add([]byte{10, 2, 2, 11, 12, 6, 255, 80, 24, 1})
	f.Add([]byte{255, 79, 3, 30, 255, 0, 0, 6, 255, 19, 4, 17, 255, 255, 99}) // the wizard at 80x4, then 1x1, then 300x100
	f.Add([]byte{255, 0, 0, 6, 16, 255, 0, 1, 2, 255, 1, 0, 18, 35})          // the smallest windows, opened views
	f.Add([]byte{6, 255, 19, 4, 28, 255, 0, 0, 32, 255, 255, 99})             // logs, then tiny, then huge
	f.Fuzz(func(t *testing.T, ops []byte) {
		w, hh := 80, 24
		h := &harness{Harness: tuitest.New(t, w, hh, tui.Config{Providers: []ui.Provider{NewProvider(newFakeClient(60, 300), "cn-hangzhou", "")}})}
		for i := 0; i < len(ops) && i < 200; i++ {
			op := ops[i]
			if op == 255 && i+2 < len(ops) {
				w, hh = 1+int(ops[i+1])%300, 1+int(ops[i+2])%100
				h.Send(tea.WindowSizeMsg{Width: w, Height: hh})
				i += 2
			} else {
				h.Send(tuitest.KeyMsg(fuzzKeys[int(op)%len(fuzzKeys)]))
			}
			if h.Quit {
				return
			}
			tuitest.CheckFrame(t, h.App.Render(), w, hh)
			tuitest.CheckCursor(t, &h.gateways().List)
			if opened[*gatewayView](h) {
				tuitest.CheckCursor(t, h.gateway().conns)
				tuitest.CheckCursor(t, h.gateway().clients())
				tuitest.CheckCursor(t, h.gateway().servers())
			}
		}
	})
}
