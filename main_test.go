package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// isolate runs with an empty home and no Alibaba Cloud variables, so only
// what the test sets is found.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "ALIBABA_CLOUD_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	return home
}

func TestVersionAndHelp(t *testing.T) {
	isolate(t)
	var out, errOut bytes.Buffer
	if err := run([]string{"--version"}, &out, &errOut); err != nil || !strings.HasPrefix(out.String(), "vpnscope ") {
		t.Fatalf("--version: %q, %v", out.String(), err)
	}
	out.Reset()
	if err := run([]string{"--help"}, &out, &errOut); err != nil {
		t.Fatalf("--help: %v", err)
	}
	// Help goes to stdout now (cobra), so it pages: vpnscope --help | less.
	for _, want := range []string{"--demo", "--endpoint", "--region", "--profile", "--readonly", "ALIBABA_CLOUD_REGION_ID", "ALIBABA_CLOUD_PROFILE", "vpnscope emulator"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help does not mention %s", want)
		}
	}
}

func TestNoCredentialsSaysHowToSetThemAndMentionsDemo(t *testing.T) {
	isolate(t)
	err := run([]string{"--region", "cn-hangzhou"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("started without credentials")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "ALIBABA_CLOUD_ACCESS_KEY_ID") || !strings.Contains(msg, "--demo") {
		t.Fatalf("want one line with how to set credentials and --demo, got %q", msg)
	}
}

func TestRegionAndProfileResolution(t *testing.T) {
	home := isolate(t)
	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), []byte(`{"current":"dev","profiles":[
		{"name":"dev","mode":"AK","access_key_id":"id","access_key_secret":"s","region_id":"cn-shanghai"},
		{"name":"old","mode":"RsaKeyPair","region_id":"ap-northeast-1"}]}`), 0o600)

	creds, err := resolveCredentials("")
	if err != nil || creds.source != "profile dev" || creds.profileRegion != "cn-shanghai" {
		t.Fatalf("current profile: %+v, %v", creds, err)
	}
	if r, _ := resolveRegion("", creds.profileRegion, ""); r != "cn-shanghai" {
		t.Errorf("profile region not used: %s", r)
	}
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "eu-central-1")
	if r, _ := resolveRegion("", creds.profileRegion, ""); r != "eu-central-1" {
		t.Errorf("env region should beat the profile's: %s", r)
	}
	if r, _ := resolveRegion("us-west-1", creds.profileRegion, ""); r != "us-west-1" {
		t.Errorf("--region should win: %s", r)
	}
	if _, err := resolveCredentials("old"); err == nil || !strings.Contains(err.Error(), "RsaKeyPair") {
		t.Errorf("unsupported mode should be named: %v", err)
	}
	if _, err := resolveCredentials("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("missing profile: %v", err)
	}
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "")
	if _, err := resolveRegion("", "", ""); err == nil || !strings.Contains(err.Error(), "--region") {
		t.Errorf("no region: %v", err)
	}
}

func TestPlainHTTPOnlyForLoopback(t *testing.T) {
	for endpoint, ok := range map[string]bool{
		"": true, "https://vpc.example.com": true, "http://127.0.0.1:8080": true, "http://localhost:1": true,
		"http://[::1]:9": true, "http://10.0.0.5:8080": false, "http://vpc.cn-hangzhou.aliyuncs.com": false,
	} {
		if err := checkEndpoint(endpoint); (err == nil) != ok {
			t.Errorf("%q: %v", endpoint, err)
		}
	}
}

func TestEmulatorSubcommandRejectsBadFaults(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"emulator", "--listen", "127.0.0.1:0", "--fault", "explode"}, &out, &errOut)
	if err == nil || !strings.Contains(errOut.String()+err.Error(), "explode") {
		t.Fatalf("%v / %s", err, errOut.String())
	}
}

