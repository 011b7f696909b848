package site

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/graph"
	"github.com/tebiki/tebiki/generator/internal/jatext"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// View is what a layout sees: the page, the parts of the site every page may
// show (the national rules, the base URL), and helpers that produce relative
// links from this page. It does not hold the whole site: a city's pages can
// only show their own city, so a change to one city rebuilds that city's
// pages alone, whatever the theme (see incremental.go).
type View struct {
	// The page's fields, copied rather than embedded: templates look fields
	// up by name on every use, and a lookup through an embedded struct costs
	// several times more (it was a tenth of the build at national scale).
	Kind    string
	Lang    string
	Path    string
	Content *content.Page
	City    *rules.City
	Proc    *rules.Procedure
	Node    *FlowNode
	// alts, or rest when alts is nil, are the page's (see Page, and
	// Alternates).
	alts map[string]string
	rest string

	// InChecker is set when an outcome is rendered for the guide page's
	// interactive checker rather than for its own page; IDPrefix then keeps
	// its element ids apart from the guide page's (see CheckerOutcomes).
	InChecker bool
	IDPrefix  string

	// National and BaseURL are the parts of the site every page may show.
	National *rules.National
	BaseURL  string

	// Language is the page's language; Languages are all the site's, in
	// order (tebiki.yaml). Words are the page language's patterns for what
	// Tebiki composes (hours, dates, fees).
	Language  *config.Language
	Languages []config.Language
	Words     rules.Words
	// Langs are the codes of the site's languages, in order.
	Langs []string

	site   *Site         // for the helpers; layouts cannot reach it
	Body   template.HTML // the rendered Markdown
	Title  string
	assets map[string]string
	// cities, when not nil, are what Cities lists instead of the site's;
	// usedCities is set once it is called (see light.go).
	cities     []*rules.City
	usedCities bool
	// table is the DecisionTable, once made (a page may ask twice).
	table []graph.Row
	// ctxs holds what ctx made for the page (see newCtx).
	ctxs []Ctx
	home string // Home, once made
}

// dir is the folder of the page's language.
func (v *View) dir() string { return v.Language.Path }

// Cities lists the site's cities, for the pages of no city (the top pages).
// On a city's page it is an error: those pages show their own city only.
func (v *View) Cities() ([]*rules.City, error) {
	if v.City != nil {
		return nil, errCityPage{}
	}
	v.usedCities = true
	if v.cities != nil {
		return v.cities, nil
	}
	return v.site.Rules.Cities, nil
}

type errCityPage struct{}

func (errCityPage) Error() string {
	return "Cities lists every city, for the pages of no city only (the top pages); a city's pages show their own city, .City"
}

// Rel returns the link from this page to the file at path to (from the site root).
func (v *View) Rel(to string) string { return Rel(v.Path, to) }

// Asset returns the link to a theme asset by its entry name, such as "style.css".
func (v *View) Asset(name string) (string, error) {
	p, ok := v.assets[name]
	if !ok {
		return "", errNoAsset(name)
	}
	return Rel(v.Path, p), nil
}

type errNoAsset string

func (e errNoAsset) Error() string { return "the theme has no asset " + string(e) }

// AltHref returns the link to this page in lang: relative, or absolute when
// the site has a base URL.
func (v *View) AltHref(lang string) string {
	if v.BaseURL != "" {
		return v.BaseURL + v.altPath(lang)
	}
	return v.altRel(lang)
}

// SwitchHref returns the visible language switch's link, always relative so
// it works wherever public/ is opened.
func (v *View) SwitchHref(lang string) string { return v.altRel(lang) }

// OtherLangs lists the codes of the languages other than the page's.
func (v *View) OtherLangs() []string {
	var out []string
	for _, l := range v.Langs {
		if l != v.Lang {
			out = append(out, l)
		}
	}
	return out
}

// OtherLanguages lists the site's languages other than the page's, for the
// language switch.
// Every page in a language lists the same: the list is made once per
// language (layouts cannot change it).
func (v *View) OtherLanguages() []config.Language {
	if v.site == nil {
		return otherLanguages(v.Languages, v.Lang)
	}
	s := v.site
	s.othersOnce.Do(func() {
		s.others = map[string][]config.Language{}
		for _, l := range v.Languages {
			s.others[l.Code] = otherLanguages(v.Languages, l.Code)
		}
	})
	if out, ok := s.others[v.Lang]; ok {
		return out
	}
	return otherLanguages(v.Languages, v.Lang)
}

