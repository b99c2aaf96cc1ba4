package emulator

import (
	"encoding/json"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"time"
)

// CloudMonitor's DescribeMetricList and DescribeMetricMetaList (API version
// 2019-01-01), for the acs_vpn metrics vpnscope reads, on the same
// listener and signature as the VPC actions.
//
// The metric names are not confirmed against the vendor's metric list
// (see api/alibaba/metrics.go): tun.state, tun.rx_bps, tun.tx_bps per
// instanceId and tunnelId; ipsec.state, ipsec_rx.rate, ipsec_tx.rate per
// instanceId. The values are this emulator's own model: a state point is
// the share of its period the tunnel (or connection) had its IPsec SA
// established, from the same timeline the negotiation log is written from
// (logs.go), so a flap in the log is a flap in the metric; traffic is a
// rate in bits per second while up, on the master tunnel while it is up
// (the slave carries it otherwise), and none while down.

// The reference page's rules, as this emulator reads them.
const (
	// "Valid values: 60, 300, and 900. Unit: seconds."
	cmsDefaultPeriod = 60
	// Length: the rows of a page; the emulator's own bounds (the reference
	// page's default is taken to be 1000).
	cmsDefaultLength = 1000
	cmsMaxLength     = 1440
)

// cmsMetric is one metric the emulator serves.
type cmsMetric struct {
	name, desc, unit string
	tunnel           bool // per tunnelId (dual-tunnel connections)
	traffic          int  // 0 state, 1 rx, 2 tx
}

var cmsMetrics = []cmsMetric{
	{name: "tun.state", desc: "IPsec tunnel status", unit: "", tunnel: true},
	{name: "tun.rx_bps", desc: "IPsec tunnel inbound rate", unit: "bits/s", tunnel: true, traffic: 1},
	{name: "tun.tx_bps", desc: "IPsec tunnel outbound rate", unit: "bits/s", tunnel: true, traffic: 2},
	{name: "ipsec.state", desc: "IPsec connection status", unit: ""},
	{name: "ipsec_rx.rate", desc: "IPsec connection inbound rate", unit: "bits/s", traffic: 1},
	{name: "ipsec_tx.rate", desc: "IPsec connection outbound rate", unit: "bits/s", traffic: 2},
}

// cmsOK is a successful answer's common fields.
func cmsOK(body map[string]any) map[string]any {
	body["Code"], body["Success"] = "200", true
	return body
}

func (s *Server) describeMetricMetaList(req *request) (any, *apiError) {
	p := req.params
	ns, name := p.Get("Namespace"), p.Get("MetricName")
	var rows []map[string]any
	for _, m := range cmsMetrics {
		if ns != "" && ns != "acs_vpn" || name != "" && name != m.name {
			continue
		}
		dims := "userId,instanceId"
		if m.tunnel {
			dims += ",tunnelId"
		}
		rows = append(rows, map[string]any{"MetricName": m.name, "Namespace": "acs_vpn", "Description": m.desc,
			"Unit": m.unit, "Dimensions": dims, "Periods": "60,300,900", "Statistics": "Average,Minimum,Maximum", "Labels": "[]"})
	}
	_, _, lo, hi, err := pageWindow(p, len(rows), 10000)
	if err != nil {
		return nil, err
	}
	return cmsOK(map[string]any{"TotalCount": strconv.Itoa(len(rows)), "Resources": map[string]any{"Resource": rows[lo:hi]}}), nil
}

// cmsSeries is one instance (and tunnel) a DescribeMetricList answer has
// rows for.
type cmsSeries struct {
	conn   *connection
	tunnel string // empty: the connection's own
}

