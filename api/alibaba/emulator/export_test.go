package emulator

import "time"

// SetWallClock replaces the clock signatures and nonces are checked
// against, so a test can move it half an hour on.
func SetWallClock(s *Server, now func() time.Time) { s.wall = now }

// RememberedNonces is how many nonces the replay guard holds.
func RememberedNonces(s *Server) int { return s.nonces.len() }
