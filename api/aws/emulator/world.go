package emulator

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// The seeded world: the same endpoints, connections and ids on every run
// for the same clock, so tests and golden screens are stable.

// Regions the world has; ap-southeast-2 is empty.
var regionNames = []string{"us-east-1", "eu-west-1", "ap-southeast-2"}

// BigEndpointConnections is how many connections the busiest endpoint
// lists: enough for paging to be real.
const BigEndpointConnections = 320

// connectionTime is how the service writes a connection's times: no zone.
const connectionTime = "2006-01-02 15:04:05"

type builder struct {
	rnd *rand.Rand
	now time.Time
}

func (b *builder) hex(n int) string {
	const digits = "0123456789abcdef"
	out := make([]byte, n)
	for i := range out {
		out[i] = digits[b.rnd.IntN(16)]
	}
	return string(out)
}

func (b *builder) id(prefix string) string { return prefix + "-" + b.hex(17) }

// buildWorld builds account n's endpoints: account 0's are the seed's of
// old, so no id of theirs changes; each further account has a seed of its own.
func buildWorld(now time.Time, n uint64) map[string][]*endpoint {
	b := &builder{rnd: rand.New(rand.NewPCG(2016+n, 1115)), now: now}
	return map[string][]*endpoint{
		"us-east-1": {
			b.endpoint("corp-vpn", "available", "10.200.0.0/16", "10.0.0.0/16", true, BigEndpointConnections, fullSetup),
			b.endpoint("contractors", "pending-associate", "10.210.0.0/22", "10.0.0.0/16", true, 0, noTargetNetwork),
			b.endpoint("lab", "available", "10.220.0.0/22", "172.31.0.0/16", true, 6, missingRule),
			b.endpoint("legacy-office", "available", "10.0.128.0/22", "10.0.0.0/16", false, 4, loggingOffOverlap),
			b.endpoint("old-partners", "deleting", "10.230.0.0/22", "10.0.0.0/16", true, 0, noTargetNetwork),
		},
		"eu-west-1": {
			b.endpoint("eu-staff", "available", "10.240.0.0/20", "10.16.0.0/16", true, 25, fullSetup),
			b.endpoint("eu-pilot", "pending", "10.250.0.0/22", "10.16.0.0/16", true, 0, noTargetNetwork),
		},
		"ap-southeast-2": nil,
	}
}

// setup is what an endpoint has around it: the troubleshooting cases.
type setup int

const (
	fullSetup         setup = iota
	noTargetNetwork         // pending-associate: clients cannot connect
	missingRule             // a route to a network no rule authorizes
	loggingOffOverlap       // logging off, and the client CIDR overlaps the VPC
)

func (b *builder) endpoint(name, state, clientCidr, vpcCidr string, logging bool, conns int, kind setup) *endpoint {
	e := &endpoint{
		ID: b.id("cvpn-endpoint"), Description: name + " remote access", Status: status{Code: state},
		CreationTime:    b.now.Add(-time.Duration(400+b.rnd.IntN(4000)) * time.Hour).UTC().Format("2006-01-02T15:04:05"),
		ClientCidrBlock: clientCidr, SplitTunnel: kind != loggingOffOverlap, VpnProtocol: "openvpn",
		TransportProtocol: []string{"udp", "tcp"}[b.rnd.IntN(2)], VpnPort: 443, VpcID: b.id("vpc"),
		ServerCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/" + b.hex(8) + "-" + b.hex(4),
		Authentication:       []authOption{{Type: "certificate-authentication"}},
		Logging:              logOptions{Enabled: logging},
		Tags:                 []tag{{Key: "Name", Value: name}, {Key: "team", Value: "netops"}},
		SecurityGroupIDs:     []string{b.id("sg")}, SessionTimeoutHours: 24, vpcCidr: vpcCidr,
	}
	e.DNSName = "*." + e.ID + ".prod.clientvpn.us-east-1.amazonaws.com"
	e.Authentication[0].Mutual = &struct {
		ClientRootCertificateChain string `xml:"clientRootCertificateChain"`
	}{ClientRootCertificateChain: "arn:aws:acm:us-east-1:123456789012:certificate/" + b.hex(8)}
	if name == "eu-staff" {
		e.Authentication = append(e.Authentication, authOption{Type: "federated-authentication", Federated: &struct {
			SAMLProviderArn string `xml:"samlProviderArn"`
		}{SAMLProviderArn: "arn:aws:iam::123456789012:saml-provider/okta"}})
	}
	if logging {
		e.Logging.LogGroup = "/clientvpn/" + name
	}
	if state == "deleting" {
		e.Status.Message = "Deleting the endpoint: it no longer accepts clients"
	}
	if kind != noTargetNetwork {
		for range 2 {
			subnet := b.id("subnet")
			e.networks = append(e.networks, targetNetwork{AssociationID: b.id("cvpn-assoc"), VpcID: e.VpcID, SubnetID: subnet,
				EndpointID: e.ID, Status: status{Code: "associated"}, SecurityGroups: e.SecurityGroupIDs})
			e.routes = append(e.routes, route{EndpointID: e.ID, DestinationCidr: vpcCidr, TargetSubnet: subnet,
				Type: "Nat", Origin: "associate", Status: status{Code: "active"}})
		}
		e.rules = append(e.rules, authorizationRule{EndpointID: e.ID, Description: "everyone to the VPC",
			AccessAll: true, DestinationCidr: vpcCidr, Status: status{Code: "active"}})
	}
	if kind == missingRule {
		// On-premises networks routed through the VPC, but no rule lets
		// anyone reach them.
		e.routes = append(e.routes, route{EndpointID: e.ID, DestinationCidr: "192.168.0.0/16", TargetSubnet: e.networks[0].SubnetID,
			Type: "Nat", Origin: "add-route", Status: status{Code: "active"}, Description: "on-premises via TGW"})
		e.routes = append(e.routes, route{EndpointID: e.ID, DestinationCidr: "0.0.0.0/0", TargetSubnet: e.networks[1].SubnetID,
			Type: "Nat", Origin: "add-route", Status: status{Code: "failed", Message: "The route could not be created: the subnet has no internet gateway"}})
	}
	for i := range conns {
		c := b.connection(e, i)
		if kind == loggingOffOverlap {
			c.goesNowhere(b.now, i)
		}
		e.add(c)
		if c.Status.Code == "terminated" {
			e.ended = append(e.ended, c)
		}
	}
	if name == "eu-staff" {
		// Everyone to anywhere, and the finance subnet to its group: the
		// 0.0.0.0/0 rule is evaluated last, so only finance-admins reach
		// that subnet (troubleshooting.html, AD group rules).
		e.rules = append(e.rules,
			authorizationRule{EndpointID: e.ID, Description: "everyone to the internet", AccessAll: true, DestinationCidr: "0.0.0.0/0",
				Status: status{Code: "active"}},
			authorizationRule{EndpointID: e.ID, Description: "finance servers", GroupID: "finance-admins", DestinationCidr: "10.16.8.0/24",
				Status: status{Code: "active"}})
		// A session its authorization policy ended: the periodic
		// re-evaluation said deny (connection-logging.html's example).
		for _, c := range e.ended {
			if c.Status.Message == "Connection ended by the client" {
				c.policyReset, c.Status.Message = true, ""
				break
			}
		}
	}
	slices.SortStableFunc(e.ended, func(x, y *connection) int { return x.endedAt.Compare(y.endedAt) })
	e.crlExpires = crlExpiry(b.now, name)
	return e
}

