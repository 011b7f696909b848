package site

import (
	"io/fs"
	"sort"

	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Upcoming is a change scheduled after the build date (an effective_from or
// effective_until in rules/ or in a page's front matter). The published
// pages announce it, but show it in force only once the site is rebuilt on
// or after Date.
type Upcoming struct {
	Date  decide.Date `json:"date"`
	Where decide.Text `json:"where"` // all cities, a city, a city's procedure, or a page
	What  decide.Text `json:"what"`
	// Item is what starts or ends (the hours, the document, the page's
	// title), as the pages that announce it write it.
	Item decide.Text `json:"-"`
}

// Upcoming lists the changes scheduled after the site's date, by date.
func (s *Site) Upcoming() []Upcoming { return upcoming(s.Rules, s.Content) }

func upcoming(r *rules.Rules, c *content.Set) []Upcoming {
	var out []Upcoming
	seen := map[[3]string]bool{}
	add := func(where decide.Text, city string, ch rules.Change) {
		k := [3]string{ch.Date.String(), city, ch.What.En}
		if seen[k] {
			return // a city's office, also listed by each procedure held there
		}
		seen[k] = true
		what := decide.Text{Ja: "終了：" + ch.What.Ja, En: "ends: " + ch.What.En}
		if ch.Starts {
			what = decide.Text{Ja: "開始：" + ch.What.Ja, En: "starts: " + ch.What.En}
		}
		out = append(out, Upcoming{Date: ch.Date, Where: where, What: what, Item: ch.What})
	}
	if r.National != nil {
		for _, ch := range r.National.Sorted() {
			add(decide.Text{Ja: "全国共通", En: "all cities"}, "", ch)
		}
	}
	for _, city := range r.Cities {
		name := city.Name.D()
		for _, ch := range city.Sorted() {
			add(name, city.ID, ch)
		}
		for _, p := range city.Procedures {
			where := decide.Text{Ja: name.Ja + " " + p.Core.Title.Ja, En: name.En + ", " + p.Core.Title.En}
			for _, ch := range p.Sorted() {
				add(where, city.ID, ch)
			}
		}
	}
	if c != nil {
		for _, ch := range c.Changes() {
			where := decide.Text{Ja: "ページ " + ch.Page.File, En: "page " + ch.Page.File}
			what := decide.Text{Ja: "掲載終了：「" + ch.Page.Title + "」", En: "withdrawn: “" + ch.Page.Title + "”"}
			if ch.Starts {
				what = decide.Text{Ja: "公開：「" + ch.Page.Title + "」", En: "published: “" + ch.Page.Title + "”"}
			}
			item := decide.Text{Ja: ch.Page.Title, En: ch.Page.Title}
			out = append(out, Upcoming{Date: ch.Date, Where: where, What: what, Item: item})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
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
func Scheduled(fsys fs.FS, from, until decide.Date) ([]Upcoming, error) {
	var out []Upcoming
	for d := from; ; {
		errs := &diag.List{}
		var r *rules.Rules
		var c *content.Set
		r = rules.LoadAt(fsys, d, errs)
		c = content.LoadAt(fsys, d, errs)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		next := Next(upcoming(r, c))
		if len(next) == 0 || until.Before(next[0].Date) {
			return out, nil
		}
		out = append(out, next...)
		d = next[0].Date
	}
}
