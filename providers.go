package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/journal"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// options are the settings of a run, resolved (internal/config).
type options = config.Options

// provider is one cloud on the command line, as ui.Provider is one on the
// screen: everything the commands need of it, so that a third cloud is
// api/<cloud>, tui/<cloud> and one of these in the registry below.
type provider interface {
	// settings are its name (--provider, its config section), what it
	// covers, its CLI's environment variables and an example region.
	settings() config.Provider
	// title names it in summaries: "Alibaba Cloud".
	title() string
	// defaultRegion is where a demo starts, and the one region a problems
	// run needs to exist when none is configured (it reads them all).
	defaultRegion() string
	// credentialsHelp is its paragraph of the root command's help: where
	// credentials and the region come from.
	credentialsHelp() string
	// setup builds its client from the usual credential chain.
	setup(ctx context.Context, o options, h hooks) (cloud, error)
	// demo runs it on its emulator, starting in region: one cloud per
	// account the demo shows, the one the TUI browses first.
	demo(o options, region string, h hooks) ([]cloud, func(), error)
	// emulator is what `vpnscope emulator --provider NAME` serves.
	emulator() emulatorKind
	// regionValues and profileValues are what completion offers: its
	// regions, and the profiles (and their regions) in its CLI's files.
	regionValues() []string
	profileValues() []string
	// configRows are its rows of `vpnscope config` (credentials, endpoints),
	// dialling nothing; fill sets a "not set" profile or region row from
	// its CLI's profile.
	configRows(o *options, fill func(name, value, source string)) []config.Row
}

// providers is the registry: the one list of clouds, the default first.
var providers = []provider{alibabaCloud{}, awsCloud{}}

// hooks are what set-up hands every client: the TUI's retry notices, and
// the debug log's call records.
type hooks struct {
	events *tui.Events
	onCall func(api.CallRecord)
}

// cloud is one provider set up for a run: its panes' provider, its
// problems scan (on the same client), and where its credentials came from.
type cloud struct {
	name    string // as --provider says it
	account string // the profile, in a run over several accounts
	// accountID is the cloud's id of the account ("" when unknown): two
	// profiles with one id are one account (sameAccounts).
	accountID string
	provider  ui.Provider
	scan      func(ctx context.Context, s scanRequest) problemsRun
	source    string // where credentials came from, never a key
	warning   string
	setupErr  error // why an account could not be set up (it has no provider then)
}

// scanRequest is what a problems scan is given: the regions to read (nil:
// every region), how many calls may be in flight, and the journal that
// remembers states across runs (nil: none).
type scanRequest struct {
	account     string // in a run over several accounts: the findings', and the journal's scope
	accountID   string // the findings' account id, "" when unknown
	regions     []string
	maxInFlight int
	history     bool // read each down tunnel's since from the state metric (--history)
	journal     *journal.Journal
	journalMu   *sync.Mutex // one scan writes the journal (and stderr) at a time
	stderr      io.Writer
}

// title names the run's cloud in its summary: "AWS", or "AWS (prod)" in a
// run over several accounts.
func (s scanRequest) title(cloud string) string {
	if s.account == "" {
		return cloud
	}
	return cloud + " (" + s.account + ")"
}

// record writes what the scan of provider saw to the journal, each key in
// the scan's account (the findings' are, by their Account; the tunnels'
// are put there), so two accounts' resources never mix.
func (s scanRequest) record(provider string, findings []*api.Finding, tunnels []api.ResourceState, checked func(region string) bool) {
	for i := range tunnels {
		tunnels[i].Key = api.KeyInAccount(tunnels[i].Key, s.account)
	}
	if s.journalMu != nil {
		s.journalMu.Lock()
		defer s.journalMu.Unlock()
	}
	recordFindings(s.journal, s.stderr, api.InAccount(provider, s.account), findings, tunnels, checked)
}

// recall gives what a scan that did not finish found its since and
// flapping from the journal, recording nothing.
func (s scanRequest) recall(findings []*api.Finding) {
	if s.journalMu != nil {
		s.journalMu.Lock()
		defer s.journalMu.Unlock()
	}
	journal.Recall(s.journal, findings)
}

// emulatorKind is what `vpnscope emulator` needs of one cloud's emulator.
type emulatorKind struct {
	serves             string // for the banner and help
	churns             string // what --churn changes, for help
	demoID, demoSecret string
	secretLabel        string
	more               string // further banner lines
	// accountKeys is account n's key pair (n from 2) when the emulator
	// serves several accounts (--accounts); nil when it serves one.
	accountKeys func(n int) (id, secret string)
	try         string // a command to try: %[1]s key id, %[2]s secret, %[3]s URL
	start       func(o emulatorOptions, log io.Writer) (*emulatorkit.Listener, error)
}

// listening is the listener of an emulator just started.
func listening[R interface{ Served() *emulatorkit.Listener }](r R, err error) (*emulatorkit.Listener, error) {
	if err != nil {
		return nil, err
	}
	return r.Served(), nil
}

// providerSettings are every provider's settings, for internal/config.
func providerSettings() []config.Provider {
	var out []config.Provider
	for _, p := range providers {
		out = append(out, p.settings())
	}
	return out
}

// providerNames are what --provider accepts, the default first.
func providerNames() []string {
	var names []string
	for _, p := range providers {
		names = append(names, p.settings().Name)
	}
	return names
}

// providerNamed is the provider called name; the default for a name
// nothing registered (settings are checked before this is asked).
func providerNamed(name string) provider {
	for _, p := range providers {
		if p.settings().Name == name {
			return p
		}
	}
	return providers[0]
}

