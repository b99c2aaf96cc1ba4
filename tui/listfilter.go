package tui

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
	query     string
	hideGone  bool
	sorted    bool // rows shown in spec.order, not as listed
	sortCol   int  // 1 + the column the rows are sorted by; 0: none
	sortDesc  bool
	letters   []rune // each column's shift+letter for sorting
}

func (l *pagedList[T]) setQuery(q string) {
	var keep string
	if it, ok := l.selected(); ok {
		keep = l.spec.id(it)
	}
	l.query = q
	l.applyFilter()
	l.cursor = 0
	for pos := range l.count() {
		if l.spec.id(l.at(pos)) == keep {
			l.cursor = pos
			break
		}
	}
	l.clampCursor()
}

// applyFilter rebuilds the visible rows: on a new query or new data only,
// never in View.
func (l *pagedList[T]) applyFilter() {
	hiding := l.hideGone && l.spec.isGone != nil
	sorting := l.sorted && l.spec.order != nil
	if l.query == "" && !hiding && !sorting && l.sortCol == 0 {
		l.visible = nil
		return
	}
	defer func() {
		switch {
		case l.sortCol > 0:
			slices.SortStableFunc(l.visible, func(i, j int) int { return l.compareColumn(l.items[i], l.items[j]) })
		case sorting:
			slices.SortStableFunc(l.visible, func(i, j int) int { return l.spec.order(l.items[i], l.items[j]) })
		}
	}()
	terms := l.parseQuery(l.query)
	l.visible = l.visible[:0]
	if l.visible == nil {
		l.visible = []int{}
	}
	for i, it := range l.items {
		if !l.itemLoaded(i) || hiding && l.spec.isGone(it) {
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
func (l *pagedList[T]) parseQuery(q string) []queryTerm {
	var terms []queryTerm
	for _, w := range strings.Fields(strings.ToLower(q)) {
		t := queryTerm{text: w}
		if name, value, ok := strings.Cut(w, ":"); ok && name != "" && value != "" {
			for i, c := range l.spec.columns {
				title := strings.ToLower(strings.ReplaceAll(c.title, " ", ""))
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

func (l *pagedList[T]) matches(it T, terms []queryTerm) bool {
	var text, more string
	for _, t := range terms {
		if t.col > 0 {
			c := l.spec.columns[t.col-1]
			if c.match != nil && !c.match(it, t.text) || c.match == nil && !strings.Contains(strings.ToLower(c.cell(it)), t.text) {
				return false
			}
			continue
		}
		if text == "" {
			text = strings.ToLower(l.spec.text(it))
		}
		if strings.Contains(text, t.text) {
			continue
		}
		if l.spec.more == nil {
			return false
		}
		if more == "" {
			more = strings.ToLower(l.spec.more(it)) + " "
		}
		if !strings.Contains(more, t.text) {
			return false
		}
	}
	return true
}
