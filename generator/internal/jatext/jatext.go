// Package jatext prepares Japanese text for the page: it finds the runs of
// Japanese inside English text, so the page can mark them with lang="ja",
// and it cuts Japanese into phrases (文節), so the page can offer line breaks
// between phrases only (<wbr> with CSS word-break: keep-all) instead of
// between any two characters. The layouts' text functions and the Markdown
// renderer both use it; it works from the text alone.
//
// Phrases come from a morphological analyser, kagome with the IPA
// dictionary, and a few rules on parts of speech: nouns run together into
// one compound (成年後見人, 照会書兼回答書, 岩瀬庁舎, 3か月), particles,
// auxiliaries, suffixes and closing punctuation stay with the word before,
// prefixes and opening brackets with the word after. Why not CSS alone:
// word-break: auto-phrase does the same in Chromium 119+ only.
//
// The dictionary (11.7 MB in the executable) takes a large part of a second
// to load (package kagomedict, faster than kagome's own loader), so it is
// loaded once, on first use or by Preload; every text is cut once
// per process, and the results can be kept between builds (LoadCache,
// SaveCache).
//
// It imports nothing of Tebiki's but kagomedict (the dictionary's loader),
// and the WebAssembly checker (wasm/) must never import it: the dictionary
// would be downloaded by every resident.
package jatext

import (
	"html"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/tebiki/tebiki/generator/internal/kagomedict"
)

var (
	tokOnce sync.Once
	tok     *tokenizer.Tokenizer
)

func analyser() *tokenizer.Tokenizer {
	tokOnce.Do(func() {
		t, err := tokenizer.New(kagomedict.IPAShrink(), tokenizer.OmitBosEos())
		if err != nil {
			panic("jatext: " + err.Error()) // the embedded dictionary is broken
		}
		tok = t
	})
	return tok
}

// Preload loads the dictionary in the background, so that a build can do
// other work meanwhile.
func Preload() { go analyser() }

// IsJapanese reports whether r is a Japanese character: kana, kanji, or
// Japanese punctuation and full-width forms.
func IsJapanese(r rune) bool {
	switch {
	case r < 0x3000:
		return r == '〒'
	case r <= 0x30ff: // CJK punctuation, hiragana, katakana
		return true
	case r >= 0x3400 && r <= 0x9fff: // kanji
		return true
	case r >= 0xf900 && r <= 0xfaff: // compatibility kanji
		return true
	case r >= 0xff01 && r <= 0xff9f: // full-width forms, half-width katakana
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// HasJapanese reports whether s contains a Japanese character.
//
// Every Japanese character is at U+3000 or above, so its UTF-8 starts
// with a byte of 0xE3 or more, which never continues another character:
// only at those bytes is a character decoded (pages ask this of every
// text they show, most of them without Japanese on pages in English).
func HasJapanese(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0xe3 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); IsJapanese(r) {
			return true
		}
	}
	return false
}

// Run is a part of a text: Japanese or not.
type Run struct {
	Text     string
	Japanese bool
}

// glue may sit inside a Japanese run when Japanese follows it: digits,
// spaces and the punctuation of addresses and numbers (〒669-1595 三田市…).
func glue(r rune) bool {
	return r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '.' || r == ','
}

// Runs splits s into Japanese and other runs. Digits, spaces and hyphens
// between two Japanese characters belong to the Japanese run.
func Runs(s string) []Run {
	var out []Run
	runs(s, func(text string, japanese bool) { out = append(out, Run{text, japanese}) })
	return out
}

// runs calls yield with each run of s in turn, as Runs returns them,
// without making a slice of them.
func runs(s string, yield func(text string, japanese bool)) {
	start, i := 0, 0
	inJa := false
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case IsJapanese(r):
			if !inJa {
				// Digits just before take the Japanese run: 7番窓口, 3か月.
				k := i
				for k > start && s[k-1] >= '0' && s[k-1] <= '9' {
					k--
				}
				i0 := i
				i = k
				if i > start {
					yield(s[start:i], false)
				}
				start, inJa = i, true
				i = i0
			}
			i += n
		case inJa && glue(r):
			// Keep the glue only if Japanese follows it.
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !glue(r2) {
					break
				}
				j += n2
			}
			r2, _ := utf8.DecodeRuneInString(s[j:])
			if j < len(s) && IsJapanese(r2) {
				i = j
				continue
			}
			yield(s[start:i], true)
			start, inJa = i, false
			i = j
		default:
			if inJa {
				yield(s[start:i], true)
				start, inJa = i, false
			}
			i += n
		}
	}
	if start < len(s) {
		yield(s[start:], inJa)
	}
}

