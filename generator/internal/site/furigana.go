package site

import (
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/furigana"
	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// Furigana: the pages of a language with furigana: true (tebiki.yaml) get a
// reading (<ruby>) on every kanji word, from the dictionary and the site's
// glossary (glossary.yaml; see package furigana).

// furiganaLangs lists the codes of the languages with furigana.
func (s *Site) furiganaLangs() []string {
	var out []string
	for _, l := range s.Config.Languages {
		if l.Furigana {
			out = append(out, l.Code)
		}
	}
	return out
}

// loadFurigana reads the glossary when a language needs furigana, and
// reports the kanji words of those languages' texts that have no reading,
// at their place in rules/ and content/.
func (s *Site) loadFurigana(fsys fs.FS, errs *diag.List) {
	langs := s.furiganaLangs()
	if len(langs) == 0 {
		return
	}
	jatext.PreloadReadings()
	s.glossary = furigana.Load(fsys, errs)
	for _, t := range furiganaTexts(fsys, langs) {
		_, unknown := furigana.Annotate(t.text, s.glossary)
		seen := map[string]bool{}
		for _, u := range unknown {
			if seen[u.Word] {
				continue
			}
			seen[u.Word] = true
			errs.Warn(t.pos, diag.T("add it to %s with its reading in hiragana, or \"%s: false\" for no furigana", furigana.File, u.Word), "no reading for the kanji word %q (…%s…)", u.Word, u.Context)
		}
	}
}

type placedText struct {
	pos  diag.Pos
	text string
}

// furiganaTexts are the texts in langs: in rules/, every value of a key
// named after one of them; in content/, every line of their pages.
func furiganaTexts(fsys fs.FS, langs []string) []placedText {
	var out []placedText
	isLang := map[string]bool{}
	for _, l := range langs {
		isLang[l] = true
	}
	fs.WalkDir(fsys, "rules", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil // reported by the rules
		}
		var doc yaml.Node
		if yaml.Unmarshal(src, &doc) != nil {
			return nil
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					if isLang[k.Value] {
						for _, x := range scalars(v) {
							out = append(out, placedText{diag.Pos{File: p, Line: x.Line, Col: x.Column}, x.Value})
						}
					}
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&doc)
		return nil
	})
	fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		base := strings.TrimSuffix(path.Base(p), ".md")
		if _, lang, ok := strings.Cut(base, "."); !ok || !isLang[lang] || base == path.Base(p) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		for i, line := range strings.Split(string(src), "\n") {
			if furiganaHasKanji(line) {
				out = append(out, placedText{diag.Pos{File: p, Line: i + 1, Col: 1}, line})
			}
		}
		return nil
	})
	return out
}

// scalars are the scalar values of n: itself, or a list's items.
func scalars(n *yaml.Node) []*yaml.Node {
	switch n.Kind {
	case yaml.ScalarNode:
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

func furiganaHasKanji(s string) bool {
	for _, r := range s {
		if furigana.IsKanji(r) {
			return true
		}
	}
	return false
}

// addFurigana gives the page's kanji their readings when its language has
// furigana.
func (s *Site) addFurigana(v *View, page []byte) []byte {
	if v.Language == nil || !v.Language.Furigana {
		return page
	}
	out, _ := furigana.Annotate(string(page), s.glossary)
	return []byte(out)
}
