package ec2client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Raw asks for one resource again, by id in its region, and returns its
// item as the AWS CLI prints it (`aws ec2 describe-vpn-connections`): the
// SDK's output item in JSON, PascalCase, in the SDK struct's order, absent
// fields left out, secrets masked.
func (c *Client) Raw(ctx context.Context, region string, r aws.RawRef) ([]byte, error) {
	item, err := c.rawItem(ctx, region, r)
	if err != nil {
		return nil, err
	}
	if item == nil {
		return nil, fmt.Errorf("%s %s is not in the answer", r.Kind, r.ID)
	}
	b, err := json.Marshal(item)
	if err != nil {
		return nil, err
	}
	b, err = cliJSON(b)
	if err != nil {
		return nil, err
	}
	return api.MaskJSON(b)
}

// rawItem is the SDK's item for r, nil when the answer does not hold it.
func (c *Client) rawItem(ctx context.Context, region string, r aws.RawRef) (any, error) {
	ep := awssdk.String(r.EndpointID)
	switch r.Kind {
	case aws.RawEndpoint:
		out, err := rawCall(c, ctx, "DescribeClientVpnEndpoints", region, c.ec2.DescribeClientVpnEndpoints,
			&ec2.DescribeClientVpnEndpointsInput{ClientVpnEndpointIds: []string{r.ID}})
		if err != nil {
			return nil, err
		}
		return first(out.ClientVpnEndpoints, func(e types.ClientVpnEndpoint) bool { return deref(e.ClientVpnEndpointId) == r.ID }), nil
	case aws.RawConnection:
		out, err := rawCall(c, ctx, "DescribeClientVpnConnections", region, c.ec2.DescribeClientVpnConnections,
			&ec2.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: ep, Filters: filters(aws.ConnectionFilter{ConnectionID: r.ID})})
		if err != nil {
			return nil, err
		}
		return first(out.Connections, func(x types.ClientVpnConnection) bool { return deref(x.ConnectionId) == r.ID }), nil
	case aws.RawTargetNetwork:
		out, err := rawCall(c, ctx, "DescribeClientVpnTargetNetworks", region, c.ec2.DescribeClientVpnTargetNetworks,
			&ec2.DescribeClientVpnTargetNetworksInput{ClientVpnEndpointId: ep, AssociationIds: []string{r.ID}})
		if err != nil {
			return nil, err
		}
		return first(out.ClientVpnTargetNetworks, func(x types.TargetNetwork) bool { return deref(x.AssociationId) == r.ID }), nil
	case aws.RawRoute:
		f := []types.Filter{{Name: awssdk.String("destination-cidr"), Values: []string{r.ID}}}
		if r.Subnet != "" {
			f = append(f, types.Filter{Name: awssdk.String("target-subnet"), Values: []string{r.Subnet}})
		}
		out, err := rawCall(c, ctx, "DescribeClientVpnRoutes", region, c.ec2.DescribeClientVpnRoutes,
			&ec2.DescribeClientVpnRoutesInput{ClientVpnEndpointId: ep, Filters: f})
		if err != nil {
			return nil, err
		}
		return first(out.Routes, func(x types.ClientVpnRoute) bool {
			return deref(x.DestinationCidr) == r.ID && (r.Subnet == "" || deref(x.TargetSubnet) == r.Subnet)
		}), nil
	case aws.RawRule:
		f := []types.Filter{{Name: awssdk.String("destination-cidr"), Values: []string{r.ID}}}
		if r.Group != "" {
			f = append(f, types.Filter{Name: awssdk.String("group-id"), Values: []string{r.Group}})
		}
		out, err := rawCall(c, ctx, "DescribeClientVpnAuthorizationRules", region, c.ec2.DescribeClientVpnAuthorizationRules,
			&ec2.DescribeClientVpnAuthorizationRulesInput{ClientVpnEndpointId: ep, Filters: f})
		if err != nil {
			return nil, err
		}
		return first(out.AuthorizationRules, func(x types.AuthorizationRule) bool {
			return deref(x.DestinationCidr) == r.ID && deref(x.GroupId) == r.Group
		}), nil
	case aws.RawVPNConnection:
		out, err := rawCall(c, ctx, "DescribeVpnConnections", region, c.ec2.DescribeVpnConnections,
			&ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{r.ID}})
		if err != nil {
			return nil, err
		}
		x := first(out.VpnConnections, func(x types.VpnConnection) bool { return deref(x.VpnConnectionId) == r.ID })
		if x != nil && x.CustomerGatewayConfiguration != nil {
			// The device's configuration holds both tunnels' keys in clear.
			x.CustomerGatewayConfiguration = awssdk.String(api.Mask)
		}
		return x, nil
	case aws.RawGateway:
		if strings.HasPrefix(r.ID, "tgw-") {
			out, err := rawCall(c, ctx, "DescribeTransitGateways", region, c.ec2.DescribeTransitGateways,
				&ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{r.ID}})
			if err != nil {
				return nil, err
			}
			return first(out.TransitGateways, func(x types.TransitGateway) bool { return deref(x.TransitGatewayId) == r.ID }), nil
		}
		out, err := rawCall(c, ctx, "DescribeVpnGateways", region, c.ec2.DescribeVpnGateways,
			&ec2.DescribeVpnGatewaysInput{VpnGatewayIds: []string{r.ID}})
		if err != nil {
			return nil, err
		}
		return first(out.VpnGateways, func(x types.VpnGateway) bool { return deref(x.VpnGatewayId) == r.ID }), nil
	}
	return nil, fmt.Errorf("no raw view of a %s", r.Kind)
}

