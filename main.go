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
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
	"github.com/vpnscope/vpnscope/tui"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		os.Exit(reportError(os.Stderr, err))
	}
}

// reportError prints err as main does and returns the exit code it
// carries (1 unless it says otherwise). It is the one place an error
// reaches the terminal: whatever it echoes (a flag, a file, an answer) is
// shown as text, never obeyed as a sequence.
func reportError(w io.Writer, err error) int {
	code := 1
	var ec exitCode
	if errors.As(err, &ec) {
		code = ec.code
		err = ec.err
	}
	if err != nil {
		fmt.Fprintln(w, "vpnscope: "+api.Printable(err.Error()))
	}
	return code
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
	// providerChosen: --provider, VPNSCOPE_PROVIDER or the config file
	// named one (else every cloud set up is scanned by problems).
	providerChosen bool
	// profileEnv names the env var the profile came from (AWS_PROFILE,
	// AWS_DEFAULT_PROFILE, ALIBABA_CLOUD_PROFILE); "" for a flag's or the
	// config file's. The AWS CLI lets keys in the environment beat such a
	// profile, and vpnscope does as it does.
	profileEnv string
	refresh    time.Duration
	version    bool
	noJournal  bool
	// fallbackRegion is used when no flag, env var or profile names a
	// region (vpnscope problems checks them all anyway).
	fallbackRegion string
}

// setup resolves region, credentials and endpoint into a TUI config, with
// the providers set up (providers.go).
func setup(ctx context.Context, o options) (tui.Config, func(), error) {
	events := &tui.Events{}
	cfg := tui.Config{Context: ctx, ReadOnly: o.readOnly, RefreshInterval: o.refresh, Events: events, Theme: o.theme,
		MaxInFlight: o.maxInFlight}
	onCall, closeLog, err := openCallLog(o)
	if err != nil {
		return cfg, func() {}, err
	}
	clouds, closeClouds, err := setupClouds(ctx, o, events, onCall)
	cleanup := func() { closeClouds(); closeLog() }
	if err != nil {
		return cfg, cleanup, err
	}
	for _, c := range clouds {
		cfg.Providers = append(cfg.Providers, c.provider)
	}
	cfg.Demo = o.demo
	cfg.CredentialSource, cfg.Warning = clouds[0].source, clouds[0].warning
	return cfg, cleanup, nil
}

// openCallLog opens --debug-log for appending, one line per API call (nil
// and a no-op close without the flag).
func openCallLog(o options) (func(api.CallRecord), func(), error) {
	if o.debugLog == "" {
		return nil, func() {}, nil
	}
	f, err := os.OpenFile(o.debugLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, func() {}, fmt.Errorf("--debug-log: %w", err)
	}
	return api.CallLog(f), func() { f.Close() }, nil
}

// emulatorOptions are the flags of `vpnscope emulator`.
type emulatorOptions struct {
	provider              string
	listen, keyID, secret string
	latency, churn        time.Duration
	quiet, allowRemote    bool
	faults                []fault.Fault
}

func newEmulatorFlagSet(o *emulatorOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("vpnscope emulator", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // cobra parses it and reports its errors
	fs.StringVar(&o.provider, "provider", "alibaba", "which cloud's API to serve: alibaba (the VPC OpenAPI) or aws (EC2's Site-to-Site VPN and Client VPN actions, CloudWatch Logs' FilterLogEvents)")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "loopback address to serve on")
	fs.BoolVar(&o.allowRemote, "allow-remote", false, "let --listen name an address other machines reach (they get the demo key too)")
	fs.StringVar(&o.keyID, "access-key-id", "", "the access key id the emulator accepts (default: the provider's demo key)")
	fs.StringVar(&o.secret, "access-key-secret", "", "the secret the emulator accepts (default: the provider's demo secret)")
	fs.DurationVar(&o.latency, "latency", 0, "latency added to every answer, e.g. 50ms")
	fs.BoolVar(&o.quiet, "quiet", false, "do not log requests to stderr")
	fs.DurationVar(&o.churn, "churn", 0, "change the world this often, e.g. 20s, for watch mode (minimum "+emulatorkit.MinChurn.String()+"): "+
		"alibaba flaps a tunnel and swaps an SSL client; aws connects one client and disconnects another")
	fs.Func("fault", "inject a `FAULT`, repeatable: KIND or KIND:OPTIONS, e.g. 503:nth=5; "+
		"KIND is "+strings.Join(fault.KindNames(), ", ")+"; "+
		"OPTIONS are action=A, one of nth=N, first=N and rate=R, and delay=D, comma-separated; "+
		"A is an action the emulator serves; nth counts from 1; first=0 and rate=0 inject nothing; delay is for latency only", func(s string) error {
		f, err := fault.Parse(s)
		if err == nil {
			o.faults = append(o.faults, f)
		}
		return err
	})
	return fs
}

