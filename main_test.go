package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/tui"
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

// The plain-HTTP rule holds for the endpoint actually used, however it was
// spelled or configured. setup only builds clients; nothing is dialled.
func TestPlainHTTPRefusedWhereverItIsConfigured(t *testing.T) {
	isolate(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")
	for _, endpoint := range []string{"HTTP://10.1.2.3:8080", "Http://10.1.2.3:8080", "http://10.1.2.3:8080"} {
		o, err := parseFlags([]string{"--region", "cn-hangzhou", "--endpoint", endpoint})
		if err != nil {
			t.Fatal(err)
		}
		if _, cleanup, err := setup(context.Background(), o); err == nil || !strings.Contains(err.Error(), "plain http") {
			cleanup()
			t.Errorf("alibaba --endpoint %s: %v, want refused", endpoint, err)
		}
	}
	o, _ := parseFlags([]string{"--region", "cn-hangzhou", "--endpoint", "127.0.0.1:8080"})
	if _, _, err := setup(context.Background(), o); err == nil || !strings.Contains(err.Error(), "http://127.0.0.1:8080") {
		t.Errorf("a loopback endpoint with no scheme: %v, want the fix (add http://)", err)
	}

	isolateAWS(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	dir := t.TempDir()
	configs := map[string]string{
		"default":  "[default]\nregion = us-east-1\nendpoint_url = http://10.7.7.7:8080\n",
		"services": "[default]\nregion = us-east-1\nservices = local\n\n[services local]\nec2 =\n  endpoint_url = HTTP://10.7.7.7:8080\n",
	}
	for name, text := range configs {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("AWS_CONFIG_FILE", path)
		o, err := parseFlags([]string{"--provider", "aws"})
		if err != nil {
			t.Fatal(err)
		}
		_, cleanup, err := setup(context.Background(), o)
		if err == nil || !strings.Contains(err.Error(), "plain http") || !strings.Contains(err.Error(), "endpoint_url") {
			cleanup()
			t.Errorf("%s: %v, want refused, naming endpoint_url", name, err)
		}
	}
	for _, env := range []string{"AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL"} {
		t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "none"))
		t.Setenv(env, "HTTP://10.7.7.7:8080")
		o, _ := parseFlags([]string{"--provider", "aws", "--region", "us-east-1"})
		if _, cleanup, err := setup(context.Background(), o); err == nil || !strings.Contains(err.Error(), env) {
			cleanup()
			t.Errorf("%s: %v, want refused, naming it", env, err)
		}
		os.Unsetenv(env)
	}
	// Loopback in a config file is allowed, and the status line says what is used.
	path := filepath.Join(dir, "loopback")
	os.WriteFile(path, []byte("[default]\nregion = us-east-1\nendpoint_url = http://127.1:8081\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", path)
	o, _ = parseFlags([]string{"--provider", "aws"})
	cfg, cleanup, err := setup(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	cleanup()
	if cfg.Providers[0].Endpoint() != "http://127.1:8081" || cfg.Warning == "" {
		t.Errorf("endpoint label %q, warning %q: want the config file's endpoint and the plain-HTTP warning", cfg.Providers[0].Endpoint(), cfg.Warning)
	}
}

// isolateAWS clears the AWS variables and files, so only what a test sets is found.
func isolateAWS(t *testing.T) {
	t.Helper()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION",
		"AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
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
	o, err := parseFlags(nil)
	if err != nil || o.Profile != "prod" || o.Region != "eu-central-1" || o.Refresh.String() != "30s" || !o.ReadOnly || o.Theme != "light" {
		t.Fatalf("config not applied: %+v, %v", o, err)
	}
	o, _ = parseFlags([]string{"--region", "cn-shanghai", "--refresh", "5s"})
	if o.Region != "cn-shanghai" || o.Refresh.String() != "5s" {
		t.Errorf("flags must win over the file: %+v", o)
	}
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "us-west-1")
	o, _ = parseFlags(nil)
	if o.Region != "us-west-1" {
		t.Errorf("the env var must win over the file, got region %q", o.Region)
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
		_, err := parseFlags(nil)
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
	// Every documented field on every finding, one finding per resource,
	// and IPsec servers named by their gateway.
	resources := map[string]bool{}
	for _, f := range findings {
		for _, key := range []string{"provider", "region", "resource", "resource_id", "resource_name", "gateway_id", "gateway_name",
			"connection_id", "connection_name", "tunnel_id", "server_id", "impact", "urgency", "phase", "state", "message",
			"consequences", "also", "unchecked", "reason", "since", "flapping"} {
			if _, ok := f[key]; !ok {
				t.Fatalf("a finding lacks %q: %v", key, f)
			}
		}
		k := fmt.Sprint(f["region"], f["resource"], f["resource_id"])
		if resources[k] {
			t.Errorf("two findings for %s", k)
		}
		resources[k] = true
		if f["resource"] == "ipsec-server" && f["gateway_name"] == "" {
			t.Errorf("an IPsec server finding without its gateway's name: %v", f)
		}
	}
	if !strings.Contains(errOut.String(), "64 of 64 gateways' connections read · gateways listed in 5 regions") {
		t.Errorf("summary: %q", errOut.String())
	}
	// Both clouds set up (the demo): one run, one list, both providers,
	// worst first across them.
	providers := map[string]int{}
	for _, f := range findings {
		providers[fmt.Sprint(f["provider"])]++
	}
	if len(providers) != 2 || !strings.Contains(errOut.String(), "AWS (prod): ") || !strings.Contains(errOut.String(), "AWS (staging): ") ||
		!strings.Contains(errOut.String(), "Alibaba Cloud: ") {
		t.Errorf("one run should cover both clouds: providers %v, summary %q", providers, errOut.String())
	}
	out.Reset()
	if err := run([]string{"problems", "--demo", "--provider", "alibaba"}, &out, &errOut); err == nil || strings.Contains(out.String(), "PROVIDER") {
		t.Errorf("--provider alibaba: %v, want Alibaba Cloud's findings alone:\n%.300s", err, out.String())
	}
	out.Reset()
	run([]string{"problems", "--demo"}, &out, &errOut)
	if !strings.HasPrefix(out.String(), "PROVIDER") {
		t.Errorf("the table of both clouds has no PROVIDER column:\n%.300s", out.String())
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

// vpnscope problems records what it saw in the state journal: a second
// run gives each finding the time the first one saw it; --no-journal and
// journal: false leave no journal; a damaged one is a line on stderr.
func TestProblemsJournal(t *testing.T) {
	home := isolate(t)
	state := filepath.Join(home, "state")
	t.Setenv("XDG_STATE_HOME", state)
	runJSON := func(args ...string) ([]map[string]any, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		err := run(append([]string{"problems", "--demo", "--json", "--region", "cn-shanghai"}, args...), &out, &errOut)
		var ec exitCode
		if !errors.As(err, &ec) || ec.code != exitProblems {
			t.Fatalf("want exit 1, got %v (%s)", err, errOut.String())
		}
		var fs []map[string]any
		if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
			t.Fatal(err)
		}
		return fs, errOut.String()
	}
	first, _ := runJSON()
	file := filepath.Join(state, "vpnscope", "demo-journal.jsonl")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("no journal after a run: %v", err)
	}
	// Every finding is recorded, and the tunnels of broken connections,
	// with nothing but key, state, cause and time.
	keys := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil || len(r) > 4 {
			t.Fatalf("journal line %q", line)
		}
		keys[r["k"].(string)] = true
	}
	tunnels := 0
	for k := range keys {
		if strings.Contains(k, "|tunnel|") {
			tunnels++
		}
	}
	for _, f := range first {
		if k := fmt.Sprint(f["provider"], "|", f["region"], "|", f["resource"], "|", f["resource_id"]); !keys[k] {
			t.Errorf("finding %s is not in the journal", k)
		}
	}
	if tunnels == 0 {
		t.Error("no tunnel's state is in the journal")
	}
	time.Sleep(1100 * time.Millisecond) // the journal's times have second precision at least
	second, _ := runJSON()
	for i, f := range second {
		if f["since"] == nil || f["since"] != first[i]["since"] {
			t.Fatalf("since %v on the second run, %v on the first", f["since"], first[i]["since"])
		}
	}
	if after, _ := os.ReadFile(file); len(after) != len(b) {
		t.Errorf("nothing changed, yet the journal grew from %d to %d bytes", len(b), len(after))
	}

	if fs, _ := runJSON("--no-journal"); fs[0]["since"] != nil {
		t.Errorf("--no-journal gave since %v", fs[0]["since"])
	}
	os.RemoveAll(state)
	cfg := filepath.Join(home, ".config", "vpnscope", "config.yaml")
	os.MkdirAll(filepath.Dir(cfg), 0o700)
	os.WriteFile(cfg, []byte("journal: false\n"), 0o600)
	runJSON()
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("journal: false still wrote a journal: %v", err)
	}
	os.Remove(cfg)

	os.MkdirAll(filepath.Dir(file), 0o700)
	os.WriteFile(file, []byte("not a record\n"), 0o600)
	fs, stderr := runJSON()
	if !strings.Contains(stderr, "damaged") || len(fs) == 0 {
		t.Errorf("a damaged journal: stderr %q", stderr)
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
	isolateAWS(t)

	o, err := parseFlags([]string{"--provider", "aws", "--demo"})
	if err != nil {
		t.Fatal(err)
	}
	clouds, cleanup, err := setupClouds(context.Background(), o, hooks{events: &tui.Events{}})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	first := clouds[0]
	// AWS is two accounts in the demo, prod browsed first.
	if first.name != "aws" || first.provider.Region() != "us-east-1" || first.provider.Name() != "AWS" || len(clouds) != 3 ||
		first.account != "prod" || clouds[1].account != "staging" || first.accountID == clouds[1].accountID {
		t.Fatalf("demo clouds: %+v", clouds)
	}
	// Its scan reads the demo's world through its client.
	scanned := first.scan(context.Background(), scanRequest{regions: []string{"us-east-1"}, maxInFlight: 4, stderr: io.Discard})
	if len(scanned.findings) == 0 || scanned.failures > 0 {
		t.Fatalf("the demo's scan: %d findings, %d failures", len(scanned.findings), scanned.failures)
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
