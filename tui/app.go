// Package tui is vpnscope's terminal UI: Bubble Tea models for the root
// app, the panes, the shared paged list, details, help and the status line.
package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
)

// Config is what the TUI needs from main.
type Config struct {
	Context          context.Context
	Client           api.Client
	Region           string
	CredentialSource string // where credentials came from: "profile prod", "env", never a key
	Endpoint         string
	Demo             bool
	ReadOnly         bool
	RefreshInterval  time.Duration // auto-refresh (w); default 10 s
	Warning          string        // shown in the status line until the first key
	Theme            string        // auto (ask the terminal), dark or light
	Events           *Events
	Now              func() time.Time // default time.Now; tests fix it
	Location         *time.Location   // default time.Local
}

// screen is what fills the body; the app keeps a stack of them.
type screen int

const (
	screenGateways screen = iota
	screenGateway
	screenTunnels
	screenDetail
	screenHelp
	screenRegions
	screenWizard
	screenLogs
)

// App is the root model. It alone returns tea.View, owns focus and layout,
// and routes: keys to the top screen (an open input claims them first,
// except ctrl+c), data to the pane that asked for it.
type App struct {
	c      *common
	cfg    Config
	width  int
	height int
	stack  []screen

	gateways  gatewaysPane
	gateway   gatewayView
	tunnels   tunnelsView
	detail    detailView
	help      scroller
	regions   regionPicker
	regionSeq int
	wizard    wizard
	wizardSeq int
	logs      logsView

	started  bool
	spin     spinner.Model
	spinning bool
	flash    string
	flashID  int
	retry    *api.RetryNotice
	watch    bool
	watchGen int
	backoff  uint // watch interval doublings while throttled
}

// New builds the app. The first page is fetched on the first window size,
// so it can be sized to fill the screen.
func New(cfg Config) App {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.RefreshInterval <= 0 {
		cfg.RefreshInterval = 10 * time.Second
	}
	c := &common{ctx: cfg.Context, client: cfg.Client, keys: keymap.Default(), styles: newStyles(cfg.Theme != "light"),
		now: cfg.Now, loc: cfg.Location, region: cfg.Region, after: tea.Tick, newToken: newClientToken}
	c.keys.List.Create.SetEnabled(!cfg.ReadOnly)
	a := App{c: c, cfg: cfg, stack: []screen{screenGateways}, gateways: newGatewaysPane(c),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), help: scroller{c: c}}
	a.flash = cfg.Warning
	return a
}

func (a App) Init() tea.Cmd {
	if a.cfg.Theme == "dark" || a.cfg.Theme == "light" {
		return nil
	}
	return tea.RequestBackgroundColor
}

func (a App) top() screen { return a.stack[len(a.stack)-1] }

func (a *App) push(s screen) { a.stack = append(a.stack, s) }

// pop leaves the top screen, cancelling its calls in flight.
func (a *App) pop() {
	if len(a.stack) <= 1 {
		return
	}
	switch a.top() {
	case screenGateway:
		a.gateway.close()
	case screenLogs:
		a.logs.close()
	}
	a.stack = a.stack[:len(a.stack)-1]
}

func (a *App) has(s screen) bool {
	for _, x := range a.stack {
		if x == s {
			return true
		}
	}
	return false
}

func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	a, cmd := a.update(msg)
	if a.busy() && !a.spinning {
		a.spinning = true
		cmd = tea.Batch(cmd, a.spin.Tick)
	}
	return a, cmd
}

