package ui

// Rendering the paged list: only the rows that fit.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
)

// View renders exactly height+2 lines: the column header, the rows that
// fit, and a footer.
func (l PagedList[T]) View() string {
	s := l.c.Styles
	var b strings.Builder
	b.Grow((l.Height + 2) * (l.width + 16))
	need, cells := l.visibleCells()
	widths := layoutColumns(l.Spec.Columns, l.width-2, need)
	b.WriteString(s.TableHeader.Render(Fit("  "+l.headerLine(widths), l.width)))
	b.WriteByte('\n')
	body := l.Height
	switch {
	case l.Count() == 0:
		// Each paragraph wraps as prose in the room after the indent
		// (an error's advice "→ …" under its first word), so that no
		// word of it stands alone like a line of its own.
		lines := proseLines(l.emptyText(), l.width-2)
		for i := range body {
			line := ""
			if i > 0 && i-1 < len(lines) {
				line = "  " + lines[i-1]
			}
			b.WriteString(Fit(line, l.width))
			b.WriteByte('\n')
		}
	default:
		for i := range body {
			pos := l.Offset + i
			if pos < l.Count() {
				b.WriteString(l.row(pos, widths, cells[i]))
			} else {
				b.WriteString(strings.Repeat(" ", max(l.width, 0)))
			}
			b.WriteByte('\n')
		}
	}
	b.WriteString(l.footer())
	return b.String()
}

func (l *PagedList[T]) headerLine(widths []int) string {
	cells := make([]string, 0, len(widths))
	for i, w := range widths {
		if w > 0 {
			cells = append(cells, Fit(l.Spec.Columns[i].Title, w))
		}
	}
	return strings.Join(cells, " ")
}

// row draws row pos from its cells (nil when it is not loaded).
func (l *PagedList[T]) row(pos int, widths []int, texts []string) string {
	it := l.At(pos)
	selected := pos == l.Cursor
	s := l.c.Styles
	if !l.rowLoaded(pos) {
		text := "  …"
		if selected {
			return s.Selected.Render(Fit("› …", l.width))
		}
		return s.Dim.Render(Fit(text, l.width))
	}
	cells := make([]string, 0, len(widths))
	for i, w := range widths {
		if w <= 0 {
			continue
		}
		col := l.Spec.Columns[i]
		text := Fit(texts[i], w)
		if col.Paint != nil && !selected {
			text = col.Paint(s, it, text)
		}
		cells = append(cells, text)
	}
	line := strings.Join(cells, " ")
	// Two marker cells: the cursor, then whether the row changed at the
	// last refresh, so a change shows on the selected row too.
	changed := " "
	if l.Changed[l.Spec.ID(it)] {
		changed = "•"
	}
	if selected {
		return s.Selected.Render(Fit("›"+changed+line, l.width))
	}
	if l.Spec.IsGone != nil && l.Spec.IsGone(it) {
		line = s.Muted.Render(ansi.Strip(line))
	}
	if changed != " " {
		changed = s.Warn.Render(changed)
	}
	return Fit(" "+changed+line, l.width)
}

func (l *PagedList[T]) emptyText() string {
	switch {
	case l.Err != nil && !l.Loaded:
		return errorText(l.Err)
	case !l.Loaded:
		return "Loading " + l.Spec.Noun + "…"
	case l.Query != "":
		return fmt.Sprintf("No loaded %s match %q.", l.Spec.Noun, l.Query)
	}
	return l.Spec.Empty()
}

func (l *PagedList[T]) footer() string {
	s := l.c.Styles
	switch {
	case l.filtering:
		return Fit(l.input.View(), l.width)
	case l.confirm:
		rows, calls := l.RemainingCalls()
		q := "Load every remaining page?"
		if rows >= 0 {
			q = fmt.Sprintf("Load the remaining %d %s in %s?", rows, l.Spec.Noun, api.Count(calls, "call"))
		}
		return Fit(s.Prompt.Render(q)+" "+s.HintKey.Render("y")+s.HintDesc.Render(" yes  ")+s.HintKey.Render("n")+s.HintDesc.Render(" no"), l.width)
	}
	parts := []string{}
	if l.Count() > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", l.Cursor+1, l.Count()))
	}
	loaded := fmt.Sprintf("%d loaded", l.LoadedCount())
	switch {
	case !l.Loaded && l.Err != nil:
		loaded = "nothing loaded · r retries"
	case l.Total >= 0 && l.Loaded && l.LoadedCount() > l.Total:
		// More rows came than the service last counted: it changed while
		// we paged (never "320 of 319").
		loaded = fmt.Sprintf("%d loaded · the count changed while paging", l.LoadedCount())
	case l.Total >= 0 && l.Loaded:
		loaded = fmt.Sprintf("%d of %d loaded", l.LoadedCount(), l.Total)
	}
	parts = append(parts, loaded)
	if l.Query != "" {
		parts = append(parts, fmt.Sprintf("filter %q: %d match", l.Query, l.Count()))
		if l.More {
			parts = append(parts, "L load all")
		}
	}
	partial := l.More || l.Have != nil // an order of the loaded rows only
	if l.sorted {
		if partial {
			parts = append(parts, fmt.Sprintf("worst first of the %d loaded (o) · L loads all", l.LoadedCount()))
		} else {
			parts = append(parts, "worst first (o)")
		}
	}
	if label := l.sortLabel(); label != "" {
		if partial {
			label += fmt.Sprintf(" (the %d loaded)", l.LoadedCount())
		}
		parts = append(parts, label)
	}
	if len(l.Changed) > 0 {
		parts = append(parts, fmt.Sprintf("• %d changed", len(l.Changed)))
	}
	if l.Spec.Note != nil && l.Count() > 0 { // a note on the rows, none without
		if n := l.Spec.Note(); n != "" {
			parts = append(parts, n)
		}
	}
	if n := l.goneCount(); n > 0 {
		if l.hideGone {
			parts = append(parts, fmt.Sprintf("%d gone hidden (x shows)", n))
		} else {
			parts = append(parts, fmt.Sprintf("%d gone (x hides)", n))
		}
	}
	switch {
	case l.mode == modeLoadAll:
		parts = append(parts, "loading all…")
	case l.loading && l.Loaded && l.mode == modeBrowse:
		parts = append(parts, "loading more…")
	case l.loading && l.Loaded:
		// A refresh reads again what is loaded: "4 of 4 loaded · loading
		// more…" would promise rows that do not exist.
		parts = append(parts, "refreshing…")
	}
	return s.Dim.Render(Fit("  "+strings.Join(parts, " · "), l.width))
}
