package api

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// A finding is one thing to fix: a broken resource (a connection, a tunnel
// when its twin still carries the traffic, a server, a gateway) with its
// worst cause, and what follows from that cause folded in as
// consequences. Every provider's problems scan produces this one model, so
// the problems view, `vpnscope problems` and its JSON treat them alike.

// Impact ranks findings: the lower, the worse.
//
// Unknown sits below degraded and above note: what could not be read may
// hide traffic down, so it outranks what is merely worth knowing, but a
// failure that is seen outranks one that might be there.
type Impact int

const (
	TrafficDown    Impact = iota // nothing carries the traffic
	RedundancyLost               // traffic flows, but on the last path left
	Degraded                     // traffic flows, with routes or probes failing
	Unknown                      // could not be read: its health is not known
	Note                         // worth knowing: near a limit, not active
)

var impactWords = [...]string{"traffic down", "redundancy lost", "degraded", "unknown", "note"}

func (i Impact) String() string {
	if i < 0 || int(i) >= len(impactWords) {
		return "unknown"
	}
	return impactWords[i]
}

// Urgency is the older, coarser word scripts already read: critical when
// traffic is down, warning when it is at risk or cannot be seen, note
// otherwise.
func (i Impact) Urgency() string {
	switch i {
	case TrafficDown:
		return "critical"
	case RedundancyLost, Degraded, Unknown:
		return "warning"
	}
	return "note"
}

// MarshalText writes the impact as its words, hyphenated ("traffic-down").
func (i Impact) MarshalText() ([]byte, error) {
	return []byte(strings.ReplaceAll(i.String(), " ", "-")), nil
}

// Cause is one thing wrong with a resource: which check (phase 1, phase 2,
// bgp, health check, status, capacity), the state it is in, and what that
// means.
type Cause struct {
	Phase   string `json:"phase"`
	State   string `json:"state"`
	Message string `json:"message"`
}

// Finding is one broken resource. The location fields (gateway,
// connection, tunnel, server) are always written, empty when they do not
// apply, so a script can read them without checking they exist. On AWS the
// gateway is the virtual private or transit gateway, the connection the
// VPN connection, the tunnel its outside IP, the server a Client VPN
// endpoint.
type Finding struct {
	Provider string `json:"provider"`
	// Account is the account the finding is in, as the run names it (the
	// profile), in a run over several; empty in a run over one.
	Account string `json:"account"`
	// AccountID is the cloud's own id of that account (AWS: the 12 digits
	// sts:GetCallerIdentity answers); empty when it is not known.
	AccountID      string `json:"account_id"`
	Region         string `json:"region"`
	Resource       string `json:"resource"` // connection, tunnel, gateway, ssl-server, ipsec-server, ...
	ResourceID     string `json:"resource_id"`
	ResourceName   string `json:"resource_name"`
	GatewayID      string `json:"gateway_id"`
	GatewayName    string `json:"gateway_name"`
	ConnectionID   string `json:"connection_id"`
	ConnectionName string `json:"connection_name"`
	TunnelID       string `json:"tunnel_id"`
	ServerID       string `json:"server_id"`
	Impact         Impact `json:"impact"`
	// Cause is the worst cause; its fields are written at the top level
	// (phase, state, message), as they were before causes were folded.
	Cause
	// Consequences follow from the cause (BGP and the health check behind
	// a down phase 1); fixing the cause fixes them.
	Consequences []Cause `json:"consequences"`
	// Also are the resource's other, lesser causes that do not follow from
	// the worst one.
	Also []Cause `json:"also"`
	// Unchecked says what could not be read, so a finding never passes off
	// "unknown" as fine.
	Unchecked []string `json:"unchecked"`
	// Reason is the error that stopped a read (the service's code, message
	// and request id), for a finding about what could not be read; empty
	// otherwise. The message says what to do about it.
	Reason string `json:"reason"`
	// Since: the resource has been in this state at least since then, as
	// far as anything says: the service's last status change where it
	// gives one (SinceLastChange), the state metric's history under
	// vpnscope problems --history (SinceMetric), or when vpnscope first
	// saw it so (the local state journal, "journal"), whichever is
	// earliest; nil with
	// neither. It may have entered the state earlier still. SinceSource
	// says which. Flapping: it changed state several times in the last
	// hours.
	Since       *time.Time `json:"since"`
	SinceSource string     `json:"since_source"`
	Flapping    bool       `json:"flapping"`
}

// SinceLastChange is a Since from the service's last status change (an
// AWS tunnel's LastStatusChange, which moves on any IKE, IPsec or BGP
// change, API_VgwTelemetry): the state has held at least since then, not
// necessarily begun then.
const SinceLastChange = "service-last-change"

// SinceMetric is a Since from the service's state metric (CloudWatch's
// TunnelState, CloudMonitor's tunnel state): since when every down tunnel
// has been down all along, to the metric's period.
const SinceMetric = "service-metric"

