package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/journal"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/internal/localfile"
	awstui "github.com/vpnscope/vpnscope/tui/aws"
)

// awsCloud is AWS on the command line: Site-to-Site VPN and Client VPN
// through EC2, their logs through CloudWatch Logs, with credentials as the
// AWS CLI finds them (provider_aws_credentials.go).
type awsCloud struct{}

func (awsCloud) settings() config.Provider {
	return config.Provider{Name: "aws", API: "EC2", Covers: "Site-to-Site VPN and Client VPN, with CloudWatch Logs", ExampleRegion: aws.DefaultRegion,
		ProfileEnv: []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}, RegionEnv: []string{"AWS_REGION", "AWS_DEFAULT_REGION"}}
}

func (awsCloud) title() string         { return "AWS" }
func (awsCloud) defaultRegion() string { return aws.DefaultRegion }

func (awsCloud) credentialsHelp() string {
	return `AWS (--provider aws) reads what the AWS CLI reads: AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/config and ~/.aws/credentials, SSO;
the region from AWS_REGION, AWS_DEFAULT_REGION or the profile.`
}

func (awsCloud) setup(ctx context.Context, o options, h hooks) (cloud, error) {
	return setupAWS(ctx, o, h)
}

// demoAccounts are the demo's AWS accounts, a key pair of the emulator
// each: the TUI browses the first; vpnscope problems --demo checks both.
var demoAccounts = []string{"prod", "staging"}

// demo runs AWS on its emulator, one account per demo key pair; region is
// where it starts.
func (a awsCloud) demo(o options, region string, h hooks) ([]cloud, func(), error) {
	var more []awsemulator.KeyPair
	for n := 2; n <= len(demoAccounts); n++ {
		more = append(more, awsemulator.DemoKeyPair(n))
	}
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Latency: 60 * time.Millisecond, Churn: 20 * time.Second, Accounts: more})
	if err != nil {
		return nil, func() {}, fmt.Errorf("start the demo AWS emulator: %w", err)
	}
	var clouds []cloud
	for i, acct := range emu.Accounts() {
		sdk := awssdk.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider(acct.AccessKeyID, acct.SecretAccessKey, "")}
		client := ec2client.New(sdk, ec2client.Options{Endpoint: emu.URL, ReadTimeout: o.ReadTimeout, OnRetry: h.events.Retry, OnCall: h.onCall})
		c := a.cloud(client, region, emu.URL, "demo key", "")
		// The emulator's own ids (STS would answer the same): a demo
		// starts without a round trip more.
		c.account, c.accountID = demoAccounts[i], acct.ID
		clouds = append(clouds, c)
	}
	return clouds, func() { emu.Close() }, nil
}

func (awsCloud) cloud(client *ec2client.Client, region, label, source, warning string) cloud {
	return cloud{name: "aws", provider: awstui.NewProvider(client, region, label), source: source, warning: warning,
		scan: func(ctx context.Context, s scanRequest) problemsRun { return scanAWS(ctx, client, s) }}
}

func (awsCloud) emulator() emulatorKind {
	return emulatorKind{serves: "EC2 (Site-to-Site VPN, Client VPN) and CloudWatch Logs", churns: "connects one client and disconnects another", demoID: awsemulator.DemoAccessKeyID, demoSecret: awsemulator.DemoSecretAccessKey,
		secretLabel: "secret access key", more: "regions:           us-east-1, eu-west-1, ap-southeast-2\n",
		try: "AWS_ACCESS_KEY_ID=%[1]s AWS_SECRET_ACCESS_KEY=%[2]s vpnscope --provider aws --endpoint %[3]s --region us-east-1\n" +
			"or:  AWS_ACCESS_KEY_ID=%[1]s AWS_SECRET_ACCESS_KEY=%[2]s aws ec2 describe-vpn-connections --region us-east-1 --endpoint-url %[3]s",
		accountKeys: func(n int) (string, string) {
			k := awsemulator.DemoKeyPair(n)
			return k.AccessKeyID, k.SecretAccessKey
		},
		start: func(o emulatorOptions, log io.Writer) (*emulatorkit.Listener, error) {
			var more []awsemulator.KeyPair
			for n := 2; n <= o.accounts; n++ {
				more = append(more, awsemulator.DemoKeyPair(n))
			}
			return listening(awsemulator.Start(o.listen, awsemulator.Config{AccessKeyID: o.keyID, SecretAccessKey: o.secret,
				Accounts: more, Latency: o.latency, Faults: o.faults, Churn: o.churn, Log: log}))
		}}
}

