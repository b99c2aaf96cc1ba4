package api

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
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

// A cleartext request to loopback never goes to a proxy: HTTP_PROXY on
// another machine would receive it, signature and all. "127.1", which Go's
// own resolver does not read as an address, still reaches the server.
func TestRequireHTTPSBypassesProxiesForClearText(t *testing.T) {
	var proxied, direct atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { proxied.Add(1) }))
	defer proxy.Close()
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { direct.Add(1) }))
	defer target.Close()
	proxyURL, _ := url.Parse(proxy.URL)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = http.ProxyURL(proxyURL) // as HTTP_PROXY would
	client := &http.Client{Transport: RequireHTTPS(tr)}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(target.URL, "http://"))
	for _, host := range []string{"127.0.0.1", "127.1", "localhost"} {
		resp, err := client.Get("http://" + net.JoinHostPort(host, port) + "/?Signature=abc")
		if err != nil {
			t.Fatalf("%s: %v", host, err)
		}
		resp.Body.Close()
	}
	if proxied.Load() != 0 || direct.Load() != 3 {
		t.Fatalf("proxied %d, direct %d: a cleartext request went to the proxy", proxied.Load(), direct.Load())
	}
}

// The dial behind a cleartext request goes only to loopback addresses,
// whatever the name claimed.
func TestLoopbackDialRefusesOtherAddresses(t *testing.T) {
	dialled := ""
	dial := loopbackDial(func(_ context.Context, _, addr string) (net.Conn, error) {
		dialled = addr
		return nil, errors.New("recorded")
	}, net.DefaultResolver.LookupIPAddr)
	for _, addr := range []string{"10.1.2.3:80", "[2001:db8::1]:80", "0x0a000001:80"} {
		if _, err := dial(context.Background(), "tcp", addr); !errors.Is(err, ErrPlainHTTP) {
			t.Errorf("%s: %v, want ErrPlainHTTP", addr, err)
		}
	}
	if dialled != "" {
		t.Fatalf("dialled %s", dialled)
	}
	dial(context.Background(), "tcp", "127.1:8080")
	if dialled != "127.0.0.1:8080" {
		t.Errorf("127.1 dialled as %q", dialled)
	}
	// localhost's addresses are tried in turn: an emulator on 127.0.0.1
	// is reached though ::1 comes first, as on macOS.
	var tried []string
	dial = loopbackDial(func(_ context.Context, _, addr string) (net.Conn, error) {
		tried = append(tried, addr)
		if addr != "127.0.0.1:8080" {
			return nil, errors.New("refused")
		}
		c, _ := net.Pipe()
		return c, nil
	}, func(context.Context, string) ([]net.IPAddr, error) {
		return []net.IPAddr{{IP: net.IPv6loopback}, {IP: net.IPv4(127, 0, 0, 1)}}, nil
	})
	if c, err := dial(context.Background(), "tcp", "localhost:8080"); err != nil {
		t.Errorf("localhost: %v after %v", err, tried)
	} else {
		c.Close()
	}
	// A name with any address elsewhere is not dialled at all.
	tried = nil
	dial = loopbackDial(func(_ context.Context, _, addr string) (net.Conn, error) {
		tried = append(tried, addr)
		return nil, errors.New("recorded")
	}, func(context.Context, string) ([]net.IPAddr, error) {
		return []net.IPAddr{{IP: net.IPv4(127, 0, 0, 1)}, {IP: net.IPv4(10, 7, 7, 7)}}, nil
	})
	if _, err := dial(context.Background(), "tcp", "evil.localhost:80"); !errors.Is(err, ErrPlainHTTP) || len(tried) > 0 {
		t.Errorf("evil.localhost: %v, dialled %v", err, tried)
	}
}
