package emulator

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"strconv"
	"time"
)

// DescribeVpnConnectionLogs: the negotiation log of a connection, or of one
// tunnel of a dual-tunnel connection, over a window the reference page
// allows: From and To (UNIX seconds); From and the MinutePeriod after it;
// the MinutePeriod up to To; or the last MinutePeriod minutes (1..10).
// "If you specify From, you must also specify To or MinutePeriod. If you
// specify To, you must also specify From or MinutePeriod. If both From and
// To are not specified, you must specify MinutePeriod." (VPN Gateway:
// DescribeVpnConnectionLogs). Lines are made on demand from the state the
// connection (or tunnel) had at each moment of the window: a failing phase
// repeats its failure's log text, and each change it went through
// (history) is logged when it happened, so a flap shows.
//
// The emulator's connections have logged for logRetention only, so a
// window of a year costs what a week costs, and only the page asked for is
// written out: a year once built 1.6 M lines, 418 MB, under the world lock.

const logEvery = 20 * time.Second

// logRetention is how far back the emulator's log goes (its own choice:
// the reference page states none). vpnscope's widest window is a day.
const logRetention = 7 * 24 * time.Hour

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
	from, to, err := logWindow(p, now)
	if err != nil {
		return nil, err
	}
	number, size, err := pageParams(p, 50)
	if err != nil {
		return nil, err
	}
	lo := int64(number-1) * int64(size) // Integer bounds: no overflow
	page := []string{}
	n := int64(0)
	eachLogLine(c, c.historyOf(tid, status), from, to, func(at time.Time, text string) {
		if n >= lo && n < lo+int64(size) {
			page = append(page, at.UTC().Format("2006-01-02 15:04:05")+" "+c.VpnConnectionId+" "+fmt.Sprintf(text, local, peer))
		}
		n++
	})
	return map[string]any{"PageNumber": number, "PageSize": size, "Count": n,
		"IsCompleted": lo+int64(size) >= n, "Data": map[string]any{"Logs": page}}, nil
}

// logWindow is the window a request asks for, within the emulator's
// retention and never past now; an empty one (to before from) has no lines.
func logWindow(p url.Values, now time.Time) (from, to time.Time, err *apiError) {
	minutes := int64(0)
	if v := p.Get("MinutePeriod"); v != "" {
		m, ok := integerParam(v, 1, 10)
		if !ok {
			return from, to, illegal("MinutePeriod")
		}
		minutes = int64(m)
	}
	unix := func(name string) (int64, bool, *apiError) {
		v := p.Get(name)
		if v == "" {
			return 0, false, nil
		}
		t, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, false, illegal(name)
		}
		return t, true, nil
	}
	f, hasFrom, err := unix("From")
	if err != nil {
		return from, to, err
	}
	t, hasTo, err := unix("To")
	if err != nil {
		return from, to, err
	}
	oldest, newest := now.Add(-logRetention).Unix(), now.Unix()
	period := minutes * 60
	switch {
	case hasFrom && hasTo:
		if t < f {
			return from, to, illegal("From")
		}
	case hasFrom && minutes > 0:
		f, t = min(f, newest+1), min(f, newest+1)+period // never past int64's end
	case hasTo && minutes > 0:
		t = max(t, oldest-1)
		f = t - period
	case minutes > 0:
		f, t = newest-period, newest
	default:
		return from, to, missing("MinutePeriod")
	}
	f, t = max(f, oldest), min(t, newest)
	return time.Unix(f, 0), time.Unix(t, 0), nil
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

// eachLogLine gives the lines of [from, to], oldest first, one every
// logEvery on a grid, so the same window always gives the same lines, each
// from the status in effect then, and one line at each change. A line is
// its time and its text, which takes the local and peer addresses.
func eachLogLine(c *connection, tl timeline, from, to time.Time, each func(at time.Time, text string)) {
	if to.Before(from) {
		return
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
				each(ch.at, changeText(ch.to))
			}
			changes = changes[1:]
		}
		status := tl.at(t)
		kind := failureOf(c, status)
		texts := failureLogs[kind].lines
		if status == "ike_sa_established" && kind != 0 {
			texts = append([]string{phase1Up}, texts...) // phase 1 is up; phase 2 fails
		}
		if kind == 0 && (int(t.Unix()/int64(logEvery.Seconds()))+offset)%6 != 0 {
			continue // a healthy tunnel logs only now and then
		}
		each(t, texts[(int(t.Unix()/int64(logEvery.Seconds()))+offset)%len(texts)])
	}
	for _, ch := range changes {
		if !ch.at.After(to) {
			each(ch.at, changeText(ch.to))
		}
	}
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
	case "ike_sa_established":
		if c.failure != 0 && failureLogs[c.failure].phase == 2 {
			return c.failure // phase 1 up, phase 2 failing (phase2Stall)
		}
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
