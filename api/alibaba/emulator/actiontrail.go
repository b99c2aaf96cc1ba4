package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ActionTrail's LookupEvents (API version 2020-07-06), RPC style on the
// same listener and signature as the VPC actions, as services/actiontrail
// sends it. The rules are the API reference's (ActionTrail API Reference,
// LookupEvents, api-actiontrail-2020-07-06-lookupevents; "How do I
// configure the LookupAttribute parameter"): one or two LookupAttribute
// items, matched exactly (more: the first two); MaxResults 0 to 50,
// default 20; StartTime and EndTime in ISO 8601 UTC, by default the last
// seven days; the last 90 days only; a NextToken "must be the same as
// those of the last request" in its other parameters; Direction BACKWARD
// (newest first, the default) or FORWARD.
//
// The history agrees with the world: every gateway and connection was
// created by the deployment role; a connection failing on a pre-shared key
// mismatch had its key changed by alice two minutes before the failure
// DiagnoseVpnConnections dates (failedAgo); vpnscope's own reads are there,
// eventRW Read, and are not changes.

// failedAgo is how long before the data clock DiagnoseVpnConnections says a
// failing connection failed (diagnose.go).
const failedAgo = 90 * time.Second

// trailEvent is one event, in ActionTrail's fields ("Fields in an event":
// eventId, eventName, eventRW, eventTime, userIdentity, sourceIpAddress,
// requestParameters, resourceName, resourceType, serviceName).
type trailEvent struct {
	id, name, rw  string
	at            time.Time
	user          trailUser
	resourceType  string
	resources     []string // resourceName: the ids, joined by ";" as the service writes them
	params        map[string]any
	acsRegion     string
	requestSource string
}

type trailUser struct{ kind, name, ip, key string }

var (
	aliAlice     = trailUser{"ram-user", "alice", "192.0.2.45", "LTAI5tAliceVpnscope01"}
	aliTerraform = trailUser{"assumed-role", "terraform-deployer:tf-deploy", "192.0.2.200", "STS.VpnscopeTerraform"}
	aliReader    = trailUser{"ram-user", "vpnscope-demo", "192.0.2.10", DemoAccessKeyID}
)

// aliAccount is the demo account's id, in every event.
const aliAccount = "1234567890123456"

// buildTrail is each region's events, newest first.
func buildTrail(now time.Time, world map[string]*regionData) map[string][]*trailEvent {
	rng := seeded("actiontrail")
	out := map[string][]*trailEvent{}
	for region, r := range world {
		add := func(e *trailEvent) {
			e.id = fmt.Sprintf("%08X-%04X-%04X-%04X-%012X", rng.Uint32(), rng.Uint32()&0xffff, rng.Uint32()&0xffff, rng.Uint32()&0xffff, rng.Uint64()&0xffffffffffff)
			e.acsRegion = region
			out[region] = append(out[region], e)
		}
		for _, g := range r.gateways {
			add(&trailEvent{name: "CreateVpnGateway", rw: "Write", at: time.UnixMilli(g.CreateTime), user: aliTerraform,
				resourceType: "ACS::VPC::VpnGateway", resources: []string{g.VpnGatewayId},
				params: map[string]any{"VpcId": g.VpcId, "Name": g.Name, "Bandwidth": g.Spec}})
			for _, c := range r.connections[g.VpnGatewayId] {
				addConnectionTrail(now, c, add)
			}
		}
		for _, c := range r.attached {
			addConnectionTrail(now, c, add)
		}
		slices.SortStableFunc(out[region], func(a, b *trailEvent) int { return b.at.Compare(a.at) })
	}
	return out
}

