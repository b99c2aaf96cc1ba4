//go:build unix

package journal

import "syscall"

// openNonblock makes opening a FIFO return at once instead of waiting for
// its other end (open(2), O_NONBLOCK); it changes nothing for a regular
// file.
const openNonblock = syscall.O_NONBLOCK
