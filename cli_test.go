package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
)

// writeConfig writes the vpnscope config file of an isolated home.
func writeConfig(t *testing.T, home, content string) string {
	t.Helper()
	dir := filepath.Join(home, ".config", "vpnscope")
	os.MkdirAll(dir, 0o700)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// isolateAWS clears the AWS variables and points the shared files into home.
func isolateAWSHome(t *testing.T, home string) {
	t.Helper()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2", "VPNSCOPE_PROVIDER", "VPNSCOPE_READONLY"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
}

func TestUnknownFlagIsOneLineWithAPointerToHelp(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"--bogus"}, {"problems", "--bogus"}, {"emulator", "--bogus"}, {"bogus"}, {"problms"}, {"completion", "tcsh"}} {
		var out, errOut bytes.Buffer
		err := run(args, &out, &errOut)
		if err == nil {
			t.Fatalf("%v: accepted", args)
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") || !strings.Contains(msg, "--help") || out.Len()+errOut.Len() > 0 {
			t.Errorf("%v: want one line pointing to --help and nothing else, got %q (stdout %d bytes, stderr %d)", args, msg, out.Len(), errOut.Len())
		}
	}
	// problems keeps its exit status: 2, nothing was checked.
	var ec exitCode
	if err := run([]string{"problems", "--bogus"}, &bytes.Buffer{}, &bytes.Buffer{}); !errors.As(err, &ec) || ec.code != exitCouldNotCheck {
		t.Errorf("problems --bogus: want exit 2, got %v", err)
	}
	if err := run([]string{"problems", "extra"}, &bytes.Buffer{}, &bytes.Buffer{}); !errors.As(err, &ec) || ec.code != exitCouldNotCheck {
		t.Errorf("problems extra: want exit 2, got %v", err)
	}
	if err := run([]string{"problms"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "did you mean problems") {
		t.Errorf("a misspelt command: %v", err)
	}
}

