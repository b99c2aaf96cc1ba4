package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// commandLine is the k9s-style prompt that `:` opens at the bottom: one
// command a line, tab completes, up and down walk the history.
type commandLine struct {
	Input   textinput.Model
	open    bool
	history []string
	back    int    // how far up the history; 0 is the line being typed
	typed   string // the line being typed, kept while walking the history
	err     string // what the last command got wrong
}

// RootCommands are what the command line knows on every provider, in the
// order it lists them; problems and id ask the provider.
var RootCommands = []ui.Command{
	{Name: "problems", Desc: "what is broken in every region (P)"},
	{Name: "region", Args: "ID", Desc: "switch region (R picks from a list)"},
	{Name: "account", Args: "NAME", Desc: "switch account (p cycles clouds and accounts)"},
	{Name: "sort", Args: "COLUMN", Desc: "sort the list by a column (⇧ and its letter)", Example: ":sort name"},
	{Name: "id", Args: "ID", Desc: "open a resource by id, in any region"},
	{Name: "refresh", Desc: "refresh what is on screen (r)", Key: "r"},
	{Name: "watch", Desc: "auto-refresh on or off (w)", Key: "w"},
	{Name: "details", Desc: "every field of the selected row (d)", Key: "d"},
	{Name: "logs", Desc: "the log of the selected row (l)", Key: "l"},
	{Name: "copy", Desc: "copy the selected id (y)", Key: "y"},
	{Name: "loadall", Desc: "load every remaining page (L)", Key: "L"},
	{Name: "filter", Desc: "filter the list (/)", Key: "/"},
	{Name: "back", Desc: "back (esc)", Key: "esc"},
	{Name: "help", Desc: "every key (?)"},
	{Name: "quit", Desc: "leave vpnscope (q; also :q)"},
}

// Commands are the root's and the current provider's, the provider's
// after problems; :region and :id give the provider's own examples.
func (a *App) Commands() []ui.Command {
	out := append([]ui.Command{RootCommands[0]}, a.provider().Commands()...)
	for _, c := range RootCommands[1:] {
		switch c.Name {
		case "region":
			c.Example = regionExample(a.provider().RegionIDs(), a.c.Region)
		case "account":
			names := a.accountNames()
			if len(names) < 2 {
				continue // one account per cloud: nothing to switch to
			}
			c.Example = ":account " + names[len(names)-1]
		case "id":
			if f, ok := a.provider().(ui.IDForms); ok {
				c.Example = idExample(f.IDForms())
			}
		}
		out = append(out, c)
	}
	return out
}

// regionExample is :region with a region other than the current one.
func regionExample(ids []string, current string) string {
	for _, id := range ids {
		if id != current {
			return ":region " + id
		}
	}
	return ""
}

// idExample is :id with each of a provider's id forms: ":id vco-… or
// :id vpn-…".
func idExample(forms []string) string {
	var ex []string
	for _, f := range forms {
		ex = append(ex, ":id "+f)
	}
	if len(ex) < 2 {
		return strings.Join(ex, "")
	}
	return strings.Join(ex[:len(ex)-1], ", ") + " or " + ex[len(ex)-1]
}

// findCommand is the command of that name.
func findCommand(commands []ui.Command, name string) (ui.Command, bool) {
	i := slices.IndexFunc(commands, func(c ui.Command) bool { return c.Name == name })
	if i < 0 {
		return ui.Command{}, false
	}
	return commands[i], true
}

func newCommandLine() commandLine {
	in := textinput.New()
	in.Prompt = ":"
	st := in.Styles()
	st.Cursor.Blink = false // a steady cursor: no redraws while idle
	in.SetStyles(st)
	return commandLine{Input: in}
}

func (c *commandLine) Start() tea.Cmd {
	c.open, c.back, c.err = true, 0, ""
	c.Input.SetValue("")
	return c.Input.Focus()
}

func (c *commandLine) Close() {
	c.open = false
	c.Input.Blur()
}

