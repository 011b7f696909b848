package rules

import (
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// check reports impossible hours at the place they are written, and
// whether the hours are usable (a mistake found while decoding makes them
// unusable without a second report).
func (h Hours) check(errs *diag.List) bool {
	hasRange := !h.Open.IsZero() || !h.Close.IsZero()
	switch {
	case hasRange && len(h.Times.List) > 0:
		errs.AddHint(h.Times.Pos, "write one range with open and close (and break), or several with times, not both", "times cannot be combined with open and close")
		return false
	case !hasRange && len(h.Times.List) == 0 && (h.Absent.Has("open") || h.Absent.Has("close") || h.Absent.Has("times")):
		return false // a misspelt key, reported
	case !hasRange && len(h.Times.List) == 0:
		errs.AddHint(h.Pos, "add open and close, for example open: \"08:30\" and close: \"17:15\"", "hours need open and close, or times")
		return false
	case hasRange && h.Open.IsZero():
		if !h.Absent.Has("open") { // else reported as a misspelt key
			errs.AddHint(h.Pos, "add it", "missing key %q", "open")
		}
		return false
	case hasRange && h.Close.IsZero():
		if !h.Absent.Has("close") {
			errs.AddHint(h.Pos, "add it", "missing key %q", "close")
		}
		return false
	}
	if h.Days.Set == 0 {
		return false // reported where written
	}
	for _, s := range append(append([]Span(nil), h.Break.List...), h.Times.List...) {
		if !s.valid() {
			return false // reported where written
		}
	}
	ok := true
	bad := func(pos diag.Pos, hint, format string, args ...any) {
		errs.AddHint(pos, hint, format, args...)
		ok = false
	}
	overlapping := func(spans []Span) {
		for i, b := range spans {
			for _, a := range spans[:i] {
				if a.overlaps(b) {
					bad(b.Pos, "give each time once", "time ranges %s and %s overlap", a.String(), b.String())
				}
			}
		}
	}
	if hasRange {
		if !h.Open.valid() || !h.Close.valid() {
			return false // reported where written
		}
		if h.Close.Min <= h.Open.Min {
			errs.Add(h.Close.Pos, "closing time %s is not after opening time %s", h.Close.Text, h.Open.Text)
			return false
		}
		for _, b := range h.Break.List {
			if b.From.Min <= h.Open.Min || b.To.Min >= h.Close.Min {
				bad(b.Pos, "a break is a time the counter closes between open and close", "break %s is not within the opening hours %s-%s", b.String(), h.Open.Text, h.Close.Text)
			}
		}
		overlapping(h.Break.List)
		return ok
	}
	if len(h.Break.List) > 0 {
		bad(h.Break.Pos, "with times, leave the break out: the gaps between the ranges are the breaks", "break needs open and close")
	}
	overlapping(h.Times.List)
	return ok
}

// windowsMeet reports whether two effective periods share a day.
func windowsMeet(af, au, bf, bu string) bool {
	a1, _ := decide.ParseDate(af)
	a2, _ := decide.ParseDate(au)
	b1, _ := decide.ParseDate(bf)
	b2, _ := decide.ParseDate(bu)
	if !a2.IsZero() && !b1.IsZero() && a2.Before(b1) {
		return false
	}
	if !b2.IsZero() && !a1.IsZero() && b2.Before(a1) {
		return false
	}
	return true
}

// overlaps reports whether a and b can give times on the same day that overlap.
func (a Hours) overlaps(b Hours) bool {
	if a.Days.Set&b.Days.Set == 0 || !windowsMeet(a.EffectiveFrom, a.EffectiveUntil, b.EffectiveFrom, b.EffectiveUntil) {
		return false
	}
	weeks := false
	for n := 1; n <= 5; n++ {
		weeks = weeks || (a.Weeks.Has(n) && b.Weeks.Has(n))
	}
	if !weeks {
		return false
	}
	for _, x := range a.Ranges() {
		for _, y := range b.Ranges() {
			if x.overlaps(y) {
				return true
			}
		}
	}
	return false
}

// check reports an impossible closure where it is written; it reports
// whether the closure is usable.
func (c Closure) check(errs *diag.List) bool {
	for _, d := range []CalDay{c.On, c.From, c.Until} {
		if !d.IsZero() && !d.valid() {
			return false // reported where written
		}
	}
	switch {
	case !c.On.IsZero() && (!c.From.IsZero() || !c.Until.IsZero()):
		errs.AddHint(c.Pos, "write one day with on, or a run of days with from and until", "on cannot be combined with from and until")
		return false
	case !c.On.IsZero():
		return true
	case c.From.IsZero() && c.Until.IsZero():
		errs.AddHint(c.Pos, "write on: \"YYYY-MM-DD\" for one day, or from and until for several", "a closure needs on, or from and until")
		return false
	case c.From.IsZero():
		errs.AddHint(c.Pos, "add it", "missing key %q", "from")
		return false
	case c.Until.IsZero():
		errs.AddHint(c.Pos, "add it: the last closed day", "missing key %q", "until")
		return false
	case c.From.Yearly() != c.Until.Yearly():
		errs.AddHint(c.Until.Pos, "write both as YYYY-MM-DD for one time, or both as MM-DD for every year", "from %s and until %s must be the same kind of date", c.From, c.Until)
		return false
	case !c.From.Yearly() && c.Until.date().Before(c.From.date()):
		errs.AddHint(c.Until.Pos, "until is the last closed day; for a run that comes every year, write MM-DD", "the closure ends on %s, before it starts on %s", c.Until, c.From)
		return false
	}
	return true
}

// loadHours checks the hours and closures of o, records their scheduled
// changes, and keeps what is in force on date for the pages.
func (c *City) loadHours(o *Office, date decide.Date, errs *diag.List) {
	var valid, hours []Hours
	for _, h := range o.Hours {
		ok := h.check(errs)
		if c.window(errs, date, h.EffectiveFrom, h.EffectiveUntil, h.Pos, o.HoursLabel(h)) {
			hours = append(hours, h)
		}
		if !ok {
			continue
		}
		for _, v := range valid {
			if v.overlaps(h) {
				errs.AddHint(h.Pos, "give each day and time once: split the days, the weeks or the times", "these hours overlap the hours on line %d", v.Pos.Line)
				break
			}
		}
		valid = append(valid, h)
	}
	o.Hours = hours
	o.allHours = valid
	var closed []Closure
	for _, cl := range o.Closed {
		if !cl.check(errs) {
			continue
		}
		o.allClosed = append(o.allClosed, cl)
		if cl.Yearly() || !cl.last().date().Before(date) {
			closed = append(closed, cl) // a past closure is not shown
		}
	}
	o.Closed = closed
}
