package aws

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// upCounts are the TUNNELS column's marks and counts, top to bottom:
// "✗2/2 ✗0/2 ◐1/2…".
func upCounts(screen string) string {
	var out []string
	for _, m := range regexp.MustCompile(`([✗◐?◌●–]) (\d/\d)`).FindAllStringSubmatch(screen, -1) {
		out = append(out, m[1]+m[2])
	}
	return strings.Join(out, " ")
}

// ⇧T sorts a gateway's connections worst first as o does (the problems
// view's verdict, then the tunnels up), not by the mark's code point (0/2,
// 0/2, 2/2, 2/2, 1/2); o is said to work there, and ? lists l, v and o
// (issue 28, 12).
func TestSiteToSiteConnectionsSortByTunnelsUpAndSayTheirKeys(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("prod-vgw")
	h.Keys("enter")
	h.MustShow("hq-primary", "1/2")
	h.Keys("o")
	worst := upCounts(h.Screen())
	h.Keys("T")
	if got := upCounts(h.Screen()); got != worst || !strings.HasPrefix(got, "✗") {
		t.Fatalf("⇧T: %s, want o's worst first %s", got, worst)
	}
	h.Keys("T")
	if got, want := upCounts(h.Screen()), reverseFields(worst); got != want {
		t.Fatalf("⇧T again: %s, want %s", got, want)
	}
	h.Keys("o")
	h.MustNotShow("not on this screen")
	if got := upCounts(h.Screen()); got != worst {
		t.Fatalf("o: %s, want %s", got, worst)
	}
	h.Keys("?")
	h.MustShow("l            log", "d v          details · raw JSON", "o            worst first")
}

// o orders an endpoint's authorization rules too: it is listed there, not
// said to be "not on this screen".
func TestOnAnEndpointsRulesOIsListed(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("enter", "tab", "tab", "tab")
	h.MustShow("[Authorization rules")
	h.Keys("o")
	h.MustNotShow("not on this screen")
	h.Keys("?")
	h.MustShow("o            worst first")
}

// reverseFields is s's space-separated fields in reverse order.
func reverseFields(s string) string {
	f := strings.Fields(s)
	slices.Reverse(f)
	return strings.Join(f, " ")
}

// Site-to-Site is found from AWS's root (walkthrough: p landed on Client VPN
// endpoints, tab said "not on this screen" and ? never named :gateways):
// the hint line and ? name it, tab and shift+tab switch between the two
// kinds as k9s switches views, and the crumbs say which is in front.
func TestTabOnTheAWSRootSwitchesBetweenClientVPNAndSiteToSite(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("AWS › us-east-1 › Client VPN", "corp-vpn", "tab Site-to-Site (:gateways)")
	h.Keys("?")
	h.MustShow("Site-to-Site (:gateways)")
	h.Keys("esc", "tab")
	h.MustShow("AWS › us-east-1 › Site-to-Site", "prod-vgw", "tab Client VPN (:endpoints)")
	h.MustNotShow("not on this screen", "Client VPN ›")
	h.Keys("tab")
	h.MustShow("AWS › us-east-1 › Client VPN", "corp-vpn")
	h.MustNotShow("Site-to-Site ›", "prod-vgw")
	h.Keys("shift+tab")
	h.MustShow("AWS › us-east-1 › Site-to-Site", "prod-vgw")
	h.Keys("shift+tab")
	h.MustShow("AWS › us-east-1 › Client VPN", "corp-vpn")
	h.Keys("enter") // an endpoint says its name under the region, not under the root's kind
	h.MustShow("AWS › us-east-1 › corp-vpn")
}