func addConnectionTrail(now time.Time, c *connection, add func(*trailEvent)) {
	res := []string{c.VpnConnectionId}
	if c.VpnGatewayId != "" {
		res = append(res, c.VpnGatewayId)
	}
	ike, _ := json.Marshal(map[string]any{"IkeVersion": c.IkeConfig.IkeVersion, "IkeMode": c.IkeConfig.IkeMode, "Psk": c.IkeConfig.Psk})
	add(&trailEvent{name: "CreateVpnConnection", rw: "Write", at: time.UnixMilli(c.CreateTime), user: aliTerraform,
		resourceType: "ACS::VPC::VpnConnection", resources: res,
		params: map[string]any{"VpnGatewayId": c.VpnGatewayId, "CustomerGatewayId": c.CustomerGatewayId, "Name": c.Name,
			"LocalSubnet": c.LocalSubnet, "RemoteSubnet": c.RemoteSubnet, "IkeConfig": string(ike)}})
	if c.failure != 0 && failureLogs[c.failure].code == "IkePskMismatch" {
		// The key changed on the cloud's side; the device kept the old one.
		params := map[string]any{"VpnConnectionId": c.VpnConnectionId, "ClientToken": "tf-" + c.VpnConnectionId[4:12]}
		if c.TunnelOptionsSpecification != nil {
			params["TunnelOptionsSpecification"] = []any{map[string]any{"TunnelIndex": 1, "TunnelIkeConfig": map[string]any{"Psk": c.IkeConfig.Psk}}}
		} else {
			k, _ := json.Marshal(map[string]any{"Psk": c.IkeConfig.Psk})
			params["IkeConfig"] = string(k)
		}
		add(&trailEvent{name: "ModifyVpnConnectionAttribute", rw: "Write", at: now.Add(-failedAgo - 2*time.Minute).Truncate(time.Second), user: aliAlice,
			resourceType: "ACS::VPC::VpnConnection", resources: res, params: params})
	}
	for ago := 30 * time.Minute; ago < 12*time.Hour; ago += 2 * time.Hour {
		add(&trailEvent{name: "DescribeVpnConnections", rw: "Read", at: now.Add(-ago), user: aliReader,
			resourceType: "ACS::VPC::VpnConnection", resources: []string{c.VpnConnectionId},
			params: map[string]any{"VpnConnectionId": c.VpnConnectionId}})
	}
}

// lookupKeys are the LookupAttribute keys the service takes.
var lookupKeys = map[string]bool{"ServiceName": true, "EventName": true, "User": true, "EventId": true, "ResourceType": true,
	"ResourceName": true, "EventRW": true, "EventAccessKeyId": true, "SensitiveAction": true, "SourceIpAddress": true,
	"EventType": true, "RoleName": true}

func (e *trailEvent) has(key, value string) bool {
	switch key {
	case "ServiceName":
		return value == "Vpc"
	case "EventName":
		return e.name == value
	case "User":
		return e.user.name == value
	case "EventId":
		return e.id == value
	case "ResourceType":
		return e.resourceType == value
	case "ResourceName":
		return slices.Contains(e.resources, value)
	case "EventRW":
		return e.rw == value
	case "EventAccessKeyId":
		return e.user.key == value
	case "SourceIpAddress":
		return e.user.ip == value
	case "EventType":
		return value == "ApiCall"
	case "RoleName":
		role, _, _ := strings.Cut(e.user.name, ":")
		return e.user.kind == "assumed-role" && role == value
	}
	return false // SensitiveAction: none of these is
}

func (e *trailEvent) record(region string) map[string]any {
	identity := map[string]any{"type": e.user.kind, "accountId": aliAccount, "principalId": "2" + aliAccount[1:] + strconv.Itoa(len(e.user.name)),
		"accessKeyId": e.user.key, "userName": e.user.name}
	if e.user.kind == "assumed-role" {
		identity["sessionContext"] = map[string]any{"attributes": map[string]any{"mfaAuthenticated": "false"}}
	}
	return map[string]any{"eventId": e.id, "eventName": e.name, "eventRW": e.rw, "eventTime": e.at.UTC().Format("2006-01-02T15:04:05Z"),
		"eventSource": "vpc." + region + ".aliyuncs.com", "serviceName": "Vpc", "eventType": "ApiCall", "eventVersion": "1",
		"apiVersion": "2016-04-28", "acsRegion": region, "sourceIpAddress": e.user.ip, "userAgent": "Terraform/1.9 aliyun-go-sdk",
		"userIdentity": identity, "requestParameters": e.params, "requestId": e.id[:8] + "-REQ",
		"resourceType": e.resourceType, "resourceName": strings.Join(e.resources, ";"), "isGlobal": false}
}

