package emulator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// The seeded CloudTrail history: management events that agree with the
// Site-to-Site and Client VPN world. Each connection was created by the
// deployment role; a tunnel down for a pre-shared key mismatch had its key
// changed on the AWS side two minutes before (ModifyVpnTunnelOptions, so
// the device still has the old one); a tunnel down for a proposal the
// device no longer shares had AWS's proposals narrowed just before; the
// reads vpnscope itself makes are there too, read-only, as the service
// records them (and they are not changes).
//
// The record's fields are the CloudTrail User Guide's ("CloudTrail record
// contents", cloudtrail-event-reference-record-contents.html;
// "userIdentity element", cloudtrail-event-reference-user-identity.html).

// trailEvent is one management event.
type trailEvent struct {
	id, name  string
	at        time.Time
	who       trailUser
	readOnly  bool
	resources []trailResource
	params    map[string]any // requestParameters
}

// trailUser is who made a call: an IAM user or a role's session.
type trailUser struct {
	kind, name, arnTail, ip, keyID string
}

func (u trailUser) arn(account string) string {
	if u.kind == "AssumedRole" {
		return "arn:aws:sts::" + account + ":assumed-role/" + u.arnTail
	}
	return "arn:aws:iam::" + account + ":user/" + u.name
}

// The people and roles of the demo account.
var (
	trailAlice     = trailUser{kind: "IAMUser", name: "alice", ip: "192.0.2.45", keyID: "AKIAVPNSCOPEALICE001"}
	trailBob       = trailUser{kind: "AssumedRole", name: "bob", arnTail: "NetworkAdmin/bob", ip: "192.0.2.81", keyID: "ASIAVPNSCOPEBOB00001"}
	trailTerraform = trailUser{kind: "AssumedRole", name: "tf-deploy", arnTail: "terraform-deployer/tf-deploy", ip: "192.0.2.200", keyID: "ASIAVPNSCOPETFDEPLOY"}
	trailReader    = trailUser{kind: "IAMUser", name: stsUser, ip: "192.0.2.10", keyID: DemoAccessKeyID}
)

// The resource types CloudTrail names (AWS::service::type).
const (
	rtVPN      = "AWS::EC2::VPNConnection"
	rtVGW      = "AWS::EC2::VPNGateway"
	rtTGW      = "AWS::EC2::TransitGateway"
	rtCGW      = "AWS::EC2::CustomerGateway"
	rtEndpoint = "AWS::EC2::ClientVpnEndpoint"
)

// buildTrail is account n's events per region, newest first.
func buildTrail(now time.Time, w *s2sWorld, endpoints map[string][]*endpoint, n uint64) map[string][]*trailEvent {
	b := &builder{rnd: rand.New(rand.NewPCG(2016+n, 2013)), now: now}
	out := map[string][]*trailEvent{}
	add := func(region string, e *trailEvent) {
		e.id = fmt.Sprintf("%s-%s-%s-%s-%s", b.hex(8), b.hex(4), b.hex(4), b.hex(4), b.hex(12))
		out[region] = append(out[region], e)
	}
	specs := s2sSpecs()
	for _, region := range regionNames {
		vgw, tgw, conn := 0, 0, 0
		for _, gs := range specs[region] {
			var gwID, gwType string
			created := now.Add(-time.Duration(60+b.rnd.IntN(20)) * 24 * time.Hour)
			if gs.kind == "tgw" {
				gwID, gwType = w.tgws[region][tgw].ID, rtTGW
				tgw++
				add(region, &trailEvent{name: "CreateTransitGateway", at: created, who: trailTerraform,
					resources: []trailResource{{gwType, gwID}},
					params:    map[string]any{"CreateTransitGatewayRequest": map[string]any{"Description": gs.name + " transit gateway"}}})
			} else {
				g := w.vgws[region][vgw]
				gwID, gwType = g.ID, rtVGW
				vgw++
				add(region, &trailEvent{name: "CreateVpnGateway", at: created, who: trailTerraform,
					resources: []trailResource{{gwType, gwID}},
					params:    map[string]any{"CreateVpnGatewayRequest": map[string]any{"Type": "ipsec.1", "AmazonSideAsn": g.AmazonSideAsn}}})
				for _, a := range g.Attachments {
					add(region, &trailEvent{name: "AttachVpnGateway", at: created.Add(3 * time.Minute), who: trailTerraform,
						resources: []trailResource{{gwType, gwID}},
						params:    map[string]any{"AttachVpnGatewayRequest": map[string]any{"VpcId": a.VpcID, "VpnGatewayId": gwID}}})
				}
			}
			for _, cs := range gs.conns {
				c := w.conns[region][conn]
				conn++
				addConnectionTrail(now, region, b, c, cs, gwID, gwType, created, add)
			}
		}
		for _, e := range endpoints[region] {
			addEndpointTrail(now, region, b, e, add)
		}
		slices.SortStableFunc(out[region], func(a, b *trailEvent) int { return b.at.Compare(a.at) })
	}
	return out
}

