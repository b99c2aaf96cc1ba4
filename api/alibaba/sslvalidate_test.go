package alibaba

import (
	"strings"
	"testing"
)

func goodSSLSpec() SSLServerSpec {
	return SSLServerSpec{GatewayID: "vpn-1", Name: "office", ClientIPPool: "172.31.0.0/26",
		LocalSubnets: []string{"10.0.0.0/8"}, Proto: "UDP", Cipher: "AES-128-CBC", Port: 1194}
}

var okGateway = GatewayFacts{SSLEnabled: true, Status: "active", BusinessStatus: "Normal", SSLMaxConnections: 10}

func TestValidateSSLServerRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*SSLServerSpec, *GatewayFacts)
		field string // "" means no problem at all
		sev   Severity
		fix   string
		says  string
	}{
		{name: "a good spec", edit: func(*SSLServerSpec, *GatewayFacts) {}},
		{name: "defaults left empty", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Proto, s.Cipher, s.Port, s.Name = "", "", 0, "" }},

		{name: "ssl-vpn off", edit: func(_ *SSLServerSpec, g *GatewayFacts) { g.SSLEnabled = false }, field: FieldGateway, says: "SSL-VPN is off"},
		{name: "already has a server", edit: func(_ *SSLServerSpec, g *GatewayFacts) { g.SSLServerID = "vss-1" }, field: FieldGateway, says: "vss-1"},
		{name: "updating", edit: func(_ *SSLServerSpec, g *GatewayFacts) { g.Status = "updating" }, field: FieldGateway, says: "updating"},
		{name: "locked", edit: func(_ *SSLServerSpec, g *GatewayFacts) { g.BusinessStatus = "FinancialLocked" }, field: FieldGateway, says: "top up"},

		{name: "name of 100", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Name = strings.Repeat("é", 100) }},
		{name: "name of 101", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Name = strings.Repeat("é", 101) }, field: FieldName, says: "101"},
		{name: "name with http://", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Name = "http://x" }, field: FieldName, fix: "x"},
		{name: "name with https://", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Name = "https://x" }, field: FieldName},
		{name: "name mentioning http", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Name = "my-http://" }},

		{name: "pool missing", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = " " }, field: FieldClientIPPool, fix: "172.31.0.0/26"},
		{name: "pool not a CIDR", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "10.0.0.0" }, field: FieldClientIPPool},
		{name: "pool IPv6", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "fd00::/64" }, field: FieldClientIPPool},
		{name: "pool /15", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "172.30.0.0/15" }, field: FieldClientIPPool, says: "16 to 29"},
		{name: "pool /16", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "172.30.0.0/16" }},
		{name: "pool /29 with 2 connections", edit: func(s *SSLServerSpec, g *GatewayFacts) { s.ClientIPPool, g.SSLMaxConnections = "172.31.0.0/29", 2 }},
		{name: "pool /30", edit: func(s *SSLServerSpec, g *GatewayFacts) { s.ClientIPPool, g.SSLMaxConnections = "172.31.0.0/30", 1 }, field: FieldClientIPPool, says: "16 to 29", fix: "172.31.0.0/29"},
		{name: "pool /27 for 10 connections", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "172.31.0.0/27" },
			field: FieldClientIPPool, says: "use a /26", fix: "172.31.0.0/26"},
		{name: "pool /26 for 16 connections (64 = 4x16)", edit: func(s *SSLServerSpec, g *GatewayFacts) { g.SSLMaxConnections = 16 }},
		{name: "pool /26 for 17 connections", edit: func(s *SSLServerSpec, g *GatewayFacts) { g.SSLMaxConnections = 17 }, field: FieldClientIPPool, fix: "172.31.0.0/25"},
		{name: "pool host bits", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "172.31.0.5/26" }, field: FieldClientIPPool, fix: "172.31.0.0/26"},
		{name: "pool in 100.64/10", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "100.64.0.0/26" }, field: FieldClientIPPool, says: "carrier-grade"},
		{name: "pool just below 100.64/10", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "100.63.255.192/26" }, field: FieldClientIPPool, sev: Warning, says: "public"},
		{name: "pool in 127/8", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "127.0.0.0/26" }, field: FieldClientIPPool, says: "loopback"},
		{name: "pool in 169.254/16", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "169.254.0.0/26" }, field: FieldClientIPPool},
		{name: "pool in 224/4", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "239.255.255.192/26" }, field: FieldClientIPPool},
		{name: "pool in 255/8", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "255.0.0.0/26" }, field: FieldClientIPPool},
		{name: "pool overlaps a local subnet", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "10.1.0.0/26" },
			field: FieldClientIPPool, says: "overlaps the local", fix: "172.31.0.0/26"},
		{name: "public pool", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.ClientIPPool = "47.100.0.0/26" }, field: FieldClientIPPool, sev: Warning, says: "user CIDR"},

		{name: "no local subnet", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = nil }, field: FieldLocalSubnet},
		{name: "local /7", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = []string{"10.0.0.0/7"} }, field: FieldLocalSubnet, says: "8 to 32"},
		{name: "local /8 and /32", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = []string{"10.0.0.0/8", "192.168.1.10/32"} }},
		{name: "local link-local", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = []string{"169.254.1.0/24"} }, field: FieldLocalSubnet},
		// The reference page has no rule against a repeat (the emulator, like
		// the service, takes it): a warning whose fix is the list without it.
		{name: "local duplicate", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.LocalSubnets = []string{"10.0.0.0/8", "192.168.0.0/16", "10.0.0.0/8"}
		},
			field: FieldLocalSubnet, sev: Warning, says: "twice", fix: "10.0.0.0/8,192.168.0.0/16"},
		{name: "local host bits in a list", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = []string{"192.168.0.0/16", "10.1.2.3/8"} },
			field: FieldLocalSubnet, sev: Warning, says: "host bits", fix: "192.168.0.0/16,10.0.0.0/8"},
		{name: "local garbage", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = []string{"ten/8"} }, field: FieldLocalSubnet},
		{name: "local host bits", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.LocalSubnets = []string{"10.0.0.1/8"} }, field: FieldLocalSubnet, sev: Warning, fix: "10.0.0.0/8"},

		{name: "proto tcp", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Proto = "TCP" }},
		{name: "proto lower-case", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Proto = "udp" }, field: FieldProto},
		{name: "cipher none", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Cipher = "none" }},
		{name: "cipher unknown", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Cipher = "AES-512-CBC" }, field: FieldCipher},
		{name: "port 1", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Port = 1 }},
		{name: "port 65535", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Port = 65535 }},
		{name: "port 65536", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Port = 65536 }, field: FieldPort, fix: "1194"},
		{name: "port 443", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Port = 443 }, field: FieldPort, says: "reserved"},
		{name: "port 4500", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Port = 4500 }, field: FieldPort},
		{name: "port 4501", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.Port = 4501 }},

		{name: "mfa complete", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas-cn-hangzhou-p1a2b3", "cn-hangzhou"
		}},
		{name: "mfa in a region with a number", edit: func(s *SSLServerSpec, g *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas-ap-southeast-1-Q7x2", "ap-southeast-1"
			g.Regions = []string{"cn-hangzhou", "ap-southeast-1"}
		}},
		{name: "mfa without instance", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.MFA, s.IDaaSRegionID = true, "cn-hangzhou" }, field: FieldIDaaSID},
		{name: "mfa without region", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.MFA, s.IDaaSInstanceID = true, "idaas-cn-hangzhou-p1a2b3" },
			field: FieldIDaaSRegion, fix: "cn-hangzhou"},
		// CreateSslVpnServer: IDaaSInstanceId, example idaas-cn-hangzhou-p****.
		{name: "idaas id not in the documented form", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "bad id!", "cn-hangzhou"
		}, field: FieldIDaaSID, says: "not an IDaaS instance id"},
		{name: "idaas id without its code", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas-cn-hangzhou", "cn-hangzhou"
		}, field: FieldIDaaSID, says: "not an IDaaS instance id"},
		// "Two-factor authentication supports only earlier versions of IDaaS instances."
		{name: "idaas id of a new-version instance", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas_ue2jvisn35ea5lmthk267xxxxx", "cn-hangzhou"
		}, field: FieldIDaaSID, says: "earlier-version"},
		{name: "idaas region not a region id", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas-cn-hangzhou-p1a2b3", "Hangzhou 1"
		}, field: FieldIDaaSRegion, says: "not a region id", fix: "cn-hangzhou"},
		{name: "idaas region the account does not have", edit: func(s *SSLServerSpec, g *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas-cn-hangzhou-p1a2b3", "nowhere-1"
			g.Regions = []string{"cn-hangzhou", "cn-shanghai"}
		}, field: FieldIDaaSRegion, says: "nowhere-1 is not a region", fix: "cn-hangzhou"},
		{name: "idaas region other than the instance's", edit: func(s *SSLServerSpec, _ *GatewayFacts) {
			s.MFA, s.IDaaSInstanceID, s.IDaaSRegionID = true, "idaas-cn-hangzhou-p1a2b3", "nowhere-1"
		}, field: FieldIDaaSRegion, says: "is in cn-hangzhou", fix: "cn-hangzhou"},
		{name: "idaas ignored without mfa", edit: func(s *SSLServerSpec, _ *GatewayFacts) { s.IDaaSInstanceID = "" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, g := goodSSLSpec(), okGateway
			tc.edit(&s, &g)
			ps := ValidateSSLServer(s, g)
			if tc.field == "" {
				if len(ps) != 0 {
					t.Fatalf("want no problem, got %+v", ps)
				}
				return
			}
			got := ps.For(tc.field)
			if len(got) == 0 {
				t.Fatalf("want a problem on %s, got %+v", tc.field, ps)
			}
			p := got[0]
			if p.Severity != tc.sev || !strings.Contains(p.Message, tc.says) || (tc.fix != "" && p.Fix != tc.fix) {
				t.Fatalf("got %+v; want severity %v, message with %q, fix %q", p, tc.sev, tc.says, tc.fix)
			}
			if ps.Blocking() != (tc.sev == Blocker) {
				t.Errorf("Blocking() = %v", ps.Blocking())
			}
		})
	}
}