// goesNowhere makes c attempt i at an endpoint that blocks every client
// (its client CIDR overlaps the VPC's, which CreateClientVpnEndpoint says
// the range must not): ended seconds after it began, nothing sent either
// way, within the hour the service lists ended connections. Drawn as any
// other first, so every seeded value after it stays what it was.
func (c *connection) goesNowhere(now time.Time, i int) {
	started := now.Add(-time.Duration(4+11*i) * time.Minute)
	c.EstablishedTime = started.UTC().Format(connectionTime)
	c.Status = status{Code: "terminated"}
	c.IngressBytes, c.EgressBytes, c.IngressPackets, c.EgressPackets = "0", "0", "0", "0"
	c.endedAt = started.Add(2 * time.Second)
	c.EndTime = c.endedAt.UTC().Format(connectionTime)
}

// connection i of an endpoint: most active, about a third terminated in
// the last hour, one in twelve a failed attempt.
func (b *builder) connection(e *endpoint, i int) *connection {
	started := b.now.Add(-time.Duration(5+b.rnd.IntN(600)) * time.Minute)
	user := fmt.Sprintf("user%03d", i+1)
	c := &connection{
		EndpointID: e.ID, Timestamp: b.now.UTC().Format(connectionTime), ID: b.id("cvpn-connection"),
		Username: user, EstablishedTime: started.UTC().Format(connectionTime),
		ClientIP: e.nextClientIP(), CommonName: user + ".corp.example.com", Status: status{Code: "active"}, EndTime: "-",
	}
	// Four draws once made a (public, wrong) client address; they are still
	// drawn so every other seeded value stays as it was.
	for _, n := range []int{223, 256, 256, 254} {
		b.rnd.IntN(n)
	}
	bytes := b.rnd.IntN(2_000_000_000)
	c.IngressBytes, c.EgressBytes = strconv.Itoa(bytes/3), strconv.Itoa(bytes)
	c.IngressPackets, c.EgressPackets = strconv.Itoa(bytes/3/900), strconv.Itoa(bytes/900)
	switch {
	case i%12 == 11:
		// A connection attempt that failed: the service lists it as
		// terminated, with why, for an hour.
		started = b.now.Add(-time.Duration(1+i%55) * time.Minute)
		c.EstablishedTime = started.UTC().Format(connectionTime)
		c.Status = status{Code: "terminated", Message: "Client authentication failed: the certificate chain could not be verified"}
		c.IngressBytes, c.EgressBytes, c.IngressPackets, c.EgressPackets = "0", "0", "0", "0"
		c.endedAt = started.Add(2 * time.Second)
		c.EndTime = c.endedAt.UTC().Format(connectionTime)
	case i == 7:
		c.Status = status{Code: "failed-to-terminate", Message: "The connection could not be terminated"}
	case i%3 == 2:
		ended := b.now.Add(-time.Duration(1+b.rnd.IntN(59)) * time.Minute)
		if ended.Before(started) {
			ended = started.Add(time.Minute)
		}
		c.Status = status{Code: "terminated", Message: "Connection ended by the client"}
		c.EndTime, c.endedAt = ended.UTC().Format(connectionTime), ended
	}
	return c
}