// addConnectionTrail is a connection's events: its creation, what was
// changed on it (the changes its tunnels' stories call for), and the reads.
func addConnectionTrail(now time.Time, region string, b *builder, c *vpnConnection, cs connSpec, gwID, gwType string, gwCreated time.Time,
	add func(string, *trailEvent)) {
	res := []trailResource{{rtVPN, c.ID}, {rtCGW, c.CustomerGatewayID}, {gwType, gwID}}
	gwKey := map[string]string{rtVGW: "VpnGatewayId", rtTGW: "TransitGatewayId"}[gwType]
	var tunnels []any
	for _, t := range c.Options.Tunnels {
		tunnels = append(tunnels, map[string]any{"TunnelInsideCidr": t.TunnelInsideCidr, "PreSharedKey": t.PreSharedKey})
	}
	created := gwCreated.Add(time.Duration(1+b.rnd.IntN(20*24)) * time.Hour)
	add(region, &trailEvent{name: "CreateVpnConnection", at: created, who: trailTerraform, resources: res,
		params: map[string]any{"CreateVpnConnectionRequest": map[string]any{"Type": "ipsec.1", "CustomerGatewayId": c.CustomerGatewayID, gwKey: gwID,
			"Options": map[string]any{"StaticRoutesOnly": c.Options.StaticRoutesOnly, "TunnelOptions": tunnels}}}})
	add(region, &trailEvent{name: "CreateTags", at: created.Add(time.Second), who: trailTerraform, resources: []trailResource{{rtVPN, c.ID}},
		params: map[string]any{"CreateTagsRequest": map[string]any{"ResourcesSet": map[string]any{"item": []any{map[string]any{"resourceId": c.ID}}},
			"TagSet": map[string]any{"item": []any{map[string]any{"key": "Name", "value": cs.name}}}}}})
	for i, spec := range []tunnelSpec{cs.t1, cs.t2} {
		t, tel := c.Options.Tunnels[i], c.Telemetry[i]
		last, err := time.Parse(telemetryTime, tel.LastStatusChange)
		if err != nil || c.State != "available" {
			continue
		}
		modify := func(at time.Time, who trailUser, options map[string]any) {
			add(region, &trailEvent{name: "ModifyVpnTunnelOptions", at: at, who: who, resources: []trailResource{{rtVPN, c.ID}},
				params: map[string]any{"ModifyVpnTunnelOptionsRequest": map[string]any{"VpnConnectionId": c.ID,
					"VpnTunnelOutsideIpAddress": t.OutsideIPAddress, "TunnelOptions": options}}})
		}
		switch spec.c {
		case pskMismatchV2:
			// The key changed on AWS's side; the device kept the old one.
			modify(last.Add(-2*time.Minute), trailAlice, map[string]any{"PreSharedKey": t.PreSharedKey})
		case noProposalP1:
			// AWS's proposals narrowed to what the device does not offer.
			modify(last.Add(-4*time.Minute), trailBob, map[string]any{
				"Phase1EncryptionAlgorithms": []any{map[string]any{"Value": "AES256"}, map[string]any{"Value": "AES256-GCM-16"}}})
		case peerDeadV2:
			modify(now.Add(-3*24*time.Hour), trailBob, map[string]any{"DPDTimeoutAction": "restart", "StartupAction": "start"})
		}
	}
	// vpnscope's own reads, every two hours: read-only, not changes.
	for ago := 30 * time.Minute; ago < 12*time.Hour; ago += 2 * time.Hour {
		add(region, &trailEvent{name: "DescribeVpnConnections", at: now.Add(-ago), who: trailReader, readOnly: true, resources: []trailResource{{rtVPN, c.ID}},
			params: map[string]any{"DescribeVpnConnectionsRequest": map[string]any{"VpnConnectionId": map[string]any{"item": []any{c.ID}}}}})
	}
}

