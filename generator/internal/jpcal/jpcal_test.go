package jpcal

import (
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/wasm/decide"
)

func date(s string) decide.Date {
	d, ok := decide.ParseDate(s)
	if !ok {
		panic("bad date " + s)
	}
	return d
}

// The holidays of 2025 to 2027 as published by the Cabinet Office
// (内閣府「国民の祝日について」), and days of other years where a rule of
// the law shows: the 2019 enthronement, the 2020 and 2021 Olympic moves,
// the 国民の休日 of 2009, 2015 and 2026, substitute holidays after a
// Sunday holiday that is followed by other holidays (2008, 2025, 2026).
var published = map[int]string{
	2025: `2025-01-01 元日
2025-01-13 成人の日
2025-02-11 建国記念の日
2025-02-23 天皇誕生日
2025-02-24 振替休日
2025-03-20 春分の日
2025-04-29 昭和の日
2025-05-03 憲法記念日
2025-05-04 みどりの日
2025-05-05 こどもの日
2025-05-06 振替休日
2025-07-21 海の日
2025-08-11 山の日
2025-09-15 敬老の日
2025-09-23 秋分の日
2025-10-13 スポーツの日
2025-11-03 文化の日
2025-11-23 勤労感謝の日
2025-11-24 振替休日`,
	2026: `2026-01-01 元日
2026-01-12 成人の日
2026-02-11 建国記念の日
2026-02-23 天皇誕生日
2026-03-20 春分の日
2026-04-29 昭和の日
2026-05-03 憲法記念日
2026-05-04 みどりの日
2026-05-05 こどもの日
2026-05-06 振替休日
2026-07-20 海の日
2026-08-11 山の日
2026-09-21 敬老の日
2026-09-22 国民の休日
2026-09-23 秋分の日
2026-10-12 スポーツの日
2026-11-03 文化の日
2026-11-23 勤労感謝の日`,
	2027: `2027-01-01 元日
2027-01-11 成人の日
2027-02-11 建国記念の日
2027-02-23 天皇誕生日
2027-03-21 春分の日
2027-03-22 振替休日
2027-04-29 昭和の日
2027-05-03 憲法記念日
2027-05-04 みどりの日
2027-05-05 こどもの日
2027-07-19 海の日
2027-08-11 山の日
2027-09-20 敬老の日
2027-09-23 秋分の日
2027-10-11 スポーツの日
2027-11-03 文化の日
2027-11-23 勤労感謝の日`,
	2019: `2019-01-01 元日
2019-01-14 成人の日
2019-02-11 建国記念の日
2019-03-21 春分の日
2019-04-29 昭和の日
2019-04-30 国民の休日
2019-05-01 即位の日
2019-05-02 国民の休日
2019-05-03 憲法記念日
2019-05-04 みどりの日
2019-05-05 こどもの日
2019-05-06 振替休日
2019-07-15 海の日
2019-08-11 山の日
2019-08-12 振替休日
2019-09-16 敬老の日
2019-09-23 秋分の日
2019-10-14 体育の日
2019-10-22 即位礼正殿の儀の行われる日
2019-11-03 文化の日
2019-11-04 振替休日
2019-11-23 勤労感謝の日`,
	2020: `2020-01-01 元日
2020-01-13 成人の日
2020-02-11 建国記念の日
2020-02-23 天皇誕生日
2020-02-24 振替休日
2020-03-20 春分の日
2020-04-29 昭和の日
2020-05-03 憲法記念日
2020-05-04 みどりの日
2020-05-05 こどもの日
2020-05-06 振替休日
2020-07-23 海の日
2020-07-24 スポーツの日
2020-08-10 山の日
2020-09-21 敬老の日
2020-09-22 秋分の日
2020-11-03 文化の日
2020-11-23 勤労感謝の日`,
	2021: `2021-01-01 元日
2021-01-11 成人の日
2021-02-11 建国記念の日
2021-02-23 天皇誕生日
2021-03-20 春分の日
2021-04-29 昭和の日
2021-05-03 憲法記念日
2021-05-04 みどりの日
2021-05-05 こどもの日
2021-07-22 海の日
2021-07-23 スポーツの日
2021-08-08 山の日
2021-08-09 振替休日
2021-09-20 敬老の日
2021-09-23 秋分の日
2021-11-03 文化の日
2021-11-23 勤労感謝の日`,
}

func TestHolidaysPublished(t *testing.T) {
	for y, want := range published {
		var got []string
		for _, h := range Holidays(y) {
			got = append(got, h.Date.String()+" "+h.Name.Law)
		}
		if g := strings.Join(got, "\n"); g != want {
			t.Errorf("holidays of %d:\n%s\nwant:\n%s", y, g, want)
		}
	}
}

