package ui

import (
	"strings"
	"testing"
)

type widthRow struct{ name, id, note string }

var widthCols = []Column[widthRow]{
	{Title: "NAME", Min: 10, Max: 24, Cell: func(r widthRow) string { return r.name }},
	{Title: "ID", Width: 21, Cell: func(r widthRow) string { return r.id }},
	{Title: "STATE", Width: 12, Cell: func(r widthRow) string { return "up" }},
	{Title: "NOTE", Width: 20, Max: 60, Cell: func(r widthRow) string { return r.note }},
}

func measured(rows ...widthRow) []int {
	need := make([]int, len(widthCols))
	for _, r := range rows {
		for i, c := range widthCols {
			need[i] = max(need[i], len(c.Cell(r)))
		}
	}
	return need
}

// At 160 columns the room goes to what is cut (a 31-character id in a
// 21-cell column, a long note), not to a flexible name column as wide as
// the screen allows while its names are short (issue 28 defect 17: an
// 86-character NAME beside cut ids).
func TestSpareRoomGoesToTheColumnsThatAreCut(t *testing.T) {
	need := measured(widthRow{"hq", "cvpn-endpoint-2391ccc3c96e2666b", strings.Repeat("n", 50)})
	w := layoutColumns(widthCols, 158, need)
	if w[0] != 4 || w[1] != 31 || w[2] != 5 || w[3] != 50 {
		t.Fatalf("widths %v: want NAME 4 (its title), ID 31, STATE 5, NOTE 50 (all whole)", w)
	}
	// Narrow: room shared between what is cut, in order of the columns.
	w = layoutColumns(widthCols, 60, need)
	if w[0] < 4 || w[1] < 21 || w[0]+w[1]+w[2]+w[3]+3 > 60 {
		t.Fatalf("widths %v at 60", w)
	}
}

// A column narrower than its title still shows its title whole, and one
// whose cells are wider than its usual width grows only with spare room.
func TestAColumnIsNeverNarrowerThanItsTitle(t *testing.T) {
	need := measured(widthRow{"a", "b", "c"})
	w := layoutColumns(widthCols, 80, need)
	if w[1] != 2 || w[2] != 5 || w[3] != 4 {
		t.Fatalf("widths %v: want each column its title's width", w)
	}
}

// Before any row is in, each column has its usual width and the flexible
// one the rest (within its max).
func TestBeforeRowsColumnsHaveTheirUsualWidths(t *testing.T) {
	w := layoutColumns(widthCols, 100, nil)
	if w[0] != 24 || w[1] != 21 || w[2] != 12 || w[3] != 40 {
		t.Fatalf("widths %v: want NAME at its max 24, ID 21, STATE 12, NOTE the rest (40)", w)
	}
}

// The first column, a name, is whole before a later column is drawn: the
// room that columns narrower than usual leave does not go to one more
// column while the name is cut.
func TestANameIsWholeBeforeAnotherColumnIsAdded(t *testing.T) {
	need := measured(widthRow{"user001@corp.example.com", "cvpn-endpoint-2391ccc3c96e2666b", "x"})
	w := layoutColumns(widthCols, 50, need)
	if w[0] != 24 || w[1] != 50-24-1 || w[2] != 0 || w[3] != 0 {
		t.Fatalf("widths %v at 50: want NAME 24 whole, ID the rest, no STATE or NOTE", w)
	}
}
