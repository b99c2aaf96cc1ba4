package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/vpnscope/vpnscope/api"
	"io"
	"os/signal"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/tui"
)

// run runs the command tree on args and returns what main prints: main,
// and the tests, which run the whole CLI in-process.
func run(args []string, stdout, stderr io.Writer) error {
	if legacyComplete(args, stdout) {
		return nil
	}
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		// A flag's description marks its value name as `URL` for help;
		// a shell shows the backticks as they are.
		stdout = backtickless{stdout}
	}
	root := newRootCmd(stdout, stderr)
	args = longFlags(root, args)
	root.SetArgs(args)
	return root.ExecuteContext(context.Background())
}

// backtickless drops backticks from the descriptions (after a tab) of the
// completion lines it writes; the values themselves stay as they are.
type backtickless struct{ w io.Writer }

func (b backtickless) Write(p []byte) (int, error) {
	lines := bytes.SplitAfter(p, []byte("\n"))
	for i, line := range lines {
		if value, desc, ok := bytes.Cut(line, []byte("\t")); ok {
			lines[i] = slices.Concat(value, []byte("\t"), bytes.ReplaceAll(desc, []byte("`"), nil))
		}
	}
	if _, err := b.w.Write(bytes.Join(lines, nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// newRootCmd is the command tree: the TUI at the root, the rest as
// subcommands. Help, usage and completion come from cobra; errors are
// printed by main, one line each.
func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	var o options
	var version bool
	root := &cobra.Command{
		Use:   "vpnscope",
		Short: "VPN gateways, IPsec tunnels and SSL-VPN clients of Alibaba Cloud, and AWS Site-to-Site VPN and Client VPN, in a terminal",
		Long:  rootHelp(),
		Example: `  vpnscope --demo                 the built-in emulator, no account needed
  vpnscope --profile prod --region cn-hangzhou
  vpnscope --provider aws --region eu-west-1
  vpnscope emulator               the emulator alone (vpnscope emulator --help)
  vpnscope problems --json        what is broken, for scripts (exit 0, 1 or 2)
  vpnscope completion bash        a completion script (or zsh, fish, powershell)`,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if version {
				fmt.Fprintln(stdout, versionString(debug.ReadBuildInfo()))
				return nil
			}
			if _, _, err := resolve(cmd.Flags(), &o); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
			defer stop()
			cfg, cleanup, err := setup(ctx, o)
			if err != nil {
				return err
			}
			defer cleanup()
			cfg.Journal, cfg.Warning = tuiJournal(o, cfg.Warning) // --no-journal: nil
			return tui.Run(cfg)
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	// Flag descriptions wrapped for an 80-column terminal (cobra prints
	// each on one line of any length); subcommands inherit the template.
	root.SetUsageTemplate(strings.ReplaceAll(root.UsageTemplate(), ".FlagUsages", ".FlagUsagesWrapped 80"))
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	root.CompletionOptions.HiddenDefaultCmd = false
	addFlags(root.Flags(), &o, "")
	root.Flags().BoolVar(&version, "version", false, "print the version and exit")
	registerCompletions(root)
	root.AddCommand(newProblemsCmd(stdout, stderr), newEmulatorCmd(stdout, stderr), newConfigCmd(stdout))
	// cobra's own completion command, but `completion bogus` is an error,
	// as it was, not its help and exit 0.
	root.InitDefaultCompletionCmd()
	if c, _, err := root.Find([]string{"completion"}); err == nil && c != root {
		c.Args = noArgs
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		c.Short = "a completion script for bash, zsh, fish or powershell" // as the other commands say theirs
		c.Example = `  source <(vpnscope completion bash)                      # this shell
  vpnscope completion zsh > "${fpath[1]}/_vpnscope"
  vpnscope completion fish > ~/.config/fish/completions/vpnscope.fish
  vpnscope completion powershell | Out-String | Invoke-Expression`
		for _, sh := range c.Commands() {
			sh.Short = "the completion script for " + sh.Name()
			sh.Example = map[string]string{
				"bash":       "  source <(vpnscope completion bash)      # in ~/.bashrc (needs bash-completion)",
				"zsh":        `  vpnscope completion zsh > "${fpath[1]}/_vpnscope"`,
				"fish":       "  vpnscope completion fish > ~/.config/fish/completions/vpnscope.fish",
				"powershell": "  vpnscope completion powershell | Out-String | Invoke-Expression   # in $PROFILE",
			}[sh.Name()]
		}
	}
	// cobra's help command prints the whole usage and exits 0 for a topic
	// it does not know; a mistyped one is a mistake, said in one line.
	root.InitDefaultHelpCmd()
	if h, _, err := root.Find([]string{"help"}); err == nil && h != root {
		h.Short = "help on any command"
		show := h.Run
		h.Run = nil
		h.RunE = func(c *cobra.Command, args []string) error {
			if _, rest, err := c.Root().Find(args); err != nil || len(rest) > 0 {
				return fmt.Errorf("no help topic %q (see vpnscope help)", strings.Join(args, " "))
			}
			show(c, args)
			return nil
		}
	}
	return root
}

// addFlags defines the flags of command ("" for the TUI, "problems",
// "config") into o, from the settings table (internal/config): its flag,
// default and help. A setting only one command uses is that command's
// flag (and config's, which shows what a run would use).
func addFlags(fs *pflag.FlagSet, o *options, command string) {
	fs.SortFlags = false
	ps := providerSettings()
	for _, s := range config.Table {
		if s.Only != "" && s.Only != command && command != "config" {
			continue
		}
		usage := s.FlagUsage(ps)
		def := s.Default
		if s.Key == "provider" {
			def = ps[0].Name
		}
		switch field := s.Field(o).(type) {
		case *string:
			fs.StringVar(field, s.Flag, def, usage)
		case *bool:
			fs.BoolVar(field, s.Flag, def == "true", usage)
		case *int:
			n, _ := strconv.Atoi(def)
			fs.IntVar(field, s.Flag, n, usage)
		case *time.Duration:
			d, _ := time.ParseDuration(def)
			fs.DurationVar(field, s.Flag, d, usage)
		}
	}
}

// resolve applies env vars and the config file under the flags given
// (internal/config: the settings table's precedence), and returns the
// rows vpnscope config shows and the file they were read from.
func resolve(fs *pflag.FlagSet, o *options) ([]config.Row, config.File, error) {
	providers := providerSettings()
	file, err := config.Load(config.Path(), providers)
	if err != nil {
		return nil, file, err
	}
	rows, err := config.Resolve(o, fs.Changed, file, providers)
	return rows, file, err
}

// parseFlags parses the root command's flags and resolves the settings, as
// a run of the TUI would (tests and benchmarks use it).
func parseFlags(args []string) (options, error) {
	var o options
	fs := pflag.NewFlagSet("vpnscope", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addFlags(fs, &o, "")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see vpnscope --help)", fs.Arg(0))
	}
	_, _, err := resolve(fs, &o)
	return o, err
}

// rootHelp is the root command's long help: what vpnscope is, where
// settings come from, and each provider's credential chain.
func rootHelp() string {
	parts := []string{`vpnscope — VPN gateways, IPsec tunnels and SSL-VPN clients of Alibaba
Cloud, and AWS Site-to-Site VPN connections and Client VPN endpoints with their
logs in CloudWatch Logs, in a terminal.`, `Settings come from, first to last: a flag, an environment variable, the config
file ($XDG_CONFIG_HOME/vpnscope/config.yaml, a section per provider), then the
cloud's own profile. ` + "`vpnscope config`" + ` shows each setting and where it came
from.`}
	for _, p := range providers {
		parts = append(parts, p.credentialsHelp())
	}
	return strings.Join(parts, "\n\n")
}

// parseFailure is the strconv or time message pflag appends to a bad
// value: what is wanted says it better.
var parseFailure = regexp.MustCompile(`: (strconv\.Parse(Int|Uint|Float)|strconv\.ParseBool|time): .*$`)

// flagError is a bad flag in one line, with where to look.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := parseFailure.FindStringSubmatch(msg); m != nil {
		want := map[string]string{"strconv.ParseBool": "want true or false", "time": "want a duration like 15s"}[m[1]]
		if want == "" {
			want = "want a number"
		}
		msg = msg[:len(msg)-len(m[0])] + ": " + want
	}
	// -bogus is read as -b -o -g…; what was typed is one unknown flag.
	if rest, ok := strings.CutPrefix(msg, "unknown shorthand flag: "); ok {
		if _, typed, found := strings.Cut(rest, " in "); found && len(typed) > 2 {
			msg = "unknown flag: " + typed
		}
	}
	hint := ""
	if typed, ok := strings.CutPrefix(msg, "unknown flag: "); ok {
		if near := nearestFlag(cmd, strings.TrimLeft(typed, "-")); near != "" {
			hint = "did you mean --" + near + "? "
		}
	}
	err = fmt.Errorf("%s (%ssee %s --help)", msg, hint, cmd.CommandPath())
	if cmd.Name() == "problems" {
		return exitCode{exitCouldNotCheck, err}
	}
	return err
}

