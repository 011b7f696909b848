package graph

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// Text is measured without fonts: a wide (CJK) character is about 1em, any
// other about 0.55em. Boxes wrap at boxEm, edge labels at labelEm.
const (
	boxEm   = 14
	labelEm = 11
)

// wide reports whether r is drawn about 1em wide: CJK ideographs, kana,
// Hangul, CJK punctuation and full-width forms.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, // Hangul Jamo
		0x2e80 <= r && r <= 0xa4cf, // CJK radicals … Yi, with kana and CJK punctuation
		0xac00 <= r && r <= 0xd7a3, // Hangul syllables
		0xf900 <= r && r <= 0xfaff, // CJK compatibility ideographs
		0xfe30 <= r && r <= 0xfe4f, // CJK compatibility forms
		0xff00 <= r && r <= 0xff60, // full-width forms
		0xffe0 <= r && r <= 0xffe6,
		0x20000 <= r && r <= 0x3fffd: // CJK extensions
		return true
	}
	return false
}

func em(r rune) float64 {
	if wide(r) {
		return 1
	}
	return 0.55
}

// textEm is the estimated width of s in em.
func textEm(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += em(r)
	}
	return w
}

// Line-breaking rules, lightly: these never start a line …
const noBreakBefore = "、。，．・：；？！）」』】〕〉》ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.;:!?)]}%"

// … and these never end one.
const noBreakAfter = "（「『【〔〈《([{"

// noBreakBeforeRune reports whether r is in noBreakBefore (a switch: the
// wrapping of every box asks for every character).
func noBreakBeforeRune(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '・', '：', '；', '？', '！', '）', '」', '』', '】', '〕', '〉', '》', 'ー', '～', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ', '々', ',', '.', ';', ':', '!', '?', ')', ']', '}', '%':
		return true
	}
	return false
}

// noBreakAfterRune reports whether r is in noBreakAfter.
func noBreakAfterRune(r rune) bool {
	switch r {
	case '（', '「', '『', '【', '〔', '〈', '《', '(', '[', '{':
		return true
	}
	return false
}

// canBreak reports whether a line may start at rs[i].
func canBreak(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) || rs[i] == ' ' {
		return false
	}
	prev := rs[i-1]
	if noBreakBeforeRune(rs[i]) || noBreakAfterRune(prev) {
		return false
	}
	return prev == ' ' || wide(prev) || wide(rs[i])
}

// phraseStarts marks the runes of rs where a Japanese phrase begins
// (jatext.Phrases, the cuts the pages use for <wbr>), and where a Japanese
// run begins or ends.
func phraseStarts(rs []rune) []bool {
	starts := make([]bool, len(rs)+1)
	i := 0
	for _, run := range jatext.Runs(string(rs)) {
		starts[i] = true
		if run.Japanese {
			for _, ph := range jatext.Phrases(run.Text) {
				starts[i] = true
				i += len([]rune(ph))
			}
		} else {
			i += len([]rune(run.Text))
		}
	}
	starts[len(rs)] = true
	return starts
}

// wrap breaks s into lines of at most maxEm, at spaces between words and,
// in Japanese, between phrases, so that no word, number with its counter or
// name is cut; only a Japanese phrase longer than a line is cut between its
// characters. A word longer than a line stays whole.
func wrap(s string, maxEm float64) []string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	phrase := phraseStarts(rs)
	var lines []string
	start := 0
	for start < len(rs) {
		w, last, lastChar, i := 0.0, -1, -1, start
		for ; i < len(rs); i++ {
			if i > start && canBreak(rs, i) {
				lastChar = i
				if rs[i-1] == ' ' || phrase[i] {
					last = i
				}
			}
			w += em(rs[i])
			if w > maxEm && i > start {
				break
			}
		}
		if i == len(rs) {
			lines = append(lines, string(rs[start:]))
			break
		}
		end := last
		if end <= start { // a phrase longer than the line: cut between its characters
			end = lastChar
		}
		if end <= start { // no place to break: let the word overflow
			end = i
			for end < len(rs) && !canBreak(rs, end) {
				end++
			}
		}
		lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
		start = end
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// esc escapes text for SVG content and attribute values, and replaces
// characters XML does not allow.
func esc(s string) string {
	if clean(s) {
		return s
	}
	return string(appendEsc(nil, s))
}

// appendEsc appends s escaped as esc does.
func appendEsc(b []byte, s string) []byte {
	if clean(s) {
		return append(b, s...)
	}
	for _, r := range s { // invalid UTF-8 comes as U+FFFD
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&#34;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r == 0xfffe || r == 0xffff:
			b = utf8.AppendRune(b, 0xfffd)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// clean reports whether esc leaves s as it is: valid UTF-8 without
// characters to escape or replace.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&', c == '<', c == '>', c == '"', c == '\'',
				c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xfffe || r == 0xffff {
			return false // U+FFFD itself is rewritten as it is
		}
		i += n
	}
	return true
}

// idPart keeps the characters of s that are safe in an XML ID.
func idPart(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (r == '-' || r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendNum appends f with one decimal at most, none when it is a whole number.
func appendNum(b []byte, f float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', 1, 64)
	if n := len(b); n >= 2 && b[n-2] == '.' && b[n-1] == '0' {
		b = b[:n-2]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}
