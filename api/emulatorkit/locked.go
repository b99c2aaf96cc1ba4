package emulatorkit

import "sync"

// Locked runs fn holding mu and returns what fn panicked with, or nil. The
// lock is released and the panic stopped either way: a request that
// panicked inside the world's lock once left it held, and every later
// request hung (issue 29). The caller answers a panic as the service
// answers its own failures (500 InternalError).
func Locked(mu *sync.Mutex, fn func()) (panicked any) {
	mu.Lock()
	defer mu.Unlock()
	defer func() { panicked = recover() }()
	fn()
	return nil
}
