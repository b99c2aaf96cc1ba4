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
// connection's state: a failing phase repeats its failure's log text.

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
	if tid := p.Get("TunnelId"); tid != "" {
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
	lines := logLines(c, status, local, peer, from, to)
	number, size, lo, hi, err := pageWindow(p, len(lines), 50)
	if err != nil {
		return nil, err
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "Count": len(lines),
		"IsCompleted": hi >= len(lines), "Data": map[string]any{"Logs": lines[lo:hi]}}, nil
}

// logLines makes the lines of [from, to], oldest first, one every logEvery
// on a grid, so the same window always gives the same lines.
func logLines(c *connection, status, local, peer string, from, to time.Time) []string {
	kind := failureOf(c, status)
	texts := failureLogs[kind].lines
	var out []string
	start := from.Truncate(logEvery)
	if start.Before(from) {
		start = start.Add(logEvery)
	}
	h := fnv.New32a()
	h.Write([]byte(c.VpnConnectionId))
	offset := int(h.Sum32())
	for t, i := start, 0; !t.After(to); t, i = t.Add(logEvery), i+1 {
		if kind == 0 && (int(t.Unix()/int64(logEvery.Seconds()))+offset)%6 != 0 {
			continue // a healthy tunnel logs only now and then
		}
		text := texts[(int(t.Unix()/int64(logEvery.Seconds()))+offset)%len(texts)]
		out = append(out, t.UTC().Format("2006-01-02 15:04:05")+" "+c.VpnConnectionId+" "+fmt.Sprintf(text, local, peer))
	}
	return out
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
