package ui

import tea "charm.land/bubbletea/v2"

// Intents: what a pane or a provider's command asks of the root. The root
// keeps the stack; a pane never reaches it.

// PushMsg asks for a pane in front. When reuse accepts a pane already in
// the stack, the root goes back to that one instead and runs what reuse
// returns.
type PushMsg struct {
	Pane  Pane
	Cmd   tea.Cmd        // the pane's first calls
	Start func() tea.Cmd // or: what starts them, called once it is in front
	// Build, when set, makes the pane and its first calls in Update, once
	// it is wanted: a command that looked something up (off Update) asks
	// for a pane without building it in its goroutine.
	Build func() (Pane, tea.Cmd)
	Reuse func(Pane) (tea.Cmd, bool)
	// FromRoot puts the pane right above the provider's root, leaving
	// the panes above the root (a list of its own, not a drill-down).
	FromRoot bool
	// Note is said on the status line once the pane is in front: a note
	// sent beside the push could arrive first and be cleared with the
	// screen it was said on.
	Note string
}

// OpenedMsg answers an open-by-id: the region it was found in and what to
// open there, or what went wrong.
type OpenedMsg struct {
	Seq    int
	ID     string
	Region string
	Open   func(c *Common, w, h int) ([]Pane, tea.Cmd)
	Note   string
	Err    error
}

// LocateMsg asks the root to run an open-by-id lookup (Cmd answers with
// an OpenedMsg) as :id does: only the last lookup asked for opens.
type LocateMsg struct{ Cmd tea.Cmd }

// Locate asks for cmd's lookup to open what it finds.
func Locate(cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg { return LocateMsg{Cmd: cmd} }
}

// PopMsg asks to leave the pane in front, and then for what then says.
type PopMsg struct{ Then tea.Cmd }

func Pop() tea.Msg { return PopMsg{} }

func PopThen(then tea.Cmd) tea.Cmd {
	return func() tea.Msg { return PopMsg{Then: then} }
}

// PopToRootMsg asks to leave every pane above the provider's root.
type PopToRootMsg struct{}

// FlashMsg asks for a note on the status line.
type FlashMsg struct{ Text string }

// SwitchRegionMsg asks to start over in another region.
type SwitchRegionMsg struct{ Region string }

// PushFromRoot asks for p right above the provider's root.
func PushFromRoot(p Pane, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg { return PushMsg{Pane: p, Cmd: cmd, FromRoot: true} }
}

// Push asks for p in front, cmd its first calls.
func Push(p Pane, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg { return PushMsg{Pane: p, Cmd: cmd} }
}

func PopToRoot() tea.Msg { return PopToRootMsg{} }

func Flash(text string) tea.Cmd {
	return func() tea.Msg { return FlashMsg{Text: text} }
}

func SwitchRegion(region string) tea.Cmd {
	return func() tea.Msg { return SwitchRegionMsg{Region: region} }
}

// Settler is a result that ends every call a retry notice may be about.
type Settler interface{ Settled() bool }

// TagOpened marks cmd's open-by-id answer with seq, so that only the last
// lookup opens anything.
func TagOpened(cmd tea.Cmd, seq int) tea.Cmd {
	return func() tea.Msg {
		switch m := cmd().(type) {
		case OpenedMsg:
			m.Seq = seq
			return m
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				if c != nil {
					out[i] = TagOpened(c, seq)
				}
			}
			return out
		default:
			return m
		}
	}
}

// OpenDetail asks for the details of a pane's selection.
func OpenDetail(c *Common, s Selector) tea.Cmd {
	title, id, fields, ok := s.Selection()
	if !ok {
		return nil
	}
	d := NewDetailView(c, title, id, fields, c.Width, c.Height)
	return Push(&d, nil)
}
