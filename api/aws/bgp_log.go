package aws

import (
	"encoding/json"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The Site-to-Site VPN BGP log: what AWS documents of it, and what it
// does not (that we could read).
//
//   - Turning it on: a tunnel's LogOptions.CloudWatchLogOptions has
//     BgpLogEnabled (default False), BgpLogGroupArn ("the CloudWatch log
//     group where BGP logs will be sent") and BgpLogOutputFormat (json |
//     text, default json), beside the tunnel activity log's LogEnabled,
//     LogGroupArn and LogOutputFormat (EC2 API reference,
//     API_CloudWatchLogOptions.html and
//     API_CloudWatchLogOptionsSpecification.html; aws-sdk-go-v2
//     service/ec2 types.CloudWatchLogOptions). ModifyVpnTunnelOptions
//     sets them.
//   - What it holds: "Border Gateway protocol (BGP) status and routing
//     updates" ("AWS Site-to-Site VPN logs", monitoring-logs.html); BGP
//     messages "cover both session status (state transitions, prefix limit
//     warnings and violations, session notifications, and attribute
//     updates) and route status (prefix advertisements, updates,
//     withdrawals, and routing attributes)", and "each tunnel generates
//     separate BGP and IKE log streams" (AWS Networking & Content Delivery
//     blog, "Intelligent VPN observability: Decoding AWS Site-to-Site VPN
//     logs", on the November 2025 launch of BGP logging).
//   - NOT confirmed: the field names of a BGP log event and the name of a
//     tunnel's BGP stream. The pages that list them ("Sample BGP status
//     messages", "Sample route status messages" of log-contents.html) were
//     not in the material we could read, so nothing below depends on them.
//     The one BGP log format AWS documents that we read is VPC Route
//     Server's peer log (route-server-peer-logging.html): "type" BGPStatus
//     ("status" UP | DOWN) or RouteStatus ("status" ADVERTISED | UPDATED |
//     WITHDRAWN, "message" with prefix, asPath, med, nextHopIp),
//     "event_timestamp" in milliseconds. Those names are read first; any
//     other event is recognised by its words: an RFC 4271 session state
//     (Idle, Connect, Active, OpenSent, OpenConfirm, Established, §8.2.2)
//     or up/down, and a prefix advertised, announced, updated or withdrawn.
//     An event recognised as neither is kept whole, as the detail.

// BGPLogEntry is one event of a tunnel's BGP log.
type BGPLogEntry struct {
	Time   time.Time
	Stream string
	Detail string // the event as a sentence when recognised, else the line whole
	Raw    string // the line as logged
	// Session is the session's state the event reports: "Up", "Down", or
	// an RFC 4271 state; "" when the event is not about the session.
	Session string
	// Route is what happened to Prefix: "advertised", "updated",
	// "withdrawn"; "" when the event is not about a route.
	Route  string
	Prefix string
	ASPath string
}

// SessionTone says how a session state reads: 1 established, 0 on its
// way (Connect, Active, OpenSent, OpenConfirm), -1 down or idle.
func (e BGPLogEntry) SessionTone() int {
	switch e.Session {
	case "Up", "Established":
		return 1
	case "Connect", "Active", "OpenSent", "OpenConfirm":
		return 0
	}
	return -1
}

// bgpStates are RFC 4271's session states (§8.2.2), as it spells them.
var bgpStates = []string{"Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established"}

// ParseBGPLog reads one event of a BGP log group.
func ParseBGPLog(stream string, at time.Time, message string) BGPLogEntry {
	e := BGPLogEntry{Time: at, Stream: stream, Raw: strings.TrimSpace(message)}
	e.Detail = e.Raw
	var raw map[string]any
	if json.Unmarshal([]byte(message), &raw) == nil {
		e.readJSON(raw)
	} else {
		e.readWords(e.Raw)
	}
	return api.Scrubbed(e) // outside text, safe for the terminal
}

// readJSON reads an event of the json output format: Route Server's
// names first, then the words of its fields.
func (e *BGPLogEntry) readJSON(raw map[string]any) {
	fields := map[string]string{} // lower-case key, nested ones by their own name too
	flatten("", raw, fields)
	if v, ok := raw["event_timestamp"].(float64); ok && v > 0 {
		e.Time = epoch(v)
	}
	typ, status := strings.ToLower(fields["type"]), strings.ToUpper(fields["status"])
	switch {
	case strings.Contains(typ, "bgp") && (status == "UP" || status == "DOWN"):
		e.Session = map[string]string{"UP": "Up", "DOWN": "Down"}[status]
	case strings.Contains(typ, "route") && status != "":
		e.Route = routeWord(status)
		e.Prefix = prefixIn(fields["prefix"])
	}
	e.ASPath = firstNonEmpty(fields["aspath"], fields["as_path"])
	text := firstNonEmpty(fields["details"], firstNonEmpty(fields["detail"], fields["message"]))
	if e.Session == "" && e.Route == "" {
		// Not Route Server's shape: the words of every field, sorted so a
		// line reads the same each time.
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var all []string
		for _, k := range keys {
			all = append(all, fields[k])
		}
		e.readWords(strings.Join(all, " "))
		if p := prefixIn(fields["prefix"]); p != "" && e.Route != "" {
			e.Prefix = p
		}
	}
	switch {
	case text != "":
		e.Detail = text
	case e.Route != "":
		e.Detail = "prefix " + api.OrDash(e.Prefix) + " " + e.Route
		if e.ASPath != "" {
			e.Detail += " (AS path " + e.ASPath + ")"
		}
		if hop := fields["nexthopip"]; hop != "" {
			e.Detail += " via " + hop
		}
	case e.Session != "":
		e.Detail = "BGP session " + strings.ToLower(e.Session)
	}
}

// readWords recognises an event by its words: a route change needs a
// prefix and a verb; a session change a state word in a line about the
// session (its last state word: "from Active to Established" is
// Established).
func (e *BGPLogEntry) readWords(s string) {
	low := strings.ToLower(s)
	if p := prefixIn(s); p != "" {
		for _, w := range []struct{ word, route string }{{"withdr", "withdrawn"}, {"advertis", "advertised"},
			{"announc", "advertised"}, {"updated", "updated"}} {
			if strings.Contains(low, w.word) {
				e.Route, e.Prefix = w.route, p
				return
			}
		}
	}
	if !strings.Contains(low, "bgp") && !strings.Contains(low, "session") && !strings.Contains(low, "peer") &&
		!strings.Contains(low, "neighbor") && !strings.Contains(low, "state") {
		return
	}
	last, at := "", -1
	for _, st := range bgpStates {
		// Whole words, as RFC 4271 spells them, so "active" in a sentence
		// is not a state; ESTABLISHED and IDLE in capitals too.
		for _, form := range []string{st, strings.ToUpper(st)} {
			if i := lastWord(s, form); i > at {
				last, at = st, i
			}
		}
	}
	for _, w := range []struct{ word, state string }{{" UP", "Up"}, {" DOWN", "Down"}, {" up", "Up"}, {" down", "Down"}} {
		if i := lastWord(s, strings.TrimSpace(w.word)); i > at {
			last, at = w.state, i
		}
	}
	e.Session = last
}

// lastWord is where word last stands alone in s, or -1.
func lastWord(s, word string) int {
	for i := strings.LastIndex(s, word); i >= 0; i = strings.LastIndex(s[:i], word) {
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(word) == len(s) || !isWordByte(s[i+len(word)])
		if before && after {
			return i
		}
	}
	return -1
}

// namesIP reports whether ip stands in s, not inside a longer address
// ("203.0.113.5" is not in "203.0.113.50").
func namesIP(s, ip string) bool {
	part := func(b byte) bool { return b == '.' || b == ':' || b >= '0' && b <= '9' || b >= 'a' && b <= 'f' }
	for i := strings.Index(s, ip); i >= 0 && ip != ""; {
		if (i == 0 || !part(s[i-1])) && (i+len(ip) == len(s) || !part(s[i+len(ip)])) {
			return true
		}
		j := strings.Index(s[i+1:], ip)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isWordByte(b byte) bool {
	return b == '_' || b == '-' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func routeWord(status string) string {
	switch s := strings.ToLower(status); {
	case strings.HasPrefix(s, "withdr"):
		return "withdrawn"
	case strings.HasPrefix(s, "advertis"), strings.HasPrefix(s, "announc"):
		return "advertised"
	case strings.HasPrefix(s, "update"):
		return "updated"
	default:
		return s
	}
}

// prefixIn is the first IP prefix (a.b.c.d/n or an IPv6 one) in s.
func prefixIn(s string) string {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '"' || r == '\'' || r == '(' || r == ')' || r == '[' || r == ']'
	}) {
		if p, err := netip.ParsePrefix(strings.TrimRight(f, ".:")); err == nil {
			return p.String()
		}
	}
	return ""
}

// flatten keeps every scalar of v by its lower-case path and by its own
// key too ("message.prefix" and "prefix"); the first of a name wins. One
// walk: linear in the event however deep it nests.
func flatten(path string, v any, out map[string]string) {
	put := func(s string) {
		for _, k := range []string{path, path[strings.LastIndex(path, ".")+1:]} {
			if _, ok := out[k]; !ok {
				out[k] = s
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x)) // in order: the first of a name is the same each time
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := strings.ToLower(k)
			if path != "" {
				name = path + "." + name
			}
			flatten(name, x[k], out)
		}
	case []any:
		var parts []string
		for _, sub := range x {
			if s, ok := sub.(string); ok {
				parts = append(parts, s)
			} else if f, ok := sub.(float64); ok {
				parts = append(parts, strconv.FormatFloat(f, 'f', -1, 64))
			}
		}
		put(strings.Join(parts, " "))
	case string:
		put(x)
	case float64:
		put(strconv.FormatFloat(x, 'f', -1, 64))
	case bool:
		put(strconv.FormatBool(x))
	}
}

// epoch reads a timestamp in seconds or, past 10^11 (the year 5138 in
// seconds), milliseconds: the tunnel log gives seconds, Route Server's
// peer log milliseconds.
func epoch(v float64) time.Time {
	if v > 1e11 {
		return time.UnixMilli(int64(v)).UTC()
	}
	return time.Unix(int64(v), 0).UTC()
}

// BGPLogQuery is the window [end-span, end] of tunnel t's BGP log; ok is
// false when the BGP log is off, with what turns it on.
//
// Its stream's name is not confirmed (see above), so the query reads every
// stream of the connection in the BGP group (FilterLogEvents'
// logStreamNamePrefix: the tunnel log's streams begin with the connection
// id, monitoring-logs.html) and BGPLogStreamIsTunnels keeps the ones that
// are this tunnel's BGP log.
func BGPLogQuery(c VPNConnection, t Tunnel, end time.Time, span time.Duration) (q LogQuery, why string, ok bool) {
	if !t.BGPLogging || t.BGPLogGroupARN == "" {
		return LogQuery{}, BGPLogOff(t), false
	}
	return LogQuery{Group: t.BGPLogGroupARN, StreamPrefix: c.ID, Start: end.Add(-span), End: end}, "", true
}

// BGPLogOff says that tunnel t's BGP log is off and what turns it on.
func BGPLogOff(t Tunnel) string {
	return "The BGP log is off for tunnel " + t.OutsideIP + ": turn it on with ModifyVpnTunnelOptions " +
		"(LogOptions, CloudWatchLogOptions BgpLogEnabled=true and BgpLogGroupArn), or in the console " +
		"(VPC, Site-to-Site VPN connections, Actions, Modify VPN tunnel options, BGP log). " +
		"It interrupts that tunnel for several minutes."
}

// BGPLogCheck is the BGP log's line among a BGP tunnel's checks: read it,
// or turn it on.
func BGPLogCheck(t Tunnel) string {
	if t.BGPLogging && t.BGPLogGroupARN != "" {
		return "read the BGP log (l, then b) in " + LogGroupName(t.BGPLogGroupARN) + ": when the session changed and which prefixes came and went"
	}
	return "turn on the BGP log to see when the session changes and which prefixes come and go (ModifyVpnTunnelOptions, " +
		"CloudWatchLogOptions BgpLogEnabled=true and BgpLogGroupArn): it interrupts this tunnel for several minutes"
}

// BGPLogStreamIsTunnels reports whether a stream read by BGPLogQuery is
// tunnel t's BGP log: not a tunnel activity log stream when the BGP log
// shares the tunnel log's group, and not one that names the connection's
// other tunnel. A stream that names no tunnel's outside IP is kept: its
// name is not documented, and a line left out is worse than one shown.
func BGPLogStreamIsTunnels(c VPNConnection, t Tunnel, stream string) bool {
	for _, o := range c.Tunnels {
		if o.Logging && LogGroupName(o.LogGroupARN) == LogGroupName(t.BGPLogGroupARN) && stream == TunnelLogStream(c.ID, o.OutsideIP) {
			return false
		}
		if o.OutsideIP != t.OutsideIP && namesIP(stream, o.OutsideIP) {
			return false
		}
	}
	return true
}

// AnnotateBGPLog says what a session or route event means for tunnel t.
func AnnotateBGPLog(e BGPLogEntry, c VPNConnection, t Tunnel) (Annotation, bool) {
	switch {
	case e.Session != "" && e.SessionTone() == 1:
		return Annotation{Phase: "BGP", Meaning: "The BGP session inside the tunnel is established: on a BGP connection the tunnel is UP " +
			"from now (TunnelState: 1 is ESTABLISHED), and AWS accepts the prefixes the device advertises."}, true
	case e.Session != "":
		return Annotation{Phase: "BGP", Failure: true,
			Meaning: "The BGP session inside the tunnel is not established (" + e.Session + "): on a BGP connection the tunnel is DOWN " +
				"until it is (TunnelState: 0 is every state but ESTABLISHED), and the routes learnt over it are withdrawn.",
			Check: "IPsec up first (the tunnel log, l); then the device's BGP neighbour: AWS's inside address in " +
				api.OrDash(t.InsideCIDR) + ", TCP 179 inside the tunnel, its ASN, and its hold time"}, true
	case e.Route == "withdrawn":
		return Annotation{Phase: "BGP route", Meaning: "The prefix " + api.OrDash(e.Prefix) + " is no longer advertised over this tunnel: " +
			"traffic to it leaves by the other tunnel if that one still advertises it, else it has no route to the device.",
			Check: "whether the device meant to withdraw it (its routing, its filters)"}, true
	case e.Route != "":
		return Annotation{Phase: "BGP route", Meaning: "The device " + e.Route + " " + api.OrDash(e.Prefix) +
			" over this tunnel: AWS routes that prefix to the device while the session stays up."}, true
	}
	return Annotation{}, false
}
