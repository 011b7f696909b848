package site_test

import (
	"io/fs"
	"maps"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// Each page's alternates are its paths in every language of the site (with
// the language's own folder: pt's pages live in pt-br/), and the pages do
// not each hold them: a flow, staff or content page keeps the path after its
// language's folder, and Site.Alternates makes the map when asked.
func TestAlternatesMadeWhenRead(t *testing.T) {
	kinds := map[string]int{}
	checkAlternates(t, loadFourLang(t), "t", kinds)
	// The sample site, whose theme has staff pages.
	checkAlternates(t, repoFS(t), "default", kinds)
	for _, k := range []string{"home", "city", "guide", "question", "outcome", "staff"} {
		if kinds[k] == 0 {
			t.Errorf("the sites have no %s page: %v", k, kinds)
		}
	}
}

func checkAlternates(t *testing.T, fsys fs.FS, theme string, kinds map[string]int) {
	t.Helper()
	var errs diag.List
	s := site.Load(fsys, theme, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	langs := s.Config.Languages
	byPath := map[string]*site.Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	for _, p := range s.Pages {
		if p.Kind == "root" {
			continue
		}
		kinds[p.Kind]++
		if p.Alternates != nil {
			t.Errorf("%s page %s holds its alternates %v", p.Kind, p.Path, p.Alternates)
		}
		alts := s.Alternates(p)
		if len(alts) != len(langs) || alts[p.Lang] != p.Path {
			t.Errorf("%s: alternates %v", p.Path, alts)
			continue
		}
		for _, l := range langs {
			q := byPath[alts[l.Code]]
			if q == nil || q.Lang != l.Code || q.Kind != p.Kind || q.Proc != p.Proc || q.Node != p.Node || q.Content != nil && q.Content.Key != p.Content.Key {
				t.Errorf("%s: the alternate in %s, %s, is not the same page in that language (%+v)", p.Path, l.Code, alts[l.Code], q)
			} else if alts[l.Code][:len(l.Path)+1] != l.Path+"/" {
				t.Errorf("%s: the alternate in %s, %s, is not in %s/", p.Path, l.Code, alts[l.Code], l.Path)
			} else if !maps.Equal(s.Alternates(q), alts) {
				t.Errorf("%s and %s have different alternates: %v, %v", p.Path, q.Path, alts, s.Alternates(q))
			}
		}
	}
}
