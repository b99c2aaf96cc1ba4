package api

import (
	"strings"
	"testing"
)

func TestMaskJSON(t *testing.T) {
	raw := `{"VpnConnectionId":"vco-1","IkeConfig":{"Psk":"hunter2","IkeVersion":"ikev2"},"PskEnabled":true,
		"TunnelOptionsSpecification":{"TunnelOptions":[{"TunnelIkeConfig":{"Psk":"s3cr3t"},"TunnelBgpConfig":{"AuthKey":"bgpkey"}}]},
		"NextToken":"page2","SecurityToken":"sts","Empty":{"Psk":""}}`
	out, err := MaskJSON([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, secret := range []string{"hunter2", "s3cr3t", "bgpkey", `"sts"`} {
		if strings.Contains(s, secret) {
			t.Errorf("%s shown:\n%s", secret, s)
		}
	}
	for _, kept := range []string{`"vco-1"`, `"ikev2"`, `"PskEnabled": true`, `"page2"`, `"Psk": ""`} {
		if !strings.Contains(s, kept) {
			t.Errorf("%s lost:\n%s", kept, s)
		}
	}
	if _, err := MaskJSON([]byte("{not json")); err == nil {
		t.Error("garbage accepted")
	}
}
