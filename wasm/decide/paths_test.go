package decide

import (
	"strings"
	"testing"
)

// Paths walks with one map of answers, restored on the way back: a later
// question with the ID of an earlier one (an error reported by Validate)
// overrides its answer below it only, as when every step had its own copy.
func TestPathsWithRepeatedQuestionID(t *testing.T) {
	p := sample()
	again := &Question{ID: "who", Text: tx("Who again?"), Pos: pos(7), Answers: []*Answer{{ID: "x", Label: tx("X")}}}
	p.Questions = append(p.Questions, again)
	var got []string
	for _, path := range p.Paths() {
		var asked []string
		for _, a := range path.Asked {
			asked = append(asked, a.Question.ID+"="+a.Answer.ID)
		}
		got = append(got, strings.Join(asked, ",")+" => who="+path.Answers["who"])
	}
	want := "who=self,who=x => who=x | who=proxy,form=yes,who=x => who=x | who=proxy,form=no,who=x => who=x"
	if strings.Join(got, " | ") != want {
		t.Errorf("paths:\n%s\nwant:\n%s", strings.Join(got, " | "), want)
	}
}
