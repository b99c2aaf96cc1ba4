package emulator

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// DescribeSslVpnServers and CreateSslVpnServer. The create checks are the
// service's rules as its reference page states them, written here
// independently of the client-side validator so each can catch the other.

func (s *Server) describeSslVpnServers(req *request) (any, *apiError) {
	r := s.world[req.region]
	var list []*sslServer
	for _, v := range r.ssl {
		if match(req, "VpnGatewayId", v.VpnGatewayId) && match(req, "SslVpnServerId", v.SslVpnServerId) && match(req, "Name", v.Name) {
			list = append(list, v)
		}
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	page := make([]sslServer, 0, hi-lo)
	for _, v := range list[lo:hi] {
		c := *v
		c.Connections = len(r.clients[v.VpnGatewayId])
		page = append(page, c)
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list),
		"SslVpnServers": map[string]any{"SslVpnServer": page}}, nil
}

// tokenResult is what a ClientToken was first answered with.
type tokenResult struct {
	params string // the request's parameters, to detect reuse with others
	body   map[string]any
	err    *apiError
}

var createParams = []string{"VpnGatewayId", "Name", "ClientIpPool", "LocalSubnet", "Proto", "Cipher", "Port",
	"Compress", "EnableMultiFactorAuth", "IDaaSInstanceId", "IDaaSRegionId"}

