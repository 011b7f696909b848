package rules

import (
	"sort"

	"github.com/tebiki/tebiki/generator/internal/jpcal"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Ranges returns the times the office is open on the days of h, in order.
func (h Hours) Ranges() []Span {
	if len(h.Times.List) > 0 {
		var out []Span
		for _, s := range h.Times.List {
			if s.valid() {
				out = append(out, s)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].From.Min < out[j].From.Min })
		return out
	}
	if !h.Open.valid() || !h.Close.valid() {
		return nil
	}
	breaks := append([]Span(nil), h.Break.List...)
	sort.Slice(breaks, func(i, j int) bool { return breaks[i].From.Min < breaks[j].From.Min })
	var out []Span
	from := h.Open
	for _, b := range breaks {
		if b.From.Min > from.Min {
			out = append(out, Span{From: from, To: b.From})
		}
		if b.To.Min > from.Min {
			from = b.To
		}
	}
	if h.Close.Min > from.Min {
		out = append(out, Span{From: from, To: h.Close})
	}
	return out
}

// applies reports whether h is the rule for date d (leaving its effective dates aside).
func (h Hours) applies(d decide.Date) bool {
	return h.Days.Has(jpcal.Weekday(d)) && h.Weeks.Has(jpcal.Nth(d))
}

// inForce reports whether d falls within the effective dates of h.
func inForce(from, until string, d decide.Date) bool {
	if f, ok := decide.ParseDate(from); ok && d.Before(f) {
		return false
	}
	if u, ok := decide.ParseDate(until); ok && u.Before(d) {
		return false
	}
	return true
}

// Covers reports whether the office is closed on d by c.
func (c Closure) Covers(d decide.Date) bool {
	f, l := c.first(), c.last()
	if !f.Yearly() {
		return !d.Before(f.date()) && !l.date().Before(d)
	}
	x, a, b := md(d.M, d.D), md(f.M, f.D), md(l.M, l.D)
	if a <= b {
		return a <= x && x <= b
	}
	return x >= a || x <= b // spans the year end
}

// Day is whether an office is open on one date, and when.
type Day struct {
	Date   decide.Date
	Open   bool
	Ranges []Span // when open
	// Holiday is the national holiday that day, if it is one.
	Holiday *jpcal.Holiday
	// Closure is the closing day that closes the office, if one does.
	Closure *Closure
	// HolidayUnstated: the date is a national holiday and the office does
	// not say whether it opens on holidays. Open and Ranges are then those
	// of the same day of the week on an ordinary week.
	HolidayUnstated bool
}

// On computes whether the office is open on d and its times that day, from
// every hours entry in force on d (not only on the build date), its closing
// days and national holidays. A closing day closes the office even when it
// opens on holidays.
func (o *Office) On(d decide.Date) Day {
	day := Day{Date: d}
	if h, ok := jpcal.HolidayOn(d); ok {
		day.Holiday = &h
	}
	for i := range o.allClosed {
		if o.allClosed[i].Covers(d) {
			day.Closure = &o.allClosed[i]
			return day
		}
	}
	if day.Holiday != nil {
		switch o.Holidays.Value {
		case "closed":
			return day
		case "":
			day.HolidayUnstated = true
		}
	}
	for _, h := range o.allHours {
		if inForce(h.EffectiveFrom, h.EffectiveUntil, d) && h.applies(d) {
			day.Ranges = append(day.Ranges, h.Ranges()...)
		}
	}
	sort.Slice(day.Ranges, func(i, j int) bool { return day.Ranges[i].From.Min < day.Ranges[j].From.Min })
	day.Open = len(day.Ranges) > 0
	return day
}
