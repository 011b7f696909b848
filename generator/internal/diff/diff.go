// Package diff is the review step before republishing: it compares two
// versions of the site (two dates, two revisions, or a published folder and
// the working tree) as residents would meet them. Compare compares the rules:
// for every combination of answers, which outcome they reach and what they
// must bring on each visit, plus the offices, hours and fee of each
// procedure. CompareSites (review.go) compares the whole built site: pages,
// announcements, UI strings and the text of every page, with the rules.
//
// It sits above the build (it builds both versions with package site); only
// the command line imports it.
package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Line is one difference, in each language of the site.
type Line struct {
	Op   string // "+" added, "-" removed, "~" changed
	Text decide.Text
}

// Case is the differences for one combination of answers.
type Case struct {
	Answers []decide.Asked // as asked on the side that has them
	Lines   []Line
}

// Proc is the differences in one procedure of one city.
type Proc struct {
	City, ID string
	CityName decide.Text
	Title    decide.Text
	Status   string    // "", "added" or "removed"
	Where    []Line    // offices, hours and fee
	Pages    []PageRef // the pages of the procedure that show the change (set by CompareSites)
	Cases    []Case
}

// Report is the whole comparison.
type Report struct {
	From, To string // labels of the two sides
	Procs    []Proc
	// Langs are the codes of the site's languages, in order; Words their
	// phrases (the new side's).
	Langs []string
	Words rules.Book
}

// Empty reports whether nothing changes for residents.
func (r *Report) Empty() bool { return len(r.Procs) == 0 }

// Compare compares the rules a (before) and b (after).
func Compare(fromLabel, toLabel string, a, b *rules.Rules) *Report {
	rep := &Report{From: fromLabel, To: toLabel, Langs: b.Langs, Words: b.Words}
	type key struct{ city, proc string }
	procs := map[key][2]*rules.Procedure{}
	var keys []key
	for i, r := range []*rules.Rules{a, b} {
		for _, c := range r.Cities {
			for _, p := range c.Procedures {
				k := key{c.ID, p.ID}
				pair, seen := procs[k]
				if !seen {
					keys = append(keys, k)
				}
				pair[i] = p
				procs[k] = pair
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].city != keys[j].city {
			return keys[i].city < keys[j].city
		}
		return keys[i].proc < keys[j].proc
	})
	for _, k := range keys {
		pa, pb := procs[k][0], procs[k][1]
		any := pa
		if any == nil {
			any = pb
		}
		d := Proc{City: k.city, ID: k.proc, CityName: any.City.Name.D(), Title: any.Core.Title}
		switch {
		case pa == nil:
			d.Status = "added"
		case pb == nil:
			d.Status = "removed"
		default:
			d.Where = compareWhere(pa, pb, b.Words)
			d.Cases = compareCases(pa.Core, pb.Core, b.Words)
		}
		if d.Status != "" || len(d.Where) > 0 || len(d.Cases) > 0 {
			rep.Procs = append(rep.Procs, d)
		}
	}
	return rep
}

func where(p *rules.Procedure, book rules.Book) []decide.Text {
	var out []decide.Text
	for _, o := range p.Offices {
		for _, h := range o.Hours {
			out = append(out, o.HoursLabel(h).Texts(book))
		}
		if len(o.Hours) == 0 {
			out = append(out, o.Label().Texts(book))
		}
		if c := o.ClosedLabel(); !c.IsZero() {
			out = append(out, c.Texts(book)) // closing days and national holidays
		}
	}
	return append(out, p.Fee.Label().Texts(book))
}

func compareWhere(a, b *rules.Procedure, book rules.Book) []Line {
	return setDiff(where(a, book), where(b, book))
}

