package aws

import "testing"

// A bare :id or :region gives an example of its own, with AWS's ids and
// regions (walkthrough 2, A2: :id said "e.g. :region cn-shanghai or :sort
// name").
func TestBareCommandsGiveTheirOwnExample(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys(":", "text:id", "enter")
	h.MustShow(":id needs ID, e.g. :id vpn-…, :id vgw-… or :id cvpn-endpoint-…")
	h.MustNotShow("cn-shanghai", ":sort")
	h.Keys(":", "text:region", "enter")
	h.MustShow(":region needs ID, e.g. :region us-")
	h.MustNotShow("cn-shanghai")
	h.Keys(":", "text:sort", "enter")
	h.MustShow(":sort needs COLUMN, e.g. :sort name")
}