func (s *Server) createSslVpnServer(req *request) (any, *apiError) {
	token := req.params.Get("ClientToken")
	var fingerprint strings.Builder
	for _, k := range createParams {
		fingerprint.WriteString(k + "=" + req.params.Get(k) + "&")
	}
	if token != "" {
		for _, c := range token {
			if c > 0x7e || c < 0x20 {
				return nil, errf(400, "InvalidClientToken.Malformed", "The specified parameter ClientToken is not valid.")
			}
		}
		key := req.region + "/" + token
		if prev, ok := s.tokens[key]; ok {
			if prev.params != fingerprint.String() {
				return nil, errf(400, "IdempotentParameterMismatch", "The request uses the same client token as a previous, but non-identical request.")
			}
			if prev.err != nil {
				return nil, prev.err
			}
			return cloneMap(prev.body), nil
		}
		body, err := s.createSslVpnServerOnce(req)
		if err == nil || err.Status < 500 {
			s.tokens[key] = tokenResult{params: fingerprint.String(), body: body, err: err}
		}
		if err != nil {
			return nil, err
		}
		return cloneMap(body), nil
	}
	body, err := s.createSslVpnServerOnce(req)
	if err != nil {
		return nil, err
	}
	return body, nil
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// knownIDaaS are the IDaaS instances (region/id) that exist in the demo
// account; two-factor authentication needs one of them.
var knownIDaaS = map[string]bool{
	"cn-hangzhou/" + DemoIDaaSInstanceID: true,
}

// DemoIDaaSInstanceID is an IDaaS instance that exists in cn-hangzhou.
const DemoIDaaSInstanceID = "idaas-cn-hangzhou-demo01"

var (
	forbiddenRanges = []netip.Prefix{
		netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("127.0.0.0/8"),
		netip.MustParsePrefix("169.254.0.0/16"), netip.MustParsePrefix("224.0.0.0/4"),
		netip.MustParsePrefix("255.0.0.0/8"),
	}
	reservedPorts = map[int]bool{22: true, 2222: true, 22222: true, 9000: true, 9001: true, 9002: true, 7505: true,
		80: true, 443: true, 53: true, 68: true, 123: true, 4510: true, 4560: true, 500: true, 4500: true}
)

func forbidden(p netip.Prefix) bool {
	for _, f := range forbiddenRanges {
		if f.Overlaps(p) {
			return true
		}
	}
	return false
}

func (s *Server) createSslVpnServerOnce(req *request) (map[string]any, *apiError) {
	r := s.world[req.region]
	p := req.params
	gwID := p.Get("VpnGatewayId")
	if gwID == "" {
		return nil, missing("VpnGatewayId")
	}
	g := r.gateway(gwID)
	if g == nil {
		return nil, gatewayNotFound(404)
	}
	if g.BusinessStatus == "FinancialLocked" {
		return nil, errf(400, "VpnGateway.FinancialLocked", "The specified service is financial locked.")
	}
	if st := s.gatewayStatus(g); st != "active" {
		return nil, errf(400, "VpnGateway.Configuring", "The specified service is configuring.")
	}
	if g.SslVpn != "enable" {
		return nil, errf(400, "VpnGateway.SslVpnDisabled", "The VPN gateway has not enabled SSL VPN.")
	}
	for _, v := range r.ssl {
		if v.VpnGatewayId == gwID {
			return nil, errf(400, "SslVpnServer.AlreadyExist", "The SSL VPN server of specified vpn gateway already exists.")
		}
	}
	name := p.Get("Name")
	if p.Has("Name") && (len([]rune(name)) < 1 || len([]rune(name)) > 100 ||
		strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://")) {
		return nil, errf(400, "InvalidName", "The name is not valid")
	}

	poolText := p.Get("ClientIpPool")
	if poolText == "" {
		return nil, missing("ClientIpPool")
	}
	pool, err := netip.ParsePrefix(poolText)
	if err != nil || !pool.Addr().Is4() {
		return nil, errf(400, "ClientIpPool.SubnetInvalid", "The specified client IP pool cannot be used.")
	}
	if pool.Bits() < 16 || pool.Bits() > 29 {
		return nil, errf(400, "ClientIpPool.NetmaskInvalid", "The netmask length of client IP pool must be greater than or equal to 16 and less than or equal to 29.")
	}
	if pool.Masked() != pool || forbidden(pool) {
		return nil, errf(400, "ClientIpPool.SubnetInvalid", "The specified client IP pool cannot be used.")
	}
	if size := 1 << (32 - pool.Bits()); size < 4*g.SslMaxConnections {
		return nil, errf(400, "ClientIpPool.SubnetInvalid", "The specified client IP pool cannot be used: it holds %d addresses, fewer than 4 per SSL connection (%d).", size, g.SslMaxConnections)
	}

	localText := p.Get("LocalSubnet")
	if localText == "" {
		return nil, missing("LocalSubnet")
	}
	var locals []netip.Prefix
	for _, part := range strings.Split(localText, ",") {
		lp, err := netip.ParsePrefix(strings.TrimSpace(part))
		if err != nil || !lp.Addr().Is4() || lp.Bits() < 8 || forbidden(lp) {
			return nil, errf(400, "IllegalParam.LocalSubnet", "The specified \"LocalSubnet\" (%s) is invalid.", part)
		}
		locals = append(locals, lp)
	}
	for _, lp := range locals {
		if lp.Overlaps(pool) {
			return nil, errf(400, "IpConflict", "Client IP pool conflict with local IP range.")
		}
	}
	for _, other := range r.ssl {
		og := r.gateway(other.VpnGatewayId)
		op, err := netip.ParsePrefix(other.ClientIpPool)
		if og != nil && og.VpcId == g.VpcId && err == nil && op.Overlaps(pool) {
			return nil, errf(400, "IpConflict", "Client IP pool conflict with other SSL VPN server in the same VPC.")
		}
	}

	proto := p.Get("Proto")
	switch proto {
	case "":
		proto = "TCP"
	case "TCP", "UDP":
	default:
		return nil, illegal("Proto")
	}
	cipher := p.Get("Cipher")
	switch cipher {
	case "":
		cipher = "AES-128-CBC"
	case "AES-128-CBC", "AES-192-CBC", "AES-256-CBC", "none":
	default:
		return nil, illegal("Cipher")
	}
	port := 1194
	if v := p.Get("Port"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 65535 {
			return nil, errf(400, "SslVpnServerPort.Illegal", "The server port is not in the range of [1-65535].")
		}
		if reservedPorts[n] {
			return nil, errf(400, "SslVpnServerPort.Illegal", "The server port %d is reserved and cannot be used.", n)
		}
		port = n
	}
	compress := p.Get("Compress") == "true"
	mfa := p.Get("EnableMultiFactorAuth") == "true"
	if mfa && p.Get("IDaaSInstanceId") == "" {
		return nil, errf(400, "MissingParameter.IDaaSInstanceId", "The input parameter IDaaSInstanceId is mandatory when enable multi-factor authentication.")
	}
	if mfa && p.Get("IDaaSRegionId") == "" {
		return nil, errf(400, "MissingParameter.IDaaSRegionId", "The input parameter IDaaSRegionId is mandatory when enable multi-factor authentication.")
	}
	if mfa && !knownIDaaS[p.Get("IDaaSRegionId")+"/"+p.Get("IDaaSInstanceId")] {
		return nil, errf(404, "InvalidIDaaSInstanceId.NotFound", "The specified IDaaS instance ID does not exist.")
	}

	s.serial++
	id := fmt.Sprintf("vss-%s%017d", strings.TrimPrefix(gwID, "vpn-")[:3], s.serial)
	if name == "" {
		name = id
	}
	r.ssl = append(r.ssl, &sslServer{
		SslVpnServerId: id, Name: name, VpnGatewayId: gwID, RegionId: req.region, InternetIp: g.InternetIp,
		LocalSubnet: localText, ClientIpPool: poolText, Cipher: cipher, Proto: proto, Port: port, Compress: compress,
		MaxConnections: g.SslMaxConnections, EnableMultiFactorAuth: mfa,
		IDaaSInstanceId: p.Get("IDaaSInstanceId"), IDaaSRegionId: p.Get("IDaaSRegionId"),
		CreateTime: s.cfg.Now().UnixMilli(),
	})
	// Asynchronous, as documented: the gateway is "updating" for a while.
	g.updatingUntil = wallNow().Add(s.cfg.UpdateDuration)
	return map[string]any{"SslVpnServerId": id, "Name": name}, nil
}

// RemoveSSLServer deletes a gateway's SSL server, with its clients, and
// ends any update in progress, as DeleteSslVpnServer would; tests use it
// to start over.
func (s *Server) RemoveSSLServer(region, gatewayID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.world[region]
	if r == nil {
		return
	}
	kept := r.ssl[:0]
	for _, v := range r.ssl {
		if v.VpnGatewayId != gatewayID {
			kept = append(kept, v)
		}
	}
	r.ssl = kept
	delete(r.clients, gatewayID) // its clients went with it
	if g := r.gateway(gatewayID); g != nil {
		g.updatingUntil = timeZero
	}
}
