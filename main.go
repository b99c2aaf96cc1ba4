// Command vpnscope is a terminal UI for Alibaba Cloud VPN gateways: their
// IPsec connections and tunnels, SSL-VPN clients and IPsec servers.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/tui"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		code := 1
		var ec exitCode
		if errors.As(err, &ec) {
			code = ec.code
			err = ec.err
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "vpnscope: "+err.Error())
		}
		os.Exit(code)
	}
}

// run is the command line (cmd_root.go), returning what main prints.
func run(args []string, stdout, stderr io.Writer) error {
	return execute(args, stdout, stderr)
}

type options struct {
	debugLog    string
	theme       string
	demo        bool
	endpoint    string
	region      string
	profile     string
	readOnly    bool
	readTimeout time.Duration
	maxInFlight int
	provider    string
	refresh     time.Duration
	version     bool
	// fallbackRegion is used when no flag, env var or profile names a
	// region (vpnscope problems checks them all anyway).
	fallbackRegion string
}

// setup resolves region, credentials and endpoint into a TUI config.
func setup(ctx context.Context, o options) (tui.Config, func(), error) {
	events := &tui.Events{}
	cfg := tui.Config{Context: ctx, ReadOnly: o.readOnly, RefreshInterval: o.refresh, Events: events, Theme: o.theme,
		Regions: alibabaRegions, MaxInFlight: o.maxInFlight}
	cleanup := func() {}
	var onCall func(api.CallRecord)
	if o.debugLog != "" {
		f, err := os.OpenFile(o.debugLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return cfg, cleanup, fmt.Errorf("--debug-log: %w", err)
		}
		cleanup = func() { f.Close() }
		onCall = api.CallLog(f)
	}
	if o.provider == "aws" && !o.demo {
		return setupAWS(ctx, o, cfg, cleanup, onCall)
	}
	if o.demo {
		// Tens of milliseconds, like a real region, so loading states show.
		emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: 60 * time.Millisecond, Churn: 20 * time.Second})
		if err != nil {
			return cfg, cleanup, fmt.Errorf("start the demo emulator: %w", err)
		}
		closeLog := cleanup
		cleanup = func() { emu.Close(); closeLog() }
		client, err := alibaba.NewSDKClient("cn-hangzhou", alibaba.Options{
			Endpoint: emu.URL, Credential: demoCredential(), ReadTimeout: o.readTimeout, OnRetry: events.Retry, OnCall: onCall, MaxInFlight: o.maxInFlight,
		})
		if err != nil {
			return cfg, cleanup, err
		}
		// Both clouds run in the demo, so p switches provider; --region
		// names the starting provider's region.
		alibabaRegion, awsRegion := "cn-hangzhou", "us-east-1"
		if o.region != "" && o.provider == "aws" {
			awsRegion = o.region
		} else if o.region != "" {
			alibabaRegion = o.region
		}
		cfg.Client, cfg.Region, cfg.Demo, cfg.Provider = client, alibabaRegion, true, o.provider
		cfg.CredentialSource, cfg.Endpoint = "demo key", emu.URL
		cfg, cleanup, err = addDemoAWS(o, cfg, cleanup, awsRegion, onCall)
		if o.provider == "aws" {
			cfg.Region = awsRegion
		}
		return cfg, cleanup, err
	}
	creds, err := resolveCredentials(o.profile)
	if err != nil {
		return cfg, cleanup, err
	}
	region, err := resolveRegion(o.region, creds.profileRegion, o.fallbackRegion)
	if err != nil {
		return cfg, cleanup, err
	}
	if err := checkEndpoint(o.endpoint); err != nil {
		return cfg, cleanup, err
	}
	client, err := alibaba.NewSDKClient(region, alibaba.Options{
		Endpoint: o.endpoint, Credential: creds.credential, ReadTimeout: o.readTimeout, OnRetry: events.Retry, OnCall: onCall, MaxInFlight: o.maxInFlight,
	})
	if err != nil {
		return cfg, cleanup, err
	}
	cfg.Client, cfg.Region, cfg.CredentialSource = client, region, creds.source
	cfg.Endpoint = o.endpoint
	if cfg.Endpoint == "" {
		cfg.Endpoint = "https (region endpoint)"
	} else if strings.HasPrefix(o.endpoint, "http://") {
		cfg.Warning = "plain HTTP endpoint: use it only with a local emulator or proxy"
	}
	return cfg, cleanup, nil
}

