package emulator

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// The Client VPN actions. Every Describe pages with MaxResults (5–1000)
// and NextToken, as the service does.

type endpointsOut struct {
	XMLName   xml.Name    `xml:"body"`
	Endpoints []*endpoint `xml:"clientVpnEndpoint>item"`
	NextToken string      `xml:"nextToken,omitempty"`
}

func (s *Server) describeEndpoints(req *request) (any, *apiError) {
	var list []*endpoint
	ids := req.list("ClientVpnEndpointId")
	for _, e := range s.world[req.region] {
		if len(ids) == 0 || contains(ids, e.ID) {
			list = append(list, e)
		}
	}
	for _, id := range ids {
		if !containsFunc(list, func(e *endpoint) bool { return e.ID == id }) {
			return nil, endpointNotFound(id)
		}
	}
	lo, hi, next, err := window(req, len(list))
	if err != nil {
		return nil, err
	}
	return endpointsOut{Endpoints: list[lo:hi], NextToken: next}, nil
}

type connectionsOut struct {
	XMLName     xml.Name     `xml:"body"`
	Connections []connection `xml:"connections>item"` // copies: churn changes the originals
	NextToken   string       `xml:"nextToken,omitempty"`
}

func (s *Server) describeConnections(req *request) (any, *apiError) {
	e, err := s.endpointOf(req)
	if err != nil {
		return nil, err
	}
	s.settleTerminations()
	e.expire(s.cfg.Now())
	filters, err := req.filters("connection-id", "username")
	if err != nil {
		return nil, err
	}
	var list []*connection
	for _, c := range e.connections {
		if matches(filters["connection-id"], c.ID) && matches(filters["username"], c.Username) {
			list = append(list, c)
		}
	}
	page, next, err := pageAfter(req, list)
	if err != nil {
		return nil, err
	}
	out := connectionsOut{Connections: make([]connection, len(page)), NextToken: next}
	for i, c := range page {
		out.Connections[i] = *c
	}
	return out, nil
}

type targetNetworksOut struct {
	XMLName   xml.Name        `xml:"body"`
	Networks  []targetNetwork `xml:"clientVpnTargetNetworks>item"`
	NextToken string          `xml:"nextToken,omitempty"`
}

func (s *Server) describeTargetNetworks(req *request) (any, *apiError) {
	e, err := s.endpointOf(req)
	if err != nil {
		return nil, err
	}
	f, err := req.filters("association-id", "target-network-id", "vpc-id")
	if err != nil {
		return nil, err
	}
	ids := req.list("AssociationIds")
	var list []targetNetwork
	for _, n := range e.networks {
		if (len(ids) == 0 || contains(ids, n.AssociationID)) && matches(f["association-id"], n.AssociationID) &&
			matches(f["target-network-id"], n.SubnetID) && matches(f["vpc-id"], n.VpcID) {
			list = append(list, n)
		}
	}
	lo, hi, next, err := window(req, len(list))
	if err != nil {
		return nil, err
	}
	return targetNetworksOut{Networks: list[lo:hi], NextToken: next}, nil
}

type routesOut struct {
	XMLName   xml.Name `xml:"body"`
	Routes    []route  `xml:"routes>item"`
	NextToken string   `xml:"nextToken,omitempty"`
}

func (s *Server) describeRoutes(req *request) (any, *apiError) {
	e, err := s.endpointOf(req)
	if err != nil {
		return nil, err
	}
	f, err := req.filters("destination-cidr", "target-subnet", "origin")
	if err != nil {
		return nil, err
	}
	var list []route
	for _, r := range e.routes {
		if matches(f["destination-cidr"], r.DestinationCidr) && matches(f["target-subnet"], r.TargetSubnet) &&
			matches(f["origin"], r.Origin) {
			list = append(list, r)
		}
	}
	lo, hi, next, err := window(req, len(list))
	if err != nil {
		return nil, err
	}
	return routesOut{Routes: list[lo:hi], NextToken: next}, nil
}

type rulesOut struct {
	XMLName   xml.Name            `xml:"body"`
	Rules     []authorizationRule `xml:"authorizationRule>item"`
	NextToken string              `xml:"nextToken,omitempty"`
}

func (s *Server) describeAuthorizationRules(req *request) (any, *apiError) {
	e, err := s.endpointOf(req)
	if err != nil {
		return nil, err
	}
	f, err := req.filters("destination-cidr", "group-id", "description")
	if err != nil {
		return nil, err
	}
	var list []authorizationRule
	for _, r := range e.rules {
		if matches(f["destination-cidr"], r.DestinationCidr) && matches(f["group-id"], r.GroupID) &&
			matches(f["description"], r.Description) {
			list = append(list, r)
		}
	}
	lo, hi, next, err := window(req, len(list))
	if err != nil {
		return nil, err
	}
	return rulesOut{Rules: list[lo:hi], NextToken: next}, nil
}

type terminationStatus struct {
	ConnectionID string `xml:"connectionId"`
	Previous     status `xml:"previousStatus"`
	Current      status `xml:"currentStatus"`
}

type terminateOut struct {
	XMLName    xml.Name            `xml:"body"`
	EndpointID string              `xml:"clientVpnEndpointId"`
	Username   string              `xml:"username,omitempty"`
	Statuses   []terminationStatus `xml:"connectionStatuses>item"`
}

