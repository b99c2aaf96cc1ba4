package main

import (
	alibabatui "github.com/vpnscope/vpnscope/tui/alibaba"
	"github.com/vpnscope/vpnscope/tui/ui"

	"context"
	"fmt"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/tui"
)

// The one place that lists providers: how each is set up from credentials
// (and the environment keys it reads, in credentials.go and awssetup.go),
// and for --demo. A third provider is an entry in each of the two lists.

// cloud is one provider set up for a run: its panes' provider, and its
// client for the subcommands that use one directly.
type cloud struct {
	name     string // as --provider says it
	provider ui.Provider
	alibaba  alibaba.Client
	aws      aws.Client
	source   string // where credentials came from, never a key
	warning  string
}

// providerNames are what --provider accepts, the default first.
var providerNames = []string{"alibaba", "aws"}

// setupClouds sets up the provider --provider names; --demo sets up every
// provider on its emulator, the named one first, so p switches.
func setupClouds(ctx context.Context, o options, events *tui.Events, onCall func(api.CallRecord)) ([]cloud, func(), error) {
	if !o.demo {
		var c cloud
		var err error
		switch o.provider {
		case "aws":
			c, err = setupAWS(ctx, o, events, onCall)
		default:
			c, err = setupAlibaba(o, events, onCall)
		}
		return []cloud{c}, func() {}, err
	}
	// --region names the starting provider's region.
	region := func(name, fallback string) string {
		if o.region != "" && o.provider == name {
			return o.region
		}
		return fallback
	}
	var clouds []cloud
	var closers []func()
	cleanup := func() {
		for _, c := range closers {
			c()
		}
	}
	for _, demo := range []struct {
		name  string
		start func(options, string, *tui.Events, func(api.CallRecord)) (cloud, func(), error)
		where string
	}{
		{"alibaba", demoAlibaba, alibaba.DefaultRegion},
		{"aws", demoAWS, aws.DefaultRegion},
	} {
		c, closeIt, err := demo.start(o, region(demo.name, demo.where), events, onCall)
		if err != nil {
			return nil, cleanup, err
		}
		closers = append(closers, closeIt)
		if demo.name == o.provider {
			clouds = append([]cloud{c}, clouds...)
		} else {
			clouds = append(clouds, c)
		}
	}
	return clouds, cleanup, nil
}

// setupAlibaba resolves Alibaba Cloud's credentials, region and endpoint
// the way the aliyun CLI does (credentials.go).
func setupAlibaba(o options, events *tui.Events, onCall func(api.CallRecord)) (cloud, error) {
	creds, err := resolveCredentials(o.profile)
	if err != nil {
		return cloud{}, err
	}
	region, err := resolveRegion(o.region, creds.profileRegion, o.fallbackRegion)
	if err != nil {
		return cloud{}, err
	}
	if err := api.CheckEndpoint(o.endpoint); err != nil {
		return cloud{}, err
	}
	client, err := vpcclient.New(region, vpcclient.Options{
		Endpoint: o.endpoint, Credential: creds.credential, ReadTimeout: o.readTimeout, OnRetry: events.Retry, OnCall: onCall, MaxInFlight: o.maxInFlight,
	})
	if err != nil {
		return cloud{}, err
	}
	c := cloud{name: "alibaba", alibaba: client, source: creds.source}
	endpoint := o.endpoint
	if endpoint == "" {
		endpoint = "https (region endpoint)"
	} else if api.IsPlainHTTP(o.endpoint) {
		c.warning = "plain HTTP endpoint: use it only with a local emulator or proxy"
	}
	c.provider = alibabatui.NewProvider(client, region, endpoint)
	return c, nil
}

// demoAlibaba runs Alibaba Cloud on its emulator, with tens of
// milliseconds of latency like a real region, so loading states show.
func demoAlibaba(o options, region string, events *tui.Events, onCall func(api.CallRecord)) (cloud, func(), error) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: 60 * time.Millisecond, Churn: 20 * time.Second})
	if err != nil {
		return cloud{}, func() {}, fmt.Errorf("start the demo emulator: %w", err)
	}
	client, err := vpcclient.New(alibaba.DefaultRegion, vpcclient.Options{
		Endpoint: emu.URL, Credential: demoCredential(), ReadTimeout: o.readTimeout, OnRetry: events.Retry, OnCall: onCall, MaxInFlight: o.maxInFlight,
	})
	if err != nil {
		emu.Close()
		return cloud{}, func() {}, err
	}
	return cloud{name: "alibaba", alibaba: client, source: "demo key", provider: alibabatui.NewProvider(client, region, emu.URL)},
		func() { emu.Close() }, nil
}