func TestHelpCommand(t *testing.T) {
	isolate(t)
	var out bytes.Buffer
	if err := run([]string{"help", "problems"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	// The help is wrapped for 80 columns; what it says is checked unwrapped.
	said := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"Exit status: 0 all read and nothing wrong, 1 something wrong, 2 nothing seen wrong", "--json", "Examples:"} {
		if !strings.Contains(said, want) {
			t.Errorf("help problems lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run([]string{"help"}, &out, &bytes.Buffer{}); err != nil || !strings.Contains(out.String(), "config") {
		t.Errorf("help: %v\n%s", err, out.String())
	}
	// A topic that is not a command is a mistake, in one line, not the
	// whole usage and exit 0.
	for _, args := range [][]string{{"help", "bogus"}, {"help", "problems", "extra"}} {
		out.Reset()
		err := run(args, &out, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "no help topic") || strings.Contains(err.Error(), "\n") || out.Len() > 0 {
			t.Errorf("%q: %v, printed %d bytes", args, err, out.Len())
		}
	}
}

// The standard library's parser took -name as well as --name; scripts
// written for it keep working.
func TestSingleDashLongFlagsStillWork(t *testing.T) {
	isolate(t)
	var out bytes.Buffer
	if err := run([]string{"-version"}, &out, &bytes.Buffer{}); err != nil || !strings.HasPrefix(out.String(), "vpnscope ") {
		t.Fatalf("-version: %q, %v", out.String(), err)
	}
	out.Reset()
	if err := run([]string{"config", "-provider", "aws", "-region=eu-west-1"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `region +eu-west-1 +--region`) {
		t.Errorf("-region=…:\n%s", out.String())
	}
}

func TestPowerShellCompletion(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"completion", "powershell"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Register-ArgumentCompleter") || !strings.Contains(out.String(), "__complete $Arguments") {
		t.Errorf("not a PowerShell completion script:\n%.400s", out.String())
	}
}

// cobra's completion entry answers by provider.
func TestCompleteRegionsByProvider(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	complete := func(args ...string) string {
		var out bytes.Buffer
		if err := run(append([]string{"__complete"}, args...), &out, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	aws := complete("--provider", "aws", "--region", "")
	if !strings.Contains(aws, "us-east-1\n") || !strings.Contains(aws, "eu-north-1\n") || strings.Contains(aws, "cn-hangzhou") {
		t.Errorf("aws regions:\n%s", aws)
	}
	ali := complete("--provider", "alibaba", "--region", "")
	if !strings.Contains(ali, "cn-hangzhou\n") || strings.Contains(ali, "eu-north-1") {
		t.Errorf("alibaba regions:\n%s", ali)
	}
	// The provider from the env var and from the config file count too.
	t.Setenv("VPNSCOPE_PROVIDER", "aws")
	if got := complete("--region", ""); !strings.Contains(got, "us-east-2\n") {
		t.Errorf("VPNSCOPE_PROVIDER=aws:\n%s", got)
	}
	os.Unsetenv("VPNSCOPE_PROVIDER")
	writeConfig(t, home, "provider: aws\n")
	if got := complete("problems", "--region", ""); !strings.Contains(got, "us-east-2\n") {
		t.Errorf("provider: aws in the file:\n%s", got)
	}
	// The hand-written scripts of earlier versions asked this way.
	if got := complete("regions"); !strings.Contains(got, "us-east-2\n") {
		t.Errorf("__complete regions:\n%s", got)
	}
	// Every aliyun profile's region is offered, not only the current one's.
	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), []byte(`{"current": "default", "profiles": [
		{"name": "default", "mode": "AK", "region_id": "cn-shanghai"},
		{"name": "ali-dev", "mode": "AK", "region_id": "cn-private-9"}]}`), 0o600)
	writeConfig(t, home, "")
	if got := complete("--provider", "alibaba", "--region", ""); !strings.Contains(got, "cn-private-9\n") {
		t.Errorf("another profile's region is not offered:\n%s", got)
	}
	if got := complete("--provider", "aws", "--region", ""); !strings.Contains(got, "ap-east-1\n") || !strings.Contains(got, "il-central-1\n") {
		t.Errorf("newer AWS regions are not offered:\n%s", got)
	}
}

// Precedence, per provider: flag > env var > config file > the cloud's
// own profile; vpnscope config says which won.
func TestConfigSectionsAndPrecedence(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	path := writeConfig(t, home, `provider: aws
refresh: 30s
alibaba:
  profile: ali-prod
  region: cn-shanghai
aws:
  profile: prod
  region: eu-west-1
`)
	o, err := parseFlags(nil)
	if err != nil || o.Provider != "aws" || o.Profile != "prod" || o.Region != "eu-west-1" || o.Refresh.String() != "30s" {
		t.Fatalf("aws section: %+v, %v", o, err)
	}
	o, _ = parseFlags([]string{"--provider", "alibaba"})
	if o.Profile != "ali-prod" || o.Region != "cn-shanghai" {
		t.Fatalf("alibaba section: %+v", o)
	}
	t.Setenv("AWS_REGION", "us-west-2")
	t.Setenv("AWS_PROFILE", "ops")
	o, _ = parseFlags(nil)
	if o.Region != "us-west-2" || o.Profile != "ops" {
		t.Fatalf("AWS_REGION and AWS_PROFILE must beat the file: %+v", o)
	}
	o, _ = parseFlags([]string{"--region", "ap-south-1"})
	if o.Region != "ap-south-1" {
		t.Fatalf("the flag must beat AWS_REGION: %+v", o)
	}
	// ALIBABA_* do not decide for AWS, nor AWS_* for Alibaba Cloud.
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-beijing")
	o, _ = parseFlags(nil)
	if o.Region != "us-west-2" {
		t.Fatalf("ALIBABA_CLOUD_REGION_ID decided the AWS region: %+v", o)
	}

	var out bytes.Buffer
	if err := run([]string{"config"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`region +us-west-2 +env AWS_REGION`, `profile +ops +env AWS_PROFILE`,
		`provider +aws +~/.config/vpnscope/config.yaml:1 \(provider\)`, `refresh +30s +~/.config/vpnscope/config.yaml:2 \(refresh\)`,
		`read_timeout +10s +default`, `config_file +~/.config/vpnscope/config.yaml +read`} {
		if !regexpLine(out.String(), want) {
			t.Errorf("vpnscope config lacks /%s/:\n%s", want, out.String())
		}
	}
	_ = path
}

// The cloud's own profile comes last, and vpnscope config names it.
func TestConfigShowsTheCloudProfileAndNoSecret(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default]\nregion = sa-east-1\n"), 0o600)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY123456")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	var out bytes.Buffer
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `region +sa-east-1 +~/.aws/config \[default\]`) || !regexpLine(out.String(), `credentials +access key +env AWS_ACCESS_KEY_ID`) {
		t.Errorf("cloud profile:\n%s", out.String())
	}
	if strings.Contains(out.String(), "AKIAEXAMPLE") || strings.Contains(out.String(), "wJalr") {
		t.Fatalf("a secret in vpnscope config:\n%s", out.String())
	}

	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), []byte(`{"current":"dev","profiles":[
		{"name":"dev","mode":"AK","access_key_id":"LTAI5tSECRETID","access_key_secret":"verysecret","region_id":"cn-shanghai"}]}`), 0o600)
	out.Reset()
	if err := run([]string{"config", "view"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `region +cn-shanghai +~/.aliyun/config.json \(profile dev\)`) || !regexpLine(out.String(), `credentials +profile dev`) {
		t.Errorf("aliyun profile:\n%s", out.String())
	}
	if strings.Contains(out.String(), "LTAI5t") || strings.Contains(out.String(), "verysecret") {
		t.Fatalf("a secret in vpnscope config:\n%s", out.String())
	}
}

