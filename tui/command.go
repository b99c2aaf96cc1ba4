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

// command is one thing `:` can do; args names its argument for help.
type command struct {
	name, args, desc string
}

// commands are what the command line knows, in the order help lists them.
var commands = []command{
	{"problems", "", "what is broken in every region (P)"},
	{"gateways", "", "back to the gateway list"},
	{"region", "ID", "switch region (R picks from a list)"},
	{"sort", "COLUMN", "sort the list by a column (⇧ and its letter)"},
	{"help", "", "every key (?)"},
	{"quit", "", "leave vpnscope (q; also :q)"},
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