func TestRecommendedPoolMaskMatchesTheReferencePage(t *testing.T) {
	// "If the number of SSL-VPN connections is 5, we recommend ... 27 bits", etc.
	for conns, mask := range map[int]int{1: 29, 2: 29, 5: 27, 10: 26, 20: 25, 50: 24, 100: 23, 200: 22, 500: 21, 1000: 20, 16384: 16, 16385: 0} {
		if got := RecommendedPoolMask(conns); got != mask {
			t.Errorf("%d connections: /%d, want /%d", conns, got, mask)
		}
	}
}

func TestSuggestPoolAvoidsLocalSubnets(t *testing.T) {
	if got := SuggestPool(10, []string{"10.0.0.0/8"}); got != "172.31.0.0/26" {
		t.Errorf("got %s", got)
	}
	if got := SuggestPool(10, []string{"172.16.0.0/12"}); got != "192.168.240.0/26" {
		t.Errorf("got %s", got)
	}
	if got := SuggestPool(500, nil); got != "172.31.0.0/21" {
		t.Errorf("got %s", got)
	}
}

func TestFieldOfCreateErrorCoversTheReferencePageCodes(t *testing.T) {
	for code, field := range map[string]string{
		"IpConflict": FieldClientIPPool, "ClientIpPool.NetmaskInvalid": FieldClientIPPool, "ClientIpPool.SubnetInvalid": FieldClientIPPool,
		"EnableHaCheck.SslVpnServerClientCidrContainsVpcRouteDest": FieldClientIPPool, "VpnRouteEntry.Conflict": FieldClientIPPool,
		"SslVpnServerPort.Illegal": FieldPort, "IllegalParam.LocalSubnet": FieldLocalSubnet, "InvalidName": FieldName,
		"MissingParameter.IDaaSInstanceId": FieldIDaaSID, "InvalidIDaaSInstanceId.NotFound": FieldIDaaSID,
		"SslVpnServer.AlreadyExist": FieldGateway, "VpnGateway.SslVpnDisabled": FieldGateway, "VpnGateway.Configuring": FieldGateway,
		"VpnGateway.FinancialLocked": FieldGateway, "Resource.QuotaFull": FieldGateway,
	} {
		if got := FieldOfCreateError(code); got != field {
			t.Errorf("%s: %s, want %s", code, got, field)
		}
	}
}