// MarshalJSON writes every field, lists as [] rather than null, plus the
// urgency word.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	p := plain(f)
	for _, l := range []*[]Cause{&p.Consequences, &p.Also} {
		if *l == nil {
			*l = []Cause{}
		}
	}
	if p.Unchecked == nil {
		p.Unchecked = []string{}
	}
	return json.Marshal(struct {
		plain
		Urgency string `json:"urgency"`
	}{p, f.Impact.Urgency()})
}

// Key identifies the resource a finding is about: one finding per key.
func (f Finding) Key() string {
	return ResourceKey(InAccount(f.Provider, f.Account), f.Region, f.Resource, f.ResourceID)
}

// InAccount is a provider as the state journal scopes it in a run over
// several accounts ("aws@prod"), so two accounts' vpn-… never mix; a run
// over one keeps the provider alone, as journals written before accounts
// were.
func InAccount(provider, account string) string {
	if account == "" {
		return provider
	}
	return provider + "@" + account
}

// KeyInAccount puts a key made without its account (a provider's tunnel
// states) in account.
func KeyInAccount(key, account string) string {
	if account == "" {
		return key
	}
	provider, rest, _ := strings.Cut(key, "|")
	return InAccount(provider, account) + "|" + rest
}

// ResourceKey names one resource across providers and regions, as
// findings and the state journal know it: provider|region|kind|id.
func ResourceKey(provider, region, kind, id string) string {
	return provider + "|" + region + "|" + kind + "|" + id
}

// StateOK is the state of a resource nothing is wrong with.
const StateOK = "ok"

// ResourceState is the state a run saw one resource in: StateOK or an
// impact word ("traffic-down"), and the check that failed. It is what the
// state journal records: no message, no setting, no secret.
type ResourceState struct {
	Key   string
	State string
	Cause string
}

// AsState is the finding as the journal records it.
func (f Finding) AsState() ResourceState {
	word, _ := f.Impact.MarshalText()
	return ResourceState{Key: f.Key(), State: string(word), Cause: f.Phase}
}

// Subject names what a finding is about, briefly.
func (f Finding) Subject() string {
	switch f.Resource {
	case "connection":
		return OrDash(f.ConnectionName)
	case "tunnel":
		return OrDash(f.ConnectionName) + " · " + f.TunnelID
	}
	return strings.ReplaceAll(f.Resource, "-", " ") + " " + OrDash(f.ResourceName)
}

// FilterText is every word a problems row shows of the finding, for /:
// the resource's kind ("ipsec server", "gateway", "client vpn endpoint"),
// its names and ids and where it is, the check, its state, the impact and
// the message, so a word on screen always finds its row.
func (f Finding) FilterText() string {
	return strings.Join([]string{f.Region, strings.ReplaceAll(f.Resource, "-", " "), f.Subject(), f.ResourceName, f.ResourceID,
		f.GatewayName, f.GatewayID, f.ConnectionName, f.ConnectionID, f.TunnelID, f.ServerID,
		f.Phase, f.State, f.Impact.String(), f.Summary()}, " ")
}

// Summary is the cause with its consequences, in one line: "…; BGP is
// down and the health check fails as a result".
func (f Finding) Summary() string {
	var clauses []string
	for _, c := range f.Consequences {
		if cl := c.Clause(); !slices.Contains(clauses, cl) {
			clauses = append(clauses, cl)
		}
	}
	if len(clauses) == 0 {
		return f.Message
	}
	return f.Message + "; " + JoinAnd(clauses) + " as a result"
}

// The words a cause is said in as a clause: the check as a subject, the
// state as its verb.
var (
	clauseSubjects = map[string]string{"bgp": "BGP", "health check": "the health check", "tunnel": "the tunnel",
		"status": "the status", "logging": "logging"}
	clauseVerbs = map[string]string{"down": "is down", "failed": "fails", "0 routes": "accepts no routes", "off": "is off",
		"unknown": "is unknown"}
)

// What is the cause in a few words, for a list: the check, then its
// state ("bgp 0 routes", "status deleting").
func (c Cause) What() string { return strings.TrimSpace(c.Phase + " " + c.State) }

// Clause says the cause in a few words, as part of a sentence: "BGP is
// down", "the health check fails".
func (c Cause) Clause() string {
	subject, ok := clauseSubjects[c.Phase]
	if !ok {
		subject = c.Phase
	}
	verb, ok := clauseVerbs[c.State]
	if !ok {
		verb = "is " + c.State
	}
	return subject + " " + verb
}

// CompareFindings orders findings worst first, then by where they are, so
// a list that fills progressively settles into one stable order.
func CompareFindings(a, b Finding) int {
	if a.Impact != b.Impact {
		return int(a.Impact) - int(b.Impact)
	}
	for _, pair := range [][2]string{{a.Provider, b.Provider}, {a.Region, b.Region}, {a.GatewayName, b.GatewayName},
		{a.GatewayID, b.GatewayID}, {a.ConnectionName, b.ConnectionName}, {a.ConnectionID, b.ConnectionID},
		{a.Resource, b.Resource}, {a.ResourceID, b.ResourceID}} {
		if c := strings.Compare(pair[0], pair[1]); c != 0 {
			return c
		}
	}
	return 0
}

// ID is the id of the resource the finding is about.
func (f Finding) ID() string { return f.ResourceID }

