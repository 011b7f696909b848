package rules

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

const hoursNational = `renewal_window_months: 3
procedures:
  - id: renewal
    title: {ja: 更新, en: Renewal}
    summary: {ja: 更新します。, en: Renew.}
`

// hoursCity uses every form of hours and closures.
const hoursCity = `name: {ja: 試験市, en: Test City}
prefecture: {ja: 県, en: Pref}
offices:
  - id: hall
    building: {ja: 本庁舎, en: Main Building}
    counter: {ja: 市民課, en: Citizens Division}
    hours:
      - days: weekdays
        open: "08:30"
        close: "17:15"
        break: "12:00-13:00"
      - days: thu
        times: ["17:15-19:00"]
        effective_from: "2027-04-01"
      - days: sat
        weeks: [2, 4]
        open: "09:00"
        close: "12:00"
      - days: [日]
        weeks: 5
        times: ["09:00-10:00", "13:00-14:00"]
    holidays: closed
    closed:
      - from: "12-29"
        until: "01-03"
        name: {ja: 年末年始, en: the year-end and New Year holidays}
      - "2027-08-16"
      - "2026-02-02"
  - id: branch
    building: {ja: 北支所, en: North Branch}
    counter: {ja: 窓口, en: Counter}
    hours:
      - {days: [mon, tue, wed, sat], open: "10:00", close: "16:00"}
    holidays: open
    closed:
      - {from: "2027-12-27", until: "2028-01-04"}
      - {on: "05-01"}
  - id: plain
    building: {ja: 南支所, en: South Branch}
    counter: {ja: 窓口, en: Counter}
    hours:
      - {days: weekdays, open: "09:00", close: "17:30"}
`

func loadHoursCity(t *testing.T, date string, city string) (*City, []string) {
	t.Helper()
	d, ok := decide.ParseDate(date)
	if !ok {
		t.Fatalf("bad date %s", date)
	}
	fsys := fstest.MapFS{
		"rules/national.yaml":  {Data: []byte(hoursNational)},
		"rules/test/city.yaml": {Data: []byte(city)},
	}
	var errs diag.List
	r := LoadAt(fsys, d, &errs)
	var out []string
	for _, e := range errs.Items() {
		out = append(out, e.String())
	}
	if len(r.Cities) != 1 {
		return nil, out
	}
	return r.Cities[0], out
}

