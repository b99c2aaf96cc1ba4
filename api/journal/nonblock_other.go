//go:build !unix

package journal

// openNonblock: no O_NONBLOCK outside unix; the check before the open
// stands alone there (Windows has no FIFOs in the file system).
const openNonblock = 0
