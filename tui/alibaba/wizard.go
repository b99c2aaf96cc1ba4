package alibaba

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// wizard creates an SSL-VPN server (CreateSslVpnServer) on one gateway.
// Every rule is checked on every keystroke (alibaba.ValidateSSLServer), the
// reason sits under its field, a step with a blocker cannot be left
// forward, and submit is impossible while any blocker remains. One client
// token serves each request, so a retry after a timeout cannot create a
// second server; it is renewed only when the request itself changes after
// the service has seen it (alibaba.Creation).
type wizard struct {
	crumb    []string // what the header says for it
	fromView bool     // started from the gateway's view, not the list
	c        *common
	gw       alibaba.Gateway
	facts    alibaba.GatewayFacts
	phase    wizardPhase
	seq      int

	form ui.Form // the fields in their steps; the rules and the request are the wizard's

	problems    alibaba.Problems
	serverErr   *api.Error // the last refusal, shown on its field
	serverField string
	submitErr   error // a failure that a retry may fix (network, throttling)

	creation alibaba.Creation // the token, and how long the gateway has been updating

	created  alibaba.CreatedSSLServer
	gwStatus string
	server   *alibaba.SSLServer
	timedOut bool

	regionsAsked bool // DescribeRegions, for the IDaaS region, is out or answered

	confirmLeave bool
	dirty        bool
	checkErr     error
	width        int
	height       int
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane     = (*wizard)(nil)
	_ ui.KeyOwner = (*wizard)(nil)
)

type wizardPhase int

const (
	phaseChecking   wizardPhase = iota // reading the gateway's SSL server
	phaseEditing                       // filling in the form
	phaseSubmitting                    // the request is out
	phaseWaiting                       // created; the gateway is updating
	phaseFinished                      // active, or gave up waiting
)

// The wizard's steps, in order.
const (
	stepBasics = iota
	stepAddresses
	stepProtocol
	stepAuth
	stepReview
	stepCount
)

var stepNames = []string{"Basics", "Addresses", "Protocol", "Authentication", "Review"}

// Results of the wizard's calls.
type (
	wizardFactsMsg struct {
		seq    int
		server *alibaba.SSLServer
		err    error
	}
	wizardSubmittedMsg struct {
		seq     int
		created alibaba.CreatedSSLServer
		err     error
	}
	wizardPolledMsg struct {
		seq    int
		gw     alibaba.Gateway
		server *alibaba.SSLServer
		err    error
	}
	wizardPollMsg struct{ seq int }
	// wizardRegionsMsg answers DescribeRegions, asked once two-factor
	// authentication is turned on: the IDaaS region must be one of them.
	wizardRegionsMsg struct {
		seq     int
		regions []string
		err     error
	}
)

func newWizard(c *common, gw alibaba.Gateway, seq, w, h int) (wizard, tea.Cmd) {
	wz := wizard{c: c, gw: gw, seq: seq, creation: alibaba.NewCreation(c.NewToken), width: w, height: h}
	text := ui.NewTextField
	wz.form = ui.NewForm(c.Common, stepNames,
		text(alibaba.FieldName, "Name", "optional; 1 to 100 characters, not starting with http:// or https://", "", "e.g. office-vpn (optional)", stepBasics),
		text(alibaba.FieldClientIPPool, "Client IP pool", "the addresses given to clients; 4 per SSL connection", alibaba.SuggestPool(gw.SSLMaxConnections, nil), "e.g. 172.31.0.0/26", stepAddresses),
		text(alibaba.FieldLocalSubnet, "Local subnets", "comma-separated CIDR blocks that clients may reach", "", "e.g. 10.0.0.0/8, 192.168.0.0/16", stepAddresses),
		ui.FormField{Key: alibaba.FieldProto, Label: "Protocol", Hint: "TCP is the default", Kind: ui.ChoiceField, Step: stepProtocol, Choices: alibaba.Protos},
		text(alibaba.FieldPort, "Port", "1 to 65535; 1194 is the default", strconv.Itoa(alibaba.DefaultSSLPort), "1194", stepProtocol),
		ui.FormField{Key: alibaba.FieldCipher, Label: "Cipher", Hint: "OpenVPN 2.4+ clients negotiate their own", Kind: ui.ChoiceField, Step: stepProtocol, Choices: alibaba.Ciphers},
		ui.FormField{Key: alibaba.FieldCompress, Label: "Compression", Hint: "off by default", Kind: ui.ToggleField, Step: stepProtocol},
		ui.FormField{Key: alibaba.FieldMFA, Label: "Two-factor auth", Hint: "needs an IDaaS instance (earlier versions only)", Kind: ui.ToggleField, Step: stepAuth},
		text(alibaba.FieldIDaaSID, "IDaaS instance", "the IDaaS instance id", "", "e.g. idaas-cn-hangzhou-abc123", stepAuth),
		text(alibaba.FieldIDaaSRegion, "IDaaS region", "the IDaaS instance's region", c.Region, "e.g. cn-hangzhou", stepAuth),
	)
	wz.form.Visible = visibleField
	wz.validate()
	client, ctx, region, id := c.client, c.Ctx, c.Region, gw.ID
	return wz, func() tea.Msg {
		server, err := client.SSLServer(ctx, region, id)
		return wizardFactsMsg{seq: seq, server: server, err: err}
	}
}