// nearestFlag is the command's listed flag that typed starts, or the
// nearest within cobra's suggestion distance (--regoin: region), as cobra
// suggests commands; "" when none is near.
func nearestFlag(cmd *cobra.Command, typed string) string {
	best, bestD := "", cmd.Root().SuggestionsMinimumDistance+1
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		d := api.EditDistance(typed, f.Name)
		if len(typed) > 1 && strings.HasPrefix(f.Name, typed) {
			d = 0
		}
		if !f.Hidden && d < bestD {
			best, bestD = f.Name, d
		}
	})
	return best
}

// noArgs refuses arguments in one line, suggesting a command when the
// argument looks like a misspelt one.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := ""
	if cmd.HasSubCommands() {
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			hint = "did you mean " + strings.Join(s, " or ") + "? "
		}
		return fmt.Errorf("unknown command %q (%ssee %s --help)", args[0], hint, cmd.CommandPath())
	}
	return fmt.Errorf("unexpected argument %q (see %s --help)", args[0], cmd.CommandPath())
}

// longFlags rewrites -name into --name for the long flags of the command
// tree: the standard library's parser, which vpnscope used before cobra,
// took both, and scripts written for it keep working.
func longFlags(root *cobra.Command, args []string) []string {
	known := map[string]bool{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	known["help"] = true
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' {
			name, _, _ := strings.Cut(a[1:], "=")
			if known[name] {
				a = "-" + a
			}
		}
		out = append(out, a)
	}
	return out
}
