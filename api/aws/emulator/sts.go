package emulator

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// AWS STS's GetCallerIdentity on the same listener, so a client learns
// which account its key pair is in, as from the service: a Query protocol
// POST (Action=GetCallerIdentity, Version=2011-06-15) signed for "sts",
// answered with the account id, the caller's ARN and its unique id.
// (AWS Security Token Service API Reference: GetCallerIdentity,
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html;
// its errors: Common Errors, same reference.) It needs no permission:
// "No permissions are required to perform this operation."

const (
	stsAction  = "GetCallerIdentity"
	stsVersion = "2011-06-15"
	// stsUser is the IAM user each demo key pair belongs to.
	stsUser = "vpnscope-demo"
)

// isSTS is a request signed for the sts service.
func isSTS(r *http.Request) bool {
	sig, ok := parseAuthorization(r.Header.Get("Authorization"))
	return ok && sig.service == "sts"
}

type callerIdentity struct {
	XMLName xml.Name `xml:"GetCallerIdentityResponse"`
	XMLNS   string   `xml:"xmlns,attr"`
	Result  struct {
		Arn     string `xml:"Arn"`
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
	} `xml:"GetCallerIdentityResult"`
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

func (s *Server) serveSTS(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := s.ids.Next()
	defer s.Begin(stsAction)()
	status, code := s.answerSTS(w, r, requestID)
	s.log.Write(start, stsAction, "", nil, status, code)
}

func (s *Server) answerSTS(w http.ResponseWriter, r *http.Request, requestID string) (int, string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return stsFail(w, requestID, 400, "MalformedInput", "The request body could not be read.")
	}
	params, err := url.ParseQuery(string(body))
	if err != nil {
		return stsFail(w, requestID, 400, "MalformedInput", "The request body is not form-encoded.")
	}
	sig, _ := parseAuthorization(r.Header.Get("Authorization"))
	acct := s.account(sig.keyID)
	switch {
	case acct == nil:
		return stsFail(w, requestID, 403, "InvalidClientTokenId", "The security token included in the request is invalid.")
	case sig.signature != expectedSignature(r, body, sig, acct.cfg.SecretAccessKey):
		return stsFail(w, requestID, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
	}
	if t, ok := requestTime(r); !ok || absDuration(time.Since(t)) > 15*time.Minute {
		return stsFail(w, requestID, 403, "SignatureDoesNotMatch", "Signature expired: the signing time is more than 15 minutes from the service's time.")
	}
	switch {
	case params.Get("Action") != stsAction:
		return stsFail(w, requestID, 400, "InvalidAction", fmt.Sprintf("Could not find operation %s for version %s", params.Get("Action"), params.Get("Version")))
	case params.Get("Version") != stsVersion:
		return stsFail(w, requestID, 400, "InvalidAction", fmt.Sprintf("Could not find operation %s for version %s", stsAction, params.Get("Version")))
	}
	var out callerIdentity
	out.XMLNS = "https://sts.amazonaws.com/doc/" + stsVersion + "/"
	out.Result.Account = acct.accountID
	out.Result.Arn = "arn:aws:iam::" + acct.accountID + ":user/" + stsUser
	// An IAM user's unique id begins AIDA (IAM User Guide: IAM
	// identifiers, "Unique identifiers").
	out.Result.UserID = "AIDA" + strings.ToUpper(acct.accountID) + "VPNSCOPE"
	out.RequestID = requestID
	raw, _ := xml.Marshal(out)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, xml.Header+string(raw))
	return http.StatusOK, ""
}

// stsFail writes STS's error body: <ErrorResponse><Error><Type/><Code/>
// <Message/></Error><RequestId/></ErrorResponse>.
func stsFail(w http.ResponseWriter, requestID string, status int, code, message string) (int, string) {
	var b strings.Builder
	b.WriteString(xml.Header + "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/" + stsVersion + "/\"><Error><Type>Sender</Type><Code>")
	xml.EscapeText(&b, []byte(code))
	b.WriteString("</Code><Message>")
	xml.EscapeText(&b, []byte(message))
	b.WriteString("</Message></Error><RequestId>" + requestID + "</RequestId></ErrorResponse>")
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(status)
	io.WriteString(w, b.String())
	return status, code
}
