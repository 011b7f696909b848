// Package site is the build: it loads rules, content and theme, plans every
// page of the site in every language, renders them in parallel into a
// temporary folder, and swaps that folder in place of the output only when
// everything succeeded. Any problem in the input leaves the output untouched.
//
// It owns the second half of the pipeline; see build.go for its files in the
// order they run. It must not import what sits above it (serve, diff,
// scaffold, bench, the commands) nor browser automation (enforced by package
// layers).
package site

import (
	"fmt"
	template "github.com/tebiki/tebiki/generator/internal/gotemplate/html"
	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/furigana"
	"github.com/tebiki/tebiki/generator/internal/graph"
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
	// Alternates maps each language to the path of this page in it; nil
	// when rest is set (see Site.Alternates).
	Alternates map[string]string
	// rest, for a page that is at the same path after its language's
	// folder in every language (a flow, staff or content page, or one of a
	// city kept from the record, light.go), is that path: its Alternates
	// are made from it when read, not held by each of the 88,000 pages of a
	// national site (a map of two paths is about 300 bytes).
	rest string
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
	// groups maps every page's path to its city, or "": one map for both
	// (a national site has 88,809 paths).
	groups map[string]string
	md     *content.Renderer
	// only, when not nil, limits rendering to these cities' pages and the
	// pages of no city: a partial build.
	only map[string]bool
	// progress, when not nil, hears of every page rendered (Options.Progress).
	progress Progress
	// release, set by a build into a folder, lets go of what only a page's
	// rendering needs once it is rendered (release.go).
	release bool

	glossary *furigana.Glossary // readings for the languages with furigana
	flows    graph.Flows        // the staff pages' flows, drawn once per graph
	hours    hoursTexts         // the offices' hours, written once per language

	others     map[string][]config.Language // language code -> the others, see View.OtherLanguages
	othersOnce sync.Once

	stringsOnce sync.Once
	merged      map[string]map[string]string // lang -> UI strings over built-in words

	// kept, when not nil, are the cities this build takes as they were
	// instead of loading them (light.go).
	kept *keptCities
	// contentOnly plans no question, outcome or staff pages
	// (Options.ContentOnly).
	contentOnly bool
	// sums summarise every city loaded, for a build that keeps them in
	// its record; stubsDiffer is set when a page of no city came out
	// otherwise from the stubs (see summarizeAll).
	sums        map[string]*citySum
	checkWhole  []*rules.City // the cities for the check, whole (nil: as rendered)
	checkWith   []*rules.City // the same as stubs
	stubsDiffer atomic.Bool
	copied      map[string]bool // the warnings of the checks across cities

	pageChangesOnce sync.Once
	pageChanges     map[string][]Upcoming // by city: see pageChangesOf
	// topKept: the pages of no city are kept from the last build (see
	// topUnchanged).
	topKept bool
}

// Load reads and checks everything under fsys (content/, rules/ and
// themes/NAME/) as in force today in the site's time zone, and plans the
// pages. Problems are added to errs.
func Load(fsys fs.FS, themeName string, errs *diag.List) *Site {
	return LoadAt(fsys, themeName, Today(fsys, nil), errs)
}

// LoadAt is Load for the site as in force on date.
func LoadAt(fsys fs.FS, themeName string, date decide.Date, errs *diag.List) *Site {
	return loadAt(fsys, themeName, date, nil, nil, false, errs)
}

// loadAt loads the site; when cities is not nil, only their rule tests run;
// kept cities are not loaded again (see light.go).
func loadAt(fsys fs.FS, themeName string, date decide.Date, cities []string, kept *keptCities, contentOnly bool, errs *diag.List) *Site {
	s := &Site{md: content.NewRenderer(), Date: date, Config: config.Load(fsys, errs), kept: kept, contentOnly: contentOnly}
	// Rules, content and theme do not depend on each other: they load at the
	// same time, each into a list of its own (a stage may count its problems).
	// The rule tests read the hours as pages write them, with the theme's
	// words of each language: they run once both are loaded.
	var rl, cl, tl diag.List
	var skip func(string) bool // the content folders of the kept cities
	if kept != nil {
		folders := map[string]bool{}
		for id := range kept.sums {
			folders["content/"+id] = true
		}
		for id := range kept.cities {
			folders["content/"+id] = true
		}
		skip = func(dir string) bool { return folders[dir] }
	}
	par.Do(func() {
		s.Rules = s.loadRules(fsys, date, kept, &rl)
	}, func() {
		s.Content = content.LoadSome(fsys, date, skip, &cl)
	}, func() {
		s.Theme = theme.Load(fsys, themeName, s.Config.Codes(), funcs(), &tl)
		s.checkWords(&tl)
	})
	s.Rules.Words = s.Book()
	if tl.Len() == 0 {
		// Without the theme's words, every outcome that states hours would
		// fail its test: one mistake, one message (the theme's).
		s.Tests = rules.RunTestsOf(fsys, s.Rules, cities, &rl)
	}
	for _, l := range []*diag.List{&rl, &cl, &tl} {
		errs.Merge(l)
	}
	s.loadFurigana(fsys, errs)
	s.plan(errs)
	return s
}

