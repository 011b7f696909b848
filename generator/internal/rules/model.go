package rules

import (
	"strconv"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Rules is everything under rules/, as in force on Date.
type Rules struct {
	Date     decide.Date
	National *National
	Cities   []*City
	// Langs are the codes of the site's languages, in order (tebiki.yaml).
	Langs []string
	// Words are the phrases of each language, from the theme: the caller
	// sets them before running the rule tests, which read the hours as
	// pages write them.
	Words Book
}

// National holds the facts common to every city.
type National struct {
	NationalFile
	Schedule
	facts    map[string]*Fact // in force
	allFacts map[string]bool
	kinds    map[string]*KindFile
	langs    []string
	// texts keeps each text of the rules once while they load
	// (yamlx.Strings); nil after.
	texts *yamlx.Strings
	// broken is set when national.yaml could not be read or decoded: what
	// it would define is unknown, so references to it are not reported
	// (its own problem explains them).
	broken bool
	// sum hashes national.yaml, for the cache of the rule tests.
	sum [32]byte
}

// Fact returns the national fact with the given ID, or nil.
func (n *National) Fact(id string) *Fact { return n.facts[id] }

// Kind returns the kind of procedure with the given ID, or nil.
func (n *National) Kind(id string) *KindFile { return n.kinds[id] }

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
	// sources hash the city's rule files, for the cache of its tests.
	sources sources
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

// Label names what a change list or a report is about: a text of the rules,
// an office, an office's hours or its closing days, or a fee. Each language
// writes it with its own Words (see In).
type Label struct {
	Text   decide.Text
	Office *Office
	Hours  *Hours
	Closed bool
	Fee    *Fee
	IsFee  bool
}

// TextLabel labels a change by a text of the rules.
func TextLabel(t decide.Text) Label { return Label{Text: t} }

// Label names the office, for change lists and reports.
func (o *Office) Label() Label { return Label{Office: o} }

// HoursLabel names the office with hours h, for change lists and reports.
func (o *Office) HoursLabel(h Hours) Label { return Label{Office: o, Hours: &h} }

// ClosedLabel names the office with its closing days, for change lists and
// reports; zero when it states none.
func (o *Office) ClosedLabel() Label {
	if len(o.Closed) == 0 && o.Holidays.Value == "" {
		return Label{}
	}
	return Label{Office: o, Closed: true}
}

// Label states the fee; a nil fee is one the city does not state.
func (f *Fee) Label() Label { return Label{Fee: f, IsFee: true} }

// IsZero reports whether the label names nothing.
func (l Label) IsZero() bool { return l.Text.IsZero() && l.Office == nil && !l.IsFee }

// In writes the label with the words of one language: "三田市役所 市民課",
// "Sanda City Hall, Citizens Division: Weekdays, 8:30 to 17:15", "手数料：無料".
func (l Label) In(w Words) string {
	lang := w.Lang()
	switch {
	case l.IsFee && l.Fee == nil:
		return w.F("fee.none")
	case l.IsFee && l.Fee.Yen == 0:
		return w.F("fee.free")
	case l.IsFee:
		return w.F("fee.yen", "yen", strconv.Itoa(l.Fee.Yen))
	case l.Office != nil:
		name := w.F("office", "building", l.Office.Building.In(lang), "counter", l.Office.Counter.In(lang))
		switch {
		case l.Hours != nil:
			return w.F("labelled", "label", name, "text", l.Hours.In(w))
		case l.Closed:
			return w.F("labelled", "label", name, "text", l.Office.ClosedIn(w))
		}
		return name
	}
	return l.Text.In(lang)
}

// Texts writes the label in every language of the book.
func (l Label) Texts(b Book) decide.Text { return b.Text(l.In) }

// key orders labels of changes on the same day.
func (l Label) key() string {
	switch {
	case l.IsFee:
		return "\x00fee"
	case l.Office != nil:
		k := "\x00" + l.Office.ID
		if l.Hours != nil {
			k += "\x00" + l.Hours.Pos.String()
		}
		if l.Closed {
			k += "\x00closed"
		}
		return k
	}
	return strings.Join(l.Text.Values(), "\x00")
}
