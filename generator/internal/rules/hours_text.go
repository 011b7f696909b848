package rules

import (
	"fmt"
	"strconv"
)

// Opening hours written out in one language, with that language's Words.

func (c Clock) in(w Words) string {
	return w.F("time", "h", strconv.Itoa(c.Min/60), "mm", fmt.Sprintf("%02d", c.Min%60))
}

// In writes the span: "8時30分～12時00分", "8:30 to 12:00".
func (s Span) In(w Words) string { return w.F("span", "from", s.From.in(w), "to", s.To.in(w)) }

func daysIn(d Days, weeks Weeks, w Words) string {
	if d.Set == 0 {
		return "" // reported by check
	}
	if len(weeks.N) == 0 {
		switch d.Set {
		case weekdaySet:
			return w.F("days.weekdays")
		case everySet:
			return w.F("days.every")
		case weekendSet:
			return w.F("days.weekend")
		}
	}
	// Runs of days, Monday first: three or more in a row read "Monday to Thursday".
	var order []int // Monday = 0 … Sunday = 6
	for i := range 7 {
		if d.Has((i + 1) % 7) {
			order = append(order, i)
		}
	}
	day := func(n int) string { return w.F("day." + strconv.Itoa(n)) }
	var parts []string
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && order[j+1] == order[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, w.F("days.run", "from", day((order[i]+1)%7), "to", day((order[j]+1)%7)))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, w.F("days.one", "day", day((order[k]+1)%7)))
			}
		}
		i = j + 1
	}
	s := w.F("days", "list", w.Join("days", parts))
	if len(weeks.N) > 0 {
		var ord []string
		for _, n := range weeks.N {
			ord = append(ord, w.F("week."+strconv.Itoa(n)))
		}
		s = w.F("days.weeks", "weeks", w.Join("days", ord), "days", s)
	}
	return s
}

// In writes the hours, for example "平日 8時30分～17時15分（12時00分～13時00分を除く）"
// or "Weekdays, 8:30 to 17:15 (closed 12:00 to 13:00)".
func (h Hours) In(w Words) string {
	days := daysIn(h.Days, h.Weeks, w)
	var times, breaks []string
	if len(h.Times.List) > 0 {
		for _, s := range h.Ranges() {
			times = append(times, s.In(w))
		}
	} else {
		times = []string{Span{From: h.Open, To: h.Close}.In(w)}
		for _, b := range h.Break.List {
			breaks = append(breaks, b.In(w))
		}
	}
	s := w.F("hours", "days", days, "times", w.Join("times", times))
	if len(breaks) > 0 {
		s = w.F("hours.break", "hours", s, "breaks", w.Join("times", breaks))
	}
	return s
}

func calDayIn(c CalDay, w Words, withYear bool) string { return w.Date(c.Y, c.M, c.D, withYear) }

// In writes the closed days: "12月29日～1月3日", "29 December to 3 January",
// "2027年8月13日～15日", "13 to 15 August 2027"; with its name first where it
// has one.
func (c Closure) In(w Words) string {
	f, l := c.first(), c.last()
	dated := !f.Yearly()
	var s string
	slots := func(fromYear, toYear bool) []string {
		return []string{"from", calDayIn(f, w, fromYear), "from_d", strconv.Itoa(f.D),
			"to", calDayIn(l, w, toYear), "to_d", strconv.Itoa(l.D),
			"from_md", calDayIn(f, w, false), "to_md", calDayIn(l, w, false)}
	}
	switch {
	case f.Y == l.Y && f.M == l.M && f.D == l.D:
		s = calDayIn(f, w, dated)
	case f.Y == l.Y && f.M == l.M:
		s = w.F("range.same_month", slots(dated, dated)...)
	case f.Y == l.Y:
		s = w.F("range.same_year", slots(dated, dated)...)
	default:
		s = w.F("range", slots(dated, dated)...)
	}
	if c.Name.IsZero() {
		return s
	}
	return w.F("closure.named", "name", c.Name.In(w.Lang()), "days", s)
}

// ClosedIn writes the office's closing days and national holidays, for
// example "祝日と年末年始（12月29日～1月3日）は休み" or "Closed on national
// holidays and 29 December to 3 January."; empty when the city states none.
func (o Office) ClosedIn(w Words) string {
	var days []string
	hol := o.Holidays.Value
	if hol == "closed" {
		days = append(days, w.F("closed.holidays"))
	}
	for _, c := range o.Closed {
		days = append(days, c.In(w))
	}
	var parts []string
	if len(days) > 0 {
		parts = append(parts, w.F("closed.days", "days", w.Join("list", days)))
	}
	if hol == "open" {
		parts = append(parts, w.F("closed.open_holiday"))
	}
	if len(parts) == 2 {
		return parts[0] + w.F("closed.sep") + parts[1]
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return ""
}

// HoursIn lists the office's hours, one entry a line, then its closing days
// where it states any.
func (o Office) HoursIn(w Words) []string {
	var out []string
	for _, h := range o.Hours {
		out = append(out, h.In(w))
	}
	if s := o.ClosedIn(w); s != "" {
		out = append(out, s)
	}
	return out
}
