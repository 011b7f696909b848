package furigana

import (
	"errors"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// File is the name of the glossary at the site root (beside tebiki.yaml).
const File = "glossary.yaml"

// Glossary holds the readings of words whose dictionary reading is wrong or
// missing: proper names of places, offices and forms. The file is a YAML
// mapping, one entry a line, from a word as written (kanji, possibly with
// kana) to its reading in hiragana, or to false for a word that must carry
// no furigana:
//
//	# glossary.yaml
//	三田市: さんだし                  # the dictionary reads 三田 as みた
//	照会書兼回答書: しょうかいしょけんかいとうしょ
//	申し込み: もうしこみ              # kana in the word stay outside the furigana
//	〇〇: false                       # no furigana, and not reported as unknown
//
// An entry wins over the dictionary wherever its word appears, the longest
// entry first, even across the dictionary's word boundaries (三田市役所 can
// be one entry, 三田市 another). The furigana cover the word's kanji only:
// kana written in the word must appear at their place in the reading
// (申し込み: もうしこみ gives 申=もう, し, 込=こ, み).
//
// Under the site's entries lie a few built-in corrections of the
// dictionary's readings of common words (see builtin.go); a site's entry
// for the same word replaces them. A nil *Glossary, as Annotate takes it,
// holds the built-in corrections only.
//
// Problems (a reading not in hiragana, an empty reading, a word without
// kanji, a reading that does not fit the word's kana, a word listed twice)
// are errors with their file:line:col.
type Glossary struct {
	entries map[string]*entry
	byFirst map[rune][]*entry // entries by first character, longest first
	cache   sync.Map          // text -> *reading: what Annotate read in it
}

type entry struct {
	word  []rune
	parts []part // nil: no furigana
	none  bool
	line  int
	// builtin: one of the package's corrections (see builtin), not the
	// site's.
	builtin bool
}

// Len reports how many entries the site's glossary holds.
func (g *Glossary) Len() int {
	if g == nil {
		return 0
	}
	n := 0
	for _, e := range g.entries {
		if !e.builtin {
			n++
		}
	}
	return n
}

// Reading returns the reading of word in the glossary ("" for a word marked
// false) and whether word is there.
func (g *Glossary) Reading(word string) (string, bool) {
	if g == nil {
		return "", false
	}
	e, ok := g.entries[word]
	if !ok || e.builtin {
		return "", false
	}
	var b strings.Builder
	for _, p := range e.parts {
		if p.Ruby != "" {
			b.WriteString(p.Ruby)
		} else {
			b.WriteString(Hiragana(string(e.word[p.Start:p.End])))
		}
	}
	return b.String(), true
}

// Exempt reports whether the kanji run s (as Missing returns them) lies in
// a word the glossary marks as taking no furigana.
func (g *Glossary) Exempt(s string) bool {
	if g == nil || s == "" {
		return false
	}
	for w, e := range g.entries {
		if e.none && strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// Missing is Missing less the kanji runs the glossary exempts.
func (g *Glossary) Missing(html string) []string {
	var out []string
	for _, s := range Missing(html) {
		if !g.Exempt(s) {
			out = append(out, s)
		}
	}
	return out
}

// match returns the longest entry that starts text, or nil.
func (g *Glossary) match(text []rune) *entry {
	if g == nil {
		g = builtinGlossary
	}
	if len(text) == 0 {
		return nil
	}
next:
	for _, e := range g.byFirst[text[0]] {
		if len(e.word) > len(text) {
			continue
		}
		for i, r := range e.word {
			if text[i] != r {
				continue next
			}
		}
		return e
	}
	return nil
}

func (g *Glossary) add(e *entry) {
	if g.entries == nil {
		g.entries = map[string]*entry{}
		g.byFirst = map[rune][]*entry{}
	}
	if old, ok := g.entries[string(e.word)]; ok {
		// A site's entry replaces a built-in one.
		l := g.byFirst[e.word[0]]
		for i := range l {
			if l[i] == old {
				l = append(l[:i:i], l[i+1:]...)
				break
			}
		}
		g.byFirst[e.word[0]] = l
	}
	g.entries[string(e.word)] = e
	l := append(g.byFirst[e.word[0]], e)
	sort.SliceStable(l, func(i, j int) bool { return len(l[i].word) > len(l[j].word) })
	g.byFirst[e.word[0]] = l
}

// Load reads glossary.yaml from the root of fsys. A missing file gives an
// empty glossary; problems are added to errs, and the entries that could
// be read are kept.
func Load(fsys fs.FS, errs *diag.List) *Glossary {
	src, err := fs.ReadFile(fsys, File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return newGlossary()
	case err != nil:
		errs.Add(diag.Pos{File: File}, "cannot read: %v", err)
		return newGlossary()
	}
	return Parse(File, src, errs)
}

// Parse reads a glossary from src, naming file in its problems.
func Parse(file string, src []byte, errs *diag.List) *Glossary {
	g := newGlossary()
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) == nil && len(doc.Content) == 0 {
		return g // only comments
	}
	d := &yamlx.Decoder{File: file, Errs: errs}
	root := d.Parse(src)
	if root == nil {
		return g
	}
	if root.Kind != yaml.MappingNode {
		errs.AddHint(d.Pos(root), "write one entry a line: the word, a colon, its reading in hiragana, such as 三田市: さんだし", "expected a list of words and their readings, found %s", yamlx.KindName(root))
		return g
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
			errs.AddHint(d.Pos(k), "write one entry a line: the word, a colon, its reading in hiragana, such as 三田市: さんだし", "expected a word, found %s", yamlx.KindName(k))
			continue
		}
		word := k.Value
		if !hasKanji(word) {
			errs.AddHint(d.Pos(k), "remove the entry: furigana go on kanji only", "%q has no kanji", word)
			continue
		}
		if !kanjiKana(word) {
			errs.AddHint(d.Pos(k), "write the word in kanji and kana only, without digits, letters, spaces or punctuation", "%q holds characters other than kanji and kana", word)
			continue
		}
		if prev, ok := g.entries[word]; ok && !prev.builtin {
			errs.AddHint(d.Pos(k), "keep one of the two entries", "%q is in the glossary twice (also on line %d)", word, prev.line)
			continue
		}
		e := &entry{word: []rune(word), line: k.Line}
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!bool" && (v.Value == "false" || v.Value == "False" || v.Value == "FALSE"):
			e.none = true
		case v.Kind != yaml.ScalarNode || v.Tag == "!!bool":
			errs.AddHint(d.Pos(v), "write the reading in hiragana, or false for a word that takes no furigana", "expected a reading in hiragana, found %s", yamlx.KindName(v))
			continue
		case v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
			errs.AddHint(d.Pos(k), "write its reading in hiragana after the colon, as in 三田市: さんだし, or false for a word that takes no furigana", "the reading of %q is empty", word)
			continue
		default:
			r := strings.TrimSpace(v.Value)
			if !isHiragana(r) {
				if h := Hiragana(r); isHiragana(h) {
					errs.AddHintT(d.Pos(v), diag.T("write it in hiragana: %s", h), "the reading %q of %q is not in hiragana", r, word)
				} else {
					errs.AddHint(d.Pos(v), "write the reading in hiragana only: no kanji, katakana, letters or spaces", "the reading %q of %q is not in hiragana", r, word)
				}
				continue
			}
			ps, ok := align(e.word, []rune(r))
			if !ok {
				errs.AddHint(d.Pos(v), "the kana written in the word must appear at their place in the reading, as in 申し込み: もうしこみ", "the reading %q does not fit the kana of %q", r, word)
				continue
			}
			e.parts = ps
		}
		g.add(e)
	}
	return g
}

// newGlossary returns a glossary holding the built-in corrections only.
func newGlossary() *Glossary {
	g := &Glossary{}
	for _, e := range builtinGlossary.entries {
		g.add(e)
	}
	return g
}

func kanjiKana(s string) bool {
	for _, r := range s {
		if !IsKanji(r) && !isKana(r) {
			return false
		}
	}
	return true
}
