package api

// Lifecycle is what a resource's own state says about whether it serves.
// Each provider maps its state words onto it (AWS: pending, available,
// modifying, deleting, deleted; Alibaba Cloud: init, provisioning, active,
// updating, deleting), and RankLifecycle is the one rule, for every
// provider and every kind of resource, that ranks a resource being
// created, changed or deleted:
//
//	lifecycle  served before  finding                              why
//	serving    -              judged on what it carries            tunnels, routes, probes decide
//	changing   -              judged on what it carries; a note    it still serves; changes are refused until it ends
//	                          when nothing else is wrong
//	creating   no             a note                               not serving yet: nothing depends on it
//	creating   yes            traffic down                         it served and no longer does (a Client VPN endpoint
//	                                                               whose last target network was removed is
//	                                                               pending-associate again): its users are cut off
//	deleting   -              a note                               removed on purpose: its traffic stopping is expected
//	gone       -              none                                 deleted: nothing left to fix
//	unknown    -              judged on what it carries; unknown   no state given, or a word no document names: whether
//	                          saying so when nothing else is       it serves is not known, and unknown outranks a note
//	                                                               (Impact): never taken as fine, never ranked below a note
//
// A resource being created or deleted is not judged on what it carries
// (its tunnels are not up yet, or are going away on purpose), so a
// Site-to-Site VPN connection and a Client VPN endpoint in the same
// lifecycle rank alike.
type Lifecycle int

const (
	Serving          Lifecycle = iota // available, active
	Changing                          // modifying, updating: still serving
	Creating                          // pending, pending-associate, init, provisioning
	Deleting                          // deleting
	Gone                              // deleted
	UnknownLifecycle                  // no state given, or a word not known
)

var lifecycleWords = [...]string{"serving", "changing", "creating", "deleting", "gone", "unknown"}

func (l Lifecycle) String() string {
	if l < 0 || int(l) >= len(lifecycleWords) {
		return "unknown"
	}
	return lifecycleWords[l]
}

// LifecycleRank is how a resource in some lifecycle is ranked.
type LifecycleRank struct {
	// Report: the resource's state makes a finding of its own (at Impact)
	// when what it carries makes none, or when it is not judged at all.
	Report bool
	Impact Impact
	// Judge: judge the resource on what it carries (tunnels, routes,
	// probes); a cause found there outranks the state's own note.
	Judge bool
}

// RankLifecycle is the rule in the table above. servedBefore says the
// resource is known to have served (its provider's data shows it had
// clients or targets); it matters only while creating.
func RankLifecycle(l Lifecycle, servedBefore bool) LifecycleRank {
	switch l {
	case Serving:
		return LifecycleRank{Judge: true}
	case Changing:
		return LifecycleRank{Report: true, Impact: Note, Judge: true}
	case UnknownLifecycle:
		return LifecycleRank{Report: true, Impact: Unknown, Judge: true}
	case Creating:
		if servedBefore {
			return LifecycleRank{Report: true, Impact: TrafficDown}
		}
		return LifecycleRank{Report: true, Impact: Note}
	case Deleting:
		return LifecycleRank{Report: true, Impact: Note}
	}
	return LifecycleRank{} // gone
}
