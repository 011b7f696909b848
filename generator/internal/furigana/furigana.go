// Package furigana adds readings (furigana, as <ruby>) to the kanji of
// rendered HTML, for the Easy Japanese edition: 行く becomes
// <ruby>行<rt>い</rt></ruby>く. Readings come from the dictionary (kagome
// with the IPA dictionary, through jatext.Words), corrected by the site's
// glossary (glossary.yaml: proper names whose dictionary reading is wrong
// or missing); see Glossary.
//
// Annotate works on HTML fragments as the build renders them: text with
// tags, entities and the <wbr> phrase breaks of jatext. It changes text
// only: never tags, attributes or entities, nor the text of <ruby>, <rt>,
// <rp>, <script>, <style>, <title>, <textarea>, <option>, <svg> or <math>
// (which cannot hold ruby). A word inside an element (<a>, <strong>) is read by itself.
// Missing finds the kanji left without ruby in a page, for tests and check.
//
// It imports diag, yamlx and jatext; the WebAssembly checker must never
// import it (the dictionary would be downloaded by every resident).
package furigana

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"

	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// Unknown is a kanji word with neither a dictionary reading nor a glossary
// entry: it is left without furigana.
type Unknown struct {
	Word    string
	Context string // the text around it (up to 12 characters each side)
}

// skipped are the elements whose text is never annotated: ruby already
// there, code, and elements whose text cannot hold markup.
var skipped = map[string]bool{
	"ruby": true, "rt": true, "rp": true, "script": true, "style": true,
	"title": true, "textarea": true, "option": true,
	"svg": true, "math": true, "iframe": true, "noembed": true,
	"noframes": true, "xmp": true, "plaintext": true,
}

// skip is the stack of skipped elements open at a point of the HTML. An
// end tag closes the elements opened since its start tag, as a browser
// does (</ruby> closes an <rt> left open, which HTML allows).
type skip []string

func (s *skip) in() bool { return len(*s) > 0 }

func (s *skip) start(name string) {
	if skipped[name] {
		*s = append(*s, name)
	}
}

func (s *skip) end(name string) {
	if !skipped[name] {
		return
	}
	for i := len(*s) - 1; i >= 0; i-- {
		if (*s)[i] == name {
			*s = (*s)[:i]
			return
		}
	}
}

// Annotate returns the HTML fragment src with every kanji word wrapped in
// <ruby> with its reading in hiragana, and the kanji words it found no
// reading for. g may be nil (no glossary). Annotating twice gives what
// annotating once gives: text already in <ruby> is left alone.
func Annotate(src string, g *Glossary) (string, []Unknown) {
	if !hasKanji(src) {
		return src, nil
	}
	a := annotator{g: g}
	a.out.Grow(len(src) + len(src)/2)
	z := nethtml.NewTokenizer(strings.NewReader(src))
	var open skip     // inside skipped elements
	noscript := false // the token before was <noscript>
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			a.flush()
			a.out.Write(z.Raw()) // what the tokenizer could not read (a cut tag)
			break
		}
		raw := z.Raw()
		after := noscript
		noscript = false
		switch tt {
		case nethtml.TextToken:
			if open.in() {
				a.out.Write(raw)
				continue
			}
			if after {
				// The tokenizer gives the content of <noscript> as one
				// text: it is HTML, read as such.
				a.flush()
				out, unk := Annotate(string(raw), a.g)
				a.out.WriteString(out)
				a.unknown = append(a.unknown, unk...)
				continue
			}
			a.text(string(raw))
			continue
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			noscript = tt == nethtml.StartTagToken && string(name) == "noscript"
			if string(name) == "wbr" && !open.in() {
				a.wbr(string(raw))
				continue
			}
			a.flush()
			if tt == nethtml.StartTagToken {
				open.start(string(name))
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			a.flush()
			open.end(string(name))
		default:
			a.flush()
		}
		a.out.Write(raw)
	}
	return a.out.String(), a.unknown
}

// annotator collects a run of text (text split only by <wbr>), then writes
// it out with its furigana.
type annotator struct {
	g       *Glossary
	out     strings.Builder
	text_   []rune   // the run's text, entities decoded
	src     []string // the HTML of each rune (an entity, or the rune)
	pre     []string // <wbr> tags before each rune
	pending string   // <wbr> tags after the last rune
	unknown []Unknown
}

func (a *annotator) wbr(raw string) { a.pending += raw }

