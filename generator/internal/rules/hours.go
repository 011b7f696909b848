package rules

// Opening hours and closures of an office, as city.yaml writes them:
//
//	hours:
//	  - days: weekdays              # weekdays, every day, or days: [mon, thu] (also 月, 木 …)
//	    open: "08:30"
//	    close: "17:15"
//	    break: "12:00-13:00"        # closed in between (a list for several)
//	  - days: thu
//	    times: ["08:30-12:00", "13:00-19:00"]   # several ranges, instead of open/close
//	  - days: sat
//	    weeks: [2, 4]               # only the 2nd and 4th Saturday of the month
//	    open: "09:00"
//	    close: "12:00"
//	holidays: closed                # national holidays: closed or open; leave out if the city does not say
//	closed:                         # closing days: YYYY-MM-DD once, MM-DD every year
//	  - from: "12-29"
//	    until: "01-03"
//	    name: {ja: 年末年始, en: year-end and New Year holidays}
//	  - "2027-08-16"
//
// Office.On computes whether the office is open on a date; Hours.In and
// Office.ClosedIn render the hours in natural Japanese and English.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/jpcal"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Hours are the opening hours on a set of days: one range (open, close) with
// optional breaks, or several ranges (times).
type Hours struct {
	Days           Days         `yaml:"days,required"`
	Weeks          Weeks        `yaml:"weeks"` // only these occurrences of the day in the month (1 to 5)
	Open           Clock        `yaml:"open"`  // HH:MM
	Close          Clock        `yaml:"close"`
	Break          Spans        `yaml:"break"`           // closed in between open and close
	Times          Spans        `yaml:"times"`           // instead of open and close: several ranges
	EffectiveFrom  string       `yaml:"effective_from"`  // YYYY-MM-DD: in force from this day
	EffectiveUntil string       `yaml:"effective_until"` // YYYY-MM-DD: in force up to and including this day
	Pos            diag.Pos     `yaml:"-"`
	Absent         yamlx.Absent `yaml:"-"` // keys reported as misspelt
}

// NewHours returns the hours "days, open to close", for code that builds
// rules itself (the benchmark's generator); days is as in city.yaml. It
// reports whether every part was valid.
func NewHours(days, open, close string) (Hours, bool) {
	var errs diag.List
	h := Hours{Open: parseClock(open, diag.Pos{}), Close: parseClock(close, diag.Pos{})}
	d := &yamlx.Decoder{Errs: &errs}
	h.Days.UnmarshalYAMLX(d, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: days})
	return h, h.check(&errs) && errs.Len() == 0
}

// Day names, Sunday first as jpcal numbers them.
var (
	dayShort = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	dayLong  = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	dayJa    = [7]string{"日", "月", "火", "水", "木", "金", "土"}
	dayEn    = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

const (
	weekdaySet = 0b0111110
	weekendSet = 0b1000001
	everySet   = 0b1111111
)

// DayWords are the words days accepts, for the schema.
func DayWords() []string {
	out := []string{"weekdays", "weekends", "every day", "daily", "平日", "土日", "毎日"}
	for i := 1; i <= 7; i++ {
		j := i % 7 // Monday first
		out = append(out, dayShort[j], dayLong[j], dayJa[j], dayJa[j]+"曜", dayJa[j]+"曜日")
	}
	return out
}

// dayWord returns the set of days a word names, and 0 for an unknown word.
func dayWord(w string) uint8 {
	switch w {
	case "weekdays", "平日":
		return weekdaySet
	case "weekends", "土日":
		return weekendSet
	case "every day", "daily", "毎日":
		return everySet
	}
	for i := range 7 {
		if w == dayShort[i] || w == dayLong[i] || w == dayJa[i] || w == dayJa[i]+"曜" || w == dayJa[i]+"曜日" {
			return 1 << i
		}
	}
	return 0
}

// Days is a set of days of the week: a word (weekdays, every day, a day) or
// a list of them.
type Days struct {
	Set uint8 // bit i: day i of the week, Sunday = 0
	Pos diag.Pos
}

// Has reports whether the set holds day wd (jpcal.Sunday to jpcal.Saturday).
func (d Days) Has(wd int) bool { return d.Set&(1<<wd) != 0 }

const daysHint = "use weekdays, weekends, every day, or days of the week: mon, tue, wed, thu, fri, sat, sun (or 月, 火, 水, 木, 金, 土, 日); several as a list, for example [mon, thu]"

// UnmarshalYAMLX decodes a word or a list of words.
func (d *Days) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	d.Pos = dec.Pos(n)
	word := func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			dec.Errs.AddHint(dec.Pos(n), daysHint, "expected a day of the week, found %s", yamlx.KindName(n))
			return
		}
		set := dayWord(n.Value)
		if set == 0 {
			hint := diag.T(daysHint)
			if strings.ContainsAny(n.Value, ",、・ ") && n.Value != "every day" {
				hint = diag.T("write several days as a list, for example [mon, thu]")
			} else if s := diag.Suggest(n.Value, DayWords()); s != "" {
				hint = diag.T("did you mean %q?", s)
			}
			dec.Errs.AddHintT(dec.Pos(n), hint, "unknown day %q", n.Value)
			return
		}
		d.Set |= set
	}
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			word(c)
		}
		if len(n.Content) == 0 {
			dec.Errs.AddHint(d.Pos, daysHint, "the list of days is empty")
		}
		return
	}
	word(n)
}

