package decide

import "testing"

// A duplicate ID names both places, as Go's compiler does.
func TestRedeclaredNamesBothPlaces(t *testing.T) {
	p := sample()
	dup := *p.Questions[1]
	dup.Pos = pos(8)
	p.Questions = append(p.Questions, &dup)
	expectValidation(t, p, `r.yaml:8:3: question "form" is redeclared; first declared at r.yaml:5:3`)

	p = sample()
	p.Questions[0].Answers[0].Pos = pos(2)
	p.Questions[0].Answers = append(p.Questions[0].Answers, &Answer{ID: "self", Label: tx("Again"), Pos: pos(4)})
	expectValidation(t, p, `r.yaml:4:3: answer "self" is redeclared in question "who"; first declared at r.yaml:2:3`)

	p = sample()
	o := *p.Outcomes[1]
	o.Pos = pos(14)
	o.When = Cond{{Question: "who", Answers: []string{"nobody"}}}
	p.Outcomes = append(p.Outcomes, &o)
	got := p.Validate()
	if len(got) == 0 || got[0].Error() != `r.yaml:14:3: outcome "proxy" is redeclared; first declared at r.yaml:12:3` {
		t.Errorf("Validate() = %v", got)
	}
}