func TestOfficeOn(t *testing.T) {
	c, errs := loadHoursCity(t, "2026-11-01", hoursCity)
	if len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	for _, tc := range []struct {
		office, date string
		want         string // the ranges, "closed", and what decided
	}{
		{"hall", "2027-01-13", "08:30-12:00 13:00-17:15"},           // a Wednesday
		{"hall", "2027-01-02", "closed; closure 01-03; holiday=no"}, // a Saturday in the year-end closure
		{"hall", "2026-12-28", "08:30-12:00 13:00-17:15"},           // the Monday before it
		{"hall", "2026-12-29", "closed; closure 01-03; holiday=no"},
		{"hall", "2027-01-01", "closed; closure 01-03; holiday=元日"}, // a holiday too: the closure decides
		{"hall", "2027-01-04", "08:30-12:00 13:00-17:15"},
		{"hall", "2027-01-09", "09:00-12:00"},                         // 2nd Saturday
		{"hall", "2027-01-16", "closed"},                              // 3rd Saturday
		{"hall", "2027-01-23", "09:00-12:00"},                         // 4th Saturday
		{"hall", "2027-01-30", "closed"},                              // 5th Saturday
		{"hall", "2027-01-31", "09:00-10:00 13:00-14:00"},             // 5th Sunday
		{"hall", "2027-01-24", "closed"},                              // 4th Sunday
		{"hall", "2027-02-28", "closed"},                              // February 2027 has four Sundays
		{"hall", "2027-01-11", "closed; holiday=成人の日"},                // Happy Monday
		{"hall", "2027-03-22", "closed; holiday=振替休日"},                // the equinox fell on a Sunday
		{"hall", "2026-09-22", "closed; holiday=国民の休日"},               // between 敬老の日 and 秋分の日
		{"hall", "2027-03-25", "08:30-12:00 13:00-17:15"},             // Thursday before the evening hours start
		{"hall", "2027-04-08", "08:30-12:00 13:00-17:15 17:15-19:00"}, // and after
		{"hall", "2027-08-16", "closed; closure 2027-08-16; holiday=no"},
		{"hall", "2026-02-02", "closed; closure 2026-02-02; holiday=no"},   // past closures still answer
		{"hall", "2028-08-16", "08:30-12:00 13:00-17:15"},                  // a one-off closure does not repeat
		{"branch", "2027-01-11", "10:00-16:00; holiday=成人の日"},              // open on holidays
		{"branch", "2027-01-14", "closed"},                                 // a Thursday
		{"branch", "2027-12-31", "closed; closure 2028-01-04; holiday=no"}, // closure across the year end
		{"branch", "2028-01-04", "closed; closure 2028-01-04; holiday=no"},
		{"branch", "2028-01-05", "10:00-16:00"},
		{"branch", "2027-05-01", "closed; closure 05-01; holiday=no"}, // a yearly day, on a Saturday
		{"branch", "2027-05-03", "10:00-16:00; holiday=憲法記念日"},        // Constitution Memorial Day, a Monday: open on holidays
		{"plain", "2027-01-11", "09:00-17:30; unstated=成人の日"},         // the city does not say
		{"plain", "2027-01-12", "09:00-17:30"},
		{"plain", "2027-01-16", "closed"},
	} {
		d, _ := decide.ParseDate(tc.date)
		day := c.Office(tc.office).On(d)
		if got := describeDay(day); got != tc.want {
			t.Errorf("%s on %s: %s, want %s", tc.office, tc.date, got, tc.want)
		}
	}
}

func describeDay(d Day) string {
	var parts []string
	if d.Open {
		var rs []string
		for _, r := range d.Ranges {
			rs = append(rs, r.From.Text+"-"+r.To.Text)
		}
		parts = append(parts, strings.Join(rs, " "))
	} else {
		parts = append(parts, "closed")
		if len(d.Ranges) > 0 {
			parts = append(parts, "ranges on a closed day")
		}
	}
	hol := "no"
	if d.Holiday != nil {
		hol = d.Holiday.Name.Law
	}
	switch {
	case d.Closure != nil:
		parts = append(parts, "closure "+d.Closure.last().String(), "holiday="+hol)
	case d.HolidayUnstated:
		parts = append(parts, "unstated="+hol)
	case d.Holiday != nil:
		parts = append(parts, "holiday="+hol)
	}
	return strings.Join(parts, "; ")
}

func TestHoursText(t *testing.T) {
	c, errs := loadHoursCity(t, "2027-04-01", hoursCity)
	if len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	want := map[string][2][]string{
		"hall": {
			{"平日 8時30分～17時15分（12時00分～13時00分を除く）", "木曜 17時15分～19時00分", "第2・第4土曜 9時00分～12時00分", "第5日曜 9時00分～10時00分、13時00分～14時00分",
				"祝日、年末年始（12月29日～1月3日）と2027年8月16日は休み"},
			{"Weekdays, 8:30 to 17:15 (closed 12:00 to 13:00)", "Thursdays, 17:15 to 19:00", "2nd and 4th Saturdays, 9:00 to 12:00", "5th Sundays, 9:00 to 10:00 and 13:00 to 14:00",
				"Closed on national holidays, the year-end and New Year holidays (29 December to 3 January) and 16 August 2027."},
		},
		"branch": {
			{"月～水・土曜 10時00分～16時00分", "2027年12月27日～2028年1月4日と5月1日は休み。祝日も開いています"},
			{"Monday to Wednesday and Saturdays, 10:00 to 16:00", "Closed on 27 December 2027 to 4 January 2028 and 1 May. Open on national holidays."},
		},
		"plain": {{"平日 9時00分～17時30分"}, {"Weekdays, 9:00 to 17:30"}},
	}
	for id, w := range want {
		o := c.Office(id)
		for i, lang := range []Words{ja, en} {
			if got := strings.Join(o.HoursIn(lang), "\n"); got != strings.Join(w[i], "\n") {
				t.Errorf("%s in %s:\n%s\nwant:\n%s", id, lang.Lang(), got, strings.Join(w[i], "\n"))
			}
		}
	}
	// Before 1 April 2027 the evening hours are not shown, but announced;
	// the closure of 2 February 2026 has passed and is not shown.
	c, _ = loadHoursCity(t, "2027-03-31", hoursCity)
	if got := strings.Join(c.Office("hall").HoursIn(ja), "\n"); strings.Contains(got, "木曜") || strings.Contains(got, "2026年") {
		t.Errorf("hours on 2027-03-31:\n%s", got)
	}
	if ch := c.Schedule.Changes; len(ch) != 1 || ch[0].Date != (decide.Date{Y: 2027, M: 4, D: 1}) || !strings.Contains(ch[0].What.In(ja), "木曜 17時15分～19時00分") {
		t.Errorf("scheduled changes: %+v", ch)
	}
}

