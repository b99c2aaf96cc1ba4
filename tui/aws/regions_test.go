package aws

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	tui "github.com/vpnscope/vpnscope/tui"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// R on AWS lists the regions the account has enabled first (DescribeRegions
// without AllRegions: the emulator's three), the rest of the partition's
// after a separator, not 30-odd regions in one list (issue 28, 14); one
// call.
func TestAWSRegionPickerListsEnabledRegionsFirst(t *testing.T) {
	h, emu := newAWSHarness(t, 100, 60, false)
	h.MustShow("corp-vpn")
	before := emu.Calls("DescribeRegions")
	h.Keys("R")
	screen := h.Screen()
	sep := strings.Index(screen, "not enabled for this account")
	if sep < 0 {
		t.Fatalf("no separator:\n%s", screen)
	}
	for _, on := range []string{"US East (N. Virginia)", "Europe (Ireland)", "Asia Pacific (Sydney)"} {
		if i := strings.Index(screen, on); i < 0 || i > sep {
			t.Errorf("%s is not among the enabled, above the separator:\n%s", on, screen)
		}
	}
	for _, off := range []string{"US East (Ohio)", "Africa (Cape Town)", "Asia Pacific (Osaka)"} {
		if i := strings.Index(screen, off); i < sep {
			t.Errorf("%s is not below the separator:\n%s", off, screen)
		}
	}
	if n := emu.Calls("DescribeRegions") - before; n != 1 {
		t.Fatalf("R made %d DescribeRegions calls", n)
	}
	h.Keys("/", "text:sydney", "enter", "enter")
	h.MustShow("AWS › ap-southeast-2", "switched to ap-southeast-2")
}

// regionsRefused is the fake whose DescribeRegions is not allowed.
type regionsRefused struct{ *fakeAWS }

func (regionsRefused) Regions(context.Context) ([]api.Region, error) {
	return nil, api.ProviderError("DescribeRegions", api.KindPermission, 403, "UnauthorizedOperation",
		"You are not authorized to perform this operation.", "req-1", "")
}

// Without DescribeRegions the picker still lists every region, and says
// it could not tell which are enabled.
func TestAWSRegionPickerWithoutDescribeRegionsListsThemAll(t *testing.T) {
	h := tuitest.New(t, 120, 60, tui.Config{Providers: []ui.Provider{NewProvider(regionsRefused{&fakeAWS{}}, "us-east-1", "fake")}})
	h.Keys("R")
	h.MustShow("could not read which regions are enabled: UnauthorizedOperation", "US East (Ohio)", "Asia Pacific (Osaka)")
	h.MustNotShow("not enabled for this account")
}

// :region with a misspelt id says which region was meant and stays where
// it is (walkthrough: "AuthFailure — the access key or secret is wrong"
// for us-esat-1); the picker's filter says the same of a typed id.
func TestAMisspeltRegionSaysWhichWasMeant(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys(":", "text:region us-esat-1", "enter")
	h.MustShow("us-esat-1 is no AWS region: did you mean us-east-1?", "AWS › us-east-1", "corp-vpn")
	h.MustNotShow("AuthFailure", "secret is wrong")
	h.Keys("R", "/", "text:us-esat-1")
	h.MustShow(`No region matches "us-esat-1": did you mean us-east-1?`)
}
