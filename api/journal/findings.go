package journal

import (
	"slices"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// RecordFindings writes what one provider's scan saw to j and fills each
// finding's Since and Flapping from it: every command and pane that scans
// records the same way. extra are states seen beside the findings (each
// tunnel of a broken connection). Only provider's resources in regions
// that checked says were read whole are taken as fixed when they are no
// longer found. What could not be read is not a state: an unknown finding
// changes nothing in the journal, and one with a Reason (a part of it
// could not be read) is recorded only when it is worse than before. A
// finding gets the journal's since only for the state it is in. A nil
// journal records nothing.
func RecordFindings(j *Journal, provider string, findings []*api.Finding, extra []Observation, checked func(region string) bool) error {
	if j == nil {
		return nil
	}
	seen := make([]Observation, 0, len(findings)+len(extra))
	partial := map[string]bool{}
	for _, f := range findings {
		seen = append(seen, f.AsState())
		if f.Reason != "" {
			partial[f.Key()] = true
		}
	}
	seen = append(seen, extra...)
	err := j.observe(seen, partial, func(key string) bool {
		parts := strings.Split(key, "|")
		return len(parts) == 4 && parts[0] == provider && checked(parts[1])
	})
	Recall(j, findings)
	return err
}

// Recall fills each finding's since and flapping from what the journal
// already holds, recording nothing: for a scan that did not finish (its
// deadline passed), whose findings are still findings but whose silence
// about the rest is not "fixed".
func Recall(j *Journal, findings []*api.Finding) {
	if j == nil {
		return
	}
	for _, f := range findings {
		last, ok := j.last(f.Key())
		if !ok || last.State != f.AsState().State {
			continue // the journal knows it in another state, or not at all
		}
		// The service's own time stands unless vpnscope saw it earlier.
		if f.Since == nil || last.At.Before(*f.Since) {
			f.Since, f.SinceSource = &last.At, "journal"
		}
		f.Flapping = j.Flapping(f.Key())
	}
}

// RegionsChecked is the checked of RecordFindings: the regions asked for
// (every region when none was named), less those that failed; a failure
// of the account ("") leaves none.
func RegionsChecked(asked, failed []string) func(region string) bool {
	bad := map[string]bool{}
	for _, f := range failed {
		bad[f] = true
	}
	return func(region string) bool {
		if bad[region] || bad[""] {
			return false
		}
		return len(asked) == 0 || slices.Contains(asked, region)
	}
}
