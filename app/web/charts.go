package web

import "strconv"

// Bar is one labelled value of a chart; Class picks its colour in app.css.
type Bar struct {
	Label string
	Value int
	Class string
}

// BarChart is horizontal bars laid out for an SVG of Width × Height, one row
// per bar, longest bar for the largest value.
type BarChart struct {
	Label         string // what the chart shows, for screen readers
	Width, Height int
	Rows          []BarRow
}

// BarRow is one bar placed in its chart.
type BarRow struct {
	Bar
	Y, TextY, BarX, BarW, ValueX int
	Share                        string // the value's share of the total, "42%"
}

// Horizontal-bar geometry, in SVG user units.
const (
	barChartWidth = 400
	barLabelWidth = 110
	barAreaWidth  = 200
	barRowHeight  = 26
	barThickness  = 16
)

// Bars lays out bars as a horizontal bar chart.
func Bars(label string, bars []Bar) BarChart {
	c := BarChart{Label: label, Width: barChartWidth, Height: len(bars)*barRowHeight + 4}
	top, sum := 0, 0
	for _, b := range bars {
		top = max(top, b.Value)
		sum += b.Value
	}
	for i, b := range bars {
		w := scale(b.Value, top, barAreaWidth)
		y := i*barRowHeight + 4
		c.Rows = append(c.Rows, BarRow{Bar: b, Y: y, TextY: y + barThickness - 3, BarX: barLabelWidth,
			BarW: w, ValueX: barLabelWidth + w + 6, Share: Percent(b.Value, sum)})
	}
	return c
}

// Column is one stacked column: its segments, bottom first.
type Column struct {
	Label    string
	Segments []Bar
}

// ColumnChart is stacked columns laid out for an SVG of Width × Height,
// with room for a label under each column.
type ColumnChart struct {
	Label         string
	Width, Height int
	BaseY         int // the y of the axis line
	Columns       []PlacedColumn
	Max           int // the largest column total, which reaches the top
}

// PlacedColumn is one column placed in its chart.
type PlacedColumn struct {
	Label          string
	Total          int
	LabelX, LabelY int
	Rects          []Rect
}

// Rect is one drawn segment; Title is its tooltip ("3 done").
type Rect struct {
	X, Y, W, H int
	Class      string
	Title      string
}

// Column geometry, in SVG user units.
const (
	columnWidth = 40
	columnGap   = 18
	columnArea  = 140 // the height of the tallest column
	columnTop   = 6
	columnLabel = 22 // room under the axis for the labels
)

// Columns lays out stacked columns, scaled so the largest total fills the
// chart's height. A segment with a value is at least one unit tall.
func Columns(label string, cols []Column) ColumnChart {
	c := ColumnChart{Label: label, Width: len(cols)*(columnWidth+columnGap) + columnGap,
		Height: columnTop + columnArea + columnLabel, BaseY: columnTop + columnArea}
	for _, col := range cols {
		c.Max = max(c.Max, total(col.Segments))
	}
	for i, col := range cols {
		x := columnGap + i*(columnWidth+columnGap)
		pc := PlacedColumn{Label: col.Label, Total: total(col.Segments), LabelX: x + columnWidth/2, LabelY: c.BaseY + 16}
		y := c.BaseY
		for _, s := range col.Segments {
			h := scale(s.Value, c.Max, columnArea)
			if h == 0 {
				continue
			}
			y -= h
			pc.Rects = append(pc.Rects, Rect{X: x, Y: y, W: columnWidth, H: h, Class: s.Class,
				Title: strconv.Itoa(s.Value) + " " + s.Label})
		}
		c.Columns = append(c.Columns, pc)
	}
	return c
}

// Percent is part's share of whole, rounded to a whole percent ("—" of nothing).
func Percent(part, whole int) string {
	if whole <= 0 {
		return "—"
	}
	return strconv.Itoa((part*100+whole/2)/whole) + "%"
}

// scale maps v in [0, max] onto [0, size], keeping any non-zero value visible.
func scale(v, top, size int) int {
	if v <= 0 || top <= 0 {
		return 0
	}
	return max(1, v*size/top)
}

func total(bars []Bar) int {
	n := 0
	for _, b := range bars {
		n += b.Value
	}
	return n
}
