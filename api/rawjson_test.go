package api

import (
	"strings"
	"testing"
)

func TestMaskJSON(t *testing.T) {
	raw := `{"VpnConnectionId":"vco-1","IkeConfig":{"Psk":"hunter2","IkeVersion":"ikev2"},"PskEnabled":true,
		"TunnelOptionsSpecification":{"TunnelOptions":[{"TunnelIkeConfig":{"Psk":"s3cr3t"},"TunnelBgpConfig":{"AuthKey":"bgpkey"}}]},
		"NextToken":"page2","SecurityToken":"sts","Empty":{"Psk":""},"PreSharedKey":"aws-psk"}`
	out, err := MaskJSON([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, secret := range []string{"hunter2", "s3cr3t", "bgpkey", `"sts"`, "aws-psk"} {
		if strings.Contains(s, secret) {
			t.Errorf("%s shown:\n%s", secret, s)
		}
	}
	for _, kept := range []string{`"vco-1"`, `"ikev2"`, `"PskEnabled": true`, `"page2"`, `"Psk": ""`} {
		if !strings.Contains(s, kept) {
			t.Errorf("%s lost:\n%s", kept, s)
		}
	}
	// The service's order, not sorted keys (issue 17).
	if i, j := strings.Index(s, "VpnConnectionId"), strings.Index(s, "IkeConfig"); i < 0 || j < 0 || i > j {
		t.Errorf("keys reordered:\n%s", s)
	}
	if omitted, err := MaskJSON([]byte(`{"RequestId":"r-1","B":1,"A":[]}`), "RequestId"); err != nil ||
		string(omitted) != "{\n  \"B\": 1,\n  \"A\": []\n}" {
		t.Errorf("omit: %q %v", omitted, err)
	}
	if _, err := MaskJSON([]byte("{not json")); err == nil {
		t.Error("garbage accepted")
	}
}
