package site

import (
	"path"
	"slices"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
	"github.com/tebiki/tebiki/generator/internal/rules"
)

// Planning: which pages the site has, at which paths.

// PagePath returns the output path of the page with content key in the
// language whose pages are in folder dir (see Site.Dir).
func PagePath(dir, key string) string {
	if key == "" {
		return dir + "/index.html"
	}
	return dir + "/" + key + "/index.html"
}

func (s *Site) plan(errs *diag.List) {
	used := map[string]bool{}
	add := func(kind, key string, city *rules.City, proc *rules.Procedure, missing diag.Pos) {
		used[key] = true
		ok := false
		for _, lang := range s.Langs() {
			if s.Content.Get(key, lang) != nil {
				ok = true
			}
		}
		if !ok {
			first := s.Langs()[0]
			file := "content/" + key + "." + first + ".md"
			if kind != "guide" {
				file = path.Join("content", key, "_index."+first+".md")
			}
			errs.AddHintT(missing, diag.T("create %s and its version in each language of the site (%s)", file, strings.Join(s.Langs(), ", ")), "no content page for %s", describe(kind, key))
			return
		}
		for _, lang := range s.Langs() {
			cp := s.Content.Get(key, lang)
			if cp == nil {
				continue // reported by content.Load
			}
			path := PagePath(s.Dir(lang), key)
			s.Pages = append(s.Pages, &Page{Kind: kind, Lang: lang, Path: path, Content: cp, City: city, Proc: proc, rest: s.restOf(lang, path)})
		}
	}
	rootAlts := map[string]string{}
	for _, lang := range s.Langs() {
		rootAlts[lang] = PagePath(s.Dir(lang), "")
	}
	s.Pages = append(s.Pages, &Page{Kind: "root", Lang: s.Langs()[0], Path: "index.html", Alternates: rootAlts})
	add("home", "", nil, nil, diag.Pos{File: "content"})
	// The pages of the cities kept, from the record: made in parallel
	// (88,000 at national size), added in order.
	var kept [][]*Page
	if s.kept != nil {
		kept = make([][]*Page, len(s.Rules.Cities))
		par.For(len(s.Rules.Cities), func(i int) {
			if c := s.Rules.Cities[i]; s.kept.has(c.ID) {
				kept[i] = s.keptPages(c)
			}
		})
	}
	for i, c := range s.Rules.Cities {
		if s.kept.has(c.ID) {
			s.Pages = append(s.Pages, kept[i]...)
			continue
		}
		add("city", c.ID, c, nil, diag.Pos{File: c.File})
		for _, p := range c.Procedures {
			add("guide", c.ID+"/"+p.ID, c, p, diag.Pos{File: p.File})
			if s.contentOnly {
				// No question, outcome or staff pages; the paths are
				// checked all the same, as in a full build.
				if p.Valid {
					flowNodes(p, errs)
				}
				continue
			}
			s.planFlow(c, p, errs)
			s.planStaff(c, p)
		}
	}
	for _, key := range s.Content.Keys() {
		if used[key] {
			continue
		}
		add("page", key, nil, nil, diag.Pos{})
	}
	slices.SortStableFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	// Two pages must not be written to the same address.
	for i := 1; i < len(s.Pages); i++ {
		a, b := s.Pages[i-1], s.Pages[i]
		if a.Path != b.Path {
			continue
		}
		if b.Content != nil && a.Content == nil {
			a, b = b, a
		}
		pos := diag.Pos{File: "content"}
		if a.Content != nil {
			pos = diag.Pos{File: a.Content.File, Line: 1, Col: 1}
		}
		errs.AddHint(pos, "rename or move the page", "this page would be written to %s, which the %s page of the same address already uses", a.Path, b.Kind)
	}
}

// planFlow adds the question and outcome pages of a procedure's static checker.
func (s *Site) planFlow(c *rules.City, p *rules.Procedure, errs *diag.List) {
	if !p.Valid {
		return // reported when the rules were loaded
	}
	for _, n := range flowNodes(p, errs) {
		kind := "question"
		if n.Result.Next == nil {
			kind = "outcome"
		}
		for _, lang := range s.Langs() {
			path := FlowPath(s.Dir(lang), p, n.Segs)
			s.Pages = append(s.Pages, &Page{Kind: kind, Lang: lang, Path: path, City: c, Proc: p, Node: n, rest: s.restOf(lang, path)})
		}
	}
}

// planStaff adds the procedure's page for staff: its flow drawn as a graph
// and a table of every path. Residents' pages do not link to it.
func (s *Site) planStaff(c *rules.City, p *rules.Procedure) {
	if !p.Valid || !s.Theme.Has("staff") {
		return // a theme without a staff layout publishes no staff pages
	}
	key := c.ID + "/" + p.ID + "/staff"
	for _, lang := range s.Langs() {
		path := PagePath(s.Dir(lang), key)
		s.Pages = append(s.Pages, &Page{Kind: "staff", Lang: lang, Path: path, City: c, Proc: p, rest: s.restOf(lang, path)})
	}
}

func describe(kind, key string) diag.Text {
	switch kind {
	case "home":
		return diag.T("the top page")
	case "city":
		return diag.T("the city %s", key)
	case "guide":
		return diag.T("the procedure %s", key)
	}
	return diag.T("%s", key)
}