// addEndpointTrail is a Client VPN endpoint's events: its creation, and
// the change that left it as it is where one did.
func addEndpointTrail(now time.Time, region string, b *builder, e *endpoint, add func(string, *trailEvent)) {
	res := []trailResource{{rtEndpoint, e.ID}}
	created, err := time.Parse("2006-01-02T15:04:05", e.CreationTime)
	if err != nil {
		return
	}
	add(region, &trailEvent{name: "CreateClientVpnEndpoint", at: created, who: trailTerraform, resources: res,
		params: map[string]any{"CreateClientVpnEndpointRequest": map[string]any{"ClientCidrBlock": e.ClientCidrBlock,
			"ServerCertificateArn": e.ServerCertificateArn, "VpnPort": e.VpnPort}}})
	switch nameTag(e.Tags) {
	case "lab": // a route to a network no rule authorizes: the rule was revoked
		add(region, &trailEvent{name: "RevokeClientVpnIngress", at: now.Add(-26 * time.Hour), who: trailBob, resources: res,
			params: map[string]any{"RevokeClientVpnIngressRequest": map[string]any{"ClientVpnEndpointId": e.ID, "RevokeAllGroups": true,
				"TargetNetworkCidr": "172.31.0.0/16"}}})
	case "contractors": // pending-associate: its subnet was disassociated
		add(region, &trailEvent{name: "DisassociateClientVpnTargetNetwork", at: now.Add(-3*time.Hour - 10*time.Minute), who: trailAlice, resources: res,
			params: map[string]any{"DisassociateClientVpnTargetNetworkRequest": map[string]any{"ClientVpnEndpointId": e.ID,
				"AssociationId": "cvpn-assoc-" + b.hex(17)}}})
	}
}

// has reports whether the event matches a lookup attribute.
func (e *trailEvent) has(a lookupAttribute) bool {
	v := a.AttributeValue
	switch a.AttributeKey {
	case "EventId":
		return e.id == v
	case "EventName":
		return e.name == v
	case "ReadOnly":
		return fmt.Sprint(e.readOnly) == v
	case "Username":
		return e.who.name == v
	case "EventSource":
		return v == "ec2.amazonaws.com"
	case "AccessKeyId":
		return e.who.keyID == v
	}
	for _, r := range e.resources {
		if a.AttributeKey == "ResourceName" && r.ResourceName == v || a.AttributeKey == "ResourceType" && r.ResourceType == v {
			return true
		}
	}
	return false
}

// lookup is the event as LookupEvents returns it, its whole record in
// CloudTrailEvent.
func (e *trailEvent) lookup(account, region string) lookupEvent {
	identity := map[string]any{"type": e.who.kind, "arn": e.who.arn(account), "accountId": account, "accessKeyId": e.who.keyID,
		"principalId": "AIDA" + account + e.who.name}
	if e.who.kind == "IAMUser" {
		identity["userName"] = e.who.name
	} else {
		identity["sessionContext"] = map[string]any{"sessionIssuer": map[string]any{"type": "Role",
			"arn": "arn:aws:iam::" + account + ":role/" + e.who.arnTail[:len(e.who.arnTail)-len(e.who.name)-1], "accountId": account}}
	}
	record := map[string]any{"eventVersion": "1.09", "userIdentity": identity, "eventTime": e.at.UTC().Format(time.RFC3339),
		"eventSource": "ec2.amazonaws.com", "eventName": e.name, "awsRegion": region, "sourceIPAddress": e.who.ip,
		"userAgent": "aws-cli/2.17.0", "requestParameters": e.params, "responseElements": nil, "requestID": e.id[:8] + "-req",
		"eventID": e.id, "readOnly": e.readOnly, "eventType": "AwsApiCall", "managementEvent": true,
		"recipientAccountId": account, "eventCategory": "Management"}
	raw, _ := json.Marshal(record)
	return lookupEvent{EventID: e.id, EventName: e.name, ReadOnly: fmt.Sprint(e.readOnly), AccessKeyID: e.who.keyID,
		EventTime: float64(e.at.Unix()), EventSource: "ec2.amazonaws.com", Username: e.who.name, Resources: e.resources,
		CloudTrailEvent: string(raw)}
}
