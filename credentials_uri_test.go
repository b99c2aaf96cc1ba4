package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// problemsJSON runs `vpnscope problems --json` on Alibaba Cloud against
// endpoint and returns its findings, failing unless stdout is JSON alone.
func problemsJSON(t *testing.T, endpoint string) ([]map[string]any, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run([]string{"problems", "--no-journal", "--json", "--region", "cn-hangzhou", "--endpoint", endpoint}, &out, &errOut)
	var findings []map[string]any
	if jerr := json.Unmarshal(out.Bytes(), &findings); jerr != nil {
		t.Fatalf("stdout is not JSON alone (%v):\n%s", jerr, out.String())
	}
	return findings, errOut.String(), err
}

// The credentials URI is held to the plain-HTTP rule of every endpoint:
// an STS token goes in clear only to this machine. The refusal comes
// before any dial, and the JSON says nothing was checked and why.
func TestACredentialsURIInPlainHTTPToAnotherMachineIsRefused(t *testing.T) {
	isolate(t)
	// .invalid never resolves (RFC 2606): were the rule broken, the dial
	// would fail at the resolver, not reach another machine.
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", "http://creds.invalid/creds?token=sekrit")
	findings, _, err := problemsJSON(t, "http://127.0.0.1:1")
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitCouldNotCheck || ec.err == nil ||
		!strings.Contains(ec.err.Error(), "ALIBABA_CLOUD_CREDENTIALS_URI: plain http to creds.invalid") {
		t.Fatalf("want exit 2 naming the variable and host, got %v", err)
	}
	if strings.Contains(ec.err.Error(), "sekrit") {
		t.Errorf("the URI's query reached the message: %v", ec.err)
	}
	if len(findings) != 1 || findings[0]["impact"] != "unknown" || !strings.Contains(fmt.Sprint(findings[0]["message"]), "ALIBABA_CLOUD_CREDENTIALS_URI") {
		t.Errorf("want one unknown finding naming the credentials URI, got %v", findings)
	}
	for _, ok := range []string{"https://sts.example.com/creds", "http://127.0.0.1:9/creds", "http://localhost:9/creds"} {
		t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", ok)
		if _, err := resolveCredentials(""); err != nil {
			t.Errorf("%s: refused: %v", ok, err)
		}
	}
}

// credentialsServer answers the credentials URI with answer.
func credentialsServer(t *testing.T, status int, answer func(w http.ResponseWriter)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(status)
		answer(w)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// Credentials from the URI sign the calls (through the real SDK against
// the emulator), fetched once for the whole scan, not once a call.
func TestCredentialsFromTheURISignTheScan(t *testing.T) {
	isolate(t)
	expires := time.Now().UTC().Add(time.Hour).Format("2006-01-02T15:04:05Z")
	srv, calls := credentialsServer(t, http.StatusOK, func(w http.ResponseWriter) {
		json.NewEncoder(w).Encode(map[string]string{"AccessKeyId": emulator.DemoAccessKeyID, "AccessKeySecret": emulator.DemoAccessKeySecret,
			"SecurityToken": "CAIS-token", "Expiration": expires})
	})
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", srv.URL+"/creds")
	findings, stderr, err := problemsJSON(t, emu.URL)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems {
		t.Fatalf("want the seeded problems (exit 1), got %v\n%s", err, stderr)
	}
	for _, f := range findings {
		if msg := fmt.Sprint(f["message"]); f["impact"] == "unknown" && strings.Contains(msg, "could not read") {
			t.Errorf("a read failed with the URI's credentials: %s", msg)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the credentials URI was asked %d times; once serves until near expiry", n)
	}
}

// A credentials URI that fails is named as the cause, on stdout as JSON
// only: not the VPC endpoint ("nothing listens at the endpoint"), never
// the answer (it may hold keys), and a huge answer is not read whole.
func TestAFailingCredentialsURIIsNamedAndBounded(t *testing.T) {
	isolate(t)
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	refused := httptest.NewServer(http.NotFoundHandler())
	refused.Close()
	denied, _ := credentialsServer(t, http.StatusForbidden, func(w http.ResponseWriter) {
		fmt.Fprint(w, `{"AccessKeySecret":"LEAKED-SECRET"}`)
	})
	var sent atomic.Int64
	huge, _ := credentialsServer(t, http.StatusOK, func(w http.ResponseWriter) {
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for range 200 << 20 / len(chunk) { // 200 MB, if anyone reads it
			if _, err := w.Write(chunk); err != nil {
				return
			}
			sent.Add(int64(len(chunk)))
		}
	})
	for _, c := range []struct {
		name, uri, want string
	}{
		{"refused", refused.URL, "connection refused"},
		{"denied", denied.URL, "it answered HTTP 403"},
		{"huge", huge.URL, "larger than 64 KB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", c.uri)
			findings, _, _ := problemsJSON(t, emu.URL)
			if len(findings) == 0 {
				t.Fatal("no finding: a scan without credentials read as healthy")
			}
			for _, f := range findings {
				msg := fmt.Sprint(f["message"])
				if f["impact"] != "unknown" || !strings.Contains(msg, "ALIBABA_CLOUD_CREDENTIALS_URI") || !strings.Contains(msg, c.want) {
					t.Errorf("want unknown naming the credentials URI and %q, got %v: %s", c.want, f["impact"], msg)
				}
				if strings.Contains(msg, "nothing listens at the endpoint") || strings.Contains(msg, "LEAKED-SECRET") {
					t.Errorf("blames the endpoint or shows the answer: %s", msg)
				}
			}
		})
	}
	if n := sent.Load(); n > 16<<20 {
		t.Errorf("the huge answer was read to %d MB; the provider stops at 64 KB", n>>20)
	}
}
