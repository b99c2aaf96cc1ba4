package emulator_test

import (
	"context"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

// A handler that panics answers 500 InternalError, as EC2 answers its own
// failures, and leaves the world unlocked: the next request is answered
// (a panic under the lock once left it held, and every later request
// hung).
func TestAPanickingActionAnswersInternalErrorAndTheNextRequestIsAnswered(t *testing.T) {
	s := start(t, "")
	emulator.PanicOn(s.emu.Server, "DescribeClientVpnRoutes")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := s.ec2.DescribeClientVpnRoutes(ctx, &ec2.DescribeClientVpnRoutesInput{ClientVpnEndpointId: new("cvpn-endpoint-0")}, in("us-east-1"),
		func(o *ec2.Options) { o.Retryer = awssdk.NopRetryer{} })
	if code(err) != "InternalError" {
		t.Errorf("%v, want InternalError", err)
	}
	if _, err := s.ec2.DescribeClientVpnEndpoints(ctx, &ec2.DescribeClientVpnEndpointsInput{}, in("us-east-1")); err != nil {
		t.Fatalf("the emulator no longer answers: %v", err)
	}
}

// The oversize fault answers as a service that ignores MaxResults: a page
// of 5 holds 20 rows.
func TestTheOversizeFaultAnswersFourTimesTheRowsAsked(t *testing.T) {
	s := start(t, "")
	f, err := fault.Parse("oversize:action=DescribeClientVpnEndpoints")
	if err != nil {
		t.Fatal(err)
	}
	s.emu.SetFaults(f)
	out, err := s.ec2.DescribeClientVpnEndpoints(context.Background(), &ec2.DescribeClientVpnEndpointsInput{MaxResults: new(int32(5))}, in("us-east-1"))
	if err != nil || len(out.ClientVpnEndpoints) != 20 {
		t.Fatalf("%v, %d rows", err, len(out.ClientVpnEndpoints))
	}
}