// regionValues are AWS's regions and those set in ~/.aws/config.
func (awsCloud) regionValues() []string {
	var values []string
	for _, r := range aws.Regions {
		values = append(values, r.ID)
	}
	for _, s := range localfile.Sections(awsFiles()[0]) {
		values = append(values, s.Keys["region"])
	}
	return values
}

// profileValues are the profiles of ~/.aws/config ([profile NAME],
// [default]) and ~/.aws/credentials ([NAME]).
func (awsCloud) profileValues() []string {
	var names []string
	for i, path := range awsFiles() {
		for _, s := range localfile.Sections(path) {
			name := s.Name
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

// awsFiles are the AWS CLI's shared files the SDK will read.
func awsFiles() []string {
	var paths []string
	for _, f := range awsSharedFiles() {
		paths = append(paths, f.Path)
	}
	return paths
}

// awsSharedFiles are the config and credentials files, each with the
// variable that moved it, if one did.
func awsSharedFiles() []localfile.File {
	home, _ := os.UserHomeDir()
	return []localfile.File{
		localfile.FromEnv("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config")),
		localfile.FromEnv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials")),
	}
}

// checkAWSFiles checks the shared config and credentials files before the
// SDK reads them: the SDK skips a section whose header is broken, so an
// unterminated "[default" would otherwise read as "no AWS region".
func checkAWSFiles() error {
	for _, f := range awsSharedFiles() {
		if err := f.Named(localfile.CheckINI(f.Path)); err != nil {
			return err
		}
	}
	return nil
}

// configRows are the profile's region and credentials as a run would find
// them (the profile's sections read once), and the endpoints the SDK
// resolves; fill sets a "not set" row from the profile.
func (awsCloud) configRows(o *options, fill func(name, value, source string)) []config.Row {
	endpoint := configEndpointRow(o.Endpoint)
	if err := checkAWSFiles(); err != nil {
		// A run would stop here too: say which file and line.
		return []config.Row{{Name: "credentials", Value: "none", Source: err.Error()}, endpoint}
	}
	profile := cmp.Or(o.Profile, "default")
	if profile == "default" {
		fill("profile", "default", "AWS default")
	}
	sections := awsProfileSections(profile)
	for _, s := range sections {
		if s.File == awsFiles()[0] && s.Keys["region"] != "" {
			fill("region", s.Keys["region"], fmt.Sprintf("%s [%s]", localfile.Tilde(s.File), s.Name))
		}
	}
	credentials := func(value, source string) config.Row {
		return config.Row{Name: "credentials", Value: value, Source: source}
	}
	var rows []config.Row
	switch missing := missingAWSProfile(*o); {
	case missing != nil:
		// A run refuses it too, keys in the environment or not.
		rows = append(rows, credentials("none", missing.Error()))
	case envAWSKeys().HasKeys() && (o.Profile == "" || o.ProfileEnv != ""):
		src := "env AWS_ACCESS_KEY_ID"
		if o.ProfileEnv != "" {
			src += " (keys in the environment beat the profile " + o.ProfileEnv + " names, as in the AWS CLI)"
		}
		rows = append(rows, credentials("access key", src))
	case hasCredentials(sections):
		rows = append(rows, credentials("profile "+profile, "AWS default chain (~/.aws/credentials, ~/.aws/config, SSO, instance role)"))
	case os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "":
		rows = append(rows, credentials("web identity", "env AWS_WEB_IDENTITY_TOKEN_FILE"))
	case os.Getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != "" || os.Getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != "":
		rows = append(rows, credentials("container role", "env AWS_CONTAINER_CREDENTIALS_*"))
	default:
		rows = append(rows, credentials("none", "the AWS default chain finds none: not AWS_ACCESS_KEY_ID, "+
			"not profile "+profile+" (no keys, SSO, role or credential_process), then only an instance role on EC2"))
	}
	// The endpoints the SDK resolves, as a run would use them: the flag,
	// the env vars, endpoint_url in the profile or its services section.
	var logsRow *config.Row
	if sdk, err := loadAWSConfig(context.Background(), *o); err == nil {
		c := ec2client.New(sdk, ec2client.Options{Endpoint: o.Endpoint})
		if e := c.Endpoint(); e != "" {
			endpoint = config.Row{Name: "endpoint", Value: e, Source: configEndpointSource(o.Endpoint, "EC2")}
		}
		if logs := c.LogsEndpoint(); logs != "" && logs != endpoint.Value {
			logsRow = &config.Row{Name: "logs_endpoint", Value: logs, Source: configEndpointSource(o.Endpoint, "CLOUDWATCH_LOGS")}
		}
	}
	rows = append(rows, endpoint)
	if logsRow != nil {
		rows = append(rows, *logsRow)
	}
	return rows
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

// awsProfileSections are profile's sections in the shared credentials file
// ([NAME]) and the config file ([profile NAME], [default]); none when
// neither file has it.
func awsProfileSections(profile string) []localfile.Section {
	files := awsFiles()
	section := "profile " + profile
	if profile == "default" {
		section = "default"
	}
	var found []localfile.Section
	for _, f := range []struct{ path, name string }{{files[1], profile}, {files[0], section}} {
		if s, ok := localfile.FindSection(localfile.Sections(f.path), f.name); ok {
			found = append(found, s)
		}
	}
	return found
}

// hasCredentials reports whether a profile's sections name a way to
// credentials (keys, SSO, a role, a process), as the SDK's chain would
// read them; without one the chain has only an instance role left.
func hasCredentials(sections []localfile.Section) bool {
	for _, s := range sections {
		for _, k := range []string{"aws_access_key_id", "sso_session", "sso_start_url", "sso_account_id", "role_arn",
			"credential_process", "web_identity_token_file", "credential_source"} {
			if s.Keys[k] != "" {
				return true
			}
		}
	}
	return false
}

// scanAWS runs the AWS scan: every enabled region's Site-to-Site
// connections and Client VPN endpoints, in the same findings model as the
// Alibaba Cloud side, and records it in the journal j (nil: none) as the
// Alibaba Cloud scan does, so AWS findings have their since too.
func scanAWS(ctx context.Context, client aws.ScanClient, s scanRequest) problemsRun {
	regions := s.regions
	var found []aws.Finding
	checkCalls, noSuchRegion := 0, 0 // --region ids AWS does not have (aws.SplitRegions)
	events := make(chan aws.ScanEvent)
	if len(regions) > 0 {
		// A misspelt --region is said so, with the region meant, not
		// scanned: a scan of it would blame the network or the key.
		var unknown []*aws.Finding
		regions, unknown, checkCalls = aws.SplitRegions(ctx, client, regions)
		for _, f := range unknown {
			found = append(found, *f)
		}
		noSuchRegion = len(unknown)
	}
	if len(s.regions) > 0 && len(regions) == 0 { // nothing left to scan: not every region
		go func() { events <- aws.ScanEvent{Done: true}; close(events) }()
	} else {
		go aws.Scan(ctx, client, aws.ScanOptions{Regions: regions, MaxInFlight: s.maxInFlight, Maintenance: s.history}, events)
	}
	var failedRegions []string
	var last aws.ScanEvent
	regionsSeen := 0
	s2sUnread, cvpnUnread := 0, 0 // regions whose lists could not be read
	run := problemsRun{provider: s.title(awsCloud{}.title())}
	finished := false
	var endpoints []aws.EndpointRef // what --history reads the CRLs of
	for e := range events {
		finished = finished || e.Done && ctx.Err() == nil // as scanAlibaba
		found = append(found, e.Findings...)
		endpoints = append(endpoints, e.EndpointRefs...)
		if f := e.RegionErr; f != nil {
			run.failures++
			failedRegions = append(failedRegions, f.Region)
		}
		if e.RegionDone != "" {
			regionsSeen++
		}
		last = e
	}
	slices.SortStableFunc(found, func(a, b aws.Finding) int { return api.CompareFindings(a.Finding, b.Finding) })
	stamp := func(found []aws.Finding) {
		for i := range found {
			found[i].Account, found[i].AccountID = s.account, s.accountID
		}
	}
	stamp(found)
	// A pending replacement is read only under --history: recorded, a run
	// without it would take its absence for a fix, and the note would
	// flap between runs. It is said, not journaled.
	var notes []aws.Finding
	found = slices.DeleteFunc(found, func(f aws.Finding) bool {
		if f.Resource == aws.ResourceTunnelReplacement {
			notes = append(notes, f)
			return true
		}
		return false
	})
	shared, tunnels := api.ToRecord(found)
	// Only the regions asked that AWS has were checked: with none of them,
	// nothing was, and nothing is taken as fixed.
	if finished && (len(s.regions) == 0 || len(regions) > 0) {
		s.record("aws", shared, tunnels, journal.RegionsChecked(regions, failedRegions))
	} else {
		s.recall(shared) // as the Alibaba Cloud scan: nothing recorded, since kept
	}
	found = append(found, notes...) // the journal has written each since into found's rows
	history := ""
	if s.history {
		var n int
		var note string
		found, n, note = awsHistory(ctx, client, found, endpoints)
		checkCalls, history = checkCalls+n, " · "+note
		stamp(found) // a CRL finding of its own is made here, after the stamping above
		slices.SortStableFunc(found, func(a, b aws.Finding) int { return api.CompareFindings(a.Finding, b.Finding) })
	}
	partial := 0 // endpoints with a list that could not be read
	for _, f := range found {
		run.findings = append(run.findings, f.Finding)
		run.json = append(run.json, f.Finding)
		switch {
		case f.Resource == "region" && slices.Contains(f.Unchecked, "its Site-to-Site VPN connections"):
			s2sUnread++
		case f.Resource == "client-vpn-endpoint" && f.Reason != "":
			partial++
		}
		if f.Resource == "region" && slices.Contains(f.Unchecked, "its Client VPN endpoints") {
			cvpnUnread++
		}
	}
	// What was read, said as such: "0 VPN connections listed in 0 of 3
	// regions" when every DescribeVpnConnections was refused.
	run.summary = fmt.Sprintf("%s listed in %s · %d of %s read whole, listed in %s · %s",
		api.Count(last.Connections, "VPN connection"), ofRegions(regionsSeen-s2sUnread, regionsSeen+noSuchRegion),
		last.Endpoints-partial, api.Count(last.Endpoints, "Client VPN endpoint"), ofRegions(regionsSeen-cvpnUnread, regionsSeen+noSuchRegion),
		api.Count(last.Calls+checkCalls, "API call")) + history
	run.calls = last.Calls + checkCalls
	return stoppedUnless(finished, run)
}

// awsHistory gives each down connection's finding its since from
// CloudWatch's TunnelState (--history), where that is earlier than its
// LastStatusChange or the journal's, and each Client VPN endpoint whose
// CRL has expired or expires within a week a finding, from its
// CrlDaysToExpiry: one GetMetricData call per region with a down tunnel
// or an endpoint (350 queries a call), over the last historyWindow. It
// says what it read, or what it could not (the findings keep their since
// then).
func awsHistory(ctx context.Context, client aws.ScanClient, findings []aws.Finding, endpoints []aws.EndpointRef) ([]aws.Finding, int, string) {
	r, ok := client.(aws.HistoryReader)
	if !ok {
		return findings, 0, "--history: this client reads no metrics"
	}
	findings, calls, err := aws.FillHistory(ctx, r, findings, endpoints, time.Now(), historyWindow)
	if err != nil {
		return findings, calls, "--history: not every region's TunnelState and CrlDaysToExpiry were read (" + api.Printable(err.Error()) + ")"
	}
	return findings, calls, "since from TunnelState, CRLs from CrlDaysToExpiry (CloudWatch, " + api.Count(calls, "GetMetricData call") + ")"
}
