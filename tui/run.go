package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Run starts the program and blocks until the user quits.
func Run(cfg Config, opts ...tea.ProgramOption) error {
	p := tea.NewProgram(New(cfg), append([]tea.ProgramOption{tea.WithContext(cfg.Context)}, opts...)...)
	cfg.Events.attach(p)
	_, err := p.Run()
	return err
}