// The existing form keeps its meaning and its words.
func TestHoursWeekdaysForm(t *testing.T) {
	h, ok := NewHours("weekdays", "08:30", "17:00")
	if !ok || h.In(ja) != "平日 8時30分～17時00分" || h.In(en) != "Weekdays, 8:30 to 17:00" {
		t.Errorf("NewHours: %v %q %q", ok, h.In(ja), h.In(en))
	}
	for wd := 0; wd < 7; wd++ {
		if h.Days.Has(wd) != (wd >= 1 && wd <= 5) {
			t.Errorf("weekdays has day %d: %v", wd, h.Days.Has(wd))
		}
	}
}

func TestDaysText(t *testing.T) {
	for _, tc := range []struct{ days, ja, en string }{
		{"every day", "毎日", "Every day"},
		{"土日", "土日", "Saturdays and Sundays"},
		{"[mon, wed, fri]", "月・水・金曜", "Mondays, Wednesdays and Fridays"},
		{"[fri, sat, sun]", "金～日曜", "Friday to Sunday"},
		{"[sun, mon]", "月・日曜", "Mondays and Sundays"},
		{"[月曜日, 火曜, 水, thursday]", "月～木曜", "Monday to Thursday"},
	} {
		city := strings.Replace(hoursCity, "{days: weekdays, open: \"09:00\"", "{days: "+tc.days+", open: \"09:00\"", 1)
		c, errs := loadHoursCity(t, "2027-04-01", city)
		if len(errs) > 0 {
			t.Errorf("%s: %v", tc.days, errs)
			continue
		}
		h := c.Office("plain").Hours[0]
		if ja, en := h.In(ja), h.In(en); ja != tc.ja+" 9時00分～17時30分" || en != tc.en+", 9:00 to 17:30" {
			t.Errorf("days %s: %q, %q", tc.days, ja, en)
		}
	}
}

