package aws

import (
	"fmt"
	"slices"
	"sync"
)

// The problems scan's transit gateway route paths: the connections on a
// transit gateway with a tunnel up (TGWPathApplies) are judged once their
// attachments, propagations and route tables are read: one
// DescribeTransitGatewayAttachments for every such connection of the
// region, one GetTransitGatewayAttachmentPropagations per attachment (the
// API has no batch), and one SearchTransitGatewayRoutes per route table,
// whatever the number of connections that use it; each step's calls at
// once, within the scan's bound.

// tgwJob is a connection on a transit gateway waiting for its route path,
// with its finding so far (nil when the tunnels say it is fine).
type tgwJob struct {
	g VPNGateway
	c VPNConnection
	f *Finding
}

// transitPaths reads what the jobs need and folds each connection's route
// path into its finding.
func (s *scan) transitPaths(region string, jobs []tgwJob) []*Finding {
	if len(jobs) == 0 {
		return nil
	}
	var ids []string
	for _, j := range jobs {
		ids = append(ids, j.c.ID)
	}
	var atts []TGWAttachment
	attErr := s.Call(func() (err error) {
		atts, err = s.c.TransitAttachments(s.ctx, region, TGWAttachmentQuery{ConnectionIDs: ids})
		return err
	})
	if attErr != nil {
		s.fail(region, "", fmt.Errorf("transit gateway attachments: %w", attErr))
	}
	paths := make([]TGWPath, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		paths[i] = TGWPath{Connection: j.c, AttachmentErr: attErr, Tables: map[string]TGWRouteTable{}, TableErrs: map[string]error{}}
		if attErr != nil {
			continue
		}
		paths[i].Attachment = AttachmentFor(j.c.ID, atts)
		if paths[i].Attachment == nil {
			continue
		}
		wg.Go(func() {
			p := &paths[i]
			p.PropagationErr = s.Call(func() (err error) {
				p.Propagations, err = s.c.TransitPropagations(s.ctx, region, TGWPropagationQuery{AttachmentID: p.Attachment.ID})
				return err
			})
			if p.PropagationErr != nil {
				s.fail(region, j.c.ID, fmt.Errorf("transit gateway propagations: %w", p.PropagationErr))
			}
		})
	}
	wg.Wait()
	var tables []string
	for _, p := range paths {
		for _, id := range p.PathTables() {
			if !slices.Contains(tables, id) {
				tables = append(tables, id)
			}
		}
	}
	read := make([]TGWRouteTable, len(tables))
	errs := make([]error, len(tables))
	for i, id := range tables {
		wg.Go(func() {
			errs[i] = s.Call(func() (err error) {
				read[i], err = s.c.TransitRoutes(s.ctx, region, TGWRouteQuery{TableID: id})
				return err
			})
			if errs[i] != nil {
				s.fail(region, id, fmt.Errorf("transit gateway routes: %w", errs[i]))
			}
		})
	}
	wg.Wait()
	out := make([]*Finding, 0, len(jobs))
	for k, j := range jobs {
		p := paths[k]
		for _, id := range p.PathTables() {
			i := slices.Index(tables, id)
			if errs[i] != nil {
				p.TableErrs[id] = errs[i]
				continue
			}
			p.Tables[id] = read[i]
		}
		out = append(out, WithRoutePath(j.f, region, j.g, j.c, JudgeTGWPath(p)))
	}
	return out
}
