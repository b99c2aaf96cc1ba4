package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/signal"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vpnscope/vpnscope/api/journal"
	"github.com/vpnscope/vpnscope/tui"
)

// tuiJournal opens the state journal for the TUI. What openJournal says
// of it (refused, set aside) goes after warning, for the status line: the
// TUI takes the screen, so a line on stderr would not be seen.
func tuiJournal(o options, warning string) (*journal.Journal, string) {
	var said strings.Builder
	j := openJournal(o, &said)
	if s := strings.Join(strings.Fields(said.String()), " "); s != "" {
		if warning != "" {
			warning += " · "
		}
		warning += s
	}
	return j, warning
}

// execute runs the command tree on args: what main does.
func execute(args []string, stdout, stderr io.Writer) error {
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
	root := &cobra.Command{
		Use:   "vpnscope",
		Short: "VPN gateways, IPsec tunnels and SSL-VPN clients of Alibaba Cloud, and AWS Site-to-Site VPN and Client VPN, in a terminal",
		Long: `vpnscope — VPN gateways, IPsec tunnels and SSL-VPN clients of Alibaba
Cloud, and AWS Site-to-Site VPN connections and Client VPN endpoints with their
logs in CloudWatch Logs, in a terminal.

Settings come from, first to last: a flag, an environment variable, the config
file ($XDG_CONFIG_HOME/vpnscope/config.yaml, a section per provider), then the
cloud's own profile. ` + "`vpnscope config`" + ` shows each setting and where it came
from.

Alibaba Cloud credentials come from the default chain:
ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
ALIBABA_CLOUD_SECURITY_TOKEN), aliyun CLI profiles in ~/.aliyun/config.json
(ALIBABA_CLOUD_PROFILE), ~/.alibabacloud/credentials, an ECS RAM role, OIDC, or
a credentials URI; the region from ALIBABA_CLOUD_REGION_ID or the profile.

AWS (--provider aws) reads what the AWS CLI reads: AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/config and ~/.aws/credentials, SSO;
the region from AWS_REGION, AWS_DEFAULT_REGION or the profile.`,
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
			if o.version {
				fmt.Fprintln(stdout, versionString(debug.ReadBuildInfo()))
				return nil
			}
			if err := resolveOptions(cmd.Flags(), &o); err != nil {
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
	addFlags(root.Flags(), &o)
	root.Flags().BoolVar(&o.version, "version", false, "print the version and exit")
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

// addFlags defines the flags the TUI, problems and config share into o.
func addFlags(fs *pflag.FlagSet, o *options) {
	fs.SortFlags = false
	fs.BoolVar(&o.demo, "demo", false, "run against a built-in emulator with realistic data; no account needed")
	fs.StringVar(&o.provider, "provider", "alibaba", "which cloud: alibaba (VPN gateways) or aws (Site-to-Site VPN and Client VPN, with CloudWatch Logs) (env VPNSCOPE_PROVIDER)")
	fs.StringVar(&o.endpoint, "endpoint", "", "VPC or EC2 API `URL`, e.g. http://127.0.0.1:8080 for the emulator (default: the region's HTTPS endpoint; http only for loopback)")
	fs.StringVar(&o.region, "region", "", "region id, e.g. cn-hangzhou (env ALIBABA_CLOUD_REGION_ID; with --provider aws, AWS_REGION; default: the profile's region)")
	fs.StringVar(&o.profile, "profile", "", "aliyun CLI profile name (env ALIBABA_CLOUD_PROFILE); with --provider aws, an AWS profile (env AWS_PROFILE)")
	fs.BoolVar(&o.readOnly, "readonly", false, "never offer to change anything (env VPNSCOPE_READONLY=1)")
	fs.DurationVar(&o.readTimeout, "read-timeout", 10*time.Second, "how long one API call may take (1s to 10m)")
	fs.IntVar(&o.maxInFlight, "max-in-flight", 8, "API calls in flight at most (the problems overview runs this many across the account)")
	fs.DurationVar(&o.refresh, "refresh", 10*time.Second, "auto-refresh interval for w (minimum 2s)")
	fs.StringVar(&o.debugLog, "debug-log", "", "append one line per API call to `FILE` (time, action, region, duration, status, code, request id; never a secret)")
	fs.StringVar(&o.theme, "theme", "auto", "colours for a dark or light terminal: auto, dark or light")
	fs.BoolVar(&o.noJournal, "no-journal", false, "do not record or read state changes in the local state journal ($XDG_STATE_HOME/vpnscope)")
}

// resolveOptions applies env vars and the config file under the flags.
func resolveOptions(fs *pflag.FlagSet, o *options) error {
	_, err := resolveSettingsFromFile(fs, o)
	return err
}

func resolveSettingsFromFile(fs *pflag.FlagSet, o *options) ([]setting, error) {
	file, err := loadConfig(configPath())
	if err != nil {
		return nil, err
	}
	return resolveSettings(fs, o, file)
}

// parseFlags parses the root command's flags and resolves the settings, as
// a run of the TUI would (tests and benchmarks use it).
func parseFlags(args []string, _ io.Writer) (options, error) {
	var o options
	fs := pflag.NewFlagSet("vpnscope", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see vpnscope --help)", fs.Arg(0))
	}
	return o, resolveOptions(fs, &o)
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
	err = fmt.Errorf("%s (see %s --help)", msg, cmd.CommandPath())
	if cmd.Name() == "problems" {
		return exitCode{exitCouldNotCheck, err}
	}
	return err
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
