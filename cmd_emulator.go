package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// newEmulatorCmd is `vpnscope emulator`. Its flags are the emulator's own
// flag set (below), parsed, shown in help and completed by cobra, so a
// flag given before the word emulator counts as one given after it.
func newEmulatorCmd(stdout, stderr io.Writer) *cobra.Command {
	var o emulatorOptions
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "serve the emulator alone, on loopback, until interrupted",
		Long: "Serves a cloud's API (--provider) on loopback with seeded data, until\ninterrupted:\n" +
			emulatorList() + "It prints the address and the access key it accepts.",
		Example: `  vpnscope emulator --listen 127.0.0.1:8080 --churn 20s
  vpnscope emulator --provider aws --fault throttle:first=3
  vpnscope emulator --fault 503:rate=0.2 --fault latency:delay=2s,rate=0.5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveEmulator(ctx, o, stdout, stderr)
		},
	}
	cmd.Flags().AddGoFlagSet(newEmulatorFlagSet(&o))
	cmd.Flags().SortFlags = false
	cmd.RegisterFlagCompletionFunc("provider", cobra.FixedCompletions(providerNames(), cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("fault", completeFault)
	return cmd
}

// completeFault offers the --fault kinds.
func completeFault(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return fault.KindNames(), cobra.ShellCompDirectiveNoFileComp
}

// emulatorList says what each provider's emulator serves, a line each.
func emulatorList() string {
	var b strings.Builder
	for _, p := range providers {
		fmt.Fprintf(&b, "  %-8s %s\n", p.settings().Name, p.emulator().serves)
	}
	return b.String()
}

// emulatorChurns says what --churn changes in each provider's world.
func emulatorChurns() string {
	var each []string
	for _, p := range providers {
		each = append(each, p.settings().Name+" "+p.emulator().churns)
	}
	return strings.Join(each, "; ")
}

// emulatorChoices says what each provider's emulator serves: "alibaba (the
// VPC OpenAPI) or aws (EC2 …)".
func emulatorChoices() string {
	var each []string
	for _, p := range providers {
		each = append(each, p.settings().Name+" ("+p.emulator().serves+")")
	}
	return strings.Join(each, " or ")
}

// emulatorOptions are the flags of `vpnscope emulator`.
type emulatorOptions struct {
	provider              string
	listen, keyID, secret string
	latency, churn        time.Duration
	accounts              int // key pairs served, each an account of its own (0: one)
	quiet, allowRemote    bool
	faults                []fault.Fault
}

func newEmulatorFlagSet(o *emulatorOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("vpnscope emulator", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // cobra parses it and reports its errors
	fs.StringVar(&o.provider, "provider", providerNames()[0], "which cloud's API to serve: "+emulatorChoices())
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "loopback address to serve on")
	fs.BoolVar(&o.allowRemote, "allow-remote", false, "let --listen name an address other machines reach (they get the demo key too)")
	fs.StringVar(&o.keyID, "access-key-id", "", "the access key id the emulator accepts (default: the provider's demo key)")
	fs.StringVar(&o.secret, "access-key-secret", "", "the secret the emulator accepts (default: the provider's demo secret)")
	fs.Func("accounts", fmt.Sprintf("serve `N` accounts (1–%d; default 1), each on its own key pair with its own world, for runs over several profiles", maxEmulatorAccounts), func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxEmulatorAccounts {
			return fmt.Errorf("want a number from 1 to %d", maxEmulatorAccounts)
		}
		o.accounts = n
		return nil
	})
	fs.DurationVar(&o.latency, "latency", 0, "latency added to every answer, e.g. 50ms")
	fs.BoolVar(&o.quiet, "quiet", false, "do not log requests to stderr")
	fs.DurationVar(&o.churn, "churn", 0, "change the world this often, e.g. 20s, for watch mode (minimum "+emulatorkit.MinChurn.String()+"): "+
		emulatorChurns())
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

// maxEmulatorAccounts bounds --accounts: each account is a world of its
// own in memory.
const maxEmulatorAccounts = 50

// serveEmulator serves one cloud's emulator until ctx ends, for vpnscope's
// own demos and for any client of that cloud pointed at it.
func serveEmulator(ctx context.Context, o emulatorOptions, stdout, stderr io.Writer) error {
	if !slices.Contains(providerNames(), o.provider) {
		return fmt.Errorf("--provider %q: want %s", o.provider, strings.Join(providerNames(), " or "))
	}
	kind := providerNamed(o.provider).emulator()
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
	if o.accounts > 1 && kind.accountKeys == nil {
		return fmt.Errorf("--accounts %d: the %s emulator serves one account", o.accounts, o.provider)
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
	for i := 2; i <= o.accounts; i++ {
		id, secret := kind.accountKeys(i)
		fmt.Fprintf(stdout, "account %-10s %s / %s\n", fmt.Sprint(i)+":", id, secret)
	}
	fmt.Fprintf(stdout, "try: "+kind.try+"\n", o.keyID, o.secret, url)
	<-ctx.Done()
	return nil
}
