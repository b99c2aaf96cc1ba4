package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/journal"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/internal/localfile"
	alibabatui "github.com/vpnscope/vpnscope/tui/alibaba"
)

// alibabaCloud is Alibaba Cloud on the command line: VPN gateways through
// the VPC OpenAPI, with credentials as the aliyun CLI finds them
// (provider_alibaba_credentials.go).
type alibabaCloud struct{}

func (alibabaCloud) settings() config.Provider {
	return config.Provider{Name: "alibaba", Covers: "VPN gateways", API: "VPC", ExampleRegion: alibaba.DefaultRegion,
		ProfileEnv: []string{"ALIBABA_CLOUD_PROFILE"}, RegionEnv: []string{"ALIBABA_CLOUD_REGION_ID"}}
}

func (alibabaCloud) title() string         { return "Alibaba Cloud" }
func (alibabaCloud) defaultRegion() string { return alibaba.DefaultRegion }

func (alibabaCloud) credentialsHelp() string {
	return `Alibaba Cloud credentials come from the default chain:
ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
ALIBABA_CLOUD_SECURITY_TOKEN), aliyun CLI profiles in ~/.aliyun/config.json
(ALIBABA_CLOUD_PROFILE), ~/.alibabacloud/credentials, an ECS RAM role, OIDC, or
a credentials URI; the region from ALIBABA_CLOUD_REGION_ID or the profile.`
}

// setup resolves credentials, region and endpoint the way the aliyun CLI
// does.
func (a alibabaCloud) setup(_ context.Context, o options, h hooks) (cloud, error) {
	creds, err := resolveCredentials(o.Profile)
	if err != nil {
		return cloud{}, err
	}
	region, err := resolveRegion(o.Region, creds.profileRegion, o.FallbackRegion)
	if err != nil {
		return cloud{}, err
	}
	if err := api.CheckEndpoint(o.Endpoint); err != nil {
		return cloud{}, err
	}
	client, err := vpcclient.New(region, vpcclient.Options{
		Endpoint: o.Endpoint, Credential: creds.credential, ReadTimeout: o.ReadTimeout, OnRetry: h.events.Retry, OnCall: h.onCall, MaxInFlight: o.MaxInFlight,
	})
	if err != nil {
		return cloud{}, err
	}
	label, warning := endpointLabel(o.Endpoint)
	return a.cloud(client, region, label, creds.source, warning), nil
}

// demo runs Alibaba Cloud on its emulator, with tens of milliseconds of
// latency like a real region, so loading states show.
func (a alibabaCloud) demo(o options, region string, h hooks) ([]cloud, func(), error) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: 60 * time.Millisecond, Churn: 20 * time.Second})
	if err != nil {
		return nil, func() {}, fmt.Errorf("start the demo emulator: %w", err)
	}
	client, err := vpcclient.New(alibaba.DefaultRegion, vpcclient.Options{
		Endpoint: emu.URL, Credential: demoCredential(), ReadTimeout: o.ReadTimeout, OnRetry: h.events.Retry, OnCall: h.onCall, MaxInFlight: o.MaxInFlight,
	})
	if err != nil {
		emu.Close()
		return nil, func() {}, err
	}
	return []cloud{a.cloud(client, region, emu.URL, "demo key", "")}, func() { emu.Close() }, nil
}

func (alibabaCloud) cloud(client *vpcclient.Client, region, label, source, warning string) cloud {
	return cloud{name: "alibaba", provider: alibabatui.NewProvider(client, region, label), source: source, warning: warning,
		scan: func(ctx context.Context, s scanRequest) problemsRun { return scanAlibaba(ctx, client, s) }}
}