// terminateConnections cuts one connection (ConnectionId) or every active
// connection of a user (Username); they are "terminating" for a moment,
// then "terminated".
func (s *Server) terminateConnections(req *request) (any, *apiError) {
	e, err := s.endpointOf(req)
	if err != nil {
		return nil, err
	}
	id, user := req.params.Get("ConnectionId"), req.params.Get("Username")
	if (id == "") == (user == "") {
		return nil, errf(400, "InvalidParameterCombination", "Specify either ConnectionId or Username.")
	}
	out := terminateOut{EndpointID: e.ID, Username: user}
	found := false
	for _, c := range e.connections {
		if (id != "" && c.ID != id) || (user != "" && c.Username != user) {
			continue
		}
		found = true
		if c.Status.Code != "active" && c.Status.Code != "failed-to-terminate" {
			continue
		}
		out.Statuses = append(out.Statuses, terminationStatus{ConnectionID: c.ID, Previous: c.Status, Current: status{Code: "terminating"}})
		c.Status = status{Code: "terminating"}
		s.ending[c] = s.cfg.Now().Add(s.cfg.TerminateAfter)
	}
	if !found && id != "" {
		return nil, errf(400, "InvalidClientVpnConnection.IdNotFound", "The connection ID '%s' does not exist.", id)
	}
	return out, nil
}

// settleTerminations ends the connections whose termination is done.
func (s *Server) settleTerminations() {
	now := s.cfg.Now()
	for c, at := range s.ending {
		if now.Before(at) {
			continue
		}
		s.endpointByID(c.EndpointID).end(c, at, "Connection terminated by an administrator")
		delete(s.ending, c)
	}
}

// endpointOf is the endpoint ClientVpnEndpointId names, in the request's
// region.
func (s *Server) endpointOf(req *request) (*endpoint, *apiError) {
	id := req.params.Get("ClientVpnEndpointId")
	if id == "" {
		return nil, errf(400, "MissingParameter", "The request must contain the parameter ClientVpnEndpointId")
	}
	for _, e := range s.world[req.region] {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, endpointNotFound(id)
}

// endpointByID is the endpoint of that id, in whatever region.
func (s *Server) endpointByID(id string) *endpoint {
	for _, es := range s.world {
		for _, e := range es {
			if e.ID == id {
				return e
			}
		}
	}
	return nil
}

func endpointNotFound(id string) *apiError {
	return errf(400, "InvalidClientVpnEndpointId.NotFound", "The ClientVpnEndpointId '%s' does not exist", id)
}

// list reads Name.1, Name.2, … .
func (r *request) list(name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := r.params[name+"."+strconv.Itoa(i)]
		if !ok {
			return out
		}
		out = append(out, v...)
	}
}

// filters reads Filter.N.Name and Filter.N.Value.M, refusing names the
// action does not know.
func (r *request) filters(known ...string) (map[string][]string, *apiError) {
	out := map[string][]string{}
	for i := 1; ; i++ {
		prefix := "Filter." + strconv.Itoa(i)
		name := r.params.Get(prefix + ".Name")
		if name == "" {
			return out, nil
		}
		if !contains(known, name) {
			return nil, errf(400, "InvalidParameterValue", "The filter '%s' is invalid", name)
		}
		out[name] = append(out[name], r.list(prefix+".Value")...)
	}
}

func matches(values []string, v string) bool { return len(values) == 0 || contains(values, v) }

// maxResults is the page size asked for: 5 to 1000, 1000 when absent.
func maxResults(req *request) (int, *apiError) { return maxResultsIn(req, 1000, 1000) }

// maxResultsIn is the page size asked for of an action whose MaxResults
// runs from 5 to most, dflt when absent.
func maxResultsIn(req *request, most, dflt int) (int, *apiError) {
	v := req.params.Get("MaxResults")
	if v == "" {
		return dflt, nil
	}
	m, err := strconv.Atoi(v)
	if err != nil || m < 5 || m > most {
		return 0, errf(400, "InvalidParameterValue", "Value ( %s ) for parameter maxResults is invalid. Expecting a value between 5 and %d.", v, most)
	}
	return m, nil
}

// window is the page MaxResults and NextToken ask for of a list that does
// not change (a changing one pages with pageAfter); the token is an
// opaque offset.
func window(req *request, n int) (lo, hi int, next string, e *apiError) {
	return windowIn(req, n, 1000, 1000)
}

// windowIn is window for an action whose MaxResults runs from 5 to most,
// dflt when absent.
func windowIn(req *request, n, most, dflt int) (lo, hi int, next string, e *apiError) {
	size, e := maxResultsIn(req, most, dflt)
	if e != nil {
		return 0, 0, "", e
	}
	if t := req.params.Get("NextToken"); t != "" {
		raw, err := base64.RawURLEncoding.DecodeString(t)
		off, convErr := strconv.Atoi(strings.TrimPrefix(string(raw), "offset:"))
		if err != nil || convErr != nil || !strings.HasPrefix(string(raw), "offset:") || off < 0 || off > n {
			return 0, 0, "", errf(400, "InvalidParameterValue", "The token '%s' is invalid.", t)
		}
		lo = off
	}
	hi = min(lo+size, n)
	if hi < n {
		next = base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "offset:%d", hi))
	}
	return lo, hi, next, nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func containsFunc[T any](list []T, f func(T) bool) bool {
	for _, x := range list {
		if f(x) {
			return true
		}
	}
	return false
}
