package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tebiki/tebiki/wasm/decide"
)

func (c Clock) ja() string {
	return strconv.Itoa(c.Min/60) + "時" + fmt.Sprintf("%02d", c.Min%60) + "分"
}
func (c Clock) en() string { return strconv.Itoa(c.Min/60) + ":" + fmt.Sprintf("%02d", c.Min%60) }

// In renders the span in lang: "8時30分～12時00分", "8:30 to 12:00".
func (s Span) In(lang string) string {
	if lang == "en" {
		return s.From.en() + " to " + s.To.en()
	}
	return s.From.ja() + "～" + s.To.ja()
}

// Rendering.

func daysIn(d Days, weeks Weeks, lang string) string {
	if d.Set == 0 {
		return "" // reported by check
	}
	if len(weeks.N) == 0 {
		switch d.Set {
		case weekdaySet:
			return map[bool]string{true: "Weekdays", false: "平日"}[lang == "en"]
		case everySet:
			return map[bool]string{true: "Every day", false: "毎日"}[lang == "en"]
		case weekendSet:
			return map[bool]string{true: "Saturdays and Sundays", false: "土日"}[lang == "en"]
		}
	}
	// Runs of days, Monday first: three or more in a row read "Monday to Thursday".
	var order []int // Monday = 0 … Sunday = 6
	for i := range 7 {
		if d.Has((i + 1) % 7) {
			order = append(order, i)
		}
	}
	type run struct{ a, b int } // days of the week, Sunday = 0
	var runs []run
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && order[j+1] == order[j]+1 {
			j++
		}
		if j-i >= 2 {
			runs = append(runs, run{(order[i] + 1) % 7, (order[j] + 1) % 7})
		} else {
			for k := i; k <= j; k++ {
				runs = append(runs, run{(order[k] + 1) % 7, (order[k] + 1) % 7})
			}
		}
		i = j + 1
	}
	var parts []string
	if lang == "en" {
		for _, r := range runs {
			if r.a == r.b {
				parts = append(parts, dayEn[r.a]+"s")
			} else {
				parts = append(parts, dayEn[r.a]+" to "+dayEn[r.b])
			}
		}
		s := joinEn(parts)
		if len(weeks.N) > 0 {
			var ord []string
			for _, n := range weeks.N {
				ord = append(ord, ordinal(n))
			}
			s = joinEn(ord) + " " + s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	}
	for _, r := range runs {
		if r.a == r.b {
			parts = append(parts, dayJa[r.a])
		} else {
			parts = append(parts, dayJa[r.a]+"～"+dayJa[r.b])
		}
	}
	s := strings.Join(parts, "・") + "曜"
	if len(weeks.N) > 0 {
		var ord []string
		for _, n := range weeks.N {
			ord = append(ord, "第"+strconv.Itoa(n))
		}
		s = strings.Join(ord, "・") + s
	}
	return s
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return strconv.Itoa(n) + "th"
}

// joinEn joins "a", "a and b", "a, b and c".
func joinEn(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// joinJa joins "a", "aとb", "a、bとc".
func joinJa(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], "、") + "と" + parts[len(parts)-1]
}

// In renders the hours in lang, for example "平日 8時30分～17時15分（12時00分～13時00分を除く）"
// or "Weekdays, 8:30 to 17:15 (closed 12:00 to 13:00)".
func (h Hours) In(lang string) string {
	days := daysIn(h.Days, h.Weeks, lang)
	var times, breaks []string
	if len(h.Times.List) > 0 {
		for _, s := range h.Ranges() {
			times = append(times, s.In(lang))
		}
	} else {
		times = []string{Span{From: h.Open, To: h.Close}.In(lang)}
		for _, b := range h.Break.List {
			breaks = append(breaks, b.In(lang))
		}
	}
	if lang == "en" {
		s := days + ", " + joinEn(times)
		if len(breaks) > 0 {
			s += " (closed " + joinEn(breaks) + ")"
		}
		return s
	}
	s := days + " " + strings.Join(times, "、")
	if len(breaks) > 0 {
		s += "（" + strings.Join(breaks, "、") + "を除く）"
	}
	return s
}