// visibleField reports whether a field shows: the IDaaS fields only with
// MFA on. It reads the form it is given, not the wizard, so it holds
// however the wizard value is copied.
func visibleField(form *ui.Form, f *ui.FormField) bool {
	if f.Key == alibaba.FieldIDaaSID || f.Key == alibaba.FieldIDaaSRegion {
		return form.Field(alibaba.FieldMFA).On
	}
	return true
}

func (w *wizard) field(key string) *ui.FormField { return w.form.Field(key) }

// spec is the request the form describes now.
func (w *wizard) spec() (alibaba.SSLServerSpec, alibaba.Problems) {
	s := alibaba.SSLServerSpec{
		GatewayID:    w.gw.ID,
		Name:         w.field(alibaba.FieldName).Input.Value(),
		ClientIPPool: w.field(alibaba.FieldClientIPPool).Input.Value(),
		Proto:        w.field(alibaba.FieldProto).Chosen(),
		Cipher:       w.field(alibaba.FieldCipher).Chosen(),
		Compress:     w.field(alibaba.FieldCompress).On,
		MFA:          w.field(alibaba.FieldMFA).On,
	}
	for _, l := range strings.Split(w.field(alibaba.FieldLocalSubnet).Input.Value(), ",") {
		if strings.TrimSpace(l) != "" {
			s.LocalSubnets = append(s.LocalSubnets, l)
		}
	}
	if s.MFA {
		s.IDaaSInstanceID = w.field(alibaba.FieldIDaaSID).Input.Value()
		s.IDaaSRegionID = w.field(alibaba.FieldIDaaSRegion).Input.Value()
	}
	var parse alibaba.Problems
	portText := strings.TrimSpace(w.field(alibaba.FieldPort).Input.Value())
	if portText == "" {
		s.Port = alibaba.DefaultSSLPort
	} else if n, err := strconv.Atoi(portText); err != nil || n < 1 {
		parse = append(parse, alibaba.Problem{Field: alibaba.FieldPort, Severity: alibaba.Blocker,
			Message: fmt.Sprintf("%q is not a port: use a number from 1 to 65535.", portText), Fix: strconv.Itoa(alibaba.DefaultSSLPort)})
	} else {
		s.Port = n
	}
	return s.Normalized(), parse
}

func (w *wizard) validate() {
	s, parse := w.spec()
	w.problems = append(parse, alibaba.ValidateSSLServer(s, w.facts)...)
}

// gatewayBlocked is the reason the wizard cannot continue, if any.
func (w *wizard) gatewayBlocked() *alibaba.Problem {
	if w.phase == phaseChecking {
		return nil
	}
	if ps := w.problems.For(alibaba.FieldGateway); len(ps) > 0 {
		return &ps[0]
	}
	return nil
}

// stepBlocked reports whether a visible field of step has a blocker.
func (w *wizard) stepBlocked(step int) bool {
	for _, i := range w.form.StepFields(step) {
		for _, p := range w.problems.For(w.form.Fields[i].Key) {
			if p.Severity == alibaba.Blocker {
				return true
			}
		}
	}
	return false
}

