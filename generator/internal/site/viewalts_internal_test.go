package site

import (
	"maps"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/config"
)

// A page's links to itself in each language are what Rel gives for the
// paths of its Alternates, made in one allocation at most and without the
// map.
func TestAltLinksAreRelOfAlternates(t *testing.T) {
	langs := []config.Language{{Code: "ja", Path: "ja"}, {Code: "en", Path: "en"}, {Code: "zh-Hans", Path: "zh/hans"}, {Code: "zh-Hant", Path: "zh/hant"}, {Code: "x", Path: "ja2"}}
	views := []*View{
		{Lang: "ja", Path: "index.html", alts: map[string]string{"ja": "ja/index.html", "en": "en/index.html"}},
	}
	for _, rest := range []string{"index.html", "sanda/index.html", "sanda/moving-in/check/a.b.html", "ja/x.html"} {
		for _, l := range langs {
			views = append(views, &View{Lang: l.Code, Path: l.Path + "/" + rest, rest: rest})
		}
	}
	for _, v := range views {
		v.Languages = langs
		alts := v.Alternates()
		if v.rest != "" {
			want := map[string]string{}
			for _, l := range langs {
				want[l.Code] = l.Path + "/" + v.rest
			}
			if !maps.Equal(alts, want) {
				t.Errorf("%s: Alternates %v, want %v", v.Path, alts, want)
			}
		}
		for _, l := range append(langs, config.Language{Code: "none"}) {
			if got, want := v.SwitchHref(l.Code), Rel(v.Path, alts[l.Code]); got != want {
				t.Errorf("%s to %s: %q, want %q", v.Path, l.Code, got, want)
			}
			if got, want := v.AltHref(l.Code), Rel(v.Path, alts[l.Code]); got != want {
				t.Errorf("AltHref %s to %s: %q, want %q", v.Path, l.Code, got, want)
			}
			v.BaseURL = "https://example.org/"
			if got, want := v.AltHref(l.Code), v.BaseURL+alts[l.Code]; got != want {
				t.Errorf("AltHref with a base URL %s to %s: %q, want %q", v.Path, l.Code, got, want)
			}
			v.BaseURL = ""
		}
	}
	v := &View{Lang: "ja", Path: "ja/sanda/moving-in/index.html", rest: "sanda/moving-in/index.html", Languages: langs}
	allocs := testing.AllocsPerRun(20, func() {
		for _, l := range langs {
			hrefSink = v.SwitchHref(l.Code)
		}
	})
	if allocs > float64(len(langs)) {
		t.Errorf("%d links took %v allocations", len(langs), allocs)
	}
}
