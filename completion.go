package main

import (
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/internal/config"
)

// Completion scripts are cobra's (`vpnscope completion bash|zsh|fish|
// powershell`); they ask `vpnscope __complete …` for values, so what is
// offered is live: the regions of the provider on the command line (or in
// VPNSCOPE_PROVIDER or the config file), the profiles in that cloud's own
// files.

// registerCompletions completes the values of the shared flags of cmd.
func registerCompletions(cmd *cobra.Command) {
	noFiles := cobra.ShellCompDirectiveNoFileComp
	cmd.RegisterFlagCompletionFunc("provider", cobra.FixedCompletions(providerNames(), noFiles))
	for _, st := range config.Table {
		if len(st.Values) > 0 {
			cmd.RegisterFlagCompletionFunc(st.Flag, cobra.FixedCompletions(st.Values, noFiles))
		}
	}
	cmd.RegisterFlagCompletionFunc("region", func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return regionValues(completingProvider(c.Flags())), noFiles
	})
	cmd.RegisterFlagCompletionFunc("profile", func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return profileValues(completingProvider(c.Flags())), noFiles
	})
	for _, st := range config.Table {
		// Values no file completes: a URL, a duration, a number.
		if _, isBool := st.Field(&options{}).(*bool); !isBool && len(st.Values) == 0 && !st.PerProvider && st.Key != "provider" && st.ValueName != "FILE" {
			cmd.RegisterFlagCompletionFunc(st.Flag, cobra.NoFileCompletions)
		}
	}
}

// completingProvider is the provider a command line being completed will
// run: its --provider, else VPNSCOPE_PROVIDER, else the config file's.
func completingProvider(fs *pflag.FlagSet) provider {
	if f := fs.Lookup("provider"); f != nil && f.Changed {
		return providerNamed(f.Value.String())
	}
	setting, _ := config.Lookup("provider")
	for _, env := range setting.Env {
		if v := os.Getenv(env); v != "" {
			return providerNamed(v)
		}
	}
	if cfg, err := config.Load(config.Path(), providerSettings()); err == nil {
		if v, _, ok := cfg.Get("provider"); ok {
			return providerNamed(v)
		}
	}
	return providers[0]
}

// regionValues are a provider's regions, plus the ones this machine's
// profiles and config file name (a private region is still offered).
func regionValues(p provider) []string {
	values := p.regionValues()
	name := p.settings().Name
	cfg, _ := config.Load(config.Path(), providerSettings())
	if v, _, ok := cfg.Get(name + ".region"); ok {
		values = append(values, v)
	} else if v, _, ok := cfg.Get("region"); ok && cfg.FlatOwner() == name {
		values = append(values, v)
	}
	return offerable(values)
}

func profileValues(p provider) []string {
	return offerable(p.profileValues())
}

// offerable sorts values and drops the ones a shell would print raw: a
// name with a control character in a local file is no name to complete.
func offerable(values []string) []string {
	values = slices.DeleteFunc(values, func(v string) bool { return v == "" || api.Printable(v) != v })
	slices.Sort(values)
	return slices.Compact(values)
}

// legacyComplete answers `vpnscope __complete regions|profiles`, which the
// hand-written scripts of earlier versions call, so a script installed
// before this version keeps working until it is regenerated.
func legacyComplete(args []string, stdout io.Writer) bool {
	if len(args) != 2 || args[0] != cobra.ShellCompNoDescRequestCmd && args[0] != cobra.ShellCompRequestCmd {
		return false
	}
	var values []string
	switch args[1] {
	case "regions":
		values = regionValues(completingProvider(pflag.NewFlagSet("", pflag.ContinueOnError)))
	case "profiles":
		values = profileValues(completingProvider(pflag.NewFlagSet("", pflag.ContinueOnError)))
	default:
		return false
	}
	for _, v := range values {
		fmt.Fprintln(stdout, v)
	}
	return true
}
