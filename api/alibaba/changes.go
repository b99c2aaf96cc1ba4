package alibaba

import (
	"cmp"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// What changed on a gateway or a connection, from ActionTrail:
// LookupEvents (API version 2020-07-06) with two lookup attributes,
// ResourceName (the vpn- or vco- id) and EventRW Write, so the service
// leaves the reads out (ActionTrail API Reference, LookupEvents; "How do I
// configure the LookupAttribute parameter": "one or two attribute items",
// exact match). Events come as JSON objects with the fields of "Fields in
// an event" (ActionTrail User Guide): eventId, eventName, eventRW,
// eventTime (UTC), userIdentity, sourceIpAddress, serviceName,
// requestParameters.

// ChangeResource reports whether ActionTrail can be asked about id: a VPN
// gateway (vpn-) or an IPsec connection (vco-).
func ChangeResource(id string) bool {
	return strings.HasPrefix(id, "vpn-") || strings.HasPrefix(id, "vco-")
}

// ChangeFromEvent maps one event of LookupEvents' Events; ok is false for
// a read (eventRW Read), which is not a change. The request parameters'
// secrets are masked here (api.MaskParams), and the event is not kept.
func ChangeFromEvent(e map[string]any) (api.Change, bool) {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if strings.EqualFold(str(e, "eventRW"), "Read") {
		return api.Change{}, false
	}
	c := api.Change{ID: str(e, "eventId"), Action: str(e, "eventName"), SourceIP: str(e, "sourceIpAddress"),
		Service: cmp.Or(str(e, "serviceName"), str(e, "eventSource"))}
	c.Time, _ = time.Parse(time.RFC3339, str(e, "eventTime"))
	id, _ := e["userIdentity"].(map[string]any)
	// userIdentity.type: root-account, ram-user, assumed-role, system.
	c.Name = cmp.Or(str(id, "userName"), str(id, "principalId"))
	c.Who = c.Name
	if t := str(id, "type"); t != "" {
		c.Who = t + " " + c.Name
	}
	c.Params = api.MaskParams(e["requestParameters"])
	return c, true
}
