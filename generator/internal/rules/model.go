package rules

import (
	"fmt"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Rules is everything under rules/, as in force on Date.
type Rules struct {
	Date     decide.Date
	National *National
	Cities   []*City
}

// National holds the facts common to every city.
type National struct {
	NationalFile
	Schedule
	facts    map[string]*Fact // in force
	allFacts map[string]bool
	kinds    map[string]*KindFile
	// broken is set when national.yaml could not be read or decoded: what
	// it would define is unknown, so references to it are not reported
	// (its own problem explains them).
	broken bool
}

// Fact returns the national fact with the given ID, or nil.
func (n *National) Fact(id string) *Fact { return n.facts[id] }

// City is one city's facts and procedures.
type City struct {
	ID string
	CityFile
	Schedule
	Procedures []*Procedure
	File       string
	allOffices map[string]bool
	unreadable []string   // procedure files that could not be decoded
	marks      *diag.List // TODO markers in its files, reported after loading
	// noIDs is set when an office, document or notice of city.yaml has no
	// ID (reported): references to it cannot be told from mistakes.
	noIDs bool
}

// Office returns the office with the given ID, or nil.
func (c *City) Office(id string) *Office {
	for i := range c.Offices {
		if c.Offices[i].ID == id {
			return &c.Offices[i]
		}
	}
	return nil
}

// Procedure returns the procedure with the given ID, or nil.
func (c *City) Procedure(id string) *Procedure {
	for _, p := range c.Procedures {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Procedure is one procedure of one city.
type Procedure struct {
	ID      string
	City    *City
	Kind    *KindFile
	Facts   []*Fact
	Offices []*Office
	Fee     *Fee
	Notes   []Text
	Core    *decide.Procedure
	Schedule
	File string
	// TestsRun counts the rule tests run for this procedure.
	TestsRun int
	// Valid reports that the core found no problem in the rules.
	Valid  bool
	broken bool
	uses   []use
}

// Label names the office in both languages, for change lists and reports.
func (o *Office) Label() decide.Text {
	return decide.Text{Ja: o.Building.Ja + " " + o.Counter.Ja, En: o.Building.En + ", " + o.Counter.En}
}

// HoursLabel names the office with hours h, for change lists and reports.
func (o *Office) HoursLabel(h Hours) decide.Text {
	l := o.Label()
	return decide.Text{Ja: l.Ja + "：" + h.In("ja"), En: l.En + ": " + h.In("en")}
}

// Label states the fee in both languages; a nil fee is one the city does not state.
func (f *Fee) Label() decide.Text {
	if f == nil {
		return decide.Text{Ja: "手数料：記載なし", En: "Fee: not stated"}
	}
	if f.Yen == 0 {
		return decide.Text{Ja: "手数料：無料", En: "Fee: free of charge"}
	}
	return decide.Text{Ja: fmt.Sprintf("手数料：%d円", f.Yen), En: fmt.Sprintf("Fee: %d yen", f.Yen)}
}
