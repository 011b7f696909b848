package site

import "github.com/tebiki/tebiki/generator/internal/config"

// Alternates returns the page's path in each language.
func (s *Site) Alternates(p *Page) map[string]string {
	return alternatesOf(s.Config.Languages, p.Alternates, p.rest)
}

// alternatesOf returns the path in each of langs of a page whose paths are
// alts, or, without alts, made from rest, its path after its language's
// folder (see Page).
func alternatesOf(langs []config.Language, alts map[string]string, rest string) map[string]string {
	if alts != nil || rest == "" {
		return alts
	}
	m := make(map[string]string, len(langs))
	for i := range langs {
		m[langs[i].Code], _ = altPathIn(&langs[i], alts, rest)
	}
	return m
}

// altPathIn returns alternatesOf(…)[l.Code], made alone, and whether the
// page has one.
func altPathIn(l *config.Language, alts map[string]string, rest string) (string, bool) {
	if alts != nil || rest == "" {
		p, ok := alts[l.Code]
		return p, ok
	}
	return l.Path + "/" + rest, true
}

// restOf returns path after the folder of the language lang, where path,
// made as s.Dir(lang) + "/" + …, is a page's path in that language. It is
// part of path's string, not a copy.
func (s *Site) restOf(lang, path string) string { return path[len(s.Dir(lang))+1:] }
