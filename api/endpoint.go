package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The plain-HTTP rule: a signed request may go out in clear only to this
// machine (an emulator, a local proxy). CheckEndpoint says so before a client
// is built; RequireHTTPS enforces it on every request, so the rule holds for
// the endpoint actually used, however it was configured (a flag, an env var,
// ~/.aws/config's endpoint_url or services section, an SDK default).

// CheckEndpoint accepts "" (the cloud's own HTTPS endpoint), any https URL,
// and http only to a loopback host. The scheme is compared without regard to
// case, since HTTP://host is as clear as http://host. A loopback host without
// a scheme is refused with the fix, since the emulators speak plain HTTP and
// a bare host:port would be taken as HTTPS.
func CheckEndpoint(endpoint string) error {
	if endpoint == "" {
		return nil
	}
	if !strings.Contains(endpoint, "://") {
		host := endpoint
		if h, _, err := net.SplitHostPort(endpoint); err == nil {
			host = h
		}
		if IsLoopbackHost(host) {
			return fmt.Errorf("endpoint %q has no scheme: write http://%s for a local emulator, or https://%s", endpoint, endpoint, endpoint)
		}
		return nil // a bare host is taken as HTTPS
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return fmt.Errorf("endpoint %q: want https://host[:port] (or http:// to this machine)", endpoint)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if IsLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("endpoint %q: plain http is allowed only to this machine (localhost, 127.0.0.0/8, ::1); use https://", endpoint)
	default:
		return fmt.Errorf("endpoint %q: the scheme must be https (or http to this machine)", endpoint)
	}
}

// IsPlainHTTP reports whether endpoint asks for cleartext (for the warning
// shown while it is used).
func IsPlainHTTP(endpoint string) bool {
	u, err := url.Parse(endpoint)
	return err == nil && strings.EqualFold(u.Scheme, "http")
}

// IsLoopbackHost reports whether host names this machine: localhost (and its
// subdomains, RFC 6761), 127.0.0.0/8 and ::1, in any spelling a resolver
// accepts for them ("127.1", "0x7f.0.0.1", "[::1]"). A name is only a
// claim: RequireHTTPS dials it only where it resolves to loopback.
func IsLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if i := strings.IndexByte(host, '%'); i >= 0 { // a zone: fe80::1%eth0
		host = host[:i]
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	if ip, ok := parseInetAton(host); ok {
		return ip.IsLoopback()
	}
	return false
}

// parseInetAton reads the IPv4 forms inet_aton accepts beyond dotted quads
// (1 to 4 parts, each decimal, 0x hex or 0 octal; the last part fills the
// remaining bytes), because the C resolver dials them: "127.1" is 127.0.0.1.
func parseInetAton(s string) (net.IP, bool) {
	parts := strings.Split(s, ".")
	if len(parts) == 0 || len(parts) > 4 {
		return nil, false
	}
	var vals []uint64
	for _, p := range parts {
		if p == "" {
			return nil, false
		}
		base := 10
		switch {
		case strings.HasPrefix(p, "0x"):
			p, base = p[2:], 16
		case len(p) > 1 && p[0] == '0':
			p, base = p[1:], 8
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return nil, false
		}
		vals = append(vals, v)
	}
	var addr uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 0xff {
			return nil, false
		}
		addr |= v << (24 - 8*uint(i))
	}
	last := vals[len(vals)-1]
	if last >= 1<<(8*uint(5-len(vals))) {
		return nil, false
	}
	addr |= last
	return net.IPv4(byte(addr>>24), byte(addr>>16), byte(addr>>8), byte(addr)), true
}

// ErrPlainHTTP is what RequireHTTPS answers for a cleartext request to
// another machine.
var ErrPlainHTTP = errors.New("refused to send a signed request over plain http to another machine; use https://")

// PlainHTTPError is ErrPlainHTTP for one host, so a caller can name it.
type PlainHTTPError struct{ Host string }

func (e *PlainHTTPError) Error() string        { return fmt.Sprintf("%v (host %s)", ErrPlainHTTP, e.Host) }
func (e *PlainHTTPError) Is(target error) bool { return target == ErrPlainHTTP }

// RequireHTTPS wraps a transport so that no request leaves in clear except
// to loopback, whatever the client was configured with. A cleartext request
// to loopback goes through a copy of the transport that uses no proxy (an
// HTTP_PROXY elsewhere would receive it in clear) and dials only an address
// the name resolves to on loopback (a resolver decides where
// x.localhost goes).
func RequireHTTPS(next http.RoundTripper) http.RoundTripper {
	t := httpsOnly{next: next, clear: next}
	if tr, ok := next.(*http.Transport); ok {
		clear := tr.Clone()
		clear.Proxy = nil
		clear.DialContext = loopbackDial(tr.DialContext, net.DefaultResolver.LookupIPAddr)
		t.clear = clear
	}
	return t
}

type httpsOnly struct{ next, clear http.RoundTripper }

func (t httpsOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.EqualFold(req.URL.Scheme, "https") {
		return t.next.RoundTrip(req)
	}
	if !IsLoopbackHost(req.URL.Hostname()) {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, &PlainHTTPError{Host: req.URL.Host}
	}
	return t.clear.RoundTrip(req)
}

// loopbackDial dials host:port only at a loopback address the host names:
// an IP in any spelling inet_aton takes ("127.1"), or what the resolver
// answers, every address of which must be loopback.
func loopbackDial(dial func(ctx context.Context, network, addr string) (net.Conn, error),
	lookup func(ctx context.Context, host string) ([]net.IPAddr, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	if dial == nil {
		dial = (&net.Dialer{Timeout: 5 * time.Second}).DialContext
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		var ips []net.IP
		if ip := net.ParseIP(strings.Trim(host, "[]")); ip != nil {
			ips = []net.IP{ip}
		} else if ip, ok := parseInetAton(host); ok {
			ips = []net.IP{ip}
		} else {
			found, err := lookup(ctx, host)
			if err != nil {
				return nil, err
			}
			for _, a := range found {
				ips = append(ips, a.IP)
			}
		}
		if len(ips) == 0 {
			return nil, fmt.Errorf("%s has no address", host)
		}
		for _, ip := range ips {
			if !ip.IsLoopback() {
				return nil, fmt.Errorf("%w (%s is %s)", ErrPlainHTTP, host, ip)
			}
		}
		// Each in turn, as net.Dialer would: localhost may be ::1 first
		// while the emulator listens on 127.0.0.1.
		var conn net.Conn
		for _, ip := range ips {
			if conn, err = dial(ctx, network, net.JoinHostPort(ip.String(), port)); err == nil {
				return conn, nil
			}
		}
		return nil, err
	}
}
