// Package jpcal is the Japanese calendar Tebiki needs for opening hours: the
// day of the week, which occurrence of its weekday a date is in its month
// (the "2nd Saturday"), and the national holidays (国民の祝日, 振替休日 and
// 国民の休日) under the Act on National Holidays (国民の祝日に関する法律).
//
// Holidays are computed, not listed: fixed days, the Happy Monday days, the
// equinoxes by the standard formula, substitute holidays and days sandwiched
// between two holidays, with the changes of the law since 2000 (Marine Day
// and Respect for the Aged Day moving to Mondays in 2003, Showa Day in 2007,
// Mountain Day in 2016, the Emperor's Birthday moving in 2019, and the
// one-off days of 2019, 2020 and 2021). Years from FirstYear to LastYear are
// known; for others HolidayOn reports no holiday. The equinox days are
// officially set each February for the next year from astronomical
// observation; the formula has matched every announced day since 1980.
//
// Dates are decide.Date (no time zone), so the package needs no package time.
// It imports only the core, for that type.
package jpcal

import "github.com/tebiki/tebiki/wasm/decide"

// The years whose holidays are known.
const (
	FirstYear = 2000
	LastYear  = 2099
)

// Known reports whether the holidays of year y are known.
func Known(y int) bool { return y >= FirstYear && y <= LastYear }

// Days of the week, as Weekday returns them.
const (
	Sunday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

// Weekday returns the day of the week of d: Sunday (0) to Saturday (6).
func Weekday(d decide.Date) int {
	// Sakamoto's method for the Gregorian calendar.
	t := [12]int{0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4}
	y := d.Y
	if d.M < 3 {
		y--
	}
	return (y + y/4 - y/100 + y/400 + t[d.M-1] + d.D) % 7
}

// Nth returns which occurrence of its weekday d is in its month: 1 for the
// 1st to the 7th, 2 for the 8th to the 14th, … 5 for the 29th to the 31st.
func Nth(d decide.Date) int { return (d.D-1)/7 + 1 }

// nthWeekday returns the n-th weekday wd of month m of year y.
func nthWeekday(y, m, n, wd int) decide.Date {
	first := Weekday(decide.Date{Y: y, M: m, D: 1})
	return decide.Date{Y: y, M: m, D: 1 + (wd-first+7)%7 + 7*(n-1)}
}

// VernalEquinox returns the day of the vernal equinox (春分日) in March of
// year y, by the standard formula valid from 1980 to 2099:
// int(20.8431 + 0.242194 (y-1980) - int((y-1980)/4)).
func VernalEquinox(y int) int {
	n := y - 1980
	return (20843100+242194*n)/1000000 - n/4
}

// AutumnalEquinox returns the day of the autumnal equinox (秋分日) in
// September of year y: int(23.2488 + 0.242194 (y-1980) - int((y-1980)/4)).
func AutumnalEquinox(y int) int {
	n := y - 1980
	return (23248800+242194*n)/1000000 - n/4
}

// Holiday is one national holiday.
type Holiday struct {
	Date decide.Date
	Name Name
}

// Name is a holiday's name: as the law writes it, and its usual English
// name (for reports and tests; pages do not show holiday names).
type Name struct {
	Law, Gloss string
}

// Names of the days that are holidays by rule rather than by date.
var (
	Substitute = Name{"振替休日", "Substitute holiday"}
	Citizens   = Name{"国民の休日", "Citizens' Holiday"}
)

func named(law, gloss string) Name { return Name{law, gloss} }

// festivals returns the 国民の祝日 of year y (without substitute holidays and
// sandwiched days), in date order.
func festivals(y int) []Holiday {
	var out []Holiday
	add := func(m, d int, ja, en string) {
		out = append(out, Holiday{decide.Date{Y: y, M: m, D: d}, named(ja, en)})
	}
	addDate := func(dt decide.Date, ja, en string) { out = append(out, Holiday{dt, named(ja, en)}) }

	add(1, 1, "元日", "New Year's Day")
	addDate(nthWeekday(y, 1, 2, Monday), "成人の日", "Coming of Age Day")
	add(2, 11, "建国記念の日", "National Foundation Day")
	if y >= 2020 {
		add(2, 23, "天皇誕生日", "The Emperor's Birthday")
	}
	add(3, VernalEquinox(y), "春分の日", "Vernal Equinox Day")
	if y >= 2007 {
		add(4, 29, "昭和の日", "Showa Day")
	} else {
		add(4, 29, "みどりの日", "Greenery Day")
	}
	if y == 2019 {
		add(5, 1, "即位の日", "Day of the Emperor's Enthronement")
	}
	add(5, 3, "憲法記念日", "Constitution Memorial Day")
	if y >= 2007 {
		add(5, 4, "みどりの日", "Greenery Day")
	}
	add(5, 5, "こどもの日", "Children's Day")
	switch {
	case y == 2020:
		add(7, 23, "海の日", "Marine Day")
		add(7, 24, "スポーツの日", "Sports Day")
	case y == 2021:
		add(7, 22, "海の日", "Marine Day")
		add(7, 23, "スポーツの日", "Sports Day")
	case y >= 2003:
		addDate(nthWeekday(y, 7, 3, Monday), "海の日", "Marine Day")
	default:
		add(7, 20, "海の日", "Marine Day")
	}
	switch {
	case y == 2020:
		add(8, 10, "山の日", "Mountain Day")
	case y == 2021:
		add(8, 8, "山の日", "Mountain Day")
	case y >= 2016:
		add(8, 11, "山の日", "Mountain Day")
	}
	if y >= 2003 {
		addDate(nthWeekday(y, 9, 3, Monday), "敬老の日", "Respect for the Aged Day")
	} else {
		add(9, 15, "敬老の日", "Respect for the Aged Day")
	}
	add(9, AutumnalEquinox(y), "秋分の日", "Autumnal Equinox Day")
	switch {
	case y >= 2022:
		addDate(nthWeekday(y, 10, 2, Monday), "スポーツの日", "Sports Day")
	case y <= 2019:
		addDate(nthWeekday(y, 10, 2, Monday), "体育の日", "Health and Sports Day")
	}
	if y == 2019 {
		add(10, 22, "即位礼正殿の儀の行われる日", "Day of the Enthronement Ceremony")
	}
	add(11, 3, "文化の日", "Culture Day")
	add(11, 23, "勤労感謝の日", "Labour Thanksgiving Day")
	if y <= 2018 {
		add(12, 23, "天皇誕生日", "The Emperor's Birthday")
	}
	sortHolidays(out)
	return out
}

func sortHolidays(hs []Holiday) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Date.Before(hs[j-1].Date); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}

