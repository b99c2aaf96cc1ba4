// Package aws is vpnscope's second provider, in domain types: AWS
// Site-to-Site VPN (virtual private and transit gateways, VPN connections,
// their two tunnels and customer gateways) and Client VPN (endpoints, their
// client connections, target networks, routes and authorization rules),
// with their logs in CloudWatch Logs; the verdicts, the problems scan, and
// the Client the panes ask them of. What every provider shares (pages and
// cursors, errors, retries) is in package api; the client on aws-sdk-go-v2's
// EC2 and CloudWatch Logs is in ec2client, where the SDK's types stop; the
// emulator of both APIs is in emulator/.
package aws

import (
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// Endpoint is a Client VPN endpoint.
type Endpoint struct {
	ID                  string
	Name                string // the Name tag
	Description         string
	Status              string // pending-associate, available, deleting, deleted (and pending)
	StatusMessage       string
	ClientCIDR          string
	Transport           string // udp, tcp
	Port                int
	SplitTunnel         bool
	VpcID               string
	DNSName             string
	AuthTypes           []string // certificate-authentication, directory-service-authentication, federated-authentication
	LoggingEnabled      bool
	LogGroup            string
	SecurityGroups      []string
	SessionTimeoutHours int
	Created             time.Time
	Tags                []api.Tag
}

// Connection is a client connection, active or ended in the last hour.
type Connection struct {
	ID             string
	EndpointID     string
	Username       string
	CommonName     string
	ClientIP       string
	Status         string // active, failed-to-terminate, terminating, terminated
	StatusMessage  string
	Established    time.Time
	Ended          time.Time // zero while active
	IngressBytes   int64
	EgressBytes    int64
	IngressPackets int64
	EgressPackets  int64
	Posture        []string // posture compliance statuses
}

// TargetNetwork is a subnet associated with an endpoint.
type TargetNetwork struct {
	AssociationID  string
	SubnetID       string
	VpcID          string
	Status         string // associating, associated, association-failed, disassociating, disassociated
	StatusMessage  string
	SecurityGroups []string
}

// Route is a route of an endpoint's route table.
type Route struct {
	Destination   string
	TargetSubnet  string
	Type          string // Nat, local
	Origin        string // associate, add-route
	Status        string // creating, active, failed, deleting
	StatusMessage string
	Description   string
}

// AuthorizationRule lets all users, or one group, reach a network.
type AuthorizationRule struct {
	Destination   string
	GroupID       string
	AccessAll     bool
	Status        string // authorizing, active, failed, revoking
	StatusMessage string
	Description   string
}

// Termination is what TerminateClientVpnConnections did to one connection.
type Termination struct {
	ConnectionID string
	Previous     string
	Current      string
}
