package tui

// The header (breadcrumbs) and the two status lines at the bottom.

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

func (a *App) header() string {
	s := a.c.Styles
	out := " " + s.Title.Render("vpnscope")
	if a.cfg.Demo {
		out += " " + s.Badge.Render(" DEMO ")
	}
	if a.cfg.ReadOnly {
		out += " " + s.Muted.Render("[read-only]")
	}
	// The region, or every region under the problems overview; then what
	// each pane in the stack adds.
	// The panes under the overview are not where it is: P from inside a
	// gateway says "all regions › problems", not "… › prod-hz-core › problems".
	crumbs := []string{providerLabel(a.provider()), a.c.Region}
	from := 0
	across := false // the overview of every provider: what is above it is the current provider's
	for i, p := range a.stack {
		if _, ok := p.(*overview); ok {
			crumbs, from, across = []string{"every provider", "all regions"}, i, true
		} else if r, ok := p.(ui.Regionless); ok && r.AllRegions() {
			crumbs, from, across = []string{providerLabel(a.provider()), "all regions"}, i, false
		}
	}
	for i, p := range a.stack[from:] {
		if from+i == 0 && len(a.stack) > 1 && !across {
			// The root's crumb names the kind it lists (AWS: "Client
			// VPN"); a pane above it is reached from that kind or is
			// another one (":gateways", Site-to-Site), and says its own.
			continue
		}
		crumbs = append(crumbs, p.Crumbs()...)
		if across && i == 0 && len(a.stack) > from+1 {
			crumbs = append(crumbs, providerLabel(a.provider()))
		}
	}
	return out + "  " + s.Crumb.Render(strings.Join(crumbs, s.CrumbSep.Render(" › ")))
}

func (a *App) statusLine() string {
	s := a.c.Styles
	if a.cmdline.open {
		// What can be typed: the commands that match so far.
		return s.StatusBar.Render(ui.Fit(" "+strings.Join(a.cmdline.matches(a.Commands(), a.argValues), " · "), a.width))
	}
	region := a.c.Region
	if r, ok := a.Top().(ui.Regional); ok && r.InRegion() != "" {
		region = r.InRegion() // what is on screen, not where the app last switched
	}
	left := " " + region
	if source := a.credentialSource(); source != "" {
		left += " · " + source
	}
	if endpoint := a.provider().Endpoint(); endpoint != "" {
		left += " · " + endpoint
	}
	var right []string
	loading, _ := a.focusState()
	if loading || a.busy() {
		right = append(right, a.spin.View()+" loading")
	}
	if a.watch {
		w := "watch " + a.watchInterval().String()
		if a.backoff > 0 {
			w += " (throttled)"
		}
		right = append(right, w)
	}
	if t := a.lastRefresh(); !t.IsZero() {
		right = append(right, "refreshed "+t.In(a.c.Loc).Format("15:04:05"))
	}
	r := strings.Join(right, " · ") + " "
	// When both do not fit, the left (what rarely changes) is cut.
	left = ui.Cut(left, a.width-ansi.StringWidth(r)-1)
	gap := max(a.width-ansi.StringWidth(left)-ansi.StringWidth(r), 0)
	return s.StatusBar.Render(ui.Fit(left+strings.Repeat(" ", gap)+r, a.width))
}

func (a *App) lastRefresh() time.Time {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if h, ok := a.stack[i].(ui.ListHolder); ok {
			return h.RefreshedAt()
		}
	}
	return time.Time{}
}

// messageLine is, by priority: a retry in progress, the last error with
// what to do, a flash note, or the key hints.
func (a *App) messageLine() string {
	s := a.c.Styles
	_, err := a.focusState()
	switch {
	case a.cmdline.open:
		return a.cmdline.Input.View()
	case a.cmdline.err != "":
		return s.StatusErr.Render(" ✗ " + a.cmdline.err)
	case a.retry != nil:
		what := "throttled"
		if a.retry.Err != nil && a.retry.Err.Kind != api.KindThrottled {
			what = a.retry.Err.Code
		}
		return s.Warn.Render(fmt.Sprintf(" %s: %s, retrying in %s (attempt %d)", a.retry.Action, what,
			waitLabel(a.retry.Wait), a.retry.Attempt+1))
	case err != nil:
		return s.StatusErr.Render(" ✗ " + ui.ErrorLine(err))
	case a.flash != "":
		return s.Flash.Render(" " + a.flash)
	}
	return " " + hints(a.c, a.Top(), a.width-1)
}

// waitLabel rounds a backoff for reading without ever saying "0s".
func waitLabel(d time.Duration) string {
	if d < time.Second {
		return max(d.Round(10*time.Millisecond), 10*time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

// credentialSource is where the browsed provider's credentials came from.
func (a *App) credentialSource() string {
	if a.current < len(a.cfg.Sources) && a.cfg.Sources[a.current] != "" {
		return a.cfg.Sources[a.current]
	}
	return a.cfg.CredentialSource
}
