package site

import (
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
)

// Alternates maps each language to the path of this page in it. It is made
// when asked for: the layouts ask for links (AltHref, SwitchHref), which
// are made without it; a map for each of the 88,000 pages of a national
// site was about four allocations a page.
func (v *View) Alternates() map[string]string {
	if v.alts != nil || v.rest == "" {
		return v.alts
	}
	alts := make(map[string]string, len(v.Languages))
	for _, l := range v.Languages {
		alts[l.Code] = l.Path + "/" + v.rest
	}
	return alts
}

// language returns the site's language code, or nil.
func (v *View) language(code string) *config.Language {
	for i := range v.Languages {
		if v.Languages[i].Code == code {
			return &v.Languages[i]
		}
	}
	return nil
}

// altPath returns Alternates()[lang], made alone.
func (v *View) altPath(lang string) string {
	if v.rest == "" {
		return v.alts[lang]
	}
	if l := v.language(lang); l != nil {
		return l.Path + "/" + v.rest
	}
	return ""
}

// altRel returns Rel(v.Path, v.altPath(lang)), in one allocation at most.
func (v *View) altRel(lang string) string {
	l := v.language(lang)
	if v.rest == "" || l == nil {
		return Rel(v.Path, v.altPath(lang))
	}
	if lang == v.Lang && len(v.Path) == len(l.Path)+1+len(v.rest) && strings.HasPrefix(v.Path, l.Path) && v.Path[len(l.Path)] == '/' && strings.HasSuffix(v.Path, v.rest) {
		return Rel(v.Path, v.Path) // the page's own file name
	}
	// Pages in two languages share no folder when their languages'
	// folders differ from the first: the link climbs out of every folder
	// of the page's (as Rel does then).
	fromDir, _, ok := cutLastSlash(v.Path)
	first, _, _ := strings.Cut(l.Path+"/", "/")
	if !ok || first == firstPart(fromDir) {
		return Rel(v.Path, v.altPath(lang))
	}
	up := strings.Count(fromDir, "/") + 1
	var b strings.Builder
	b.Grow(3*up + len(l.Path) + 1 + len(v.rest))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(l.Path)
	b.WriteByte('/')
	b.WriteString(v.rest)
	return b.String()
}

func cutLastSlash(s string) (dir, file string, ok bool) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", s, false
	}
	return s[:i], s[i+1:], true
}

func firstPart(s string) string {
	first, _, _ := strings.Cut(s, "/")
	return first
}
