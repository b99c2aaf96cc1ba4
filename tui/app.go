// Package tui is the root of vpnscope's terminal UI: the App model (the
// pane stack, focus, layout, global keys and routing), the command line,
// the header, status and hint lines, help, the region picker and watch.
// It names no provider: the components every provider's panes share (the
// paged list, tabs, details, log view) are in tui/ui, and each cloud's
// panes in its own package, tui/alibaba and tui/aws.
package tui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/journal"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// Config is what the TUI needs from main.
type Config struct {
	Context context.Context
	// Providers are the clouds set up, the first where the app starts;
	// with more than one, p cycles through them.
	Providers        []ui.Provider
	CredentialSource string // where credentials came from: "profile prod", "env", never a key
	// Sources are where each provider's credentials came from, by index
	// in Providers (accounts differ); CredentialSource where one is "".
	Sources         []string
	Demo            bool
	ReadOnly        bool
	RefreshInterval time.Duration // auto-refresh (w); default 10 s
	Warning         string        // shown in the status line until the first key
	Theme           string        // auto (ask the terminal), dark or light
	Events          *Events
	Now             func() time.Time // default time.Now; tests fix it
	Location        *time.Location   // default time.Local
	MaxInFlight     int              // calls the problems scan runs at once (default 8)
	// Journal is the local state journal (nil: --no-journal): the tunnels
	// and problems views record what they see and show down-since,
	// flapping and each tunnel's timeline from it.
	Journal *journal.Journal
}

// App is the root model. It alone returns tea.View, owns focus and layout,
// and routes: keys to the top pane (an open input claims them first,
// except ctrl+c), results to the pane that asked for them. Its screens are
// a stack of panes; the gateway list is always at the bottom.
type App struct {
	c      *ui.Common
	cfg    Config
	width  int
	height int
	stack  []ui.Pane

	regionSeq int
	current   int            // the provider browsed, in cfg.Providers
	regionOf  map[int]string // the region each provider was left in
	locateSeq int            // the :id lookup the app waits for
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

	dark    bool                 // the background, as the theme or the terminal says
	profile colorprofile.Profile // the terminal's colours, as Bubble Tea detected them
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
	// provider's client; a provider's region and endpoint label by its
	// constructor).
	cfg.CredentialSource, cfg.Warning = api.Printable(cfg.CredentialSource), api.Printable(cfg.Warning)
	for i := range cfg.Sources {
		cfg.Sources[i] = api.Printable(cfg.Sources[i])
	}
	c := &ui.Common{Ctx: cfg.Context, Keys: keymap.Default(), Styles: ui.NewStyles(cfg.Theme != "light"),
		Now: cfg.Now, Loc: cfg.Location, MaxInFlight: cfg.MaxInFlight, After: tea.Tick, NewToken: ui.NewClientToken}
	c.ReadOnly, c.Journal = cfg.ReadOnly, cfg.Journal
	a := App{c: c, cfg: cfg, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), cmdline: newCommandLine(),
		regionOf: map[int]string{}}
	a.dark, a.profile = cfg.Theme != "light", colorprofile.TrueColor
	a.useProvider(0, a.provider().Region())
	root := a.provider().Root(a.c)
	a.stack = []ui.Pane{root}
	a.flash = cfg.Warning
	a.first = root.Start()
	return a
}

// provider is the cloud browsed.
func (a *App) provider() ui.Provider { return a.cfg.Providers[a.current] }

// useProvider makes the app browse provider i in region, with the keys
// that provider serves.
func (a *App) useProvider(i int, region string) {
	a.current, a.c.Region, a.c.Account = i, region, ui.AccountOf(a.cfg.Providers[i])
	a.provider().Keys(&a.c.Keys, a.cfg.ReadOnly)
	a.c.Keys.Global.Provider.SetEnabled(len(a.cfg.Providers) > 1)
}

// switchProvider starts over on the next cloud, in the region it was
// left in (or where it starts).
func (a App) switchProvider() (App, tea.Cmd) {
	return a.switchToProvider((a.current + 1) % len(a.cfg.Providers))
}

// switchToProvider starts over on provider next, in the region it was
// left in (or where it starts).
func (a App) switchToProvider(next int) (App, tea.Cmd) {
	a.regionOf[a.current] = a.c.Region
	region := a.regionOf[next]
	if region == "" {
		region = a.cfg.Providers[next].Region()
	}
	a.useProvider(next, region)
	a, cmd := a.switchRegion(region)
	return a, tea.Batch(cmd, a.setFlash("switched to "+providerLabel(a.provider())+" · "+region))
}

