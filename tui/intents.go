package tui

import tea "charm.land/bubbletea/v2"

// Intents: what a pane or a provider's command asks of the root. The root
// keeps the stack; a pane never reaches it.

// pushMsg asks for a pane in front. When reuse accepts a pane already in
// the stack, the root goes back to that one instead and runs what reuse
// returns.
type pushMsg struct {
	pane  pane
	cmd   tea.Cmd        // the pane's first calls
	start func() tea.Cmd // or: what starts them, called once it is in front
	reuse func(pane) (tea.Cmd, bool)
}

// openedMsg answers an open-by-id: the region it was found in and what to
// open there, or what went wrong.
type openedMsg struct {
	seq    int
	id     string
	region string
	open   func(c *common, w, h int) ([]pane, tea.Cmd)
	note   string
	err    error
}

// popMsg asks to leave the pane in front, and then for what then says.
type popMsg struct{ then tea.Cmd }

func pop() tea.Msg { return popMsg{} }

func popThen(then tea.Cmd) tea.Cmd {
	return func() tea.Msg { return popMsg{then: then} }
}

// popToRootMsg asks to leave every pane above the provider's root.
type popToRootMsg struct{}

// flashMsg asks for a note on the status line.
type flashMsg struct{ text string }

// switchRegionMsg asks to start over in another region.
type switchRegionMsg struct{ region string }

func push(p pane, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg { return pushMsg{pane: p, cmd: cmd} }
}

func popToRoot() tea.Msg { return popToRootMsg{} }

func flash(text string) tea.Cmd {
	return func() tea.Msg { return flashMsg{text: text} }
}

func switchRegion(region string) tea.Cmd {
	return func() tea.Msg { return switchRegionMsg{region: region} }
}

// settler is a result that ends every call a retry notice may be about.
type settler interface{ settled() bool }

func (m scanEventMsg) settled() bool { return m.event.Done }

// tagOpened marks cmd's open-by-id answer with seq, so that only the last
// lookup opens anything.
func tagOpened(cmd tea.Cmd, seq int) tea.Cmd {
	return func() tea.Msg {
		switch m := cmd().(type) {
		case openedMsg:
			m.seq = seq
			return m
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				if c != nil {
					out[i] = tagOpened(c, seq)
				}
			}
			return out
		default:
			return m
		}
	}
}

// openDetail asks for the details of a pane's selection.
func openDetail(c *common, s selector) tea.Cmd {
	title, id, fields, ok := s.selection()
	if !ok {
		return nil
	}
	d := newDetailView(c, title, id, fields, c.width, c.height)
	return push(&d, nil)
}
