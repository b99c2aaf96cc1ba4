package api

// Verdict is what a list row says of one resource: the impact of its
// finding, the one its provider's problems scan makes of it. A list asks
// the same function the scan asks (or takes the scan's answer), so a row
// and the problems view cannot disagree: no screen judges on its own.
type Verdict struct {
	Kind   VerdictKind
	Impact Impact // when Kind is Found
}

// VerdictKind says whether a resource was judged, and what came of it.
type VerdictKind int

const (
	NotJudged    VerdictKind = iota // nothing has judged it yet: a column the problems scan fills
	Found                           // a finding, at Impact
	NothingFound                    // judged: nothing to fix
	Deleted                         // gone (api.Gone): nothing left to fix, no finding
)

// VerdictOf is the verdict of a resource whose finding is f (nil: it
// makes none) and whose own state is in lifecycle l: a deleted resource
// makes no finding, and is no healthy one either.
func VerdictOf(f *Finding, l Lifecycle) Verdict {
	switch {
	case f != nil:
		return Verdict{Kind: Found, Impact: f.Impact}
	case l == Gone:
		return Verdict{Kind: Deleted}
	}
	return Verdict{Kind: NothingFound}
}

// FoundAt is the verdict of a finding at impact i.
func FoundAt(i Impact) Verdict { return Verdict{Kind: Found, Impact: i} }

// Rank is the verdict's place worst first: the impacts in their order;
// not judged with unknown (what is not known is never fine); then nothing
// to fix; deleted last.
func (v Verdict) Rank() int {
	switch v.Kind {
	case Found:
		return int(v.Impact)
	case NotJudged:
		return int(Unknown)
	case NothingFound:
		return int(Note) + 1
	}
	return int(Note) + 2
}

// CompareVerdicts orders verdicts worst first.
func CompareVerdicts(a, b Verdict) int { return a.Rank() - b.Rank() }

// Word is the verdict in a word or two, as a list cell says it: the
// impact's own words for a finding ("traffic down"), "healthy",
// "deleted", or "not checked".
func (v Verdict) Word() string {
	switch v.Kind {
	case Found:
		return v.Impact.String()
	case NothingFound:
		return "healthy"
	case Deleted:
		return "deleted"
	}
	return "not checked"
}

// Rollup counts a gateway's connections by their verdicts, for its row in
// a gateway list ("2✗ 1◐ /8"): traffic down, redundancy lost or degraded,
// unknown, and all of them (a deleted one is no longer the gateway's).
type Rollup struct {
	Down, Degraded, Unknown, Total int
	// Failed: its connections could not all be read, so the counts are
	// not the whole story.
	Failed bool
	// Unsure: some other part of the gateway could not be read.
	Unsure bool
}

// Count adds one connection of verdict v.
func (r *Rollup) Count(v Verdict) {
	switch {
	case v.Kind == Deleted:
		return
	case v.Kind == NotJudged || v.Kind == Found && v.Impact == Unknown:
		r.Unknown++
	case v.Kind == Found && v.Impact == TrafficDown:
		r.Down++
	case v.Kind == Found && (v.Impact == RedundancyLost || v.Impact == Degraded):
		r.Degraded++
	}
	r.Total++
}

// Verdict is the gateway's connections' worst: traffic down or degraded
// when any connection is; unknown, never healthy, when any could not be
// read.
func (r Rollup) Verdict() Verdict {
	switch {
	case r.Down > 0:
		return FoundAt(TrafficDown)
	case r.Degraded > 0:
		return FoundAt(Degraded)
	case r.Failed || r.Unsure || r.Unknown > 0:
		return FoundAt(Unknown)
	}
	return Verdict{Kind: NothingFound}
}
