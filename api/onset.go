package api

import "time"

// Onset is since when one source says a resource has been in its state:
// at least since At (it may have begun earlier still). An outage shows one
// time on every screen, the earliest any source gives, said with where it
// comes from, never a second, later "since" beside it.
type Onset struct {
	At     time.Time
	Source string // OnsetLastChange, OnsetJournal, OnsetLog
}

// The sources of an onset, in the words every screen labels them with.
const (
	// OnsetLastChange: the service's last status change (an AWS tunnel's
	// LastStatusChange moves on any IKE, IPsec or BGP change,
	// API_VgwTelemetry): the state has held at least since then.
	OnsetLastChange = "last status change (AWS)"
	// OnsetJournal: when vpnscope first saw it so (the state journal).
	OnsetJournal = "first seen by vpnscope"
	// OnsetLog: a failure the negotiation log shows (on Alibaba Cloud,
	// the line DiagnoseVpnConnections quotes, with its time).
	OnsetLog = "in the negotiation log"
	// OnsetMetric: the service's state metric's history (CloudWatch
	// TunnelState, CloudMonitor), to its period.
	OnsetMetric = "the service's state metric"
)

// Earliest is the earliest of the onsets that have a time; ok is false
// when none has.
func Earliest(os ...Onset) (o Onset, ok bool) {
	for _, x := range os {
		if !x.At.IsZero() && (!ok || x.At.Before(o.At)) {
			o, ok = x, true
		}
	}
	return o, ok
}

// OnsetOf is a finding's Since as an onset: the service's last status
// change, or when vpnscope first saw it so.
func OnsetOf(f Finding) (Onset, bool) {
	if f.Since == nil {
		return Onset{}, false
	}
	switch f.SinceSource {
	case SinceLastChange:
		return Onset{At: *f.Since, Source: OnsetLastChange}, true
	case SinceMetric:
		return Onset{At: *f.Since, Source: OnsetMetric}, true
	}
	return Onset{At: *f.Since, Source: OnsetJournal}, true
}