func (alibabaCloud) emulator() emulatorKind {
	return emulatorKind{serves: "the VPC OpenAPI", churns: "flaps a tunnel and swaps an SSL client", demoID: emulator.DemoAccessKeyID, demoSecret: emulator.DemoAccessKeySecret,
		secretLabel: "access key secret",
		try:         "ALIBABA_CLOUD_ACCESS_KEY_ID=%[1]s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%[2]s vpnscope --endpoint %[3]s --region cn-hangzhou",
		accountKeys: func(n int) (string, string) {
			k := emulator.DemoKeyPair(n)
			return k.AccessKeyID, k.AccessKeySecret
		},
		start: func(o emulatorOptions, log io.Writer) (*emulatorkit.Listener, error) {
			var more []emulator.KeyPair
			for n := 2; n <= o.accounts; n++ {
				more = append(more, emulator.DemoKeyPair(n))
			}
			return listening(emulator.Start(o.listen, emulator.Config{AccessKeyID: o.keyID, AccessKeySecret: o.secret,
				Accounts: more, Latency: o.latency, Faults: o.faults, Churn: o.churn, Log: log}))
		}}
}

// regionValues are the regions that serve VPN gateways, and those the
// aliyun CLI's profiles name (a private region is still offered).
func (alibabaCloud) regionValues() []string {
	values := slices.Clone(alibaba.RegionIDs)
	for _, p := range cliProfiles(cliConfigPath()) {
		values = append(values, p.RegionID)
	}
	return values
}

func (alibabaCloud) profileValues() []string {
	var names []string
	for _, p := range cliProfiles(cliConfigPath()) {
		names = append(names, p.Name)
	}
	return names
}

// configRows say where credentials would come from, without asking the
// ECS metadata service: vpnscope config dials nothing.
func (alibabaCloud) configRows(o *options, fill func(name, value, source string)) []config.Row {
	if err := checkCLIConfig(cliConfigPath()); err != nil {
		return []config.Row{{Name: "credentials", Value: "none", Source: err.Error()}}
	}
	if p, ok := readCLIProfile(cliConfigPath(), o.Profile); ok {
		fill("profile", p.Name, localfile.Tilde(cliConfigPath())+" (current)")
		if p.RegionID != "" {
			fill("region", p.RegionID, fmt.Sprintf("%s (profile %s)", localfile.Tilde(cliConfigPath()), p.Name))
		}
	}
	creds, err := resolveCredentialsProbing(o.Profile, nil)
	switch {
	case errors.Is(err, errECSNotAsked):
		return []config.Row{{Name: "credentials", Value: "none found", Source: err.Error()}}
	case err != nil:
		msg, _, _ := strings.Cut(err.Error(), ":")
		return []config.Row{{Name: "credentials", Value: "none", Source: msg}}
	}
	return []config.Row{{Name: "credentials", Value: creds.source, Source: "Alibaba Cloud default chain"}}
}

// checkCLIConfig checks the aliyun CLI's config.json is JSON; a missing
// one is fine (other sources may have credentials).
func checkCLIConfig(path string) error {
	b, err := localfile.Read(path, 4<<20)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		return fmt.Errorf("%s: starts with a UTF-8 byte-order mark, which the aliyun CLI and the SDK cannot read; save it without one", localfile.Tilde(path))
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		var syn *json.SyntaxError
		where := localfile.Tilde(path)
		if errors.As(err, &syn) {
			line, col := localfile.LineCol(b, syn.Offset)
			where = fmt.Sprintf("%s:%d:%d", where, line, col)
		}
		return fmt.Errorf("%s: not valid JSON (%v); fix it, or run `aliyun configure` to write it again", where, err)
	}
	return nil
}

