package api

import (
	"strings"
	"time"
)

// Change is one write event on a resource, from a cloud's audit trail
// (AWS CloudTrail, Alibaba Cloud ActionTrail): who made it, when, which
// action, from where, and with what parameters, secrets masked. Read-only
// events (Describe…, List…) are not changes and never become one.
type Change struct {
	ID     string
	Time   time.Time
	Action string // the API action: ModifyVpnTunnelOptions
	// Who is the caller as the trail names it: an ARN (a user, or a role
	// and its session) on AWS, a RAM user or role on Alibaba Cloud; Name is
	// its short form (alice, NetworkAdmin/bob).
	Who, Name string
	SourceIP  string
	Service   string // the service called: ec2.amazonaws.com, Vpc
	// Params are the request parameters, flattened to dotted paths in the
	// order read, every secret already masked (MaskParams).
	Params []Param
}

// Param is one request parameter: a dotted path and its value.
type Param struct{ Key, Value string }

// ChangeQuery asks for the changes to one resource in [Start, End), newest
// first; a window is read a page at a time.
type ChangeQuery struct {
	ResourceID string
	Start, End time.Time
}

// ChangeWindow is how far back the "what changed" list reads: both trails
// keep 90 days of events for lookup (CloudTrail API Reference, LookupEvents:
// "within the last 90 days"; ActionTrail LookupEvents: "the last 90 days").
const ChangeWindow = 90 * 24 * time.Hour

// Touches reports whether a change's parameters mention one of words: a
// pre-shared key change is a parameter named like one, whatever its value.
func (c Change) Touches(words ...string) bool {
	for _, p := range c.Params {
		last := p.Key[strings.LastIndexByte(p.Key, '.')+1:]
		for _, w := range words {
			if strings.EqualFold(last, w) {
				return true
			}
		}
	}
	return false
}

// NearBefore is the newest of changes (newest first) made at t or in the
// span within before it, and whether there is one: a change just before
// an outage.
func NearBefore(changes []Change, t time.Time, within time.Duration) (Change, bool) {
	for _, c := range changes {
		if !c.Time.After(t) && t.Sub(c.Time) <= within {
			return c, true
		}
	}
	return Change{}, false
}
