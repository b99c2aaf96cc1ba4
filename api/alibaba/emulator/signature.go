package emulator

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"strings"
)

// stringToSign is signature version 1 as the service documents it: every
// parameter but Signature, sorted, percent-encoded (RFC 3986: space as %20,
// '*' as %2A, '~' kept), joined, and encoded once more behind the method.
func stringToSign(method string, params url.Values) string {
	canon := url.Values{}
	for k, vs := range params {
		if k == "Signature" || len(vs) == 0 {
			continue
		}
		canon.Set(k, vs[0])
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(rfc3986(canon.Encode()))
}

// rfc3986 turns Go's form encoding into the service's percent-encoding.
func rfc3986(s string) string {
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	return strings.ReplaceAll(s, "%7E", "~")
}

func percentEncode(s string) string { return rfc3986(url.QueryEscape(s)) }

func sign(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
