package rules

import (
	"sort"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Scheduled changes: a fact, an office, its hours, a fee, an outcome or an
// item to bring may carry effective_from and effective_until. A build for a
// date publishes what is in force that day, and lists what is scheduled to
// change after it, so pages can say "from DATE, this changes".

// Change is a scheduled change after the build date.
type Change struct {
	Date   decide.Date // the first day the change applies
	Starts bool        // true: What comes into force; false: What ends
	What   Label
}

// Schedule collects the changes of one scope (the nation, a city or a
// procedure) and the last change already in force.
type Schedule struct {
	Changes []Change
	// Updated is the latest effective_from on or before the build date; zero
	// when nothing in the scope has one.
	Updated decide.Date
}

// window decides whether an entry is in force on date, records its changes,
// and reports malformed dates at pos.
func (s *Schedule) window(errs *diag.List, date decide.Date, from, until string, pos diag.Pos, what Label) bool {
	var f, u decide.Date
	var ok bool
	if from != "" {
		if f, ok = decide.ParseDate(from); !ok {
			errs.AddHintT(pos, diag.T("write dates as YYYY-MM-DD, for example %s", "2027-04-01"), "%s %q is not a date", "effective_from", from)
			return true
		}
	}
	if until != "" {
		if u, ok = decide.ParseDate(until); !ok {
			errs.AddHintT(pos, diag.T("write dates as YYYY-MM-DD, for example %s", "2027-03-31"), "%s %q is not a date", "effective_until", until)
			return true
		}
	}
	if !f.IsZero() && !u.IsZero() && u.Before(f) {
		errs.Add(pos, "effective_until %s is before effective_from %s", until, from)
		return true
	}
	if !f.IsZero() && date.Before(f) {
		s.Changes = append(s.Changes, Change{Date: f, Starts: true, What: what})
		return false
	}
	if !u.IsZero() && u.Before(date) {
		return false // ended before the build date
	}
	if !f.IsZero() && s.Updated.Before(f) {
		s.Updated = f
	}
	if !u.IsZero() {
		s.Changes = append(s.Changes, Change{Date: u.AddDays(1), Starts: false, What: what})
	}
	return true
}

// Sorted returns the changes by date, starts before ends, then by text.
func (s Schedule) Sorted() []Change {
	out := append([]Change(nil), s.Changes...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Date != b.Date {
			return a.Date.Before(b.Date)
		}
		if a.Starts != b.Starts {
			return a.Starts
		}
		return a.What.key() < b.What.key()
	})
	return out
}

// Merge combines schedules, for a page that shows facts of several scopes.
func Merge(ss ...Schedule) Schedule {
	var out Schedule
	for _, s := range ss {
		out.Changes = append(out.Changes, s.Changes...)
		if out.Updated.Before(s.Updated) {
			out.Updated = s.Updated
		}
	}
	return out
}

// ChangeGroup is the changes that take effect on one day.
type ChangeGroup struct {
	Date    decide.Date
	Changes []Change
}

// Groups returns the changes grouped by day, in date order.
func (s Schedule) Groups() []ChangeGroup {
	var out []ChangeGroup
	for _, c := range s.Sorted() {
		if n := len(out); n > 0 && out[n-1].Date == c.Date {
			out[n-1].Changes = append(out[n-1].Changes, c)
			continue
		}
		out = append(out, ChangeGroup{Date: c.Date, Changes: []Change{c}})
	}
	return out
}
