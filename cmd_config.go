package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
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

  provider: alibaba        # or aws
  refresh: 15s             # at least 2s
  read_timeout: 10s        # 1s to 10m
  readonly: true
  theme: dark              # auto, dark or light
  journal: false           # no local state journal (like --no-journal)
  alibaba:
    profile: prod          # an aliyun CLI profile
    region: cn-hangzhou
  aws:
    profile: prod          # an AWS profile
    region: eu-west-1

A top-level profile or region (the flat files of earlier versions) applies to
the provider that runs, unless its section sets its own.`,
		Example: `  vpnscope config
  vpnscope config --provider aws
  AWS_REGION=us-west-2 vpnscope config --provider aws`,
		Args: noArgs,
		RunE: show,
	}
	addFlags(cmd.Flags(), &o)
	registerCompletions(cmd)
	view := &cobra.Command{Use: "view", Short: "the same as vpnscope config", Args: noArgs, RunE: show,
		Example: "  vpnscope config view --provider aws"}
	view.Flags().AddFlagSet(cmd.Flags())
	path := &cobra.Command{Use: "path", Short: "print the config file's path", Args: noArgs,
		Example: `  $EDITOR "$(vpnscope config path)"`,
		RunE:    func(*cobra.Command, []string) error { _, err := fmt.Fprintln(stdout, configPath()); return err }}
	cmd.AddCommand(view, path)
	return cmd
}

func printConfig(w io.Writer, fs *pflag.FlagSet, o *options) error {
	file, err := loadConfig(configPath())
	if err != nil {
		return err
	}
	settings, err := resolveSettings(fs, o, file)
	if err != nil {
		return err
	}
	settings = append(settings, cloudSettings(o, settings)...)
	fileState := "not found"
	if file.found {
		fileState = "read"
	}
	settings = append(settings, setting{"config_file", tildePath(file.path), fileState})
	rows := [][]string{{"NAME", "VALUE", "SOURCE"}}
	for _, s := range settings {
		v := s.value
		if v == "" {
			v = "-"
		}
		rows = append(rows, []string{s.name, plain(v), plain(s.source)})
	}
	widths := []int{0, 0}
	for _, r := range rows {
		widths[0], widths[1] = max(widths[0], ansi.StringWidth(r[0])), max(widths[1], ansi.StringWidth(r[1]))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%s%s  %s%s  %s\n", r[0], strings.Repeat(" ", widths[0]-ansi.StringWidth(r[0])),
			r[1], strings.Repeat(" ", widths[1]-ansi.StringWidth(r[1])), r[2])
	}
	return nil
}

// cloudSettings fills in what the cloud's own profile supplies (profile,
// region) where nothing above it did, and says where credentials, the
// endpoint and the debug log come from.
func cloudSettings(o *options, settings []setting) []setting {
	set := func(name, value, source string) {
		for i := range settings {
			if settings[i].name == name && settings[i].source == "not set" {
				settings[i].value, settings[i].source = value, source
			}
		}
	}
	var extra []setting
	var logsRow *setting // shown when CloudWatch Logs' endpoint is not EC2's
	endpoint, endpointSrc := o.endpoint, "--endpoint"
	if o.demo {
		extra = append(extra, setting{"credentials", "demo key", "--demo"})
		endpoint, endpointSrc = "built-in emulator", "--demo"
	} else if o.provider == "aws" {
		var aws []setting
		aws, endpoint, endpointSrc, logsRow = awsCloudSettings(o, set)
		extra = append(extra, aws...)
	} else {
		if err := checkCLIConfig(cliConfigPath()); err != nil {
			extra = append(extra, setting{"credentials", "none", err.Error()})
		} else {
			if p, ok := readCLIProfile(cliConfigPath(), o.profile); ok {
				set("profile", p.Name, tildePath(cliConfigPath())+" (current)")
				if p.RegionID != "" {
					set("region", p.RegionID, fmt.Sprintf("%s (profile %s)", tildePath(cliConfigPath()), p.Name))
				}
			}
			creds, err := resolveCredentialsProbing(o.profile, nil)
			if errors.Is(err, errECSNotAsked) {
				extra = append(extra, setting{"credentials", "none found", err.Error()})
			} else if err != nil {
				msg, _, _ := strings.Cut(err.Error(), ":")
				extra = append(extra, setting{"credentials", "none", msg})
			} else {
				extra = append(extra, setting{"credentials", creds.source, "Alibaba Cloud default chain"})
			}
		}
	}
	if endpoint == "" {
		endpoint, endpointSrc = "https (region endpoint)", "default"
	}
	extra = append(extra, setting{"endpoint", endpoint, endpointSrc})
	if logsRow != nil {
		extra = append(extra, *logsRow)
	}
	if o.debugLog != "" {
		extra = append(extra, setting{"debug_log", o.debugLog, "--debug-log"})
	} else {
		extra = append(extra, setting{"debug_log", "off", "default"})
	}
	return extra
}

// awsCloudSettings are the AWS rows of vpnscope config: the profile's
// region and credentials as a run would find them (the profile's sections
// read once), and the endpoints the SDK resolves; set fills a "not set"
// row from the profile.
func awsCloudSettings(o *options, set func(name, value, source string)) (extra []setting, endpoint, endpointSrc string, logsRow *setting) {
	endpoint, endpointSrc = o.endpoint, "--endpoint"
	if err := checkAWSFiles(); err != nil {
		// A run would stop here too: say which file and line.
		return []setting{{"credentials", "none", err.Error()}}, endpoint, endpointSrc, nil
	}
	profile := firstSet(o.profile, "default")
	if profile == "default" {
		set("profile", "default", "AWS default")
	}
	sections := awsProfileSections(profile)
	for _, s := range sections {
		if s.file == awsFiles()[0] && s.keys["region"] != "" {
			set("region", s.keys["region"], fmt.Sprintf("%s [%s]", tildePath(s.file), s.name))
		}
	}
	switch missing := missingAWSProfile(*o); {
	case missing != nil:
		// A run refuses it too, keys in the environment or not.
		extra = append(extra, setting{"credentials", "none", missing.Error()})
	case envAWSKeys().HasKeys() && (o.profile == "" || o.profileEnv != ""):
		src := "env AWS_ACCESS_KEY_ID"
		if o.profileEnv != "" {
			src += " (keys in the environment beat the profile " + o.profileEnv + " names, as in the AWS CLI)"
		}
		extra = append(extra, setting{"credentials", "access key", src})
	case hasCredentials(sections):
		extra = append(extra, setting{"credentials", "profile " + profile, "AWS default chain (~/.aws/credentials, ~/.aws/config, SSO, instance role)"})
	case os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "":
		extra = append(extra, setting{"credentials", "web identity", "env AWS_WEB_IDENTITY_TOKEN_FILE"})
	case os.Getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != "" || os.Getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != "":
		extra = append(extra, setting{"credentials", "container role", "env AWS_CONTAINER_CREDENTIALS_*"})
	default:
		extra = append(extra, setting{"credentials", "none", "the AWS default chain finds none: not AWS_ACCESS_KEY_ID, " +
			"not profile " + profile + " (no keys, SSO, role or credential_process), then only an instance role on EC2"})
	}
	// The endpoints the SDK resolves, as a run would use them: the flag,
	// the env vars, endpoint_url in the profile or its services section.
	if sdk, err := loadAWSConfig(context.Background(), *o); err == nil {
		c := ec2client.New(sdk, ec2client.Options{Endpoint: o.endpoint})
		if e := c.Endpoint(); e != "" {
			endpoint, endpointSrc = e, configEndpointSource(o.endpoint, "EC2")
		}
		if logs := c.LogsEndpoint(); logs != "" && logs != endpoint {
			logsRow = &setting{"logs_endpoint", logs, configEndpointSource(o.endpoint, "CLOUDWATCH_LOGS")}
		}
	}
	return extra, endpoint, endpointSrc, logsRow
}

// configEndpointSource is awsEndpointSource as vpnscope config names
// sources (env vars as "env NAME").
func configEndpointSource(flag, service string) string {
	src := awsEndpointSource(flag, service)
	if strings.HasPrefix(src, "AWS_") {
		return "env " + src
	}
	return src
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

// awsProfileSections are profile's sections in the shared credentials file
// ([NAME]) and the config file ([profile NAME], [default]); none when
// neither file has it.
func awsProfileSections(profile string) []iniSection {
	files := awsFiles()
	section := "profile " + profile
	if profile == "default" {
		section = "default"
	}
	var found []iniSection
	for _, f := range []struct{ path, name string }{{files[1], profile}, {files[0], section}} {
		if s, err := findSection(iniSections(f.path), f.name); err == nil {
			s.file = f.path
			found = append(found, s)
		}
	}
	return found
}

// hasCredentials reports whether a profile's sections name a way to
// credentials (keys, SSO, a role, a process), as the SDK's chain would
// read them; without one the chain has only an instance role left.
func hasCredentials(sections []iniSection) bool {
	for _, s := range sections {
		for _, k := range []string{"aws_access_key_id", "sso_session", "sso_start_url", "sso_account_id", "role_arn",
			"credential_process", "web_identity_token_file", "credential_source"} {
			if s.keys[k] != "" {
				return true
			}
		}
	}
	return false
}
