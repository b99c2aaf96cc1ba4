package ec2client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
)

// A call to a region AWS does not have (a misspelt :region or --region)
// says so, with the region meant, not "the access key or secret is wrong"
// (walkthrough: us-esat-1 read as bad credentials); a wrong secret in a
// real region still says the key is wrong.
func TestAMisspeltRegionIsNotABadKey(t *testing.T) {
	r := newRig(t, "")
	_, err := r.client.Endpoints(context.Background(), "us-esat-1", api.FirstPage(10))
	e, ok := api.AsError(err)
	if !ok || e.Code != api.CodeUnknownRegion || e.Kind != api.KindNotFound ||
		e.Hint != "us-esat-1 is no AWS region: did you mean us-east-1?" || !strings.Contains(e.Message, "AuthFailure") {
		t.Fatalf("us-esat-1: %+v", err)
	}
	if strings.Contains(e.Hint+e.Message, "secret is wrong") {
		t.Fatalf("us-esat-1 blames the key: %v", e)
	}

	bad := newRig(t, "not-the-secret")
	_, err = bad.client.Endpoints(context.Background(), "us-east-1", api.FirstPage(10))
	if e, ok := api.AsError(err); !ok || e.Code != "AuthFailure" || e.Kind != api.KindAuth {
		t.Fatalf("a wrong secret: %+v", err)
	}
}
