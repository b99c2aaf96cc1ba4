package aws

// What v shows: one resource read again by id, as the AWS CLI prints it
// (the SDK's output item in JSON, the API's PascalCase field names in the
// order the SDK declares them, absent fields left out), secrets masked:
// every pre-shared key, and a VPN connection's
// CustomerGatewayConfiguration, whose XML holds both tunnels' keys.

// The kinds of resource Raw reads.
const (
	RawEndpoint      = "endpoint"       // a Client VPN endpoint
	RawConnection    = "connection"     // a client connection of an endpoint
	RawTargetNetwork = "target-network" // by association id
	RawRoute         = "route"          // by destination CIDR, and Subnet
	RawRule          = "rule"           // an authorization rule, by destination CIDR, and Group
	RawVPNConnection = "vpn-connection" // a Site-to-Site VPN connection
	RawGateway       = "gateway"        // a virtual private (vgw-) or transit (tgw-) gateway
)

// RawRef names one resource for Raw: its kind and id, and for an
// endpoint's parts the endpoint. A route and a rule have no id of their
// own: ID is their destination CIDR, Subnet a route's target subnet, Group
// a rule's group ("" for a rule for all users).
type RawRef struct {
	Kind, ID   string
	EndpointID string
	Subnet     string
	Group      string
}
