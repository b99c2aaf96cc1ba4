package alibaba

import (
	"fmt"
	"math/bits"
	"net/netip"
	"regexp"
	"strings"
)

// The rules of CreateSslVpnServer, as its reference page states them,
// checked before anything is sent. The console reports most of these only
// after submission; checking them as the user types makes a failed
// submission rare. The emulator checks the same rules with its own code, so
// each implementation can catch the other's mistakes.

// Fields of an SSL server spec, as Problem.Field names them. They are the
// API's parameter names, so a server-side error maps onto them too.
const (
	FieldGateway      = "VpnGatewayId"
	FieldName         = "Name"
	FieldClientIPPool = "ClientIpPool"
	FieldLocalSubnet  = "LocalSubnet"
	FieldProto        = "Proto"
	FieldCipher       = "Cipher"
	FieldPort         = "Port"
	FieldIDaaSID      = "IDaaSInstanceId"
	FieldIDaaSRegion  = "IDaaSRegionId"
	FieldCompress     = "Compress"
	FieldMFA          = "EnableMultiFactorAuth"
)

// createErrorFields says which field a CreateSslVpnServer error code
// concerns, so a refusal can be shown where the value was typed. Codes not
// listed concern the gateway itself.
var createErrorFields = map[string]string{
	"IpConflict":                  FieldClientIPPool,
	"VpnRouteEntry.Conflict":      FieldClientIPPool,
	"QuotaExceeded.VpnRouteEntry": FieldClientIPPool,
	"SslVpnServer.AddRouteError":  FieldClientIPPool,
	"SslVpnServerPort.Illegal":    FieldPort,
	"IllegalParam.LocalSubnet":    FieldLocalSubnet,
	"InvalidName":                 FieldName,
	"IllegalParam.Proto":          FieldProto,
	"IllegalParam.Cipher":         FieldCipher,

	"MissingParameter.IDaaSInstanceId":               FieldIDaaSID,
	"InvalidIDaaSInstanceId.NotFound":                FieldIDaaSID,
	"OperationFailed.NoRamPermission":                FieldIDaaSID,
	"OperationUnsupported.NotSupportMultiFactorAuth": FieldIDaaSID,
	"MissingParameter.IDaaSRegionId":                 FieldIDaaSRegion,
}

// FieldOfCreateError returns the field a CreateSslVpnServer error code
// concerns, FieldGateway when it concerns the gateway.
func FieldOfCreateError(code string) string {
	if f, ok := createErrorFields[code]; ok {
		return f
	}
	for _, prefix := range []string{"ClientIpPool.", "EnableHaCheck."} {
		if strings.HasPrefix(code, prefix) {
			return FieldClientIPPool
		}
	}
	return FieldGateway
}

// Severity says whether a problem stops submission.
type Severity int

const (
	Blocker Severity = iota // the service would refuse the request
	Warning                 // allowed, but probably not what the user wants
)

// Problem is one broken rule.
type Problem struct {
	Field    string
	Severity Severity
	Message  string // a sentence a person understands
	Fix      string // a value that satisfies the rule, when there is one
}

// Problems is the result of a validation.
type Problems []Problem

// Blocking reports whether any problem stops submission.
func (ps Problems) Blocking() bool {
	for _, p := range ps {
		if p.Severity == Blocker {
			return true
		}
	}
	return false
}

// For returns the problems of one field, blockers first.
func (ps Problems) For(field string) Problems {
	var out Problems
	for _, sev := range []Severity{Blocker, Warning} {
		for _, p := range ps {
			if p.Field == field && p.Severity == sev {
				out = append(out, p)
			}
		}
	}
	return out
}

// GatewayFacts is what the validator needs to know about the target
// gateway.
type GatewayFacts struct {
	SSLEnabled        bool
	SSLServerID       string // the gateway's existing SSL server, if any
	Status            string
	BusinessStatus    string
	SSLMaxConnections int
	// Regions are the account's region ids (DescribeRegions), which an
	// IDaaS region must be one of; nil while not known.
	Regions []string
}

// FactsOf reads the facts from a gateway and its SSL server (nil if none).
func FactsOf(g Gateway, server *SSLServer) GatewayFacts {
	f := GatewayFacts{SSLEnabled: g.SSLEnabled, Status: g.Status, BusinessStatus: g.BusinessStatus,
		SSLMaxConnections: g.SSLMaxConnections}
	if server != nil {
		f.SSLServerID = server.ID
	}
	return f
}