// emulatorOptions are the flags of `vpnscope emulator`.
type emulatorOptions struct {
	provider              string
	listen, keyID, secret string
	latency, churn        time.Duration
	quiet                 bool
	faults                []emulator.Fault
}

func newEmulatorFlagSet(o *emulatorOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("vpnscope emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.provider, "provider", "alibaba", "which cloud's API to serve: alibaba (the VPC OpenAPI) or aws (EC2's Client VPN actions)")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to serve on")
	fs.StringVar(&o.keyID, "access-key-id", "", "the access key id the emulator accepts (default: the provider's demo key)")
	fs.StringVar(&o.secret, "access-key-secret", "", "the secret the emulator accepts (default: the provider's demo secret)")
	fs.DurationVar(&o.latency, "latency", 0, "latency added to every answer, e.g. 50ms")
	fs.BoolVar(&o.quiet, "quiet", false, "do not log requests to stderr")
	fs.DurationVar(&o.churn, "churn", 0, "flap a tunnel and connect/disconnect an SSL client this often, e.g. 20s (for watch mode)")
	fs.Func("fault", "inject a fault, repeatable: KIND[:action=A,nth=N,first=N,rate=R,delay=D]\n"+
		"KIND is throttle, 503, 500, truncate, malformed, numeric-code, hang, forbidden or latency", func(s string) error {
		f, err := emulator.ParseFault(s)
		if err == nil {
			o.faults = append(o.faults, f)
		}
		return err
	})
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: vpnscope emulator [flags]\n\nServes a cloud's API on loopback with seeded data, until interrupted:\n"+
			"the Alibaba Cloud VPC OpenAPI, or (--provider aws) EC2's Client VPN actions.\n\nFlags:\n")
		printFlags(fs, stderr)
	}
	return fs
}

func runEmulator(args []string, stdout, stderr io.Writer) error {
	var o emulatorOptions
	fs := newEmulatorFlagSet(&o, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch o.provider {
	case "alibaba":
		if o.keyID == "" {
			o.keyID, o.secret = emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret
		}
	case "aws":
		return runAWSEmulator(fs, o, stdout, stderr)
	default:
		return fmt.Errorf("--provider %q: want alibaba or aws", o.provider)
	}
	cfg := emulator.Config{AccessKeyID: o.keyID, AccessKeySecret: o.secret, Latency: o.latency, Faults: o.faults, Churn: o.churn}
	if !o.quiet {
		cfg.Log = stderr
	}
	emu, err := emulator.Start(o.listen, cfg)
	if err != nil {
		return err
	}
	defer emu.Close()
	fmt.Fprintf(stdout, "vpnscope emulator serving the VPC OpenAPI on %s\n", emu.URL)
	fmt.Fprintf(stdout, "access key id:     %s\naccess key secret: %s\n", o.keyID, o.secret)
	fmt.Fprintf(stdout, "try: ALIBABA_CLOUD_ACCESS_KEY_ID=%s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s vpnscope --endpoint %s --region cn-hangzhou\n",
		o.keyID, o.secret, emu.URL)
	waitForInterrupt()
	return nil
}

// printFlags lists flags GNU-style (--name), as the README writes them.
func printFlags(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%s\n      %s", line, strings.ReplaceAll(usage, "\n", "\n      "))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0s" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// runAWSEmulator serves EC2's Client VPN actions until interrupted, for
// any standard AWS client pointed at it.
func runAWSEmulator(fs *flag.FlagSet, o emulatorOptions, stdout, stderr io.Writer) error {
	if o.keyID == "" {
		o.keyID, o.secret = awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey
	}
	cfg := awsemulator.Config{AccessKeyID: o.keyID, SecretAccessKey: o.secret, Latency: o.latency, Faults: o.faults, Churn: o.churn}
	if !o.quiet {
		cfg.Log = stderr
	}
	emu, err := awsemulator.Start(o.listen, cfg)
	if err != nil {
		return err
	}
	defer emu.Close()
	fmt.Fprintf(stdout, "vpnscope emulator serving EC2 (Client VPN) on %s\n", emu.URL)
	fmt.Fprintf(stdout, "access key id:     %s\nsecret access key: %s\nregions:           us-east-1, eu-west-1, ap-southeast-2\n", o.keyID, o.secret)
	fmt.Fprintf(stdout, "try: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws ec2 describe-client-vpn-endpoints --region us-east-1 --endpoint-url %s\n",
		o.keyID, o.secret, emu.URL)
	waitForInterrupt()
	return nil
}

// waitForInterrupt blocks until ctrl+c or SIGTERM: how the emulators run.
func waitForInterrupt() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
