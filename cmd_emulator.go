package main

import (
	"context"
	"io"
	"slices"

	"github.com/spf13/cobra"
	"github.com/vpnscope/vpnscope/api/fault"
)

// rawArgsKey carries the command line as given into the commands that
// hand it on to a parser of their own.
type rawArgsKey struct{}

// newEmulatorCmd is `vpnscope emulator`. Its flags are the emulator's own
// flag set (main.go), shown in help and completed by cobra, checked by
// cobra (one line per mistake), then handed as typed to runEmulator.
func newEmulatorCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "serve the emulator alone, on loopback, until interrupted",
		Long: `Serves a cloud's API on loopback with seeded data, until interrupted:
the Alibaba Cloud VPC OpenAPI, or (--provider aws) EC2's Site-to-Site VPN and
Client VPN actions and CloudWatch Logs' FilterLogEvents.
It prints the address and the access key it accepts.`,
		Example: `  vpnscope emulator --listen 127.0.0.1:8080 --churn 20s
  vpnscope emulator --provider aws --fault throttle:first=3
  vpnscope emulator --fault 503:rate=0.2 --fault latency:delay=2s,rate=0.5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			raw, _ := cmd.Context().Value(rawArgsKey{}).([]string)
			if i := slices.Index(raw, "emulator"); i >= 0 {
				raw = raw[i+1:]
			}
			return runEmulator(raw, stdout, stderr)
		},
	}
	var o emulatorOptions
	cmd.Flags().AddGoFlagSet(newEmulatorFlagSet(&o, io.Discard))
	cmd.Flags().SortFlags = false
	cmd.RegisterFlagCompletionFunc("provider", cobra.FixedCompletions(providerNames, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("fault", completeFault)
	return cmd
}

// completeFault offers the --fault kinds.
func completeFault(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return fault.KindNames(), cobra.ShellCompDirectiveNoFileComp
}

func withRawArgs(ctx context.Context, args []string) context.Context {
	return context.WithValue(ctx, rawArgsKey{}, args)
}
