package tui

// The cursor and the rows on screen.

// listWindow is the cursor and the rows on screen.
type listWindow struct {
	cursor int // position in the visible rows
	offset int // first visible row on screen
	width  int
	height int // rows for data, excluding the header and footer lines
	widths []int
}

func (l *pagedList[T]) move(delta int) {
	l.cursor += delta
	l.clampCursor()
}

func (l *pagedList[T]) clampCursor()    { l.listWindow.clamp(l.count()) }
func (l *pagedList[T]) scrollToCursor() { l.listWindow.scrollTo(l.count()) }

// clamp keeps the cursor on one of n rows and on screen.
func (w *listWindow) clamp(n int) {
	w.cursor = max(min(w.cursor, n-1), 0)
	w.scrollTo(n)
}

// scrollTo moves the window the least that shows the cursor, never past
// the last of n rows.
func (w *listWindow) scrollTo(n int) {
	if w.cursor < w.offset {
		w.offset = w.cursor
	}
	if w.cursor >= w.offset+w.height {
		w.offset = w.cursor - w.height + 1
	}
	w.offset = max(min(w.offset, n-w.height), 0)
}
