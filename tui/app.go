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
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
)

// Config is what the TUI needs from main.
type Config struct {
	Context          context.Context
	Client           alibaba.Client
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
	// AWS is the AWS Client VPN client, when that provider is set up.
	AWS *aws.Client
	// Provider is the cloud the app starts on: "alibaba" (default) or
	// "aws". With both clients set, p switches between them.
	Provider string
	// AWSRegion is where the AWS side starts when switched to (default
	// us-east-1); Region is the starting provider's.
	AWSRegion   string
	AWSEndpoint string // what the status line says for the AWS side, when it differs from Endpoint
	MaxInFlight int    // calls the problems scan runs at once (default 8)
}

// App is the root model. It alone returns tea.View, owns focus and layout,
// and routes: keys to the top pane (an open input claims them first,
// except ctrl+c), results to the pane that asked for them. Its screens are
// a stack of panes; the gateway list is always at the bottom.
type App struct {
	c      *common
	cfg    Config
	width  int
	height int
	stack  []pane

	regionSeq int
	wizardSeq int
	regionOf  map[string]string // the region each provider was left in
	locateSeq int               // the :id lookup the app waits for
	cmdline   commandLine

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
	// What came from flags, env vars and files is shown as text, never
	// run as a terminal sequence (API answers are made safe by each
	// provider's mapping).
	for _, s := range []*string{&cfg.Region, &cfg.CredentialSource, &cfg.Endpoint, &cfg.Warning, &cfg.AWSRegion, &cfg.AWSEndpoint} {
		*s = api.Printable(*s)
	}
	c := &common{ctx: cfg.Context, client: cfg.Client, keys: keymap.Default(), styles: newStyles(cfg.Theme != "light"),
		now: cfg.Now, loc: cfg.Location, region: cfg.Region, maxInFlight: cfg.MaxInFlight, after: tea.Tick, newToken: newClientToken}
	c.aws = cfg.AWS
	if cfg.Provider == "" {
		cfg.Provider = "alibaba"
		if cfg.Client == nil && cfg.AWS != nil {
			cfg.Provider = "aws"
		}
	}
	a := App{c: c, cfg: cfg, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), cmdline: newCommandLine(),
		regionOf: map[string]string{cfg.Provider: cfg.Region}}
	if cfg.Provider == "alibaba" && cfg.AWSRegion != "" {
		a.regionOf["aws"] = cfg.AWSRegion
	}
	a.useProvider(cfg.Provider)
	root := a.newRoot()
	a.stack = []pane{root}
	a.flash = cfg.Warning
	a.first = root.start()
	return a
}

// useProvider makes the app browse provider, with the keys that apply to
// it: c only for Alibaba Cloud's SSL servers, ctrl+k and e only for AWS;
// the problems overview reads Alibaba Cloud.
func (a *App) useProvider(provider string) {
	a.c.provider = provider
	k, ro, onAWS := &a.c.keys, a.cfg.ReadOnly, provider == "aws"
	k.List.Create.SetEnabled(!ro && !onAWS)
	k.List.Terminate.SetEnabled(!ro && onAWS)
	k.List.TerminateUser.SetEnabled(!ro && onAWS)
	k.List.Explain.SetEnabled(onAWS)
	k.Global.Problems.SetEnabled(!onAWS)
	k.Global.Provider.SetEnabled(a.cfg.AWS != nil && a.cfg.Client != nil)
}

// switchProvider starts over on the other cloud, in the region it was
// left in (or its default).
func (a App) switchProvider() (App, tea.Cmd) {
	next := "aws"
	if a.c.provider == "aws" {
		next = "alibaba"
	}
	a.regionOf[a.c.provider] = a.c.region
	region := a.regionOf[next]
	if region == "" {
		region = map[string]string{"aws": firstNonEmpty(a.cfg.AWSRegion, "us-east-1"), "alibaba": "cn-hangzhou"}[next]
	}
	a.useProvider(next)
	a, cmd := a.switchRegion(region)
	return a, tea.Batch(cmd, a.setFlash("switched to "+a.provider()+" · "+region))
}

// rootPane is the list a provider's app starts on: it fetches its first
// page, and more when a bigger window needs it.
type rootPane interface {
	pane
	start() tea.Cmd
	sized() tea.Cmd
}

// newRoot is the provider's root pane for the current region.
func (a *App) newRoot() rootPane {
	if a.c.provider == "aws" {
		p := newEndpointsPane(a.c)
		return &p
	}
	p := newGatewaysPane(a.c)
	return &p
}