func TestHolidayOn(t *testing.T) {
	for _, c := range []struct {
		date, ja, en string // ja == "": not a holiday
	}{
		{"2009-09-22", "国民の休日", "Citizens' Holiday"}, // silver week: 敬老の日 9/21, 秋分の日 9/23
		{"2015-09-22", "国民の休日", "Citizens' Holiday"},
		{"2008-05-06", "振替休日", "Substitute holiday"}, // みどりの日 on a Sunday, こどもの日 the next day
		{"2006-05-04", "国民の休日", "Citizens' Holiday"}, // before 2007: sandwiched between 5/3 and 5/5
		{"2006-04-29", "みどりの日", "Greenery Day"},
		{"2002-07-20", "海の日", "Marine Day"},
		{"2002-09-15", "敬老の日", "Respect for the Aged Day"},
		{"2018-12-23", "天皇誕生日", "The Emperor's Birthday"},
		{"2018-12-24", "振替休日", "Substitute holiday"},
		{"2019-12-23", "", ""},
		{"2025-12-29", "", ""}, // year-end days are not national holidays
		{"2026-01-02", "", ""},
		{"2027-03-21", "春分の日", "Vernal Equinox Day"},
		{"2027-03-22", "振替休日", "Substitute holiday"},
		{"2027-09-22", "", ""},
		{"2032-09-21", "国民の休日", "Citizens' Holiday"}, // 敬老の日 9/20, 秋分の日 9/22
		{"1999-01-01", "", ""},                       // not a known year
	} {
		h, ok := HolidayOn(date(c.date))
		if ok != (c.ja != "") || h.Name.Law != c.ja || h.Name.Gloss != c.en {
			t.Errorf("HolidayOn(%s) = %v %q %q, want %q %q", c.date, ok, h.Name.Law, h.Name.Gloss, c.ja, c.en)
		}
	}
}

// The formula's equinoxes, against the days announced in the official
// gazette (官報) for 2000 to 2027.
func TestEquinoxes(t *testing.T) {
	vernal := map[int]int{2000: 20, 2001: 20, 2002: 21, 2003: 21, 2004: 20, 2005: 20, 2006: 21, 2007: 21, 2008: 20, 2009: 20,
		2010: 21, 2011: 21, 2012: 20, 2013: 20, 2014: 21, 2015: 21, 2016: 20, 2017: 20, 2018: 21, 2019: 21,
		2020: 20, 2021: 20, 2022: 21, 2023: 21, 2024: 20, 2025: 20, 2026: 20, 2027: 21}
	autumnal := map[int]int{2000: 23, 2001: 23, 2002: 23, 2003: 23, 2004: 23, 2005: 23, 2006: 23, 2007: 23, 2008: 23, 2009: 23,
		2010: 23, 2011: 23, 2012: 22, 2013: 23, 2014: 23, 2015: 23, 2016: 22, 2017: 23, 2018: 23, 2019: 23,
		2020: 22, 2021: 23, 2022: 23, 2023: 23, 2024: 22, 2025: 23, 2026: 23, 2027: 23}
	for y, d := range vernal {
		if got := VernalEquinox(y); got != d {
			t.Errorf("VernalEquinox(%d) = %d, want %d", y, got, d)
		}
	}
	for y, d := range autumnal {
		if got := AutumnalEquinox(y); got != d {
			t.Errorf("AutumnalEquinox(%d) = %d, want %d", y, got, d)
		}
	}
}

// Weekday agrees with package time on every day of 2000 to 2100.
func TestWeekdayAgreesWithTime(t *testing.T) {
	d := decide.Date{Y: 2000, M: 1, D: 1}
	for tm := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC); tm.Year() <= 2100; tm = tm.AddDate(0, 0, 1) {
		if got := Weekday(d); got != int(tm.Weekday()) {
			t.Fatalf("Weekday(%s) = %d, want %d", d, got, tm.Weekday())
		}
		d = d.AddDays(1)
	}
}

func TestNth(t *testing.T) {
	for _, c := range []struct {
		date string
		n    int
	}{{"2027-01-01", 1}, {"2027-01-07", 1}, {"2027-01-08", 2}, {"2027-01-14", 2}, {"2027-01-28", 4}, {"2027-01-29", 5}, {"2027-01-31", 5}} {
		if got := Nth(date(c.date)); got != c.n {
			t.Errorf("Nth(%s) = %d, want %d", c.date, got, c.n)
		}
	}
}

// Every holiday of every known year is a 祝日 by date, a substitute
// holiday after a Sunday holiday, or a day between two holidays; and no
// year has a holiday twice.
func TestHolidaysConsistent(t *testing.T) {
	for y := FirstYear; y <= LastYear; y++ {
		hs := Holidays(y)
		if len(hs) < 15 || len(hs) > 24 {
			t.Errorf("%d has %d holidays", y, len(hs))
		}
		for i, h := range hs {
			if h.Date.Y != y {
				t.Errorf("%d: holiday %s is in another year", y, h.Date)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Errorf("%d: %s listed after %s", y, h.Date, hs[i-1].Date)
			}
			if h.Name == Substitute && Weekday(h.Date) == Sunday {
				t.Errorf("%d: substitute holiday on a Sunday (%s)", y, h.Date)
			}
		}
	}
}
