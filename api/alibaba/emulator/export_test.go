package emulator

import "time"

// SetWallClock replaces the clock signatures and nonces are checked
// against, so a test can move it half an hour on.
func SetWallClock(s *Server, now func() time.Time) { s.wall = now }

// RememberedNonces is how many nonces the replay guard holds.
func RememberedNonces(s *Server) int { return s.nonces.len() }

// PanicOn makes action panic inside the world's lock, as a slip in a
// handler would.
func PanicOn(s *Server, action string) {
	s.handler[action] = func(*request) (any, *apiError) { panic("a slip in " + action) }
}
