package emulator

import (
	"fmt"
	"slices"
)

// Several key pairs, each its own account (issue 26): the first key
// pair's is the Server itself; each further one is a Server of its own
// with its own world (the same seeded shape, its own state: what one
// account creates the other never lists), answering through the front's
// listener, faults, nonces and request log.

// KeyPair is an AccessKey id and its secret.
type KeyPair struct{ AccessKeyID, AccessKeySecret string }

// DemoKeyPair is the demo's key pair n: 1 is DemoAccessKeyID's, further
// ones are further accounts for `vpnscope emulator --accounts N`.
func DemoKeyPair(n int) KeyPair {
	if n <= 1 {
		return KeyPair{DemoAccessKeyID, DemoAccessKeySecret}
	}
	return KeyPair{fmt.Sprintf("LTAI5tVpnscopeDemo%04d", n), fmt.Sprintf("vpnscope-demo-secret-not-a-real-key-%04d", n)}
}

// Accounts are the key pairs served, the first key pair's first.
func (s *Server) Accounts() []KeyPair {
	out := []KeyPair{{s.cfg.AccessKeyID, s.cfg.AccessKeySecret}}
	for _, a := range s.accounts {
		out = append(out, KeyPair{a.cfg.AccessKeyID, a.cfg.AccessKeySecret})
	}
	return out
}

// withAccounts gives s an account of its own for each further key pair
// of its config.
func withAccounts(s *Server) *Server {
	for _, k := range s.cfg.Accounts {
		cfg := s.cfg
		cfg.AccessKeyID, cfg.AccessKeySecret, cfg.Accounts, cfg.Faults = k.AccessKeyID, k.AccessKeySecret, nil, nil
		a := New(cfg)
		a.faults, a.log, a.ids, a.nonces = s.faults, s.log, s.ids, s.nonces
		s.accounts = append(s.accounts, a)
	}
	return s
}

// accountFor is the account whose key id keyID is: s itself unless a
// further account's is (an unknown key is refused by s, as the service
// refuses it).
func (s *Server) accountFor(keyID string) *Server {
	if i := slices.IndexFunc(s.accounts, func(a *Server) bool { return a.cfg.AccessKeyID == keyID }); i >= 0 {
		return s.accounts[i]
	}
	return s
}