// complete finishes the command name being typed, or its argument from
// the values it takes (a region for :region, a column for :sort).
func (c *commandLine) complete(commands []ui.Command, values func(command string) []string) {
	v := strings.TrimLeft(c.Input.Value(), " ")
	name, arg, hasArg := strings.Cut(v, " ")
	var options []string
	if hasArg {
		for _, val := range argsFitting(values(name), arg) {
			options = append(options, name+" "+val)
		}
	} else {
		for _, cmd := range commands {
			if strings.HasPrefix(cmd.Name, name) {
				s := cmd.Name
				if cmd.Args != "" {
					s += " "
				}
				options = append(options, s)
			}
		}
	}
	if len(options) == 0 {
		return
	}
	c.Input.SetValue(commonPrefix(options))
	c.Input.CursorEnd()
}

// argsFitting are the values that start with what is typed (any case).
func argsFitting(values []string, typed string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, strings.ToLower(typed)) {
			out = append(out, v)
		}
	}
	return out
}

func commonPrefix(ss []string) string {
	p := ss[0]
	for _, s := range ss[1:] {
		for !strings.HasPrefix(s, p) {
			p = p[:len(p)-1]
		}
	}
	return p
}

// walk moves through the history: up (-1 older) or down.
func (c *commandLine) walk(older bool) {
	if c.back == 0 {
		c.typed = c.Input.Value()
	}
	switch {
	case older && c.back < len(c.history):
		c.back++
	case !older && c.back > 0:
		c.back--
	default:
		return
	}
	if c.back == 0 {
		c.Input.SetValue(c.typed)
	} else {
		c.Input.SetValue(c.history[len(c.history)-c.back])
	}
	c.Input.CursorEnd()
}

// remember adds a line to the history, without repeating the last one.
func (c *commandLine) remember(line string) {
	if line != "" && (len(c.history) == 0 || c.history[len(c.history)-1] != line) {
		c.history = append(c.history, line)
	}
}

// parseCommand resolves a typed line to a command and its argument, or
// says what exists.
func parseCommand(commands []ui.Command, line string) (name, arg string, err error) {
	name, arg, _ = strings.Cut(strings.TrimSpace(line), " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "q", "q!", "quit", "exit":
		return "quit", "", nil
	case "":
		return "", "", nil
	}
	i := slices.IndexFunc(commands, func(c ui.Command) bool { return c.Name == name })
	if i < 0 {
		var names []string
		for _, c := range commands {
			names = append(names, c.Name)
		}
		return "", "", fmt.Errorf("no command %q; try %s", name, strings.Join(names, ", "))
	}
	if commands[i].Args != "" && arg == "" {
		if ex := commands[i].Example; ex != "" {
			return "", "", fmt.Errorf(":%s needs %s, e.g. %s", name, commands[i].Args, ex)
		}
		return "", "", fmt.Errorf(":%s needs %s", name, commands[i].Args)
	}
	return name, arg, nil
}

// PressKey is the key press a command stands for: esc or one character.
func PressKey(k string) tea.KeyPressMsg {
	if k == "esc" {
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// matches are the commands the typed line can still become, for the line
// above the prompt; with one left, what it does too, or, once its argument
// is being typed, the values that fit (tab completes them).
func (c *commandLine) matches(commands []ui.Command, values func(command string) []string) []string {
	name, arg, hasArg := strings.Cut(strings.TrimLeft(c.Input.Value(), " "), " ")
	if fit := argsFitting(values(name), arg); hasArg && len(fit) > 0 {
		return append([]string{":" + name}, fit...)
	}
	var found []ui.Command
	for _, cmd := range commands {
		if cmd.Name == name || !hasArg && strings.HasPrefix(cmd.Name, name) {
			found = append(found, cmd)
		}
	}
	var out []string
	for _, cmd := range found {
		s := ":" + cmd.Name
		if cmd.Args != "" {
			s += " " + cmd.Args
		}
		if len(found) == 1 {
			s += " — " + cmd.Desc
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return []string{"no such command (esc closes)"}
	}
	return out
}
