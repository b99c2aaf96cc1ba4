package ec2client

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/vpnscope/vpnscope/api"
)

// GuardCredentialCalls holds the plain-HTTP rule for the calls the SDK makes
// on its own to get credentials (STS for a role, SSO, the instance and
// container metadata services), which go through the SDK's HTTP client,
// not ours: a role's AssumeRole is signed with the source profile's keys
// and answers with new ones, so AWS_ENDPOINT_URL_STS=http://elsewhere must
// not be dialled. The metadata services speak plain HTTP on their
// link-local addresses by design, and stay allowed.
//
// Pass it to config.WithAPIOptions; every client built from that config
// (STS, SSO, IMDS) carries it.
func GuardCredentialCalls(stack *middleware.Stack) error {
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("vpnscopeHTTPSOnly",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			if req, ok := in.Request.(*smithyhttp.Request); ok && !strings.EqualFold(req.URL.Scheme, "https") &&
				!isLiteralLoopback(req.URL.Hostname()) && !isMetadataHost(req.URL.Hostname()) {
				return middleware.FinalizeOutput{}, middleware.Metadata{}, &api.PlainHTTPError{Host: req.URL.Host}
			}
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}

// CredentialHTTPClient is the HTTP client for the SDK's own calls: the
// SDK's buildable client (so AWS_CA_BUNDLE still applies), sending a
// cleartext request to no proxy, as ours do (api.RequireHTTPS).
func CredentialHTTPClient() *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		proxy := tr.Proxy
		tr.Proxy = func(r *http.Request) (*url.URL, error) {
			if !strings.EqualFold(r.URL.Scheme, "https") || proxy == nil {
				return nil, nil
			}
			return proxy(r)
		}
	})
}

// isLiteralLoopback is the stricter loopback of the SDK's calls, which
// dial through the resolver with no check of ours: a loopback address
// written as one, or localhost (the hosts file's), never a name DNS could
// answer for (x.localhost) nor a form the resolver does not read (127.1).
func isLiteralLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// metadataHosts are the instance metadata service (IMDS) and the
// container credential endpoints (ECS, EKS Pod Identity), IPv4 and IPv6.
var metadataHosts = []string{"169.254.169.254", "fd00:ec2::254", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"}

func isMetadataHost(host string) bool {
	ip := net.ParseIP(strings.Trim(host, "[]"))
	if ip == nil {
		return false
	}
	for _, h := range metadataHosts {
		if ip.Equal(net.ParseIP(h)) {
			return true
		}
	}
	return false
}