func TestFlatConfigFilesStillRead(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	writeConfig(t, home, "profile: prod\nregion: eu-central-1\naws:\n  region: us-east-2\n")
	o, err := parseFlags(nil)
	if err != nil || o.Profile != "prod" || o.Region != "eu-central-1" {
		t.Fatalf("flat keys for alibaba: %+v, %v", o, err)
	}
	o, _ = parseFlags([]string{"--provider", "aws"})
	if o.Profile != "" || o.Region != "us-east-2" {
		t.Fatalf("the flat keys are Alibaba Cloud's (the file names no provider); the aws section's region applies: %+v", o)
	}
	// Named by the file, the provider owns its flat keys.
	writeConfig(t, home, "provider: aws\nprofile: prod\nregion: eu-west-1\n")
	o, _ = parseFlags(nil)
	if o.Provider != "aws" || o.Profile != "prod" || o.Region != "eu-west-1" {
		t.Fatalf("a flat file for aws: %+v", o)
	}
	o, _ = parseFlags([]string{"--provider", "alibaba"})
	if o.Profile != "" || o.Region != "" {
		t.Fatalf("an aws file's flat keys applied to alibaba: %+v", o)
	}
}

// The case issue 18 named: a flat file's Alibaba Cloud region is not taken
// for AWS, and vpnscope config says where it went and how to set AWS's.
func TestFlatRegionIsNotAnotherCloudsRegion(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	writeConfig(t, home, "profile: prod\nregion: cn-hangzhou\n")
	var out bytes.Buffer
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `region +- +not set \(~/.config/vpnscope/config.yaml:2 is alibaba's; set aws's under aws:\)`) {
		t.Errorf("vpnscope config --provider aws:\n%s", out.String())
	}
	if strings.Contains(out.String(), "cn-hangzhou") {
		t.Errorf("an Alibaba Cloud region shown for AWS:\n%s", out.String())
	}
}

