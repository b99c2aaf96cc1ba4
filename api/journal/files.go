package journal

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/vpnscope/vpnscope/internal/localfile"
)

// The journal's files live in a directory anyone with the user's rights
// can write to, and its path can be a named pipe (open blocks until a
// writer comes, past SIGTERM), a device (/dev/zero reads forever) or a
// file of any size. So every file the journal opens, to read or to
// append, the current one, the rotated one and the one it carries
// records into, is checked as the config and credential files are: a
// regular file only, looked at before it is opened, opened without
// blocking and looked at again through the open file (the path may have
// been swapped in between), and read up to a bound.

// errNotRegular is a journal path that is not a plain file: the journal
// is refused, not repaired (it is not vpnscope's to remove).
var errNotRegular = errors.New("not a regular file")

// errTooLarge is a journal file past the size the journal ever reaches.
var errTooLarge = errors.New("too large")

// openFile opens p with flag (O_RDONLY, or O_WRONLY|O_APPEND|O_CREATE)
// when it is a regular file or does not exist yet; a missing file to read
// is os.ErrNotExist.
func openFile(p string, flag int) (*os.File, error) {
	if st, err := os.Stat(p); err == nil && !st.Mode().IsRegular() {
		return nil, notRegular(p, st.Mode())
	}
	// O_NONBLOCK: a FIFO put there after the check opens at once (for
	// reading) or fails with ENXIO (for writing, with no reader), and is
	// then refused below, instead of blocking the open.
	f, err := os.OpenFile(p, flag|openNonblock, 0o600)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(p, st.Mode())
	}
	return f, nil
}

// readFile reads the regular file p, at most limit bytes: a larger one is
// errTooLarge, never read whole.
func readFile(p string, limit int64) ([]byte, error) {
	f, err := openFile(p, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: %w (more than %d KiB)", p, errTooLarge, limit>>10)
	}
	return b, nil
}

func notRegular(p string, m os.FileMode) error {
	return fmt.Errorf("%s: %w (%s); vpnscope keeps its journal in plain files only", p, errNotRegular, localfile.FileKind(m))
}