func (s *Server) describeMetricList(req *request) (any, *apiError) {
	p := req.params
	if p.Get("Namespace") == "" {
		return nil, missing("Namespace")
	}
	if p.Get("MetricName") == "" {
		return nil, missing("MetricName")
	}
	var metric *cmsMetric
	for i, m := range cmsMetrics {
		if p.Get("Namespace") == "acs_vpn" && m.name == p.Get("MetricName") {
			metric = &cmsMetrics[i]
		}
	}
	period := cmsDefaultPeriod
	if v := p.Get("Period"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n != 60 && n != 300 && n != 900 {
			return nil, errf(400, "InvalidParameter", "The specified Period is invalid: valid values are 60, 300 and 900.")
		}
		period = n
	}
	length := cmsDefaultLength
	if v := p.Get("Length"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > cmsMaxLength {
			return nil, errf(400, "InvalidParameter", "The specified Length is invalid.")
		}
		length = n
	}
	now := s.cfg.Now()
	per := time.Duration(period) * time.Second
	end, err := cmsTime(p.Get("EndTime"), now)
	if err != nil {
		return nil, errf(400, "InvalidParameter", "The specified EndTime is invalid.")
	}
	start, err := cmsTime(p.Get("StartTime"), end.Add(-time.Hour))
	if err != nil {
		return nil, errf(400, "InvalidParameter", "The specified StartTime is invalid.")
	}
	if !start.Before(end) {
		return nil, errf(400, "InvalidParameter", "StartTime must be earlier than EndTime.")
	}
	// The service keeps 60-second data 31 days, longer periods 91 days
	// (DescribeMetricList, Notes); and has nothing after now.
	keep := 91 * 24 * time.Hour
	if period == 60 {
		keep = 31 * 24 * time.Hour
	}
	start, end = maxTime(start, now.Add(-keep)), minTime(end, now)
	// The points of (start, end] on the period's grid, each stamped with
	// its period's end.
	first := start.Truncate(per).Add(per)
	points := 0
	if !end.Before(first) {
		points = int(end.Sub(first)/per) + 1
	}
	var series []cmsSeries
	if metric != nil {
		series, err = s.cmsSelect(req.region, p.Get("Dimensions"), metric.tunnel)
		if err != nil {
			return nil, errf(400, "InvalidParameter", "The specified Dimensions is invalid.")
		}
	}
	offset := 0
	if t := p.Get("NextToken"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			return nil, errf(400, "InvalidParameter", "The specified NextToken is invalid.")
		}
		offset = n
	}
	total := len(series) * points
	rows := []map[string]any{}
	for k := offset; k < min(offset+length, total); k++ {
		sr, at := series[k/points], first.Add(time.Duration(k%points)*per)
		v := s.cmsValue(sr, *metric, at.Add(-per), at)
		row := map[string]any{"timestamp": at.UnixMilli(), "userId": "1208863178610000", "instanceId": sr.conn.VpnConnectionId,
			"Average": v, "Maximum": v, "Minimum": v}
		if metric.traffic == 0 {
			row["Maximum"], row["Minimum"] = math.Ceil(v), math.Floor(v) // up at some time, down at some time
		}
		if sr.tunnel != "" {
			row["tunnelId"] = sr.tunnel
		}
		rows = append(rows, row)
	}
	body := map[string]any{"Period": strconv.Itoa(period)}
	if next := offset + length; next < total {
		body["NextToken"] = strconv.Itoa(next)
	}
	out, _ := json.Marshal(rows)
	body["Datapoints"] = string(out)
	return cmsOK(body), nil
}

