package aws

import (
	"slices"
	"strings"
	"time"
)

// The two logs a pane reads, a window at a time: a tunnel's activity log
// (its log group, its stream) and an endpoint's connection log (its log
// group, narrowed to a person when asked).

// LogQuery is one window of one log group.
type LogQuery struct {
	Group        string // a name, or a log group ARN (as tunnel options give it)
	Streams      []string
	StreamPrefix string
	Start, End   time.Time // both included; zero is open
	Pattern      string    // a CloudWatch Logs filter pattern
	Limit        int       // events per page (1–10,000; 0: 500)
	Token        string    // from the previous page
}

// LogEvent is one event of a log.
type LogEvent struct {
	Time    time.Time
	Stream  string
	Message string
	ID      string
}

// LogPage is one page of a window, oldest first; More means the window
// has more events after Next.
type LogPage struct {
	Events []LogEvent
	Next   string
	More   bool
}

// DefaultLogWindow is how much log one press reads.
const DefaultLogWindow = time.Hour

// TunnelLogQuery is the window [end-span, end] of a tunnel's activity log;
// ok is false when the tunnel does not log, with what turns it on.
func TunnelLogQuery(c VPNConnection, t Tunnel, end time.Time, span time.Duration) (q LogQuery, why string, ok bool) {
	if !t.Logging || t.LogGroupARN == "" {
		return LogQuery{}, "The tunnel activity log is off for tunnel " + t.OutsideIP +
			": turn it on with ModifyVpnTunnelOptions (LogOptions, CloudWatchLogOptions LogEnabled and LogGroupArn), " +
			"or in the console (Modify VPN tunnel options, Tunnel activity log). It interrupts that tunnel for several minutes.", false
	}
	return LogQuery{Group: t.LogGroupARN, Streams: []string{TunnelLogStream(c.ID, t.OutsideIP)},
		Start: end.Add(-span), End: end}, "", true
}

// ConnectionLogQuery is the window [end-span, end] of an endpoint's
// connection log, narrowed to who (a username or common name) when set:
// the service matches the quoted term anywhere in the entry, and
// MatchesWho keeps the entries that are that person's.
func ConnectionLogQuery(e Endpoint, who string, end time.Time, span time.Duration) (q LogQuery, why string, ok bool) {
	if !e.LoggingEnabled || e.LogGroup == "" {
		return LogQuery{}, "Connection logging is off for this endpoint: turn it on with ModifyClientVpnEndpoint " +
			"(ConnectionLogOptions Enabled and CloudwatchLogGroup). Only then are failed attempts recorded.", false
	}
	q = LogQuery{Group: e.LogGroup, Start: end.Add(-span), End: end}
	if who = strings.TrimSpace(who); who != "" {
		q.Pattern = `"` + strings.ReplaceAll(who, `"`, "") + `"`
	}
	return q, "", true
}

// MatchesWho reports whether an entry is who's (username or common name,
// case-insensitive); an empty who matches everyone.
func (e ConnectionLogEntry) MatchesWho(who string) bool {
	who = strings.TrimSpace(who)
	return who == "" || strings.EqualFold(e.Username, who) || strings.EqualFold(e.CommonName, who) ||
		strings.HasPrefix(strings.ToLower(e.CommonName), strings.ToLower(who)+".")
}

// NewestFirst orders log events newest first, as the log view shows them
// (FilterLogEvents returns them oldest first).
func NewestFirst(events []LogEvent) []LogEvent {
	out := slices.Clone(events)
	slices.SortStableFunc(out, func(a, b LogEvent) int { return b.Time.Compare(a.Time) })
	return out
}