func TestConfigFile(t *testing.T) {
	home := isolate(t)
	dir := filepath.Join(home, "xdg")
	t.Setenv("XDG_CONFIG_HOME", dir)
	os.MkdirAll(filepath.Join(dir, "vpnscope"), 0o700)
	write := func(s string) { os.WriteFile(filepath.Join(dir, "vpnscope", "config.yaml"), []byte(s), 0o600) }

	write("# defaults\nprofile: prod\nregion: eu-central-1  # Frankfurt\nrefresh: 30s\nreadonly: true\ntheme: light\n")
	o, err := parseFlags(nil, &bytes.Buffer{})
	if err != nil || o.profile != "prod" || o.region != "eu-central-1" || o.refresh.String() != "30s" || !o.readOnly || o.theme != "light" {
		t.Fatalf("config not applied: %+v, %v", o, err)
	}
	o, _ = parseFlags([]string{"--region", "cn-shanghai", "--refresh", "5s"}, &bytes.Buffer{})
	if o.region != "cn-shanghai" || o.refresh.String() != "5s" {
		t.Errorf("flags must win over the file: %+v", o)
	}
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "us-west-1")
	o, _ = parseFlags(nil, &bytes.Buffer{})
	if o.region != "us-west-1" {
		t.Errorf("the env var must win over the file, got region %q", o.region)
	}
	for bad, says := range map[string]string{
		"refresh: soon\n":      "a duration",
		"color: red\n":         `unknown key "color"`,
		"readonly: maybe\n":    "true or false",
		"theme: purple\n":      "auto, dark or light",
		"just some words\n":    "key: value",
		"\n\nregion x\n":       "config.yaml:3",
		"read_timeout: -1s\n":  "a duration",
		"profile: 'quoted'\n ": "",
	} {
		write(bad)
		_, err := parseFlags(nil, &bytes.Buffer{})
		if says == "" {
			if err != nil {
				t.Errorf("%q: %v", bad, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%q: %v, want %q", bad, err, says)
		}
	}
}

// vpnscope problems: a script's view of the overview, with its exit codes.
func TestProblemsCommand(t *testing.T) {
	isolate(t)
	var out, errOut bytes.Buffer
	err := run([]string{"problems", "--demo", "--json"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems || ec.err != nil {
		t.Fatalf("problems in the demo: want exit 1 and no message, got %v", err)
	}
	var findings []map[string]any
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
		t.Fatalf("--json is not valid JSON: %v\n%s", err, out.String())
	}
	if len(findings) == 0 {
		t.Fatal("no findings in the demo world")
	}
	for _, key := range []string{"provider", "region", "gateway_id", "gateway_name", "connection_id", "connection_name", "phase", "state", "message"} {
		if _, ok := findings[0][key]; !ok {
			t.Errorf("a finding lacks %q: %v", key, findings[0])
		}
	}
	if !strings.Contains(errOut.String(), "gateways checked in 5 regions") {
		t.Errorf("summary: %q", errOut.String())
	}

	// One region with nothing in it: exit 0, and the table says so.
	out.Reset()
	if err := run([]string{"problems", "--demo", "--region", "us-west-1"}, &out, &errOut); err != nil {
		t.Fatalf("an empty region: %v", err)
	}
	if !strings.Contains(out.String(), "No problems found") {
		t.Errorf("table: %q", out.String())
	}

	// A bound that makes no sense is refused before anything is sent.
	err = run([]string{"problems", "--demo", "--max-in-flight", "0"}, &out, &errOut)
	if !errors.As(err, &ec) || ec.code != exitCouldNotCheck || !strings.Contains(err.Error(), "--max-in-flight") {
		t.Fatalf("--max-in-flight 0: %v", err)
	}

	// No credentials: it could not check, exit 2 with the reason.
	err = run([]string{"problems"}, &out, &errOut)
	if !errors.As(err, &ec) || ec.code != exitCouldNotCheck || ec.err == nil || !strings.Contains(ec.err.Error(), "--demo") {
		t.Fatalf("no credentials: want exit 2 with advice, got %v", err)
	}
}

// Only a metadata service that names an instance means ECS: a proxy or a
// sandbox answering 404 on that address does not.
func TestECSDetectionWantsAnInstanceID(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{{200, "i-bp1abc\n", "i-bp1abc"}, {404, "not found", ""}, {200, "<html>captive portal</html>", ""}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(tc.status)
			io.WriteString(w, tc.body)
		}))
		if got := ecsInstanceID(srv.URL, time.Second); got != tc.want {
			t.Errorf("%d %q: got %q, want %q", tc.status, tc.body, got, tc.want)
		}
		srv.Close()
	}
}

// The AWS provider: --demo needs nothing; without credentials, one line
// says how to set them and mentions the demo.
func TestAWSProviderSetup(t *testing.T) {
	isolate(t)
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))

	o, err := parseFlags([]string{"--provider", "aws", "--demo"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	cfg, cleanup, err := setup(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if cfg.AWS == nil || cfg.Region != "us-east-1" || !cfg.Demo {
		t.Fatalf("demo config: %+v", cfg)
	}
	p, err := cfg.AWS.Endpoints(context.Background(), cfg.Region, api.FirstPage(100))
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("demo endpoints: %d, %v", len(p.Items), err)
	}

	err = run([]string{"--provider", "aws", "--region", "us-east-1"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID") ||
		!strings.Contains(err.Error(), "--demo") || !strings.Contains(err.Error(), "aws sso login") {
		t.Fatalf("no AWS credentials: %v", err)
	}
	if err := run([]string{"--provider", "gcp"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "alibaba or aws") {
		t.Fatalf("unknown provider: %v", err)
	}
}
