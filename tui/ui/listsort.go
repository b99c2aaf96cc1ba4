package ui

// Sorting a list by any column, k9s style: shift and the column's letter
// (shown in ? and in the footer), or `:sort NAME`. It orders the loaded
// rows; pressing the same letter again reverses the order.

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// reservedSortLetters are shift+letters taken by other keys.
const reservedSortLetters = "GLRP"

// sortLetters gives each titled column a letter: the first of its title
// that is free, so NAME is N and STATUS is S.
func sortLetters[T any](cols []Column[T]) []rune {
	out := make([]rune, len(cols))
	used := map[rune]bool{}
	for _, r := range reservedSortLetters {
		used[r] = true
	}
	for i, c := range cols {
		for _, r := range strings.ToUpper(c.Title) {
			if unicode.IsLetter(r) && !used[r] {
				out[i], used[r] = r, true
				break
			}
		}
	}
	return out
}

// sortByLetter sorts by the column whose letter is r; false when none has
// it.
func (l *PagedList[T]) sortByLetter(r rune) bool {
	i := slices.Index(l.letters, r)
	if i < 0 {
		return false
	}
	l.sortByColumn(i)
	return true
}

// SortByTitle sorts by the column whose title starts with name (any case),
// for `:sort name`.
func (l *PagedList[T]) SortByTitle(name string) error {
	name = strings.ToUpper(strings.TrimSpace(name))
	var titles []string
	for i, c := range l.Spec.Columns {
		if c.Title == "" {
			continue
		}
		if strings.HasPrefix(c.Title, name) && name != "" {
			l.sortByColumn(i)
			return nil
		}
		titles = append(titles, strings.ToLower(c.Title))
	}
	return fmt.Errorf("no column %q here; try %s", strings.ToLower(name), strings.Join(titles, ", "))
}

// sortByColumn orders by column i, ascending; again, descending.
func (l *PagedList[T]) sortByColumn(i int) {
	if l.sortCol == i+1 {
		l.sortDesc = !l.sortDesc
	} else {
		l.sortCol, l.sortDesc = i+1, false
	}
	l.sorted = false // column order replaces worst-first
	l.setQuery(l.Query)
}

// compareColumn orders two rows by the sort column's own order, or its
// text, numbers by value ("9" before "10").
func (l *PagedList[T]) compareColumn(a, b T) int {
	col := l.Spec.Columns[l.sortCol-1]
	var c int
	if col.Compare != nil {
		c = col.Compare(a, b)
	} else {
		c = naturalCompare(col.Cell(a), col.Cell(b))
	}
	if l.sortDesc {
		return -c
	}
	return c
}

func naturalCompare(a, b string) int {
	x, errA := strconv.ParseFloat(strings.TrimSuffix(a, "%"), 64)
	y, errB := strconv.ParseFloat(strings.TrimSuffix(b, "%"), 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// sortLabel is what the footer says about the order, if anything.
func (l *PagedList[T]) sortLabel() string {
	if l.sortCol == 0 {
		return ""
	}
	arrow := "↑"
	if l.sortDesc {
		arrow = "↓"
	}
	return fmt.Sprintf("sorted by %s %s (⇧%c)", l.Spec.Columns[l.sortCol-1].Title, arrow, l.letters[l.sortCol-1])
}

// SortColumns are the titles :sort takes, in lower case, for completion.
func (l *PagedList[T]) SortColumns() []string {
	var out []string
	for _, c := range l.Spec.Columns {
		if c.Title != "" {
			out = append(out, strings.ToLower(c.Title))
		}
	}
	return out
}

// SortHelp lists the letters for ?: "⇧N NAME".
func (l *PagedList[T]) SortHelp() []string {
	var out []string
	for i, r := range l.letters {
		if r != 0 {
			out = append(out, fmt.Sprintf("⇧%c %s", r, strings.ToLower(l.Spec.Columns[i].Title)))
		}
	}
	return out
}
