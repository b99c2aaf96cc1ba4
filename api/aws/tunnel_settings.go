package aws

import (
	"github.com/vpnscope/vpnscope/api"
	"strconv"
	"strings"
)

// Setting is one of a tunnel's options, as shown side by side with the
// other tunnel's.
type Setting struct {
	Name  string
	Value string
}

// AWS's documented defaults for the options a tunnel may be created
// without ("Tunnel options for your Site-to-Site VPN connection",
// s2svpn/VPNTunnels.html: "Otherwise, AWS provides default values"). An
// option the service leaves out is shown as its default, never "-".
const (
	DefaultDPDTimeout       = 30 // seconds ("Default: 30")
	DefaultDPDTimeoutAction = "clear"
	DefaultPhase1Lifetime   = 28800 // seconds ("Default: 28,800 (8 hours)")
	DefaultPhase2Lifetime   = 3600  // seconds ("Default: 3,600 (1 hour)")
	DefaultRekeyMargin      = 540   // seconds ("Default: 540 (9 minutes)")
	DefaultRekeyFuzz        = 100   // percent ("Default: 100")
	DefaultReplayWindow     = 1024  // packets ("Default: 1024")
	DefaultStartupAction    = "add"
)

// TunnelSettings lists a tunnel's options in the order a person compares
// them: phase 1, phase 2, timers, DPD, startup, logging. The pre-shared
// key is masked like every secret.
func TunnelSettings(t Tunnel) []Setting {
	psk := "-"
	if t.PreSharedKey.IsSet() {
		psk = t.PreSharedKey.String()
	}
	if t.CertificateARN != "" {
		psk = "certificate"
	}
	logging := "off"
	if t.Logging {
		logging = LogGroupName(t.LogGroupARN)
		if t.LogOutputFormat != "" {
			logging += " (" + t.LogOutputFormat + ")"
		}
	}
	return []Setting{
		{"IKE versions", list(t.IKEVersions)},
		{"authentication", psk},
		{"phase 1 encryption", list(t.Phase1Encryption)},
		{"phase 1 integrity", list(t.Phase1Integrity)},
		{"phase 1 DH groups", ints(t.Phase1DHGroups)},
		{"phase 1 lifetime", seconds(t.Phase1Lifetime, DefaultPhase1Lifetime)},
		{"phase 2 encryption", list(t.Phase2Encryption)},
		{"phase 2 integrity", list(t.Phase2Integrity)},
		{"phase 2 DH groups", ints(t.Phase2DHGroups)},
		{"phase 2 lifetime", seconds(t.Phase2Lifetime, DefaultPhase2Lifetime)},
		{"rekey margin", seconds(t.RekeyMargin, DefaultRekeyMargin)},
		{"rekey fuzz", percent(t.RekeyFuzz)},
		{"replay window", count(t.ReplayWindow, DefaultReplayWindow)},
		{"DPD timeout", seconds(t.DPDTimeout, DefaultDPDTimeout)},
		{"DPD timeout action", word(t.DPDTimeoutAction, DefaultDPDTimeoutAction)},
		{"startup action", word(t.StartupAction, DefaultStartupAction)},
		{"inside CIDR", api.OrDash(t.InsideCIDR)},
		{"activity log", logging},
	}
}

// SettingDiffers reports, per row of TunnelSettings, whether the two
// tunnels differ. The pre-shared keys are compared by value, never shown:
// two different keys are a difference worth a ≠ even though both print
// masked.
func SettingDiffers(a, b Tunnel) []bool {
	sa, sb := TunnelSettings(a), TunnelSettings(b)
	out := make([]bool, len(sa))
	for i := range sa {
		out[i] = sa[i].Value != sb[i].Value
		if sa[i].Name == "authentication" && a.CertificateARN == "" && b.CertificateARN == "" {
			out[i] = a.PreSharedKey.Reveal() != b.PreSharedKey.Reveal()
		}
	}
	return out
}

func list(v []string) string {
	if len(v) == 0 {
		// None set: AWS's defaults apply, which are every value it
		// supports (the defaults column of "Tunnel options for your
		// Site-to-Site VPN connection", s2svpn/VPNTunnels.html).
		return "default"
	}
	return strings.Join(v, ", ")
}

func ints(v []int) string {
	if len(v) == 0 {
		return "default"
	}
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// defaultMark follows a value the service did not give.
const defaultMark = " (default)"

// seconds is n seconds, or AWS's default def marked as such when n was
// not given (0: none of these options can be 0).
func seconds(n, def int) string {
	if n == 0 {
		return strconv.Itoa(def) + " s" + defaultMark
	}
	return strconv.Itoa(n) + " s"
}

// percent is the rekey fuzz, which can be 0: only nil is the default.
func percent(n *int) string {
	if n == nil {
		return strconv.Itoa(DefaultRekeyFuzz) + " %" + defaultMark
	}
	return strconv.Itoa(*n) + " %"
}

func count(n, def int) string {
	if n == 0 {
		return strconv.Itoa(def) + defaultMark
	}
	return strconv.Itoa(n)
}

func word(s, def string) string {
	if s == "" {
		return def + defaultMark
	}
	return s
}
