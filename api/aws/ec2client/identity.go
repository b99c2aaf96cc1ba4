package ec2client

import (
	"context"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The account the credentials are in, from STS GetCallerIdentity, which
// needs no permission ("No permissions are required to perform this
// operation", AWS STS API Reference: GetCallerIdentity).

// maxSTSAnswer bounds its answer: an id, an ARN and a user id.
const maxSTSAnswer = 64 << 10

// newSTSClient is the STS client, on the same HTTP rules as EC2's (never
// plain HTTP to another machine, answers bounded, each exchange told to
// OnCall). Its endpoint: one set for STS alone (AWS_ENDPOINT_URL_STS, or
// sts in a services section of ~/.aws/config) is STS's; else the Endpoint
// option, as for EC2, so --endpoint at an emulator or a proxy that serves
// every service asks it who the caller is, not the real STS; else the
// SDK's (AWS_ENDPOINT_URL, or the region's own).
func newSTSClient(cfg awssdk.Config, o Options) *sts.Client {
	return sts.NewFromConfig(cfg, func(opts *sts.Options) {
		if o.Endpoint != "" && !ownEndpoint(cfg, "STS") {
			opts.BaseEndpoint = awssdk.String(o.Endpoint)
		}
		opts.Retryer = awssdk.NopRetryer{}
		opts.HTTPClient = newHTTPClient(o, "xml", maxSTSAnswer)
	})
}

// ownEndpoint reports whether the configuration sets an endpoint for the
// service alone (the SDK's config sources answer it: AWS_ENDPOINT_URL_<ID>
// and the services section of the shared config file).
func ownEndpoint(cfg awssdk.Config, service string) bool {
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(interface {
			GetServiceBaseEndpoint(context.Context, string) (string, bool, error)
		}); ok {
			if v, found, _ := p.GetServiceBaseEndpoint(context.Background(), service); found && v != "" {
				return true
			}
		}
	}
	return false
}

// AccountID is the 12-digit id of the account the credentials are in.
func (c *Client) AccountID(ctx context.Context) (string, error) {
	var id string
	err := c.call(ctx, "GetCallerIdentity", func() error {
		out, err := c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err == nil {
			id = awssdk.ToString(out.Account)
		}
		return err
	})
	return id, err
}

// STSEndpoint is the STS endpoint the client asks, "" for the region's.
func (c *Client) STSEndpoint() string {
	if e := c.sts.Options().BaseEndpoint; e != nil {
		return *e
	}
	return ""
}