// Impossible hours are reported where they are written, in both languages.
func TestHoursErrors(t *testing.T) {
	const head = `name: {ja: 試験市, en: Test City}
prefecture: {ja: 県, en: Pref}
offices:
  - id: hall
    building: {ja: 本庁舎, en: Main}
    counter: {ja: 課, en: Division}
`
	for _, tc := range []struct {
		name, office string
		want         []string // English, then the first one in Japanese
	}{
		{"close before open", `    hours:
      - {days: weekdays, open: "17:00", close: "08:30"}
`, []string{`rules/test/city.yaml:8:48: closing time 08:30 is not after opening time 17:00`,
			`rules/test/city.yaml:8:48: 終了時刻 08:30 が開始時刻 17:00 より後になっていません`}},
		{"25:00", `    hours:
      - {days: weekdays, open: "08:30", close: "25:00"}
`, []string{`rules/test/city.yaml:8:48: time "25:00" is not valid (write times as HH:MM, from 00:00 to 23:59, in quotes, for example "08:30")`,
			`rules/test/city.yaml:8:48: 時刻 "25:00" は正しくありません（時刻は HH:MM の形で、00:00 から 23:59 まで、引用符で囲んで、例えば "08:30" のように書いてください）`}},
		{"week 6", `    hours:
      - {days: sat, weeks: [2, 6], open: "09:00", close: "12:00"}
`, []string{`rules/test/city.yaml:8:32: week 6 does not exist (use 1 to 5: a month has at most five of each day of the week)`,
			`rules/test/city.yaml:8:32: 第6週はありません（1から5を使ってください。ひと月に同じ曜日は多くて5回です）`}},
		{"unknown weekday", `    hours:
      - {days: [mon, tuesdy], open: "09:00", close: "12:00"}
`, []string{`rules/test/city.yaml:8:22: unknown day "tuesdy" (did you mean "tuesday"?)`,
			`rules/test/city.yaml:8:22: 不明な曜日 "tuesdy" です（"tuesday" の書き間違いではありませんか？）`}},
		{"days as one string", `    hours:
      - {days: "mon, thu", open: "09:00", close: "12:00"}
`, []string{`rules/test/city.yaml:8:16: unknown day "mon, thu" (write several days as a list, for example [mon, thu])`,
			`rules/test/city.yaml:8:16: 不明な曜日 "mon, thu" です（複数の曜日は [mon, thu] のようにリストで書いてください）`}},
		{"overlapping ranges", `    hours:
      - days: weekdays
        times: ["09:00-12:00", "11:30-13:00"]
`, []string{`rules/test/city.yaml:9:32: time ranges 09:00-12:00 and 11:30-13:00 overlap (give each time once)`,
			`rules/test/city.yaml:9:32: 時間帯 09:00-12:00 と 11:30-13:00 が重なっています（同じ時間は1回だけ書いてください）`}},
		{"overlapping entries", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15"}
      - {days: sat, open: "09:00", close: "12:00"}
      - {days: [fri, sat], weeks: [2], open: "16:00", close: "19:00"}
`, []string{`rules/test/city.yaml:10:9: these hours overlap the hours on line 8 (give each day and time once: split the days, the weeks or the times)`,
			`rules/test/city.yaml:10:9: この受付時間は 8 行目の受付時間と重なっています（同じ曜日・時間は1回だけ書いてください。曜日、週、時間を分けてください）`}},
		{"break outside", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15", break: "17:00-18:00"}
`, []string{`rules/test/city.yaml:8:64: break 17:00-18:00 is not within the opening hours 08:30-17:15 (a break is a time the counter closes between open and close)`,
			`rules/test/city.yaml:8:64: 休憩 17:00-18:00 が受付時間 08:30-17:15 の中にありません（休憩は開始時刻と終了時刻の間で窓口が閉まる時間です）`}},
		{"range backwards", `    hours:
      - {days: weekdays, times: ["13:00-12:00"]}
`, []string{`rules/test/city.yaml:8:34: time range "13:00-12:00" does not end after it starts (write the earlier time first)`,
			`rules/test/city.yaml:8:34: 時間帯 "13:00-12:00" の終わりが始まりより後になっていません（早い時刻を先に書いてください）`}},
		{"closure ends before it starts", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15"}
    closed:
      - {from: "2027-12-29", until: "2027-01-03"}
`, []string{`rules/test/city.yaml:10:37: the closure ends on 2027-01-03, before it starts on 2027-12-29 (until is the last closed day; for a run that comes every year, write MM-DD)`,
			`rules/test/city.yaml:10:37: 休みの期間が 2027-12-29 に始まる前の 2027-01-03 に終わっています（until は休みの最後の日です。毎年の休みは MM-DD の形で書いてください）`}},
		{"closure mixes kinds", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15"}
    closed:
      - {from: "2027-12-29", until: "01-03"}
`, []string{`rules/test/city.yaml:10:37: from 2027-12-29 and until 01-03 must be the same kind of date (write both as YYYY-MM-DD for one time, or both as MM-DD for every year)`,
			`rules/test/city.yaml:10:37: from 2027-12-29 と until 01-03 は同じ形の日付にしてください（1回だけなら両方を YYYY-MM-DD、毎年なら両方を MM-DD で書いてください）`}},
		{"not a date", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15"}
    closed:
      - "12-32"
`, []string{`rules/test/city.yaml:10:9: "12-32" is not a date (write "YYYY-MM-DD" for one date, or "MM-DD" for the same day every year, in quotes)`,
			`rules/test/city.yaml:10:9: "12-32" は日付ではありません（1回だけの日は "YYYY-MM-DD"、毎年の日は "MM-DD" の形で、引用符で囲んで書いてください）`}},
		{"holidays typo", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15"}
    holidays: close
`, []string{`rules/test/city.yaml:9:15: holidays must be closed or open, not "close" (write "holidays: closed" or "holidays: open", or leave it out where the city does not say)`,
			`rules/test/city.yaml:9:15: holidays には closed か open を書いてください。"close" は使えません（「holidays: closed」か「holidays: open」と書いてください。市が決めていないときは書かないでください）`}},
		{"times with open", `    hours:
      - {days: weekdays, open: "08:30", close: "17:15", times: ["18:00-19:00"]}
`, []string{`rules/test/city.yaml:8:64: times cannot be combined with open and close (write one range with open and close (and break), or several with times, not both)`,
			`rules/test/city.yaml:8:64: times と open・close は一緒に使えません（1つの時間帯なら open と close（と break）、複数なら times で書いてください）`}},
		{"no times", `    hours:
      - {days: weekdays}
`, []string{`rules/test/city.yaml:8:9: hours need open and close, or times (add open and close, for example open: "08:30" and close: "17:15")`,
			`rules/test/city.yaml:8:9: 受付時間には open と close、または times が必要です（例えば open: "08:30" と close: "17:15" のように書いてください）`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := loadHoursCity(t, "2027-04-01", head+tc.office)
			if len(got) != 1 || got[0] != tc.want[0] {
				t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.want[0])
			}
			if ja := jaOf(t, head+tc.office); ja != tc.want[1] {
				t.Errorf("in Japanese:\n%s\nwant:\n%s", ja, tc.want[1])
			}
		})
	}
}