// Weeks are occurrences of a day of the week in its month: 2 and 4 make
// "the 2nd and 4th Saturday". Empty means every week.
type Weeks struct {
	N   []int
	Pos diag.Pos
}

// Has reports whether occurrence n is included.
func (w Weeks) Has(n int) bool {
	if len(w.N) == 0 {
		return true
	}
	for _, x := range w.N {
		if x == n {
			return true
		}
	}
	return false
}

// UnmarshalYAMLX decodes a number or a list of numbers from 1 to 5.
func (w *Weeks) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	w.Pos = dec.Pos(n)
	one := func(n *yaml.Node) {
		v, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			dec.Errs.AddHint(dec.Pos(n), "write the weeks as numbers from 1 to 5, for example [2, 4] for the 2nd and 4th", "expected a week number, found %s", yamlx.KindName(n))
			return
		}
		if v < 1 || v > 5 {
			dec.Errs.AddHint(dec.Pos(n), "use 1 to 5: a month has at most five of each day of the week", "week %d does not exist", v)
			return
		}
		for _, x := range w.N {
			if x == v {
				dec.Errorf(n, "week %d is listed twice", v)
				return
			}
		}
		w.N = append(w.N, v)
	}
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			one(c)
		}
		sort.Ints(w.N)
		return
	}
	one(n)
}

// Clock is a time of day, HH:MM.
type Clock struct {
	Text string // as written; empty when not given
	Min  int    // minutes after midnight
	Pos  diag.Pos
}

// IsZero reports whether the time was not given.
func (c Clock) IsZero() bool { return c.Text == "" }

func parseClock(s string, pos diag.Pos) Clock {
	c := Clock{Text: s, Min: -1, Pos: pos}
	if hhmm.MatchString(s) {
		h, _ := strconv.Atoi(s[:2])
		m, _ := strconv.Atoi(s[3:])
		c.Min = h*60 + m
	}
	return c
}

func (c Clock) valid() bool { return c.Min >= 0 }

// UnmarshalYAMLX decodes HH:MM and reports an impossible time where it is written.
func (c *Clock) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		dec.Errorf(n, "expected a time, found %s", yamlx.KindName(n))
		return
	}
	*c = parseClock(n.Value, dec.Pos(n))
	if !c.valid() {
		dec.Errs.AddHint(c.Pos, "write times as HH:MM, from 00:00 to 23:59, in quotes, for example \"08:30\"", "time %q is not valid", n.Value)
	}
}

func (c Clock) ja() string {
	return strconv.Itoa(c.Min/60) + "時" + fmt.Sprintf("%02d", c.Min%60) + "分"
}
func (c Clock) en() string { return strconv.Itoa(c.Min/60) + ":" + fmt.Sprintf("%02d", c.Min%60) }

// Span is a range of time within a day, from From up to To.
type Span struct {
	From, To Clock
	Pos      diag.Pos
}

func (s Span) String() string { return s.From.Text + "-" + s.To.Text }

func (s Span) valid() bool { return s.From.valid() && s.To.valid() && s.From.Min < s.To.Min }

func (s Span) overlaps(t Span) bool { return s.From.Min < t.To.Min && t.From.Min < s.To.Min }

// In renders the span in lang: "8時30分～12時00分", "8:30 to 12:00".
func (s Span) In(lang string) string {
	if lang == "en" {
		return s.From.en() + " to " + s.To.en()
	}
	return s.From.ja() + "～" + s.To.ja()
}

// Spans are ranges of time, written "HH:MM-HH:MM" or as a list of them.
type Spans struct {
	List []Span
	Pos  diag.Pos
}

const (
	spanHint      = "write a range as \"HH:MM-HH:MM\" in quotes, for example \"12:00-13:00\""
	spanHintTimes = "write a range as \"HH:MM-HH:MM\" in quotes, for example \"12:00-13:00\"; times go from 00:00 to 23:59"
)