// Every bad value is reported where it was set: the config file's line
// and key, the env var, or the flag.
func TestBadValuesNameTheirSource(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	for content, says := range map[string]string{
		"refresh: 1s\n":                 "config.yaml:1: refresh 1s is too short: the minimum is 2s",
		"\nread_timeout: 1ns\n":         "config.yaml:2: read_timeout 1ns: want 1s to 10m",
		"aws:\n  zone: a\n":             `config.yaml:2: unknown key "zone" in the aws section (known: profile, region, accounts)`,
		"aws: us-east-1\n":              "config.yaml:1: aws: want a section with profile and region under it",
		"alibaba:\n  region: \"a b\"\n": "config.yaml:2: alibaba.region: a region id like",
		"region: x\nregion: y\n":        "config.yaml:2: region is set twice (first on line 1)",
		"provider: [aws]\n":             "config.yaml:1: provider: alibaba or aws, not a list",
		"theme: [\n":                    "config.yaml:1: did not find expected node content",
		// What YAML refuses: the line, and how to write it.
		"\trefresh: 15s\n":                      "config.yaml:1: found character that cannot start any token: indent with spaces, not tabs",
		"refresh: 15s\n\ttheme: dark\n":         "config.yaml:2: found a tab character that violates indentation: indent with spaces, not tabs",
		"profile: @team\n":                      `config.yaml:1: found character that cannot start any token: a value that starts with @ or ` + "`" + ` needs quotes`,
		"a: b: c\n":                             `config.yaml:1: mapping values are not allowed in this context: a value with ": " in it needs quotes`,
		"profile:prod\n":                        `config.yaml:1: "profile:prod": put a space after the colon`,
		"region: 'cn-hangzhou\n":                "config.yaml:2: found unexpected end of stream: a quote is not closed",
		"refresh: 15s\n---\ntheme: blue\n":      "config.yaml:2: a second document (after ---)",
		"theme: dark\n\n\n\nprofile: caf\xe9\n": "config.yaml:5: incomplete UTF-8 octet sequence",
		"theme: dark\nprofile: a\x01b\n":        "config.yaml:2: control characters are not allowed",
	} {
		writeConfig(t, home, content)
		_, err := parseFlags(nil)
		if err == nil || !strings.Contains(err.Error(), says) || strings.Contains(err.Error(), "--refresh") {
			t.Errorf("%q: %v, want %q", content, err, says)
		}
	}
	// A trailing --- holds nothing to ignore: it reads.
	writeConfig(t, home, "refresh: 15s\n---\n")
	if o, err := parseFlags(nil); err != nil || o.Refresh.String() != "15s" {
		t.Errorf("a trailing ---: %v", err)
	}
	writeConfig(t, home, "")
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--read-timeout", "0"}, "--read-timeout 0s: want 1s to 10m"},
		{[]string{"--read-timeout", "-1s"}, "--read-timeout -1s: want 1s to 10m"},
		{[]string{"--read-timeout", "1ns"}, "--read-timeout 1ns: want 1s to 10m"},
		{[]string{"--refresh", "1s"}, "--refresh 1s is too short"},
	} {
		if _, err := parseFlags(c.args); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%v: %v, want %q", c.args, err, c.says)
		}
	}
	t.Setenv("VPNSCOPE_PROVIDER", "gcp")
	if _, err := parseFlags(nil); err == nil || !strings.Contains(err.Error(), `VPNSCOPE_PROVIDER="gcp": want alibaba or aws`) {
		t.Errorf("env provider: %v", err)
	}
}

func regexpLine(text, pattern string) bool {
	return mustCompile("(?m)^" + pattern).MatchString(text)
}

var mustCompile = regexp.MustCompile

