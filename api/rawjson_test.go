package api

import (
	"encoding/json"
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

// Outside text in the raw view is the service's, exactly, with nothing a
// terminal acts on: DEL, C1 (CSI) and the bidirectional controls (a
// right-to-left override reversed the rest of the line) are escaped as
// JSON escapes them, in values and keys alike, and still decode to what
// the service sent.
func TestMaskJSONEscapesWhatATerminalWouldActOn(t *testing.T) {
	name := "vco\u202egnp.exe\u2066x\u2069\u200f\u061c del\x7f csi\u009b31m 上海 עברית"
	raw, _ := json.Marshal(map[string]string{"Name": name, "Key\u202e": "v"})
	out, err := MaskJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if !isPrintable(line) {
			t.Errorf("the raw view holds what a terminal acts on: %q", line)
		}
	}
	for _, want := range []string{`vco\u202egnp.exe\u2066x\u2069\u200f\u061c del\u007f csi\u009b31m 上海 עברית`, `"Key\u202e"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("want %s in %s", want, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["Name"] != name || back["Key\u202e"] != "v" {
		t.Errorf("does not decode to what was sent: %v %q", err, back)
	}
}
