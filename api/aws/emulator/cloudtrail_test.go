package emulator_test

import (
	"context"
	"errors"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/smithy-go"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

func trailClient(t *testing.T) (*cloudtrail.Client, *emulator.Running) {
	t.Helper()
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	cfg := awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")}
	return cloudtrail.NewFromConfig(cfg, func(o *cloudtrail.Options) { o.BaseEndpoint = awssdk.String(emu.URL) }), emu
}

func byResource(id string) []cttypes.LookupAttribute {
	return []cttypes.LookupAttribute{{AttributeKey: cttypes.LookupAttributeKeyResourceName, AttributeValue: awssdk.String(id)}}
}

// The aws-sdk-go-v2 CloudTrail client reads LookupEvents from the emulator
// unchanged: the resource's events newest first, each with its record, and
// the service's refusals (LookupEvents, Errors): MaxResults over 50, two
// lookup attributes, a start after the end, a token with other parameters.
func TestLookupEventsThroughTheSDKFollowsTheAPIReference(t *testing.T) {
	ct, emu := trailClient(t)
	vpnID, _ := emu.TunnelOf("us-east-1", "hq-backup", 1)
	ctx := context.Background()
	out, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: byResource(vpnID), MaxResults: awssdk.Int32(5)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Events) != 5 || out.NextToken == nil {
		t.Fatalf("%d events, token %v: want a full page of 5 and a token", len(out.Events), out.NextToken)
	}
	for i, e := range out.Events {
		if e.EventTime == nil || e.CloudTrailEvent == nil || len(e.Resources) == 0 || e.Username == nil {
			t.Errorf("event %d incomplete: %+v", i, e)
		}
		if i > 0 && e.EventTime.After(*out.Events[i-1].EventTime) {
			t.Errorf("event %d newer than the one before", i)
		}
	}
	refusals := map[string]*cloudtrail.LookupEventsInput{
		"InvalidMaxResultsException":       {LookupAttributes: byResource(vpnID), MaxResults: awssdk.Int32(51)},
		"InvalidLookupAttributesException": {LookupAttributes: append(byResource(vpnID), byResource("vgw-1")...)},
		"InvalidTimeRangeException":        {StartTime: awssdk.Time(fixedNow), EndTime: awssdk.Time(fixedNow.Add(-time.Hour))},
		"InvalidNextTokenException":        {LookupAttributes: byResource("vpn-other"), MaxResults: awssdk.Int32(5), NextToken: out.NextToken},
	}
	for code, in := range refusals {
		_, err := ct.LookupEvents(ctx, in)
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != code {
			t.Errorf("want %s, got %v", code, err)
		}
	}
	next, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: byResource(vpnID), MaxResults: awssdk.Int32(5), NextToken: out.NextToken})
	if err != nil || len(next.Events) == 0 || *next.Events[0].EventId == *out.Events[0].EventId {
		t.Errorf("the next page: %v, %+v", err, next)
	}
}