// cmsTime reads StartTime or EndTime: UNIX milliseconds or
// YYYY-MM-DDThh:mm:ssZ (the reference page), or the "2019-01-30 00:00:00"
// of its example; empty gives def.
func cmsTime(v string, def time.Time) (time.Time, error) {
	if v == "" {
		return def, nil
	}
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.UnixMilli(ms), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05Z", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, strconv.ErrSyntax
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// cmsSelect is the series Dimensions names: a JSON object or an array of
// them, each with an instanceId (a connection's id) and, for a tunnel
// metric, an optional tunnelId; a connection of another region, or a
// tunnel it has not, is no series. Without Dimensions: every connection
// of the region (its scale gateway's left out).
func (s *Server) cmsSelect(region, dims string, tunnel bool) ([]cmsSeries, error) {
	r := s.world[region]
	var sel []map[string]any
	switch d := strings.TrimSpace(dims); {
	case d == "":
		for _, c := range r.allConnections() {
			sel = append(sel, map[string]any{"instanceId": c.VpnConnectionId})
		}
	case strings.HasPrefix(d, "["):
		if err := json.Unmarshal([]byte(d), &sel); err != nil {
			return nil, err
		}
	default:
		var one map[string]any
		if err := json.Unmarshal([]byte(d), &one); err != nil {
			return nil, err
		}
		sel = append(sel, one)
	}
	var out []cmsSeries
	for _, d := range sel {
		id, _ := d["instanceId"].(string)
		c := r.connection(id)
		if c == nil {
			continue
		}
		if !tunnel {
			out = append(out, cmsSeries{conn: c})
			continue
		}
		if c.TunnelOptionsSpecification == nil {
			continue // a single-tunnel connection has no tunnel metrics
		}
		want, _ := d["tunnelId"].(string)
		for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
			if want == "" || want == t.TunnelId {
				out = append(out, cmsSeries{conn: c, tunnel: t.TunnelId})
			}
		}
	}
	return out, nil
}

// cmsValue is the metric's value for series sr over [from, to).
func (s *Server) cmsValue(sr cmsSeries, m cmsMetric, from, to time.Time) float64 {
	up := upShare(sr.conn.historyOf(sr.tunnel, sr.status()), from, to)
	if m.traffic == 0 {
		return math.Round(up*1000) / 1000
	}
	if sr.tunnel != "" && !sr.carries(from) {
		// The standby tunnel: IKE keepalives (DPD) only.
		return math.Round(up * 640)
	}
	// A rate that moves with the hour, the same for the same moment.
	h := fnv.New32a()
	h.Write([]byte(sr.conn.VpnConnectionId + sr.tunnel + strconv.Itoa(m.traffic)))
	base := 2e6 + float64(h.Sum32()%8e6)
	wave := 0.6 + 0.4*math.Sin(float64(from.Unix()%86400)/86400*2*math.Pi)
	return math.Round(up * base * wave)
}

// status is the series' status now.
func (sr cmsSeries) status() string {
	if sr.tunnel == "" {
		return sr.conn.Status
	}
	for _, t := range sr.conn.TunnelOptionsSpecification.TunnelOptions {
		if t.TunnelId == sr.tunnel {
			return t.Status
		}
	}
	return ""
}

// carries is whether tunnel sr carried the connection's traffic at t: the
// master while it is up, else the slave.
func (sr cmsSeries) carries(t time.Time) bool {
	var master, self tunnelOptions
	for _, o := range sr.conn.TunnelOptionsSpecification.TunnelOptions {
		if o.Role == "master" {
			master = o
		}
		if o.TunnelId == sr.tunnel {
			self = o
		}
	}
	masterUp := sr.conn.historyOf(master.TunnelId, master.Status).at(t) == "ipsec_sa_established"
	return self.Role == "master" && masterUp || self.Role != "master" && !masterUp
}

// upShare is the share of [from, to) the timeline had its IPsec SA
// established.
func upShare(tl timeline, from, to time.Time) float64 {
	total := to.Sub(from)
	if total <= 0 {
		return 0
	}
	up := time.Duration(0)
	at, state := from, tl.at(from)
	for _, h := range tl.changes {
		if !h.at.After(from) {
			continue
		}
		if !h.at.Before(to) {
			break
		}
		if state == "ipsec_sa_established" {
			up += h.at.Sub(at)
		}
		at, state = h.at, h.to
	}
	if state == "ipsec_sa_established" {
		up += to.Sub(at)
	}
	return float64(up) / float64(total)
}
