package jatext

import (
	"html"
	"strings"
	"testing"
)

func TestEscapedLen(t *testing.T) {
	for _, s := range []string{"", "abc", `<a href="x">'&'</a>`, "市役所 & 区役所 <1>", "&&", ">"} {
		if got, want := escapedLen(s), len(html.EscapeString(s)); got != want {
			t.Errorf("escapedLen(%q) = %d, want %d", s, got, want)
		}
		var b strings.Builder
		writeEscaped(&b, s)
		if b.String() != html.EscapeString(s) {
			t.Errorf("writeEscaped(%q) = %q, want %q", s, b.String(), html.EscapeString(s))
		}
	}
}

// Write grows the builder once, by what it writes.
func TestWriteGrowsOnce(t *testing.T) {
	texts := []string{
		"転入届は、引っ越してから14日以内に市役所の市民課へ出してください。",
		"Bring your residence card (在留カード) & passport to 三田市役所 <1F>.",
		"マイナンバーカードの住所を変更する",
	}
	for _, lang := range []string{"ja", "en"} {
		for _, s := range texts {
			var b strings.Builder
			Write(&b, lang, s)
			var e strings.Builder
			e.Grow(b.Len())
			if b.Cap() != e.Cap() { // that is, with the size classes of the allocator
				t.Errorf("%s %q: wrote %d bytes into %d", lang, s, b.Len(), b.Cap())
			}
			allocs := testing.AllocsPerRun(20, func() {
				var b strings.Builder
				Write(&b, lang, s)
			})
			// The buffer, and the builder itself: WriteTo writes
			// through an interface, so the builder escapes.
			if allocs > 2 {
				t.Errorf("%s %q: %v allocations, want 2", lang, s, allocs)
			}
		}
	}
}