// cliProfiles are the aliyun CLI's profiles, every one: completion offers
// their names and their regions.
func cliProfiles(path string) []cliProfile {
	b, err := localfile.Read(path, 4<<20)
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

// scanAlibaba runs the Alibaba Cloud scan and records it in the journal.
func scanAlibaba(ctx context.Context, client alibaba.Client, s scanRequest) problemsRun {
	regions := s.regions
	events := make(chan alibaba.ScanEvent)
	go alibaba.Scan(ctx, client, alibaba.ScanOptions{Regions: regions, MaxInFlight: s.maxInFlight}, events)
	var findings []alibaba.Finding
	var failed []alibaba.RegionError
	read, gateways, regionsSeen, calls := 0, 0, 0, 0
	regionsTried := map[string]bool{}
	finished := false
	for e := range events {
		// Done counts only if nothing had stopped the scan by then: a
		// cancelled scan still ends with Done, having skipped the rest.
		finished = finished || e.Done && ctx.Err() == nil
		findings = append(findings, e.Findings...)
		if e.RegionErr != nil {
			failed = append(failed, *e.RegionErr)
			if r := e.RegionErr.Region; r != "" && e.RegionErr.GatewayID == "" {
				regionsTried[r] = true
			}
		}
		if e.Checked != nil && !e.Checked.Failed {
			read++
		}
		if e.RegionFound != "" {
			regionsSeen++
			regionsTried[e.RegionFound] = true
		}
		gateways += e.Gateways
		calls = e.Calls
	}
	alibaba.SortFindings(findings)
	for i := range findings {
		findings[i].Account, findings[i].AccountID = s.account, s.accountID
	}
	shared, tunnels := api.ToRecord(findings)
	var failedRegions []string
	for _, f := range failed {
		failedRegions = append(failedRegions, f.Region)
	}
	if finished {
		s.record("alibaba", shared, tunnels, journal.RegionsChecked(regions, failedRegions))
	} else {
		// An interrupted scan's missing events would read as fixed: it
		// records nothing, but what it found still has its since.
		s.recall(shared)
	}
	history := ""
	if s.history {
		n, note := alibabaHistory(ctx, client, findings)
		calls, history = calls+n, " · "+note
	}
	// What was read, said as such: "0 of 64 gateways' connections read"
	// when every DescribeVpnConnections was refused.
	run := problemsRun{provider: s.title(alibabaCloud{}.title()), calls: calls,
		summary: fmt.Sprintf("%d of %d gateways' connections read · gateways listed in %s · %s%s",
			read, gateways, ofRegions(regionsSeen, len(regionsTried)), api.Count(calls, "API call"), history)}
	run.json, run.findings = make([]any, len(findings)), make([]api.Finding, len(findings))
	for i := range findings {
		// The JSON row points at the finding: a copy in an interface
		// would hold every finding twice until the output is written.
		// Its connection was for the journal, which has it now; the
		// output is the shared finding's, and a run over twenty accounts
		// need not hold every connection until the last one is read.
		findings[i].Connection = nil
		run.json[i], run.findings[i] = &findings[i], findings[i].Finding
	}
	run.failures = len(failed)
	return stoppedUnless(finished, run)
}

// alibabaHistory gives each down connection's finding its since from
// CloudMonitor's state metric (--history), where that is earlier than the
// journal's: one DescribeMetricList call per metric and region with a
// down tunnel, over the last historyWindow. It says what it read, or what
// it could not (the findings keep their since then).
func alibabaHistory(ctx context.Context, client alibaba.Client, findings []alibaba.Finding) (calls int, note string) {
	r, ok := client.(alibaba.StateReader)
	if !ok {
		return 0, "--history: this client reads no metrics"
	}
	calls, err := alibaba.FillSince(ctx, r, findings, time.Now(), historyWindow)
	if err != nil {
		return calls, "--history: not every region's state metric was read (" + api.Printable(err.Error()) + ")"
	}
	return calls, "since from the state metric (CloudMonitor, " + api.Count(calls, "call") + ")"
}

// historyWindow is how far back --history reads a state metric: a day,
// at CloudMonitor's longest period (900 s), 96 rows a tunnel, so a call
// of four 1,000-row pages holds 41 tunnels whole (14 days would be 1,344
// rows a tunnel, two tunnels a call). An outage older than that is "at
// least since" the window's start, as every since is at least.
const historyWindow = 24 * time.Hour
