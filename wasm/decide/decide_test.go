package decide

import (
	"strings"
	"testing"
)

func pos(line int) Pos { return Pos{File: "r.yaml", Line: line, Col: 3} }

func tx(s string) Text { return TextOf("ja", s+"(ja)", "en", s) }

// sample is a small procedure: who goes, and for a proxy whether the form is there.
func sample() *Procedure {
	who := &Question{ID: "who", Text: tx("Who?"), Pos: pos(1), Answers: []*Answer{
		{ID: "self", Label: tx("Holder")}, {ID: "proxy", Label: tx("Proxy")}}}
	form := &Question{ID: "form", Text: tx("Form?"), Pos: pos(5), AskIf: Cond{{Question: "who", Answers: []string{"proxy"}}},
		Answers: []*Answer{{ID: "yes", Label: tx("Yes")}, {ID: "no", Label: tx("No")}}}
	card := &Item{Ref: "card", Text: tx("Card"), Pos: pos(20)}
	formItem := &Item{Ref: "form", Text: tx("Form"), Pos: pos(21)}
	id := &Item{Ref: "id", Text: tx("ID"), Pos: pos(22), When: Cond{{Question: "form", Answers: []string{"yes"}}}}
	return &Procedure{ID: "p", Pos: Pos{File: "r.yaml", Line: 1, Col: 1}, WindowMonths: 3, Questions: []*Question{who, form}, Outcomes: []*Outcome{
		{ID: "self", When: Cond{{Question: "who", Answers: []string{"self"}}}, Pos: pos(10),
			Visits: []*Visit{{Items: []*Item{card}}}},
		{ID: "proxy", When: Cond{{Question: "who", Answers: []string{"proxy"}}}, Pos: pos(12),
			Visits: []*Visit{{Items: []*Item{card, formItem, id}}}},
	}}
}

func TestDecideAsksOnlyRelevantQuestions(t *testing.T) {
	p := sample()
	r, err := p.Decide(Answers{})
	if err != nil || r.Next == nil || r.Next.ID != "who" {
		t.Fatalf("first step = %+v, %v; want question who", r, err)
	}
	// The holder is never asked about the form, even if an answer is left over.
	r, err = p.Decide(Answers{"who": "self", "form": "no"})
	if err != nil || r.Outcome == nil || r.Outcome.ID != "self" {
		t.Fatalf("holder: %+v, %v", r, err)
	}
	if len(r.Asked) != 1 {
		t.Errorf("holder was asked %d questions, want 1", len(r.Asked))
	}
	r, _ = p.Decide(Answers{"who": "proxy"})
	if r.Next == nil || r.Next.ID != "form" {
		t.Fatalf("proxy: next = %+v, want form", r.Next)
	}
}

func TestDecideExplainsItems(t *testing.T) {
	r, err := sample().Decide(Answers{"who": "proxy", "form": "yes"})
	if err != nil {
		t.Fatal(err)
	}
	items := r.Visits[0].Items
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3", len(items))
	}
	id := items[2]
	if id.Item.Ref != "id" || len(id.Own) != 1 || id.Own[0].Question.ID != "form" {
		t.Errorf("id item own reasons = %+v", id.Own)
	}
	var because []string
	for _, a := range id.Because {
		because = append(because, a.Question.ID+"="+a.Answer.ID)
	}
	if got := strings.Join(because, ","); got != "who=proxy,form=yes" {
		t.Errorf("because = %s", got)
	}
	r, _ = sample().Decide(Answers{"who": "proxy", "form": "no"})
	if n := len(r.Visits[0].Items); n != 2 {
		t.Errorf("without the form: %d items, want 2 (the ID item is conditional)", n)
	}
}

func TestDecideRejectsUnknownAnswer(t *testing.T) {
	_, err := sample().Decide(Answers{"who": "cat"})
	if err == nil || !strings.Contains(err.Error(), `r.yaml:1:3: question who has no answer "cat"`) {
		t.Errorf("err = %v", err)
	}
}

func TestPaths(t *testing.T) {
	var got []string
	for _, p := range sample().Paths() {
		got = append(got, p.Answers.String(sample())+"->"+p.Outcomes[0].ID)
	}
	want := "who=self->self | who=proxy, form=yes->proxy | who=proxy, form=no->proxy"
	if strings.Join(got, " | ") != want {
		t.Errorf("paths = %s", strings.Join(got, " | "))
	}
}

func expectValidation(t *testing.T, p *Procedure, want ...string) {
	t.Helper()
	var got []string
	for _, e := range p.Validate() {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Validate():\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestValidate(t *testing.T) {
	expectValidation(t, sample())

	p := sample()
	p.Outcomes[1].When[0].Answers = []string{"proxi"}
	p.Outcomes[1].When[0].Pos = pos(13)
	expectValidation(t, p, `r.yaml:13:3: question "who" has no answer "proxi"; its answers are self, proxy`)

	p = sample()
	p.Outcomes[1].When = nil // matches every path: the holder reaches two outcomes
	expectValidation(t, p, `r.yaml:12:3: the answers who=self reach more than one outcome: self (r.yaml:10:3), proxy (r.yaml:12:3); make their "when" exclusive`)

	p = sample()
	p.Outcomes = p.Outcomes[:1]
	expectValidation(t, p,
		`r.yaml:1:1: no outcome for the answers who=proxy, form=yes; add an outcome whose "when" covers them`,
		`r.yaml:1:1: no outcome for the answers who=proxy, form=no; add an outcome whose "when" covers them`)

	p = sample()
	p.Questions[1].AskIf = Cond{{Question: "who", Answers: []string{"self"}}, {Question: "who", Answers: []string{"proxy"}}}
	expectValidation(t, p,
		`r.yaml:5:3: question "form" can never be asked: no answers to earlier questions satisfy its ask_if`,
		`r.yaml:22:3: this item never applies: its "when" never holds together with the outcome's`)

	p = sample()
	p.Outcomes = append(p.Outcomes, &Outcome{ID: "ghost", Pos: pos(30), When: Cond{{Question: "who", Answers: []string{"self"}}, {Question: "form", Answers: []string{"yes"}}}})
	expectValidation(t, p, `r.yaml:30:3: outcome "ghost" is never reached: no combination of answers satisfies its "when"`)

	p = sample()
	p.Questions[0].AskIf = Cond{{Question: "form", Answers: []string{"yes"}, Pos: pos(2)}}
	expectValidation(t, p, `r.yaml:2:3: question "who" depends on "form", which is asked after it; move it below`)

	p = sample()
	p.Questions[1].Kind = Expiry
	expectValidation(t, p,
		`r.yaml:5:3: expiry question "form" needs the answer "too_early"`,
		`r.yaml:5:3: expiry question "form" needs the answer "open"`,
		`r.yaml:5:3: expiry question "form" needs the answer "expired"`,
		`-: an expiry question has only the answers too_early, open and expired, not "yes"`,
		`-: an expiry question has only the answers too_early, open and expired, not "no"`)
}

// FuzzDecide checks that any answers give a question, an outcome or a
// positioned error, never a panic.
func FuzzDecide(f *testing.F) {
	f.Add("who", "proxy", "form", "yes")
	f.Add("who", "self", "", "")
	f.Add("form", "no", "who", "nobody")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, q1, a1, q2, a2 string) {
		p := sample()
		r, err := p.Decide(Answers{q1: a1, q2: a2})
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Pos.File == "" {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		if (r.Next == nil) == (r.Outcome == nil) {
			t.Fatalf("want exactly one of next question and outcome: %+v", r)
		}
	})
}
