package aws

import (
	"cmp"
	"encoding/json"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// What changed on a resource, from CloudTrail: LookupEvents with the
// ResourceName attribute, the resource's id (AWS CloudTrail API Reference,
// LookupEvents and LookupAttribute,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html).
// Only management events that are not read-only are changes: an Event's
// ReadOnly is "true" for a Describe… call (API_Event.html).

// ChangeResource reports whether CloudTrail can be asked about id: a
// Site-to-Site connection (vpn-), a virtual private gateway (vgw-), a
// transit gateway (tgw-) or a Client VPN endpoint (cvpn-endpoint-), the
// ids EC2 records as the events' resources.
func ChangeResource(id string) bool {
	for _, p := range []string{"vpn-", "vgw-", "tgw-", "cvpn-endpoint-"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// trailRecord is what a change needs of an event's record, the JSON in
// Event.CloudTrailEvent (CloudTrail User Guide, "CloudTrail record
// contents"; "CloudTrail userIdentity element").
type trailRecord struct {
	UserIdentity struct {
		Type      string `json:"type"`
		ARN       string `json:"arn"`
		UserName  string `json:"userName"`
		InvokedBy string `json:"invokedBy"`
	} `json:"userIdentity"`
	SourceIPAddress   string `json:"sourceIPAddress"`
	RequestParameters any    `json:"requestParameters"`
}

// ChangeFromRecord fills who made a change, from where and with what from
// its CloudTrail record; user is the event's Username, for a record that
// does not name one. The record's secrets are masked here and the record
// is not kept.
func ChangeFromRecord(c *api.Change, record, user string) {
	var r trailRecord
	if json.Unmarshal([]byte(record), &r) != nil {
		c.Who, c.Name = user, user
		return
	}
	id := r.UserIdentity
	c.Who = cmp.Or(id.ARN, id.InvokedBy, user)
	c.Name = cmp.Or(id.UserName, user)
	switch {
	case id.Type == "AssumedRole":
		// arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION: the role and who.
		if _, tail, ok := strings.Cut(id.ARN, ":assumed-role/"); ok {
			c.Name = tail
		}
	case id.Type == "Root":
		c.Name = "root"
	case id.Type == "AWSService":
		c.Name = id.InvokedBy
	}
	c.SourceIP = r.SourceIPAddress
	c.Params = api.MaskParams(unwrapRequest(r.RequestParameters))
}

// unwrapRequest drops the one key EC2's newer actions record their
// parameters under ({"ModifyVpnTunnelOptionsRequest": {...}}): it names
// the action again.
func unwrapRequest(v any) any {
	m, ok := v.(map[string]any)
	if len(m) != 1 || !ok {
		return v
	}
	for k, inner := range m {
		if strings.HasSuffix(k, "Request") {
			return inner
		}
	}
	return v
}
