package alibaba

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// PackConnection encodes a connection into a compact record, for lists
// that hold many of them: strings once, repeated words (statuses,
// algorithms, modes) as numbers into the symbol table, numbers as varints.
// A dual-tunnel connection packs into about a quarter of its size in
// memory. UnpackConnection gives back an equal Connection, secrets
// included; the record is never shown or written anywhere.
func PackConnection(c Connection) []byte {
	p := packer{b: make([]byte, 0, 512)}
	p.str(c.ID)
	p.str(c.Name)
	p.sym(c.GatewayID)
	p.str(c.CustomerGatewayID)
	p.sym(c.Status)
	p.sym(c.State)
	p.list(c.LocalSubnets)
	p.list(c.RemoteSubnets)
	p.flags(c.NATTraversal, c.DPD, c.EffectImmediately, c.TunnelsBGP, c.CrossAccountAuthorized)
	p.ike(c.IKE)
	p.ipsec(c.IPsec)
	h := c.HealthCheck
	p.flags(h.Enabled)
	p.sym(h.Status)
	p.str(h.SourceIP)
	p.str(h.DestIP)
	p.num(int64(h.Interval))
	p.num(int64(h.Retry))
	p.sym(h.Policy)
	p.bgp(c.BGP)
	p.sym(c.AttachType)
	p.str(c.AttachInstanceID)
	p.sym(c.NetworkType)
	p.sym(c.Spec)
	p.str(c.TransitRouterID)
	p.str(c.TransitRouterName)
	p.sym(c.InternetIP)
	p.str(c.RemoteCACert)
	p.sym(c.ResourceGroupID)
	p.time(c.Created)
	p.num(int64(len(c.Tags)))
	for _, t := range c.Tags {
		p.sym(t.Key)
		p.sym(t.Value)
	}
	p.num(int64(len(c.TunnelOptions)))
	for _, t := range c.TunnelOptions {
		p.str(t.ID)
		p.sym(t.Role)
		p.sym(t.State)
		p.sym(t.Status)
		p.sym(t.Zone)
		p.sym(t.InternetIP)
		p.str(t.CustomerGatewayID)
		p.flags(t.NATTraversal, t.DPD, t.Synthetic)
		p.bgp(t.BGP)
		p.ike(t.IKE)
		p.ipsec(t.IPsec)
		p.str(t.RemoteCACert)
	}
	return p.b
}

// ErrBadRecord is UnpackConnection's answer to a record it did not write.
var ErrBadRecord = errors.New("not a packed connection")

// UnpackConnection decodes a record from PackConnection.
func UnpackConnection(b []byte) (Connection, error) {
	u := unpacker{b: b}
	var c Connection
	c.ID = u.str()
	c.Name = u.str()
	c.GatewayID = u.str()
	c.CustomerGatewayID = u.str()
	c.Status = u.str()
	c.State = u.str()
	c.LocalSubnets = u.list()
	c.RemoteSubnets = u.list()
	u.flags(&c.NATTraversal, &c.DPD, &c.EffectImmediately, &c.TunnelsBGP, &c.CrossAccountAuthorized)
	c.IKE = u.ike()
	c.IPsec = u.ipsec()
	h := &c.HealthCheck
	u.flags(&h.Enabled)
	h.Status = u.str()
	h.SourceIP = u.str()
	h.DestIP = u.str()
	h.Interval = int(u.num())
	h.Retry = int(u.num())
	h.Policy = u.str()
	c.BGP = u.bgp()
	c.AttachType = u.str()
	c.AttachInstanceID = u.str()
	c.NetworkType = u.str()
	c.Spec = u.str()
	c.TransitRouterID = u.str()
	c.TransitRouterName = u.str()
	c.InternetIP = u.str()
	c.RemoteCACert = u.str()
	c.ResourceGroupID = u.str()
	c.Created = u.time()
	if n := u.count(); n > 0 {
		c.Tags = make([]api.Tag, n)
		for i := range c.Tags {
			c.Tags[i] = api.Tag{Key: u.str(), Value: u.str()}
		}
	}
	if n := u.count(); n > 0 {
		c.TunnelOptions = make([]Tunnel, n)
		for i := range c.TunnelOptions {
			t := &c.TunnelOptions[i]
			t.ID = u.str()
			t.Role = u.str()
			t.State = u.str()
			t.Status = u.str()
			t.Zone = u.str()
			t.InternetIP = u.str()
			t.CustomerGatewayID = u.str()
			u.flags(&t.NATTraversal, &t.DPD, &t.Synthetic)
			t.BGP = u.bgp()
			t.IKE = u.ike()
			t.IPsec = u.ipsec()
			t.RemoteCACert = u.str()
		}
	}
	if u.err != nil || len(u.b) != 0 {
		return Connection{}, ErrBadRecord
	}
	return c, nil
}

type packer struct{ b []byte }

