package ui

// Which loaded rows a list shows, and in which order.

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
)

// listFilter is which loaded rows show, and in which order.
type listFilter struct {
	visible   []int // indexes into items that show; nil when all do, as listed
	input     textinput.Model
	filtering bool // the filter input is open and claims keys
	Query     string
	hideGone  bool
	sorted    bool // rows shown in spec.order, not as listed
	sortCol   int  // 1 + the column the rows are sorted by; 0: none
	sortDesc  bool
	letters   []rune // each column's shift+letter for sorting
}

func (l *PagedList[T]) setQuery(q string) {
	var keep string
	if it, ok := l.Selected(); ok {
		keep = l.Spec.ID(it)
	}
	l.Query = q
	l.ApplyFilter()
	l.Cursor = 0
	for pos := range l.Count() {
		if l.Spec.ID(l.At(pos)) == keep {
			l.Cursor = pos
			break
		}
	}
	l.clampCursor()
}

// ApplyFilter rebuilds the visible rows: on a new query or new data only,
// never in View.
func (l *PagedList[T]) ApplyFilter() {
	hiding := l.hideGone && l.Spec.IsGone != nil
	sorting := l.sorted && l.Spec.Order != nil
	if l.Query == "" && !hiding && !sorting && l.sortCol == 0 {
		l.visible = nil
		return
	}
	defer func() {
		switch {
		case l.sortCol > 0:
			slices.SortStableFunc(l.visible, func(i, j int) int { return l.compareColumn(l.Items[i], l.Items[j]) })
		case sorting:
			slices.SortStableFunc(l.visible, func(i, j int) int { return l.Spec.Order(l.Items[i], l.Items[j]) })
		}
	}()
	terms := l.parseQuery(l.Query)
	l.visible = l.visible[:0]
	if l.visible == nil {
		l.visible = []int{}
	}
	for i, it := range l.Items {
		if !l.itemLoaded(i) || hiding && l.Spec.IsGone(it) {
			continue
		}
		if l.matches(it, terms) {
			l.visible = append(l.visible, i)
		}
	}
}

// queryTerm is one word of a filter: text anywhere in the row (and its
// details), or column:value (k9s style: state:down, phase:2).
type queryTerm struct {
	col  int // 1 + the column; 0: anywhere
	text string
}

// parseQuery splits a filter into terms, all of which must hold. A word
// "name:value" whose name starts a column's title is a column term; any
// other word (an IPv6 address, "a:b") is text.
func (l *PagedList[T]) parseQuery(q string) []queryTerm {
	var terms []queryTerm
	for _, w := range strings.Fields(strings.ToLower(q)) {
		t := queryTerm{text: w}
		if name, value, ok := strings.Cut(w, ":"); ok && name != "" && value != "" {
			for i, c := range l.Spec.Columns {
				title := strings.ToLower(strings.ReplaceAll(c.Title, " ", ""))
				if title != "" && strings.HasPrefix(title, name) {
					t = queryTerm{col: i + 1, text: value}
					break
				}
			}
		}
		terms = append(terms, t)
	}
	return terms
}

func (l *PagedList[T]) matches(it T, terms []queryTerm) bool {
	var text, more string
	for _, t := range terms {
		if t.col > 0 {
			c := l.Spec.Columns[t.col-1]
			if c.Match != nil && !c.Match(it, t.text) || c.Match == nil && !strings.Contains(strings.ToLower(c.Cell(it)), t.text) {
				return false
			}
			continue
		}
		if text == "" {
			text = strings.ToLower(l.Spec.Text(it))
		}
		if strings.Contains(text, t.text) {
			continue
		}
		if l.Spec.More == nil {
			return false
		}
		if more == "" {
			more = strings.ToLower(l.Spec.More(it)) + " "
		}
		if !strings.Contains(more, t.text) {
			return false
		}
	}
	return true
}

// SelectWhenLoaded puts the cursor on the row with id once it is loaded,
// as browsing would have left it (a pane opened by id under another).
func (l *PagedList[T]) SelectWhenLoaded(id string) { l.reselect = id }

// Seek puts the cursor on the row with id, fetching the pages before it:
// the row :id found, wherever it is in the list (not the first row when
// it is further on than the first page).
func (l *PagedList[T]) Seek(id string) { l.reselect, l.seek = id, true }

// Carry takes over what the user set on the list this one replaces (its
// filter, hiding and order) and the row under the cursor, found again once
// the new rows are in: a log read over another window keeps its search.
func (l *PagedList[T]) Carry(from *PagedList[T]) {
	l.Query, l.hideGone = from.Query, from.hideGone
	l.sorted, l.sortCol, l.sortDesc = from.sorted, from.sortCol, from.sortDesc
	l.input.SetValue(from.Query)
	if it, ok := from.Selected(); ok {
		l.reselect = l.Spec.ID(it)
	}
	l.ApplyFilter()
}