// Book returns the words of every language of the site.
func (s *Site) Book() rules.Book {
	var b rules.Book
	for _, l := range s.Config.Languages {
		b = append(b, s.Words(l.Code))
	}
	return b
}

// Words returns the words of the language with code lang: the theme's
// strings over Tebiki's built-in patterns (rules.DefaultWords).
func (s *Site) Words(lang string) rules.Words {
	return rules.NewWords(lang, s.uiStrings(lang))
}

// uiStrings are the theme's strings of lang over the built-in patterns.
func (s *Site) uiStrings(lang string) map[string]string {
	s.stringsOnce.Do(func() {
		s.merged = map[string]map[string]string{}
		for _, l := range s.Config.Languages {
			s.merged[l.Code] = rules.WithDefaults(l.Code, s.Theme.Strings(l.Code))
		}
	})
	return s.merged[lang]
}

// checkWords reports the patterns (fmt.* strings) a language of the site
// lacks in the theme: Tebiki writes hours, dates and fees with them.
func (s *Site) checkWords(errs *diag.List) {
	for _, l := range s.Config.Languages {
		if len(s.Theme.Strings(l.Code)) == 0 {
			continue // the missing file is reported by the theme
		}
		have := s.uiStrings(l.Code)
		if len(have) == 0 {
			continue // the missing file is reported by the theme
		}
		var missing []string
		for _, keys := range []map[string][]string{rules.WordKeys, graph.WordKeys} {
			for k := range keys {
				if _, ok := have[k]; !ok {
					missing = append(missing, k)
				}
			}
		}
		sort.Strings(missing)
		for _, k := range missing {
			file := path.Join(s.Theme.Dir, "i18n", l.Code+".yaml")
			errs.AddHintT(diag.Pos{File: file, Line: 1, Col: 1}, diag.T("add \"%s: …\" to %s", k, file), "missing translation: no UI string %q in language %q", k, l.Code)
		}
	}
}

// Dir returns the folder of the pages in the language with code lang.
func (s *Site) Dir(lang string) string {
	if l := s.Config.Find(lang); l != nil {
		return l.Path
	}
	return lang
}

// Langs lists the codes of the site's languages, in order.
func (s *Site) Langs() []string { return s.Config.Codes() }

// Resolve returns the path of the page with content key in lang.
func (s *Site) Resolve(key, lang string) (string, bool) {
	p := PagePath(s.Dir(lang), key)
	s.pathsOnce.Do(s.index)
	_, ok := s.groups[p]
	return p, ok
}

// index builds the indexes of the pages by path.
func (s *Site) index() {
	s.groups = make(map[string]string, len(s.Pages))
	for _, pg := range s.Pages {
		s.groups[pg.Path] = groupOf(pg)
	}
}

// Rel returns the relative URL from the page at from to the file at to, both
// paths from the site root. Links are always relative and name index.html,
// so the site works from any folder and when opened from disk.
func Rel(from, to string) string {
	up, rest := relSplit(from, to)
	if up == 0 {
		return rest
	}
	return climb(up, rest)
}

// relSplit returns the relative URL from from to to as up folders to climb
// and the rest of to's path, a part of to.
func relSplit(from, to string) (up int, rest string) {
	fromDir := path.Dir(from)
	if fromDir == "." {
		return 0, to
	}
	// The folders from's and to's paths share are skipped, without
	// splitting either (layouts call this for every link of every page).
	up = strings.Count(fromDir, "/") + 1
	rest, f := to, fromDir
	for {
		ti := strings.IndexByte(rest, '/')
		if ti < 0 {
			break // to's file name is never skipped
		}
		fc, fnext, last := f, "", true
		if fi := strings.IndexByte(f, '/'); fi >= 0 {
			fc, fnext, last = f[:fi], f[fi+1:], false
		}
		if rest[:ti] != fc {
			break
		}
		up--
		rest = rest[ti+1:]
		if last {
			break
		}
		f = fnext
	}
	return up, rest
}

// climb returns "../" up times, then rest.
func climb(up int, rest string) string {
	var b strings.Builder // one allocation, not two
	b.Grow(3*up + len(rest))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(rest)
	return b.String()
}

// Ctx carries the view, a procedure and a value into a partial template.
type Ctx struct {
	V *View
	P *rules.Procedure
	X any
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"ctx": gotext.F3(newCtx),
		"inc": gotext.F1(func(i int) int { return i + 1 }),
		"yen": gotext.F1(yen),
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