// provider names the cloud on screen, for the header.
func (a *App) provider() string {
	if a.c.provider == "aws" {
		return "AWS"
	}
	return "Alibaba Cloud"
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

func (a *App) top() pane { return a.stack[len(a.stack)-1] }

// rootGateways is the root pane when it is Alibaba Cloud's gateway list.
func (a *App) rootGateways() (*gatewaysPane, bool) {
	p, ok := a.stack[0].(*gatewaysPane)
	return p, ok
}

// find is the topmost pane of type P in the stack.
func find[P pane](a *App) (P, bool) {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if p, ok := a.stack[i].(P); ok {
			return p, true
		}
	}
	var zero P
	return zero, false
}

// topIs reports whether the pane in front is of type P.
func topIs[P pane](a *App) bool {
	_, ok := a.top().(P)
	return ok
}

// push puts a pane in front, sized to the body.
func (a *App) push(p pane) {
	p.setSize(a.width, a.bodyHeight())
	a.stack = append(a.stack, p)
}

// pop leaves the top pane, cancelling its calls in flight.
func (a *App) pop() {
	if len(a.stack) <= 1 {
		return
	}
	a.top().close()
	a.stack = a.stack[:len(a.stack)-1]
}

// popTo leaves every pane above the root.
func (a *App) popTo(n int) {
	for len(a.stack) > n {
		a.pop()
	}
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
		// A page that arrived before the first size may not fill the
		// screen, and a window grown shows rows not loaded yet.
		cmds := []tea.Cmd{a.stack[0].(rootPane).sized()}
		if top, ok := a.top().(interface{ sized() tea.Cmd }); ok && len(a.stack) > 1 {
			cmds = append(cmds, top.sized())
		}
		return a, tea.Batch(cmds...)
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
		// A notice lasts as long as its call: the end of the call (or of
		// one shown) takes it down, so the outcome is what stays.
		n := api.RetryNotice(msg)
		switch {
		case !n.Done:
			a.retry = &n
		case a.retry != nil && a.retry.Call == n.Call:
			a.retry = nil
		}
		return a, nil
	case tickMsg:
		return a.watchTick(msg)
	case listMsg:
		return a.routeList(msg)
	case closeWizardMsg:
		return a.closeWizard(msg)
	case locatedMsg:
		return a.openLocated(msg)
	case scanEventMsg:
		return a.scanned(msg)
	case tea.KeyPressMsg:
		return a.key(msg)
	}
	// Everything else (a diagnosis, the SSL server, the wizard's answers,
	// an input's own messages) goes to every pane: each takes what it
	// asked for, by its own sequence numbers, and ignores the rest.
	var cmds []tea.Cmd
	for _, p := range a.stack {
		cmds = append(cmds, p.update(msg))
	}
	return a, tea.Batch(cmds...)
}

// routeList hands a list's result to the pane that holds the list with its
// id, whatever its row type; a list the user has left (or replaced) is not
// found, and its result is dropped.
func (a App) routeList(msg listMsg) (App, tea.Cmd) {
	a.retry = nil // an answer came: any retry notice is over
	for _, p := range a.stack {
		h, ok := p.(listHolder)
		if !ok {
			continue
		}
		if cmd, ok := h.deliver(msg); ok {
			if g, ok := p.(*gatewayView); ok && msg.listID() == g.conns.listID() {
				a.syncTunnels(g)
			}
			return a, cmd
		}
	}
	return a, nil
}

// scanned takes a problems scan's event: the overview's, and the rollups
// of the gateway list's region.
func (a App) scanned(msg scanEventMsg) (App, tea.Cmd) {
	if msg.event.Done {
		a.retry = nil // every call it retried has answered
	}
	v, ok := find[*problemsView](&a)
	if !ok {
		return a, nil
	}
	if r := msg.event.Checked; r != nil && r.Region == a.c.region && msg.seq == v.seq {
		if g, ok := a.rootGateways(); ok {
			g.rollups[r.GatewayID] = *r
		}
	}
	return a, v.update(msg)
}

// syncTunnels shows a refreshed connection in the open tunnels view.
func (a *App) syncTunnels(g *gatewayView) {
	t, ok := find[*tunnelsView](a)
	if !ok || g.conns.mode == modeRefresh {
		return
	}
	for _, r := range g.conns.items {
		if r.id == t.conn.ID {
			t.setConn(r.connection(), g.conns.events)
			return
		}
	}
}

// focused is the pane in front if it can own keys.
func (a *App) focused() keyOwner {
	k, _ := a.top().(keyOwner)
	return k
}

// claimsKeys is true when an open input or question must get every key.
func (a *App) claimsKeys() bool {
	f := a.focused()
	return f != nil && f.claimsKeys()
}

func (a *App) handlesBack() bool {
	f := a.focused()
	return f != nil && f.handlesBack()
}