func otherLanguages(langs []config.Language, lang string) []config.Language {
	var out []config.Language
	for _, l := range langs {
		if l.Code != lang {
			out = append(out, l)
		}
	}
	return out
}

// Home returns the link to the top page in the page's language.
// It is made once a page: layouts ask for it more than once.
func (v *View) Home() string {
	if v.home == "" {
		v.home = pageRel(v.Path, v.dir())
	}
	return v.home
}

// CityHref returns the link to a city's home page.
func (v *View) CityHref(c *rules.City) string { return pageRel(v.Path, v.dir(), c.ID) }

// GuideHref returns the link to a procedure's guide page.
func (v *View) GuideHref(p *rules.Procedure) string {
	return pageRel(v.Path, v.dir(), p.City.ID, p.ID)
}

// LangHref returns the link to the page with key in lang, from the root page.
func (v *View) LangHref(lang, key string) string {
	return Rel(v.Path, PagePath(v.site.Dir(lang), key))
}

// Tx returns a rules text in the page's language, as HTML marked by Mark.
// It gives the same for a pointer to a text as for the text: layouts call
// it with the text's address when it has one (see viewcalls.go).
func (v *View) Tx(t any) template.HTML {
	switch t := t.(type) {
	case rules.Text:
		return v.Mark(t.In(v.Lang))
	case decide.Text:
		return v.Mark(t.In(v.Lang))
	case *rules.Text:
		if t == nil {
			return ""
		}
		return v.Mark(t.In(v.Lang))
	case *decide.Text:
		if t == nil {
			return ""
		}
		return v.Mark(t.In(v.Lang))
	case rules.Label:
		return v.Mark(t.In(v.Words))
	case *rules.Label:
		if t == nil {
			return ""
		}
		return v.Mark(t.In(v.Words))
	}
	return ""
}

// Mark returns plain text as HTML for the page's body: Japanese gets break
// opportunities between its phrases, and on pages in other languages each run
// of Japanese is marked lang="ja" (translate="no" on names and terms). See
// package jatext. Text for attributes and <title> stays plain.
func (v *View) Mark(s string) template.HTML { return jatext.HTML(v.Language.HTMLLang, s) }

// Hours renders opening hours in the page's language.
func (v *View) Hours(h rules.Hours) string { return v.site.hours.in(h, v.Lang, v.Words) }

// Closed renders an office's closing days in the page's language ("" when
// the city states none).
func (v *View) Closed(o *rules.Office) string { return o.ClosedIn(v.Words) }

// DateText writes a date in the page's language, such as 2027年3月1日 or
// 1 March 2027.
func (v *View) DateText(d decide.Date) string { return v.Words.Date(d.Y, d.M, d.D, true) }

// Cond renders a rule condition as the answers it needs, for guide pages
// where an item applies only in some cases.
func (v *View) Cond(p *rules.Procedure, c decide.Cond) template.HTML {
	var parts []string
	for _, cl := range c {
		for _, q := range p.Core.Questions {
			if q.ID != cl.Question {
				continue
			}
			var labels []string
			for _, a := range cl.Answers {
				if ans := q.Answer(a); ans != nil {
					labels = append(labels, ans.Label.In(v.Lang))
				}
			}
			parts = append(parts, rules.AnswerPhrase(v.Words, q.Text.In(v.Lang), strings.Join(labels, v.Words.F("labels.sep")), false))
		}
	}
	return v.Mark(strings.Join(parts, v.Words.F("conds.sep")))
}

// Guide splits a procedure's outcomes for the guide page.
type Guide struct {
	NotYet []*decide.Outcome
	Cases  []*decide.Outcome // checklist and contact outcomes, in rule order
}

// Guide returns the outcomes of the page's procedure, grouped.
func (v *View) Guide() Guide {
	var g Guide
	if v.Proc == nil {
		return g
	}
	for _, o := range v.Proc.Core.Outcomes {
		if o.Kind == decide.NotYet {
			g.NotYet = append(g.NotYet, o)
		} else {
			g.Cases = append(g.Cases, o)
		}
	}
	return g
}