func (a App) update(msg tea.Msg) (App, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.resize(msg.Width, msg.Height)
		if !a.started {
			a.started = true
			return a, a.gateways.list.start()
		}
		return a, nil
	case tea.BackgroundColorMsg:
		if a.cfg.Theme == "dark" || a.cfg.Theme == "light" {
			return a, nil
		}
		a.c.styles = newStyles(msg.IsDark())
		a.resize(a.width, a.height) // rebuild the prepared lines in the new colours
		return a, nil
	case spinner.TickMsg:
		if !a.busy() {
			a.spinning = false
			return a, nil
		}
		a.spin, cmd = a.spin.Update(msg)
		return a, cmd
	case clearFlashMsg:
		if msg.id == a.flashID {
			a.flash = ""
		}
		return a, nil
	case retryNoticeMsg:
		n := api.RetryNotice(msg)
		a.retry = &n
		return a, nil
	case tickMsg:
		return a.watchTick(msg)
	case pageLoadedMsg[api.Gateway]:
		a.retry = nil
		a.gateways.list, cmd = a.gateways.list.Update(msg)
		return a, cmd
	case pageLoadedMsg[api.Connection]:
		a.retry = nil
		if a.has(screenGateway) {
			a.gateway, cmd = a.gateway.Update(msg)
			a.syncTunnels()
		}
		return a, cmd
	case pageLoadedMsg[logLine]:
		if a.has(screenLogs) {
			a.logs, cmd = a.logs.Update(msg)
		}
		return a, cmd
	case diagnosisLoadedMsg:
		if a.has(screenTunnels) {
			a.tunnels, cmd = a.tunnels.Update(msg)
		}
		return a, cmd
	case pageLoadedMsg[sslRow], pageLoadedMsg[api.IPsecServer]:
		a.retry = nil
		if a.has(screenGateway) {
			a.gateway, cmd = a.gateway.Update(msg)
		}
		return a, cmd
	case regionsLoadedMsg:
		if a.top() == screenRegions {
			a.regions, cmd = a.regions.Update(msg)
		}
		return a, cmd
	case wizardFactsMsg, wizardSubmittedMsg, wizardPolledMsg, wizardPollMsg:
		if a.has(screenWizard) {
			a.wizard, cmd = a.wizard.Update(msg)
		}
		return a, cmd
	case closeWizardMsg:
		return a.closeWizard(msg)
	case tea.KeyPressMsg:
		return a.key(msg)
	}
	return a.forward(msg)
}

// syncTunnels shows a refreshed connection in the open tunnels view.
func (a *App) syncTunnels() {
	if !a.has(screenTunnels) || a.gateway.conns.refresh != nil {
		return
	}
	for _, c := range a.gateway.conns.items {
		if c.ID == a.tunnels.conn.ID {
			a.tunnels.setConn(c, a.gateway.conns.events)
			return
		}
	}
}

// claimsKeys is true when an open input or question must get every key.
func (a *App) claimsKeys() bool {
	switch a.top() {
	case screenWizard:
		return true
	case screenGateways:
		return a.gateways.list.claimsKeys()
	case screenGateway:
		return a.gateway.claimsKeys()
	case screenLogs:
		return a.logs.list.claimsKeys()
	}
	return false
}

func (a *App) handlesBack() bool {
	switch a.top() {
	case screenGateways:
		return a.gateways.list.handlesBack()
	case screenGateway:
		return a.gateway.handlesBack()
	case screenLogs:
		return a.logs.list.handlesBack()
	}
	return false
}

func (a App) key(msg tea.KeyPressMsg) (App, tea.Cmd) {
	k := a.c.keys
	if msg.String() == "ctrl+c" {
		return a, tea.Quit
	}
	if a.cfg.Warning != "" && a.flash == a.cfg.Warning {
		a.flash = ""
	}
	if a.claimsKeys() {
		return a.forward(msg)
	}
	if a.top() == screenHelp {
		if key.Matches(msg, k.Global.Back, k.Global.Help, k.Global.Quit) {
			a.pop()
		} else {
			a.help.scroll(msg)
		}
		return a, nil
	}
	switch {
	case key.Matches(msg, k.Global.Quit):
		return a, tea.Quit
	case key.Matches(msg, k.Global.Help):
		a.push(screenHelp)
		a.help.offset = 0
		a.help.setLines(helpLines(a.c, a.stack[len(a.stack)-2], a.gateway.tab, a.width))
		return a, nil
	case key.Matches(msg, k.Global.Back):
		if a.handlesBack() {
			return a.forward(msg)
		}
		a.pop()
		return a, nil
	case key.Matches(msg, k.Global.Refresh):
		return a, a.refresh()
	case key.Matches(msg, k.Global.Watch):
		return a.toggleWatch()
	case key.Matches(msg, k.Global.Region):
		if a.top() != screenRegions {
			a.regionSeq++
			var cmd tea.Cmd
			a.regions, cmd = newRegionPicker(a.c, a.regionSeq, a.width, a.bodyHeight())
			a.push(screenRegions)
			return a, cmd
		}
	case key.Matches(msg, k.List.Open):
		return a.open()
	case key.Matches(msg, k.List.Details) && a.top() != screenDetail:
		return a.openDetail()
	case key.Matches(msg, k.List.Copy):
		return a.copyID()
	case key.Matches(msg, k.List.Logs) && (a.top() == screenTunnels || a.top() == screenGateway && a.gateway.tab == tabConnections):
		return a.openLogs()
	case msg.String() == "c" && (a.top() == screenGateways || a.top() == screenGateway):
		return a.openWizard()
	}
	return a.forward(msg)
}

