package alibaba

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/vpnscope/vpnscope/api"
)

// Reading a gateway's part of the route path: its routes of each kind and
// the route tables of its VPC with their entries to it, every page, the
// independent reads at once. The view and the problems scan both read
// through here; call wraps each page's call (the scan's bound on calls in
// flight, which counts each; a plain call for the view).

// routeMaxPages bounds one list's pages: a VPN gateway's route quota is in
// the hundreds, so an endpoint that pages for ever cannot hold a reader.
const routeMaxPages = 40

// GatewayRoutes is what was read of one gateway: its routes by kind,
// the kinds that could not be read, its VPC's route tables with their
// entries to it, and why they could not be read.
type GatewayRoutes struct {
	Routes    map[string][]VPNRoute
	RouteErrs map[string]error
	Tables    []RouteTable
	TablesErr error
	// NotServed are the actions the endpoint does not serve
	// (InvalidApi.NotFound), see RoutePath.NotServed.
	NotServed []string
}

// Path is the route path of connection c on gateway g from what was read.
func (gr GatewayRoutes) Path(g Gateway, c Connection) RoutePath {
	return RoutePath{Gateway: g, Connection: c, Routes: gr.Routes, RouteErrs: gr.RouteErrs, Tables: gr.Tables, TablesErr: gr.TablesErr,
		NotServed: gr.NotServed}
}

// codeNotServed is the service's answer to an action it does not have:
// "Specified api is not found, please check your url and method."
const codeNotServed = "InvalidApi.NotFound"

// notServed reports an endpoint that does not serve the action at all (a
// region or a cloud without it), which is not a failed read: there is
// nothing of that kind to read there.
func notServed(err error) bool {
	e, ok := api.AsError(err)
	return ok && e.Code == codeNotServed
}

// CallFunc runs one API call.
type CallFunc func(func() error) error

// Direct runs a call as it is.
func Direct(fn func() error) error { return fn() }

// errNoVPC is a gateway whose VPC is not known (the gateway list did not
// hold it): its route tables cannot be read, which is not "none".
var errNoVPC = fmt.Errorf("the gateway's VPC is not known (the gateway list did not give it)")

// ReadGatewayRoutes reads gateway g's routes of kinds and its VPC's route
// tables; fresh reads past what the client keeps.
func ReadGatewayRoutes(ctx context.Context, c Client, call CallFunc, region string, g Gateway, kinds []string, fresh bool) GatewayRoutes {
	out := GatewayRoutes{Routes: map[string][]VPNRoute{}, RouteErrs: map[string]error{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, kind := range kinds {
		wg.Go(func() {
			q := RouteQuery{GatewayID: g.ID, Kind: kind, Fresh: fresh}
			routes, err := allPages(call, RouteAction(kind), api.FirstPage(MaxPageSize), func(cur api.Cursor) (api.Page[VPNRoute], error) {
				return c.VPNRoutes(ctx, region, q, cur)
			})
			mu.Lock()
			defer mu.Unlock()
			out.Routes[kind] = routes
			switch {
			case notServed(err):
				out.NotServed = append(out.NotServed, RouteAction(kind)) // no routes of this kind there
			case err != nil:
				out.RouteErrs[kind] = err
			}
		})
	}
	wg.Go(func() {
		tables, err := readTables(ctx, c, call, region, g, fresh)
		mu.Lock()
		defer mu.Unlock()
		if e, ok := api.AsError(err); ok && notServed(err) {
			out.NotServed = append(out.NotServed, e.Action)
			return
		}
		out.Tables, out.TablesErr = tables, err
	})
	wg.Wait()
	slices.Sort(out.NotServed)
	out.NotServed = slices.Compact(out.NotServed)
	return out
}

// readTables reads the route tables of g's VPC, then each table's entries
// to g at once.
func readTables(ctx context.Context, c Client, call CallFunc, region string, g Gateway, fresh bool) ([]RouteTable, error) {
	if g.VpcID == "" {
		return nil, errNoVPC
	}
	tables, err := allPages(call, "DescribeRouteTableList", api.FirstPage(MaxPageSize), func(cur api.Cursor) (api.Page[RouteTable], error) {
		return c.RouteTableList(ctx, region, RouteTableQuery{VpcID: g.VpcID, Fresh: fresh}, cur)
	})
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for i := range tables {
		wg.Go(func() {
			q := RouteEntryQuery{TableID: tables[i].ID, GatewayID: g.ID, Fresh: fresh}
			tables[i].Entries, errs[i] = allPages(call, "DescribeRouteEntryList", api.FirstPage(100), func(cur api.Cursor) (api.Page[RouteEntry], error) {
				return c.RouteEntries(ctx, region, q, cur)
			})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return tables, nil
}

// allPages reads every page from first, each through call, at most
// routeMaxPages. When the first page of a numbered list gives the total,
// the other pages are asked for at once (call still bounds them), as the
// scan reads connections: a gateway with 520 routes costs two round trips,
// not eleven.
func allPages[T any](call CallFunc, action string, first api.Cursor, read func(api.Cursor) (api.Page[T], error)) ([]T, error) {
	var p api.Page[T]
	if err := call(func() (err error) { p, err = read(first); return err }); err != nil {
		return nil, err
	}
	out := p.Items
	if !p.More {
		return out, nil
	}
	if size := len(p.Items); p.Total > 0 && p.Next.Number() == 2 && size > 0 {
		pages := (p.Total + size - 1) / size
		if pages > routeMaxPages {
			return nil, tooManyPages(action)
		}
		got := make([][]T, pages+1)
		errs := make([]error, pages+1)
		var wg sync.WaitGroup
		for n := 2; n <= pages; n++ {
			wg.Go(func() {
				var pn api.Page[T]
				errs[n] = call(func() (err error) { pn, err = read(api.NumberCursor(n, first.Size())); return err })
				got[n] = pn.Items
			})
		}
		wg.Wait()
		for n := 2; n <= pages; n++ {
			if errs[n] != nil {
				return nil, errs[n]
			}
			out = append(out, got[n]...)
		}
		return out, nil
	}
	cur := p.Next
	for range routeMaxPages - 1 {
		if err := call(func() (err error) { p, err = read(cur); return err }); err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if !p.More {
			return out, nil
		}
		cur = p.Next
	}
	return nil, tooManyPages(action)
}

// tooManyPages is a list that did not end within routeMaxPages.
func tooManyPages(action string) error {
	return &api.Error{Action: action, Kind: api.KindServer, Code: "TooManyPages",
		Message: fmt.Sprintf("the answer did not end within %d pages: vpnscope reads no further", routeMaxPages)}
}
