package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/tui/tuitest"
)

// fakeCloud is a third cloud that exists only in this file: adding it is
// one entry in the registry, and nothing else in the program names it.
type fakeCloud struct{}

func (fakeCloud) settings() config.Provider {
	return config.Provider{Name: "fake", Covers: "test VPNs", API: "FAKE", ExampleRegion: "fk-west-1",
		ProfileEnv: []string{"FAKE_PROFILE"}, RegionEnv: []string{"FAKE_REGION"}}
}
func (fakeCloud) title() string           { return "Fake Cloud" }
func (fakeCloud) defaultRegion() string   { return "fk-west-1" }
func (fakeCloud) credentialsHelp() string { return "Fake Cloud reads FAKE_TOKEN." }

func (f fakeCloud) setup(_ context.Context, o options, _ hooks) (cloud, error) {
	if os.Getenv("FAKE_TOKEN") == "" {
		return cloud{}, errors.New("no fake credentials: set FAKE_TOKEN")
	}
	return f.cloud(cmpOr(o.Region, o.FallbackRegion), "env FAKE_TOKEN"), nil
}

func (f fakeCloud) demo(_ options, region string, _ hooks) ([]cloud, func(), error) {
	return []cloud{f.cloud(region, "demo key")}, func() {}, nil
}

func (fakeCloud) cloud(region, source string) cloud {
	return cloud{name: "fake", provider: tuitest.Cloud{Label: "Fake Cloud", Home: region}, source: source,
		scan: func(context.Context, scanRequest) problemsRun {
			f := api.Finding{Provider: "fake", Region: region, Resource: "tunnel", ResourceID: "ftun-1", ResourceName: "to-nowhere",
				Impact: api.TrafficDown, Cause: api.Cause{Phase: "phase 1", State: "down", Message: "the fake peer never answers"}}
			return problemsRun{provider: "Fake Cloud", findings: []api.Finding{f}, json: []any{f}, summary: "1 fake tunnel read"}
		}}
}

func (fakeCloud) emulator() emulatorKind {
	return emulatorKind{serves: "the fake API", churns: "does nothing", demoID: "FAKEKEY", demoSecret: "fakesecret", secretLabel: "secret",
		try: "FAKE_TOKEN=%[1]s:%[2]s vpnscope --provider fake --endpoint %[3]s",
		start: func(o emulatorOptions, _ io.Writer) (*emulatorkit.Listener, error) {
			return emulatorkit.Serve(o.listen, http.NotFoundHandler(), 0, nil)
		}}
}

func (fakeCloud) regionValues() []string  { return []string{"fk-west-1", "fk-east-2"} }
func (fakeCloud) profileValues() []string { return []string{"fk-prod"} }
func (fakeCloud) configRows(o *options, fill func(name, value, source string)) []config.Row {
	fill("region", "fk-east-2", "the fake profile")
	return []config.Row{{Name: "credentials", Value: "token", Source: "env FAKE_TOKEN"}, configEndpointRow(o.Endpoint)}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// withFakeCloud registers the fake cloud for one test.
func withFakeCloud(t *testing.T) {
	t.Helper()
	before := providers
	providers = append(slices.Clone(providers), fakeCloud{})
	t.Cleanup(func() { providers = before })
}

// A third cloud is one adapter in the registry: --provider and its env
// var take it, the config file takes its section, vpnscope config shows
// its rows, completion offers its regions and profiles, the help names it
// and its credentials, problems scans it (and reports it), --demo sets it
// up beside the others, and the emulator serves it.
func TestAThirdProviderIsOneAdapterInTheRegistry(t *testing.T) {
	home := isolate(t)
	withFakeCloud(t)
	t.Setenv("FAKE_TOKEN", "t0k")

	var out, errOut bytes.Buffer
	err := run([]string{"problems", "--provider", "fake", "--json", "--no-journal"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems {
		t.Fatalf("problems --provider fake: want exit 1 (its finding), got %v\n%s", err, errOut.String())
	}
	var findings []map[string]any
	if json.Unmarshal(out.Bytes(), &findings) != nil || len(findings) != 1 || findings[0]["region"] != "fk-west-1" {
		t.Errorf("its finding, in its default region: %s", out.String())
	}
	if !strings.Contains(errOut.String(), "Fake Cloud: 1 finding") {
		t.Errorf("its summary: %s", errOut.String())
	}

	// The config file's section, and its env var for the region.
	writeConfig(t, home, "provider: fake\nfake:\n  profile: fk-prod\n")
	t.Setenv("FAKE_REGION", "fk-east-2")
	o, err := parseFlags(nil)
	if err != nil || o.Provider != "fake" || o.Profile != "fk-prod" || o.Region != "fk-east-2" {
		t.Fatalf("settings: %+v, %v", o, err)
	}
	out.Reset()
	if err := run([]string{"config"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`provider +fake +~/.config/vpnscope/config.yaml:1 \(provider\)`, `region +fk-east-2 +env FAKE_REGION`,
		`credentials +token +env FAKE_TOKEN`} {
		if !regexpLine(out.String(), want) {
			t.Errorf("vpnscope config wants %q:\n%s", want, out.String())
		}
	}

	out.Reset()
	run([]string{"__complete", "--region", ""}, &out, &bytes.Buffer{})
	if !strings.Contains(out.String(), "fk-east-2") || strings.Contains(out.String(), "cn-hangzhou") {
		t.Errorf("region completion for the fake cloud:\n%s", out.String())
	}
	out.Reset()
	run([]string{"--help"}, &out, &bytes.Buffer{})
	for _, want := range []string{"Fake Cloud reads FAKE_TOKEN.", "fake (test VPNs)", "FAKE_PROFILE"} {
		if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), want) {
			t.Errorf("help wants %q", want)
		}
	}

	// --demo sets every provider up, the chosen one first.
	o, _ = parseFlags([]string{"--demo"})
	clouds, cleanup, err := setupClouds(context.Background(), o, hooks{})
	defer cleanup()
	if err != nil || len(clouds) != len(providers)+1 || clouds[0].name != "fake" { // AWS is two accounts
		t.Fatalf("demo clouds: %d, %v", len(clouds), err)
	}

	ctx, stop := context.WithCancel(context.Background())
	stop() // serve, print the banner, return
	out.Reset()
	if err := serveEmulator(ctx, emulatorOptions{provider: "fake", listen: "127.0.0.1:0"}, &out, io.Discard); err != nil ||
		!strings.Contains(out.String(), "serving the fake API") {
		t.Errorf("vpnscope emulator --provider fake: %v\n%s", err, out.String())
	}

	// Without it, the name means nothing.
	providers = providers[:len(providers)-1]
	if _, err := parseFlags([]string{"--provider", "fake"}); err == nil || !strings.Contains(err.Error(), "alibaba or aws") {
		t.Errorf("--provider fake without the adapter: %v", err)
	}
}