// openLogs shows the negotiation log of the selected connection, or of the
// tunnel picked in the tunnels view.
func (a App) openLogs() (App, tea.Cmd) {
	var conn api.Connection
	var tunnel *api.Tunnel
	if a.top() == screenTunnels {
		conn = a.tunnels.conn
		t := a.tunnels.selected()
		tunnel = &t
	} else {
		var ok bool
		if conn, ok = a.gateway.conns.selected(); !ok {
			return a, nil
		}
	}
	var cmd tea.Cmd
	a.logs, cmd = newLogsView(a.c, conn, tunnel, a.width, a.bodyHeight())
	a.push(screenLogs)
	return a, cmd
}

// openWizard starts the CreateSslVpnServer wizard on the selected gateway
// (or the open one), unless vpnscope runs read-only.
func (a App) openWizard() (App, tea.Cmd) {
	if a.cfg.ReadOnly {
		return a, a.setFlash("read-only: creating an SSL server is disabled (started with --readonly)")
	}
	gw := a.gateway.gw
	if a.top() == screenGateways {
		var ok bool
		if gw, ok = a.gateways.list.selected(); !ok {
			return a, nil
		}
	}
	a.wizardSeq++
	var cmd tea.Cmd
	a.wizard, cmd = newWizard(a.c, gw, a.wizardSeq, a.width, a.bodyHeight())
	a.wizard.setSize(a.width, a.bodyHeight())
	a.push(screenWizard)
	return a, cmd
}

// closeWizard leaves the wizard; after a create, the gateway list and the
// open gateway show the new state.
func (a App) closeWizard(msg closeWizardMsg) (App, tea.Cmd) {
	if a.top() != screenWizard {
		return a, nil
	}
	a.pop()
	a.wizardSeq++ // drop anything still in flight for it
	if msg.created.ID == "" {
		return a, nil
	}
	if a.has(screenGateway) && a.gateway.gw.ID == a.wizard.gw.ID && msg.server != nil {
		a.gateway.ssl = msg.server
	}
	return a, tea.Batch(a.gateways.list.reload(), a.setFlash("SSL server "+msg.created.ID+" created on "+orDash(a.wizard.gw.Name)))
}

// forward hands a message to the top screen.
func (a App) forward(msg tea.Msg) (App, tea.Cmd) {
	var cmd tea.Cmd
	switch a.top() {
	case screenGateways:
		a.gateways.list, cmd = a.gateways.list.Update(msg)
	case screenGateway:
		a.gateway, cmd = a.gateway.Update(msg)
	case screenTunnels:
		a.tunnels, cmd = a.tunnels.Update(msg)
	case screenDetail:
		a.detail, cmd = a.detail.Update(msg)
	case screenRegions:
		a.regions, cmd = a.regions.Update(msg)
	case screenWizard:
		a.wizard, cmd = a.wizard.Update(msg)
	case screenLogs:
		a.logs, cmd = a.logs.Update(msg)
	}
	return a, cmd
}

// open drills in: gateway → its view; connection → its tunnels; region →
// switch to it.
func (a App) open() (App, tea.Cmd) {
	switch a.top() {
	case screenGateways:
		g, ok := a.gateways.list.selected()
		if !ok {
			return a, nil
		}
		var cmd tea.Cmd
		a.gateway, cmd = newGatewayView(a.c, g, a.width, a.bodyHeight())
		a.push(screenGateway)
		return a, cmd
	case screenGateway:
		if a.gateway.tab != tabConnections {
			return a.openDetail()
		}
		c, ok := a.gateway.conns.selected()
		if !ok {
			return a, nil
		}
		var cmd tea.Cmd
		a.tunnels, cmd = newTunnelsView(a.c, c, a.width, a.bodyHeight())
		a.tunnels.setConn(c, a.gateway.conns.events)
		a.push(screenTunnels)
		return a, cmd
	case screenRegions:
		r, ok := a.regions.choice()
		if !ok {
			return a, nil
		}
		return a.switchRegion(r.ID)
	}
	return a, nil
}

