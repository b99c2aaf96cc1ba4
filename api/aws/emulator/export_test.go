package emulator

// PanicOn makes action panic inside the world's lock, as a slip in a
// handler would.
func PanicOn(s *Server, action string) {
	s.handlers[action] = func(*request) (any, *apiError) { panic("a slip in " + action) }
}