func (a *annotator) text(raw string) {
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRuneInString(raw[i:])
		src := raw[i : i+n]
		if r == '&' {
			if j := strings.IndexByte(raw[i:], ';'); j > 1 && j < 40 {
				ent := raw[i : i+j+1]
				if dec := html.UnescapeString(ent); dec != ent {
					for k, dr := range []rune(dec) {
						s := ""
						if k == 0 {
							s = ent
						}
						a.add(dr, s)
					}
					i += j + 1
					continue
				}
			}
		}
		a.add(r, src)
		i += n
	}
}

func (a *annotator) add(r rune, src string) {
	a.text_ = append(a.text_, r)
	a.src = append(a.src, src)
	a.pre = append(a.pre, a.pending)
	a.pending = ""
}

// flush writes the run out with its furigana.
func (a *annotator) flush() {
	defer func() {
		a.out.WriteString(a.pending)
		a.text_, a.src, a.pre, a.pending = a.text_[:0], a.src[:0], a.pre[:0], ""
	}()
	if len(a.text_) == 0 {
		return
	}
	spans := a.read(a.text_)
	si := 0
	for i := 0; i < len(a.text_); {
		for si < len(spans) && spans[si].Start < i {
			si++
		}
		if si < len(spans) && spans[si].Start == i && spans[si].Ruby != "" {
			sp := spans[si]
			a.out.WriteString(a.pre[i])
			a.out.WriteString("<ruby>")
			for j := sp.Start; j < sp.End; j++ {
				// <wbr> inside the word are dropped: no line break there.
				a.out.WriteString(a.src[j])
			}
			a.out.WriteString("<rt>")
			a.out.WriteString(html.EscapeString(sp.Ruby))
			a.out.WriteString("</rt></ruby>")
			i = sp.End
			continue
		}
		a.out.WriteString(a.pre[i])
		a.out.WriteString(a.src[i])
		i++
	}
}

// read returns the furigana of text: spans with a reading, in order, as
// offsets in text.
func (a *annotator) read(text []rune) []part {
	if !hasKanjiRunes(text) {
		return nil
	}
	// The same texts come back on many pages (theme strings, national
	// rules): each is read once per glossary.
	g := a.g
	if g == nil {
		g = builtinGlossary
	}
	key := string(text)
	if v, ok := g.cache.Load(key); ok {
		r := v.(*reading)
		a.unknown = append(a.unknown, r.unknown...)
		return r.spans
	}
	before := len(a.unknown)
	spans := a.readText(text)
	g.cache.Store(key, &reading{spans: spans, unknown: a.unknown[before:len(a.unknown):len(a.unknown)]})
	return spans
}

// reading is what read found in a text.
type reading struct {
	spans   []part
	unknown []Unknown
}

func (a *annotator) readText(text []rune) []part {
	var spans []part
	gap := 0
	for i := 0; i < len(text); {
		e := a.g.match(text[i:])
		if e == nil {
			i++
			continue
		}
		spans = append(spans, a.dictionary(text, gap, i)...)
		for _, p := range e.parts {
			if p.Ruby != "" {
				spans = append(spans, part{Start: i + p.Start, End: i + p.End, Ruby: p.Ruby})
			}
		}
		i += len(e.word)
		gap = i
	}
	return append(spans, a.dictionary(text, gap, len(text))...)
}

// dictionary reads text[start:end] with the dictionary.
func (a *annotator) dictionary(text []rune, start, end int) []part {
	if !hasKanjiRunes(text[start:end]) {
		return nil
	}
	words := jatext.Words(string(text[start:end]))
	var spans []part
	off := start
	for wi, w := range words {
		word := []rune(w.Surface)
		at := off
		off += len(word)
		if !hasKanjiRunes(word) {
			continue
		}
		if r := counterReading(words, wi); r != "" {
			// One reading over the number (digits, which take no ruby of
			// their own) and its counter: 2日 ふつか.
			num := []rune(words[wi-1].Surface)
			spans = append(spans, part{Start: at - len(num), End: off, Ruby: r})
			continue
		}
		if w.Reading == "" {
			a.unknown = append(a.unknown, Unknown{Word: w.Surface, Context: context(text, at, off)})
			continue
		}
		ruby := Hiragana(w.Reading)
		if w.Surface == "後" && ruby == "のち" {
			ruby = "あと" // この後, 受け付けた後: のち is the formal word
		}
		if w.Surface == "方" && ruby == "ほう" && personal(words, wi) {
			ruby = "かた" // 来庁される方は, 代理人の方に
		}
		if r, ok := afterNumber(words, wi); ok {
			ruby = r
		}
		for _, p := range alignLoose(word, []rune(ruby)) {
			if p.Ruby != "" {
				spans = append(spans, part{Start: at + p.Start, End: at + p.End, Ruby: p.Ruby})
			}
		}
	}
	return spans
}