// switchRegion starts over in another region, keeping nothing of the old.
func (a App) switchRegion(region string) (App, tea.Cmd) {
	if a.has(screenGateway) {
		a.gateway.close()
	}
	a.gateways.list.close()
	a.c.region = region
	a.gateways = newGatewaysPane(a.c)
	a.stack = []screen{screenGateways}
	a.retry = nil
	a.resize(a.width, a.height)
	return a, tea.Batch(a.gateways.list.start(), a.setFlash("switched to "+region))
}

func (a App) openDetail() (App, tea.Cmd) {
	var title, id string
	var fields []field
	switch a.top() {
	case screenGateways:
		g, ok := a.gateways.list.selected()
		if !ok {
			return a, nil
		}
		title, id, fields = "VPN gateway "+orDash(g.Name), g.ID, gatewayFields(g, a.c)
	case screenGateway:
		switch a.gateway.tab {
		case tabConnections:
			x, ok := a.gateway.conns.selected()
			if !ok {
				return a, nil
			}
			title, id, fields = "IPsec connection "+orDash(x.Name), x.ID, connectionFields(x, a.c)
		case tabSSLClients:
			x, ok := a.gateway.clients.selected()
			if !ok {
				return a, nil
			}
			title, id, fields = "SSL client "+x.CommonName, x.CommonName, sslClientFields(x, a.c)
		case tabIPsecServers:
			x, ok := a.gateway.servers.selected()
			if !ok {
				return a, nil
			}
			title, id, fields = "IPsec server "+orDash(x.Name), x.ID, ipsecServerFields(x, a.c)
		}
	case screenTunnels:
		t := a.tunnels.selected()
		title, id, fields = "Tunnel "+t.ID, t.ID, tunnelFields(t)
	default:
		return a, nil
	}
	a.detail = newDetailView(a.c, title, id, fields, a.width, a.bodyHeight())
	a.push(screenDetail)
	return a, nil
}

// selectedID is what y copies on the current screen.
func (a *App) selectedID() string {
	switch a.top() {
	case screenGateways:
		if g, ok := a.gateways.list.selected(); ok {
			return g.ID
		}
	case screenGateway:
		switch a.gateway.tab {
		case tabConnections:
			if x, ok := a.gateway.conns.selected(); ok {
				return x.ID
			}
		case tabSSLClients:
			if x, ok := a.gateway.clients.selected(); ok {
				return x.CommonName
			}
		case tabIPsecServers:
			if x, ok := a.gateway.servers.selected(); ok {
				return x.ID
			}
		}
	case screenTunnels:
		return a.tunnels.selected().ID
	case screenDetail:
		return a.detail.id
	}
	return ""
}

// copyID copies the selected id with OSC 52, which works over SSH.
func (a App) copyID() (App, tea.Cmd) {
	id := a.selectedID()
	if id == "" {
		return a, nil
	}
	return a, tea.Batch(tea.SetClipboard(id), a.setFlash("copied "+id+" (OSC 52)"))
}

func (a *App) refresh() tea.Cmd {
	a.retry = nil
	switch a.top() {
	case screenGateways:
		return a.gateways.list.reload()
	case screenGateway:
		return a.gateway.reload()
	case screenLogs:
		var cmd tea.Cmd
		a.logs, cmd = a.logs.rewindow(a.logs.window)
		return cmd
	case screenTunnels, screenDetail:
		if a.has(screenGateway) && a.gateway.tab == tabConnections {
			return a.gateway.conns.reload()
		}
	}
	return nil
}

func (a App) toggleWatch() (App, tea.Cmd) {
	a.watch = !a.watch
	a.watchGen++
	if !a.watch {
		return a, a.setFlash("auto-refresh off")
	}
	return a, tea.Batch(a.setFlash(fmt.Sprintf("auto-refresh every %s", a.cfg.RefreshInterval)), a.scheduleTick())
}

