package emulator

import (
	"fmt"
	"strconv"
)

// Several key pairs, each its own account: the first key pair's is the
// Server itself (its world, SetTunnelStatus and the like); each further
// one is a Server of its own with its own world, answering through the
// front's listener, faults and request log.

// KeyPair is an access key id and its secret.
type KeyPair struct{ AccessKeyID, SecretAccessKey string }

// DemoKeyPair is the demo's key pair n (1 is DemoAccessKeyID's): further
// accounts for `vpnscope emulator --accounts N` and the demo.
func DemoKeyPair(n int) KeyPair {
	return KeyPair{AccessKeyID: fmt.Sprintf("AKIAVPNSCOPEDEMO%04d", n), SecretAccessKey: fmt.Sprintf("vpnscope/demo/secret/not/a/real/key/%04d", n)}
}

// ServedAccount is one account the emulator serves: its key pair and the 12-digit
// account id sts:GetCallerIdentity answers for it.
type ServedAccount struct {
	KeyPair
	ID string
}

// Accounts are the accounts served, the first key pair's first.
func (s *Server) Accounts() []ServedAccount {
	var out []ServedAccount
	for _, a := range s.accounts {
		out = append(out, ServedAccount{KeyPair{a.cfg.AccessKeyID, a.cfg.SecretAccessKey}, a.accountID})
	}
	return out
}

// account is the account whose key id this is, or nil.
func (s *Server) account(keyID string) *Server {
	for _, a := range s.accounts {
		if a.cfg.AccessKeyID == keyID {
			return a
		}
	}
	return nil
}

// checkKeys refuses two accounts with one key id: the second could never
// be reached.
func (s *Server) checkKeys() error {
	seen := map[string]bool{}
	for _, a := range s.accounts {
		if seen[a.cfg.AccessKeyID] {
			return fmt.Errorf("the access key id %s is given to two accounts", a.cfg.AccessKeyID)
		}
		seen[a.cfg.AccessKeyID] = true
	}
	return nil
}

// accountID is account n's id, 12 digits: 123456789012 for the first (the
// id the world's ARNs name), then steps of 111111111111 modulo 10^12,
// which never repeat (the step is prime to 10^12).
func accountID(n uint64) string {
	id := (123456789012 + n*111111111111) % 1_000_000_000_000
	s := strconv.FormatUint(id, 10)
	return fmt.Sprintf("%012s", s)
}