// Unread is one thing a scan could not read, and the error that stopped
// it.
type Unread struct {
	What string // "its connections", "the VPN connections"
	Err  error
}

// UnreadCause says what could not be read and what to do about it, as a
// cause (phase "unreadable", the state the error's kind); service names
// the permission's prefix ("vpc" for Alibaba Cloud RAM, "ec2" for IAM).
// reason is the errors' text, for Finding.Reason.
func UnreadCause(service string, us []Unread) (c Cause, reason string) {
	if len(us) == 0 {
		return Cause{}, ""
	}
	var whats, todo, reasons []string
	for _, u := range us {
		whats = append(whats, u.What)
		if t := unreadTodo(service, u.Err); !slices.Contains(todo, t) {
			todo = append(todo, t)
		}
		if u.Err != nil {
			if r := u.Err.Error(); !slices.Contains(reasons, r) {
				reasons = append(reasons, r)
			}
		}
	}
	return Cause{Phase: "unreadable", State: unreadState(us[0].Err),
		Message: "could not read " + JoinAnd(whats) + ": " + strings.Join(todo, "; ")}, strings.Join(reasons, "; ")
}

// unreadState is the state word of a read that failed with err.
func unreadState(err error) string {
	e, _ := AsError(err)
	if e == nil {
		return "error"
	}
	switch e.Kind {
	case KindPermission:
		return "not permitted"
	case KindNotFound:
		return "not found"
	case KindAuth:
		return "auth failed"
	case KindThrottled:
		return "throttled"
	case KindNetwork:
		return "no answer"
	case KindServer:
		return "service error"
	case KindCanceled:
		return "canceled"
	}
	return "error"
}

// unreadTodo says what to do about a read that failed with err, on the
// command line as on the screen.
func unreadTodo(service string, err error) string {
	e, _ := AsError(err)
	if e == nil {
		return "run the check again"
	}
	switch e.Kind {
	case KindPermission:
		if e.Action != "" {
			return "grant these credentials " + service + ":" + e.Action
		}
		return "grant these credentials the read permission (see README: the policy it needs)"
	case KindNotFound:
		if e.Code == CodeUnknownRegion {
			return e.Hint // "us-esat-1 is no AWS region: did you mean us-east-1?"
		}
		if e.Code != "" {
			return "the service does not know it (" + e.Code + "): check the region or id"
		}
		return "the service does not know it: check the region or id"
	case KindAuth:
		if e.Code == CodeCredentialSource {
			return e.Message + ": " + e.Hint
		}
		return "check the credentials (profile, env vars) and the machine's clock"
	case KindThrottled:
		return "the service throttled every retry: run the check again later"
	case KindNetwork:
		return "check the network path to the endpoint (proxy, DNS, firewall), then run the check again"
	case KindServer:
		if e.RequestID != "" {
			return "the service failed: run the check again; if it persists, give support request " + e.RequestID
		}
		return "the service failed: run the check again"
	case KindCanceled:
		if e.Code == CodeNotCheckedInTime {
			return "not checked in time: the scan's deadline passed before it was read; raise --timeout, or narrow the scan with --region"
		}
		return "the check was stopped before it was read"
	}
	return "run the check again"
}

// Detail is one labelled line of a finding's details.
type Detail struct{ Label, Value string }

// Details is what a screen shows for a finding (`d`): where it is, only
// the location fields that apply (no "Tunnel ID -" on a server), the
// cause, each consequence, each other cause, what could not be read and
// why. Every provider's problems view shows these.
func (f Finding) Details() []Detail {
	var out []Detail
	add := func(label, value string) {
		if value != "" {
			out = append(out, Detail{label, value})
		}
	}
	add("Impact", f.Impact.String())
	add("Region", f.Region)
	add("Gateway", f.GatewayName)
	if f.GatewayID != f.GatewayName {
		add("Gateway ID", f.GatewayID)
	}
	add("Resource", strings.TrimSpace(strings.ReplaceAll(f.Resource, "-", " ")+" "+f.ResourceName))
	add("Resource ID", f.ResourceID)
	if f.Resource != "connection" { // the resource is the connection
		add("Connection", f.ConnectionName)
		add("Connection ID", f.ConnectionID)
	}
	add("Tunnel", f.TunnelID)
	if f.ServerID != f.ResourceID {
		add("Server ID", f.ServerID)
	}
	add("What", strings.TrimSpace(f.Phase+" "+f.State))
	add("Meaning", f.Message)
	for _, c := range f.Consequences {
		add("As a result", c.Clause()+": "+c.Message)
	}
	for _, c := range f.Also {
		add("Also", strings.TrimSpace(c.Phase+" "+c.State)+": "+c.Message)
	}
	if len(f.Unchecked) > 0 {
		add("Not read", strings.Join(f.Unchecked, "; "))
	}
	add("Reason", f.Reason)
	if o, ok := OnsetOf(f); ok {
		// The words of every screen's one time for an outage (Onset).
		s := "at least since " + o.At.Local().Format("2006-01-02 15:04") + " · " + o.Source
		if f.Flapping {
			s += " · flapping"
		}
		add("Since", s)
	}
	return out
}