// watchInterval is the refresh interval, doubled (up to 8x) while the
// service throttles.
func (a *App) watchInterval() time.Duration {
	return a.cfg.RefreshInterval << a.backoff
}

func (a *App) scheduleTick() tea.Cmd {
	gen := a.watchGen
	return a.c.after(a.watchInterval(), func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

// watchTick refreshes what is on screen, unless a refresh is still
// running: watch mode never overlaps its own calls.
func (a App) watchTick(msg tickMsg) (App, tea.Cmd) {
	if !a.watch || msg.gen != a.watchGen {
		return a, nil
	}
	_, err := a.focusState()
	if e, ok := api.AsError(err); ok && e.Kind == api.KindThrottled {
		a.backoff = min(a.backoff+1, 3)
	} else if err == nil {
		a.backoff = 0
	}
	var cmd tea.Cmd
	if !a.busy() {
		cmd = a.watchRefresh()
	}
	return a, tea.Batch(cmd, a.scheduleTick())
}

// watchRefresh refreshes only what is on screen: the visible page of the
// list in front, or, behind the tunnels view, the connection's page.
func (a *App) watchRefresh() tea.Cmd {
	switch a.top() {
	case screenGateways:
		return a.gateways.list.watchRefresh()
	case screenGateway:
		switch a.gateway.tab {
		case tabSSLClients:
			return a.gateway.clients.watchRefresh()
		case tabIPsecServers:
			return a.gateway.servers.watchRefresh()
		}
		return a.gateway.conns.watchRefresh()
	case screenTunnels, screenDetail:
		if a.has(screenGateway) && a.gateway.tab == tabConnections {
			return a.gateway.conns.watchRefresh()
		}
	}
	return nil
}

func (a *App) setFlash(text string) tea.Cmd {
	a.flashID++
	a.flash = text
	id := a.flashID
	return a.c.after(4*time.Second, func(time.Time) tea.Msg { return clearFlashMsg{id: id} })
}

// busy is true while the screen in front waits for a call.
func (a *App) busy() bool {
	loading, _ := a.focusState()
	return loading || (a.top() == screenRegions && a.regions.loading)
}

// focusState is the fetch state behind the screen in front.
func (a *App) focusState() (loading bool, err error) {
	for i := len(a.stack) - 1; i >= 0; i-- {
		switch a.stack[i] {
		case screenGateways:
			return a.gateways.list.loading, a.gateways.list.err
		case screenGateway:
			return a.gateway.status()
		case screenLogs:
			return a.logs.list.loading, a.logs.list.err
		case screenTunnels:
			if !a.tunnels.diagLoaded {
				return true, nil // asking the service for its diagnosis
			}
		}
	}
	return false, nil
}

func (a *App) bodyHeight() int { return max(a.height-3, 1) }

func (a *App) resize(w, h int) {
	a.width, a.height = w, h
	bh := a.bodyHeight()
	a.gateways.list.setSize(w, max(bh-2, 1))
	if a.has(screenGateway) {
		a.gateway.setSize(w, bh)
	}
	if a.has(screenTunnels) {
		a.tunnels.setSize(w, bh)
	}
	if a.has(screenDetail) {
		a.detail.setSize(w, bh)
	}
	if a.has(screenRegions) {
		a.regions.setSize(w, bh)
	}
	if a.has(screenWizard) {
		a.wizard.setSize(w, bh)
	}
	if a.has(screenLogs) {
		a.logs.setSize(w, bh)
	}
	a.help.setSize(w, bh)
	if a.top() == screenHelp && len(a.stack) > 1 {
		a.help.setLines(helpLines(a.c, a.stack[len(a.stack)-2], a.gateway.tab, w))
	}
}

func (a App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = "vpnscope — " + a.c.region
	return v
}

// render draws exactly height lines of at most width cells.
func (a App) render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	var body string
	switch a.top() {
	case screenGateways:
		body = a.gateways.list.View()
	case screenGateway:
		body = a.gateway.View()
	case screenTunnels:
		body = a.tunnels.View()
	case screenDetail:
		body = a.detail.View()
	case screenHelp:
		body = a.help.View()
	case screenRegions:
		body = a.regions.View()
	case screenWizard:
		body = a.wizard.View()
	case screenLogs:
		body = a.logs.View()
	}
	bodyLines := strings.Split(body, "\n")
	lines := make([]string, 0, a.height+3)
	lines = append(lines, a.header())
	for i := range a.bodyHeight() {
		line := ""
		if i < len(bodyLines) {
			line = bodyLines[i]
		}
		lines = append(lines, line)
	}
	lines = append(lines, a.statusLine(), a.messageLine())
	if len(lines) > a.height {
		// A tiny terminal: keep the top of the screen and the message line.
		lines = append(lines[:max(a.height-1, 1)], lines[len(lines)-1])[:a.height]
	}
	for i, l := range lines {
		lines[i] = fit(l, a.width)
	}
	return strings.Join(lines, "\n")
}

func (a *App) header() string {
	s := a.c.styles
	out := " " + s.Title.Render("vpnscope")
	if a.cfg.Demo {
		out += " " + s.Badge.Render(" DEMO ")
	}
	if a.cfg.ReadOnly {
		out += " " + s.Muted.Render("[read-only]")
	}
	crumbs := []string{a.c.region}
	if a.has(screenGateway) {
		crumbs = append(crumbs, orDash(a.gateway.gw.Name))
		if a.has(screenTunnels) {
			crumbs = append(crumbs, orDash(a.tunnels.conn.Name))
		}
	}
	switch a.top() {
	case screenDetail:
		crumbs = append(crumbs, "details")
	case screenWizard:
		crumbs = append(crumbs, orDash(a.wizard.gw.Name), "new SSL server")
	case screenLogs:
		if !a.has(screenTunnels) {
			crumbs = append(crumbs, orDash(a.logs.conn.Name))
		}
		crumbs = append(crumbs, "log")
	}
	return out + "  " + s.Crumb.Render(strings.Join(crumbs, s.CrumbSep.Render(" › ")))
}

func (a *App) statusLine() string {
	s := a.c.styles
	left := " " + a.c.region
	if a.cfg.CredentialSource != "" {
		left += " · " + a.cfg.CredentialSource
	}
	if a.cfg.Endpoint != "" {
		left += " · " + a.cfg.Endpoint
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
		right = append(right, "refreshed "+t.In(a.c.loc).Format("15:04:05"))
	}
	r := strings.Join(right, " · ") + " "
	// When both do not fit, the left (what rarely changes) is cut.
	left = cut(left, a.width-ansi.StringWidth(r)-1)
	gap := max(a.width-ansi.StringWidth(left)-ansi.StringWidth(r), 0)
	return s.StatusBar.Render(fit(left+strings.Repeat(" ", gap)+r, a.width))
}

func (a *App) lastRefresh() time.Time {
	for i := len(a.stack) - 1; i >= 0; i-- {
		switch a.stack[i] {
		case screenLogs:
			return a.logs.list.loadedAt
		case screenGateways:
			return a.gateways.list.loadedAt
		case screenGateway:
			switch a.gateway.tab {
			case tabSSLClients:
				return a.gateway.clients.loadedAt
			case tabIPsecServers:
				return a.gateway.servers.loadedAt
			}
			return a.gateway.conns.loadedAt
		}
	}
	return time.Time{}
}

// messageLine is, by priority: a retry in progress, the last error with
// what to do, a flash note, or the key hints.
func (a *App) messageLine() string {
	s := a.c.styles
	_, err := a.focusState()
	switch {
	case a.retry != nil:
		what := "throttled"
		if a.retry.Err != nil && a.retry.Err.Kind != api.KindThrottled {
			what = a.retry.Err.Code
		}
		return s.Warn.Render(fmt.Sprintf(" %s: %s, retrying in %s (attempt %d)", a.retry.Action, what,
			a.retry.Wait.Round(100*time.Millisecond), a.retry.Attempt+1))
	case err != nil:
		return s.StatusErr.Render(" ✗ " + errorLine(err))
	case a.flash != "":
		return s.Flash.Render(" " + a.flash)
	}
	return " " + hints(a.c, a.top(), a.gateway.tab)
}
