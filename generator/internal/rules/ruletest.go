package rules

import (
	"io/fs"
	"slices"

	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
	"github.com/tebiki/tebiki/generator/internal/todo"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Rule tests live beside the rules, in rules/CITY/PROC.test.yaml: given
// answers (and, for an expiry question, a date), expect an outcome with these
// visits, documents and warnings, saying these words in each language. Every
// path through a procedure must be covered by at least one test.

// TestFile is rules/CITY/PROC.test.yaml.
type TestFile struct {
	Tests []RuleTest `yaml:"tests,required"`
}

// RuleTest is one rule test.
type RuleTest struct {
	Name    string      `yaml:"name,required"`
	Answers Answers     `yaml:"answers"`
	Today   string      `yaml:"today"`
	Expiry  *ExpiryDef  `yaml:"expiry"`
	Expect  Expectation `yaml:"expect,required"`
	// A test of a scheduled change runs only on the builds it is in force for.
	EffectiveFrom  string   `yaml:"effective_from"`
	EffectiveUntil string   `yaml:"effective_until"`
	Pos            diag.Pos `yaml:"-"`
}

// ExpiryDef says how the test knows the certificates' expiry.
type ExpiryDef struct {
	Printed   string   `yaml:"printed"`
	Issued    string   `yaml:"issued"`
	Birthday  string   `yaml:"birthday"`
	StayUntil string   `yaml:"stay_until"`
	Pos       diag.Pos `yaml:"-"`
}

// Expectation is what a rule test expects.
type Expectation struct {
	Outcome  string        `yaml:"outcome,required"`
	Expiry   string        `yaml:"expiry"` // the computed expiry date
	Opens    string        `yaml:"opens"`  // the day renewal opens
	Visits   []VisitExpect `yaml:"visits"`
	Warnings []string      `yaml:"warnings"`
	Offices  []string      `yaml:"offices"` // where: office IDs, in order
	Fee      *int          `yaml:"fee"`     // yen; leave out where the city states no fee
	NoFee    bool          `yaml:"no_fee"`  // the city states no fee
	Says     Says          `yaml:"says,required"`
	Pos      diag.Pos      `yaml:"-"`
}

// VisitExpect is what one visit must hold, in order.
type VisitExpect struct {
	SameDay string   `yaml:"same_day"`
	Bring   []string `yaml:"bring,required"`
	Pos     diag.Pos `yaml:"-"`
}

// Says lists words the outcome must contain in each language of the site,
// one line per language code; every language is required.
type Says struct {
	By  map[string][]string
	Pos diag.Pos
}

// UnmarshalYAMLX reads one list of words per language.
func (s *Says) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	s.Pos = d.Pos(n)
	langs, _, ok := perLanguage(d, n, func(lang string, k, v *yaml.Node) {
		var words []string
		d.Decode(v, &words)
		s.By[lang] = words
	}, func([]string) { s.By = map[string][]string{} })
	if ok {
		reportMissing(d, n, langs, nil, func(l string) bool { _, ok := s.By[l]; return ok })
	}
}

// Answers is a mapping of question IDs to answer IDs, kept in order.
type Answers struct {
	Pairs [][2]string
	Pos   diag.Pos
}

// UnmarshalYAMLX decodes "question: answer" pairs.
func (a *Answers) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	a.Pos = d.Pos(n)
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "expected \"question_id: answer_id\" lines")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			d.Errorf(v, "expected one answer ID")
			continue
		}
		a.Pairs = append(a.Pairs, [2]string{k.Value, v.Value})
	}
}

// TestReport is the result of running the rule tests of all cities.
type TestReport struct {
	Run, Failed int
	Uncovered   int
}

// RunTests runs every rule test under rules/ against the loaded rules, and
// reports failures and uncovered paths to errs.
func RunTests(fsys fs.FS, r *Rules, errs *diag.List) TestReport {
	return RunTestsOf(fsys, r, nil, errs)
}