// The CIDR blocks that can be neither a client pool nor a local subnet.
var unusableRanges = []struct {
	prefix netip.Prefix
	what   string
}{
	{netip.MustParsePrefix("100.64.0.0/10"), "100.64.0.0/10 (carrier-grade NAT, used by Alibaba Cloud services)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "127.0.0.0/8 (loopback)"},
	{netip.MustParsePrefix("169.254.0.0/16"), "169.254.0.0/16 (link-local)"},
	{netip.MustParsePrefix("224.0.0.0/4"), "224.0.0.0/4 (multicast)"},
	{netip.MustParsePrefix("255.0.0.0/8"), "255.0.0.0/8 (reserved)"},
}

var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16"),
}

// ReservedSSLPorts are the ports an SSL server cannot listen on.
var ReservedSSLPorts = []int{22, 2222, 22222, 9000, 9001, 9002, 7505, 80, 443, 53, 68, 123, 4510, 4560, 500, 4500}

// Ciphers are the accepted Cipher values; the first is the default.
var Ciphers = []string{"AES-128-CBC", "AES-192-CBC", "AES-256-CBC", "none"}

// Protos are the accepted Proto values; the first is the default.
var Protos = []string{"TCP", "UDP"}

// DefaultSSLPort is the port used when none is given.
const DefaultSSLPort = 1194

// RecommendedPoolMask is the longest mask whose block holds at least four
// addresses per SSL connection (each client takes a /30), within the
// allowed 16..29. It returns 0 when even a /16 is too small.
func RecommendedPoolMask(maxConnections int) int {
	need := 4 * max(maxConnections, 1)
	hostBits := bits.Len(uint(need - 1)) // smallest n with 2^n >= need
	mask := min(32-hostBits, 29)
	if mask < 16 {
		return 0
	}
	return mask
}

// Normalized is the spec as it is sent: CIDR blocks and IDaaS values
// without surrounding spaces, empty local subnets dropped. The validator
// checks, and CreateSSLServer sends, exactly this.
func (s SSLServerSpec) Normalized() SSLServerSpec {
	s.ClientIPPool = strings.TrimSpace(s.ClientIPPool)
	locals := make([]string, 0, len(s.LocalSubnets))
	for _, l := range s.LocalSubnets {
		if l = strings.TrimSpace(l); l != "" {
			locals = append(locals, l)
		}
	}
	s.LocalSubnets = locals
	s.IDaaSInstanceID = strings.TrimSpace(s.IDaaSInstanceID)
	s.IDaaSRegionID = strings.TrimSpace(s.IDaaSRegionID)
	return s
}

