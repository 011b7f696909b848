package site

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/theme"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Upcoming is a change scheduled after the build date (an effective_from or
// effective_until in rules/ or in a page's front matter). The published
// pages announce it, but show it in force only once the site is rebuilt on
// or after Date.
type Upcoming struct {
	Date decide.Date `json:"date"`
	// Starts: Item comes into force (or the page is published); else it
	// ends (or the page is withdrawn).
	Starts bool `json:"starts,omitempty"`
	// Where is the city, or the city and procedure, in each language;
	// empty for the national rules (every city) and for pages.
	Where decide.Text `json:"where,omitempty"`
	// Page is the file of a page published or withdrawn ("" for rules).
	Page string `json:"page,omitempty"`
	// Item is what starts or ends (the hours, the document, the page's
	// title), in each language, as the pages that announce it write it.
	Item decide.Text `json:"item"`
}

// WhereIn says where the change applies, for staff reading messages in
// lang ("ja" or "en"): site texts in that language when the site has it.
func (u Upcoming) WhereIn(lang string) string {
	switch {
	case u.Page != "":
		return diag.T("page %s", u.Page).In(lang)
	case u.Where.IsZero():
		return diag.T("all cities").In(lang)
	}
	return textIn(u.Where, lang)
}

// WhatIn says what changes, in lang as WhereIn.
func (u Upcoming) WhatIn(lang string) string {
	item := textIn(u.Item, lang)
	switch {
	case u.Page != "" && u.Starts:
		return diag.T("published: “%s”", item).In(lang)
	case u.Page != "":
		return diag.T("withdrawn: “%s”", item).In(lang)
	case u.Starts:
		return diag.T("starts: %s", item).In(lang)
	}
	return diag.T("ends: %s", item).In(lang)
}

// textIn is t in lang, or, for a site without that language, in the first
// of its languages by code (staff messages come in Japanese or English).
func textIn(t decide.Text, lang string) string {
	if t.Has(lang) {
		return t.In(lang)
	}
	for _, s := range t.All() { // the first in order of language code
		return s
	}
	return ""
}

// Upcoming lists the changes scheduled after the site's date, by date.
func (s *Site) Upcoming() []Upcoming {
	if s.kept == nil {
		return upcoming(s.Rules, s.Content, s.Book())
	}
	// The kept cities' changes as they were listed (light.go).
	rulesOf := map[string][]Upcoming{}
	pages := pageItems(s.Content)
	for id, cs := range s.kept.sums {
		if s.kept.pages == nil {
			rulesOf[id] = cs.Upcoming
		}
		if s.kept.has(id) {
			pages = append(pages, cs.PageChanges...)
		}
	}
	sortPageChanges(pages)
	return upcomingOf(s.Rules, s.Book(), rulesOf, pages)
}

func upcoming(r *rules.Rules, c *content.Set, book rules.Book) []Upcoming {
	return upcomingOf(r, book, nil, pageItems(c))
}

// upcomingOf lists the changes of the national rules, of each city's rules
// (from kept for the cities it holds) and then pages, by date.
func upcomingOf(r *rules.Rules, book rules.Book, kept map[string][]Upcoming, pages []Upcoming) []Upcoming {
	var out []Upcoming
	if r.National != nil {
		seen := map[string]bool{}
		for _, ch := range r.National.Sorted() {
			out = addUpcoming(out, seen, nil, ch, book)
		}
	}
	for _, city := range r.Cities {
		if us, ok := kept[city.ID]; ok {
			out = append(out, us...)
			continue
		}
		out = append(out, cityUpcoming(city, book)...)
	}
	out = append(out, pages...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// cityUpcoming lists the changes of a city's rules, in the order of its
// offices' and procedures' changes.
func cityUpcoming(city *rules.City, book rules.Book) []Upcoming {
	var out []Upcoming
	seen := map[string]bool{}
	name := city.Name.D()
	for _, ch := range city.Sorted() {
		out = addUpcoming(out, seen, name, ch, book)
	}
	for _, p := range city.Procedures {
		where := book.Text(func(w rules.Words) string {
			return w.F("labelled", "label", name.In(w.Lang()), "text", p.Core.Title.In(w.Lang()))
		})
		for _, ch := range p.Sorted() {
			out = addUpcoming(out, seen, where, ch, book)
		}
	}
	return out
}

// addUpcoming adds a change unless the same was added (a city's office,
// also listed by each procedure held there).
func addUpcoming(out []Upcoming, seen map[string]bool, where decide.Text, ch rules.Change, book rules.Book) []Upcoming {
	item := ch.What.Texts(book)
	k := ch.Date.String() + "\x00" + strings.Join(rules.Text{T: item}.Values(), "\x00")
	if seen[k] {
		return out
	}
	seen[k] = true
	return append(out, Upcoming{Date: ch.Date, Starts: ch.Starts, Where: where, Item: item})
}

// pageItems lists the pages published or withdrawn after the date, by
// date then file.
func pageItems(c *content.Set) []Upcoming {
	var out []Upcoming
	if c != nil {
		for _, ch := range c.Changes() {
			out = append(out, pageUpcoming(ch))
		}
	}
	return out
}

func pageUpcoming(ch content.PageChange) Upcoming {
	return Upcoming{Date: ch.Date, Starts: ch.Starts, Page: ch.Page.File, Item: decide.TextOf(ch.Page.Lang, ch.Page.Title)}
}

// Next returns the changes of the first day with any, or nil.
func Next(all []Upcoming) []Upcoming {
	for i, u := range all {
		if u.Date != all[0].Date {
			return all[:i]
		}
	}
	return all
}

// Scheduled lists every change scheduled after from, up to and including
// until, as rebuilding on each of those days would publish it. The rules
// and pages are read as in force on each such day in turn, so a change
// that is itself scheduled (new hours that later end too) is listed.
func Scheduled(fsys fs.FS, themeName string, from, until decide.Date) ([]Upcoming, error) {
	var out []Upcoming
	book, err := loadBook(fsys, themeName)
	if err != nil {
		return nil, err
	}
	for d := from; ; {
		errs := &diag.List{}
		var r *rules.Rules
		var c *content.Set
		r = rules.LoadAt(fsys, d, errs)
		c = content.LoadAt(fsys, d, errs)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		next := Next(upcoming(r, c, book))
		if len(next) == 0 || until.Before(next[0].Date) {
			return out, nil
		}
		out = append(out, next...)
		d = next[0].Date
	}
}

// loadBook reads the words of every language from the theme's strings (not
// its layouts or assets: nothing is rendered).
func loadBook(fsys fs.FS, themeName string) (rules.Book, error) {
	errs := &diag.List{}
	cfg := config.Load(fsys, errs)
	strs := theme.LoadStrings(fsys, themeName, cfg.Codes(), errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var b rules.Book
	for _, l := range cfg.Languages {
		b = append(b, rules.NewWords(l.Code, rules.WithDefaults(l.Code, strs[l.Code])))
	}
	return b, nil
}

// LoadRules reads rules/ as in force on date, with the theme's words of
// every language (see rules.Words), without running the rule tests: what a
// comparison of two versions of the rules needs.
func LoadRules(fsys fs.FS, themeName string, date decide.Date, errs *diag.List) *rules.Rules {
	r := rules.LoadAt(fsys, date, errs)
	book, err := loadBook(fsys, themeName)
	if err != nil {
		errs.Add(diag.Pos{File: path.Join("themes", themeName)}, "%v", err)
		return r
	}
	r.Words = book
	return r
}
