// Package site is the build: it loads rules, content and theme, plans every
// page of the site in every language, renders them in parallel into a
// temporary folder, and swaps that folder in place of the output only when
// everything succeeded. Any problem in the input leaves the output untouched.
package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/theme"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Page is one page of the site in one language.
type Page struct {
	Kind    string // root, home, city, guide, question, outcome or page: the layout used
	Lang    string
	Path    string // output path, such as "ja/sanda/renewal/index.html"
	Content *content.Page
	City    *rules.City
	Proc    *rules.Procedure
	Node    *FlowNode // for question and outcome pages
	// Alternates maps each language to the path of this page in it.
	Alternates map[string]string
}

// Site is the loaded input and the planned pages.
type Site struct {
	Rules   *rules.Rules
	Content *content.Set
	Theme   *theme.Theme
	Pages   []*Page
	Tests   rules.TestReport
	Date    decide.Date // the day the site is built for
	Config  *config.Config
	BaseURL string // "" or an absolute URL ending in /
	frags   fragments

	pathsOnce sync.Once
	paths     map[string]bool   // every page's path
	groups    map[string]string // page path -> its city, or ""
	md        *content.Renderer
	// only, when not nil, limits rendering to these cities' pages and the
	// pages of no city: a partial build.
	only map[string]bool
	// progress, when not nil, hears of every page rendered (Options.Progress).
	progress Progress
}

// Load reads and checks everything under fsys (content/, rules/ and
// themes/NAME/) as in force today in the site's time zone, and plans the
// pages. Problems are added to errs.
func Load(fsys fs.FS, themeName string, errs *diag.List) *Site {
	return LoadAt(fsys, themeName, Today(fsys, nil), errs)
}

// LoadAt is Load for the site as in force on date.
func LoadAt(fsys fs.FS, themeName string, date decide.Date, errs *diag.List) *Site {
	return loadAt(fsys, themeName, date, nil, errs)
}

// loadAt loads the site; when cities is not nil, only their rule tests run.
func loadAt(fsys fs.FS, themeName string, date decide.Date, cities []string, errs *diag.List) *Site {
	s := &Site{md: content.NewRenderer(), Date: date, Config: config.Load(fsys, errs)}
	// Rules, content and theme do not depend on each other: they load at the
	// same time, each into a list of its own (a stage may count its problems).
	var rl, cl, tl diag.List
	par.Do(func() {
		s.Rules = rules.LoadAt(fsys, date, &rl)
		s.Tests = rules.RunTestsOf(fsys, s.Rules, cities, &rl)
	}, func() {
		s.Content = content.LoadAt(fsys, date, &cl)
	}, func() {
		s.Theme = theme.Load(fsys, themeName, content.Langs, funcs(), &tl)
	})
	for _, l := range []*diag.List{&rl, &cl, &tl} {
		errs.Merge(l)
	}
	s.plan(errs)
	return s
}

// PagePath returns the output path of the page with content key in lang.
func PagePath(lang, key string) string {
	if key == "" {
		return lang + "/index.html"
	}
	return lang + "/" + key + "/index.html"
}

func (s *Site) plan(errs *diag.List) {
	used := map[string]bool{}
	add := func(kind, key string, city *rules.City, proc *rules.Procedure, missing diag.Pos) {
		used[key] = true
		alts := map[string]string{}
		for _, lang := range content.Langs {
			alts[lang] = PagePath(lang, key)
		}
		ok := false
		for _, lang := range content.Langs {
			if s.Content.Get(key, lang) != nil {
				ok = true
			}
		}
		if !ok {
			file := "content/" + key + ".ja.md"
			if kind != "guide" {
				file = path.Join("content", key, "_index.ja.md")
			}
			errs.AddHintT(missing, diag.T("create %s and its English version (.en.md)", file), "no content page for %s", describe(kind, key))
			return
		}
		for _, lang := range content.Langs {
			cp := s.Content.Get(key, lang)
			if cp == nil {
				continue // reported by content.Load
			}
			s.Pages = append(s.Pages, &Page{Kind: kind, Lang: lang, Path: alts[lang], Content: cp, City: city, Proc: proc, Alternates: alts})
		}
	}
	s.Pages = append(s.Pages, &Page{Kind: "root", Lang: content.Langs[0], Path: "index.html",
		Alternates: map[string]string{"ja": PagePath("ja", ""), "en": PagePath("en", "")}})
	add("home", "", nil, nil, diag.Pos{File: "content"})
	for _, c := range s.Rules.Cities {
		add("city", c.ID, c, nil, diag.Pos{File: c.File})
		for _, p := range c.Procedures {
			add("guide", c.ID+"/"+p.ID, c, p, diag.Pos{File: p.File})
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
	sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Path < s.Pages[j].Path })
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
		alts := map[string]string{}
		for _, lang := range content.Langs {
			alts[lang] = FlowPath(lang, p, n.Segs)
		}
		for _, lang := range content.Langs {
			s.Pages = append(s.Pages, &Page{Kind: kind, Lang: lang, Path: alts[lang], City: c, Proc: p, Node: n, Alternates: alts})
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
	alts := map[string]string{}
	for _, lang := range content.Langs {
		alts[lang] = PagePath(lang, key)
	}
	for _, lang := range content.Langs {
		s.Pages = append(s.Pages, &Page{Kind: "staff", Lang: lang, Path: alts[lang], City: c, Proc: p, Alternates: alts})
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

func (s *Site) city(id string) *rules.City {
	for _, c := range s.Rules.Cities {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Resolve returns the path of the page with content key in lang.
func (s *Site) Resolve(key, lang string) (string, bool) {
	p := PagePath(lang, key)
	s.pathsOnce.Do(s.index)
	return p, s.paths[p]
}

// index builds the indexes of the pages by path.
func (s *Site) index() {
	s.paths = make(map[string]bool, len(s.Pages))
	s.groups = make(map[string]string, len(s.Pages))
	for _, pg := range s.Pages {
		s.paths[pg.Path] = true
		s.groups[pg.Path] = groupOf(pg)
	}
}

// Rel returns the relative URL from the page at from to the file at to, both
// paths from the site root. Links are always relative and name index.html,
// so the site works from any folder and when opened from disk.
func Rel(from, to string) string {
	fromDir := path.Dir(from)
	if fromDir == "." {
		return to
	}
	up := strings.Count(fromDir, "/") + 1
	fparts := strings.Split(fromDir, "/")
	tparts := strings.Split(to, "/")
	common := 0
	for common < len(fparts) && common < len(tparts)-1 && fparts[common] == tparts[common] {
		common++
	}
	up -= common
	return strings.Repeat("../", up) + strings.Join(tparts[common:], "/")
}

// Ctx carries the view, a procedure and a value into a partial template.
type Ctx struct {
	V *View
	P *rules.Procedure
	X any
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"ctx": func(v *View, p *rules.Procedure, x any) Ctx { return Ctx{v, p, x} },
		"inc": func(i int) int { return i + 1 },
		"yen": yen,
	}
}

// yen writes an amount with thousands separators: 1,000.
func yen(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