// TakeFirst hands over the first page's call to be started early; Init
// then does not start it again.
func (a *App) TakeFirst() tea.Cmd {
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

// restyle builds the styles for the background and colour profile, and
// the prepared lines in them.
func (a App) restyle() App {
	a.c.Styles = ui.NewStylesFor(a.dark, a.profile)
	a.resize(a.width, a.height)
	return a
}

// Common is the context the app shares with its panes (tests replace its
// clock and token hooks).
func (a *App) Common() *ui.Common { return a.c }

// CommandInput is what the command line holds as typed.
func (a *App) CommandInput() string { return a.cmdline.Input.Value() }

// Panes is the stack of screens, the provider's root first.
func (a *App) Panes() []ui.Pane { return a.stack }

// Top is the pane in front.
func (a *App) Top() ui.Pane { return a.stack[len(a.stack)-1] }

// topIs reports whether the pane in front is of type P.
func topIs[P ui.Pane](a *App) bool {
	_, ok := a.Top().(P)
	return ok
}

// push puts a pane in front, sized to the body. A note said on the
// screen it covers is not about the new one: the hints come back.
func (a *App) push(p ui.Pane) {
	p.SetSize(a.width, a.bodyHeight())
	a.stack = append(a.stack, p)
	a.flash = ""
}

// pop leaves the top pane, cancelling its calls in flight, and the note
// said on it.
func (a *App) pop() {
	if len(a.stack) <= 1 {
		return
	}
	a.Top().Close()
	a.stack = a.stack[:len(a.stack)-1]
	a.flash = ""
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
		cmds := []tea.Cmd{a.stack[0].(ui.RootPane).Sized()}
		if top, ok := a.Top().(ui.Sizer); ok && len(a.stack) > 1 {
			cmds = append(cmds, top.Sized())
		}
		return a, tea.Batch(cmds...)
	case tea.BackgroundColorMsg:
		if a.cfg.Theme == "dark" || a.cfg.Theme == "light" {
			return a, nil
		}
		a.dark = msg.IsDark()
		return a.restyle(), nil
	case tea.ColorProfileMsg:
		a.profile = msg.Profile
		return a.restyle(), nil
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
	case RetryNoticeMsg:
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
	case ui.ListMsg:
		return a.routeList(msg)
	case ui.PopMsg:
		a.pop()
		return a, msg.Then
	case ui.LocateMsg:
		a.locateSeq++
		return a, ui.TagOpened(msg.Cmd, a.locateSeq)
	case ui.OpenedMsg:
		return a.openFound(msg)
	case ui.PushMsg:
		return a.pushWanted(msg)
	case openingFindingMsg:
		return a, tea.Batch(a.setFlash(msg.note), msg.open)
	case openFindingMsg:
		return a.openFinding(msg)
	case ui.PopToRootMsg:
		a.popTo(1)
		return a, nil
	case ui.FlashMsg:
		return a, a.setFlash(msg.Text)
	case ui.SwitchRegionMsg:
		return a.switchRegion(msg.Region)
	case regionVettedMsg:
		return a.regionVetted(msg)
	case ui.Settler:
		if msg.Settled() {
			a.retry = nil // every call it retried has answered
		}
	case tea.KeyPressMsg:
		return a.key(msg)
	}
	// Everything else (a diagnosis, the SSL server, the wizard's answers,
	// an input's own messages) goes to every pane: each takes what it
	// asked for, by its own sequence numbers, and ignores the rest.
	var cmds []tea.Cmd
	for _, p := range a.stack {
		cmds = append(cmds, p.Handle(msg))
	}
	return a, tea.Batch(cmds...)
}

// routeList hands a list's result to the pane that holds the list with its
// id, whatever its row type; a list the user has left (or replaced) is not
// found, and its result is dropped.
func (a App) routeList(msg ui.ListMsg) (App, tea.Cmd) {
	a.retry = nil // an answer came: any retry notice is over
	for _, p := range a.stack {
		h, ok := p.(ui.ListHolder)
		if !ok {
			continue
		}
		if cmd, ok := h.Deliver(msg); ok {
			return a, cmd
		}
	}
	return a, nil
}

// focused is the pane in front if it can own keys.
func (a *App) focused() ui.KeyOwner {
	k, _ := a.Top().(ui.KeyOwner)
	return k
}

