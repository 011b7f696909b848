package site

import (
	"slices"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/config"
)

// The languages other than a page's are listed once per language of the
// site, not once per page.
func TestOtherLanguagesMadeOncePerLanguage(t *testing.T) {
	langs := []config.Language{{Code: "ja"}, {Code: "en"}, {Code: "vi"}}
	s := &Site{}
	for _, lang := range []string{"ja", "en", "vi"} {
		v := &View{Lang: lang, Languages: langs, site: s}
		got := v.OtherLanguages()
		var codes []string
		for _, l := range got {
			codes = append(codes, l.Code)
		}
		want := slices.DeleteFunc([]string{"ja", "en", "vi"}, func(c string) bool { return c == lang })
		if !slices.Equal(codes, want) {
			t.Errorf("%s: %q, want %q", lang, codes, want)
		}
		if allocs := testing.AllocsPerRun(20, func() { v.OtherLanguages() }); allocs > 0 {
			t.Errorf("%s: %v allocations a page", lang, allocs)
		}
	}
}
