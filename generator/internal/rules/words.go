package rules

import (
	"embed"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/wasm/decide"
)

// Words are the phrases Tebiki needs to write what it composes from the
// rules (opening hours, closing days, dates, fees, an office's name with its
// counter, "question → answer") in one language: the theme's UI strings of
// that language (themes/NAME/i18n/CODE.yaml), whose keys starting "fmt."
// are patterns with named slots, such as
//
//	fmt.span: "{from}～{to}"        # ja
//	fmt.span: "{from} to {to}"     # en
//
// Rules never hold a language's grammar in Go: a new language is new
// strings. WordKeys lists the keys every language must have.
type Words struct {
	lang    string
	strings map[string]string
}

// NewWords returns the words of the language with code lang, from its UI
// strings.
func NewWords(lang string, strings map[string]string) Words { return Words{lang, strings} }

// Lang is the code of the words' language.
func (w Words) Lang() string { return w.lang }

// WordKeys are the keys of Words, each with its slots.
var WordKeys = map[string][]string{
	"fmt.time":                {"h", "mm"},
	"fmt.span":                {"from", "to"},
	"fmt.days.weekdays":       nil,
	"fmt.days.every":          nil,
	"fmt.days.weekend":        nil,
	"fmt.day.0":               nil,
	"fmt.day.1":               nil,
	"fmt.day.2":               nil,
	"fmt.day.3":               nil,
	"fmt.day.4":               nil,
	"fmt.day.5":               nil,
	"fmt.day.6":               nil,
	"fmt.days.one":            {"day"},
	"fmt.days.run":            {"from", "to"},
	"fmt.days.sep":            nil,
	"fmt.days.last":           nil,
	"fmt.days":                {"list"},
	"fmt.week.1":              nil,
	"fmt.week.2":              nil,
	"fmt.week.3":              nil,
	"fmt.week.4":              nil,
	"fmt.week.5":              nil,
	"fmt.days.weeks":          {"weeks", "days"},
	"fmt.times.sep":           nil,
	"fmt.times.last":          nil,
	"fmt.hours":               {"days", "times"},
	"fmt.hours.break":         {"hours", "breaks"},
	"fmt.month.1":             nil,
	"fmt.month.2":             nil,
	"fmt.month.3":             nil,
	"fmt.month.4":             nil,
	"fmt.month.5":             nil,
	"fmt.month.6":             nil,
	"fmt.month.7":             nil,
	"fmt.month.8":             nil,
	"fmt.month.9":             nil,
	"fmt.month.10":            nil,
	"fmt.month.11":            nil,
	"fmt.month.12":            nil,
	"fmt.date.md":             {"d", "m", "month"},
	"fmt.date.ymd":            {"y", "d", "m", "month"},
	"fmt.range.same_month":    {"from", "from_d", "to", "to_d", "from_md", "to_md"},
	"fmt.range.same_year":     {"from", "from_d", "to", "to_d", "from_md", "to_md"},
	"fmt.range":               {"from", "from_d", "to", "to_d", "from_md", "to_md"},
	"fmt.closure.named":       {"name", "days"},
	"fmt.closed.holidays":     nil,
	"fmt.closed.days":         {"days"},
	"fmt.closed.open_holiday": nil,
	"fmt.closed.sep":          nil,
	"fmt.list.sep":            nil,
	"fmt.list.last":           nil,
	"fmt.office":              {"building", "counter"},
	"fmt.labelled":            {"label", "text"},
	"fmt.fee.none":            nil,
	"fmt.fee.free":            nil,
	"fmt.fee.yen":             {"yen"},
	"fmt.answer":              {"q", "a"},
	"fmt.answer.quoted":       {"q", "a"},
	"fmt.answers.sep":         nil,
}

// F fills the pattern key with the slots given as name, value pairs:
// w.F("span", "from", "8:30", "to", "12:00").
func (w Words) F(key string, slots ...string) string {
	s := w.strings["fmt."+key]
	if len(slots) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		found := false
		for k := 0; k+1 < len(slots); k += 2 {
			if slots[k] == name {
				b.WriteString(slots[k+1])
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Join joins a list with the pattern's separators: "a", "a and b", "a, b and
// c" (kind "list", "times" or "days").
func (w Words) Join(kind string, parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], w.F(kind+".sep")) + w.F(kind+".last") + parts[len(parts)-1]
}

// Date writes a date with its year ("fmt.date.ymd") or without ("fmt.date.md").
func (w Words) Date(y, m, d int, withYear bool) string {
	month := w.F("month." + strconv.Itoa(m))
	if withYear {
		return w.F("date.ymd", "y", strconv.Itoa(y), "m", strconv.Itoa(m), "d", strconv.Itoa(d), "month", month)
	}
	return w.F("date.md", "m", strconv.Itoa(m), "d", strconv.Itoa(d), "month", month)
}

// Book is the Words of every language of the site, in the site's order.
type Book []Words

// Text writes f in every language of the book.
func (b Book) Text(f func(w Words) string) decide.Text {
	out := make(decide.Text, 0, len(b))
	for _, w := range b {
		out = out.With(w.lang, f(w))
	}
	return out
}

// Of returns the words of the language with code lang (empty words when
// the book has none).
func (b Book) Of(lang string) Words {
	for _, w := range b {
		if w.lang == lang {
			return w
		}
	}
	return Words{lang: lang}
}

// wordsOf returns the words of each of the site's languages, in order.
func (r *Rules) wordsOf() []Words {
	out := make([]Words, len(r.Langs))
	for i, l := range r.Langs {
		out[i] = r.Words.Of(l)
	}
	return out
}

//go:embed words/*.yaml
var builtinWords embed.FS

// DefaultWords returns Tebiki's built-in patterns for the language with
// code lang (empty for a language it has none for): a theme's strings
// override them, and must give them all for other languages.
func DefaultWords(lang string) map[string]string {
	b, err := builtinWords.ReadFile("words/" + lang + ".yaml")
	if err != nil {
		return nil
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(b, &m); err != nil {
		panic(err) // tested
	}
	return m
}

// WithDefaults returns a theme's strings of lang over Tebiki's built-in
// patterns for it (DefaultWords): the words a site in that language has.
func WithDefaults(lang string, theme map[string]string) map[string]string {
	m := DefaultWords(lang)
	if m == nil {
		m = make(map[string]string, len(theme))
	}
	for k, v := range theme {
		m[k] = v
	}
	return m
}