func context(text []rune, start, end int) string {
	const n = 12
	s, e := max(start-n, 0), min(end+n, len(text))
	return strings.TrimSpace(string(text[s:e]))
}

func hasKanjiRunes(rs []rune) bool {
	for _, r := range rs {
		if IsKanji(r) {
			return true
		}
	}
	return false
}

// personal reports whether 方 (words[i]) is followed by a particle that
// makes it a person (代理人の方は, 近い方に) rather than a side or a way
// (こちらの方が: ほう).
func personal(words []jatext.Word, i int) bool {
	if i+1 >= len(words) {
		return false
	}
	switch words[i+1].Surface {
	case "は", "に", "には", "の", "も", "を", "へ", "と", "によって":
		return true
	}
	return false
}

// number returns the value of a word made of digits (ASCII or full-width).
func number(w jatext.Word) (int, bool) {
	if w.Surface == "" {
		return 0, false
	}
	n := 0
	for _, r := range w.Surface {
		if !unicode.IsDigit(r) {
			return 0, false
		}
		d := r - '0'
		if r >= '０' && r <= '９' {
			d = r - '０'
		}
		if d < 0 || d > 9 {
			return 0, false
		}
		n = n*10 + int(d)
		if n > 1e6 {
			return 0, false
		}
	}
	return n, true
}

// Days of the month with a reading of their own (ふつか, not ににち).
var days = map[int]string{
	1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか",
	6: "むいか", 7: "なのか", 8: "ようか", 9: "ここのか", 10: "とおか",
	14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか",
}

// counterReading returns the reading of a number and its counter read as
// one word (2日 ふつか, 1人 ひとり), or "".
func counterReading(words []jatext.Word, i int) string {
	if i == 0 {
		return ""
	}
	n, ok := number(words[i-1])
	if !ok {
		return ""
	}
	switch words[i].Surface {
	case "日":
		if n == 1 {
			// 1日 is ついたち in a date (4月1日), いちにち otherwise.
			if i >= 2 && words[i-2].Surface == "月" {
				return days[1]
			}
			return ""
		}
		return days[n]
	case "人":
		switch n {
		case 1:
			return "ひとり"
		case 2:
			return "ふたり"
		}
	}
	return ""
}

// afterNumber returns the reading of a counter after a number where the
// dictionary's differs: 4月 がつ (not つき), 1分 ぷん.
func afterNumber(words []jatext.Word, i int) (string, bool) {
	if i == 0 {
		return "", false
	}
	n, ok := number(words[i-1])
	if !ok {
		return "", false
	}
	switch words[i].Surface {
	case "月":
		return "がつ", true
	case "日":
		return "にち", true
	case "人":
		return "にん", true
	case "時":
		return "じ", true
	case "年":
		return "ねん", true
	case "分":
		switch n % 10 {
		case 1, 3, 4, 6, 8, 0:
			return "ぷん", true
		}
		return "ふん", true
	}
	return "", false
}

// Missing returns the runs of kanji in the HTML page src that are not
// inside <ruby>, each once, in the order they first appear. The text of
// <script>, <style>, <title>, <textarea>, <option>, <template>, <svg> and
// <math>, and attribute values, are not looked at (they cannot hold ruby).
func Missing(src string) []string {
	z := nethtml.NewTokenizer(strings.NewReader(src))
	var open skip
	seen := map[string]bool{}
	var out []string
	var cur []rune
	noscript := false
	end := func() {
		if len(cur) > 0 && !seen[string(cur)] {
			seen[string(cur)] = true
			out = append(out, string(cur))
		}
		cur = cur[:0]
	}
	for {
		tt := z.Next()
		after := noscript
		noscript = false
		switch tt {
		case nethtml.ErrorToken:
			end()
			return out
		case nethtml.TextToken:
			if open.in() {
				continue
			}
			if after { // the content of <noscript>, as one text
				end()
				for _, m := range Missing(string(z.Raw())) {
					if !seen[m] {
						seen[m] = true
						out = append(out, m)
					}
				}
				continue
			}
			for _, r := range string(z.Text()) {
				if IsKanji(r) {
					cur = append(cur, r)
				} else {
					end()
				}
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if string(name) == "wbr" {
				continue // a phrase break inside a word
			}
			noscript = tt == nethtml.StartTagToken && string(name) == "noscript"
			end()
			if tt == nethtml.StartTagToken {
				open.start(string(name))
			}
		case nethtml.EndTagToken:
			end()
			name, _ := z.TagName()
			open.end(string(name))
		default:
			end()
		}
	}
}
