package emulator

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CloudWatch Logs as the emulator keeps it: per region, log groups of
// events, each in a stream.

type logGroup struct {
	name   string
	events []logEvent // by time, then as added
}

type logEvent struct {
	stream  string
	at      int64 // ms since the epoch
	message string
}

func (g *logGroup) add(e ...logEvent) { g.events = append(g.events, e...) }

func (g *logGroup) sort() {
	sort.SliceStable(g.events, func(i, j int) bool { return g.events[i].at < g.events[j].at })
}

// tunnelEvent is one tunnel activity log event in the json output format,
// with the fields "Contents of Site-to-Site VPN logs" lists.
func tunnelEvent(stream string, at time.Time, detail, p1, p2 string, dpd, natt bool) logEvent {
	b, _ := json.Marshal(struct {
		EventTimestamp int64  `json:"event_timestamp"`
		Timestamp      string `json:"timestamp"`
		Details        string `json:"details"`
		DPDEnabled     bool   `json:"dpd_enabled"`
		NATTDetected   bool   `json:"nat_t_detected"`
		Phase1         string `json:"ike_phase1_state"`
		Phase2         string `json:"ike_phase2_state"`
	}{at.Unix(), at.UTC().Format(connectionTime), detail, dpd, natt, p1, p2})
	return logEvent{stream: stream, at: at.UnixMilli(), message: string(b)}
}

// clientVPNLog is an endpoint's connection log, from its connections: an
// attempt when each began, an update when each ended, and the attempts
// that never became connections (the client connect handler or the
// authorization policy said no). Certificate failures are not logged, as
// "Failed mutual authentication attempts are not logged" (Connection
// logging for an AWS Client VPN endpoint).
func clientVPNLog(b *builder, e *endpoint) []logEvent {
	stream := e.ID
	var out []logEvent
	entry := func(at time.Time, c *connection, status, reason, end string, extra map[string]any) {
		m := map[string]any{
			"connection-log-type": "connection-attempt", "connection-attempt-status": status, "connection-reset-status": "NA",
			"connection-attempt-failure-reason": reason, "connection-id": c.ID, "client-vpn-endpoint-id": e.ID,
			"transport-protocol": e.TransportProtocol, "connection-start-time": c.EstablishedTime,
			"connection-last-update-time": at.UTC().Format(connectionTime), "client-ip": c.ClientIP, "common-name": c.CommonName,
			"device-type": []string{"mac", "win", "linux", "ios", "android"}[len(c.ID)%5], "device-ip": deviceIP(c.ID),
			"port": strconv.Itoa(1024 + int(c.ID[len(c.ID)-1])*97), "ingress-bytes": "0", "egress-bytes": "0",
			"ingress-packets": "0", "egress-packets": "0", "connection-end-time": end, "username": c.Username,
		}
		if end != "NA" {
			m["ingress-bytes"], m["egress-bytes"] = c.IngressBytes, c.EgressBytes
			m["ingress-packets"], m["egress-packets"] = c.IngressPackets, c.EgressPackets
		}
		if status == "failed" {
			m["connection-start-time"], m["client-ip"] = "NA", "NA"
		}
		for k, v := range extra {
			m[k] = v
		}
		raw, _ := json.Marshal(m)
		out = append(out, logEvent{stream: stream, at: at.UnixMilli(), message: string(raw)})
	}
	// A session the policy's periodic evaluation denied ends in a
	// connection-reset, its attempt status NA (connection-logging.html).
	policyReset := map[string]any{"connection-log-type": "connection-reset", "connection-attempt-status": "NA",
		"authorization-policy-evaluation": map[string]any{"result": "deny", "evaluation-type": "periodic",
			"shadow-mode": "disabled", "reason": "policy-deny"}}
	for _, c := range e.connections {
		if strings.Contains(c.Status.Message, "authentication failed") {
			continue // a certificate failure: not logged
		}
		started, err := time.Parse(connectionTime, c.EstablishedTime)
		if err != nil {
			continue
		}
		entry(started, c, "successful", "NA", "NA", nil)
		if ended, err := time.Parse(connectionTime, c.EndTime); err == nil {
			var extra map[string]any
			if c.policyReset {
				extra = policyReset
			}
			entry(ended, c, "successful", "NA", c.EndTime, extra)
		}
	}
	// Attempts refused before they became connections.
	for i, f := range []struct{ user, reason string }{
		{"alice", "authorization-policy-deny"}, {"alice", "authorization-policy-deny"},
		{"bob", "client-connect-handler-timed-out"}, {"carol", "client-connect-failed"},
	} {
		at := b.now.Add(-time.Duration(3+i*11) * time.Minute)
		c := &connection{ID: b.id("cvpn-connection"), Username: f.user, CommonName: f.user + ".corp.example.com"}
		entry(at, c, "failed", f.reason, "NA", nil)
	}
	return out
}

// deviceIP is a client's public address, stable per connection.
func deviceIP(id string) string {
	h := 0
	for _, r := range id {
		h = h*31 + int(r)
	}
	h &= 0xffff
	return fmt.Sprintf("192.0.2.%d", 1+h%254)
}