// RunTestsOf runs the rule tests of the given cities only (all when cities
// is nil): a rebuild after editing one city need not test the others again.
func RunTestsOf(fsys fs.FS, r *Rules, cities []string, errs *diag.List) TestReport {
	var todo []*City
	for _, c := range r.Cities {
		if cities == nil || slices.Contains(cities, c.ID) {
			todo = append(todo, c)
		}
	}
	// Each city's tests run into a list of their own: the decoder tells its
	// own problems from the others' by counting them.
	reps := make([]TestReport, len(todo))
	lists := make([]diag.List, len(todo))
	var base [32]byte
	if passed.Load() != nil {
		base = testBase(r)
	}
	par.For(len(todo), func(i int) { reps[i] = runCityTestsCached(fsys, r, todo[i], base, &lists[i]) })
	var rep TestReport
	for i, c := range reps {
		errs.Merge(&lists[i])
		rep.Run += c.Run
		rep.Failed += c.Failed
		rep.Uncovered += c.Uncovered
	}
	return rep
}

// runCityTestsCached runs the rule tests of one city's procedures, unless
// the cache of passed tests (testcache.go) says they passed with the same
// inputs; base is testBase's hash.
func runCityTestsCached(fsys fs.FS, r *Rules, c *City, base [32]byte, errs *diag.List) TestReport {
	cache := passed.Load()
	if cache == nil {
		return runCityTests(fsys, r, c, nil, errs)
	}
	// The test files are read first: they are part of the key.
	tests := make([][]byte, len(c.Procedures))
	for i, p := range c.Procedures {
		file := testFileOf(p)
		var scratch diag.List
		if !p.Valid || diag.TooLarge(fsys, file, &scratch) {
			return runCityTests(fsys, r, c, nil, errs)
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return runCityTests(fsys, r, c, nil, errs)
		}
		tests[i] = src
	}
	key := testKey(base, c, tests)
	if runs, ok := cache.Lookup(key); ok && len(runs) == len(c.Procedures) {
		testCacheHits.Add(1)
		var rep TestReport
		for i, p := range c.Procedures {
			p.TestsRun = int(runs[i])
			rep.Run += int(runs[i])
		}
		return rep
	}
	before := errs.Len()
	rep := runCityTests(fsys, r, c, tests, errs)
	if errs.Len() == before && rep.Failed == 0 && rep.Uncovered == 0 {
		runs := make([]int32, len(c.Procedures))
		for i, p := range c.Procedures {
			runs[i] = int32(p.TestsRun)
		}
		cache.Store(key, runs)
	}
	return rep
}

func testFileOf(p *Procedure) string { return strings.TrimSuffix(p.File, ".yaml") + ".test.yaml" }

// runCityTests runs the rule tests of one city's procedures; tests, when
// not nil, are the test files already read (by procedure).
func runCityTests(fsys fs.FS, r *Rules, c *City, tests [][]byte, errs *diag.List) TestReport {
	var rep TestReport
	var marks diag.List // TODO markers: reported, not counted as the tests' problems
	defer errs.Merge(&marks)
	for i, p := range c.Procedures {
		if !p.Valid {
			continue // its problems are reported by Load
		}
		file := testFileOf(p)
		var src []byte
		var err error
		if tests != nil {
			src = tests[i]
		} else if diag.TooLarge(fsys, file, errs) {
			continue
		} else {
			src, err = fs.ReadFile(fsys, file)
		}
		if err != nil {
			errs.AddHintT(diag.Pos{File: p.File, Line: 1, Col: 1}, diag.T("create %s with a test for every path", file), "this procedure has no rule tests")
			rep.Uncovered += len(p.Core.Paths())
			continue
		}
		todo.Find(file, src, &marks)
		var tf TestFile
		d := &yamlx.Decoder{File: file, Errs: errs, Langs: r.Langs}
		if !d.DecodeFile(src, &tf) {
			continue
		}
		covered := map[string]bool{}
		var sched Schedule // windows of tests are not announced
		for _, t := range tf.Tests {
			if !sched.window(errs, r.Date, t.EffectiveFrom, t.EffectiveUntil, t.Pos, Label{}) {
				continue
			}
			rep.Run++
			p.TestsRun++
			given, ok := runTest(p, r.National, r.wordsOf(), t, errs)
			if !ok {
				rep.Failed++
			}
			if given != nil {
				covered[pathKey(p.Core, given)] = true
			}
		}
		for _, path := range p.Core.Paths() {
			if !covered[pathKey(p.Core, path.Answers)] {
				rep.Uncovered++
				errs.AddHintT(diag.Pos{File: file, Line: 1, Col: 1}, diag.T("add a test with these answers to %s", file), "no rule test covers the path %s", path.Answers.String(p.Core))
			}
		}
	}
	return rep
}

