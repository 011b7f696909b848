package decide

import (
	"strings"
	"testing"
)

func TestWireEscapesForHTML(t *testing.T) {
	p := sample()
	p.Questions[0].Text = TextOf("ja", "</script><b>&\u2028\"\\\n", "en", "x")
	wire := EncodeProcedure(p, "")
	for _, bad := range []string{"<", ">", "&", "\u2028", "\n"} {
		if strings.Contains(wire, bad) {
			t.Errorf("the wire form has %q: %s", bad, wire)
		}
	}
	back, err := DecodeProcedure(wire)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Questions[0].Text; !got.Equal(p.Questions[0].Text) {
		t.Errorf("text reads back as %q, want %q", got, p.Questions[0].Text)
	}
}

// Texts carry whatever languages the site lists, and a page's wire form
// carries its own language only.
func TestWireTextLanguages(t *testing.T) {
	p := sample()
	p.Questions[0].Text = TextOf("ja", "日本語", "en", "English", "easy", "やさしい", "vi", "Tiếng Việt")
	back, err := DecodeProcedure(EncodeProcedure(p, ""))
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Questions[0].Text; !got.Equal(p.Questions[0].Text) {
		t.Errorf("all languages: %q, want %q", got, p.Questions[0].Text)
	}
	if EncodeProcedure(p, "") != EncodeProcedure(p, "") {
		t.Error("the wire form is not the same bytes twice")
	}
	back, err = DecodeProcedure(EncodeProcedure(p, "vi"))
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Questions[0].Text; len(got) != 1 || got.In("vi") != "Tiếng Việt" {
		t.Errorf("one language: %q", got)
	}
}

func TestDecodeProcedureRejects(t *testing.T) {
	for _, s := range []string{"", "[]", "{", `{"questions":[{"id":"q","kind":"dates"}]}`, `{"questions":[{"id":"who","answers":[{"id":"a"}]}],"outcomes":[{"id":"o","kind":"maybe"}]}`,
		strings.Repeat("[", 100) + strings.Repeat("]", 100), `{"id":"x"} {}`} {
		if p, err := DecodeProcedure(s); err == nil {
			t.Errorf("DecodeProcedure(%.40q) = %+v, want an error", s, p)
		}
	}
}

func TestExpiryStepWire(t *testing.T) {
	e := ExpiryStepOf("2027-08-31", "", "", "", "2027-06-01", 3)
	if e.Error != "" || e.Status != Open || e.Opens.String() != "2027-05-31" {
		t.Fatalf("%+v", e)
	}
	back, err := DecodeExpiryStep(e.Encode())
	if err != nil || back != e {
		t.Errorf("%s reads back as %+v, %v", e.Encode(), back, err)
	}
	if bad := ExpiryStepOf("2027-02-30", "", "", "", "2027-06-01", 3); bad.Error == "" {
		t.Errorf("a bad date gives %+v", bad)
	}
}

func TestEnumsSpelling(t *testing.T) {
	for _, k := range []QuestionKind{Choice, Expiry} {
		if back, ok := ParseQuestionKind(k.String()); !ok || back != k {
			t.Errorf("question kind %d: %q reads back as %v", k, k, back)
		}
	}
	for _, k := range []OutcomeKind{Checklist, NotYet, Contact} {
		if back, ok := ParseOutcomeKind(k.String()); !ok || back != k {
			t.Errorf("outcome kind %d: %q reads back as %v", k, k, back)
		}
	}
	for _, c := range []Completion{Unstated, SameDay, NotSameDay} {
		if back, ok := ParseCompletion(c.String()); !ok || back != c {
			t.Errorf("completion %d: %q reads back as %v", c, c, back)
		}
	}
	if _, ok := ParseOutcomeKind("notyet"); ok {
		t.Error("notyet parses")
	}
}

func FuzzDecodeProcedure(f *testing.F) {
	f.Add(EncodeProcedure(sample(), ""))
	f.Add(`{"questions":[{"id":"a\ud83d\ude00"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := DecodeProcedure(s)
		if err != nil {
			return
		}
		if _, err := DecodeProcedure(EncodeProcedure(p, "")); err != nil {
			t.Fatalf("%q decodes, but its re-encoding does not: %v", s, err)
		}
	})
}
