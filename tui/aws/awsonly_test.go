package aws

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/vpnscope/vpnscope/keymap"
)

// everyKey is every key any binding answers to, enabled or not.
func everyKey() []string {
	var out []string
	seen := map[string]bool{}
	km := reflect.ValueOf(keymap.Default())
	for i := range km.NumField() {
		group := km.Field(i)
		for j := range group.NumField() {
			b, ok := group.Field(j).Interface().(key.Binding)
			if !ok {
				continue
			}
			for _, k := range b.Keys() {
				if !seen[k] && k != "ctrl+c" && k != "q" {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// With only AWS set up, every `:` command and every key is survivable, on
// the list and inside an endpoint; what AWS cannot do is said.
func TestAWSOnlySurvivesEveryCommandAndKey(t *testing.T) {
	h, _ := newAWSHarness(t, 80, 24, false)
	for _, c := range h.App.Commands() {
		line := c.Name
		switch c.Name {
		case "id":
			line += " vco-0000000000000001"
		case "region":
			line += " eu-west-1"
		case "sort":
			line += " name"
		}
		if c.Name == "quit" {
			continue
		}
		for _, where := range []string{"list", "endpoint"} {
			h.Keys("esc", "esc", "esc", ":", "text:endpoints", "enter")
			if where == "endpoint" {
				h.Keys("enter")
			}
			h.Keys(":", "text:"+line, "enter")
			h.Keys("esc")
		}
	}
	h.Keys("esc", "esc", "esc", ":", "text:region us-east-1", "enter")
	h.MustShow("corp-vpn")
	h.Keys(":", "text:problems", "enter")
	h.MustShow("all regions › problems", "traffic down")
	h.Keys("esc", ":", "text:id vco-0000000000000001", "enter")
	h.MustShow("give a vgw-, tgw-, vpn-")
	h.Keys(":", "text:create", "enter")
	h.MustShow(`no command "create"`)
	h.Keys("esc")
	for _, k := range everyKey() {
		for _, where := range []string{"list", "endpoint"} {
			h.Keys("esc", "esc", "esc", ":", "text:endpoints", "enter")
			if where == "endpoint" {
				h.Keys("enter")
			}
			h.Keys(k)
			if strings.Contains(h.Screen(), "panic") {
				t.Fatalf("%s on the %s: %s", k, where, h.Screen())
			}
		}
	}
	h.Keys("esc", "esc", "esc", "P")
	h.MustShow("all regions › problems")
}
