package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Signature Version 4, as the service checks it: the emulator rebuilds the
// canonical request from what arrived and compares signatures, so any
// standard client that signs correctly is accepted and a wrong secret is
// not.

// sigv4 is a parsed Authorization header.
type sigv4 struct {
	keyID, date, region, service string
	signedHeaders                []string
	signature                    string
}

// parseAuthorization reads
// "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/ec2/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=hex".
func parseAuthorization(h string) (sigv4, bool) {
	rest, ok := strings.CutPrefix(h, "AWS4-HMAC-SHA256 ")
	if !ok {
		return sigv4{}, false
	}
	var s sigv4
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			f := strings.Split(v, "/")
			if len(f) != 5 || f[4] != "aws4_request" {
				return sigv4{}, false
			}
			s.keyID, s.date, s.region, s.service = f[0], f[1], f[2], f[3]
		case "SignedHeaders":
			s.signedHeaders = strings.Split(v, ";")
		case "Signature":
			s.signature = v
		}
	}
	return s, s.keyID != "" && s.signature != "" && len(s.signedHeaders) > 0
}

// expectedSignature is what the request's signature must be with secret.
func expectedSignature(r *http.Request, body []byte, s sigv4, secret string) string {
	amzDate := r.Header.Get("X-Amz-Date")
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	var headers strings.Builder
	for _, name := range s.signedHeaders {
		value := r.Header.Get(name)
		if name == "host" {
			value = r.Host
		}
		headers.WriteString(name + ":" + strings.Join(strings.Fields(value), " ") + "\n")
	}
	canonical := strings.Join([]string{r.Method, canonicalPath(r.URL), canonicalQuery(r.URL.Query()),
		headers.String(), strings.Join(s.signedHeaders, ";"), payload}, "\n")
	sum := sha256.Sum256([]byte(canonical))
	scope := s.date + "/" + s.region + "/" + s.service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := mac([]byte("AWS4"+secret), s.date)
	key = mac(key, s.region)
	key = mac(key, s.service)
	key = mac(key, "aws4_request")
	return hex.EncodeToString(mac(key, toSign))
}

func mac(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

func canonicalPath(u *url.URL) string {
	if p := u.EscapedPath(); p != "" {
		return p
	}
	return "/"
}

// canonicalQuery sorts the query by key and value, each URI-encoded the
// way SigV4 wants (space as %20, ~ kept).
func canonicalQuery(q url.Values) string {
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, sigEscape(k)+"="+sigEscape(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func sigEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(url.QueryEscape(s), "+", "%20"), "%7E", "~")
}

// requestTime reads X-Amz-Date (20261122T120000Z).
func requestTime(r *http.Request) (time.Time, bool) {
	t, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	return t, err == nil
}
