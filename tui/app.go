// Package tui is vpnscope's terminal UI: Bubble Tea models for the root
// app, the panes, the shared paged list, details, help and the status line.
package tui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
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
	Regions          []string         // region ids :region completes
	MaxInFlight      int              // calls the problems scan runs at once (default 8)
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
	screenProblems
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
	problems  problemsView
	cmdline   commandLine
	locateSeq int // the :id lookup the app waits for

	first    tea.Cmd // the first page's call, until Run or Init starts it
	spin     spinner.Model
	spinning bool
	flash    string
	flashID  int
	retry    *api.RetryNotice
	watch    bool
	watchGen int
	backoff  uint // watch interval doublings while throttled
}

// New builds the app and prepares the first page's call. Its page size does
// not depend on the window (the largest the action allows), so Run can start
// it before the terminal is set up and overlap the round trip with that.
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
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 8
	}
	if cfg.RefreshInterval <= 0 {
		cfg.RefreshInterval = 10 * time.Second
	}
	c := &common{ctx: cfg.Context, client: cfg.Client, keys: keymap.Default(), styles: newStyles(cfg.Theme != "light"),
		now: cfg.Now, loc: cfg.Location, region: cfg.Region, maxInFlight: cfg.MaxInFlight, after: tea.Tick, newToken: newClientToken}
	c.keys.List.Create.SetEnabled(!cfg.ReadOnly)
	a := App{c: c, cfg: cfg, stack: []screen{screenGateways}, gateways: newGatewaysPane(c),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), help: scroller{c: c}, cmdline: newCommandLine()}
	a.flash = cfg.Warning
	a.first = a.gateways.list.start()
	return a
}

// takeFirst hands over the first page's call to be started early; Init
// then does not start it again.
func (a *App) takeFirst() tea.Cmd {
	cmd := a.first
	a.first = nil
	return cmd
}

func (a App) Init() tea.Cmd {
	if a.cfg.Theme == "dark" || a.cfg.Theme == "light" {
		return a.first
	}
	return tea.Batch(a.first, tea.RequestBackgroundColor)
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
	case screenProblems:
		a.problems.close()
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
		// A page that arrived before the first size may not fill the screen.
		return a, a.gateways.list.fetchMoreIfNear()
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
	case listMsg:
		return a.routeList(msg)
	case diagnosisLoadedMsg:
		if a.has(screenTunnels) {
			a.tunnels, cmd = a.tunnels.Update(msg)
		}
		return a, cmd
	case sslServerLoadedMsg:
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
	case locatedMsg:
		return a.openLocated(msg)
	case scanEventMsg:
		if msg.event.Done {
			a.retry = nil // every call it retried has answered
		}
		if r := msg.event.Checked; r != nil && r.Region == a.c.region && msg.seq == a.problems.seq {
			a.gateways.rollups[r.GatewayID] = *r
		}
		if a.has(screenProblems) {
			a.problems, cmd = a.problems.Update(msg)
		}
		return a, cmd
	case tea.KeyPressMsg:
		return a.key(msg)
	}
	return a.forward(msg)
}

// routeList hands a list's result to the list with its id, whatever its
// row type; a list the user has left (or replaced) is not found, and its
// result is dropped.
func (a App) routeList(msg listMsg) (App, tea.Cmd) {
	a.retry = nil // an answer came: any retry notice is over
	id := msg.listID()
	switch {
	case id == a.gateways.list.listID():
		return a, a.gateways.list.update(msg)
	case a.has(screenGateway):
		if cmd, ok := a.gateway.deliver(msg); ok {
			if id == a.gateway.conns.listID() {
				a.syncTunnels()
			}
			return a, cmd
		}
	}
	switch {
	case a.has(screenLogs) && id == a.logs.list.listID():
		return a, a.logs.list.update(msg)
	case a.has(screenProblems) && id == a.problems.list.listID():
		return a, a.problems.list.update(msg)
	}
	return a, nil
}

// syncTunnels shows a refreshed connection in the open tunnels view.
func (a *App) syncTunnels() {
	if !a.has(screenTunnels) || a.gateway.conns.mode == modeRefresh {
		return
	}
	for _, r := range a.gateway.conns.items {
		if r.id == a.tunnels.conn.ID {
			a.tunnels.setConn(r.connection(), a.gateway.conns.events)
			return
		}
	}
}

// keyOwner is a component that may hold an open input (a filter, a
// question) and so claim keys, or use esc itself (to clear a filter).
type keyOwner interface {
	claimsKeys() bool
	handlesBack() bool
	sortByTitle(name string) error
	sortHelp() []string
}

// focused is the component on top that can own keys, if any.
func (a *App) focused() keyOwner { return a.focusedOn(a.top()) }

// focusedOn is the component of screen s that can own keys, if any.
func (a *App) focusedOn(s screen) keyOwner {
	switch s {
	case screenGateways:
		return &a.gateways.list
	case screenGateway:
		return &a.gateway
	case screenLogs:
		return &a.logs.list
	case screenProblems:
		return &a.problems.list
	}
	return nil
}

