package main

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/vpnscope/vpnscope/internal/config"
)

// newProblemsCmd is `vpnscope problems`: the TUI's flags and --json, exit
// status 0, 1 or 2 (a bad flag or setting is 2: nothing was checked).
func newProblemsCmd(stdout, stderr io.Writer) *cobra.Command {
	var o options
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "problems",
		Short: "what is broken in every region, for scripts (exit 0, 1 or 2)",
		Long: `Checks every region (or --region) of the provider (--provider; --demo checks
both clouds) and prints one line per broken resource: on Alibaba Cloud, IPsec
connections whose phase 1 or 2 is down, BGP down or health check failing,
gateways not active or locked, SSL and IPsec servers at or near their connection
limit; on AWS, Site-to-Site tunnels and BGP, gateways and Client VPN endpoints.

Each line has the worst cause and what follows from it ("BGP is down as a
result"), ranked: traffic down, redundancy lost, degraded, unknown (could not be
read: the reason and the permission to grant), note. A summary goes to stderr.
SINCE is since when it holds, at least: an AWS tunnel's last status change
(any IKE, IPsec or BGP change moves it), with --history the cloud's state
metric (CloudWatch TunnelState, CloudMonitor; a batched call per region, read
only when asked), or when vpnscope first saw it so, from the local state
journal in $XDG_STATE_HOME/vpnscope (every run records what changed;
--no-journal or journal: false turns it off), whichever is earliest;
since_source in the JSON says which.
An unknown has no SINCE: what could not be read is no state. The scan ends by
--timeout (default 2m); what it has not read by then is unknown.

Exit status: 0 all read and nothing wrong, 1 something wrong, 2 nothing seen
wrong but not everything could be checked.`,
		Example: `  vpnscope problems                     every region, as a table
  vpnscope problems --json | jq .       one object per problem
  vpnscope problems --history           since when, from the cloud's metrics
  vpnscope problems --region cn-hangzhou || page-oncall`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := noArgs(cmd, args); err != nil {
				return exitCode{exitCouldNotCheck, err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Only --region narrows the scan; a region from the env or the
			// file is just where the client starts.
			var regions []string
			if cmd.Flags().Changed("region") {
				regions = []string{o.Region}
			}
			if _, _, err := resolve(cmd.Flags(), &o); err != nil {
				return exitCode{exitCouldNotCheck, err}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if asJSON { // --json, from before --format
				o.Format = "json"
			}
			return runProblems(ctx, o, regions, stdout, stderr)
		},
	}
	addFlags(cmd.Flags(), &o, "problems")
	for _, s := range config.Table {
		if s.TUIOnly { // taken, so a shared alias or script still runs; not listed
			cmd.Flags().MarkHidden(s.Flag)
		}
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per broken resource (as --format json)")
	registerCompletions(cmd)
	return cmd
}