// ValidateSSLServer checks a spec, as Normalized sends it, against every
// documented rule and the gateway's state. It never panics.
func ValidateSSLServer(s SSLServerSpec, gw GatewayFacts) Problems {
	s = s.Normalized()
	var ps Problems
	add := func(field string, sev Severity, fix, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Severity: sev, Message: fmt.Sprintf(format, args...), Fix: fix})
	}

	// The gateway.
	switch {
	case gw.BusinessStatus == "FinancialLocked":
		add(FieldGateway, Blocker, "", "The gateway is locked for an overdue payment: top up the account first.")
	case !gw.SSLEnabled:
		add(FieldGateway, Blocker, "", "SSL-VPN is off on this gateway: enable it on the gateway first.")
	case gw.SSLServerID != "":
		add(FieldGateway, Blocker, "", "This gateway already has an SSL server (%s); a gateway can have only one.", gw.SSLServerID)
	case gw.Status != "" && gw.Status != "active":
		add(FieldGateway, Blocker, "", "The gateway is %s: wait until it is active.", gw.Status)
	}

	// Name: optional, 1..100 characters, no URL scheme.
	if n := len([]rune(s.Name)); n > 100 {
		add(FieldName, Blocker, "", "The name is %d characters long; at most 100 are allowed.", n)
	}
	for _, scheme := range []string{"http://", "https://"} {
		if strings.HasPrefix(s.Name, scheme) {
			add(FieldName, Blocker, strings.TrimPrefix(s.Name, scheme), "The name cannot start with %s.", scheme)
		}
	}

	// Local subnets.
	var locals []netip.Prefix
	if len(s.LocalSubnets) == 0 {
		add(FieldLocalSubnet, Blocker, "", "Enter at least one local CIDR block: the networks clients may reach, e.g. 10.0.0.0/8.")
	}
	// The fix for host bits or a repeat is the whole list, each block its
	// network and once: the field holds the list, not one block.
	seen := map[netip.Prefix]bool{}
	var tidy []string
	for _, text := range s.LocalSubnets {
		if p, err := parseIPv4Prefix(text); err != nil {
			tidy = append(tidy, text)
		} else if !seen[p.Masked()] {
			seen[p.Masked()] = true
			tidy = append(tidy, p.Masked().String())
		}
	}
	fix := strings.Join(tidy, ",")
	clear(seen)
	for _, text := range s.LocalSubnets {
		p, err := parseIPv4Prefix(text)
		switch {
		case err != nil:
			add(FieldLocalSubnet, Blocker, "", "%q is not a CIDR block like 10.0.0.0/8.", text)
			continue
		case p.Bits() < 8:
			add(FieldLocalSubnet, Blocker, "", "%s: the mask must be 8 to 32 bits long.", text)
		case unusable(p) != "":
			add(FieldLocalSubnet, Blocker, "", "%s overlaps %s, which cannot be a local CIDR block.", text, unusable(p))
		}
		if p.Masked() != p {
			add(FieldLocalSubnet, Warning, fix, "%s has host bits set; the network is %s.", text, p.Masked())
		}
		// The reference page sets no rule against a repeat and the service
		// takes it, so it is a warning, not a refusal.
		if seen[p.Masked()] {
			add(FieldLocalSubnet, Warning, fix, "%s is listed twice; once is enough.", p.Masked())
		}
		seen[p.Masked()] = true
		locals = append(locals, p.Masked())
	}

	// Client IP pool.
	rec := RecommendedPoolMask(gw.SSLMaxConnections)
	pool, err := parseIPv4Prefix(s.ClientIPPool)
	switch {
	case strings.TrimSpace(s.ClientIPPool) == "":
		add(FieldClientIPPool, Blocker, suggestPool(rec, locals), "Enter the client CIDR block: the addresses given to connected clients.")
	case err != nil:
		add(FieldClientIPPool, Blocker, suggestPool(rec, locals), "%q is not a CIDR block like 192.168.0.0/24.", s.ClientIPPool)
	case pool.Bits() < 16 || pool.Bits() > 29:
		fix := ""
		if rec > 0 {
			fix = netip.PrefixFrom(pool.Addr(), max(rec, 16)).Masked().String()
		}
		add(FieldClientIPPool, Blocker, fix, "The mask must be 16 to 29 bits long, not %d.", pool.Bits())
	case unusable(pool) != "":
		add(FieldClientIPPool, Blocker, suggestPool(rec, locals), "%s overlaps %s, which cannot be a client pool.", pool, unusable(pool))
	case pool.Masked() != pool:
		add(FieldClientIPPool, Blocker, pool.Masked().String(), "%s has host bits set: the block starts at %s.", pool, pool.Masked().Addr())
	}
	if err == nil && pool.Bits() >= 16 && pool.Bits() <= 29 {
		size := 1 << (32 - pool.Bits())
		if need := 4 * gw.SSLMaxConnections; size < need {
			fix := ""
			if rec > 0 {
				fix = netip.PrefixFrom(pool.Addr(), rec).Masked().String()
			}
			add(FieldClientIPPool, Blocker, fix,
				"A /%d holds %d addresses, but the gateway allows %d SSL connections and each takes 4: use a /%d or larger.",
				pool.Bits(), size, gw.SSLMaxConnections, rec)
		}
		for _, l := range locals {
			if l.Overlaps(pool.Masked()) {
				add(FieldClientIPPool, Blocker, suggestPool(rec, locals), "%s overlaps the local CIDR block %s.", pool.Masked(), l)
			}
		}
		if !isPrivate(pool) && unusable(pool) == "" {
			add(FieldClientIPPool, Warning, "", "%s is a public range: it must also be a user CIDR block of the VPC, or the VPC cannot reach clients.", pool.Masked())
		}
	}

	// Protocol, cipher, port.
	if s.Proto != "" && !contains(Protos, s.Proto) {
		add(FieldProto, Blocker, Protos[0], "The protocol must be TCP or UDP.")
	}
	if s.Cipher != "" && !contains(Ciphers, s.Cipher) {
		add(FieldCipher, Blocker, Ciphers[0], "The cipher must be one of %s.", strings.Join(Ciphers, ", "))
	}
	switch {
	case s.Port < 0 || s.Port > 65535:
		add(FieldPort, Blocker, fmt.Sprint(DefaultSSLPort), "The port must be 1 to 65535.")
	case containsInt(ReservedSSLPorts, s.Port):
		add(FieldPort, Blocker, fmt.Sprint(DefaultSSLPort), "Port %d is reserved on the gateway; reserved: %s.", s.Port, intList(ReservedSSLPorts))
	}

	// Two-factor authentication.
	if s.MFA {
		for _, p := range idaasProblems(s.IDaaSInstanceID, s.IDaaSRegionID, gw.Regions) {
			add(p.Field, Blocker, p.Fix, "%s", p.Message)
		}
	}
	return ps
}