func (w wizard) Update(msg tea.Msg) (wizard, tea.Cmd) {
	switch msg := msg.(type) {
	case wizardFactsMsg:
		if msg.seq != w.seq {
			return w, nil
		}
		w.checkErr = msg.err
		regions := w.facts.Regions
		w.facts = alibaba.FactsOf(w.gw, msg.server)
		w.facts.Regions = regions
		w.phase = phaseEditing
		w.validate()
		return w, w.form.GoStep(stepBasics)
	case wizardRegionsMsg:
		if msg.seq != w.seq || msg.err != nil {
			return w, nil // unknown, the region is checked by its form alone
		}
		w.facts.Regions = msg.regions
		w.validate()
		return w, nil
	case wizardSubmittedMsg:
		if msg.seq != w.seq || w.phase != phaseSubmitting {
			return w, nil
		}
		return w.submitted(msg)
	case wizardPollMsg:
		if msg.seq != w.seq || w.phase != phaseWaiting {
			return w, nil
		}
		client, ctx, region, id, seq := w.c.client, w.c.Ctx, w.c.Region, w.gw.ID, w.seq
		return w, func() tea.Msg {
			g, server, err := alibaba.Poll(ctx, client, region, id)
			return wizardPolledMsg{seq: seq, gw: g, server: server, err: err}
		}
	case wizardPolledMsg:
		if msg.seq != w.seq || w.phase != phaseWaiting {
			return w, nil
		}
		if msg.err == nil {
			w.gwStatus = msg.gw.Status
			if msg.gw.Status == "active" {
				w.phase, w.server = phaseFinished, msg.server
				return w, nil
			}
		}
		if w.creation.TimedOut(w.c.Now()) {
			w.phase, w.timedOut = phaseFinished, true
			return w, nil
		}
		return w, w.schedulePoll()
	case tea.KeyPressMsg:
		return w.key(msg)
	}
	return w, nil
}

func (w wizard) key(msg tea.KeyPressMsg) (wizard, tea.Cmd) {
	k := w.c.Keys
	if w.confirmLeave {
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			return w, ui.Pop
		case key.Matches(msg, k.Confirm.No):
			w.confirmLeave = false
		}
		return w, nil
	}
	switch w.phase {
	case phaseChecking, phaseSubmitting:
		// Nothing to edit while a call is out: a second enter sends nothing.
		if key.Matches(msg, k.Wizard.Leave) && w.phase == phaseChecking {
			return w, ui.Pop
		}
		return w, nil
	case phaseWaiting, phaseFinished:
		// While waiting only esc leaves (the gateway keeps updating), so a
		// quick second enter after submit does not hide the progress.
		if key.Matches(msg, k.Wizard.Leave) || (w.phase == phaseFinished && key.Matches(msg, k.Wizard.Confirm)) {
			return w, w.leave()
		}
		return w, nil
	}
	if key.Matches(msg, k.Wizard.Leave) {
		if w.dirty {
			w.confirmLeave = true
			return w, nil
		}
		return w, ui.Pop
	}
	if w.gatewayBlocked() != nil {
		return w, nil // the reason is on screen; only esc leaves
	}
	if w.tooShort() {
		return w, nil // the focused field is not on screen: a key would edit it unseen
	}
	switch {
	case key.Matches(msg, k.Wizard.Next, k.Wizard.Confirm):
		if w.form.Step == stepReview {
			if key.Matches(msg, k.Wizard.Confirm) {
				return w.submit()
			}
			return w, nil
		}
		return w, w.form.Next(w.stepBlocked(w.form.Step)) // a blocked step keeps its reasons on screen
	case key.Matches(msg, k.Wizard.Prev):
		return w, w.form.Prev()
	case key.Matches(msg, k.Wizard.ApplyFix):
		if w.form.Focus >= 0 {
			if ps := w.problems.For(w.form.Fields[w.form.Focus].Key); len(ps) > 0 && ps[0].Fix != "" {
				if changed := w.form.SetFocused(ps[0].Fix); changed != "" {
					w.edited(changed)
				}
			}
		}
		return w, nil
	}
	changed, cmd := w.form.Edit(msg)
	if changed != "" {
		w.edited(changed)
	}
	if changed == alibaba.FieldMFA && !w.regionsAsked {
		w.regionsAsked = true
		client, ctx, seq := w.c.client, w.c.Ctx, w.seq
		cmd = tea.Batch(cmd, func() tea.Msg {
			rs, err := client.Regions(ctx)
			ids := make([]string, len(rs))
			for i, r := range rs {
				ids[i] = r.ID
			}
			return wizardRegionsMsg{seq: seq, regions: ids, err: err}
		})
	}
	return w, cmd
}

// edited revalidates after a change to field key.
func (w *wizard) edited(fieldKey string) {
	w.dirty = true
	if w.serverField == fieldKey || w.serverField == "" {
		w.serverErr, w.serverField = nil, ""
	}
	w.submitErr = nil
	w.validate()
	spec, _ := w.spec()
	w.creation.Changed(spec)
}

// submit sends the request once. A retry of the same request reuses the
// token; a changed request after a refusal gets a new one (the service
// refuses a token reused with other parameters).
func (w wizard) submit() (wizard, tea.Cmd) {
	if w.problems.Blocking() {
		return w, nil
	}
	spec, _ := w.spec()
	w.creation.Sending(spec)
	w.phase = phaseSubmitting
	w.submitErr = nil
	client, ctx, region, token, seq := w.c.client, w.c.Ctx, w.c.Region, w.creation.Token(), w.seq
	return w, func() tea.Msg {
		created, err := alibaba.Submit(ctx, client, region, spec, token, 30*time.Second)
		return wizardSubmittedMsg{seq: seq, created: created, err: err}
	}
}

