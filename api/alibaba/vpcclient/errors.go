package vpcclient

import (
	"errors"
	"fmt"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/vpnscope/vpnscope/api"
)

// The service's error codes: what each kind means, and what to do.

// asError turns whatever the Alibaba Cloud SDK returned into an *api.Error.
func asError(action string, err error) *api.Error {
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		return fromServer(action, se.HttpStatus(), se.ErrorCode(), se.Message(), se.RequestId())
	}
	// The request never left: the credentials service failed, not the
	// VPC endpoint, and the finding must say which.
	var ue *CredentialsURIError
	if errors.As(err, &ue) {
		return api.ProviderError(action, api.KindAuth, 0, api.CodeCredentialSource, ue.Error(), "",
			"check the service "+CredentialsURIEnv+" names answers, or set other credentials")
	}
	return api.TransportError(action, err)
}

func fromServer(action string, status int, code, message, requestID string) *api.Error {
	if code == "" && status >= 200 {
		// A non-JSON error body: the SDK hands over the raw body as message.
		code = fmt.Sprintf("HTTP%d", status)
		if len(message) > 120 {
			message = message[:120] + "…"
		}
	}
	kind := classify(status, code)
	hint := codeHints[code]
	if hint == "" && kind == api.KindPermission {
		hint = "ask for RAM permission for vpc:" + action + " (see README: minimal RAM policy)"
	}
	return api.ProviderError(action, kind, status, code, message, requestID, hint)
}

func classify(status int, code string) api.Kind {
	switch {
	case strings.HasPrefix(code, "Throttling") || code == "SystemBusy":
		return api.KindThrottled
	case strings.HasPrefix(code, "InvalidAccessKeyId") || code == "SignatureDoesNotMatch" ||
		code == "IncompleteSignature" || strings.HasPrefix(code, "InvalidTimeStamp") ||
		code == "SignatureNonceUsed" || code == "InvalidSecurityToken.Expired" || status == 401:
		return api.KindAuth
	case strings.HasPrefix(code, "Forbidden") || strings.HasPrefix(code, "Forbbiden") ||
		strings.HasPrefix(code, "NoPermission") || status == 403:
		return api.KindPermission
	case strings.HasSuffix(code, ".NotFound") || status == 404:
		return api.KindNotFound
	case status >= 500:
		return api.KindServer
	case status >= 400:
		return api.KindInvalid
	case status >= 200 && status < 300:
		return api.KindServer
	}
	return api.KindUnknown
}

// codeHints says what to do about specific error codes; other errors get
// their kind's hint.
var codeHints = map[string]string{
	"SignatureDoesNotMatch":        "the AccessKey secret is wrong: check the profile or ALIBABA_CLOUD_ACCESS_KEY_SECRET",
	"InvalidAccessKeyId.NotFound":  "the AccessKey ID is unknown or disabled: check the profile or ALIBABA_CLOUD_ACCESS_KEY_ID",
	"InvalidAccessKeyId.Inactive":  "the AccessKey ID is unknown or disabled: check the profile or ALIBABA_CLOUD_ACCESS_KEY_ID",
	"InvalidTimeStamp.Expired":     "this machine's clock is off by more than 15 minutes: sync it (NTP) and retry",
	"InvalidTimeStamp.Format":      "this machine's clock is off by more than 15 minutes: sync it (NTP) and retry",
	"InvalidSecurityToken.Expired": "the STS token expired: refresh the credentials",
	"VpnGateway.Configuring":       "the gateway is busy with another change: wait until it is active, then retry",
	"SslVpnServer.AlreadyExist":    "the gateway already has an SSL server (a gateway has at most one): refresh to see it",
	"VpnGateway.SslVpnDisabled":    "enable SSL-VPN on the gateway first",
	"VpnGateway.FinancialLocked":   "the gateway is locked for an overdue payment: top up the account",
	"IdempotentParameterMismatch":  "this ClientToken was used with other parameters: send the request with a new token",
	// Not a resource that was deleted: the region id itself is wrong.
	"InvalidRegionId.NotFound":  regionHint,
	"InvalidRegionId.Malformed": regionHint,
}

const regionHint = "the region id is unknown: check --region (for example cn-hangzhou, cn-shanghai, ap-southeast-1, eu-central-1); R lists the account's regions"