func (a App) key(msg tea.KeyPressMsg) (App, tea.Cmd) {
	k := a.c.keys
	if key.Matches(msg, k.Global.Interrupt) {
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
		return a, a.top().update(msg)
	}
	if topIs[*helpView](&a) {
		if key.Matches(msg, k.Global.Back, k.Global.Help, k.Global.Quit) {
			a.pop()
			return a, nil
		}
		return a, a.top().update(msg)
	}
	switch {
	case key.Matches(msg, k.Global.Quit):
		return a, tea.Quit
	case key.Matches(msg, k.Global.Help):
		return a.openHelp(), nil
	case key.Matches(msg, k.Global.Back):
		if a.handlesBack() {
			return a, a.top().update(msg)
		}
		a.pop()
		return a, nil
	case key.Matches(msg, k.Global.Refresh):
		return a, a.refresh()
	case key.Matches(msg, k.Global.Watch):
		return a.toggleWatch()
	case key.Matches(msg, k.Global.Region):
		if !topIs[*regionPicker](&a) {
			a.regionSeq++
			p, cmd := newRegionPicker(a.c, a.regionSeq, a.width, a.bodyHeight())
			a.push(&p)
			return a, cmd
		}
	case key.Matches(msg, k.Global.Problems):
		return a.openProblems()
	case key.Matches(msg, k.List.Explain):
		return a.openExplanation()
	case key.Matches(msg, k.Global.Provider):
		return a.switchProvider()
	case key.Matches(msg, k.Global.Command):
		return a, a.cmdline.start()
	case key.Matches(msg, k.List.Open):
		return a.open()
	case key.Matches(msg, k.List.Details) && !topIs[*detailView](&a):
		return a.openDetail()
	case key.Matches(msg, k.List.Copy):
		return a.copyID()
	case key.Matches(msg, k.List.Logs) && a.canOpenLogs():
		return a.openLogs()
	case (key.Matches(msg, k.List.Create) || a.cfg.ReadOnly && slices.Contains(k.List.Create.Keys(), msg.String())) &&
		(topIs[*gatewaysPane](&a) || topIs[*gatewayView](&a)):
		// Under --readonly the binding is off (not offered), but the key
		// still says why nothing happens.
		return a.openWizard()
	}
	return a, a.top().update(msg)
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
	return loading
}

// focusState is the fetch state of the pane in front: loading, or the
// last error with what to do.
func (a *App) focusState() (loading bool, err error) { return a.top().fetchState() }

func (a *App) bodyHeight() int { return max(a.height-3, 1) }

func (a *App) resize(w, h int) {
	a.width, a.height = w, h
	for _, p := range a.stack {
		p.setSize(w, a.bodyHeight())
	}
	if hv, ok := a.top().(*helpView); ok {
		hv.sc.setLines(a.helpLines())
	}
}

func (a App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = api.Printable("vpnscope — " + a.c.region)
	return v
}

// render draws exactly height lines of at most width cells.
func (a App) render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	bodyLines := strings.Split(a.top().View(), "\n")
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
	if topIs[*helpView](&a) {
		return a
	}
	hv := &helpView{sc: scroller{c: a.c}}
	a.push(hv)
	hv.sc.setLines(a.helpLines())
	return a
}

// commandKey handles a key while the command line is open: it claims every
// key but ctrl+c.
func (a App) commandKey(msg tea.KeyPressMsg) (App, tea.Cmd) {
	cl, k := &a.cmdline, a.c.keys.Input
	switch {
	case key.Matches(msg, k.Cancel):
		cl.close()
		return a, nil
	case key.Matches(msg, k.Complete):
		cl.complete(a.cfg.Regions)
		return a, nil
	case key.Matches(msg, k.Older):
		cl.walk(true)
		return a, nil
	case key.Matches(msg, k.Newer):
		cl.walk(false)
		return a, nil
	case key.Matches(msg, k.Apply):
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
		a.popTo(1)
		return a, nil
	case "region":
		return a.switchRegion(arg)
	case "id":
		a.locateSeq++
		a.flash = "looking up " + arg + "…"
		ctx, client, region, seq := a.c.ctx, a.c.client, a.c.region, a.locateSeq
		return a, func() tea.Msg {
			l, err := alibaba.Locate(ctx, client, arg, region)
			return locatedMsg{seq: seq, id: arg, located: l, err: err}
		}
	case "sort":
		f, ok := a.top().(sorter)
		if !ok {
			a.cmdline.err = "nothing to sort here"
		} else if err := f.sortByTitle(arg); err != nil {
			a.cmdline.err = err.Error()
		}
		return a, nil
	}
	return a, nil
}

// helpLines is the help for the pane under the help screen, with the sort
// letters of its list.
func (a *App) helpLines() []string {
	below := a.stack[len(a.stack)-2]
	var groups []keymap.Group
	if h, ok := below.(helpful); ok {
		groups = h.helpGroups(a.c.keys)
	}
	var sorts []string
	if s, ok := below.(sorter); ok {
		sorts = s.sortHelp()
	}
	return helpLines(a.c, groups, sorts, a.width)
}
