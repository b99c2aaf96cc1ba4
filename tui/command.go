package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// commandLine is the k9s-style prompt that `:` opens at the bottom: one
// command a line, tab completes, up and down walk the history.
type commandLine struct {
	input   textinput.Model
	open    bool
	history []string
	back    int    // how far up the history; 0 is the line being typed
	typed   string // the line being typed, kept while walking the history
	err     string // what the last command got wrong
}

// command is one thing `:` can do; args names its argument for help. A
// command with a key does exactly what that key does where it is typed; a
// provider's own commands run, and say what they want as intents.
type command struct {
	name, args, desc string
	key              string
	run              func(c *common, arg string) tea.Cmd
}

// rootCommands are what the command line knows on every provider, in the
// order it lists them; problems and id ask the provider.
var rootCommands = []command{
	{name: "problems", desc: "what is broken in every region (P)"},
	{name: "region", args: "ID", desc: "switch region (R picks from a list)"},
	{name: "sort", args: "COLUMN", desc: "sort the list by a column (⇧ and its letter)"},
	{name: "id", args: "ID", desc: "open a resource by id (vpn-…, vco-…), in any region"},
	{name: "refresh", desc: "refresh what is on screen (r)", key: "r"},
	{name: "watch", desc: "auto-refresh on or off (w)", key: "w"},
	{name: "details", desc: "every field of the selected row (d)", key: "d"},
	{name: "logs", desc: "negotiation log of the selected connection or tunnel (l)", key: "l"},
	{name: "copy", desc: "copy the selected id (y)", key: "y"},
	{name: "create", desc: "new SSL server on the selected gateway (c)", key: "c"},
	{name: "loadall", desc: "load every remaining page (L)", key: "L"},
	{name: "filter", desc: "filter the list (/)", key: "/"},
	{name: "back", desc: "back (esc)", key: "esc"},
	{name: "help", desc: "every key (?)"},
	{name: "quit", desc: "leave vpnscope (q; also :q)"},
}

// commands are the root's and the current provider's, the provider's
// after problems.
func (a *App) commands() []command {
	out := append([]command{rootCommands[0]}, a.provider().Commands()...)
	return append(out, rootCommands[1:]...)
}

// findCommand is the command of that name.
func findCommand(commands []command, name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

func newCommandLine() commandLine {
	in := textinput.New()
	in.Prompt = ":"
	st := in.Styles()
	st.Cursor.Blink = false // a steady cursor: no redraws while idle
	in.SetStyles(st)
	return commandLine{input: in}
}

func (c *commandLine) start() tea.Cmd {
	c.open, c.back, c.err = true, 0, ""
	c.input.SetValue("")
	return c.input.Focus()
}

func (c *commandLine) close() {
	c.open = false
	c.input.Blur()
}

// complete finishes the command name being typed, or, for :region, the
// region id from the ones given.
func (c *commandLine) complete(commands []command, regions []string) {
	v := strings.TrimLeft(c.input.Value(), " ")
	name, arg, hasArg := strings.Cut(v, " ")
	var options []string
	if hasArg {
		if name != "region" {
			return
		}
		for _, r := range regions {
			if strings.HasPrefix(r, arg) {
				options = append(options, "region "+r)
			}
		}
	} else {
		for _, cmd := range commands {
			if strings.HasPrefix(cmd.name, name) {
				s := cmd.name
				if cmd.args != "" {
					s += " "
				}
				options = append(options, s)
			}
		}
	}
	if len(options) == 0 {
		return
	}
	c.input.SetValue(commonPrefix(options))
	c.input.CursorEnd()
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
		c.typed = c.input.Value()
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
		c.input.SetValue(c.typed)
	} else {
		c.input.SetValue(c.history[len(c.history)-c.back])
	}
	c.input.CursorEnd()
}

// remember adds a line to the history, without repeating the last one.
func (c *commandLine) remember(line string) {
	if line != "" && (len(c.history) == 0 || c.history[len(c.history)-1] != line) {
		c.history = append(c.history, line)
	}
}

// parseCommand resolves a typed line to a command and its argument, or
// says what exists.
func parseCommand(commands []command, line string) (name, arg string, err error) {
	name, arg, _ = strings.Cut(strings.TrimSpace(line), " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "q", "q!", "quit", "exit":
		return "quit", "", nil
	case "":
		return "", "", nil
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		var names []string
		for _, c := range commands {
			names = append(names, c.name)
		}
		return "", "", fmt.Errorf("no command %q; try %s", name, strings.Join(names, ", "))
	}
	if commands[i].args != "" && arg == "" {
		return "", "", fmt.Errorf(":%s needs %s, e.g. :region cn-shanghai or :sort name", name, commands[i].args)
	}
	return name, arg, nil
}

// pressKey is the key press a command stands for: esc or one character.
func pressKey(k string) tea.KeyPressMsg {
	if k == "esc" {
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// matches are the commands the typed line can still become, for the line
// above the prompt; with one left, what it does too.
func (c *commandLine) matches(commands []command) []string {
	name, _, hasArg := strings.Cut(strings.TrimLeft(c.input.Value(), " "), " ")
	var found []command
	for _, cmd := range commands {
		if cmd.name == name || !hasArg && strings.HasPrefix(cmd.name, name) {
			found = append(found, cmd)
		}
	}
	var out []string
	for _, cmd := range found {
		s := ":" + cmd.name
		if cmd.args != "" {
			s += " " + cmd.args
		}
		if len(found) == 1 {
			s += " — " + cmd.desc
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return []string{"no such command (esc closes)"}
	}
	return out
}