// IsContact, SameDay and NotSameDay let layouts test core enums by name.
func (v *View) IsContact(o *decide.Outcome) bool { return o.Kind == decide.Contact }
func (v *View) SameDay(vi *decide.Visit) bool    { return vi.SameDay == decide.SameDay }
func (v *View) NotSameDay(vi *decide.Visit) bool { return vi.SameDay == decide.NotSameDay }
func (v *View) Many(vs []*decide.Visit) bool     { return len(vs) > 1 }
func (v *View) Front() *content.Front            { return &v.Content.Front }

// FlowHref returns the link to the first step of a procedure's checker.
func (v *View) FlowHref(p *rules.Procedure) string { return v.flowHref(p, nil) }

// AnswerHref returns the link to the step after answering ans on this page.
func (v *View) AnswerHref(ans *decide.Answer) string {
	return v.flowHrefThen(v.Proc, v.Node.Segs, ans.ID, true)
}

// ChangeHref returns the link to the step where the i-th answer was given.
func (v *View) ChangeHref(i int) string { return v.flowHref(v.Proc, v.Node.Segs[:i]) }

// Reasons renders answers as "question: answer" phrases.
func (v *View) Reasons(as []decide.Asked) template.HTML {
	var parts []string
	for _, a := range as {
		parts = append(parts, rules.AnswerPhrase(v.Words, a.Question.Text.In(v.Lang), a.Answer.Label.In(v.Lang), true))
	}
	return v.Mark(strings.Join(parts, v.Words.F("answers.sep")))
}

// IsExpiry reports whether q is answered by where today falls against the expiry date.
func (v *View) IsExpiry(q *decide.Question) bool { return q.Kind == decide.Expiry }

// IsNotYet reports whether o says the procedure cannot be done yet.
func (v *View) IsNotYet(o *decide.Outcome) bool { return o.Kind == decide.NotYet }

// Fact returns a national fact by ID, or nil.
func (v *View) Fact(id string) *rules.Fact { return v.National.Fact(id) }

// WindowExample explains the renewal window with the dates the core computes
// for two expiry dates (YYYY-MM-DD), so the example always follows the rule.
func (v *View) WindowExample(a, b string) (template.HTML, error) {
	months := v.National.RenewalWindowMonths
	format, err := v.site.Theme.T(v.Lang, "flow.window_example")
	if err != nil {
		return "", err
	}
	var args []any
	for _, s := range []string{a, b} {
		d, ok := decide.ParseDate(s)
		if !ok {
			return "", errBadDate(s)
		}
		args = append(args, v.DateText(d), v.DateText(decide.RenewalOpens(d, months)))
	}
	return v.Mark(fmt.Sprintf(format, args...)), nil
}

type errBadDate string

func (e errBadDate) Error() string { return "not a date (YYYY-MM-DD): " + string(e) }

// HasChecker reports whether the page gets the interactive checker.
func (v *View) HasChecker() bool {
	_, ok := v.assets["checker.wasm"]
	return ok && v.Proc != nil && v.Proc.Valid
}

// UIStrings returns the theme's UI strings in the page's language, for the checker script.
func (v *View) UIStrings() map[string]string { return v.site.uiStrings(v.Lang) }

// Schedule returns the changes announced on this page: the national facts,
// the city's offices and the procedure's rules, as far as the page shows them.
func (v *View) Schedule() rules.Schedule {
	switch {
	case v.Proc != nil:
		return rules.Merge(v.National.Schedule, v.City.Schedule, v.Proc.Schedule)
	case v.City != nil:
		return v.City.Schedule
	}
	return rules.Schedule{}
}

// Updated returns the page's "updated on" date: the latest change in force
// among its facts, or its prose's updated date, whichever is later.
func (v *View) Updated() decide.Date {
	d := v.Schedule().Updated
	if v.Content != nil {
		if u := v.Content.UpdatedDate(); d.Before(u) {
			d = u
		}
	}
	return d
}

// FlowSVG draws the procedure's flow for the staff page (graph.FlowSVG; a
// graph several cities share is laid out once, see graph.Flows).
func (v *View) FlowSVG() template.HTML {
	return v.site.flows.SVG(v.Proc.Core, v.Lang, v.Language.HTMLLang, v.Words)
}

// DecisionTable lists every path of the procedure with its checklist.
func (v *View) DecisionTable() []graph.Row {
	if v.table == nil {
		v.table = graph.Table(v.Proc.Core)
	}
	return v.table
}