// claimsKeys is true when an open input or question must get every key.
func (a *App) claimsKeys() bool {
	f := a.focused()
	return f != nil && f.ClaimsKeys()
}

func (a *App) handlesBack() bool {
	f := a.focused()
	return f != nil && f.HandlesBack()
}

func (a App) key(msg tea.KeyPressMsg) (App, tea.Cmd) {
	k := a.c.Keys
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
		return a, a.Top().Handle(msg)
	}
	if topIs[*HelpView](&a) {
		if key.Matches(msg, k.Global.Back, k.Global.Help, k.Global.Quit) {
			a.pop()
			return a, nil
		}
		return a, a.Top().Handle(msg)
	}
	if why := a.keyOff(msg); why != "" {
		return a, a.setFlash(why)
	}
	switch {
	case key.Matches(msg, k.Global.Quit):
		return a, tea.Quit
	case key.Matches(msg, k.Global.Help):
		return a.openHelp(), nil
	case key.Matches(msg, k.Global.Back):
		if a.handlesBack() {
			return a, a.Top().Handle(msg)
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
			p, cmd := newRegionPicker(a.c, a.provider(), a.regionSeq, a.width, a.bodyHeight())
			a.push(&p)
			return a, cmd
		}
	case key.Matches(msg, k.Global.Problems):
		return a.runCommand("problems")
	case key.Matches(msg, k.Global.Provider):
		return a.switchProvider()
	case key.Matches(msg, k.Global.Command):
		return a, a.cmdline.Start()
	case key.Matches(msg, k.List.Details) && !topIs[*ui.DetailView](&a):
		return a.openDetail()
	case key.Matches(msg, k.List.Raw) && !topIs[*ui.RawView](&a):
		return a.openRaw()
	case key.Matches(msg, k.List.Copy):
		return a.copyID()
	}
	cmd := a.Top().Handle(msg)
	if why := a.notHere(msg); cmd == nil && why != "" {
		return a, a.setFlash(why)
	}
	return a, cmd
}

func (a *App) setFlash(text string) tea.Cmd {
	a.flashID++
	a.flash = text
	id := a.flashID
	return a.c.After(4*time.Second, func(time.Time) tea.Msg { return clearFlashMsg{id: id} })
}

// busy is true while the screen in front waits for a call.
func (a *App) busy() bool {
	loading, _ := a.focusState()
	return loading
}

// focusState is the fetch state of the pane in front: loading, or the
// last error with what to do.
func (a *App) focusState() (loading bool, err error) { return a.Top().FetchState() }

func (a *App) bodyHeight() int { return max(a.height-3, 1) }

func (a *App) resize(w, h int) {
	a.width, a.height = w, h
	a.c.Width, a.c.Height = w, a.bodyHeight()
	for _, p := range a.stack {
		p.SetSize(w, a.bodyHeight())
	}
	if hv, ok := a.Top().(*HelpView); ok {
		hv.Sc.SetLines(a.helpLines())
	}
}

func (a App) View() tea.View {
	v := tea.NewView(a.Render())
	v.AltScreen = true
	v.WindowTitle = api.Printable("vpnscope — " + a.c.Region)
	return v
}

// Render draws exactly height lines of at most width cells.
func (a App) Render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	bodyLines := strings.Split(a.Top().View(), "\n")
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
		lines[i] = ui.Fit(l, a.width)
	}
	return strings.Join(lines, "\n")
}

func (a App) openHelp() App {
	if topIs[*HelpView](&a) {
		return a
	}
	hv := &HelpView{Sc: ui.Scroller{C: a.c}}
	a.push(hv)
	hv.Sc.SetLines(a.helpLines())
	return a
}

// commandKey handles a key while the command line is open: it claims every
// key but ctrl+c.
func (a App) commandKey(msg tea.KeyPressMsg) (App, tea.Cmd) {
	cl, k := &a.cmdline, a.c.Keys.Input
	switch {
	case key.Matches(msg, k.Cancel):
		cl.Close()
		return a, nil
	case key.Matches(msg, k.Complete):
		cl.complete(a.Commands(), a.argValues)
		return a, nil
	case key.Matches(msg, k.Older):
		cl.walk(true)
		return a, nil
	case key.Matches(msg, k.Newer):
		cl.walk(false)
		return a, nil
	case key.Matches(msg, k.Apply):
		line := strings.TrimSpace(cl.Input.Value())
		cl.Close()
		cl.remember(line)
		return a.runCommand(line)
	}
	var cmd tea.Cmd
	cl.Input, cmd = cl.Input.Update(msg)
	return a, cmd
}

