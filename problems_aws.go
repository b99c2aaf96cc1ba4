package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// scanAWS runs the AWS scan: every enabled region's Site-to-Site
// connections and Client VPN endpoints, in the same findings model as the
// Alibaba Cloud side.
func scanAWS(ctx context.Context, client aws.ScanClient, regions []string, maxInFlight int) problemsRun {
	events := make(chan aws.ScanEvent)
	go aws.Scan(ctx, client, aws.ScanOptions{Regions: regions, MaxInFlight: maxInFlight}, events)
	var found []api.Finding
	var last aws.ScanEvent
	regionsSeen := 0
	run := problemsRun{provider: "AWS"}
	for e := range events {
		for _, f := range e.Findings {
			found = append(found, f.Finding)
		}
		if f := e.RegionErr; f != nil {
			where := firstSet(f.Region, "the account")
			if f.ResourceID != "" {
				where += " " + f.ResourceID
			}
			run.failed = append(run.failed, regionFailure{where, f.Unreadable(), f.Err})
		}
		if e.RegionDone != "" {
			regionsSeen++
		}
		last = e
	}
	slices.SortStableFunc(found, api.CompareFindings)
	run.findings = found
	for _, f := range found {
		run.json = append(run.json, f)
	}
	run.summary = fmt.Sprintf("%d VPN connections and %d Client VPN endpoints checked in %d regions · %d API calls",
		last.Connections, last.Endpoints, regionsSeen, last.Calls)
	return run
}
