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
// command with a key does exactly what that key does where it is typed.
type command struct {
	name, args, desc string
	key              string
}

// commands are what the command line knows, in the order help lists them.
var commands = []command{
	{"problems", "", "what is broken in every region (P)", ""},
	{"gateways", "", "back to the gateway list", ""},
	{"region", "ID", "switch region (R picks from a list)", ""},
	{"sort", "COLUMN", "sort the list by a column (⇧ and its letter)", ""},
	{"id", "ID", "open a gateway (vpn-…) or connection (vco-…) by id, in any region", ""},
	{"refresh", "", "refresh what is on screen (r)", "r"},
	{"watch", "", "auto-refresh on or off (w)", "w"},
	{"details", "", "every field of the selected row (d)", "d"},
	{"logs", "", "negotiation log of the selected connection or tunnel (l)", "l"},
	{"copy", "", "copy the selected id (y)", "y"},
	{"create", "", "new SSL server on the selected gateway (c)", "c"},
	{"loadall", "", "load every remaining page (L)", "L"},
	{"filter", "", "filter the list (/)", "/"},
	{"back", "", "back (esc)", "esc"},
	{"help", "", "every key (?)", ""},
	{"quit", "", "leave vpnscope (q; also :q)", ""},
}

// commandKey is the key a command stands for, or "".
func commandKey(name string) string {
	for _, c := range commands {
		if c.name == name {
			return c.key
		}
	}
	return ""
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
func (c *commandLine) complete(regions []string) {
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
func parseCommand(line string) (name, arg string, err error) {
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
func (c *commandLine) matches() []string {
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
