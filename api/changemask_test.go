package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every secret a trail records in request parameters is masked, whatever
// its depth or spelling: AWS's PreSharedKey (also in a list of tunnels),
// Alibaba Cloud's IkeConfig, a JSON string whose Psk is inside, a BGP
// AuthKey, a password or token; a tag's key and an IP are not secrets.
func TestMaskParamsMasksEverySecretAndOnlySecrets(t *testing.T) {
	var v any
	raw := `{"TunnelOptions":[{"PreSharedKey":"k-aws-1"}],"IkeConfig":"{\"Psk\":\"k-ali-2\",\"IkeVersion\":\"ikev2\"}",
		"BgpConfig":{"AuthKey":"k-bgp-3"},"Password":"k-pw-4","ClientToken":"k-tok-5","psk":"k-6",
		"TagSet":{"item":[{"key":"Name","value":"hq"}]},"VpnTunnelOutsideIpAddress":"203.0.113.9"}`
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range MaskParams(v) {
		got[p.Key] = p.Value
	}
	for k, v := range got {
		if strings.HasPrefix(v, "k-") {
			t.Errorf("%s = %q in clear", k, v)
		}
	}
	want := map[string]string{"TunnelOptions.1.PreSharedKey": Mask, "IkeConfig.Psk": Mask, "IkeConfig.IkeVersion": "ikev2",
		"BgpConfig.AuthKey": Mask, "TagSet.item.1.key": "Name", "VpnTunnelOutsideIpAddress": "203.0.113.9"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}
