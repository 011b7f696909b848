package site

// Alternates returns the page's path in each language.
func (s *Site) Alternates(p *Page) map[string]string {
	if p.Alternates != nil || p.rest == "" {
		return p.Alternates
	}
	alts := make(map[string]string, len(s.Config.Languages))
	for _, l := range s.Config.Languages {
		alts[l.Code] = l.Path + "/" + p.rest
	}
	return alts
}

// restOf returns path after the folder of the language lang, where path,
// made as s.Dir(lang) + "/" + …, is a page's path in that language. It is
// part of path's string, not a copy.
func (s *Site) restOf(lang, path string) string { return path[len(s.Dir(lang))+1:] }
