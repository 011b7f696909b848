package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
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
			} else if s := decide.Suggest(n.Value, DayWords()); s != "" {
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

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

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

// Span is a range of time within a day, from From up to To.
type Span struct {
	From, To Clock
	Pos      diag.Pos
}

func (s Span) String() string { return s.From.Text + "-" + s.To.Text }

func (s Span) valid() bool { return s.From.valid() && s.To.valid() && s.From.Min < s.To.Min }

func (s Span) overlaps(t Span) bool { return s.From.Min < t.To.Min && t.From.Min < s.To.Min }

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
