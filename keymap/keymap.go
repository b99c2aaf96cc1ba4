// Package keymap holds every key binding of vpnscope, grouped per view, with
// the help text that ? shows. Default returns a fresh value: there is no
// global keymap to mutate.
package keymap

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// Global keys work in every view.
type Global struct {
	Quit     key.Binding
	Help     key.Binding
	Back     key.Binding
	Refresh  key.Binding
	Watch    key.Binding
	Region   key.Binding
	Problems key.Binding
	Command  key.Binding
	// Interrupt quits from anywhere, even while an input has the keys.
	Interrupt key.Binding
	// Provider switches between the clouds set up (Alibaba Cloud, AWS).
	Provider key.Binding
}

// List keys move through and act on a list.
type List struct {
	Up       key.Binding
	Down     key.Binding
	Top      key.Binding
	Bottom   key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Open     key.Binding
	Filter   key.Binding
	LoadAll  key.Binding
	NextTab  key.Binding
	PrevTab  key.Binding
	Details  key.Binding
	Raw      key.Binding // the resource as the API returned it
	Logs     key.Binding
	Copy     key.Binding
	Create   key.Binding
	HideGone key.Binding
	Sort     key.Binding
	// Terminate cuts the selected AWS client connection (TerminateUser: every
	// connection of its user), after a question; off under --readonly.
	Terminate     key.Binding
	TerminateUser key.Binding
	// Explain lists why an endpoint's clients cannot connect.
	Explain key.Binding
	// RoutePath shows what sends traffic into a Site-to-Site or IPsec
	// connection: the VPC route tables, the gateway, the connection, its
	// tunnels and the customer's prefixes.
	RoutePath key.Binding
	// Changes lists what changed on a connection, gateway or endpoint:
	// the write events of the cloud's audit trail (CloudTrail, ActionTrail).
	Changes key.Binding
	// SortColumn is shift and a column's letter; the letters per list are
	// listed by ?. Reserved shift+letters (G, L, R, P) are not among them.
	SortColumn key.Binding
}

// Detail keys scroll a detail view and reveal its secrets.
type Detail struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Reveal   key.Binding
	Copy     key.Binding
}

// Input keys apply while a text input (the filter, the command line) is
// open.
type Input struct {
	Apply    key.Binding
	Cancel   key.Binding
	Complete key.Binding // the command line: finish the word
	Older    key.Binding // the command line: the line before in the history
	Newer    key.Binding
}

// Confirm keys answer a yes/no question.
type Confirm struct {
	Yes key.Binding
	No  key.Binding
}

// Wizard keys fill in the create-SSL-server form. Its text fields take
// every printable key, so nothing here is a plain letter.
type Wizard struct {
	Confirm  key.Binding // the next field or step; on the review step, submit; when done, leave
	Back     key.Binding // a choice: the one before (Toggle goes forward)
	Next     key.Binding
	Prev     key.Binding
	Toggle   key.Binding
	ApplyFix key.Binding
	Leave    key.Binding
}

// Logs keys change the negotiation log's time window.
type Logs struct {
	Widen  key.Binding
	Narrow key.Binding
	// BGP switches an AWS BGP tunnel's log between the tunnel activity log
	// and the BGP log.
	BGP key.Binding
}

// Tunnels keys pick one of the tunnels a view shows side by side, as
// tab picks a tab; the arrows too, because the tunnels stand left and right.
type Tunnels struct {
	Next key.Binding
	Prev key.Binding
}

// Kinds switch a root that lists more than one kind of thing between
// them, as k9s switches resource views: AWS's Client VPN endpoints and
// Site-to-Site gateways.
type Kinds struct {
	Next key.Binding
	Prev key.Binding
}

// KeyMap is all of it.
type KeyMap struct {
	Global  Global
	List    List
	Detail  Detail
	Input   Input
	Confirm Confirm
	Wizard  Wizard
	Logs    Logs
	Tunnels Tunnels
	Kinds   Kinds
}