// rawCall runs one Describe in region with vpnscope's retries and errors.
func rawCall[In, Out any](c *Client, ctx context.Context, action, region string,
	send func(context.Context, *In, ...func(*ec2.Options)) (*Out, error), in *In) (*Out, error) {
	var out *Out
	err := c.call(ctx, action, func() (err error) {
		out, err = send(ctx, in, inRegion(region))
		return err
	})
	return out, err
}

// first is a pointer to a copy of the first item that is the one asked
// for; nil when none is.
func first[T any](items []T, is func(T) bool) *T {
	for _, x := range items {
		if is(x) {
			return &x
		}
	}
	return nil
}

// cliJSON drops what the AWS CLI does not print, an absent field (null,
// an unset enum's ""), and makes every string safe for the terminal,
// keeping the keys' order.
func cliJSON(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out bytes.Buffer
	if _, err := cliValue(dec, &out); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return out.Bytes(), nil
}

// cliValue copies the next value, compact; it reports false (writing
// nothing) for one to leave out.
func cliValue(dec *json.Decoder, out *bytes.Buffer) (bool, error) {
	t, err := dec.Token()
	if err != nil {
		return false, err
	}
	switch v := t.(type) {
	case json.Delim:
		closing := byte('}')
		if v == '[' {
			closing = ']'
		}
		out.WriteByte(byte(v))
		n := 0
		for dec.More() {
			var key []byte
			if v == '{' {
				k, err := dec.Token()
				if err != nil {
					return false, err
				}
				key, _ = json.Marshal(k)
			}
			var item bytes.Buffer
			keep, err := cliValue(dec, &item)
			if err != nil {
				return false, err
			}
			if !keep && v == '{' {
				continue
			}
			if n > 0 {
				out.WriteByte(',')
			}
			if v == '{' {
				out.Write(key)
				out.WriteByte(':')
			}
			if !keep {
				item.WriteString("null")
			}
			out.Write(item.Bytes())
			n++
		}
		if _, err := dec.Token(); err != nil {
			return false, err
		}
		out.WriteByte(closing)
	case string:
		if v == "" {
			return false, nil
		}
		q, _ := json.Marshal(api.Printable(v))
		out.Write(q)
	case nil:
		return false, nil
	case json.Number:
		out.WriteString(v.String())
	case bool:
		fmt.Fprint(out, v)
	}
	return true, nil
}
