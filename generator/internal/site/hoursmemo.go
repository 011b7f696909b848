package site

import (
	"encoding/binary"
	"sync"

	"github.com/tebiki/tebiki/generator/internal/rules"
)

// hoursTexts keeps the opening hours as written in each language (View.Hours):
// every outcome and guide page of a city lists its offices' hours, the
// same few for all of them (rules.Hours.In formats each time and clock
// anew, a tenth of a millisecond per office). A text is known by the
// language and everything of the hours In reads: the days, the weeks, the
// times and the breaks (see hoursKey).
type hoursTexts struct {
	mu sync.RWMutex
	m  map[string]string
}

// in returns h.In(w), w being the words of lang.
func (t *hoursTexts) in(h rules.Hours, lang string, w rules.Words) string {
	var buf [128]byte
	k := hoursKey(buf[:0], h, lang)
	t.mu.RLock()
	s, ok := t.m[string(k)]
	t.mu.RUnlock()
	if ok {
		return s
	}
	s = h.In(w)
	t.mu.Lock()
	if t.m == nil {
		t.m = map[string]string{}
	}
	t.m[string(k)] = s
	t.mu.Unlock()
	return s
}

// hoursKey appends to b what h.In in lang depends on. The positions of the
// hours in their file, their misspelt keys and the days they are in force
// do not change how they read.
func hoursKey(b []byte, h rules.Hours, lang string) []byte {
	b = appendKeyString(b, lang)
	b = binary.AppendUvarint(b, uint64(h.Days.Set))
	b = binary.AppendUvarint(b, uint64(len(h.Weeks.N)))
	for _, n := range h.Weeks.N {
		b = binary.AppendVarint(b, int64(n))
	}
	b = appendKeyClock(b, h.Open)
	b = appendKeyClock(b, h.Close)
	for _, spans := range []rules.Spans{h.Break, h.Times} {
		b = binary.AppendUvarint(b, uint64(len(spans.List)))
		for _, s := range spans.List {
			b = appendKeyClock(b, s.From)
			b = appendKeyClock(b, s.To)
		}
	}
	return b
}

func appendKeyString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendKeyClock(b []byte, c rules.Clock) []byte {
	b = appendKeyString(b, c.Text)
	return binary.AppendVarint(b, int64(c.Min))
}