func jaOf(t *testing.T, city string) string {
	fsys := fstest.MapFS{
		"rules/national.yaml":  {Data: []byte(hoursNational)},
		"rules/test/city.yaml": {Data: []byte(city)},
	}
	var errs diag.List
	LoadAt(fsys, decide.Date{Y: 2027, M: 4, D: 1}, &errs)
	items := errs.Items()
	if len(items) == 0 {
		return ""
	}
	return items[0].StringIn("ja")
}

// Hours replaced on a date (the README's recipe for new counter hours) do
// not overlap each other; the same hours without the dates do.
func TestScheduledHoursDoNotOverlap(t *testing.T) {
	const head = "name: {ja: 試験市, en: Test City}\nprefecture: {ja: 県, en: Pref}\noffices:\n  - id: hall\n    building: {ja: 本庁舎, en: Main}\n    counter: {ja: 課, en: Division}\n    hours:\n"
	scheduled := head + `      - {days: weekdays, open: "09:00", close: "17:30", effective_until: "2027-03-31"}
      - {days: weekdays, open: "08:30", close: "17:15", break: "12:00-13:00", effective_from: "2027-04-01"}
`
	c, errs := loadHoursCity(t, "2027-03-01", scheduled)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	for date, want := range map[string]string{"2027-03-31": "09:00-17:30", "2027-04-01": "08:30-12:00 13:00-17:15"} {
		d, _ := decide.ParseDate(date)
		if got := describeDay(c.Office("hall").On(d)); got != want {
			t.Errorf("on %s: %s, want %s", date, got, want)
		}
	}
	_, errs = loadHoursCity(t, "2027-03-01", strings.ReplaceAll(strings.ReplaceAll(scheduled, `, effective_until: "2027-03-31"`, ""), `, effective_from: "2027-04-01"`, ""))
	if len(errs) != 1 || !strings.Contains(errs[0], "overlap the hours on line 8") {
		t.Errorf("without dates: %v", errs)
	}
}
