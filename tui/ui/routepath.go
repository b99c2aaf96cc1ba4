package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
)

// RoutePathHints and RoutePathHelp are the keys of every route path view,
// on either cloud: read again, the verdict's details, copy the id, scroll.
func RoutePathHints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Global.Refresh, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help}
}

func RoutePathHelp(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Route path", Bindings: []key.Binding{k.Global.Refresh, k.List.Details, k.List.Copy}},
		{Title: "Scroll", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp, k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom}},
	}
}

// RouteIssue is one issue of a route verdict as every route path view
// draws it: how bad, what is wrong, what to do.
type RouteIssue struct {
	Impact         api.Impact
	Problem, Check string
}

// RouteIssueLines draws a route verdict's issues (✗ what stops traffic,
// ◐ what is lesser, each with → what to do) and, when part of the path
// could not be read, the permission to grant on service ("ec2", "vpc"),
// through add, the view's wrapping of a lead, its hang and a text.
func RouteIssueLines(s *Styles, add func(lead, hang, text string), issues []RouteIssue, unread []api.Unread, service string) {
	for _, is := range issues {
		mark := s.Bad.Render("✗ ")
		if is.Impact > api.TrafficDown {
			mark = s.Warn.Render("◐ ")
		}
		add(" "+mark, "   ", is.Problem)
		add("   → ", "     ", is.Check)
	}
	if len(unread) > 0 {
		cause, _ := api.UnreadCause(service, unread)
		add(" "+s.Warn.Render("? "), "   ", "the route path is not known whole: "+cause.Message)
	}
}
