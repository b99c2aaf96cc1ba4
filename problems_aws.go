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
	run := problemsRun{provider: "AWS"}
	for e := range events {
		found = append(found, e.Findings...)
		if f := e.RegionErr; f != nil {
			where := firstSet(f.Region, "the account")
			if f.ResourceID != "" {
				where += " " + f.ResourceID
			}
			run.failed = append(run.failed, regionFailure{where, f.Unreadable(), f.Err})
			failedRegions = append(failedRegions, f.Region)
		}
		if e.RegionDone != "" {
			regionsSeen++
		}
		last = e
	}
	slices.SortStableFunc(found, func(a, b aws.Finding) int { return api.CompareFindings(a.Finding, b.Finding) })
	// Each finding, and each tunnel of a broken connection, so an AWS
	// tunnel has its timeline too.
	shared := make([]*api.Finding, len(found))
	var tunnels []journal.Observation
	for i := range found {
		shared[i] = &found[i].Finding
		if c := found[i].Connection; c != nil {
			tunnels = append(tunnels, aws.TunnelStates(found[i].Region, *c)...)
		}
	}
	recordFindings(j, stderr, "aws", shared, tunnels, regionsChecked(regions, failedRegions))
	for _, f := range found {
		run.findings = append(run.findings, f.Finding)
		run.json = append(run.json, f.Finding)
	}
	run.summary = fmt.Sprintf("%d VPN connections and %d Client VPN endpoints checked in %d regions · %d API calls",
		last.Connections, last.Endpoints, regionsSeen, last.Calls)
	return run
}
