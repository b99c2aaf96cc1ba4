package ec2client

import (
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// classify reads EC2's error codes into what a person can do, with a hint
// in AWS's terms. A refusal names the permission to ask for: an EC2 API
// action is allowed by the IAM action of the same name, ec2:<Action> (AWS
// Service Authorization Reference, "Actions defined by Amazon EC2"), as
// Alibaba Cloud's errors name vpc:<Action>.
func classify(action string, status int, code string) (api.Kind, string) {
	switch {
	case code == "RequestLimitExceeded" || code == "Throttling" || code == "ThrottlingException":
		return api.KindThrottled, "EC2 is throttling this account's API calls: wait a moment, then press r"
	case code == "AuthFailure" || code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch":
		return api.KindAuth, "the access key or secret is wrong: check AWS_ACCESS_KEY_ID / the profile"
	case code == "ExpiredToken" || code == "RequestExpired":
		return api.KindAuth, "the credentials or this machine's clock are out of date: run `aws sso login`, or sync the clock"
	case code == "UnauthorizedOperation" || status == 403:
		return api.KindPermission, permissionHint("ec2", action)
	case strings.HasSuffix(code, ".NotFound") || strings.HasSuffix(code, "NotFound"):
		return api.KindNotFound, "it may have been deleted, or lives in another region: press r to refresh or R to switch region"
	case code == "DryRunOperation":
		return api.KindInvalid, "the request would have succeeded (it was a dry run)"
	case status >= 500:
		return api.KindServer, ""
	case status >= 400:
		return api.KindInvalid, ""
	}
	return api.KindUnknown, ""
}

// permissionHint says which IAM permission a refused call needs:
// "the IAM policy does not allow ec2:DescribeVpnConnections (see README:
// AWS IAM policy)".
func permissionHint(service, action string) string {
	what := "this action"
	if action != "" {
		what = service + ":" + action
	}
	return "the IAM policy does not allow " + what + " (see README: AWS IAM policy)"
}
