package ui

import (
	"image/color"

	"github.com/charmbracelet/colorprofile"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is every style the TUI draws with. NewStyles builds it once per
// background (light or dark); View never builds styles. Colours are dropped
// by the renderer under NO_COLOR or a colourless terminal, so nothing may
// depend on colour alone: states also have a symbol or a word.
type Styles struct {
	Title, Badge, Crumb, CrumbSep lipgloss.Style
	TabActive, TabInactive        lipgloss.Style
	TableHeader, Selected, Dim    lipgloss.Style
	Good, Warn, Bad, Info, Muted  lipgloss.Style
	Urgent                        lipgloss.Style // a warning that is one step from Bad: redundancy lost
	StatusBar, StatusErr, Flash   lipgloss.Style
	HintKey, HintDesc             lipgloss.Style
	Section, Label, Differs       lipgloss.Style
	Box                           lipgloss.Style
	Input, Prompt                 lipgloss.Style
	// Hints draws the key hint line (bubbles' help, in these colours).
	Hints help.Model
}

// NewStyles is the styles for a light or dark background, on a terminal
// of 256 colours or more.
func NewStyles(isDark bool) *Styles { return NewStylesFor(isDark, colorprofile.TrueColor) }

// NewStylesFor is the styles for a background and a colour profile. On 16
// colours the palette is the terminal's own basic colours: the hex values
// down-sample badly there (the yellow of "degraded" became the bright red
// of "down").
func NewStylesFor(isDark bool, profile colorprofile.Profile) *Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	var (
		fg     = c("#1f2328", "#e6edf3")
		muted  = c("#6e7781", "#8b949e")
		green  = c("#1a7f37", "#3fb950")
		yellow = c("#9a6700", "#d29922")
		red    = c("#cf222e", "#f85149")
		blue   = c("#0969da", "#58a6ff")
		barBg  = c("#eaeef2", "#161b22")
	)
	if profile == colorprofile.ANSI {
		fg, muted, barBg = lipgloss.NoColor{}, lipgloss.BrightBlack, lipgloss.NoColor{}
		green, yellow, red, blue = lipgloss.Green, lipgloss.Yellow, lipgloss.Red, lipgloss.Blue
	}
	s := &Styles{}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(blue)
	s.Badge = lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(yellow)
	s.Crumb = lipgloss.NewStyle().Foreground(fg)
	s.CrumbSep = lipgloss.NewStyle().Foreground(muted)
	s.TabActive = lipgloss.NewStyle().Bold(true).Underline(true).Foreground(blue)
	s.TabInactive = lipgloss.NewStyle().Foreground(muted)
	s.TableHeader = lipgloss.NewStyle().Bold(true).Foreground(muted)
	// The cursor row is reverse video: the terminal's own colours swapped
	// are readable on 16 colours (where selBg fell to cyan under bright
	// cyan text on TERM=xterm), 256, truecolor and NO_COLOR alike.
	s.Selected = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.Dim = lipgloss.NewStyle().Foreground(muted)
	s.Good = lipgloss.NewStyle().Foreground(green)
	s.Warn = lipgloss.NewStyle().Foreground(yellow)
	s.Urgent = s.Warn.Bold(true)
	s.Bad = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Info = lipgloss.NewStyle().Foreground(blue)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.StatusBar = lipgloss.NewStyle().Background(barBg).Foreground(fg)
	s.StatusErr = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Flash = lipgloss.NewStyle().Foreground(green)
	s.HintKey = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.HintDesc = lipgloss.NewStyle().Foreground(muted)
	s.Hints = help.New()
	s.Hints.ShortSeparator = " · "
	s.Hints.Styles.ShortKey, s.Hints.Styles.ShortDesc = s.HintKey, s.HintDesc
	s.Hints.Styles.ShortSeparator, s.Hints.Styles.Ellipsis = s.HintDesc, s.HintDesc
	s.Section = lipgloss.NewStyle().Bold(true).Foreground(blue)
	s.Label = lipgloss.NewStyle().Foreground(muted)
	s.Differs = lipgloss.NewStyle().Bold(true).Foreground(yellow)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).Padding(0, 1)
	s.Input = lipgloss.NewStyle().Foreground(fg)
	s.Prompt = lipgloss.NewStyle().Bold(true).Foreground(blue)
	return s
}

// Tone is how good a state is; paint gives it its colour. States map to a
// tone in one place each, and share this one switch.
type Tone int

const (
	ToneMuted Tone = iota
	ToneGood
	ToneWarn
	ToneBad
)

func (s *Styles) Paint(t Tone, text string) string {
	switch t {
	case ToneGood:
		return s.Good.Render(text)
	case ToneWarn:
		return s.Warn.Render(text)
	case ToneBad:
		return s.Bad.Render(text)
	}
	return s.Muted.Render(text)
}