// emulatorKind is what serveEmulator needs to know of one cloud's emulator.
type emulatorKind struct {
	serves             string // for the banner
	demoID, demoSecret string
	secretLabel        string
	more               string // further banner lines
	try                string // a command to try: %[1]s key id, %[2]s secret, %[3]s URL
	start              func(o emulatorOptions, log io.Writer) (*emulatorkit.Listener, error)
}

// listening is the listener of an emulator just started.
func listening[R interface{ Served() *emulatorkit.Listener }](r R, err error) (*emulatorkit.Listener, error) {
	if err != nil {
		return nil, err
	}
	return r.Served(), nil
}

var emulatorKinds = map[string]emulatorKind{
	"alibaba": {serves: "the VPC OpenAPI", demoID: emulator.DemoAccessKeyID, demoSecret: emulator.DemoAccessKeySecret,
		secretLabel: "access key secret",
		try:         "ALIBABA_CLOUD_ACCESS_KEY_ID=%[1]s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%[2]s vpnscope --endpoint %[3]s --region cn-hangzhou",
		start: func(o emulatorOptions, log io.Writer) (*emulatorkit.Listener, error) {
			return listening(emulator.Start(o.listen, emulator.Config{AccessKeyID: o.keyID, AccessKeySecret: o.secret,
				Latency: o.latency, Faults: o.faults, Churn: o.churn, Log: log}))
		}},
	"aws": {serves: "EC2 (Site-to-Site VPN, Client VPN) and CloudWatch Logs", demoID: awsemulator.DemoAccessKeyID, demoSecret: awsemulator.DemoSecretAccessKey,
		secretLabel: "secret access key", more: "regions:           us-east-1, eu-west-1, ap-southeast-2\n",
		try: "AWS_ACCESS_KEY_ID=%[1]s AWS_SECRET_ACCESS_KEY=%[2]s vpnscope --provider aws --endpoint %[3]s --region us-east-1\n" +
			"or:  AWS_ACCESS_KEY_ID=%[1]s AWS_SECRET_ACCESS_KEY=%[2]s aws ec2 describe-vpn-connections --region us-east-1 --endpoint-url %[3]s",
		start: func(o emulatorOptions, log io.Writer) (*emulatorkit.Listener, error) {
			return listening(awsemulator.Start(o.listen, awsemulator.Config{AccessKeyID: o.keyID, SecretAccessKey: o.secret,
				Latency: o.latency, Faults: o.faults, Churn: o.churn, Log: log}))
		}},
}

// serveEmulator serves one cloud's emulator until ctx ends, for vpnscope's
// own demos and for any client of that cloud pointed at it.
func serveEmulator(ctx context.Context, o emulatorOptions, stdout, stderr io.Writer) error {
	kind, ok := emulatorKinds[o.provider]
	if !ok {
		return fmt.Errorf("--provider %q: want alibaba or aws", o.provider)
	}
	if !o.allowRemote {
		if err := emulatorkit.CheckLoopback(o.listen); err != nil {
			return fmt.Errorf("--listen %v; use 127.0.0.1:PORT, or add --allow-remote if that is what you want", err)
		}
	}
	if err := emulatorkit.CheckChurn(o.churn); err != nil {
		return fmt.Errorf("--%v", err)
	}
	if o.latency < 0 {
		return fmt.Errorf("--latency %s: must not be negative", o.latency)
	}
	if o.keyID == "" {
		o.keyID, o.secret = kind.demoID, kind.demoSecret
	}
	var log io.Writer
	if !o.quiet {
		log = stderr
	}
	emu, err := kind.start(o, log)
	var unserved *fault.ActionError
	if errors.As(err, &unserved) {
		return fmt.Errorf("--%w", err) // --fault KIND:action=A: ...
	}
	if err != nil {
		return err
	}
	defer emu.Close()
	url := emu.URL
	fmt.Fprintf(stdout, "vpnscope emulator serving %s on %s\n", kind.serves, url)
	fmt.Fprintf(stdout, "access key id:     %s\n%-18s %s\n%s", o.keyID, kind.secretLabel+":", o.secret, kind.more)
	fmt.Fprintf(stdout, "try: "+kind.try+"\n", o.keyID, o.secret, url)
	<-ctx.Done()
	return nil
}