func (s *Server) lookupEvents(req *request) (any, *apiError) {
	p := req.params
	now := s.cfg.Now()
	from, to := now.Add(-7*24*time.Hour), now
	for name, t := range map[string]*time.Time{"StartTime": &from, "EndTime": &to} {
		if v := p.Get(name); v != "" {
			at, err := time.Parse("2006-01-02T15:04:05Z", v)
			if err != nil {
				return nil, errf(400, "InvalidParameter", "The parameter %s is not a time in ISO 8601 UTC (yyyy-MM-ddTHH:mm:ssZ).", name)
			}
			*t = at
		}
	}
	if from.After(to) {
		return nil, errf(400, "InvalidParameter", "The StartTime must be earlier than the EndTime.")
	}
	limit := 20
	if v := p.Get("MaxResults"); v != "" {
		n, ok := integerParam(v, 0, 50)
		if !ok {
			return nil, errf(400, "InvalidParameter", "The parameter MaxResults must be between 0 and 50.")
		}
		limit = cmpOr(n, 20)
	}
	direction := strings.ToUpper(p.Get("Direction"))
	if direction != "" && direction != "BACKWARD" && direction != "FORWARD" {
		return nil, illegal("Direction")
	}
	var attrs [][2]string
	for n := 1; len(attrs) < 2 && n <= 10; n++ {
		k, v := p.Get(fmt.Sprintf("LookupAttribute.%d.Key", n)), p.Get(fmt.Sprintf("LookupAttribute.%d.Value", n))
		if k == "" {
			continue
		}
		if !lookupKeys[k] {
			return nil, errf(400, "InvalidParameter", "The LookupAttribute key %q is not supported.", k)
		}
		attrs = append(attrs, [2]string{k, v})
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%v|%d|%d|%d|%s", req.region, attrs, from.Unix(), to.Unix(), limit, direction)
	query := strconv.FormatUint(h.Sum64(), 36)
	offset := 0
	if tok := p.Get("NextToken"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		q, n, ok := strings.Cut(string(raw), ":")
		off, perr := strconv.Atoi(n)
		if err != nil || !ok || q != query || perr != nil || off < 0 {
			return nil, errf(400, "InvalidParameter", "The NextToken is invalid: the other parameters must be those of the call that returned it.")
		}
		offset = off
	}
	var match []*trailEvent
	for _, e := range s.trail[req.region] {
		if e.at.Before(from) || e.at.After(to) || e.at.Before(now.Add(-90*24*time.Hour)) {
			continue
		}
		if !all(attrs, e.has) {
			continue
		}
		match = append(match, e)
	}
	if direction == "FORWARD" {
		slices.Reverse(match)
	}
	events := []any{}
	for i := offset; i < len(match) && len(events) < limit; i++ {
		events = append(events, match[i].record(req.region))
	}
	out := map[string]any{"Events": events, "StartTime": from.UTC().Format("2006-01-02T15:04:05Z"), "EndTime": to.UTC().Format("2006-01-02T15:04:05Z")}
	if offset+limit < len(match) {
		out["NextToken"] = base64.RawURLEncoding.EncodeToString([]byte(query + ":" + strconv.Itoa(offset+limit)))
	}
	return out, nil
}

func all(attrs [][2]string, has func(k, v string) bool) bool {
	for _, a := range attrs {
		if !has(a[0], a[1]) {
			return false
		}
	}
	return true
}

func cmpOr(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}
