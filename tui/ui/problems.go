package ui

// The problems table: one layout for every provider's problems overview
// (issue 28 defect 6: the Alibaba Cloud view had no impact or message at
// 80 columns, the AWS one no region). Impact, resource, region and
// message show at every width; what failed, since when and the gateway
// join them as the screen widens. A provider says how to reach the
// finding every provider shares in its rows and how its causes read.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
)

// impactMarks are the symbols of the impacts, one each, so that NO_COLOR
// (or a colour-blind reader) still tells them apart; impactWhys say what
// each means, for ?.
var (
	impactMarks = [...]string{api.TrafficDown: "✗", api.RedundancyLost: "!", api.Degraded: "◐", api.Unknown: "?", api.Note: "i"}
	impactWhys  = [...]string{ // short: help's column is 40 cells at 80
		api.TrafficDown:    "nothing flows",
		api.RedundancyLost: "one path left",
		api.Degraded:       "routes or probes fail",
		api.Unknown:        "could not be read",
		api.Note:           "worth knowing",
	}
)

// ImpactMark is an impact's symbol.
func ImpactMark(i api.Impact) string {
	if i < 0 || int(i) >= len(impactMarks) {
		return impactMarks[api.Unknown]
	}
	return impactMarks[i]
}

// PaintImpact colours text as its impact: red and bold when traffic is
// down, bold yellow when one path is left, yellow when degraded, blue when
// it could not be read, grey for a note. Each also has its own symbol.
func (s *Styles) PaintImpact(i api.Impact, text string) string {
	switch i {
	case api.TrafficDown:
		return s.Bad.Render(text)
	case api.RedundancyLost:
		return s.Urgent.Render(text)
	case api.Degraded:
		return s.Warn.Render(text)
	case api.Note:
		return s.Muted.Render(text)
	}
	return s.Info.Render(text)
}

// ProblemRows is how a provider's problems list reaches what the table
// shows in its rows: the finding every provider shares, and its cause in
// a few words ("phase 2 down").
type ProblemRows[T any] struct {
	Core func(T) *api.Finding
	What func(T) string
}

// Text is what / matches in a row: every word the row shows (the shared
// finding's, and its cause in words).
func (p ProblemRows[T]) Text(r T) string { return p.Core(r).FilterText() + " " + p.What(r) }

// Columns are the table's columns, in the order they give way on a
// narrow screen: IMPACT, RESOURCE and REGION stay, MESSAGE takes what is
// left (at least 20 cells); WHAT, SINCE and GATEWAY come as room allows.
func (p ProblemRows[T]) Columns(c *Common) []Column[T] {
	return []Column[T]{
		{Title: "IMPACT", Width: 17, Cell: func(r T) string {
			i := p.Core(r).Impact
			return ImpactMark(i) + " " + i.String()
		}, Paint: func(s *Styles, r T, text string) string { return s.PaintImpact(p.Core(r).Impact, text) }},
		{Title: "RESOURCE", Width: 20, Max: 44, Cell: func(r T) string { return p.Core(r).Subject() }},
		{Title: "REGION", Width: 14, Cell: func(r T) string { return OrDash(p.Core(r).Region) }},
		{Title: "WHAT", Width: 14, Max: 24, Cell: p.What},
		{Title: "SINCE", Width: 12, Cell: func(r T) string {
			f := p.Core(r)
			return SinceCell(f.Since, f.Flapping, c.Loc, c.Now())
		}},
		{Title: "GATEWAY", Width: 18, Max: 32, Cell: func(r T) string {
			f := p.Core(r)
			return OrDash(FirstNonEmpty(f.GatewayName, f.GatewayID))
		}},
		{Title: "MESSAGE", Min: 20, Cell: func(r T) string { return p.Core(r).Summary() }},
	}
}

// Legend is what ? says of the symbols rows use: each impact there is,
// worst first, then the marks of the SINCE column and of a new finding.
func (p ProblemRows[T]) Legend(rows []T) []string {
	var seen [len(impactMarks)]bool
	flapping := false
	for _, r := range rows {
		f := p.Core(r)
		if f.Impact >= 0 && int(f.Impact) < len(seen) {
			seen[f.Impact] = true
		}
		flapping = flapping || f.Flapping
	}
	var out []string
	for i, ok := range seen {
		if ok {
			imp := api.Impact(i)
			out = append(out, fmt.Sprintf("   %s  %s: %s", ImpactMark(imp), imp, impactWhys[imp]))
		}
	}
	if flapping {
		out = append(out, "   ~  flapping (after SINCE)")
	}
	return append(out, "   •  new since the last check")
}

// Counts says how many problems, by impact: "73 problems (1 traffic
// down, 3 degraded, 63 unknown, 6 note)"; short, only traffic down and
// unknown (what is down, what cannot be seen), for a narrow screen.
func (p ProblemRows[T]) Counts(rows []T, short bool) string {
	by := map[api.Impact]int{}
	for _, r := range rows {
		by[p.Core(r).Impact]++
	}
	var parts []string
	for i := api.TrafficDown; i <= api.Note; i++ {
		if by[i] > 0 && (!short || i == api.TrafficDown || i == api.Unknown) {
			parts = append(parts, fmt.Sprintf("%d %s", by[i], i))
		}
	}
	s := api.Count(len(rows), "problem")
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// SummaryPart is one part of the line over a problems list, in long and
// short words ("64 of 64 gateways' connections read in 5 regions", "64 of
// 64 gateways read, 5 regions"), and its tone (muted, the zero, is dim).
type SummaryPart struct {
	Long, Short string
	Tone        Tone
}

// Summary is the line over a problems list: the counts, then the parts in
// the order they matter. When it does not fit, the counts are said short,
// then the parts one after the other, then the last parts are left out
// whole: a number is never cut ("116 API …"). Only a screen too narrow
// for the counts alone cuts them.
func (p ProblemRows[T]) Summary(s *Styles, rows []T, parts []SummaryPart, width int) string {
	// line is the summary with the counts said short or not, the first
	// shorts parts short, and only the first n parts.
	line := func(short bool, shorts, n int) (string, int) {
		head := " " + p.Counts(rows, short)
		out, w := s.Title.Render(head), ansi.StringWidth(head)
		for i, part := range parts[:n] {
			text := part.Long
			if i < shorts {
				text = part.Short
			}
			out += s.Dim.Render(" · ") + s.Paint(part.Tone, text)
			w += 3 + ansi.StringWidth(text)
		}
		return out, w
	}
	if out, w := line(false, 0, len(parts)); w <= width {
		return Fit(out, width)
	}
	for shorts := 0; shorts <= len(parts); shorts++ {
		if out, w := line(true, shorts, len(parts)); w <= width {
			return Fit(out, width)
		}
	}
	for n := len(parts) - 1; n > 0; n-- {
		if out, w := line(true, n, n); w <= width {
			return Fit(out, width)
		}
	}
	out, _ := line(true, 0, 0)
	return Fit(out, width)
}

// SummaryText is a part said the same way long and short.
func SummaryText(text string, tone Tone) SummaryPart {
	return SummaryPart{Long: text, Short: text, Tone: tone}
}