// With no AWS credentials anywhere, vpnscope config says none (as the
// Alibaba side does) and what the default chain tries; a profile with keys
// or SSO is named (walkthrough item 16).
func TestConfigSaysNoAWSCredentialsWhenThereAreNone(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	show := func() string {
		var out bytes.Buffer
		if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	if out := show(); !regexpLine(out, `credentials +none +the AWS default chain finds none: .*AWS_ACCESS_KEY_ID.*profile default.*instance role.{0,20}$`) {
		t.Errorf("no credentials:\n%s", out)
	}
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default]\nregion = sa-east-1\n[profile work]\nsso_session = corp\n"), 0o600)
	if out := show(); !regexpLine(out, `credentials +none `) {
		t.Errorf("a region but no credentials:\n%s", out)
	}
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[default]\naws_access_key_id = AKIAEXAMPLEKEY123456\naws_secret_access_key = x\n"), 0o600)
	if out := show(); !regexpLine(out, `credentials +profile default +AWS default chain`) || strings.Contains(out, "AKIAEXAMPLE") {
		t.Errorf("keys in ~/.aws/credentials:\n%s", out)
	}
	t.Setenv("AWS_PROFILE", "work")
	if out := show(); !regexpLine(out, `credentials +profile work +AWS default chain`) {
		t.Errorf("an SSO profile:\n%s", out)
	}
}

