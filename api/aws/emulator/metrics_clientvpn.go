package emulator

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// AWS/ClientVPN's metrics, an endpoint's story told again from the world:
// Client VPN "publishes the following metrics ... every five minutes"
// per Endpoint (AWS Client VPN Administrator Guide, "Monitoring with
// Amazon CloudWatch"). At each five-minute mark:
//   - ActiveConnectionsCount is the connections open then, so the latest
//     agrees with the ones DescribeClientVpnConnections lists as active
//     (and failed-to-terminate: still connected);
//   - AuthenticationFailures are the attempts that failed authentication
//     in the five minutes, the ones the list shows terminated with
//     "Client authentication failed";
//   - IngressBytes and EgressBytes are each connection's bytes spread
//     evenly over its life, the five minutes' share;
//   - CrlDaysToExpiry is the whole days until the imported client
//     certificate revocation list's next update (negative once past); an
//     endpoint with none imported publishes nothing.

// crlExpiry is when the seeded endpoint's client CRL expires: corp-vpn's
// in three days (a finding), eu-staff's in forty; none for the rest.
func crlExpiry(now time.Time, name string) time.Time {
	switch name {
	case "corp-vpn":
		return now.Add(3*24*time.Hour + 10*time.Hour)
	case "eu-staff":
		return now.Add(40*24*time.Hour + 5*time.Hour)
	}
	return time.Time{}
}

// clientSpan is a connection's life as the metrics read it.
type clientSpan struct {
	from, to time.Time // to: the data clock's now while open
	open     bool
	authFail bool
	in, out  float64
	lived    bool // has a life to spread its bytes over
}

func endpointSpans(e *endpoint, now time.Time) []clientSpan {
	out := make([]clientSpan, 0, len(e.connections))
	for _, c := range e.connections {
		from, err := time.Parse(connectionTime, c.EstablishedTime)
		if err != nil {
			continue
		}
		sp := clientSpan{from: from, to: now, open: c.endedAt.IsZero(),
			authFail: strings.Contains(c.Status.Message, "authentication failed")}
		if !sp.open {
			sp.to = c.endedAt
		}
		sp.in, _ = strconv.ParseFloat(c.IngressBytes, 64)
		sp.out, _ = strconv.ParseFloat(c.EgressBytes, 64)
		sp.lived = sp.to.After(sp.from)
		out = append(out, sp)
	}
	return out
}

// endpointSeries is one AWS/ClientVPN metric of endpoint id over
// [start, end) at period p, the stat of each period's five-minute points;
// none for an endpoint it does not have.
func (s *Server) endpointSeries(region, id, name, stat string, start, end time.Time, p time.Duration) (ts, vs cbor.List) {
	var e *endpoint
	for _, x := range s.world[region] {
		if x.ID == id {
			e = x
		}
	}
	if e == nil {
		return nil, nil
	}
	now := s.cfg.Now()
	spans := endpointSpans(e, now)
	for t := start.Truncate(p); t.Before(end); t = t.Add(p) {
		var pts []float64
		for m := t.Truncate(publishEvery); m.Before(t.Add(p)); m = m.Add(publishEvery) {
			if m.Before(t) || m.After(now) {
				continue
			}
			if x, ok := endpointSample(e, spans, name, m); ok {
				pts = append(pts, x)
			}
		}
		if x, ok := statOf(stat, pts); ok {
			ts, vs = append(ts, &cbor.Tag{ID: 1, Value: cbor.Uint(t.Unix())}), append(vs, cbor.Float64(x))
		}
	}
	return ts, vs
}

// publishEvery is how often Client VPN publishes its metrics.
const publishEvery = 5 * time.Minute

// endpointSample is metric name's point published at mark m, covering
// [m, m+5 min).
func endpointSample(e *endpoint, spans []clientSpan, name string, m time.Time) (float64, bool) {
	next := m.Add(publishEvery)
	switch name {
	case "ActiveConnectionsCount":
		n := 0
		for _, sp := range spans {
			if !sp.authFail && !sp.from.After(m) && (sp.open || sp.to.After(m)) {
				n++
			}
		}
		return float64(n), true
	case "AuthenticationFailures":
		n := 0
		for _, sp := range spans {
			if sp.authFail && !sp.from.Before(m) && sp.from.Before(next) {
				n++
			}
		}
		return float64(n), true
	case "IngressBytes", "EgressBytes":
		sum := 0.0
		for _, sp := range spans {
			if !sp.lived || sp.authFail {
				continue
			}
			lo, hi := maxTime(sp.from, m), minTime(sp.to, next)
			if !hi.After(lo) {
				continue
			}
			total := sp.in
			if name == "EgressBytes" {
				total = sp.out
			}
			sum += total * float64(hi.Sub(lo)) / float64(sp.to.Sub(sp.from))
		}
		return math.Round(sum), true
	case "CrlDaysToExpiry":
		if e.crlExpires.IsZero() {
			return 0, false
		}
		return math.Floor(float64(e.crlExpires.Sub(m)) / float64(24*time.Hour)), true
	}
	return 0, false
}

// statOf is a period's statistic of its points; false for none.
func statOf(stat string, pts []float64) (float64, bool) {
	if len(pts) == 0 {
		return 0, false
	}
	sum, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	for _, x := range pts {
		sum, lo, hi = sum+x, min(lo, x), max(hi, x)
	}
	switch stat {
	case "Sum":
		return sum, true
	case "Minimum":
		return lo, true
	case "Maximum":
		return hi, true
	case "SampleCount":
		return float64(len(pts)), true
	}
	return sum / float64(len(pts)), true
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
