package ui

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// How every list shows a verdict (api.Verdict, the finding the problems
// scan makes of the row's resource): one mark, one word and one colour per
// impact, on every provider's lists, so a row reads as the problems view
// says. A mark reads without colour (NO_COLOR, a monochrome SSH).

// VerdictLegend explains the marks, for ?.
func VerdictLegend() []string {
	return []string{
		"   ✗ ◐ ?    down, degraded, unknown",
		"   ◌ ● –    note, healthy, not checked",
	}
}

// VerdictMark is the verdict's symbol: ✗ traffic down; ◐ redundancy lost
// or degraded; ? unknown; ◌ a note; ● nothing to fix; – deleted, or not
// judged yet.
func VerdictMark(v api.Verdict) string {
	switch v.Kind {
	case api.NothingFound:
		return "●"
	case api.Deleted, api.NotJudged:
		return "–"
	}
	switch v.Impact {
	case api.TrafficDown:
		return "✗"
	case api.RedundancyLost, api.Degraded:
		return "◐"
	case api.Note:
		return "◌"
	}
	return "?"
}

// verdictWords are the short words of a list cell: redundancy lost reads
// "degraded" there (traffic flows, with less than it should have), and
// the mark is the problems view's.
var verdictWords = map[api.Impact]string{api.TrafficDown: "down", api.RedundancyLost: "degraded", api.Degraded: "degraded",
	api.Unknown: "unknown", api.Note: "note"}

// VerdictCell is the mark and a short word: "✗ down", "◐ degraded",
// "? unknown", "◌ note", "● healthy", "– deleted"; "–" when not judged.
func VerdictCell(v api.Verdict) string {
	switch v.Kind {
	case api.NotJudged:
		return "–"
	case api.Found:
		return VerdictMark(v) + " " + FirstNonEmpty(verdictWords[v.Impact], "unknown")
	}
	return VerdictMark(v) + " " + v.Word()
}

// VerdictTone is the verdict's colour: bad when traffic is down, a warning
// when it is at risk or cannot be seen, good when nothing is wrong, muted
// for a note, a deleted resource and one not judged.
func VerdictTone(v api.Verdict) Tone {
	switch v.Kind {
	case api.NothingFound:
		return ToneGood
	case api.Deleted, api.NotJudged:
		return ToneMuted
	}
	switch v.Impact {
	case api.TrafficDown:
		return ToneBad
	case api.Note:
		return ToneMuted
	}
	return ToneWarn
}

// PaintVerdict paints text in the verdict's colour.
func (s *Styles) PaintVerdict(v api.Verdict, text string) string {
	return s.Paint(VerdictTone(v), text)
}

// PaintState paints a resource's own state word (available, deleting) by
// its own verdict: left plain when nothing is wrong with it, so "available"
// never reads as healthy on its own.
func (s *Styles) PaintState(v api.Verdict, text string) string {
	if v.Kind == api.NothingFound {
		return text
	}
	return s.PaintVerdict(v, text)
}

// PaintRollup paints a rollup's cell by its worst connection; a gateway
// not judged yet, or with no connection, stays plain.
func (s *Styles) PaintRollup(r api.Rollup, judged bool, text string) string {
	if !judged || r.Total == 0 && !r.Failed && !r.Unsure {
		return text
	}
	return s.PaintVerdict(r.Verdict(), text)
}

// RollupCell is a gateway's connections by verdict, "2✗ 1◐ /520": down,
// degraded, unknown, and all; "–" until a problems scan has judged them,
// "?" when they could not be read, "none" for a gateway without any.
func RollupCell(r api.Rollup, judged bool) string {
	switch {
	case !judged:
		return "–"
	case r.Failed:
		return "?"
	case r.Total == 0 && !r.Unsure:
		return "none"
	}
	var parts []string
	if r.Down > 0 {
		parts = append(parts, fmt.Sprintf("%d✗", r.Down))
	}
	if r.Degraded > 0 {
		parts = append(parts, fmt.Sprintf("%d◐", r.Degraded))
	}
	switch {
	case r.Unknown > 0 || r.Unsure:
		// Unknown is never shown as healthy: some could not be read.
		parts = append(parts, fmt.Sprintf("%d?", max(r.Unknown, 1)))
	case len(parts) == 0:
		parts = append(parts, "✓")
	}
	return strings.Join(parts, " ") + fmt.Sprintf(" /%d", r.Total)
}
