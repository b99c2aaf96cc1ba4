package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Completion scripts are cobra's (`vpnscope completion bash|zsh|fish|
// powershell`); they ask `vpnscope __complete …` for values, so what is
// offered is live: the regions of the provider on the command line (or in
// VPNSCOPE_PROVIDER or the config file), the profiles in that cloud's own
// files.

// alibabaRegions are the Alibaba Cloud regions that serve VPN gateways, for
// completing --region without a call (completion must answer at once).
var alibabaRegions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
	"cn-hangzhou", "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan",
	"cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2",
	"ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
	"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1",
}

// registerCompletions completes the values of the shared flags of cmd.
func registerCompletions(cmd *cobra.Command) {
	noFiles := cobra.ShellCompDirectiveNoFileComp
	cmd.RegisterFlagCompletionFunc("provider", cobra.FixedCompletions(providerNames, noFiles))
	cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions([]string{"auto", "dark", "light"}, noFiles))
	cmd.RegisterFlagCompletionFunc("region", func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return regionValues(completingProvider(c.Flags())), noFiles
	})
	cmd.RegisterFlagCompletionFunc("profile", func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return profileValues(completingProvider(c.Flags())), noFiles
	})
	for _, name := range []string{"endpoint", "read-timeout", "refresh", "max-in-flight"} {
		cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
}

// completingProvider is the provider a command line being completed will
// run: its --provider, else VPNSCOPE_PROVIDER, else the config file's.
func completingProvider(fs *pflag.FlagSet) string {
	if f := fs.Lookup("provider"); f != nil && f.Changed {
		return f.Value.String()
	}
	if v := os.Getenv("VPNSCOPE_PROVIDER"); v != "" {
		return v
	}
	if cfg, err := loadConfig(configPath()); err == nil {
		if v, _, ok := cfg.get("provider"); ok {
			return v
		}
	}
	return "alibaba"
}

// regionValues are a provider's regions, plus the ones this machine's
// profiles and config file name (a private region is still offered).
func regionValues(provider string) []string {
	var values []string
	cfg, _ := loadConfig(configPath())
	switch provider {
	case "aws":
		for _, r := range aws.Regions {
			values = append(values, r.ID)
		}
		values = append(values, awsProfileRegions()...)
	default:
		values = slices.Clone(alibabaRegions)
		for _, p := range cliProfiles(cliConfigPath()) {
			if p.RegionID != "" {
				values = append(values, p.RegionID)
			}
		}
	}
	if v, _, ok := cfg.get(provider + ".region"); ok {
		values = append(values, v)
	} else if v, _, ok := cfg.get("region"); ok && cfg.flatOwner() == provider {
		values = append(values, v)
	}
	return offerable(values)
}

func profileValues(provider string) []string {
	var values []string
	if provider == "aws" {
		values = awsProfileNames()
	} else {
		values = cliProfileNames(cliConfigPath())
	}
	return offerable(values)
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

// cliProfileNames lists the aliyun CLI's profiles; none when it has no
// config.
func cliProfileNames(path string) []string {
	var names []string
	for _, p := range cliProfiles(path) {
		names = append(names, p.Name)
	}
	return names
}

// cliProfiles are the aliyun CLI's profiles, every one: completion offers
// their names and their regions (a private region is still offered).
func cliProfiles(path string) []cliProfile {
	b, err := readLocalFile(path, 4<<20)
	if err != nil {
		return nil
	}
	var cfg struct {
		Profiles []cliProfile `json:"profiles"`
	}
	if json.Unmarshal(b, &cfg) != nil {
		return nil
	}
	return cfg.Profiles
}

// awsProfileNames lists the profiles of ~/.aws/config ([profile NAME],
// [default]) and ~/.aws/credentials ([NAME]).
func awsProfileNames() []string {
	var names []string
	files := awsFiles()
	for i, path := range files {
		for _, s := range iniSections(path) {
			name := s.name
			if i == 0 { // the config file prefixes all but default
				var ok bool
				if name, ok = strings.CutPrefix(name, "profile "); !ok && name != "default" {
					continue
				}
			}
			names = append(names, strings.TrimSpace(name))
		}
	}
	return names
}

// awsProfileRegions are the regions set in ~/.aws/config.
func awsProfileRegions() []string {
	var out []string
	for _, s := range iniSections(awsFiles()[0]) {
		if r := s.keys["region"]; r != "" {
			out = append(out, r)
		}
	}
	return out
}

type iniSection struct {
	name string
	keys map[string]string
	file string // set by awsProfileSections
}

// iniSections reads an INI file's sections and their keys, for completion
// and `vpnscope config`; what the SDK makes of the file is the SDK's.
func iniSections(path string) []iniSection {
	b, err := readLocalFile(path, 4<<20)
	if err != nil {
		return nil
	}
	var out []iniSection
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, len(b)+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if name, ok := strings.CutPrefix(line, "["); ok {
			name, ok = strings.CutSuffix(name, "]")
			if ok {
				out = append(out, iniSection{name: strings.TrimSpace(name), keys: map[string]string{}})
			}
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && len(out) > 0 {
			out[len(out)-1].keys[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

var errNoSection = errors.New("no such section")

// iniSection finds one section by name.
func findSection(sections []iniSection, name string) (iniSection, error) {
	for _, s := range sections {
		if s.name == name {
			return s, nil
		}
	}
	return iniSection{}, errNoSection
}