var monthEn = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func calDayIn(c CalDay, lang string, withYear bool) string {
	if lang == "en" {
		s := strconv.Itoa(c.D) + " " + monthEn[c.M-1]
		if withYear {
			s += " " + strconv.Itoa(c.Y)
		}
		return s
	}
	s := strconv.Itoa(c.M) + "月" + strconv.Itoa(c.D) + "日"
	if withYear {
		s = strconv.Itoa(c.Y) + "年" + s
	}
	return s
}

// In renders the closed days in lang: "12月29日～1月3日", "29 December to 3
// January", "2027年8月13日～15日", "13 to 15 August 2027"; with its name
// first where it has one.
func (c Closure) In(lang string) string {
	f, l := c.first(), c.last()
	dated := !f.Yearly()
	var s string
	switch {
	case f.Y == l.Y && f.M == l.M && f.D == l.D:
		s = calDayIn(f, lang, dated)
	case lang == "en" && f.Y == l.Y && f.M == l.M:
		s = strconv.Itoa(f.D) + " to " + calDayIn(l, lang, dated)
	case lang == "en":
		s = calDayIn(f, lang, dated && f.Y != l.Y) + " to " + calDayIn(l, lang, dated)
	case f.Y == l.Y && f.M == l.M:
		s = calDayIn(f, lang, dated) + "～" + strconv.Itoa(l.D) + "日"
	case f.Y == l.Y:
		s = calDayIn(f, lang, dated) + "～" + calDayIn(l, lang, false)
	default:
		s = calDayIn(f, lang, dated) + "～" + calDayIn(l, lang, dated)
	}
	if c.Name.IsZero() {
		return s
	}
	if lang == "en" {
		return c.Name.En + " (" + s + ")"
	}
	return c.Name.Ja + "（" + s + "）"
}

// ClosedIn renders the office's closing days and national holidays in lang,
// for example "年末年始（12月29日～1月3日）と祝日は休み" or "Closed on national
// holidays and 29 December to 3 January."; empty when the city states none.
func (o Office) ClosedIn(lang string) string {
	var days []string
	for _, c := range o.Closed {
		days = append(days, c.In(lang))
	}
	hol := o.Holidays.Value
	if lang == "en" {
		var parts []string
		if hol == "closed" {
			days = append([]string{"national holidays"}, days...)
		}
		if len(days) > 0 {
			parts = append(parts, "Closed on "+joinEn(days)+".")
		}
		if hol == "open" {
			parts = append(parts, "Open on national holidays.")
		}
		return strings.Join(parts, " ")
	}
	if hol == "closed" {
		days = append(days, "祝日")
	}
	var parts []string
	if len(days) > 0 {
		parts = append(parts, joinJa(days)+"は休み")
	}
	if hol == "open" {
		parts = append(parts, "祝日も開いています")
	}
	return strings.Join(parts, "。")
}

// HoursIn lists the office's hours in lang, one entry a line, then its
// closing days where it states any.
func (o Office) HoursIn(lang string) []string {
	var out []string
	for _, h := range o.Hours {
		out = append(out, h.In(lang))
	}
	if s := o.ClosedIn(lang); s != "" {
		out = append(out, s)
	}
	return out
}

// ClosedLabel names the office with its closing days, for change lists and
// reports; zero when it states none.
func (o *Office) ClosedLabel() decide.Text {
	ja, en := o.ClosedIn("ja"), o.ClosedIn("en")
	if ja == "" {
		return decide.Text{}
	}
	l := o.Label()
	return decide.Text{Ja: l.Ja + "：" + ja, En: l.En + ": " + en}
}
