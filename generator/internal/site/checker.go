package site

import (
	"fmt"

	"github.com/tebiki/tebiki/wasm/decide"
)

// The interactive checker on a guide page gets its procedure's rules as JSON
// embedded in the page (fetching a file would fail from file://). The types
// below are that JSON, read by wasm/main_js.go; display texts that the core
// does not decide (offices, hours, fee, contact) come ready-made in the
// page's language.

type jsText struct {
	Ja string `json:"ja"`
	En string `json:"en"`
}

type jsClause struct {
	Question string   `json:"question"`
	Answers  []string `json:"answers"`
}

type jsAnswer struct {
	ID    string `json:"id"`
	Label jsText `json:"label"`
}

type jsQuestion struct {
	ID      string     `json:"id"`
	Kind    string     `json:"kind"`
	Text    jsText     `json:"text"`
	Help    jsText     `json:"help"`
	AskIf   []jsClause `json:"ask_if"`
	Answers []jsAnswer `json:"answers"`
}

type jsItem struct {
	Ref   string     `json:"ref"`
	Text  jsText     `json:"text"`
	Notes []jsText   `json:"notes"`
	When  []jsClause `json:"when"`
	Why   jsText     `json:"why"`
}

type jsVisit struct {
	Title   jsText   `json:"title"`
	SameDay string   `json:"same_day"`
	Note    jsText   `json:"note"`
	Items   []jsItem `json:"items"`
}

type jsOutcome struct {
	ID       string     `json:"id"`
	Kind     string     `json:"kind"`
	When     []jsClause `json:"when"`
	Title    jsText     `json:"title"`
	Summary  jsText     `json:"summary"`
	Visits   []jsVisit  `json:"visits"`
	Warnings []jsItem   `json:"warnings"`
}

type jsOffice struct {
	Name  string   `json:"name"`
	Hours []string `json:"hours"`
	Note  string   `json:"note"`
}

// CheckerRules is the JSON the checker script and the WebAssembly core read.
type CheckerRules struct {
	City         string       `json:"city"`
	ID           string       `json:"id"`
	Title        jsText       `json:"title"`
	WindowMonths int          `json:"window_months"`
	TimeZone     string       `json:"time_zone"` // the site's zone: "today" for the date helper
	Questions    []jsQuestion `json:"questions"`
	Outcomes     []jsOutcome  `json:"outcomes"`
	Offices      []jsOffice   `json:"offices"`
	Fee          string       `json:"fee"`
	Notes        []string     `json:"notes"`
	Flow         string       `json:"flow"` // link to the static flow, relative to the page
}

func jt(t decide.Text) jsText { return jsText{t.Ja, t.En} }

func jc(c decide.Cond) []jsClause {
	out := []jsClause{}
	for _, cl := range c {
		out = append(out, jsClause{cl.Question, cl.Answers})
	}
	return out
}

func ji(items []*decide.Item) []jsItem {
	out := []jsItem{}
	for _, it := range items {
		notes := []jsText{}
		for _, n := range it.Notes {
			notes = append(notes, jt(n))
		}
		out = append(out, jsItem{Ref: it.Ref, Text: jt(it.Text), Notes: notes, When: jc(it.When), Why: jt(it.Why)})
	}
	return out
}

// CheckerRules returns the rules of the page's procedure for the checker.
func (v *View) CheckerRules() (*CheckerRules, error) {
	p := v.Proc
	core := p.Core
	r := &CheckerRules{City: core.City, ID: core.ID, Title: jt(core.Title), WindowMonths: core.WindowMonths,
		Questions: []jsQuestion{}, Outcomes: []jsOutcome{}, Offices: []jsOffice{}, Notes: []string{}, Flow: v.FlowHref(p), TimeZone: v.Site.timeZone()}
	for _, q := range core.Questions {
		jq := jsQuestion{ID: q.ID, Kind: "choice", Text: jt(q.Text), Help: jt(q.Help), AskIf: jc(q.AskIf), Answers: []jsAnswer{}}
		if q.Kind == decide.Expiry {
			jq.Kind = "expiry"
		}
		for _, a := range q.Answers {
			jq.Answers = append(jq.Answers, jsAnswer{a.ID, jt(a.Label)})
		}
		r.Questions = append(r.Questions, jq)
	}
	for _, o := range core.Outcomes {
		jo := jsOutcome{ID: o.ID, Kind: [...]string{"checklist", "not_yet", "contact"}[o.Kind], When: jc(o.When),
			Title: jt(o.Title), Summary: jt(o.Summary), Visits: []jsVisit{}, Warnings: ji(o.Warnings)}
		for _, vi := range o.Visits {
			jo.Visits = append(jo.Visits, jsVisit{Title: jt(vi.Title), SameDay: [...]string{"", "yes", "no"}[vi.SameDay], Note: jt(vi.Note), Items: ji(vi.Items)})
		}
		r.Outcomes = append(r.Outcomes, jo)
	}
	for _, o := range p.Offices {
		jo := jsOffice{Name: o.Building.In(v.Lang) + " " + o.Counter.In(v.Lang), Hours: []string{}, Note: o.Note.In(v.Lang)}
		jo.Hours = append(jo.Hours, o.HoursIn(v.Lang)...)
		r.Offices = append(r.Offices, jo)
	}
	if p.Fee != nil {
		if p.Fee.Yen == 0 {
			s, err := v.Site.Theme.T(v.Lang, "fee.free")
			if err != nil {
				return nil, err
			}
			r.Fee = s
		} else {
			f, err := v.Site.Theme.T(v.Lang, "fee.yen")
			if err != nil {
				return nil, err
			}
			r.Fee = fmt.Sprintf(f, yen(p.Fee.Yen))
		}
	}
	for _, n := range p.Notes {
		r.Notes = append(r.Notes, n.In(v.Lang))
	}
	return r, nil
}
