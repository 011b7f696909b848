package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// coreCase is one rule test as the page's script gets it.
type coreCase struct {
	Name     string            `json:"name"`
	Answers  map[string]string `json:"answers"`
	Expiry   map[string]string `json:"expiry,omitempty"` // printed, issued, birthday, stay_until
	Today    string            `json:"today,omitempty"`
	Question string            `json:"question,omitempty"` // the expiry question, set with Expiry
}

// coreResult is what a core decided, reduced to what rule tests check.
type coreResult struct {
	Error   string       `json:"error"`
	Next    string       `json:"next"`
	Outcome string       `json:"outcome"`
	Asked   []string     `json:"asked"` // question=answer, in order
	Expiry  *expiryValue `json:"expiry"`
}

type expiryValue struct {
	Error  string `json:"error"`
	Expiry string `json:"expiry"`
	Opens  string `json:"opens"`
	Status string `json:"status"`
}

func (r coreResult) String() string {
	b, _ := json.Marshal(r)
	return string(b)
}

// runCasesJS runs the cases (bound to the name cases) through the page's
// WebAssembly core, loaded with the rules embedded in the page. Answers go
// in as the page address records them; the core's steps and expiry
// computations come back in its wire format.
const runCasesJS = `(() => {
	const text = document.querySelector(".checker-rules").textContent;
	const rules = JSON.parse(text);
	const h = JSON.parse(tebikiCore.load(text));
	if (typeof h.handle !== "number") return [{error: "load: " + h.error}];
	return cases.map((c) => {
		const answers = {...c.answers};
		let expiry = null;
		if (c.expiry) {
			const x = c.expiry;
			const e = JSON.parse(tebikiCore.expiry(x.printed || "", x.issued || "", x.birthday || "", x.stay_until || "", c.today, rules.window_months));
			expiry = {error: e.error || "", expiry: e.expiry || "", opens: e.opens || "", status: e.status || ""};
			if (!e.error) answers[c.question] = e.status;
		}
		const frag = "#check=" + Object.entries(answers).map(([q, a]) => q + ":" + a).join(",");
		const r = JSON.parse(tebikiCore.step(h.handle, frag));
		const out = {error: r.error || "", next: r.next || "", outcome: r.outcome || "", asked: (r.asked || []).map((a) => a[0] + "=" + a[1]), expiry};
		if (r.dropped) out.error = "dropped answers of " + frag;
		return out;
	});
})()`

// nativeResult is what the native core decides for the case.
func nativeResult(p *decide.Procedure, c coreCase) coreResult {
	a := decide.Answers{}
	for k, v := range c.Answers {
		a[k] = v
	}
	out := coreResult{Asked: []string{}}
	if c.Expiry != nil {
		e := &expiryValue{}
		out.Expiry = e
		var in decide.ExpiryInput
		ok := true
		for k, dst := range map[string]*decide.Date{"printed": &in.Printed, "issued": &in.Issued, "birthday": &in.Birthday, "stay_until": &in.StayUntil} {
			if s := c.Expiry[k]; s != "" {
				d, okd := decide.ParseDate(s)
				ok = ok && okd
				*dst = d
			}
		}
		today, okToday := decide.ParseDate(c.Today)
		exp, okExp := in.Expiry()
		switch {
		case !ok || !okToday || !okExp:
			e.Error = "no expiry"
		default:
			e.Expiry = exp.String()
			e.Opens = decide.RenewalOpens(exp, p.WindowMonths).String()
			e.Status = decide.ExpiryStatus(exp, today, p.WindowMonths)
			a[c.Question] = e.Status
		}
	}
	r, err := p.Decide(a)
	if err != nil {
		out.Error = err.(*decide.Error).Msg
		return out
	}
	for _, x := range r.Asked {
		out.Asked = append(out.Asked, x.Question.ID+"="+x.Answer.ID)
	}
	if r.Next != nil {
		out.Next = r.Next.ID
		return out
	}
	out.Outcome = r.Outcome.ID
	return out
}