// str writes a string inline: its length times two, then its bytes.
func (p *packer) str(s string) {
	p.b = binary.AppendUvarint(p.b, uint64(len(s))<<1)
	p.b = append(p.b, s...)
}

// sym writes a repeated word as its symbol number (odd tag), or inline
// when the table has no room for it.
func (p *packer) sym(s string) {
	if i, ok := symbol(s); ok {
		p.b = binary.AppendUvarint(p.b, uint64(i)<<1|1)
		return
	}
	p.str(s)
}

func (p *packer) num(n int64) { p.b = binary.AppendVarint(p.b, n) }

func (p *packer) flags(bs ...bool) {
	var f byte
	for i, b := range bs {
		if b {
			f |= 1 << i
		}
	}
	p.b = append(p.b, f)
}

func (p *packer) list(ss []string) {
	p.num(int64(len(ss)))
	for _, s := range ss {
		p.sym(s)
	}
}

func (p *packer) time(t time.Time) {
	if t.IsZero() {
		p.flags(false)
		return
	}
	p.flags(true)
	p.num(t.UnixNano())
}

func (p *packer) ike(k IKEConfig) {
	p.sym(k.Version)
	p.sym(k.Mode)
	p.sym(k.EncAlg)
	p.sym(k.AuthAlg)
	p.sym(k.DHGroup)
	p.num(k.LifetimeSeconds)
	p.sym(k.LocalID)
	p.str(k.RemoteID)
	p.str(k.PSK.Reveal())
}

func (p *packer) ipsec(s IPsecConfig) {
	p.sym(s.EncAlg)
	p.sym(s.AuthAlg)
	p.sym(s.PFS)
	p.num(s.LifetimeSeconds)
}

func (p *packer) bgp(b BGPConfig) {
	p.flags(b.Enabled)
	p.sym(b.Status)
	p.num(b.LocalASN)
	p.num(b.PeerASN)
	p.str(b.LocalIP)
	p.str(b.PeerIP)
	p.str(b.TunnelCIDR)
	p.str(b.AuthKey.Reveal())
}

// unpacker reads what packer wrote; the first error sticks and every read
// after it returns a zero value.
type unpacker struct {
	b   []byte
	err error
}

func (u *unpacker) uvarint() uint64 {
	if u.err != nil {
		return 0
	}
	v, n := binary.Uvarint(u.b)
	if n <= 0 {
		u.err = ErrBadRecord
		return 0
	}
	u.b = u.b[n:]
	return v
}

func (u *unpacker) str() string {
	tag := u.uvarint()
	if tag&1 == 1 {
		s, ok := symbolAt(uint32(tag >> 1))
		if !ok {
			u.err = ErrBadRecord
		}
		return s
	}
	n := tag >> 1
	if u.err != nil || n > uint64(len(u.b)) {
		u.err = ErrBadRecord
		return ""
	}
	s := string(u.b[:n])
	u.b = u.b[n:]
	return s
}

func (u *unpacker) num() int64 {
	if u.err != nil {
		return 0
	}
	v, n := binary.Varint(u.b)
	if n <= 0 {
		u.err = ErrBadRecord
		return 0
	}
	u.b = u.b[n:]
	return v
}

// count reads a slice length, refusing more than the record could hold.
func (u *unpacker) count() int {
	n := u.num()
	if n < 0 || n > int64(len(u.b)) {
		u.err = ErrBadRecord
		return 0
	}
	return int(n)
}

func (u *unpacker) flags(bs ...*bool) {
	if u.err != nil || len(u.b) == 0 {
		u.err = ErrBadRecord
		return
	}
	f := u.b[0]
	u.b = u.b[1:]
	for i, b := range bs {
		*b = f&(1<<i) != 0
	}
}

func (u *unpacker) list() []string {
	n := u.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = u.str()
	}
	return out
}

func (u *unpacker) time() time.Time {
	var set bool
	u.flags(&set)
	if !set {
		return time.Time{}
	}
	return time.Unix(0, u.num()).UTC()
}

func (u *unpacker) ike() IKEConfig {
	return IKEConfig{Version: u.str(), Mode: u.str(), EncAlg: u.str(), AuthAlg: u.str(), DHGroup: u.str(),
		LifetimeSeconds: u.num(), LocalID: u.str(), RemoteID: u.str(), PSK: api.NewSecret(u.str())}
}

func (u *unpacker) ipsec() IPsecConfig {
	return IPsecConfig{EncAlg: u.str(), AuthAlg: u.str(), PFS: u.str(), LifetimeSeconds: u.num()}
}

func (u *unpacker) bgp() BGPConfig {
	var b BGPConfig
	u.flags(&b.Enabled)
	b.Status = u.str()
	b.LocalASN = u.num()
	b.PeerASN = u.num()
	b.LocalIP = u.str()
	b.PeerIP = u.str()
	b.TunnelCIDR = u.str()
	b.AuthKey = api.NewSecret(u.str())
	return b
}
