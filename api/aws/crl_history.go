package aws

import (
	"context"
	"slices"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The CRL check of `vpnscope problems --history`: CrlDaysToExpiry is a
// reading of a metric, so it is read only when the scan is asked for
// metrics, and in the same per-region GetMetricData batch as the down
// tunnels' TunnelState (one more query an endpoint): no call of its own.

// HistoryReader reads a region's tunnel states and endpoints' CRL days in
// one batch. ec2client's Client implements it.
type HistoryReader interface {
	RegionHistory(ctx context.Context, region string, tunnels []TunnelRef, endpoints []string, end time.Time, span time.Duration) (RegionHistory, int, error)
}

// RegionHistory is one region's answer: each tunnel's TunnelState, each
// endpoint's CrlDaysToExpiry (keyed by its id).
type RegionHistory struct {
	Tunnels map[TunnelRef]Series
	CRLDays map[string]Series
}

// EndpointRef is a Client VPN endpoint the scan listed (ScanEvent.EndpointRefs).
type EndpointRef struct{ Region, ID, Name string }

// FillHistory reads one batch per region with a down tunnel or an
// endpoint. It sets the since of each finding about a connection with a
// tunnel down from the TunnelState history, where the metric gives an
// earlier time than the finding has (the tunnel's LastStatusChange, which
// moves on any IKE, IPsec or BGP change, or the journal's first sight):
// the connection has held its state since the last of its down tunnels
// went down; SinceSource is then api.SinceMetric. And each endpoint whose
// CRL has expired or expires within CRLWarnDays gets a finding
// (CRLFinding), folded into the endpoint's own finding when it has one
// (the worse cause leads). It returns the findings, the calls made and
// the first region's error; a region whose read fails keeps its findings
// as they were.
func FillHistory(ctx context.Context, r HistoryReader, findings []Finding, endpoints []EndpointRef, end time.Time, span time.Duration) ([]Finding, int, error) {
	regions, byRegion := downByRegion(findings)
	epByRegion := map[string][]EndpointRef{}
	for _, e := range endpoints {
		if _, seen := byRegion[e.Region]; !seen && len(epByRegion[e.Region]) == 0 {
			regions = append(regions, e.Region)
		}
		epByRegion[e.Region] = append(epByRegion[e.Region], e)
	}
	calls := 0
	var err error
	for _, region := range regions {
		ids := make([]string, len(epByRegion[region]))
		for i, e := range epByRegion[region] {
			ids[i] = e.ID
		}
		h, n, rerr := r.RegionHistory(ctx, region, downRefs(findings, byRegion[region]), ids, end, span)
		calls += n
		if rerr != nil {
			if err == nil {
				err = rerr
			}
			continue
		}
		applySince(findings, byRegion[region], h.Tunnels)
		for _, e := range epByRegion[region] {
			findings = withCRL(findings, e, h.CRLDays[e.ID])
		}
	}
	return findings, calls, err
}

// withCRL adds endpoint ref's CRL finding, if any, to findings: into the
// endpoint's own finding when it has one, else as its own.
func withCRL(findings []Finding, ref EndpointRef, days Series) []Finding {
	i := slices.IndexFunc(findings, func(f Finding) bool {
		return f.Region == ref.Region && f.Resource == "client-vpn-endpoint" && f.ResourceID == ref.ID
	})
	e := Endpoint{ID: ref.ID, Name: ref.Name}
	if i >= 0 && findings[i].Endpoint != nil {
		e = *findings[i].Endpoint
	}
	crl := CRLFinding(ref.Region, e, days)
	switch {
	case crl == nil:
		return findings
	case i < 0:
		return append(findings, *crl)
	}
	f := &findings[i]
	if crl.Impact < f.Impact { // worse: it leads, the old lead is "also"
		f.Also = append([]api.Cause{f.Cause}, f.Also...)
		f.Impact, f.Cause = crl.Impact, crl.Cause
	} else {
		f.Also = append(f.Also, crl.Cause)
	}
	return findings
}