// Holidays returns every national holiday of year y in date order: the
// 国民の祝日, the substitute holidays (振替休日: a holiday on a Sunday moves
// the day off to the next day that is not a holiday) and the days between
// two holidays (国民の休日). It returns nil for a year that is not Known.
func Holidays(y int) []Holiday {
	if !Known(y) {
		return nil
	}
	fest := festivals(y)
	isFest := map[decide.Date]bool{}
	for _, h := range fest {
		isFest[h.Date] = true
	}
	out := append([]Holiday(nil), fest...)
	off := map[decide.Date]bool{}
	for _, h := range fest {
		off[h.Date] = true
	}
	for _, h := range fest {
		if Weekday(h.Date) != Sunday {
			continue
		}
		// Since 2007 the substitute is the first following day that is not
		// a 国民の祝日; before, only the Monday, if it was not one.
		d := h.Date.AddDays(1)
		if y >= 2007 {
			for isFest[d] {
				d = d.AddDays(1)
			}
		} else if isFest[d] {
			continue
		}
		if !off[d] {
			off[d] = true
			out = append(out, Holiday{d, Substitute})
		}
	}
	// 国民の休日: a day that is not a 国民の祝日, between two that are.
	// Before 2007 a Sunday or a substitute holiday did not count.
	for _, h := range fest {
		d := h.Date.AddDays(1)
		if d.Y != y || isFest[d] || !isFest[d.AddDays(1)] {
			continue
		}
		if off[d] || (y < 2007 && Weekday(d) == Sunday) {
			continue
		}
		off[d] = true
		out = append(out, Holiday{d, Citizens})
	}
	sortHolidays(out)
	return out
}

// HolidayOn returns the national holiday on d, and false when d is not one
// (or its year is not Known).
func HolidayOn(d decide.Date) (Holiday, bool) {
	for _, h := range Holidays(d.Y) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}