// The IDaaS instance and its region, by the forms CreateSslVpnServer's
// reference page gives them (VPC API, CreateSslVpnServer):
//   - IDaaSInstanceId, example "idaas-cn-hangzhou-p****", and "Two-factor
//     authentication supports only earlier versions of IDaaS instances":
//     those ids are idaas-, the instance's region, a hyphen and the
//     instance's own letters and digits. A new-version (EIAM 2.0) id is
//     idaas_ and letters (IDaaS API, ListEiamInstances: example
//     "idaas_ue2jvisn35ea5lmthk267xxxxx"), which two-factor cannot use.
//   - IDaaSRegionId, "the ID of the region where the IDaaS instance is
//     created", example "cn-hangzhou": a region id, which DescribeRegions
//     lists ("You can call the DescribeRegions operation to query the most
//     recent region list", on RegionId); an earlier-version instance's id
//     names that region.
var (
	idaasIDForm = regexp.MustCompile(`^idaas-([a-z]+(?:-[a-z0-9]+)+)-([A-Za-z0-9]+)$`)
	regionForm  = regexp.MustCompile(`^[a-z]+(?:-[a-z0-9]+)+$`)
)

// idaasProblems are the blockers of an IDaaS instance id and region;
// regions are the account's region ids, nil when not known.
func idaasProblems(id, region string, regions []string) Problems {
	var ps Problems
	add := func(field, fix, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Severity: Blocker, Message: fmt.Sprintf(format, args...), Fix: fix})
	}
	idRegion := ""
	switch m := idaasIDForm.FindStringSubmatch(id); {
	case id == "":
		add(FieldIDaaSID, "", "Two-factor authentication needs the IDaaS instance id (idaas-…).")
	case strings.HasPrefix(id, "idaas_"):
		add(FieldIDaaSID, "", "%s is a new-version IDaaS (EIAM 2.0) instance; two-factor authentication takes only an earlier-version one, whose id is like idaas-cn-hangzhou-p1a2b3.", id)
	case m == nil:
		add(FieldIDaaSID, "", "%q is not an IDaaS instance id: it is idaas-, the instance's region and its code, like idaas-cn-hangzhou-p1a2b3.", id)
	default:
		idRegion = m[1]
	}
	switch {
	case region == "":
		add(FieldIDaaSRegion, idRegion, "Two-factor authentication needs the IDaaS instance's region, e.g. cn-hangzhou.")
	case !regionForm.MatchString(region):
		add(FieldIDaaSRegion, idRegion, "%q is not a region id like cn-hangzhou.", region)
	case regions != nil && !contains(regions, region):
		listed := strings.Join(regions, ", ")
		if len(regions) > 6 {
			listed = fmt.Sprintf("%d others, such as %s", len(regions), strings.Join(regions[:3], ", "))
		}
		add(FieldIDaaSRegion, pick(contains(regions, idRegion), idRegion), "%s is not a region of Alibaba Cloud (DescribeRegions lists %s).", region, listed)
	case idRegion != "" && idRegion != region:
		add(FieldIDaaSRegion, idRegion, "The instance %s is in %s (its id says so), not %s.", id, idRegion, region)
	}
	return ps
}

// pick is s when ok, else "".
func pick(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// parseIPv4Prefix reads "a.b.c.d/n" strictly: no spaces inside, IPv4 only.
func parseIPv4Prefix(text string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(strings.TrimSpace(text))
	if err != nil {
		return p, err
	}
	if !p.Addr().Is4() {
		return p, fmt.Errorf("not IPv4")
	}
	return p, nil
}

func unusable(p netip.Prefix) string {
	for _, u := range unusableRanges {
		if u.prefix.Overlaps(p) {
			return u.what
		}
	}
	return ""
}

func isPrivate(p netip.Prefix) bool {
	for _, r := range privateRanges {
		if r.Contains(p.Masked().Addr()) && r.Bits() <= p.Bits() {
			return true
		}
	}
	return false
}

// SuggestPool is a client pool of the recommended size that overlaps none
// of the local subnets: what the wizard pre-fills.
func SuggestPool(maxConnections int, localSubnets []string) string {
	var locals []netip.Prefix
	for _, t := range localSubnets {
		if p, err := parseIPv4Prefix(t); err == nil {
			locals = append(locals, p.Masked())
		}
	}
	return suggestPool(RecommendedPoolMask(maxConnections), locals)
}

func suggestPool(mask int, locals []netip.Prefix) string {
	if mask == 0 {
		return ""
	}
	for _, base := range []string{"172.31.0.0", "192.168.240.0", "10.250.0.0", "172.30.0.0", "192.168.200.0"} {
		p := netip.PrefixFrom(netip.MustParseAddr(base), mask).Masked()
		free := true
		for _, l := range locals {
			free = free && !l.Overlaps(p)
		}
		if free {
			return p.String()
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

func intList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}
