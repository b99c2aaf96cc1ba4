package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// BenchmarkFirstScreen is the whole path a user waits for: from starting
// the real binary in a real terminal (a pseudo-terminal, 80x24) to the
// first gateways on screen, against `vpnscope emulator` behind 50 ms of
// latency. It also measures one DescribeVpnGateways round trip through the
// same SDK, and reports the difference: the goal is the first screen
// within one round trip plus 15 ms.
func BenchmarkFirstScreen(b *testing.B) {
	const latency = 50 * time.Millisecond
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: latency})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	bin := filepath.Join(b.TempDir(), "vpnscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "ALIBABA_CLOUD_ACCESS_KEY_ID="+emulator.DemoAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET="+emulator.DemoAccessKeySecret, "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
		"ALIBABA_CLOUD_PROFILE=", "TERM=xterm-256color", "XDG_CONFIG_HOME="+b.TempDir())

	rtt := roundTrip(b, emu.URL)
	var firsts []time.Duration
	for b.Loop() {
		firsts = append(firsts, timeToFirstScreen(b, bin, env, emu.URL))
	}
	slices.Sort(firsts)
	median := firsts[len(firsts)/2]
	b.ReportMetric(ms(median), "first-screen-ms")
	b.ReportMetric(ms(rtt), "round-trip-ms")
	b.ReportMetric(ms(median-rtt), "beyond-round-trip-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// roundTrip is the median of a few first-page calls through the SDK.
func roundTrip(b *testing.B, url string) time.Duration {
	client, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: url, Credential: demoCredential()})
	if err != nil {
		b.Fatal(err)
	}
	var rtts []time.Duration
	for range 5 {
		start := time.Now()
		if _, err := client.Gateways(context.Background(), "cn-hangzhou", api.FirstPage(50)); err != nil {
			b.Fatal(err)
		}
		rtts = append(rtts, time.Since(start))
	}
	slices.Sort(rtts)
	return rtts[len(rtts)/2]
}

// timeToFirstScreen starts the binary on a fresh pseudo-terminal and reads
// its output until a gateway's name is drawn.
func timeToFirstScreen(b *testing.B, bin string, env []string, url string) time.Duration {
	b.StopTimer()
	master, slave, err := openPTY(80, 24)
	if err != nil {
		b.Skipf("no pseudo-terminal here: %v", err)
	}
	defer master.Close()
	cmd := exec.Command(bin, "--endpoint", url, "--region", "cn-hangzhou")
	cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = env, slave, slave, slave
	cmd.SysProcAttr = &unix.SysProcAttr{Setsid: true, Setctty: true}
	b.StartTimer()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	slave.Close()
	var seen []byte
	buf := make([]byte, 64<<10)
	master.SetReadDeadline(time.Now().Add(10 * time.Second))
	for !bytes.Contains(seen, []byte("prod-hz-core")) {
		n, err := master.Read(buf)
		if err != nil {
			b.Fatalf("reading the screen: %v; got %q", err, seen)
		}
		seen = append(seen, buf[:n]...)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	cmd.Process.Kill()
	cmd.Wait()
	b.StartTimer()
	return elapsed
}

// openPTY opens a pseudo-terminal pair of the given size.
func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	// Non-blocking before os.NewFile, so reads go through the poller and
	// the read deadline applies.
	unix.SetNonblock(fd, true)
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		master.Close()
		return nil, nil, err
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	if err := unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Col: cols, Row: rows}); err != nil {
		master.Close()
		return nil, nil, err
	}
	slave, err = os.OpenFile("/dev/pts/"+itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}
