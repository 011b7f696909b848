package jatext

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkHTMLManyTexts asks, from every core, for the HTML of texts met
// before among as many as a national site keeps (tens of thousands: each
// city's offices, notes and steps), on pages in Japanese and in English:
// unlike a few hundred texts, they do not fit in the processor's caches.
func BenchmarkHTMLManyTexts(b *testing.B) {
	texts := manyTexts(30000)
	for _, s := range texts {
		HTML("ja", s)
		HTML("en", s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			s := texts[(i*7919)%len(texts)]
			HTML("ja", s)
			HTML("en", s)
		}
	})
}

// manyTexts makes n different texts with Japanese in them, of the lengths
// of a city's texts. Their HTML is made from the few phrases of the first
// (only the digits differ), so that making them all takes no dictionary
// time to speak of.
func manyTexts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "受付は終了時刻の30分前までにお越しください。窓口" + strconv.Itoa(i) + "番 (counter " + strconv.Itoa(i) + ")"
	}
	return out
}

// TestMemoSameHash: a text whose hash is another's, kept first, gets its
// own HTML, not the other's.
func TestMemoSameHash(t *testing.T) {
	const s = "同じハッシュの別の文です"
	for _, lang := range []string{"ja", "en"} {
		m := memoMap{}
		sh, h := m.shard(s)
		sh.m = map[uint64]memoEntry{h: {"another text", "<b>another text</b>"}}
		if got, ok := m.load(s); ok {
			t.Errorf("load gave %q, the HTML of another text", got)
		}
		if m.store(s, "x") {
			t.Error("store replaced the text met first")
		}
		memo := &memoOther
		if JapanesePage(lang) {
			memo = &memoJa
		}
		sh, h = memo.shard(s)
		sh.mu.Lock()
		if sh.m == nil {
			sh.m = map[uint64]memoEntry{}
		}
		sh.m[h] = memoEntry{"another text", "<b>another text</b>"}
		sh.mu.Unlock()
		var want strings.Builder
		Write(&want, lang, s)
		for range 2 {
			if got := string(HTML(lang, s)); got != want.String() {
				t.Errorf("HTML(%q, %q) = %q, want %q", lang, s, got, want.String())
			}
		}
	}
}

// BenchmarkHTMLPlain asks for the HTML of texts without Japanese, as pages
// in English do for most of theirs, among as many texts kept as a
// national site's.
func BenchmarkHTMLPlain(b *testing.B) {
	for _, s := range manyTexts(30000) {
		HTML("ja", s)
		HTML("en", s)
	}
	texts := []string{"Bring your My Number Card", "Weekdays, 8:30 to 17:15", "Renewal can be applied for from 3 months before the expiry date.", "Change"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			HTML("en", s)
		}
	}
}

// hasJapaneseByRunes is HasJapanese as first written: every character
// decoded.
func hasJapaneseByRunes(s string) bool {
	for _, r := range s {
		if IsJapanese(r) {
			return true
		}
	}
	return false
}

// TestHasJapaneseAsByRunes compares HasJapanese with the decoding of every
// character, for every character up to U+FFFF and beyond the BMP's CJK
// (alone and after Latin, accented and invalid bytes) and for texts of the
// pages.
func TestHasJapaneseAsByRunes(t *testing.T) {
	var texts []string
	for r := rune(0); r <= 0x10ffff; r++ {
		if r > 0xffff && r%0x101 != 0 && !(r >= 0x20000 && r <= 0x2a6df && r%7 == 0) {
			continue
		}
		c := string(r)
		texts = append(texts, c, "ab"+c, "é"+c+"z", "\xff"+c, c+"\xe3", "\xe3\x80"+c)
	}
	texts = append(texts, "", "\xe3", "\xe3\x80", "\xe3\x80\x80", "\xf0\xa0\x80", "Bring 本人確認書類 (ID)",
		"Weekdays, 8:30 to 17:15", "〒669-1595 三田市", "ｶﾀｶﾅ", "Ⅻ ① ™", "\xef\xbf\xbd")
	for _, s := range texts {
		if got, want := HasJapanese(s), hasJapaneseByRunes(s); got != want {
			t.Errorf("HasJapanese(%q) = %v, want %v", s, got, want)
		}
	}
}

// BenchmarkHasJapanese asks of texts with and without Japanese, as the
// pages do of every text.
func BenchmarkHasJapanese(b *testing.B) {
	texts := []string{"Bring your My Number Card", "Weekdays, 8:30 to 17:15", "Renewal can be applied for from 3 months before the expiry date.",
		"Family Register and Residents Division (戸籍住民課)", "受付は終了時刻の30分前までにお越しください。"}
	for b.Loop() {
		for _, s := range texts {
			HasJapanese(s)
		}
	}
}