func (w wizard) submitted(msg wizardSubmittedMsg) (wizard, tea.Cmd) {
	if msg.err == nil {
		w.phase, w.created, w.gwStatus = phaseWaiting, msg.created, "updating"
		w.creation.Created(w.c.Now())
		return w, w.schedulePoll()
	}
	w.phase = phaseEditing
	e, field, retry := alibaba.Refusal(msg.err)
	if retry {
		w.submitErr = msg.err // the same request may succeed: enter retries it
		return w, nil
	}
	w.serverErr, w.serverField = e, field
	if w.serverField == alibaba.FieldGateway || w.serverField == "" {
		return w, nil
	}
	for i, f := range w.form.Fields {
		if f.Key == w.serverField { // the refusal lands on its field
			w.form.Step = f.Step
			return w, w.form.FocusField(i)
		}
	}
	return w, nil
}

func (w *wizard) schedulePoll() tea.Cmd {
	seq := w.seq
	return w.c.After(alibaba.CreationPollEvery, func(time.Time) tea.Msg { return wizardPollMsg{seq: seq} })
}

// sslServerCreatedMsg is news: a gateway has a new SSL server. The gateway
// list reloads; the gateway's view shows the server.
type sslServerCreatedMsg struct {
	gateway string
	server  *alibaba.SSLServer
}

// openWizard asks for the CreateSslVpnServer wizard on gw, unless vpnscope
// runs read-only; fromView is true when it starts from the gateway's view.
func openWizard(c *common, gw alibaba.Gateway, crumb []string, fromView bool) tea.Cmd {
	if c.ReadOnly {
		return ui.Flash("read-only: creating an SSL server is disabled (started with --readonly)")
	}
	w, cmd := newWizard(c, gw, c.NewID(), c.Width, c.Height)
	w.crumb, w.fromView = crumb, fromView
	return ui.Push(&w, cmd)
}

// leave closes the wizard. After a create it lands on the gateway's view,
// which shows the new server (opening it if the wizard was started from
// the gateway list), and tells the panes the news.
func (w *wizard) leave() tea.Cmd {
	if w.created.ID == "" {
		return ui.Pop
	}
	id, server := w.gw.ID, w.server // by value: the command runs later
	news := func() tea.Msg { return sslServerCreatedMsg{gateway: id, server: server} }
	note := "SSL server " + w.created.ID + " created on " + ui.OrDash(w.gw.Name)
	if w.fromView {
		return ui.PopThen(tea.Batch(news, ui.Flash(note)))
	}
	gw := w.gw
	if w.phase == phaseFinished && !w.timedOut {
		gw.Status = "active"
	}
	v, cmd := newGatewayView(w.c, gw, w.c.Width, w.c.Height)
	v.ssl, v.sslSeq = w.server, w.c.NewID() // newer than any side call in flight
	// The note with the push: sent beside it, it could be said on the
	// gateway list and go with it.
	push := func() tea.Msg { return ui.PushMsg{Pane: &v, Cmd: cmd, Note: note} }
	return ui.PopThen(tea.Batch(push, news))
}

// As a pane: its fields take every key.

func (w *wizard) Handle(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*w, cmd = w.Update(msg)
	return cmd
}
func (w *wizard) Close()                    {}
func (w *wizard) Crumbs() []string          { return w.crumb }
func (w *wizard) FetchState() (bool, error) { return false, nil }
func (w *wizard) ClaimsKeys() bool          { return true }
func (w *wizard) HandlesBack() bool         { return true }

// Hints are the keys that work in the wizard's phase: the form's while
// editing; only leaving when the gateway cannot take a server or the
// server is being created; enter or esc once it is done.
func (w *wizard) Hints(k keymap.KeyMap) []key.Binding {
	leave := k.Wizard.Leave
	switch {
	case w.phase == phaseSubmitting:
		return nil
	case w.phase == phaseChecking || w.phase == phaseWaiting || w.gatewayBlocked() != nil || w.tooShort():
		// Too short to show a field, only leaving works.
		leave.SetHelp(leave.Help().Key, "leave")
		return []key.Binding{leave}
	case w.phase == phaseFinished:
		done := k.Wizard.Confirm
		done.SetHelp(done.Help().Key, "done")
		return []key.Binding{done}
	}
	return []key.Binding{k.Wizard.Confirm, k.Wizard.Prev, k.Wizard.Toggle, k.Wizard.ApplyFix, k.Wizard.Leave}
}
