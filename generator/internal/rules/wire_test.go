package rules

import (
	"strings"
	"testing"

	"github.com/tebiki/tebiki/wasm/decide"
)

// The contract between the generator, the page and the WebAssembly core,
// checked natively on the real rules: the procedure's wire form reads back
// to a procedure that, on every path, keeps the same answers, asks the same
// questions with the same texts and reaches the same outcome as the
// procedure the generator loaded; every step reads back from its own wire
// form; and nothing on the wire can close the page's <script> element.
func TestWireContract(t *testing.T) {
	r, _, errs := load(repo(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	n := 0
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			for _, lang := range []string{"", "ja", "en"} {
				wire := decide.EncodeProcedure(p.Core, lang)
				if strings.Contains(wire, "<") {
					t.Errorf("%s/%s: the wire form has a '<'", c.ID, p.ID)
				}
				back, err := decide.DecodeProcedure(wire)
				if err != nil {
					t.Fatalf("%s/%s (%q): %v", c.ID, p.ID, lang, err)
				}
				if again := decide.EncodeProcedure(back, lang); again != wire {
					t.Errorf("%s/%s: encoding is not stable:\n%s\n%s", c.ID, p.ID, wire, again)
				}
				for i, q := range p.Core.Questions {
					bq := back.Questions[i]
					if bq.ID != q.ID || bq.Kind != q.Kind || (lang != "" && bq.Text.In(lang) != q.Text.In(lang)) || (lang == "" && !bq.Text.Equal(q.Text)) || len(bq.Answers) != len(q.Answers) {
						t.Errorf("%s/%s: question %s reads back as %+v", c.ID, p.ID, q.ID, bq)
					}
				}
				for _, path := range p.Core.Paths() {
					n++
					frag := decide.FragmentOf(path.Asked)
					st := back.Step("#" + frag)
					native := p.Core.Step("#" + frag)
					if st.Error != "" || st.Dropped || st.Outcome != path.Outcomes[0].ID || st.Fragment != frag {
						t.Errorf("%s/%s: %s gives %+v, want outcome %s", c.ID, p.ID, frag, st, path.Outcomes[0].ID)
					}
					if st.Encode() != native.Encode() {
						t.Errorf("%s/%s: %s: the core in the browser says %s, the generator's %s", c.ID, p.ID, frag, st.Encode(), native.Encode())
					}
					dec, err := decide.DecodeStep(st.Encode())
					if err != nil || dec.Encode() != st.Encode() {
						t.Errorf("%s/%s: step %s reads back as %+v, %v", c.ID, p.ID, st.Encode(), dec, err)
					}
					// Each step on the way asks the question the native core asks.
					for k := range path.Asked {
						part := back.Step("#" + decide.FragmentOf(path.Asked[:k]))
						if part.Next != path.Asked[k].Question.ID {
							t.Errorf("%s/%s: after %d answers of %s the wire core asks %q, want %q", c.ID, p.ID, k, frag, part.Next, path.Asked[k].Question.ID)
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no paths")
	}
}

// The loader's hints for an unknown kind name every kind the core knows, so
// a kind added in the core (decide/enums.go) is not forgotten in the hint.
func TestKindHintsNameEveryKind(t *testing.T) {
	for _, c := range []struct {
		old, new string
		names    []string
	}{
		{"kind: expiry", "kind: dates", decide.QuestionKindNames()},
		{"kind: not_yet", "kind: later", decide.OutcomeKindNames()},
	} {
		fsys := repo(t)
		replace(t, fsys, "rules/sanda/renewal.yaml", c.old, c.new)
		_, _, errs := load(fsys)
		all := strings.Join(errs, "\n")
		for _, n := range c.names {
			if !strings.Contains(all, `"`+n+`"`) {
				t.Errorf("%s: the hint does not name %q:\n%s", c.new, n, all)
			}
		}
	}
}