// vpnscope problems --provider aws with no region anywhere checks every
// region DescribeRegions returns (the client asks it in us-east-1),
// instead of asking for --region, which would narrow it to one
// (walkthrough item 16). The TUI still wants a region.
func TestProblemsAWSNeedsNoRegion(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	var out, errOut bytes.Buffer
	err = run([]string{"problems", "--no-journal", "--provider", "aws", "--endpoint", emu.URL}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems || ec.err != nil {
		t.Fatalf("want exit 1 (the seeded problems), got %v\n%s", err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "listed in 3 regions") || strings.Contains(errOut.String(), "--region") {
		t.Errorf("summary: %s", errOut.String())
	}
	for _, r := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		if !strings.Contains(out.String(), r) {
			t.Errorf("no finding in %s:\n%s", r, out.String())
		}
	}
	if err := run([]string{"--provider", "aws", "--endpoint", emu.URL}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "--region") {
		t.Errorf("the TUI without a region: %v", err)
	}
}

// As the AWS CLI chooses: keys in the environment beat a profile that only
// AWS_PROFILE names, and --profile beats the keys. Through the real SDK
// against the emulator, which accepts only its demo key.
func TestAWSEnvKeysBeatAWSProfile(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[stale]\naws_access_key_id = AKIASTALE0000000000\naws_secret_access_key = stale\n"), 0o600)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	t.Setenv("AWS_PROFILE", "stale")
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	scan := func(args ...string) error {
		var errOut bytes.Buffer
		return run(append([]string{"problems", "--no-journal", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1"}, args...),
			&bytes.Buffer{}, &errOut)
	}
	var ec exitCode
	if err := scan(); !errors.As(err, &ec) || ec.code != exitProblems || ec.err != nil {
		t.Fatalf("AWS_PROFILE=stale with keys in the environment: want the env keys (exit 1), got %v", err)
	}
	if err := scan("--profile", "stale"); !errors.As(err, &ec) || ec.code != exitCouldNotCheck {
		t.Fatalf("--profile stale must beat the env keys (its key is refused: exit 2), got %v", err)
	}
	var out bytes.Buffer
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +access key +env AWS_ACCESS_KEY_ID \(keys in the environment beat the profile AWS_PROFILE names, as in the AWS CLI\)`) {
		t.Errorf("vpnscope config:\n%s", out.String())
	}
	os.Unsetenv("AWS_PROFILE")
	t.Setenv("AWS_DEFAULT_PROFILE", "stale")
	out.Reset()
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +access key +env AWS_ACCESS_KEY_ID \(keys in the environment beat the profile AWS_DEFAULT_PROFILE names, as in the AWS CLI\)`) {
		t.Errorf("with AWS_DEFAULT_PROFILE, vpnscope config:\n%s", out.String())
	}
}

// vpnscope config names a broken ~/.aws/config as a run would, not the
// profile it cannot read.
func TestConfigNamesABrokenAWSConfig(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default\nregion = us-east-1\n"), 0o600)
	var out bytes.Buffer
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +none +~/.aws/config:1: section header "\[default" has no closing \]`) {
		t.Errorf("vpnscope config:\n%s", out.String())
	}
}

// Flag values that fail to parse say what is wanted, not strconv's words;
// -bogus is one unknown flag, not -b; completion shows no backticks.
func TestFlagMessagesSayWhatIsWanted(t *testing.T) {
	isolate(t)
	for args, want := range map[string]string{
		"--max-in-flight abc": `invalid argument "abc" for "--max-in-flight" flag: want a number (see vpnscope --help)`,
		"--refresh x":         `invalid argument "x" for "--refresh" flag: want a duration like 15s (see vpnscope --help)`,
		"--readonly=maybe":    `invalid argument "maybe" for "--readonly" flag: want true or false (see vpnscope --help)`,
		"-bogus":              `unknown flag: -bogus (see vpnscope --help)`,
	} {
		err := run(strings.Fields(args), &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", args, err, want)
		}
	}
	var out bytes.Buffer
	if err := run([]string{"__complete", "--endp"}, &out, &bytes.Buffer{}); err != nil || !strings.Contains(out.String(), "VPC or EC2 API URL") {
		t.Errorf("completion description: %v %q", err, out.String())
	}
}

// The SDK's own credential calls hold the plain-HTTP rule too: a role's
// AssumeRole, signed with the source profile's keys, is not sent to an
// AWS_ENDPOINT_URL_STS in clear (it went out, three times, and the answer
// would have carried new keys); the message names where it came from.
func TestAWSRoleCredentialsNeverInClear(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[src]\naws_access_key_id = AKIAEXAMPLE0000000\naws_secret_access_key = verysecretkey\n"), 0o600)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = src\nregion = us-east-1\n"), 0o600)
	// A proxy in the environment must not see them either: Go's proxy rule
	// spares only 127.0.0.1-style addresses and localhost, and the SDK
	// dials names through the resolver (DNS could answer for x.localhost).
	var proxied atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { proxied.Add(1) }))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	for _, sts := range []string{"http://10.7.7.7:8080", "http://127.1:9", "http://sts.localhost:9"} {
		t.Setenv("AWS_ENDPOINT_URL_STS", sts)
		err := run([]string{"problems", "--no-journal", "--provider", "aws", "--profile", "r", "--endpoint", "http://127.0.0.1:1"}, &bytes.Buffer{}, &bytes.Buffer{})
		host := strings.TrimPrefix(sts, "http://")
		if err == nil || !strings.Contains(err.Error(), "refused to send a signed request over plain http to "+host) ||
			!strings.Contains(err.Error(), "AWS_ENDPOINT_URL_STS") || strings.Contains(err.Error(), "verysecretkey") {
			t.Errorf("%s: %v", sts, err)
		}
	}
	if proxied.Load() != 0 {
		t.Fatalf("%d credential requests went to the proxy", proxied.Load())
	}
}

// What the AWS files say is held to the same rules as flags: the
// endpoint a run uses is the one vpnscope config shows, CloudWatch Logs'
// included; a profile region with a terminal sequence is refused; a
// profile name with one is not offered to the shell.
func TestAWSFilesAreCheckedLikeFlags(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	cfg := filepath.Join(home, ".aws", "config")
	os.WriteFile(cfg, []byte("[default]\nregion = us-east-1\nservices = s\n[services s]\nec2 =\n  endpoint_url = http://127.0.0.1:18992\n"+
		"cloudwatch_logs =\n  endpoint_url = https://logs.example\n"), 0o600)
	var out bytes.Buffer
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `endpoint +http://127.0.0.1:18992 +endpoint_url in the AWS config file`) ||
		!regexpLine(out.String(), `logs_endpoint +https://logs.example +endpoint_url in the AWS config file`) {
		t.Errorf("vpnscope config:\n%s", out.String())
	}
	t.Setenv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://10.1.1.1")
	if err := run([]string{"--provider", "aws"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "CloudWatch Logs endpoint") || !strings.Contains(err.Error(), "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS") {
		t.Errorf("a plain-http logs endpoint: %v", err)
	}
	os.Unsetenv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
	os.WriteFile(cfg, []byte("[default]\nregion = us\x1b]2;X\x07\n"), 0o600)
	if err := run([]string{"--provider", "aws"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), `the AWS profile's region "us\x1b]2;X\a"`) {
		t.Errorf("a region with escapes: %v", err)
	}
	os.WriteFile(cfg, []byte("[profile ok]\n[profile bad\x1b[5mX]\n"), 0o600)
	out.Reset()
	if err := run([]string{"__complete", "--provider", "aws", "--profile", ""}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "ok\n") || strings.ContainsAny(out.String(), "\x1b\x07") {
		t.Errorf("profiles offered: %q", out.String())
	}
	// The help's backticks go from descriptions only, not from a value.
	os.WriteFile(cfg, []byte("[profile a`b]\n"), 0o600)
	out.Reset()
	if err := run([]string{"__complete", "--provider", "aws", "--profile", ""}, &out, &bytes.Buffer{}); err != nil || !strings.Contains(out.String(), "a`b\n") {
		t.Errorf("a profile with a backtick: %v %q", err, out.String())
	}
}

// Every command's help has examples (issue 18: help per command with
// examples), the completion scripts' and config's subcommands included.
func TestEveryCommandHasExamples(t *testing.T) {
	root := newRootCmd(io.Discard, io.Discard)
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.Hidden && c.Name() != "help" && c.Example == "" {
			t.Errorf("%s has no examples", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// A profile named but in neither AWS file is said as such, as on the
// Alibaba Cloud side.
func TestConfigNamesAMissingAWSProfile(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	var out bytes.Buffer
	if err := run([]string{"config", "--provider", "aws", "--profile", "prod"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +none +no AWS profile "prod" \(from --profile\) in ~/.aws/config or ~/.aws/credentials`) {
		t.Errorf("vpnscope config:\n%s", out.String())
	}
}

// A mistyped AWS_PROFILE is refused as the AWS CLI refuses it ("The config
// profile (nope) could not be found"), keys in the environment or not, and
// vpnscope config says what a run does.
func TestAMissingAWSProfileIsRefusedEvenWithKeysInTheEnvironment(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	t.Setenv("AWS_PROFILE", "nope")
	want := `no AWS profile "nope" (from AWS_PROFILE) in ~/.aws/config or ~/.aws/credentials`
	var out, errOut bytes.Buffer
	err := run([]string{"problems", "--no-journal", "--json", "--provider", "aws", "--region", "us-east-1", "--endpoint", "http://127.0.0.1:1"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitCouldNotCheck || ec.err == nil || !strings.Contains(ec.err.Error(), want) ||
		!strings.Contains(ec.err.Error(), "unset AWS_PROFILE") {
		t.Fatalf("a run: want exit 2 saying %q, got %v", want, err)
	}
	if strings.Contains(ec.err.Error(), "failed to get shared config profile") {
		t.Errorf("the SDK's raw words: %v", ec.err)
	}
	out.Reset()
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +none +`+regexp.QuoteMeta(want)) {
		t.Errorf("vpnscope config must say what a run does:\n%s", out.String())
	}
	// "default" may be missing: the chain goes on, as the SDK's does.
	t.Setenv("AWS_PROFILE", "default")
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +access key +env AWS_ACCESS_KEY_ID`) {
		t.Errorf("AWS_PROFILE=default with keys in the environment:\n%s", out.String())
	}
}

// Help fits an 80-column terminal: the texts, the examples and the flag
// descriptions (cobra prints each flag on one line of any length unless
// told to wrap).
func TestHelpFits80Columns(t *testing.T) {
	isolate(t)
	for _, cmd := range [][]string{{"--help"}, {"problems", "--help"}, {"emulator", "--help"}, {"config", "--help"}} {
		var out bytes.Buffer
		if err := run(cmd, &out, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if w := ansi.StringWidth(line); w > 80 {
				t.Errorf("%v: %d columns: %q", cmd, w, line)
			}
		}
	}
}
