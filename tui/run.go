package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Run starts the program and blocks until the user quits. The first page's
// call starts before the terminal is set up, so its round trip overlaps
// that; its answer is delivered as soon as the program reads messages.
func Run(cfg Config, opts ...tea.ProgramOption) error {
	app := New(cfg)
	first := app.TakeFirst()
	p := tea.NewProgram(app, append([]tea.ProgramOption{tea.WithContext(cfg.Context)}, opts...)...)
	cfg.Events.Attach(p)
	go func() { p.Send(first()) }()
	_, err := p.Run()
	return err
}