// runCommand does what a command line asks; everything it reaches is also
// a key.
func (a App) runCommand(line string) (App, tea.Cmd) {
	name, arg, err := parseCommand(a.Commands(), line)
	if err != nil {
		a.cmdline.err = err.Error()
		return a, nil
	}
	cmd, _ := findCommand(a.Commands(), name)
	if cmd.Key != "" {
		return a.key(PressKey(cmd.Key))
	}
	if cmd.Run != nil {
		return a, cmd.Run(a.c, arg)
	}
	switch name {
	case "quit":
		return a, tea.Quit
	case "problems":
		if _, n := scanners(a.cfg.Providers); n > 1 {
			return a.openOverview()
		}
		if c := a.provider().Problems(a.c); c != nil {
			return a, c
		}
		return a.notOffered("the problems scan")
	case "help":
		return a.openHelp(), nil
	case "region":
		return a.vetRegion(arg)
	case "account":
		return a.switchAccount(arg)
	case "id":
		var switched tea.Cmd
		if owner := a.otherOwner(arg); owner >= 0 && !a.owns(arg) {
			// Another cloud's id: open it there, as p then :id would.
			a, switched = a.switchToProvider(owner)
		} else if why := a.otherForm(arg); why != "" {
			a.cmdline.err = why
			return a, nil
		}
		c := a.provider().OpenByID(a.c, arg)
		if c == nil {
			return a.notOffered("opening by id")
		}
		a.locateSeq++
		return a, tea.Batch(switched, ui.TagOpened(c, a.locateSeq))
	case "sort":
		f, ok := a.Top().(ui.Sorter)
		if !ok {
			a.cmdline.err = "nothing to sort here"
		} else if err := f.SortByTitle(arg); err != nil {
			a.cmdline.err = err.Error()
		}
		return a, nil
	}
	return a, nil
}

// owns reports whether id may be the current provider's: it decides an
// id both clouds' forms fit, and one whose provider does not say.
func (a *App) owns(id string) bool {
	f, ok := a.provider().(ui.IDForms)
	return !ok || f.OwnsID(id)
}

// otherOwner is the index of another configured provider whose ids have
// id's form, or -1.
func (a *App) otherOwner(id string) int {
	for i, p := range a.cfg.Providers {
		if f, ok := p.(ui.IDForms); ok && i != a.current && f.OwnsID(id) {
			return i
		}
	}
	return -1
}

// otherForm says what is wrong with id when it starts as another
// configured provider's ids do, not as the current one's, yet has not
// their form (":id tgw-123" on Alibaba Cloud): that cloud's rule, not the
// current one's list of prefixes. "" otherwise: the current provider
// answers.
func (a *App) otherForm(id string) string {
	if f, ok := a.provider().(ui.IDForms); ok && slices.ContainsFunc(f.IDForms(), func(form string) bool {
		return strings.HasPrefix(id, strings.TrimSuffix(form, "…"))
	}) {
		return ""
	}
	for i, p := range a.cfg.Providers {
		if s, ok := p.(ui.IDShapes); ok && i != a.current {
			if why := s.IDProblem(id); why != "" {
				return why
			}
		}
	}
	return ""
}

// argValues are what a command's argument can be, for tab: the regions
// for :region, the columns of the list in front for :sort.
func (a *App) argValues(command string) []string {
	switch command {
	case "region":
		return a.provider().RegionIDs()
	case "account":
		return a.accountNames()
	case "sort":
		if s, ok := a.Top().(ui.Sorter); ok {
			return s.SortColumns()
		}
	}
	return nil
}

// helpLines is the help for the pane under the help screen, with the sort
// letters of its list.
func (a *App) helpLines() []string {
	below := a.stack[len(a.stack)-2]
	var groups []keymap.Group
	if h, ok := below.(ui.Helpful); ok {
		groups = h.HelpGroups(a.c.Keys)
	}
	var sorts []string
	if s, ok := below.(ui.Sorter); ok {
		sorts = s.SortHelp()
	}
	legend := a.provider().Legend()
	if l, ok := below.(ui.Legended); ok {
		legend = l.Legend()
	}
	return helpLines(a.c, groups, sorts, legend, a.width)
}
