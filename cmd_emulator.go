package main

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/vpnscope/vpnscope/api/fault"
)

// newEmulatorCmd is `vpnscope emulator`. Its flags are the emulator's own
// flag set (main.go), parsed, shown in help and completed by cobra, so a
// flag given before the word emulator counts as one given after it.
func newEmulatorCmd(stdout, stderr io.Writer) *cobra.Command {
	var o emulatorOptions
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
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveEmulator(ctx, o, stdout, stderr)
		},
	}
	cmd.Flags().AddGoFlagSet(newEmulatorFlagSet(&o))
	cmd.Flags().SortFlags = false
	cmd.RegisterFlagCompletionFunc("provider", cobra.FixedCompletions(providerNames, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("fault", completeFault)
	return cmd
}

// completeFault offers the --fault kinds.
func completeFault(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return fault.KindNames(), cobra.ShellCompDirectiveNoFileComp
}