// setupClouds sets up the provider --provider names; --demo sets up every
// provider on its emulator, the named one first, so p switches.
func setupClouds(ctx context.Context, o options, h hooks) ([]cloud, func(), error) {
	if plan := accountPlan(o); !o.Demo && (len(plan) > 1 || len(o.Profiles()) > 1) {
		var clouds []cloud
		for _, a := range plan {
			clouds = append(clouds, setupAccounts(ctx, a.provider, a.options, h)...)
		}
		return clouds, func() {}, nil
	} else if !o.Demo {
		c, err := providerNamed(o.Provider).setup(ctx, o, h)
		return []cloud{c}, func() {}, err
	}
	var clouds []cloud
	var closers []func()
	cleanup := func() {
		for _, c := range closers {
			c()
		}
	}
	for _, p := range providers {
		name := p.settings().Name
		// --region names the starting provider's region.
		region := p.defaultRegion()
		if o.Region != "" && o.Provider == name {
			region = o.Region
		}
		cs, closeIt, err := p.demo(o, region, h)
		if err != nil {
			return nil, cleanup, err
		}
		closers = append(closers, closeIt)
		if name == o.Provider {
			clouds = append(cs, clouds...)
		} else {
			clouds = append(clouds, cs...)
		}
	}
	return clouds, cleanup, nil
}

// addWarning adds one more to the warnings the status line shows, "a · b".
func addWarning(warnings, more string) string {
	if warnings == "" {
		return more
	}
	return warnings + " · " + more
}

// endpointLabel is how the status line names an endpoint: the region's
// own when none is set, and a warning for plain HTTP.
func endpointLabel(endpoint string) (label, warning string) {
	if endpoint == "" {
		return "https (region endpoint)", ""
	}
	if api.IsPlainHTTP(endpoint) {
		return endpoint, "plain HTTP endpoint: use it only with a local emulator or proxy"
	}
	return endpoint, ""
}

// plannedAccounts are one provider's accounts in a run: its options, with
// the profiles (accounts) named in Profile.
type plannedAccounts struct {
	provider provider
	options  options
}

// accountPlan is what a run sets up: the provider that runs, with its
// profiles; and, when no provider was chosen, every other provider whose
// section of the config file lists accounts, each in its own default
// region (the flags' region and profile are the first provider's).
func accountPlan(o options) []plannedAccounts {
	plan := []plannedAccounts{{providerNamed(o.Provider), o}}
	if o.ProviderChosen {
		return plan
	}
	for _, p := range providers {
		name := p.settings().Name
		if name == o.Provider || len(o.Accounts[name]) == 0 {
			continue
		}
		other := o
		// --endpoint, --region and --profile are the first provider's;
		// this one's come from its own config (AWS_ENDPOINT_URL, …).
		other.Provider, other.Profile, other.ProfileEnv, other.Region, other.Endpoint = name, strings.Join(o.Accounts[name], ","), "", "", ""
		other.FallbackRegion = p.defaultRegion()
		plan = append(plan, plannedAccounts{p, other})
	}
	return plan
}

// setupAccounts sets up p once per profile, for a run over several
// accounts. An account that cannot be set up (a missing profile, expired
// SSO, a refused file) is one unknown finding saying why; the others are
// still checked.
func setupAccounts(ctx context.Context, p provider, o options, h hooks) []cloud {
	profiles := o.Profiles()
	if len(profiles) == 0 { // the provider's default chain, as one account
		profiles = []string{""}
	}
	// Each set-up may wait on the network (an STS call on AWS, an SSO
	// token, a credential_process): all at once, a few at a time, so that
	// twenty profiles cost about one round trip, not twenty.
	clouds := make([]cloud, len(profiles))
	slots := make(chan struct{}, setupsAtOnce)
	var wg sync.WaitGroup
	for i, profile := range profiles {
		one := o
		one.Profile = profile
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			c, err := p.setup(ctx, one, h)
			if err != nil {
				c = unreachableAccount(p, profile, err)
			}
			c.account = profile
			clouds[i] = c
		})
	}
	wg.Wait()
	return clouds
}

// setupsAtOnce bounds the accounts set up at once: each may start a
// credential_process or open a connection to STS or SSO.
const setupsAtOnce = 8

// unreachableAccount is an account that could not be set up: it has no
// panes, and its scan is the one finding that says why.
func unreachableAccount(p provider, profile string, err error) cloud {
	name := p.settings().Name
	return cloud{name: name, source: "profile " + profile, setupErr: err, scan: func(context.Context, scanRequest) problemsRun {
		f := setupFailure(name, err)
		f.Account = profile
		return problemsRun{provider: scanRequest{account: profile}.title(p.title()), findings: []api.Finding{f}, json: []any{f}, failures: 1,
			summary: "not set up: nothing was checked in this account"}
	}}
}

// sameAccounts keeps one cloud per account in a run over several
// profiles: profiles whose account id is the same are one account, scanned
// once as the first profile named, and stderr says which were the same.
// A cloud whose id is unknown is kept.
func sameAccounts(clouds []cloud, stderr io.Writer) []cloud {
	var kept []cloud
	same := map[string][]string{} // provider|id: the profiles, the kept first
	var order []string
	for _, c := range clouds {
		key := c.name + "|" + c.accountID
		if c.accountID == "" || c.account == "" {
			kept = append(kept, c)
			continue
		}
		if _, seen := same[key]; !seen {
			kept = append(kept, c)
			order = append(order, key)
		}
		same[key] = append(same[key], c.account)
	}
	for _, key := range order {
		if profiles := same[key]; len(profiles) > 1 {
			_, id, _ := strings.Cut(key, "|")
			fmt.Fprintf(stderr, "profiles %s are one account (%s): checked once, as %s\n", strings.Join(profiles, ", "), id, profiles[0])
		}
	}
	return kept
}
