package furigana

import (
	"strings"
	"unicode"
)

// IsKanji reports whether r is a kanji (the Han script: also 々, 〆, 〇).
func IsKanji(r rune) bool {
	if r < 0x2e80 {
		return false
	}
	return unicode.Is(unicode.Han, r)
}

func hasKanji(s string) bool {
	for _, r := range s {
		if IsKanji(r) {
			return true
		}
	}
	return false
}

// isKana reports whether r is hiragana or katakana (with ー and the
// iteration marks).
func isKana(r rune) bool {
	return r >= 0x3041 && r <= 0x309f || r >= 0x30a1 && r <= 0x30ff || r >= 0xff66 && r <= 0xff9f
}

// hira turns a katakana rune into hiragana; other runes stay.
func hira(r rune) rune {
	switch {
	case r >= 0x30a1 && r <= 0x30f6, r == 0x30fd, r == 0x30fe:
		return r - 0x60
	}
	return r
}

// Hiragana returns s with its katakana turned into hiragana (the
// dictionary gives readings in katakana).
func Hiragana(s string) string { return strings.Map(hira, s) }

// isHiragana reports whether s is made of hiragana (and ー) only: what a
// glossary reading may hold.
func isHiragana(s string) bool {
	for _, r := range s {
		if !(r >= 0x3041 && r <= 0x3096 || r == 0x309d || r == 0x309e || r == 'ー') {
			return false
		}
	}
	return s != ""
}

// kanaMatch reports whether the kana w written in a word is read as the
// hiragana r: the same kana, or the small ヶ/ヵ of counters (3ヶ月, read か).
func kanaMatch(w, r rune) bool {
	w = hira(w)
	if w == r {
		return true
	}
	switch w {
	case 'ゖ', 'ゕ':
		return r == 'か' || r == 'が' || r == 'こ'
	}
	return false
}

// A part is a piece of a word: kanji with their reading (Ruby != ""), or
// text that takes none (kana, okurigana).
type part struct {
	Start, End int // rune offsets in the word
	Ruby       string
}

// align splits word (kanji and kana) by its reading (hiragana) so that
// furigana cover the kanji only: 行く, いく gives 行=い and く; 取り扱い,
// とりあつかい gives 取=と, り, 扱=あつか, い. Each run of kanji takes at
// least one kana of the reading; the kana written in the word must be found
// at their place in the reading. It reports false when they are not (the
// reading does not fit the word), or when the word holds anything but kanji
// and kana.
func align(word []rune, reading []rune) ([]part, bool) {
	type group struct {
		start, end int
		kanji      bool
	}
	var gs []group
	for i, r := range word {
		k := IsKanji(r)
		if !k && !isKana(r) {
			return nil, false
		}
		if len(gs) > 0 && gs[len(gs)-1].kanji == k {
			gs[len(gs)-1].end = i + 1
			continue
		}
		gs = append(gs, group{i, i + 1, k})
	}
	cuts := make([]int, len(gs)+1) // reading offset where each group starts
	var match func(g, ri int) bool
	match = func(g, ri int) bool {
		cuts[g] = ri
		if g == len(gs) {
			return ri == len(reading)
		}
		gr := gs[g]
		if !gr.kanji {
			n := gr.end - gr.start
			if ri+n > len(reading) {
				return false
			}
			for j := 0; j < n; j++ {
				if !kanaMatch(word[gr.start+j], reading[ri+j]) {
					return false
				}
			}
			return match(g+1, ri+n)
		}
		// Kanji: the shortest reading first that lets the rest fit.
		for end := ri + 1; end <= len(reading); end++ {
			if match(g+1, end) {
				return true
			}
		}
		return false
	}
	if !match(0, 0) {
		return nil, false
	}
	parts := make([]part, len(gs))
	for i, gr := range gs {
		parts[i] = part{Start: gr.start, End: gr.end}
		if gr.kanji {
			parts[i].Ruby = string(reading[cuts[i]:cuts[i+1]])
		}
	}
	return parts, true
}

// alignLoose is align for the dictionary's words, which may hold other
// characters: when align fails, the furigana cover the word from its first
// to its last kanji, with the reading less the kana the word begins and
// ends with when they match.
func alignLoose(word, reading []rune) []part {
	if ps, ok := align(word, reading); ok {
		return ps
	}
	first, last := -1, -1
	for i, r := range word {
		if IsKanji(r) {
			if first < 0 {
				first = i
			}
			last = i + 1
		}
	}
	if first < 0 || len(reading) == 0 {
		return nil
	}
	rs, re := 0, len(reading)
	for i := 0; i < first && rs < re && kanaMatch(word[i], reading[rs]); i++ {
		rs++
	}
	if rs != first {
		rs = 0 // the kana before do not match: keep the whole reading
		first = 0
	}
	n := 0
	for i := len(word) - 1; i >= last && re > rs && kanaMatch(word[i], reading[re-1]); i-- {
		re--
		n++
	}
	if n != len(word)-last {
		re = len(reading)
		last = len(word)
	}
	if rs >= re {
		return nil
	}
	var ps []part
	if first > 0 {
		ps = append(ps, part{Start: 0, End: first})
	}
	ps = append(ps, part{Start: first, End: last, Ruby: string(reading[rs:re])})
	if last < len(word) {
		ps = append(ps, part{Start: last, End: len(word)})
	}
	return ps
}
