package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/internal/localfile"
)

// newConfigCmd is `vpnscope config`: the effective settings and where each
// came from, as `aws configure list` shows them. Never a secret: for
// credentials it says where they come from, not what they are.
func newConfigCmd(stdout io.Writer) *cobra.Command {
	var o options
	show := func(cmd *cobra.Command, _ []string) error {
		return printConfig(stdout, cmd.Flags(), &o)
	}
	cmd := &cobra.Command{
		Use:   "config",
		Short: "show the effective settings and where each came from",
		Long: `Shows each setting vpnscope would run with and where it came from: a flag,
an environment variable, the config file (with its line), the cloud's own
profile, or the default. Flags given here are taken into account, so
` + "`vpnscope config --provider aws`" + ` shows what ` + "`vpnscope --provider aws`" + ` would use.

The config file is $XDG_CONFIG_HOME/vpnscope/config.yaml
(~/.config/vpnscope/config.yaml):

` + configFileExample() + `
A top-level profile or region (the flat files of earlier versions) applies to
the provider that runs, unless its section sets its own.`,
		Example: `  vpnscope config
  vpnscope config --provider aws
  AWS_REGION=us-west-2 vpnscope config --provider aws`,
		Args: noArgs,
		RunE: show,
	}
	addFlags(cmd.Flags(), &o, "config")
	registerCompletions(cmd)
	view := &cobra.Command{Use: "view", Short: "the same as vpnscope config", Args: noArgs, RunE: show,
		Example: "  vpnscope config view --provider aws"}
	view.Flags().AddFlagSet(cmd.Flags())
	path := &cobra.Command{Use: "path", Short: "print the config file's path", Args: noArgs,
		Example: `  $EDITOR "$(vpnscope config path)"`,
		RunE:    func(*cobra.Command, []string) error { _, err := fmt.Fprintln(stdout, config.Path()); return err }}
	cmd.AddCommand(view, path)
	return cmd
}

func printConfig(w io.Writer, fs *pflag.FlagSet, o *options) error {
	rows, file, err := resolve(fs, o)
	if err != nil {
		return err
	}
	rows = append(rows, cloudRows(o, rows)...)
	fileState := "not found"
	if file.Found() {
		fileState = "read"
	}
	rows = append(rows, config.Row{Name: "config_file", Value: localfile.Tilde(file.FilePath()), Source: fileState})
	table := [][]string{{"NAME", "VALUE", "SOURCE"}}
	for _, r := range rows {
		v := r.Value
		if v == "" {
			v = "-"
		}
		table = append(table, []string{r.Name, plain(v), plain(r.Source)})
	}
	widths := []int{0, 0}
	for _, r := range table {
		widths[0], widths[1] = max(widths[0], ansi.StringWidth(r[0])), max(widths[1], ansi.StringWidth(r[1]))
	}
	for _, r := range table {
		fmt.Fprintf(w, "%s%s  %s%s  %s\n", r[0], strings.Repeat(" ", widths[0]-ansi.StringWidth(r[0])),
			r[1], strings.Repeat(" ", widths[1]-ansi.StringWidth(r[1])), r[2])
	}
	return nil
}

// cloudRows fill in what the cloud's own profile supplies (profile,
// region) where nothing above it did, and say where credentials, the
// endpoint and the debug log come from.
func cloudRows(o *options, rows []config.Row) []config.Row {
	fill := func(name, value, source string) {
		for i := range rows {
			if rows[i].Name == name && rows[i].Source == "not set" {
				rows[i].Value, rows[i].Source = value, source
			}
		}
	}
	var extra []config.Row
	if o.Demo {
		extra = append(extra, config.Row{Name: "credentials", Value: "demo key", Source: "--demo"},
			config.Row{Name: "endpoint", Value: "built-in emulator", Source: "--demo"})
	} else {
		extra = providerNamed(o.Provider).configRows(o, fill)
	}
	if o.DebugLog != "" {
		extra = append(extra, config.Row{Name: "debug_log", Value: o.DebugLog, Source: "--debug-log"})
	} else {
		extra = append(extra, config.Row{Name: "debug_log", Value: "off", Source: "default"})
	}
	return extra
}

// configEndpointRow is the endpoint row of a provider whose endpoint is
// only ever the flag's.
func configEndpointRow(endpoint string) config.Row {
	if endpoint == "" {
		return config.Row{Name: "endpoint", Value: "https (region endpoint)", Source: "default"}
	}
	return config.Row{Name: "endpoint", Value: endpoint, Source: "--endpoint"}
}

// plain drops control characters: a value from a file or the environment
// must not reach the terminal as an escape sequence.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// configFileExample is a config file with every key at its default, what
// each allows beside it, and a section per provider: from the settings
// table, so the help says what the checks check.
func configFileExample() string {
	ps := providerSettings()
	var b strings.Builder
	line := func(indent, key, value, comment string) {
		text := fmt.Sprintf("%s%s: %s", indent, key, value)
		if comment != "" {
			text = fmt.Sprintf("%-25s# %s", text, comment)
		}
		b.WriteString(strings.TrimRight(text, " ") + "\n")
	}
	for _, s := range config.Table {
		if !s.InFile || s.PerProvider {
			continue
		}
		value, comment := s.Default, s.Bounds()
		switch {
		case s.Key == "provider":
			value, comment = ps[0].Name, "or "+strings.Join(providerNames()[1:], ", ")
		case len(s.Values) > 0:
			comment = strings.Join(s.Values, ", ")
		case s.Inverse:
			value, comment = "true", "false: like --"+s.Flag
		}
		line("  ", s.Key, value, comment)
	}
	for _, p := range ps {
		b.WriteString("  " + p.Name + ":\n")
		line("    ", "profile", "prod", "")
		line("    ", "region", p.ExampleRegion, "")
	}
	return b.String()
}
