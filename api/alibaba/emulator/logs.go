package emulator

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"time"
)

// DescribeVpnConnectionLogs: the negotiation log of a connection, or of one
// tunnel of a dual-tunnel connection, over From..To (UNIX seconds) or the
// last MinutePeriod minutes (1..10). Lines are made on demand from the
// state the connection (or tunnel) had at each moment of the window: a
// failing phase repeats its failure's log text, and each change it went
// through (history) is logged when it happened, so a flap shows.

const logEvery = 20 * time.Second

func (s *Server) describeVpnConnectionLogs(req *request) (any, *apiError) {
	p := req.params
	id := p.Get("VpnConnectionId")
	if id == "" {
		return nil, missing("VpnConnectionId")
	}
	c := s.world[req.region].connection(id)
	if c == nil {
		return nil, errf(404, "InvalidVpnConnectionInstanceId.NotFound", "The specified vpn connection instance id does not exist.")
	}
	status, peer, local := c.Status, c.IkeConfig.RemoteId, c.IkeConfig.LocalId
	tid := p.Get("TunnelId")
	if tid != "" {
		if c.TunnelOptionsSpecification == nil {
			return nil, errf(400, "IllegalParam.TunnelId", "The specified \"TunnelId\" is invalid: the connection is not in dual-tunnel mode.")
		}
		found := false
		for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
			if t.TunnelId == tid {
				status, local, found = t.Status, t.InternetIp, true
			}
		}
		if !found {
			return nil, illegal("TunnelId")
		}
	}
	now := s.cfg.Now()
	var from, to time.Time
	switch {
	case p.Get("From") != "" && p.Get("To") != "":
		f, err1 := strconv.ParseInt(p.Get("From"), 10, 64)
		t, err2 := strconv.ParseInt(p.Get("To"), 10, 64)
		if err1 != nil || err2 != nil || t < f {
			return nil, illegal("From")
		}
		from, to = time.Unix(f, 0), time.Unix(t, 0)
	case p.Get("MinutePeriod") != "":
		m, err := strconv.Atoi(p.Get("MinutePeriod"))
		if err != nil || m < 1 || m > 10 {
			return nil, illegal("MinutePeriod")
		}
		from, to = now.Add(-time.Duration(m)*time.Minute), now
	default:
		return nil, missing("MinutePeriod")
	}
	if to.After(now) {
		to = now
	}
	lines := logLines(c, c.historyOf(tid, status), local, peer, from, to)
	number, size, lo, hi, err := pageWindow(p, len(lines), 50)
	if err != nil {
		return nil, err
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "Count": len(lines),
		"IsCompleted": hi >= len(lines), "Data": map[string]any{"Logs": lines[lo:hi]}}, nil
}

// statusChange is one change of a connection's status, or of one of its
// tunnels' (tunnel empty: the connection's own).
type statusChange struct {
	at       time.Time
	tunnel   string
	from, to string
}

// timeline is what one connection or tunnel went through: its status
// before the first change, then each change.
type timeline struct {
	first   string
	changes []statusChange
}

// historyOf is the timeline of tunnel tid (empty: the connection), whose
// status is now current.
func (c *connection) historyOf(tid, current string) timeline {
	var tl timeline
	for _, h := range c.history {
		if h.tunnel == tid {
			tl.changes = append(tl.changes, h)
		}
	}
	tl.first = current
	if len(tl.changes) > 0 {
		tl.first = tl.changes[0].from
	}
	return tl
}

// at is the status in effect at t.
func (tl timeline) at(t time.Time) string {
	s := tl.first
	for _, h := range tl.changes {
		if h.at.After(t) {
			break
		}
		s = h.to
	}
	return s
}

// recordStatus notes that tunnel tid (empty: the connection) went from
// one status to another at t.
func (c *connection) recordStatus(t time.Time, tid, from, to string) {
	if from == to {
		return
	}
	c.history = append(c.history, statusChange{at: t, tunnel: tid, from: from, to: to})
	if n := len(c.history); n > maxHistory {
		c.history = append(c.history[:0], c.history[n-maxHistory:]...)
	}
}

// maxHistory bounds a connection's remembered changes (a demo left
// flapping for days).
const maxHistory = 64

// The lines a change writes when it happens.
const (
	logWentUp   = "[PROTO_NOTIFY]: pfkey.c:1283:pk_recvupdate(): IPsec-SA established: ESP/Tunnel %s[500]->%s[500] spi=3281723522(0xc39b4a82)"
	logWentDown = "[PROTO_NOTIFY]: isakmp.c:3180:purge_ipsec_spi(): IPsec-SA deleted: ESP/Tunnel %s[500]->%s[500], renegotiating"
)

// logLines makes the lines of [from, to], oldest first, one every logEvery
// on a grid, so the same window always gives the same lines, each from the
// status in effect then, and one line at each change.
func logLines(c *connection, tl timeline, local, peer string, from, to time.Time) []string {
	var out []string
	stamp := func(t time.Time, text string) {
		out = append(out, t.UTC().Format("2006-01-02 15:04:05")+" "+c.VpnConnectionId+" "+fmt.Sprintf(text, local, peer))
	}
	start := from.Truncate(logEvery)
	if start.Before(from) {
		start = start.Add(logEvery)
	}
	h := fnv.New32a()
	h.Write([]byte(c.VpnConnectionId))
	offset := int(h.Sum32())
	changes := tl.changes
	for len(changes) > 0 && changes[0].at.Before(from) {
		changes = changes[1:]
	}
	for t := start; !t.After(to); t = t.Add(logEvery) {
		for len(changes) > 0 && !changes[0].at.After(t) {
			if ch := changes[0]; !ch.at.After(to) {
				stamp(ch.at, changeText(ch.to))
			}
			changes = changes[1:]
		}
		kind := failureOf(c, tl.at(t))
		texts := failureLogs[kind].lines
		if kind == 0 && (int(t.Unix()/int64(logEvery.Seconds()))+offset)%6 != 0 {
			continue // a healthy tunnel logs only now and then
		}
		stamp(t, texts[(int(t.Unix()/int64(logEvery.Seconds()))+offset)%len(texts)])
	}
	for _, ch := range changes {
		if !ch.at.After(to) {
			stamp(ch.at, changeText(ch.to))
		}
	}
	return out
}

func changeText(status string) string {
	if status == "ipsec_sa_established" {
		return logWentUp
	}
	return logWentDown
}

// failureOf is the failure a connection's failing phase shows: its own
// when that fits the phase that failed, else the phase's first.
func failureOf(c *connection, status string) int {
	switch status {
	case "ike_sa_not_established", "ipsec_sa_not_established":
		kind := c.failure
		if kind == 0 || (status == "ike_sa_not_established") != (failureLogs[kind].phase == 1) {
			kind = failuresOfPhase(phaseOf(status))[0]
		}
		return kind
	}
	return 0
}

func phaseOf(status string) int {
	if status == "ike_sa_not_established" {
		return 1
	}
	return 2
}
