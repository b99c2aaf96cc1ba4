package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/aws"
)

// runAWSProblems is `vpnscope problems --provider aws`: every enabled
// region's Site-to-Site connections and Client VPN endpoints, the same
// table, JSON and exit codes as the Alibaba Cloud side.
func runAWSProblems(ctx context.Context, client aws.ScanClient, regions []string, maxInFlight int, asJSON bool, stdout, stderr io.Writer) error {
	start := time.Now()
	events := make(chan aws.ScanEvent)
	go aws.Scan(ctx, client, aws.ScanOptions{Regions: regions, MaxInFlight: maxInFlight}, events)
	var found []api.Finding
	var failed []aws.RegionError
	var last aws.ScanEvent
	regionsSeen := 0
	for e := range events {
		for _, f := range e.Findings {
			found = append(found, f.Finding)
		}
		if e.RegionErr != nil {
			failed = append(failed, *e.RegionErr)
		}
		if e.RegionDone != "" {
			regionsSeen++
		}
		last = e
	}
	slices.SortStableFunc(found, api.CompareFindings)
	// The table and the counts are the Alibaba side's, which read the
	// shared api.Finding inside alibaba.Finding.
	shown := make([]alibaba.Finding, len(found))
	for i, f := range found {
		shown[i] = alibaba.Finding{Finding: f}
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(append([]api.Finding{}, found...)); err != nil {
			return exitCode{exitCouldNotCheck, err}
		}
	} else {
		printFindings(stdout, shown)
	}
	fmt.Fprintf(stderr, "%s · %d VPN connections and %d Client VPN endpoints checked in %d regions · %d API calls · %s\n",
		countFindings(shown), last.Connections, last.Endpoints, regionsSeen, last.Calls, time.Since(start).Round(time.Millisecond))
	for _, f := range failed {
		where := firstSet(f.Region, "the account")
		if f.ResourceID != "" {
			where += " " + f.ResourceID
		}
		verb := "could not be checked"
		if f.Unreadable() {
			verb = "may not be read with these credentials"
		}
		fmt.Fprintf(stderr, "%s %s: %v\n", where, verb, f.Err)
	}
	switch {
	case len(found) > 0:
		return exitCode{exitProblems, nil}
	case len(failed) > 0:
		return exitCode{exitCouldNotCheck, nil}
	}
	return nil
}
