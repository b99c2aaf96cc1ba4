package ui

// Column widths from what the rows hold: a column is as wide as its
// widest cell (within its Max), and the room a wide screen has left goes
// to the columns whose cells are cut, not to columns that are mostly
// empty (issue 28: an 86-character NAME beside cut ids).

import (
	"github.com/charmbracelet/x/ansi"
)

// listWidths is each column's widest cell in the rows loaded so far,
// measured as pages arrive (never in View), so the columns do not jump as
// the cursor scrolls past a long name. It only grows while the list
// lives: a refresh that shortens a value leaves the layout where it was.
type listWidths struct {
	content []int // by column; nil until a row is measured
}

// measure widens the columns to rows' cells. A column already at its Max
// is not measured again: it cannot grow.
func (l *PagedList[T]) measure(rows []T) {
	cols := l.Spec.Columns
	if len(rows) == 0 || len(cols) == 0 {
		return
	}
	if l.content == nil {
		l.content = make([]int, len(cols))
	}
	for i, c := range cols {
		if c.Cell == nil || c.Max > 0 && l.content[i] >= c.Max {
			continue
		}
		w := l.content[i]
		for _, r := range rows {
			w = max(w, ansi.StringWidth(c.Cell(r)))
		}
		l.content[i] = w
	}
}

// Widths are the columns' widths as View draws them now: from the loaded
// rows' cells and those on screen (a cell may read state that came after
// its row, such as a gateway's connection counts); 0 for a column that
// does not fit.
func (l *PagedList[T]) Widths() []int {
	need, _ := l.visibleCells()
	return layoutColumns(l.Spec.Columns, l.width-2, need)
}

// visibleCells is the cells of the loaded rows on screen, row by row
// (nil for a row not loaded), and each column's need: the widest of them
// and of the loaded rows; nil when nothing is loaded or measured.
func (l *PagedList[T]) visibleCells() (need []int, cells [][]string) {
	cols := l.Spec.Columns
	if l.content != nil {
		need = append([]int(nil), l.content...)
	}
	end := min(l.Offset+l.Height, l.Count())
	if end <= l.Offset {
		return need, nil
	}
	cells = make([][]string, end-l.Offset)
	flat := make([]string, len(cells)*len(cols))
	for pos := l.Offset; pos < end; pos++ {
		if !l.rowLoaded(pos) {
			continue
		}
		if need == nil {
			need = make([]int, len(cols))
		}
		it := l.At(pos)
		row := flat[(pos-l.Offset)*len(cols) : (pos-l.Offset+1)*len(cols)]
		for i, c := range cols {
			row[i] = c.Cell(it)
			need[i] = max(need[i], ansi.StringWidth(row[i]))
		}
		cells[pos-l.Offset] = row
	}
	return need, cells
}

// layoutColumns gives each column a width for the screen. need is each
// column's widest cell (nil before any row is in: then each column has its
// usual width and the flexible one the rest).
//
// Columns are shown in order while they fit (the order is their
// priority), each at its usual Width, or at its cells' width when that is
// narrower (never narrower than its title); the flexible column (Width 0)
// keeps at least its Min, and, when it has a Max, is whole before a column
// after it is added. The room left then goes, in equal shares, to
// the shown columns whose cells are cut, up to their widest cell (within
// Max). Room no column needs is left blank at the end of the line, not
// spread over a column with nothing in it. Columns that do not fit get 0.
func layoutColumns[T any](cols []Column[T], width int, need []int) []int {
	widths := make([]int, len(cols))
	want := make([]int, len(cols))
	base := make([]int, len(cols))
	flex := -1
	for i, c := range cols {
		switch {
		case need != nil:
			want[i] = max(need[i], ansi.StringWidth(c.Title))
		case c.Max > 0:
			want[i] = c.Max
		case c.Width > 0:
			want[i] = c.Width
		default:
			want[i] = max(width, 1) // the rest, as wide as the screen
		}
		if c.Max > 0 {
			want[i] = min(want[i], max(c.Max, c.Width))
		}
		if c.Width == 0 {
			if flex < 0 {
				flex = i
			}
			base[i] = min(max(c.Min, 4), want[i])
		} else {
			base[i] = min(c.Width, want[i])
		}
		base[i] = max(base[i], 1)
	}
	// The flexible column holds its minimum against the columns before
	// it; one with a Max (a name, not free text) holds all it needs
	// against those after it: a list's first column, a name, is whole
	// before a later one is added, while a log's message still leaves
	// room for the likely cause after it.
	reserve := 0 // what the flexible column holds back, its separator counted with the others
	if flex >= 0 {
		reserve = base[flex]
	}
	used := 0
	for i, c := range cols {
		if i == flex {
			if need != nil && c.Max > 0 {
				reserve = want[flex]
			}
			continue
		}
		if c.Width == 0 {
			continue // a second flexible column is never drawn
		}
		if used+base[i]+1 > width-reserve {
			break
		}
		widths[i] = base[i]
		used += base[i] + 1
	}
	spare := width - used + 1 // the last column has no separator after it
	if flex >= 0 {
		widths[flex] = max(min(reserve, width-used), 1)
		spare = width - used - widths[flex]
	}
	// Equal shares to what is cut: a name and a message both cut at 160
	// columns each get part of the room, rather than the first all of it.
	for spare > 0 {
		var cut []int
		for i := range cols {
			if widths[i] > 0 && widths[i] < want[i] {
				cut = append(cut, i)
			}
		}
		if len(cut) == 0 {
			break
		}
		share := max(spare/len(cut), 1)
		for _, i := range cut {
			add := min(share, want[i]-widths[i], spare)
			widths[i] += add
			spare -= add
			if spare == 0 {
				break
			}
		}
	}
	return widths
}
