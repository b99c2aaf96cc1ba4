package api

import (
	"strings"
	"testing"
)

type scrubInner struct {
	Name string
	Tags map[string]string
}

type scrubOuter struct {
	ID     string
	Names  []string
	Inner  scrubInner
	Ptr    *scrubInner
	Peers  [2]scrubInner
	Key    Secret
	hidden string
	Raw    []byte
}

func TestScrubStringsReachesEveryField(t *testing.T) {
	bad := "x\x1b[5my"
	v := scrubOuter{ID: bad, Names: []string{"ok", bad}, Inner: scrubInner{Name: bad, Tags: map[string]string{bad: bad}},
		Ptr: &scrubInner{Name: bad}, Peers: [2]scrubInner{{Name: bad}}, Key: NewSecret("k\x1bey"), hidden: bad, Raw: []byte(bad)}
	ScrubStrings(&v)
	all := []string{v.ID, v.Names[1], v.Inner.Name, v.Ptr.Name, v.Peers[0].Name}
	for k, e := range v.Inner.Tags {
		all = append(all, k, e)
	}
	for _, s := range all {
		if strings.ContainsRune(s, 0x1b) || s != "x␛[5my" {
			t.Errorf("left %q", s)
		}
	}
	if v.Key.Reveal() != "k\x1bey" || v.hidden != bad || string(v.Raw) != bad {
		t.Error("a secret, an unexported field or bytes were changed")
	}
	if v.Names[0] != "ok" {
		t.Errorf("plain text changed: %q", v.Names[0])
	}
}

func TestServiceErrorTextIsPrintable(t *testing.T) {
	e := ProviderError("DescribeVpnGateways", KindServer, 500, "Code\x1b]2;x\a", "boom\x1b[31m", "req\x1b", "")
	if strings.ContainsAny(e.Error(), "\x1b\a") {
		t.Fatalf("control sequence in %q", e.Error())
	}
}
