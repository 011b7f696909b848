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
	return alternatesOf(v.Languages, v.alts, v.rest)
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
	if l := v.language(lang); l != nil {
		p, _ := altPathIn(l, v.alts, v.rest)
		return p
	}
	return v.alts[lang]
}

// altRel returns Rel(v.Path, v.altPath(lang)), in one allocation at most:
// the target's path is made on the stack (see relTo).
func (v *View) altRel(lang string) string {
	l := v.language(lang)
	if v.alts != nil || v.rest == "" || l == nil {
		return Rel(v.Path, v.altPath(lang))
	}
	if lang == v.Lang && len(v.Path) == len(l.Path)+1+len(v.rest) && strings.HasPrefix(v.Path, l.Path) && v.Path[len(l.Path)] == '/' && strings.HasSuffix(v.Path, v.rest) {
		return Rel(v.Path, v.Path) // the page's own file name
	}
	var buf [192]byte
	return relTo(v.Path, append(append(append(buf[:0], l.Path...), '/'), v.rest...))
}