type cut struct {
	phrases []string // cut by this process
	// raw holds, instead, the phrases of a text read from a cache file: each
	// after a sep, as in the file (read in place, without a slice).
	raw  string
	name bool // a noun phrase: a name or a term, left alone by translation
}

// phraseIter gives the phrases of a cut one by one.
type phraseIter struct {
	phrases []string // those not read yet, of a cut made by this process
	rest    string   // or those not read yet of a cut read from a file
	raw     bool
}

func (c cut) iter() phraseIter { return phraseIter{phrases: c.phrases, rest: c.raw, raw: c.raw != ""} }

// next returns the next phrase, or false after the last.
func (it *phraseIter) next() (string, bool) {
	if !it.raw {
		if len(it.phrases) == 0 {
			return "", false
		}
		p := it.phrases[0]
		it.phrases = it.phrases[1:]
		return p, true
	}
	if it.rest == "" {
		return "", false
	}
	rest := it.rest[1:]
	n := strings.IndexByte(rest, sep)
	if n < 0 {
		n = len(rest)
	}
	it.rest = rest[n:]
	return rest[:n], true
}

// list returns the phrases of c as a slice.
func (c cut) list() []string {
	if c.raw == "" {
		return c.phrases
	}
	ps := make([]string, 0, strings.Count(c.raw, string(rune(sep))))
	for it := c.iter(); ; {
		p, ok := it.next()
		if !ok {
			return ps
		}
		ps = append(ps, p)
	}
}

// The texts cut: those read from cache files (LoadCache), published whole
// and read without locks (a sync.Map entry took about twice the memory, and
// a national portal's file has tens of thousands of texts), and those cut
// by this process in a sync.Map.
var (
	cache  sync.Map // string -> cut, cut by this process
	frozen atomic.Pointer[frozenTexts]
)

// lookup returns the cut of s, if s was cut before.
func lookup(s string) (cut, bool) {
	if f := frozen.Load(); f != nil {
		if c, ok := f.lookup(s); ok {
			return c, true
		}
	}
	if c, ok := cache.Load(s); ok {
		return c.(cut), true
	}
	return cut{}, false
}

// Phrases cuts Japanese text into phrases; joined, they give s back.
func Phrases(s string) []string {
	c := analyse(s)
	return c.list()
}

// IsName reports whether the Japanese text s is a name or a term (nouns,
// numbers and symbols, possibly joined by の) rather than a sentence: such
// runs inside English text get translate="no".
func IsName(s string) bool { return analyse(s).name }

func analyse(s string) cut {
	if c, ok := lookup(s); ok {
		return c
	}
	toks := analyser().Tokenize(s)
	var c cut
	c.name = true
	var cur strings.Builder
	var prev []string // POS of the previous token
	joinNext := false
	for _, t := range toks {
		pos := t.POS()
		if !nameish(pos, t.Surface) {
			c.name = false
		}
		if cur.Len() > 0 && !joinNext && startsPhrase(prev, pos, t.Surface) {
			c.phrases = append(c.phrases, cur.String())
			cur.Reset()
		}
		cur.WriteString(t.Surface)
		joinNext = at(pos, 0) == "接頭詞" || at(pos, 1) == "括弧開"
		prev = pos
	}
	if cur.Len() > 0 {
		c.phrases = append(c.phrases, cur.String())
	}
	// A copy of s is kept: s may be a view of a larger text (the Markdown
	// renderer passes runs of the page's source), which must not be kept
	// alive, or seen changed, through the cache.
	cache.Store(strings.Clone(s), c)
	added.Add(1)
	return c
}

func at(pos []string, i int) string {
	if i < len(pos) {
		return pos[i]
	}
	return ""
}