func b(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Default returns the k9s- and vim-style bindings the README lists under
// "Keys".
func Default() KeyMap {
	return KeyMap{
		Global: Global{
			Quit:      b([]string{"q"}, "q", "quit"),
			Help:      b([]string{"?"}, "?", "help"),
			Back:      b([]string{"esc"}, "esc", "back"),
			Refresh:   b([]string{"r"}, "r", "refresh"),
			Watch:     b([]string{"w"}, "w", "watch"),
			Region:    b([]string{"R"}, "R", "region"),
			Problems:  b([]string{"P"}, "P", "problems"),
			Command:   b([]string{":"}, ":", "command"),
			Interrupt: b([]string{"ctrl+c"}, "ctrl+c", "quit, even while typing"),
			Provider:  b([]string{"p"}, "p", "switch provider"),
		},
		List: List{
			Up:            b([]string{"k", "up"}, "↑/k", "up"),
			Down:          b([]string{"j", "down"}, "↓/j", "down"),
			Top:           b([]string{"g", "home"}, "g", "top"),
			Bottom:        b([]string{"G", "end"}, "G", "bottom"),
			PageUp:        b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
			PageDown:      b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
			Open:          b([]string{"enter"}, "enter", "open"),
			Filter:        b([]string{"/"}, "/", "filter"),
			LoadAll:       b([]string{"L"}, "L", "load all"),
			NextTab:       b([]string{"tab"}, "tab", "next tab"),
			PrevTab:       b([]string{"shift+tab"}, "shift+tab", "previous tab"),
			Details:       b([]string{"d"}, "d", "details"),
			Raw:           b([]string{"v"}, "v", "raw JSON"),
			Logs:          b([]string{"l"}, "l", "log"),
			Copy:          b([]string{"y"}, "y", "copy id"),
			Create:        b([]string{"c"}, "c", "new SSL server"),
			HideGone:      b([]string{"x"}, "x", "hide gone"),
			Sort:          b([]string{"o"}, "o", "worst first"),
			SortColumn:    b(sortColumnKeys(), "⇧letter", "sort by a column; again: reverse"),
			Terminate:     b([]string{"ctrl+k"}, "ctrl+k", "terminate the connection"),
			TerminateUser: b([]string{"ctrl+u"}, "ctrl+u", "terminate all of the user's connections"),
			Explain:       b([]string{"e"}, "e", "why clients cannot connect"),
			RoutePath:     b([]string{"t"}, "t", "route path"),
			Changes:       b([]string{"a"}, "a", "what changed"),
		},
		Detail: Detail{
			Up:       b([]string{"k", "up"}, "↑/k", "scroll up"),
			Down:     b([]string{"j", "down"}, "↓/j", "scroll down"),
			PageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
			PageDown: b([]string{"pgdown", "ctrl+f", "space"}, "pgdn", "page down"),
			Top:      b([]string{"g", "home"}, "g", "top"),
			Bottom:   b([]string{"G", "end"}, "G", "bottom"),
			Reveal:   b([]string{"s"}, "s", "secrets"),
			Copy:     b([]string{"y"}, "y", "copy id"),
		},
		Input: Input{
			Apply:    b([]string{"enter"}, "enter", "apply"),
			Cancel:   b([]string{"esc"}, "esc", "clear"),
			Complete: b([]string{"tab"}, "tab", "complete"),
			Older:    b([]string{"up"}, "↑", "older command"),
			Newer:    b([]string{"down"}, "↓", "newer command"),
		},
		Confirm: Confirm{
			Yes: b([]string{"y", "enter"}, "y", "yes"),
			No:  b([]string{"n", "esc"}, "n", "no"),
		},
		Wizard: Wizard{
			Confirm:  b([]string{"enter"}, "enter", "next field or step; submit on review"),
			Back:     b([]string{"left"}, "←", "previous choice"),
			Next:     b([]string{"tab", "down"}, "tab", "next field or step"),
			Prev:     b([]string{"shift+tab", "up"}, "shift+tab", "previous field or step"),
			Toggle:   b([]string{"space", "right"}, "space/→", "next choice"),
			ApplyFix: b([]string{"ctrl+f"}, "ctrl+f", "use the suggested value"),
			Leave:    b([]string{"esc"}, "esc", "leave the wizard"),
		},
		Logs: Logs{
			Widen:  b([]string{"+", "="}, "+", "wider"),
			Narrow: b([]string{"-"}, "-", "narrower"),
			BGP:    b([]string{"b"}, "b", "BGP log ⇄ tunnel log"),
		},
		Tunnels: Tunnels{
			Next: b([]string{"tab", "right"}, "tab/→", "next tunnel"),
			Prev: b([]string{"shift+tab", "left"}, "shift+tab/←", "previous tunnel"),
		},
		Kinds: Kinds{
			Next: b([]string{"tab"}, "tab", "next kind"),
			Prev: b([]string{"shift+tab"}, "shift+tab", "previous kind"),
		},
	}
}

// Group is a titled column of bindings for the help screen.
type Group struct {
	Title    string
	Bindings []key.Binding
}

// Enabled drops disabled bindings, so help shows only what applies now.
func Enabled(bs ...key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, x := range bs {
		if x.Enabled() {
			out = append(out, x)
		}
	}
	return out
}

// sortColumnKeys are the shift+letters free for sorting by column.
func sortColumnKeys() []string {
	var keys []string
	for r := 'A'; r <= 'Z'; r++ {
		if !strings.ContainsRune("GLRP", r) {
			keys = append(keys, string(r))
		}
	}
	return keys
}
