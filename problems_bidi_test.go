package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// A right-to-left override in a gateway's name (here put in by a proxy in
// front of the emulator) reaches neither the table nor the JSON raw: it
// is shown as U+FFFD, and the rest of the row reads in order (it reached
// the table 691 times, reversing what followed it on each row).
func TestProblemsShowsNoBidiControlFromANameRaw(t *testing.T) {
	emu := alibabaEmulatorWithDemoKeys(t)
	target, _ := url.Parse(emu.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(resp *http.Response) error {
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		body = bytes.ReplaceAll(body, []byte(`"Name":"hz-locked"`), []byte(`"Name":"hz-\u202elocked\u2066"`))
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return nil
	}
	srv := httptest.NewServer(proxy)
	defer srv.Close()

	for _, format := range [][]string{nil, {"--json"}} {
		out, errOut, _ := problemsAgainst(t, append([]string{"--endpoint", srv.URL, "--region", "cn-hangzhou"}, format...)...)
		if strings.ContainsAny(out+errOut, "\u202e\u2066") {
			t.Errorf("a bidi control raw in %q", format)
		}
		if !strings.Contains(out, "hz-\uFFFDlocked\uFFFD") && !strings.Contains(out, `hz-\ufffdlocked\ufffd`) {
			t.Errorf("the locked gateway's name is not shown %q:\n%s", format, out)
		}
	}
}