// startsPhrase reports whether a token with part of speech pos (and the
// given surface) begins a new phrase after a token with part of speech prev.
func startsPhrase(prev, pos []string, surface string) bool {
	switch at(pos, 0) {
	case "助詞", "助動詞":
		return false
	case "記号":
		// Opening brackets start a phrase; other punctuation and spaces end one.
		return at(pos, 1) == "括弧開"
	case "名詞":
		switch at(pos, 1) {
		case "接尾", "非自立":
			return false
		}
		// Nouns run together into one compound, numbers with their counters.
		return at(prev, 0) != "名詞"
	case "動詞":
		switch at(pos, 1) {
		case "接尾", "非自立":
			return false
		}
		if surface == "ください" || surface == "下さい" {
			return false // ご覧ください, お問い合わせください
		}
		// する after a verbal noun: 確認する, 来庁される.
		if at(prev, 0) == "名詞" && isSuru(surface) {
			return false
		}
		return true
	case "形容詞":
		return at(pos, 1) == "自立"
	case "接頭詞":
		// A prefix inside a compound noun: 成年被後見人. Honorific お and ご
		// begin a phrase (お持ちください).
		return at(prev, 0) != "名詞" || surface == "お" || surface == "ご" || surface == "御"
	}
	return true
}

func isSuru(s string) bool {
	switch s {
	case "さ", "し", "する", "すれ", "せ", "しよ", "でき", "できる":
		return true
	}
	return false
}

// nameish reports whether a token may be part of a name or term.
func nameish(pos []string, surface string) bool {
	switch at(pos, 0) {
	case "名詞", "記号", "接頭詞":
		return true
	case "助詞":
		return surface == "の"
	}
	return false
}

// JapanesePage reports whether a page whose HTML lang is htmlLang is in
// Japanese ("ja", "ja-JP", ...): its Japanese needs no lang mark.
func JapanesePage(htmlLang string) bool {
	return htmlLang == "ja" || strings.HasPrefix(htmlLang, "ja-")
}

// HTML returns s as HTML for a page whose HTML lang is lang. On Japanese pages, every
// Japanese run gets break opportunities (<wbr>) between its phrases. On other
// pages each Japanese run is also wrapped in <span lang="ja">, with
// translate="no" when it is a name or a term.
func HTML(lang, s string) template.HTML {
	if !HasJapanese(s) { // never kept, so not looked up
		return template.HTML(html.EscapeString(s))
	}
	if h, ok := memoized(lang, s); ok {
		return h
	}
	var b strings.Builder
	Write(&b, lang, s)
	h := template.HTML(b.String())
	memoize(lang, s, h)
	return h
}

// Write writes s as HTML for a page in lang to b; see HTML and WriteTo.
// It grows b once, by what it writes: writing phrase by phrase into an
// empty builder grew it about four times a text (3 % of what a national
// build allocated, and the HTML kept by the memo held up to twice its
// bytes).
func Write(b *strings.Builder, lang, s string) {
	b.Grow(htmlLen(lang, s))
	WriteTo(b, lang, s)
}

// htmlLen is the length of what WriteTo writes for s on a page in lang.
func htmlLen(lang, s string) int {
	jaPage := JapanesePage(lang)
	n := 0
	runs(s, func(text string, japanese bool) {
		if !japanese {
			n += escapedLen(text)
			return
		}
		c := analyse(text)
		if !jaPage {
			n += len(`<span lang="ja">`) + len(`</span>`)
			if c.name {
				n += len(` translate="no"`)
			}
		}
		prev := ""
		for it := c.iter(); ; {
			p, ok := it.next()
			if !ok {
				break
			}
			if prev != "" && !endsSpace(prev) && !startsSpace(p) {
				n += len("<wbr>")
			}
			n += escapedLen(p)
			prev = p
		}
	})
	return n
}

func writePhrases(w StringWriter, c cut) {
	prev, first := "", true
	for it := c.iter(); ; {
		p, ok := it.next()
		if !ok {
			return
		}
		if !first && !endsSpace(prev) && !startsSpace(p) {
			_, _ = w.WriteString("<wbr>")
		}
		writeEscaped(w, p)
		prev, first = p, false
	}
}

// escapedLen is len(html.EscapeString(s)).
func escapedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&', '\'', '"':
			n += 4 // &amp; &#39; &#34;
		case '<', '>':
			n += 3 // &lt; &gt;
		}
	}
	return n
}

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
