package alibaba

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	tui "github.com/vpnscope/vpnscope/tui"
	awstui "github.com/vpnscope/vpnscope/tui/aws"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// On Alibaba Cloud, :id with an AWS id (the forms of the EC2 reference's
// examples) says whose it is and that p switches (issue 28, 13); vpn- with
// 17 hexadecimal digits fits both clouds' forms: Alibaba Cloud looks for
// it, and its not-found says AWS has that form too.
func TestAnAWSIDOnAlibabaSaysWhoseItIs(t *testing.T) {
	_, client := startEmulator(t, emulator.Config{}, vpcclient.Options{})
	h := tuitest.New(t, 160, 48, tui.Config{Providers: []ui.Provider{NewProvider(client, "cn-hangzhou", "http://emulator"),
		awstui.NewProvider(nil, "us-east-1", "http://unused")}})
	h.MustShow("prod-hz-core")
	for _, id := range []string{"cvpn-endpoint-123456789123abcde", "vgw-8db04f81", "tgw-0262a0e521b7d8e41"} {
		h.Keys(":", "text:id "+id, "enter")
		h.MustShow(id + ": this id is AWS's — p switches to it")
	}
	h.Keys(":", "text:id vpn-0123456789abcdef0", "enter")
	h.MustShow("vpn-0123456789abcdef0: ", "(an id of AWS has this form too: p switches)")
}
