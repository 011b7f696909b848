package graph

import (
	"strings"
	"testing"

	"github.com/tebiki/tebiki/wasm/decide"
)

// variant returns the sample as city's, with edit applied to it.
func variant(city string, edit func(p *decide.Procedure)) *decide.Procedure {
	p := sample()
	p.City = city
	if edit != nil {
		edit(p)
	}
	return p
}

// TestFlowsKeepsNothingWrong draws flows that share their graph, and flows
// that differ from them in one thing each, through one Flows, several
// times each and interleaved, as a build draws many cities' staff pages:
// each must come out as FlowSVG draws it alone.
func TestFlowsKeepsNothingWrong(t *testing.T) {
	words := benchWords()
	procs := []*decide.Procedure{
		variant("a", nil),
		variant("b", nil), // the same graph as a, another city
		variant("c", func(p *decide.Procedure) { p.Title = tx("別の手続き", "Another procedure") }),
		variant("d", func(p *decide.Procedure) { p.Questions[1].Answers[2].Label = tx("代理人", "A proxy") }),
		variant("e", func(p *decide.Procedure) {
			p.Questions[0].Text = tx("有効期限はいつですか。", "When do they expire?")
		}),
		variant("f", func(p *decide.Procedure) { p.Outcomes[2].Kind = decide.Checklist }),
		variant("g", func(p *decide.Procedure) { // an answer's ID, only
			p.Questions[2].Answers[0].ID = "ok"
			for _, o := range p.Outcomes {
				for _, cl := range o.When {
					for i, a := range cl.Answers {
						if cl.Question == "form" && a == "yes" {
							cl.Answers[i] = "ok"
						}
					}
				}
			}
		}),
		variant("h", func(p *decide.Procedure) { // a question's ID, only
			p.Questions[2].ID = "papers"
			for _, o := range p.Outcomes {
				for i := range o.When {
					if o.When[i].Question == "form" {
						o.When[i].Question = "papers"
					}
				}
			}
		}),
	}
	for _, p := range procs[3:] {
		if errs := p.Validate(); len(errs) > 0 {
			t.Fatalf("%s: %v", p.City, errs)
		}
	}
	type call struct {
		p              *decide.Procedure
		lang, htmlLang string
	}
	var calls []call
	for _, p := range procs {
		for _, l := range [][2]string{{"ja", "ja"}, {"en", "en"}, {"en", "en-GB"}, {"ja", "en"}} {
			calls = append(calls, call{p, l[0], l[1]})
		}
	}
	want := map[int]string{}
	for i, c := range calls {
		want[i] = string(FlowSVG(c.p, c.lang, c.htmlLang, words[c.lang]))
	}
	var f Flows
	for round := 0; round < 3; round++ {
		for i, c := range calls {
			got := string(f.SVG(c.p, c.lang, c.htmlLang, words[c.lang]))
			if got != want[i] {
				t.Errorf("round %d: city %s in %s (%s) differs from FlowSVG:\n%s\nwant\n%s", round, c.p.City, c.lang, c.htmlLang, got, want[i])
			}
		}
	}
	// The cities' drawings differ where they should (else the test above
	// proves nothing).
	distinct := map[string]bool{}
	for i, c := range calls {
		if c.lang == "en" && c.htmlLang == "en" {
			body := strings.ReplaceAll(want[i], "flow-"+c.p.City+"-", "flow-X-")
			distinct[body] = true
		}
	}
	if len(distinct) != len(procs)-1 { // a and b draw alike
		t.Errorf("%d different drawings of %d cities, want %d", len(distinct), len(procs), len(procs)-1)
	}
	if f.drawn == nil || len(f.drawn) == 0 {
		t.Fatal("Flows kept nothing")
	}
	kept := 0
	for _, d := range f.drawn {
		if d != nil {
			kept++
		}
	}
	if kept == 0 {
		t.Error("Flows drew every flow anew: no drawing kept")
	}
}

// TestNoBreakSets checks the switches against the strings they stand for.
func TestNoBreakSets(t *testing.T) {
	for _, c := range []struct {
		set string
		in  func(rune) bool
	}{{noBreakBefore, noBreakBeforeRune}, {noBreakAfter, noBreakAfterRune}} {
		for _, r := range c.set {
			if !c.in(r) {
				t.Errorf("%q is in %q, but the switch says no", r, c.set)
			}
		}
		for r := rune(0); r < 0x10000; r++ {
			if c.in(r) && !strings.ContainsRune(c.set, r) {
				t.Errorf("%q is not in %q, but the switch says yes", r, c.set)
			}
		}
	}
}
