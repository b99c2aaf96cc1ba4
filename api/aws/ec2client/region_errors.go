package ec2client

import (
	"errors"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// unknownRegion turns an AuthFailure into what it means when the request
// was signed for a region AWS does not have (aws.UnknownRegion, with the
// account's DescribeRegions answer when it was read): an endpoint serving
// every region (a proxy, the emulator) refuses the signature's scope, and
// "the access key or secret is wrong" sent the user to the credentials
// for a typo in the region. EC2 API Reference, Common client errors:
// AuthFailure, "The provided credentials could not be validated".
func (c *Client) unknownRegion(e *api.Error, err error) *api.Error {
	if e == nil || e.Code != "AuthFailure" {
		return e
	}
	region := signedRegion(err)
	if region == "" {
		return e
	}
	var listed []api.Region
	if l := c.listed.Load(); l != nil {
		listed = *l
	}
	why := aws.UnknownRegion(region, listed)
	if why == "" {
		return e
	}
	return api.ProviderError(e.Action, api.KindNotFound, e.HTTPStatus, api.CodeUnknownRegion,
		"AuthFailure for "+region+": "+e.Message, e.RequestID, why)
}

// signedRegion is the region of the SigV4 credential scope the failed
// request was signed with ("Credential=AKID/20261206/us-esat-1/ec2/
// aws4_request"; Signature Version 4, the Authorization header), or "".
func signedRegion(err error) string {
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.Response == nil || re.Response.Response == nil || re.Response.Request == nil {
		return ""
	}
	_, cred, ok := strings.Cut(re.Response.Request.Header.Get("Authorization"), "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(cred, "/")
	if len(parts) != 5 {
		return ""
	}
	return parts[2]
}