// pathKey identifies the path the answers take: only the questions asked count.
func pathKey(p *decide.Procedure, a decide.Answers) string {
	r, err := p.Decide(a)
	if err != nil || r.Next != nil {
		return ""
	}
	var parts []string
	for _, x := range r.Asked {
		parts = append(parts, x.Question.ID+"="+x.Answer.ID)
	}
	return strings.Join(parts, ",")
}

// runTest runs one test and returns the answers it ended with.
func runTest(p *Procedure, nat *National, words []Words, t RuleTest, errs *diag.List) (decide.Answers, bool) {
	fail := func(pos diag.Pos, format string, args ...any) {
		if pos.Line == 0 {
			pos = t.Pos
		}
		errs.Add(pos, "rule test %q: %s", t.Name, diag.T(format, args...))
	}
	ok := true
	a := decide.Answers{}
	for _, pr := range t.Answers.Pairs {
		a[pr[0]] = pr[1]
	}
	var expiry, opens decide.Date
	if t.Expiry != nil || t.Today != "" {
		today, okToday := decide.ParseDate(t.Today)
		in, okIn := expiryInput(t.Expiry)
		q := p.Core.ExpiryQuestion()
		switch {
		case !okToday:
			fail(t.Pos, "today must be a date YYYY-MM-DD, not %q", t.Today)
			return nil, false
		case !okIn:
			fail(t.Pos, "expiry needs printed, stay_until, or issued and birthday, as YYYY-MM-DD dates")
			return nil, false
		case q == nil:
			fail(t.Pos, "this procedure has no expiry question, so a date decides nothing")
			return nil, false
		}
		var found bool
		expiry, found = in.Expiry()
		if !found {
			fail(t.Expiry.Pos, "these dates give no expiry date")
			return nil, false
		}
		opens = decide.RenewalOpens(expiry, p.Core.WindowMonths)
		status := decide.ExpiryStatus(expiry, today, p.Core.WindowMonths)
		if prev, set := a[q.ID]; set && prev != status {
			fail(t.Answers.Pos, "answers say %s=%s, but the dates give %s", q.ID, prev, status)
			ok = false
		}
		a[q.ID] = status
	}
	r, err := p.Core.Decide(a)
	if err != nil {
		fail(t.Pos, "%v", coreError(err))
		return nil, false
	}
	if r.Next != nil {
		fail(t.Answers.Pos, "the answers stop at question %q; add an answer for it", r.Next.ID)
		return nil, false
	}
	e := t.Expect
	if r.Outcome.ID != e.Outcome {
		fail(e.Pos, "expected outcome %q, got %q", e.Outcome, r.Outcome.ID)
		return a, false
	}
	if e.Expiry != "" && e.Expiry != expiry.String() {
		fail(e.Pos, "expected expiry %s, got %s", e.Expiry, expiry)
		ok = false
	}
	if e.Opens != "" && e.Opens != opens.String() {
		fail(e.Pos, "expected renewal to open on %s, got %s", e.Opens, opens)
		ok = false
	}
	if len(e.Visits) != len(r.Visits) {
		fail(e.Pos, "expected %d visit(s), got %d", len(e.Visits), len(r.Visits))
		ok = false
	}
	for i := 0; i < len(e.Visits) && i < len(r.Visits); i++ {
		want, got := e.Visits[i], r.Visits[i]
		if g := refs(got.Items, want.Bring, words); strings.Join(g, ",") != strings.Join(want.Bring, ",") {
			fail(want.Pos, "visit %d: expected to bring [%s], got [%s]", i+1, strings.Join(want.Bring, ", "), strings.Join(g, ", "))
			ok = false
		}
		if sd := sameDay(got.Visit.SameDay); want.SameDay != sd {
			fail(want.Pos, "visit %d: expected same_day %q, got %q", i+1, want.SameDay, sd)
			ok = false
		}
	}
	if g := refs(r.Warnings, e.Warnings, words); strings.Join(g, ",") != strings.Join(e.Warnings, ",") {
		fail(e.Pos, "expected warnings [%s], got [%s]", strings.Join(e.Warnings, ", "), strings.Join(g, ", "))
		ok = false
	}
	if e.Offices != nil {
		var got []string
		for _, o := range p.Offices {
			got = append(got, o.ID)
		}
		if strings.Join(got, ",") != strings.Join(e.Offices, ",") {
			fail(e.Pos, "expected offices [%s], got [%s]", strings.Join(e.Offices, ", "), strings.Join(got, ", "))
			ok = false
		}
	}
	switch {
	case e.Fee != nil && (p.Fee == nil || p.Fee.Yen != *e.Fee):
		fail(e.Pos, "expected a fee of %d yen, got %s", *e.Fee, feeString(p.Fee))
		ok = false
	case e.NoFee && p.Fee != nil:
		fail(e.Pos, "expected no stated fee, got %s", feeString(p.Fee))
		ok = false
	}
	for _, w := range words {
		lang := w.Lang()
		if _, ok := e.Says.By[lang]; !ok {
			continue // reported when read
		}
		text := OutcomeText(r, lang) + p.WhereText(w)
		for _, w := range e.Says.By[lang] {
			if !strings.Contains(text, w) {
				fail(e.Says.Pos, "the %s outcome does not say %q", lang, w)
				ok = false
			}
		}
	}
	return a, ok
}