// claimsKeys is true when an open input or question must get every key.
func (a *App) claimsKeys() bool {
	if a.top() == screenWizard {
		return true
	}
	f := a.focused()
	return f != nil && f.claimsKeys()
}

func (a *App) handlesBack() bool {
	f := a.focused()
	return f != nil && f.handlesBack()
}

func (a App) key(msg tea.KeyPressMsg) (App, tea.Cmd) {
	k := a.c.keys
	if msg.String() == "ctrl+c" {
		return a, tea.Quit
	}
	if a.cfg.Warning != "" && a.flash == a.cfg.Warning {
		a.flash = ""
	}
	if a.cmdline.open {
		return a.commandKey(msg)
	}
	a.cmdline.err = ""
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
		return a.openHelp(), nil
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
	case key.Matches(msg, k.Global.Problems):
		return a.openProblems()
	case key.Matches(msg, k.Global.Command):
		return a, a.cmdline.start()
	case key.Matches(msg, k.List.Open):
		return a.open()
	case key.Matches(msg, k.List.Details) && a.top() != screenDetail:
		return a.openDetail()
	case key.Matches(msg, k.List.Copy):
		return a.copyID()
	case key.Matches(msg, k.List.Logs) && (a.top() == screenTunnels || a.top() == screenGateway && a.gateway.tab == tabConnections):
		return a.openLogs()
	case (key.Matches(msg, k.List.Create) || a.cfg.ReadOnly && slices.Contains(k.List.Create.Keys(), msg.String())) &&
		(a.top() == screenGateways || a.top() == screenGateway):
		// Under --readonly the binding is off (not offered), but the key
		// still says why nothing happens.
		return a.openWizard()
	}
	return a.forward(msg)
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
	case screenProblems:
		a.problems, cmd = a.problems.Update(msg)
	}
	return a, cmd
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
		case screenProblems:
			return a.problems.list.loading, nil
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
	if a.has(screenProblems) {
		a.problems.setSize(w, bh)
	}
	a.help.setSize(w, bh)
	if a.top() == screenHelp && len(a.stack) > 1 {
		a.help.setLines(a.helpLines())
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
	case screenProblems:
		body = a.problems.View()
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

func (a App) openHelp() App {
	if a.top() == screenHelp {
		return a
	}
	a.push(screenHelp)
	a.help.offset = 0
	a.help.setLines(a.helpLines())
	return a
}

// commandKey handles a key while the command line is open: it claims every
// key but ctrl+c.
func (a App) commandKey(msg tea.KeyPressMsg) (App, tea.Cmd) {
	cl := &a.cmdline
	switch msg.String() {
	case "esc":
		cl.close()
		return a, nil
	case "tab":
		cl.complete(a.cfg.Regions)
		return a, nil
	case "up":
		cl.walk(true)
		return a, nil
	case "down":
		cl.walk(false)
		return a, nil
	case "enter":
		line := strings.TrimSpace(cl.input.Value())
		cl.close()
		cl.remember(line)
		return a.runCommand(line)
	}
	var cmd tea.Cmd
	cl.input, cmd = cl.input.Update(msg)
	return a, cmd
}

// runCommand does what a command line asks; everything it reaches is also
// a key.
func (a App) runCommand(line string) (App, tea.Cmd) {
	name, arg, err := parseCommand(line)
	if err != nil {
		a.cmdline.err = err.Error()
		return a, nil
	}
	if k := commandKey(name); k != "" {
		return a.key(pressKey(k))
	}
	switch name {
	case "quit":
		return a, tea.Quit
	case "problems":
		return a.openProblems()
	case "help":
		return a.openHelp(), nil
	case "gateways":
		for len(a.stack) > 1 {
			a.pop()
		}
		return a, nil
	case "region":
		return a.switchRegion(arg)
	case "id":
		a.locateSeq++
		a.flash = "looking up " + arg + "…"
		ctx, client, region, seq := a.c.ctx, a.c.client, a.c.region, a.locateSeq
		return a, func() tea.Msg {
			l, err := api.Locate(ctx, client, arg, region)
			return locatedMsg{seq: seq, id: arg, located: l, err: err}
		}
	case "sort":
		f := a.focused()
		if f == nil {
			a.cmdline.err = "nothing to sort here"
		} else if err := f.sortByTitle(arg); err != nil {
			a.cmdline.err = err.Error()
		}
		return a, nil
	}
	return a, nil
}

// helpLines is the help for the screen under the help screen, with the
// sort letters of its list.
func (a *App) helpLines() []string {
	below := a.stack[len(a.stack)-2]
	var sorts []string
	if f := a.focusedOn(below); f != nil {
		sorts = f.sortHelp()
	}
	return helpLines(a.c, below, a.gateway.tab, sorts, a.width)
}
