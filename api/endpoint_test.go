package api

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestCheckEndpoint(t *testing.T) {
	ok := []string{
		"",
		"https://vpc.cn-hangzhou.aliyuncs.com",
		"HTTPS://ec2.us-east-1.amazonaws.com",
		"http://127.0.0.1:8080",
		"HTTP://127.0.0.1:8080",
		"http://127.1:8080",
		"http://0x7f.0.0.1",
		"http://[::1]:8080",
		"http://localhost:8080",
		"http://LOCALHOST.:8080",
		"http://emu.localhost:8080",
		"vpc.cn-shanghai.aliyuncs.com", // bare host: HTTPS
	}
	for _, e := range ok {
		if err := CheckEndpoint(e); err != nil {
			t.Errorf("CheckEndpoint(%q) = %v, want nil", e, err)
		}
	}
	refused := map[string]string{
		"HTTP://10.1.2.3:8080":  "plain http",
		"Http://10.1.2.3:8080":  "plain http",
		"http://10.7.7.7:8080":  "plain http",
		"http://128.0.0.1":      "plain http",
		"http://[::2]:80":       "plain http",
		"http://127.0.0.1.evil": "plain http",
		"http://10.1":           "plain http",
		"ftp://127.0.0.1":       "scheme",
		"127.0.0.1:8080":        "write http://127.0.0.1:8080",
		"localhost:8080":        "no scheme",
		"http://":               "want https://",
	}
	for e, want := range refused {
		err := CheckEndpoint(e)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckEndpoint(%q) = %v, want an error containing %q", e, err, want)
		}
	}
}

func TestIsLoopbackHostInetAtonForms(t *testing.T) {
	for host, want := range map[string]bool{
		"127.1": true, "127.0.1": true, "2130706433": true, "0177.0.0.1": true, "0x7f000001": true,
		"10.1": false, "1.2.3.4.5": false, "127.256.0.1": false, "": false, "example.com": false,
		"::1": true, "[::1]": true, "::ffff:127.0.0.1": true,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// recorder stands in for the network: it records instead of dialling.
type recorder struct{ sent []string }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.sent = append(r.sent, req.URL.String())
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("")), Request: req}, nil
}

func TestRequireHTTPSNeverSendsClearTextElsewhere(t *testing.T) {
	rec := &recorder{}
	client := &http.Client{Transport: RequireHTTPS(rec)}
	for _, u := range []string{"http://10.7.7.7:8080/?Signature=abc", "HTTP://10.1.2.3/", "http://127.0.0.1.nip.io/"} {
		req, _ := http.NewRequest("POST", u, strings.NewReader("Action=x"))
		_, err := client.Do(req)
		if !errors.Is(err, ErrPlainHTTP) {
			t.Errorf("%s: err = %v, want ErrPlainHTTP", u, err)
		}
		// net/http puts the URL in the error; what reaches a screen or a
		// log goes through Redact.
		if err != nil && strings.Contains(Redact(err.Error()), "abc") {
			t.Errorf("%s: the redacted error repeats the signature: %v", u, Redact(err.Error()))
		}
	}
	if len(rec.sent) != 0 {
		t.Fatalf("sent in clear: %v", rec.sent)
	}
	for _, u := range []string{"https://10.7.7.7/", "http://127.0.0.1:8080/", "http://[::1]:8080/"} {
		req, _ := http.NewRequest("GET", u, nil)
		if _, err := client.Do(req); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	if len(rec.sent) != 3 {
		t.Fatalf("allowed requests sent = %v, want 3", rec.sent)
	}
}
