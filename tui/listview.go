package tui

// Rendering the paged list: only the rows that fit.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View renders exactly height+2 lines: the column header, the rows that
// fit, and a footer.
func (l pagedList[T]) View() string {
	s := l.c.styles
	var b strings.Builder
	b.Grow((l.height + 2) * (l.width + 16))
	b.WriteString(s.TableHeader.Render(fit("  "+l.headerLine(), l.width)))
	b.WriteByte('\n')
	body := l.height
	switch {
	case l.count() == 0:
		var lines []string
		for _, para := range strings.Split(l.emptyText(), "\n") {
			lines = append(lines, wrap(para, l.width-4, "")...)
		}
		for i := range body {
			line := ""
			if i > 0 && i-1 < len(lines) {
				line = "  " + lines[i-1]
			}
			b.WriteString(fit(line, l.width))
			b.WriteByte('\n')
		}
	default:
		for i := range body {
			pos := l.offset + i
			if pos < l.count() {
				b.WriteString(l.row(pos))
			} else {
				b.WriteString(strings.Repeat(" ", max(l.width, 0)))
			}
			b.WriteByte('\n')
		}
	}
	b.WriteString(l.footer())
	return b.String()
}

func (l *pagedList[T]) headerLine() string {
	cells := make([]string, 0, len(l.widths))
	for i, w := range l.widths {
		if w > 0 {
			cells = append(cells, fit(l.spec.columns[i].title, w))
		}
	}
	return strings.Join(cells, " ")
}

func (l *pagedList[T]) row(pos int) string {
	it := l.at(pos)
	selected := pos == l.cursor
	s := l.c.styles
	if !l.rowLoaded(pos) {
		text := "  …"
		if selected {
			return s.Selected.Render(fit("› …", l.width))
		}
		return s.Dim.Render(fit(text, l.width))
	}
	cells := make([]string, 0, len(l.widths))
	for i, w := range l.widths {
		if w <= 0 {
			continue
		}
		col := l.spec.columns[i]
		text := fit(col.cell(it), w)
		if col.paint != nil && !selected {
			text = col.paint(s, it, text)
		}
		cells = append(cells, text)
	}
	line := strings.Join(cells, " ")
	// Two marker cells: the cursor, then whether the row changed at the
	// last refresh, so a change shows on the selected row too.
	changed := " "
	if l.changed[l.spec.id(it)] {
		changed = "•"
	}
	if selected {
		return s.Selected.Render(fit("›"+changed+line, l.width))
	}
	if l.spec.isGone != nil && l.spec.isGone(it) {
		line = s.Muted.Render(ansi.Strip(line))
	}
	if changed != " " {
		changed = s.Warn.Render(changed)
	}
	return fit(" "+changed+line, l.width)
}

func (l *pagedList[T]) emptyText() string {
	switch {
	case l.err != nil && !l.loaded:
		return errorText(l.err)
	case !l.loaded:
		return "Loading " + l.spec.noun + "…"
	case l.query != "":
		return fmt.Sprintf("No loaded %s match %q.", l.spec.noun, l.query)
	}
	return l.spec.empty()
}

func (l *pagedList[T]) footer() string {
	s := l.c.styles
	switch {
	case l.filtering:
		return fit(l.input.View(), l.width)
	case l.confirm:
		rows, calls := l.remainingCalls()
		q := "Load every remaining page?"
		if rows >= 0 {
			q = fmt.Sprintf("Load the remaining %d %s in %d calls?", rows, l.spec.noun, calls)
		}
		return fit(s.Prompt.Render(q)+" "+s.HintKey.Render("y")+s.HintDesc.Render(" yes  ")+s.HintKey.Render("n")+s.HintDesc.Render(" no"), l.width)
	}
	parts := []string{}
	if l.count() > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", l.cursor+1, l.count()))
	}
	loaded := fmt.Sprintf("%d loaded", l.loadedCount())
	switch {
	case !l.loaded && l.err != nil:
		loaded = "nothing loaded · r retries"
	case l.total >= 0 && l.loaded:
		loaded = fmt.Sprintf("%d of %d loaded", l.loadedCount(), l.total)
	}
	parts = append(parts, loaded)
	if l.query != "" {
		parts = append(parts, fmt.Sprintf("filter %q: %d match", l.query, l.count()))
		if l.more {
			parts = append(parts, "L load all")
		}
	}
	if l.sorted {
		parts = append(parts, "worst first (o)")
	}
	if label := l.sortLabel(); label != "" {
		parts = append(parts, label)
	}
	if len(l.changed) > 0 {
		parts = append(parts, fmt.Sprintf("• %d changed", len(l.changed)))
	}
	if n := l.goneCount(); n > 0 {
		if l.hideGone {
			parts = append(parts, fmt.Sprintf("%d gone hidden (x shows)", n))
		} else {
			parts = append(parts, fmt.Sprintf("%d gone (x hides)", n))
		}
	}
	if l.mode == modeLoadAll {
		parts = append(parts, "loading all…")
	} else if l.loading && l.loaded {
		parts = append(parts, "loading more…")
	}
	return s.Dim.Render(fit("  "+strings.Join(parts, " · "), l.width))
}

// layoutColumns gives each column a width for the screen: fixed columns in
// order while they fit, then the flexible one takes the rest. Columns that
// do not fit get 0 and are not drawn.
func layoutColumns[T any](cols []column[T], width int) []int {
	widths := make([]int, len(cols))
	flex, flexMin, used := -1, 0, 0
	for i, c := range cols {
		if c.width == 0 && flex < 0 {
			flex, flexMin = i, max(c.min, 4)
		}
	}
	budget := width
	if flex >= 0 {
		budget -= flexMin + 1
	}
	for i, c := range cols {
		if i == flex || c.width == 0 {
			continue
		}
		if used+c.width+1 > budget {
			break
		}
		widths[i] = c.width
		used += c.width + 1
	}
	if flex >= 0 {
		widths[flex] = max(width-used-1, min(flexMin, width))
		if used == 0 {
			widths[flex] = max(width, 1)
		}
		growColumns(cols, widths, flex)
	}
	return widths
}

// growColumns moves the flexible column's room past its max to the columns
// that are shown but narrower than their max, in order; what none of them
// can use goes back to the flexible column, so the line stays full.
func growColumns[T any](cols []column[T], widths []int, flex int) {
	limit := cols[flex].max
	if limit <= 0 || widths[flex] <= limit {
		return
	}
	spare := widths[flex] - limit
	widths[flex] = limit
	for i, c := range cols {
		if i == flex || widths[i] == 0 || c.max <= widths[i] {
			continue
		}
		add := min(spare, c.max-widths[i])
		widths[i] += add
		spare -= add
	}
	widths[flex] += spare
}