// setDiff lists what is only in a ("-") and only in b ("+"), keeping order.
func setDiff(a, b []decide.Text) []Line {
	in := func(xs []decide.Text, t decide.Text) bool {
		for _, x := range xs {
			if x.Equal(t) {
				return true
			}
		}
		return false
	}
	var out []Line
	for _, t := range a {
		if !in(b, t) {
			out = append(out, Line{"-", t})
		}
	}
	for _, t := range b {
		if !in(a, t) {
			out = append(out, Line{"+", t})
		}
	}
	return out
}

func pathKey(asked []decide.Asked) string {
	var parts []string
	for _, x := range asked {
		parts = append(parts, x.Question.ID+"="+x.Answer.ID)
	}
	return strings.Join(parts, ",")
}

// compareCases compares the outcome of every answer combination of either side.
func compareCases(a, b *decide.Procedure, book rules.Book) []Case {
	var out []Case
	seen := map[string]bool{}
	for side, p := range []*decide.Procedure{a, b} {
		for _, path := range p.Paths() {
			k := pathKey(path.Asked)
			if seen[k] {
				continue
			}
			seen[k] = true
			ra, ea := a.Decide(path.Answers)
			rb, eb := b.Decide(path.Answers)
			c := Case{Answers: path.Asked}
			switch {
			case ea != nil || eb != nil:
				continue // invalid rules are reported by check, not here
			case ra.Next != nil && side == 1:
				c.Lines = []Line{{"+", book.Text(func(w rules.Words) string { return w.F("diff.new_answers") })}}
			case rb.Next != nil || pathKey(rb.Asked) != k:
				c.Lines = []Line{{"-", book.Text(func(w rules.Words) string { return w.F("diff.gone_answers") })}}
			case ra.Next != nil || pathKey(ra.Asked) != k:
				c.Lines = []Line{{"+", book.Text(func(w rules.Words) string { return w.F("diff.new_answers") })}}
			default:
				c.Lines = compareResults(ra, rb, book)
			}
			if len(c.Lines) > 0 {
				out = append(out, c)
			}
		}
	}
	return out
}

func checklist(r *decide.Result, book rules.Book) []decide.Text {
	var out []decide.Text
	add := func(f func(w rules.Words) string) { out = append(out, book.Text(f)) }
	n := len(r.Visits)
	for i, v := range r.Visits {
		visit := func(w rules.Words, s string) string {
			if n > 1 {
				return w.F("diff.visit", "n", itoa(i+1), "text", s)
			}
			return s
		}
		switch v.Visit.SameDay {
		case decide.SameDay:
			add(func(w rules.Words) string { return visit(w, w.F("diff.same_day")) })
		case decide.NotSameDay:
			add(func(w rules.Words) string { return visit(w, w.F("diff.not_same_day")) })
		}
		for _, it := range v.Items {
			add(func(w rules.Words) string { return visit(w, w.F("diff.bring", "text", it.Item.Text.In(w.Lang()))) })
			for _, note := range it.Item.Notes {
				add(func(w rules.Words) string { return visit(w, w.F("diff.note", "text", note.In(w.Lang()))) })
			}
		}
	}
	for _, it := range r.Warnings {
		add(func(w rules.Words) string { return w.F("diff.warning", "text", it.Item.Text.In(w.Lang())) })
	}
	return out
}

func compareResults(a, b *decide.Result, book rules.Book) []Line {
	var out []Line
	if !a.Outcome.Title.Equal(b.Outcome.Title) {
		out = append(out, Line{"~", book.Text(func(w rules.Words) string {
			return w.F("diff.outcome", "from", a.Outcome.Title.In(w.Lang()), "to", b.Outcome.Title.In(w.Lang()))
		})})
	}
	if len(a.Visits) != len(b.Visits) {
		out = append(out, Line{"~", book.Text(func(w rules.Words) string {
			return w.F("diff.visits", "from", itoa(len(a.Visits)), "to", itoa(len(b.Visits)))
		})})
	}
	return append(out, setDiff(checklist(a, book), checklist(b, book))...)
}

func itoa(n int) string { return strconv.Itoa(n) }