func expiryInput(e *ExpiryDef) (decide.ExpiryInput, bool) {
	var in decide.ExpiryInput
	if e == nil {
		return in, false
	}
	for _, f := range []struct {
		s string
		d *decide.Date
	}{{e.Printed, &in.Printed}, {e.Issued, &in.Issued}, {e.Birthday, &in.Birthday}, {e.StayUntil, &in.StayUntil}} {
		if f.s == "" {
			continue
		}
		d, ok := decide.ParseDate(f.s)
		if !ok {
			return in, false
		}
		*f.d = d
	}
	return in, true
}

// refs names the items as a rule test does: by their reference, or, for
// an item written in the procedure itself, by its text in any language of
// the site (want[i], when it is one of them; else its text in the first).
func refs(items []decide.ItemResult, want []string, words []Words) []string {
	var out []string
	for i, it := range items {
		if it.Item.Ref != "" {
			out = append(out, it.Item.Ref)
			continue
		}
		name := ""
		for _, w := range words {
			s := it.Item.Text.In(w.Lang())
			if name == "" {
				name = s
			}
			if i < len(want) && s == want[i] {
				name = s
				break
			}
		}
		out = append(out, name)
	}
	return out
}

func sameDay(c decide.Completion) string { return c.String() }

// OutcomeText is the outcome as plain text in lang: title, summary, each
// visit's items with their notes, and the warnings.
func OutcomeText(r *decide.Result, lang string) string {
	var b strings.Builder
	line := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	line(r.Outcome.Title.In(lang))
	line(r.Outcome.Summary.In(lang))
	for _, v := range r.Visits {
		line(v.Visit.Title.In(lang))
		line(v.Visit.Note.In(lang))
		for _, it := range v.Items {
			line(it.Item.Text.In(lang))
			for _, n := range it.Item.Notes {
				line(n.In(lang))
			}
			line(it.Item.Why.In(lang))
		}
	}
	for _, it := range r.Warnings {
		line(it.Item.Text.In(lang))
	}
	return b.String()
}

func feeString(f *Fee) diag.Text {
	if f == nil {
		return diag.T("no stated fee")
	}
	return diag.T("%d yen", f.Yen)
}

// WhereText is the procedure's offices and hours as plain text in the
// language of w. The
// procedure's notes are left out: they describe who may apply at all, and are
// shown on the guide page, not with each result (a Sanda renewal note about
// the months left would be wrong on a result for expired certificates).
func (p *Procedure) WhereText(w Words) string {
	lang := w.Lang()
	var b strings.Builder
	for _, o := range p.Offices {
		b.WriteString(o.Building.In(lang) + " " + o.Counter.In(lang) + "\n")
		for _, h := range o.HoursIn(w) {
			b.WriteString(h + "\n")
		}
		if !o.Note.IsZero() {
			b.WriteString(o.Note.In(lang) + "\n")
		}
	}
	return b.String()
}
