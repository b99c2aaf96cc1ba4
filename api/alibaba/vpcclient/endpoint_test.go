package vpcclient

import "testing"

// The SDK's default scheme is HTTP; real endpoints must be called over
// HTTPS.
func TestRealEndpointsUseHTTPS(t *testing.T) {
	c, err := New("cn-hangzhou", Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := <-c.pool
	defer func() { c.pool <- v }()
	if v.GetConfig().Scheme != "HTTPS" || v.Domain != "" {
		t.Fatalf("scheme %q domain %q", v.GetConfig().Scheme, v.Domain)
	}
	for endpoint, want := range map[string][2]string{
		"":                        {"HTTPS", ""},
		"vpc.example.com":         {"HTTPS", "vpc.example.com"},
		"https://vpc.example.com": {"HTTPS", "vpc.example.com"},
		"http://127.0.0.1:8080":   {"HTTP", "127.0.0.1:8080"},
	} {
		scheme, domain, err := parseEndpoint(endpoint)
		if err != nil || scheme != want[0] || domain != want[1] {
			t.Errorf("%q: %s %s %v", endpoint, scheme, domain, err)
		}
	}
}
