package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
)

// BenchmarkAccountsAt50ms is one problems run over N AWS profiles of one
// emulator (each profile on a key pair of its own, an account with its
// own id and world: profiles of one account are checked once) at 50 ms a round trip: calls grow with the accounts, round
// trips stay near flat while the accounts' scans run side by side, and
// never more than the run's bound is in flight (8 calls an account, 128 in
// all; a call may send two requests at once).
func BenchmarkAccountsAt50ms(b *testing.B) {
	const rtt = 50 * time.Millisecond
	for _, n := range []int{1, 5, 20} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			home := b.TempDir()
			b.Setenv("HOME", home)
			b.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			b.Setenv("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"))
			b.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
			b.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_REGION", "VPNSCOPE_PROVIDER"} {
				b.Setenv(k, "")
				os.Unsetenv(k)
			}
			var creds strings.Builder
			var profiles []string
			var more []awsemulator.KeyPair
			for i := range n {
				k := awsemulator.DemoKeyPair(i + 1)
				if i > 0 {
					more = append(more, k)
				}
				fmt.Fprintf(&creds, "[acct%02d]\naws_access_key_id = %s\naws_secret_access_key = %s\n", i, k.AccessKeyID, k.SecretAccessKey)
				profiles = append(profiles, fmt.Sprintf("acct%02d", i))
			}
			os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
			os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte(creds.String()), 0o600)
			emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Latency: rtt, Accounts: more})
			if err != nil {
				b.Fatal(err)
			}
			defer emu.Close()
			args := []string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--no-journal", "--format", "json",
				"--profile", strings.Join(profiles, ",")}
			var took time.Duration
			for b.Loop() {
				start := time.Now()
				var out bytes.Buffer
				run(args, &out, &bytes.Buffer{})
				took += time.Since(start)
				if last := profiles[n-1]; n > 1 && !bytes.Contains(out.Bytes(), []byte(`"account": "`+last+`"`)) {
					b.Fatalf("the last account's findings are missing:\n%.300s", out.String())
				}
			}
			b.ReportMetric(float64(took/time.Duration(b.N))/float64(rtt), "rtts")
			b.ReportMetric(float64(emu.Calls(""))/float64(b.N), "calls")
			b.ReportMetric(float64(emu.PeakInFlight()), "peak-in-flight")
			// The bound is on calls; one call may send two requests side by
			// side (the VPN gateways: virtual private and transit).
			if peak, bound := emu.PeakInFlight(), maxInFlightInAll(8, n); peak > 2*bound {
				b.Fatalf("%d requests in flight; the run's bound is %d calls", peak, bound)
			}
		})
	}
}
