package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/journal"
)

// scanAWS runs the AWS scan: every enabled region's Site-to-Site
// connections and Client VPN endpoints, in the same findings model as the
// Alibaba Cloud side, and records it in the journal j (nil: none) as the
// Alibaba Cloud scan does, so AWS findings have their since too.
func scanAWS(ctx context.Context, client aws.ScanClient, regions []string, maxInFlight int, j *journal.Journal, stderr io.Writer) problemsRun {
	events := make(chan aws.ScanEvent)
	go aws.Scan(ctx, client, aws.ScanOptions{Regions: regions, MaxInFlight: maxInFlight}, events)
	var found []aws.Finding
	var failedRegions []string
	var last aws.ScanEvent
	regionsSeen := 0
	s2sUnread, cvpnUnread := 0, 0 // regions whose lists could not be read
	run := problemsRun{provider: "AWS"}
	finished := false
	for e := range events {
		finished = finished || e.Done && ctx.Err() == nil // as scanAlibaba
		found = append(found, e.Findings...)
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
	shared, tunnels := aws.ToRecord(found)
	if finished {
		recordFindings(j, stderr, "aws", shared, tunnels, journal.RegionsChecked(regions, failedRegions))
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
		api.Count(last.Connections, "VPN connection"), ofRegions(regionsSeen-s2sUnread, regionsSeen),
		last.Endpoints-partial, api.Count(last.Endpoints, "Client VPN endpoint"), ofRegions(regionsSeen-cvpnUnread, regionsSeen),
		api.Count(last.Calls, "API call"))
	return stoppedUnless(finished, run)
}
