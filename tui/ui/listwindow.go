package ui

// The cursor and the rows on screen.

// listWindow is the cursor and the rows on screen.
type listWindow struct {
	Cursor int // position in the visible rows
	Offset int // first visible row on screen
	width  int
	Height int // rows for data, excluding the header and footer lines
	// reselect is a row id to put the cursor on when it arrives (Carry);
	// seek fetches page after page until it does (Seek).
	reselect string
	seek     bool
}

func (l *PagedList[T]) move(delta int) {
	l.Cursor += delta
	l.clampCursor()
}

func (l *PagedList[T]) clampCursor()    { l.listWindow.clamp(l.Count()) }
func (l *PagedList[T]) ScrollToCursor() { l.listWindow.ScrollTo(l.Count()) }

// clamp keeps the cursor on one of n rows and on screen.
func (w *listWindow) clamp(n int) {
	w.Cursor = max(min(w.Cursor, n-1), 0)
	w.ScrollTo(n)
}

// ScrollTo moves the window the least that shows the cursor, never past
// the last of n rows.
func (w *listWindow) ScrollTo(n int) {
	if w.Cursor < w.Offset {
		w.Offset = w.Cursor
	}
	if w.Cursor >= w.Offset+w.Height {
		w.Offset = w.Cursor - w.Height + 1
	}
	w.Offset = max(min(w.Offset, n-w.Height), 0)
}