// ruleCases reads the rule tests of the procedure, rules/CITY/PROC.test.yaml.
func ruleCases(t *testing.T, f *fixture, p proc) ([]coreCase, []rules.RuleTest) {
	t.Helper()
	file := "rules/" + p.city + "/" + p.id + ".test.yaml"
	src, err := os.ReadFile(filepath.Join(f.root, filepath.FromSlash(file)))
	if err != nil {
		t.Fatalf("every procedure has rule tests: %v", err)
	}
	var tf rules.TestFile
	errs := &diag.List{}
	if !(&yamlx.Decoder{File: file, Errs: errs, Langs: langs}).DecodeFile(src, &tf) {
		t.Fatalf("reading %s: %v", file, errs.Err())
	}
	var cases []coreCase
	var tests []rules.RuleTest
	for _, rt := range tf.Tests {
		if !inForce(f.date, rt.EffectiveFrom, rt.EffectiveUntil) {
			continue // a test of a scheduled change, not for this build
		}
		tests = append(tests, rt)
		c := coreCase{Name: rt.Name, Answers: map[string]string{}}
		for _, pr := range rt.Answers.Pairs {
			c.Answers[pr[0]] = pr[1]
		}
		if rt.Expiry != nil || rt.Today != "" {
			q := p.p.Core.ExpiryQuestion()
			if rt.Expiry == nil || q == nil {
				t.Fatalf("%s: rule test %q has a date but no expiry, or the procedure has no expiry question", file, rt.Name)
			}
			c.Today, c.Question = rt.Today, q.ID
			c.Expiry = map[string]string{"printed": rt.Expiry.Printed, "issued": rt.Expiry.Issued, "birthday": rt.Expiry.Birthday, "stay_until": rt.Expiry.StayUntil}
			for k, v := range c.Expiry {
				if v == "" {
					delete(c.Expiry, k)
				}
			}
		}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		t.Fatalf("%s has no tests", file)
	}
	return cases, tests
}

// inForce reports whether a rule test with the effective dates from and
// until ("" for none) runs on a build for date, as rules.RunTests decides.
func inForce(date decide.Date, from, until string) bool {
	if f, ok := decide.ParseDate(from); ok && date.Before(f) {
		return false
	}
	if u, ok := decide.ParseDate(until); ok && u.Before(date) {
		return false
	}
	return true
}

// Every rule test in rules/*/*.test.yaml gives the same result through the
// WebAssembly core, loaded in each guide page with the rules embedded in that
// page, as through the native core: the expiry date, the day renewal opens
// and the expiry status worked out from the test's dates (tebikiCore.expiry),
// and the questions asked and the outcome (tebikiCore.step). (What the
// outcome lists is rendered by the generator from the native core and
// embedded in the page; TestCheckerAllPaths compares it with the static
// outcome pages.) The results also meet the test's expected outcome, expiry
// and opening day.
func TestRuleTestsThroughWasm(t *testing.T) {
	f := sample(t)
	files, err := filepath.Glob(filepath.Join(f.root, "rules", "*", "*.test.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	n := 0
	for _, p := range f.procs() {
		cases, tests := ruleCases(t, f, p)
		covered[filepath.Join(f.root, "rules", p.city, p.id+".test.yaml")] = true
		n += len(cases)
		for _, lang := range langs {
			t.Run(lang+"/"+p.city+"/"+p.id, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, f.base+p.guidePath(lang))
				tb.waitCore()
				b, err := json.Marshal(cases)
				if err != nil {
					t.Fatal(err)
				}
				got := eval[[]coreResult](tb, `((cases) => `+runCasesJS+`)(`+string(b)+`)`)
				if len(got) != len(cases) {
					t.Fatalf("the page returned %d results for %d rule tests: %v", len(got), len(cases), got)
				}
				for i, c := range cases {
					want := nativeResult(p.p.Core, c)
					if !reflect.DeepEqual(got[i], want) {
						t.Errorf("rule test %q: the WebAssembly core gives\n%s\nthe native core\n%s", c.Name, got[i], want)
					}
					e := tests[i].Expect
					if got[i].Outcome != e.Outcome {
						t.Errorf("rule test %q: outcome %q, the test expects %q", c.Name, got[i].Outcome, e.Outcome)
					}
					if x := got[i].Expiry; x != nil && ((e.Expiry != "" && x.Expiry != e.Expiry) || (e.Opens != "" && x.Opens != e.Opens)) {
						t.Errorf("rule test %q: expiry %s opening %s, the test expects %s and %s", c.Name, x.Expiry, x.Opens, e.Expiry, e.Opens)
					}
				}
				tb.assertClean()
			})
		}
	}
	for _, file := range files {
		if !covered[file] {
			t.Errorf("%s names no procedure of the sample rules", file)
		}
	}
	t.Logf("%d rule tests in %d files, each through the guide page in %d languages", n, len(files), len(langs))
	if n == 0 || len(files) == 0 {
		t.Error("no rule tests found")
	}
}