// UnmarshalYAMLX decodes one range or a list of ranges.
func (ss *Spans) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	ss.Pos = dec.Pos(n)
	one := func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			dec.Errs.AddHint(dec.Pos(n), spanHint, "expected a time range, found %s", yamlx.KindName(n))
			ss.List = append(ss.List, Span{From: Clock{Min: -1}, To: Clock{Min: -1}, Pos: dec.Pos(n)})
			return
		}
		pos := dec.Pos(n)
		v := strings.TrimSpace(n.Value)
		var from, to string
		for _, sep := range []string{"-", "～", "〜", "~", "–"} {
			if a, b, ok := strings.Cut(v, sep); ok {
				from, to = strings.TrimSpace(a), strings.TrimSpace(b)
				break
			}
		}
		s := Span{From: parseClock(from, pos), To: parseClock(to, pos), Pos: pos}
		switch {
		case !s.From.valid() || !s.To.valid():
			dec.Errs.AddHint(pos, spanHintTimes, "time range %q is not valid", n.Value)
		case s.To.Min <= s.From.Min:
			dec.Errs.AddHint(pos, "write the earlier time first", "time range %q does not end after it starts", n.Value)
		}
		ss.List = append(ss.List, s) // a wrong one too: check stops at it, reported here
	}
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			one(c)
		}
		return
	}
	one(n)
}

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

// HolidayRule says whether an office opens on national holidays.
type HolidayRule struct {
	Value string // "closed", "open", or "" where the city does not say
	Pos   diag.Pos
}

// UnmarshalYAMLX decodes closed or open.
func (r *HolidayRule) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	r.Pos = dec.Pos(n)
	if n.Kind != yaml.ScalarNode || (n.Value != "closed" && n.Value != "open") {
		dec.Errs.AddHint(r.Pos, "write \"holidays: closed\" or \"holidays: open\", or leave it out where the city does not say", "holidays must be closed or open, not %s", yamlx.KindName(n))
		return
	}
	r.Value = n.Value
}

// CalDay is a day of the calendar: a date (YYYY-MM-DD) or, with Y zero, a
// day of every year (MM-DD).
type CalDay struct {
	Y, M, D int
	Text    string // as written; empty when not given
	Pos     diag.Pos
}

// IsZero reports whether no day was given.
func (c CalDay) IsZero() bool { return c.Text == "" }

func (c CalDay) valid() bool { return c.M != 0 }

// Yearly reports whether the day comes every year.
func (c CalDay) Yearly() bool { return c.Y == 0 && c.M != 0 }

func (c CalDay) String() string {
	if c.Yearly() {
		return fmt.Sprintf("%02d-%02d", c.M, c.D)
	}
	return fmt.Sprintf("%04d-%02d-%02d", c.Y, c.M, c.D)
}

func (c CalDay) date() decide.Date { return decide.Date{Y: c.Y, M: c.M, D: c.D} }

func parseCalDay(s string, pos diag.Pos) (CalDay, bool) {
	if d, ok := decide.ParseDate(s); ok {
		return CalDay{d.Y, d.M, d.D, s, pos}, true
	}
	if len(s) == 5 && s[2] == '-' {
		m, err1 := strconv.Atoi(s[:2])
		d, err2 := strconv.Atoi(s[3:])
		if err1 == nil && err2 == nil && m >= 1 && m <= 12 && d >= 1 && d <= decide.DaysIn(2000, m) {
			return CalDay{0, m, d, s, pos}, true
		}
	}
	return CalDay{}, false
}

// UnmarshalYAMLX decodes YYYY-MM-DD or MM-DD.
func (c *CalDay) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		*c = CalDay{Text: "?", Pos: dec.Pos(n)}
		dec.Errorf(n, "expected a date, found %s", yamlx.KindName(n))
		return
	}
	d, ok := parseCalDay(n.Value, dec.Pos(n))
	if !ok {
		*c = CalDay{Text: n.Value, Pos: dec.Pos(n)} // given, but wrong: reported here
		dec.Errs.AddHint(dec.Pos(n), "write \"YYYY-MM-DD\" for one date, or \"MM-DD\" for the same day every year, in quotes", "%q is not a date", n.Value)
		return
	}
	*c = d
}

// md orders days of the year.
func md(m, d int) int { return m*100 + d }

// Closure is a day or a run of days when the office is closed: once
// (YYYY-MM-DD) or every year (MM-DD). A yearly run may span the year end.
type Closure struct {
	On    CalDay   `yaml:"on"`
	From  CalDay   `yaml:"from"`
	Until CalDay   `yaml:"until"` // the last closed day
	Name  Text     `yaml:"name"`
	Pos   diag.Pos `yaml:"-"`
}

// UnmarshalYAMLX decodes a date alone, or a mapping.
func (c *Closure) UnmarshalYAMLX(dec *yamlx.Decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		c.Pos = dec.Pos(n)
		c.On.UnmarshalYAMLX(dec, n)
		return
	}
	type plain Closure
	dec.Decode(n, (*plain)(c))
}

// first and last return the first and last day of the closure.
func (c Closure) first() CalDay {
	if !c.On.IsZero() {
		return c.On
	}
	return c.From
}

func (c Closure) last() CalDay {
	if !c.On.IsZero() {
		return c.On
	}
	return c.Until
}

// Yearly reports whether the closure comes every year.
func (c Closure) Yearly() bool { return c.first().Yearly() }

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
