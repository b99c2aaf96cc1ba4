package ui

import (
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/journal"
)

// Account is the account a provider browses in a run over several of a
// cloud's accounts (issue 26): the profile's name, and the account id
// where the credentials give it. The zero Account is a run over one
// account per cloud, whose findings and journal records carry none, as
// before accounts were.
type Account struct {
	Name, ID string
}

// Accounted is a provider that browses one account of several: the app
// puts it in its crumbs, :account switches to it, and the overview gives
// its findings an ACCOUNT column.
type Accounted interface {
	Account() Account
}

// AccountSetter is a provider main tells which account it browses.
type AccountSetter interface {
	SetAccount(Account)
}

// InAccount is what a provider embeds to be Accounted and told its account.
type InAccount struct{ account Account }

func (a *InAccount) Account() Account     { return a.account }
func (a *InAccount) SetAccount(x Account) { a.account = x }

// AccountOf is the account p browses; the zero Account when it does not say.
func AccountOf(p Provider) Account {
	if a, ok := p.(Accounted); ok {
		return a.Account()
	}
	return Account{}
}

// StampAccount gives each finding the account it was found in, so that two
// accounts' same vpn-… are two findings and two journal keys.
func StampAccount[F any, P interface {
	*F
	api.Recordable
}](found []F, a Account) {
	if a == (Account{}) {
		return
	}
	for i := range found {
		f, _ := P(&found[i]).Record()
		f.Account, f.AccountID = a.Name, a.ID
	}
}

// InAccountStates puts tunnel states keyed without their account in a,
// as vpnscope problems records them (api.KeyInAccount).
func InAccountStates(states []api.ResourceState, a Account) []api.ResourceState {
	for i := range states {
		states[i].Key = api.KeyInAccount(states[i].Key, a.Name)
	}
	return states
}

// RecordScan records a whole scan of provider's in account a as vpnscope
// problems does (journal.RecordFindings): each finding, stamped with a,
// and the tunnels of its connection, in a; what the regions in failed
// hold is left as it was. It returns the findings as recorded, each with
// its since and flapping. For a command, off the update loop.
func RecordScan[F any, P interface {
	*F
	api.Recordable
}](j *journal.Journal, provider string, a Account, found []F, failed []string) ([]*api.Finding, error) {
	StampAccount[F, P](found, a)
	shared, tunnels := api.ToRecord[F, P](found)
	err := journal.RecordFindings(j, api.InAccount(provider, a.Name), shared, InAccountStates(tunnels, a), journal.RegionsChecked(nil, failed))
	return shared, err
}
