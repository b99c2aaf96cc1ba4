package aws

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// The problems scan's route paths: the connections on a virtual private
// gateway with a tunnel up (RoutePathApplies) are judged once the route
// tables of their gateways' VPCs are read, each VPC once whatever the
// number of connections, the VPCs at once, within the scan's bound.

// routeJob is a connection waiting for its route path, with its finding
// so far (nil when the tunnels say it is fine).
type routeJob struct {
	g      VPNGateway
	listed bool // DescribeVpnGateways listed the gateway
	c      VPNConnection
	f      *Finding
}

// errGatewayNotListed is a gateway a connection names that the gateway
// list did not hold: its VPCs are unknown, not "none".
var errGatewayNotListed = errors.New("the gateway list did not hold the connection's gateway")

// routePaths reads the route tables the jobs need and folds each
// connection's route path into its finding.
func (s *scan) routePaths(region string, gwErr error, jobs []routeJob) []*Finding {
	var vpcs []string
	for _, j := range jobs {
		if gwErr == nil && j.listed {
			for _, vpc := range RouteVPCs(j.g) {
				if !slices.Contains(vpcs, vpc) {
					vpcs = append(vpcs, vpc)
				}
			}
		}
	}
	tables := make([][]RouteTable, len(vpcs))
	errs := make([]error, len(vpcs))
	var wg sync.WaitGroup
	for i, vpc := range vpcs {
		wg.Go(func() {
			errs[i] = s.Call(func() (err error) {
				tables[i], err = s.c.RouteTables(s.ctx, region, RouteTableQuery{VpcID: vpc})
				return err
			})
			if errs[i] != nil {
				s.fail(region, vpc, fmt.Errorf("route tables: %w", errs[i]))
			}
		})
	}
	wg.Wait()
	out := make([]*Finding, 0, len(jobs))
	for _, j := range jobs {
		p := RoutePath{Gateway: j.g, Connection: j.c, GatewayErr: gwErr, TableErrs: map[string]error{}}
		if gwErr == nil && !j.listed {
			p.GatewayErr = errGatewayNotListed
		}
		for i, vpc := range vpcs {
			if !slices.Contains(RouteVPCs(j.g), vpc) {
				continue
			}
			if errs[i] != nil {
				p.TableErrs[vpc] = errs[i]
			}
			p.Tables = append(p.Tables, tables[i]...)
		}
		out = append(out, WithRoutePath(j.f, region, j.g, j.c, JudgeRoutePath(p)))
	}
	return out
}
