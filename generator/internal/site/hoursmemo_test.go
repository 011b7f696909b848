package site

import (
	"reflect"
	"slices"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/rules"
)

func clock(hhmm string, min int) rules.Clock { return rules.Clock{Text: hhmm, Min: min} }

func span(from, to string, fromMin, toMin int) rules.Span {
	return rules.Span{From: clock(from, fromMin), To: clock(to, toMin)}
}

// TestHoursTextsKeepNothingWrong writes hours that differ in one thing each,
// in two languages, several times and interleaved through one hoursTexts:
// each must read as rules.Hours.In writes it.
func TestHoursTextsKeepNothingWrong(t *testing.T) {
	base, ok := rules.NewHours("weekdays", "08:30", "17:15")
	if !ok {
		t.Fatal("NewHours: not valid")
	}
	variants := []rules.Hours{base}
	add := func(edit func(h *rules.Hours)) {
		h := base
		edit(&h)
		variants = append(variants, h)
	}
	add(func(h *rules.Hours) { h.Days.Set = 0b1000001 })
	add(func(h *rules.Hours) { h.Days.Set = 0b0000010 })
	add(func(h *rules.Hours) { h.Days.Set = 0b0000010; h.Weeks.N = []int{2} })
	add(func(h *rules.Hours) { h.Days.Set = 0b0000010; h.Weeks.N = []int{4} })
	add(func(h *rules.Hours) { h.Days.Set = 0b0000010; h.Weeks.N = []int{2, 4} })
	add(func(h *rules.Hours) { h.Open = clock("09:00", 540) })
	add(func(h *rules.Hours) { h.Close = clock("19:00", 1140) })
	add(func(h *rules.Hours) { h.Break.List = []rules.Span{span("12:00", "13:00", 720, 780)} })
	add(func(h *rules.Hours) { h.Break.List = []rules.Span{span("12:00", "12:45", 720, 765)} })
	add(func(h *rules.Hours) {
		h.Times.List = []rules.Span{span("09:00", "12:00", 540, 720), span("13:00", "16:00", 780, 960)}
	})
	add(func(h *rules.Hours) {
		h.Times.List = []rules.Span{span("09:00", "12:00", 540, 720), span("13:00", "16:30", 780, 990)}
	})
	words := map[string]rules.Words{}
	for _, lang := range []string{"ja", "en"} {
		words[lang] = rules.NewWords(lang, rules.DefaultWords(lang))
	}
	var texts hoursTexts
	seen := map[string]bool{}
	for round := 0; round < 2; round++ {
		for _, h := range variants {
			for _, lang := range []string{"ja", "en"} {
				want := h.In(words[lang])
				seen[want] = true
				if got := texts.in(h, lang, words[lang]); got != want {
					t.Errorf("round %d, %s: %q, want %q", round, lang, got, want)
				}
			}
		}
	}
	// The variants read differently (else the test above proves nothing).
	if len(seen) != 2*len(variants) {
		t.Errorf("%d different texts of %d hours in two languages, want %d", len(seen), len(variants), 2*len(variants))
	}
}

// TestHoursKeyCoversHours fails when rules.Hours gets a field that
// hoursKey has not been told about: add it to the key if In reads it.
func TestHoursKeyCoversHours(t *testing.T) {
	known := []string{"Days", "Weeks", "Open", "Close", "Break", "Times", // in the key
		"EffectiveFrom", "EffectiveUntil", "Pos", "Absent"} // not read by In
	ty := reflect.TypeOf(rules.Hours{})
	for i := 0; i < ty.NumField(); i++ {
		if name := ty.Field(i).Name; !slices.Contains(known, name) {
			t.Errorf("rules.Hours has a new field %s: put it in hoursKey if Hours.In reads it, and in this list", name)
		}
	}
}

// BenchmarkHours writes an office's hours on a page, as the offices block
// does for every office of every outcome page.
func BenchmarkHours(b *testing.B) {
	h, _ := rules.NewHours("weekdays", "08:30", "17:15")
	h.Break.List = []rules.Span{span("12:00", "13:00", 720, 780)}
	w := rules.NewWords("ja", rules.DefaultWords("ja"))
	s := &Site{}
	v := &View{Lang: "ja", Words: w, site: s}
	b.ReportAllocs()
	for b.Loop() {
		v.Hours(h)
	}
}
