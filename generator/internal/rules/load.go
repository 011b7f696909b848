package rules

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
	"github.com/tebiki/tebiki/generator/internal/stray"
	"github.com/tebiki/tebiki/generator/internal/todo"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Rules is everything under rules/, as in force on Date.
type Rules struct {
	Date     decide.Date
	National *National
	Cities   []*City
}

// National holds the facts common to every city.
type National struct {
	NationalFile
	Schedule
	facts    map[string]*Fact // in force
	allFacts map[string]bool
	kinds    map[string]*KindFile
	// broken is set when national.yaml could not be read or decoded: what
	// it would define is unknown, so references to it are not reported
	// (its own problem explains them).
	broken bool
}

// Fact returns the national fact with the given ID, or nil.
func (n *National) Fact(id string) *Fact { return n.facts[id] }

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

// Load reads rules/ from fsys as in force today in the site's time zone
// (tebiki.yaml). Every problem found is added to errs.
func Load(fsys fs.FS, errs *diag.List) *Rules {
	return LoadAt(fsys, config.Load(fsys, errs).Today(time.Now()), errs)
}

// Today is the current date in Japan (config.DefaultZone), whatever the
// zone of this computer. A site may name another zone in tebiki.yaml: the
// build and the command use site.Today, which reads it.
func Today() decide.Date { return config.Default().Today(time.Now()) }

// LoadAt reads rules/ from fsys, keeping what is in force on date and
// recording what is scheduled to change after it.
func LoadAt(fsys fs.FS, date decide.Date, errs *diag.List) *Rules {
	r := &Rules{Date: date}
	r.National = loadNational(fsys, date, errs)
	entries, err := fs.ReadDir(fsys, "rules")
	if err != nil {
		errs.Add(diag.Pos{File: "rules"}, "cannot read the rules folder: %v", diag.FileError(err))
		return r
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "_") || strings.HasPrefix(e.Name(), ".") {
			continue // _schema/ holds the JSON Schemas for editors
		}
		if k := stray.Classify(e.Name()); k != stray.None {
			// a copied city folder would be read as a city: an error
			stray.Report(errs, path.Join("rules", e.Name()), "rules/", k, e.IsDir(), "city")
			continue
		}
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	// Cities load in parallel, each into a list of its own: loadCity tells
	// its own problems from the others' by counting them.
	cities := make([]*City, len(names))
	lists := make([]diag.List, len(names))
	par.For(len(names), func(i int) {
		cities[i] = loadCity(fsys, names[i], r.National, date, &lists[i])
	})
	for i, c := range cities {
		errs.Merge(&lists[i])
		if c != nil {
			r.Cities = append(r.Cities, c)
		}
	}
	sort.SliceStable(r.Cities, func(i, j int) bool {
		if r.Cities[i].Weight != r.Cities[j].Weight {
			return r.Cities[i].Weight < r.Cities[j].Weight
		}
		return r.Cities[i].ID < r.Cities[j].ID
	})
	warnCopied(r.Cities, errs)
	return r
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// checkID reports an ID that is not valid; one that was not written
// (absent names "id") has been reported by the decoder.
func checkID(errs *diag.List, pos diag.Pos, what, id string, absent yamlx.Absent) {
	if !idRE.MatchString(id) && !absent.Has("id") {
		errs.AddHint(pos, "use lower-case letters, digits, - and _ only", "%s ID %q is not valid", what, id)
	}
}

func loadNational(fsys fs.FS, date decide.Date, errs *diag.List) *National {
	const file = "rules/national.yaml"
	n := &National{facts: map[string]*Fact{}, allFacts: map[string]bool{}, kinds: map[string]*KindFile{}}
	if diag.TooLarge(fsys, file, errs) {
		return n
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		errs.AddHint(diag.Pos{File: file}, "create it: it holds the facts common to every city", "cannot read the national rules: %v", diag.FileError(err))
		errs.Root(file)
		n.broken = true
		return n
	}
	todo.Find(file, src, errs)
	d := &yamlx.Decoder{File: file, Errs: errs}
	if root := d.Parse(src); root != nil {
		d.Decode(root, &n.NationalFile)
	} else { // not YAML: nothing in it is known
		errs.Root(file)
		n.broken = true
	}
	var facts []Fact
	for _, f := range n.Facts {
		n.allFacts[f.ID] = true
		if n.window(errs, date, f.EffectiveFrom, f.EffectiveUntil, f.Pos, f.Title.D()) {
			facts = append(facts, f)
		}
	}
	n.Facts = facts
	for i := range n.Facts {
		f := &n.Facts[i]
		if first := n.facts[f.ID]; first != nil {
			errs.Add(f.Pos, "fact %q is redeclared for the same day; first declared at %s", f.ID, first.Pos)
			continue
		}
		n.facts[f.ID] = f
	}
	for i := range n.ProcedureKinds {
		k := &n.ProcedureKinds[i]
		checkID(errs, k.Pos, "procedure", k.ID, k.Absent)
		if first := n.kinds[k.ID]; first != nil {
			errs.Add(k.Pos, "procedure kind %q is redeclared; first declared at %s", k.ID, first.Pos)
		} else {
			n.kinds[k.ID] = k
		}
		for _, f := range k.Facts {
			if !n.allFacts[f] {
				errs.AddHintT(k.Pos, hintFrom(f, keys(n.allFacts)), "procedure kind %q lists unknown fact %q", k.ID, f)
			}
		}
	}
	if checkEntries(errs, n.Documents, "document") || checkEntries(errs, n.Notices, "notice") {
		n.broken = true
	}
	for _, k := range n.ProcedureKinds {
		if k.Absent.Has("id") {
			n.broken = true
		}
	}
	return n
}

// checkEntries checks the IDs of entries and reports whether one was not
// written (references to it cannot be told from mistakes).
func checkEntries(errs *diag.List, entries []TextEntry, what string) (noID bool) {
	seen := map[string]diag.Pos{}
	for _, e := range entries {
		checkID(errs, e.Pos, what, e.ID, e.Absent)
		if e.Absent.Has("id") {
			noID = true
			continue
		}
		if first, dup := seen[e.ID]; dup {
			errs.Add(e.Pos, "%s %q is redeclared; first declared at %s", what, e.ID, first)
			continue
		}
		seen[e.ID] = e.Pos
	}
	return noID
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func hintFrom(s string, candidates []string) diag.Text {
	if c := diag.Suggest(s, candidates); c != "" {
		return diag.T("did you mean %q?", c)
	}
	if len(candidates) == 0 {
		return diag.Text{}
	}
	return diag.T("known: %s", strings.Join(candidates, ", "))
}

func loadCity(fsys fs.FS, id string, nat *National, date decide.Date, errs *diag.List) *City {
	dir := path.Join("rules", id)
	file := path.Join(dir, "city.yaml")
	// TODO markers (facts to fill in after "tebiki new") are reported
	// with the rest, but after the counting below: the rules around them
	// load and their tests run.
	marks := &diag.List{}
	defer errs.Merge(marks)
	c := &City{ID: id, File: file, allOffices: map[string]bool{}, marks: marks}
	start := errs.Len()
	checkID(errs, diag.Pos{File: dir}, "city", id, "")
	if diag.TooLarge(fsys, file, errs) {
		return nil
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		errs.AddHint(diag.Pos{File: file}, "every folder under rules/ is a city and needs a city.yaml", "cannot read the city file: %v", diag.FileError(err))
		return nil
	}
	todo.Find(file, src, marks)
	d := &yamlx.Decoder{File: file, Errs: errs}
	root := d.Parse(src)
	if root == nil {
		return nil // a syntax error: its procedures would only report what they cannot find
	}
	d.Decode(root, &c.CityFile)
	seen := map[string]diag.Pos{}
	var offices []Office
	for _, o := range c.Offices {
		checkID(errs, o.Pos, "office", o.ID, o.Absent)
		if o.Absent.Has("id") {
			c.noIDs = true
			continue
		}
		c.allOffices[o.ID] = true
		if !c.window(errs, date, o.EffectiveFrom, o.EffectiveUntil, o.Pos, o.Label()) {
			continue
		}
		if first, dup := seen[o.ID]; dup {
			errs.Add(o.Pos, "office %q is redeclared for the same day; first declared at %s", o.ID, first)
		} else {
			seen[o.ID] = o.Pos
		}
		c.loadHours(&o, date, errs)
		offices = append(offices, o)
	}
	c.Offices = offices
	if checkEntries(errs, c.Documents, "document") || checkEntries(errs, c.Notices, "notice") {
		c.noIDs = true
	}

	entries, _ := fs.ReadDir(fsys, dir)
	var files []string
	type strayFile struct {
		name string
		kind stray.Kind
	}
	var strays []strayFile
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if k := stray.Classify(name); k != stray.None {
			strays = append(strays, strayFile{name, k})
			continue
		}
		if e.IsDir() || name == "city.yaml" || !strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".test.yaml") {
			continue
		}
		files = append(files, name)
	}
	cityOK := errs.Len() == start // this city's own file; another city's mistakes do not count
	for _, s := range strays {
		// a copied procedure file would be read as a procedure: an error
		read := strings.HasSuffix(s.name, ".yaml") && !strings.HasSuffix(s.name, ".test.yaml")
		stray.Report(errs, path.Join(dir, s.name), dir+"/", s.kind, read, "procedure")
	}
	c.loadProcedures(fsys, nat, files, date, cityOK, errs)
	return c
}

// loadProcedures loads the procedure files (names in the city's folder) of
// the loaded city c, resolves their uses and validates them.
func (c *City) loadProcedures(fsys fs.FS, nat *National, files []string, date decide.Date, cityOK bool, errs *diag.List) {
	dir := path.Dir(c.File)
	for _, name := range files {
		before := errs.Len()
		if p := loadProcedure(fsys, c, nat, path.Join(dir, name), date, errs); p != nil {
			p.broken = errs.Len() > before
			c.Procedures = append(c.Procedures, p)
		} else {
			c.unreadable = append(c.unreadable, strings.TrimSuffix(name, ".yaml"))
		}
	}
	resolveUses(c, errs)
	for _, p := range c.Procedures {
		if p.broken {
			continue // checking the flow of half-loaded rules would only repeat the problems
		}
		problems := p.Core.Validate()
		for _, e := range problems {
			errs.Report(diag.Diagnostic{Pos: fromCore(e.Pos), Msg: CoreText(e)})
		}
		// Without the national rules (their problem is reported) the
		// procedure lacks its facts and documents: its rule tests would
		// only fail because of that.
		p.Valid = len(problems) == 0 && cityOK && !nat.broken
	}
	sort.SliceStable(c.Procedures, func(i, j int) bool {
		return kindIndex(nat, c.Procedures[i].Kind) < kindIndex(nat, c.Procedures[j].Kind)
	})
}

func kindIndex(n *National, k *KindFile) int {
	for i := range n.ProcedureKinds {
		if &n.ProcedureKinds[i] == k {
			return i
		}
	}
	return len(n.ProcedureKinds)
}

// CoreText is the message of an error of the decision core, keyed as the
// catalogue of messages keys it.
func CoreText(e *decide.Error) diag.Text {
	if e.Format == "" {
		return diag.T("%s", e.Msg)
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
	}
	return diag.T(e.Format, args...)
}

// coreError is err as a message: for an error of the decision core, its
// position and its message.
func coreError(err error) any {
	if e, ok := err.(*decide.Error); ok {
		return diag.T("%s: %s", e.Pos.String(), CoreText(e))
	}
	return err
}

func fromCore(p decide.Pos) diag.Pos { return diag.Pos{File: p.File, Line: p.Line, Col: p.Col} }
func toCore(p diag.Pos) decide.Pos   { return decide.Pos{File: p.File, Line: p.Line, Col: p.Col} }

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

func loadProcedure(fsys fs.FS, c *City, nat *National, file string, date decide.Date, errs *diag.List) *Procedure {
	id := strings.TrimSuffix(path.Base(file), ".yaml")
	if diag.TooLarge(fsys, file, errs) {
		return nil
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		errs.Add(diag.Pos{File: file}, "cannot read: %v", diag.FileError(err))
		return nil
	}
	if c.marks != nil {
		todo.Find(file, src, c.marks)
	} else {
		todo.Find(file, src, errs)
	}
	var pf ProcFile
	d := &yamlx.Decoder{File: file, Errs: errs}
	if !d.DecodeFile(src, &pf) {
		return nil
	}
	p := &Procedure{ID: id, City: c, Notes: pf.Notes, File: file}
	if f := pf.Fee; f != nil {
		if p.window(errs, date, f.EffectiveFrom, f.EffectiveUntil, f.Pos, f.Label()) {
			p.Fee = f
		}
	}
	checkID(errs, diag.Pos{File: file}, "procedure", id, "")
	p.Kind = nat.kinds[pf.Kind]
	var title decide.Text
	if p.Kind == nil {
		if !nat.broken {
			errs.AddHintT(pf.Pos, hintFrom(pf.Kind, keys(nat.kinds)), "unknown procedure kind %q", pf.Kind)
		}
	} else {
		title = p.Kind.Title.D()
		for _, f := range p.Kind.Facts {
			if fact := nat.facts[f]; fact != nil {
				p.Facts = append(p.Facts, fact)
			}
		}
	}
	for _, ref := range pf.Offices {
		oid := ref.ID
		o := c.Office(oid)
		if o == nil && c.allOffices[oid] {
			continue // not in force on the build date
		}
		if o == nil && c.noIDs {
			continue
		}
		if o == nil {
			var ids []string
			for _, o := range c.Offices {
				ids = append(ids, o.ID)
			}
			errs.AddHintT(ref.Pos, hintFrom(oid, ids), "unknown office %q (offices are listed in %s)", oid, c.File)
			continue
		}
		p.Offices = append(p.Offices, o)
	}
	core := &decide.Procedure{City: c.ID, ID: id, Title: title, Pos: toCore(pf.Pos), WindowMonths: nat.RenewalWindowMonths}
	for _, qd := range pf.Questions {
		q := &decide.Question{ID: qd.ID, Text: qd.Text.D(), Help: qd.Help.D(), AskIf: decide.Cond(qd.AskIf.Clauses), Pos: toCore(qd.Pos)}
		checkID(errs, qd.Pos, "question", qd.ID, qd.Absent)
		if k, ok := decide.ParseQuestionKind(qd.Kind); ok {
			q.Kind = k
		} else {
			errs.AddHint(qd.Pos, `use "choice" or "expiry"`, "unknown question kind %q", qd.Kind)
		}
		for _, ad := range qd.Answers {
			checkID(errs, ad.Pos, "answer", ad.ID, ad.Absent)
			if ad.ID == "index" {
				errs.AddHint(ad.Pos, `choose another ID, such as "index_card": the checker's pages are named after answer IDs, and "index" names its first page`, "answer ID %q is reserved", ad.ID)
			}
			q.Answers = append(q.Answers, &decide.Answer{ID: ad.ID, Label: ad.Label.D(), Pos: toCore(ad.Pos)})
		}
		core.Questions = append(core.Questions, q)
	}
	res := resolver{city: c, nat: nat, errs: errs, date: date, sched: &p.Schedule}
	for i := range pf.Outcomes {
		od := &pf.Outcomes[i]
		checkID(errs, od.Pos, "outcome", od.ID, od.Absent)
		if !p.window(errs, date, od.EffectiveFrom, od.EffectiveUntil, od.Pos, od.Title.D()) {
			continue
		}
		o := &decide.Outcome{ID: od.ID, When: decide.Cond(od.When.Clauses), Title: od.Title.D(), Summary: od.Summary.D(), Pos: toCore(od.Pos)}
		if k, ok := decide.ParseOutcomeKind(od.Kind); ok {
			o.Kind = k
		} else {
			errs.AddHint(od.Pos, `use "checklist", "not_yet" or "contact"`, "unknown outcome kind %q", od.Kind)
		}
		for _, vd := range od.Visits {
			v := &decide.Visit{Title: vd.Title.D(), Note: vd.Note.D(), Pos: toCore(vd.Pos)}
			if c, ok := decide.ParseCompletion(vd.SameDay); ok {
				v.SameDay = c
			} else {
				errs.AddHint(vd.Pos, `write "same_day: yes" or "same_day: no", or leave it out where the city does not say`, "same_day must be yes or no, not %q", vd.SameDay)
			}
			for _, it := range vd.Bring {
				if item := res.item(it, "doc"); item != nil {
					v.Items = append(v.Items, item)
				}
			}
			o.Visits = append(o.Visits, v)
		}
		for _, it := range od.Warnings {
			if item := res.item(it, "notice"); item != nil {
				o.Warnings = append(o.Warnings, item)
			}
		}
		if od.Use != "" {
			p.uses = append(p.uses, use{outcome: o, ref: od.Use, pos: od.Pos})
		}
		if o.Kind == decide.Checklist && od.Use == "" && len(o.Visits) == 0 {
			errs.AddHint(od.Pos, "add \"visits\" with what to bring, or \"use: procedure.outcome\"", "checklist outcome %q has no visits", od.ID)
		}
		core.Outcomes = append(core.Outcomes, o)
	}
	p.Core = core
	return p
}

type use struct {
	outcome *decide.Outcome
	ref     string
	pos     diag.Pos
}

// resolveUses copies the visits and warnings of outcomes named by "use".
func resolveUses(c *City, errs *diag.List) {
	for _, p := range c.Procedures {
		for _, u := range p.uses {
			procID, outID, ok := strings.Cut(u.ref, ".")
			target := c.Procedure(procID)
			var src *decide.Outcome
			if ok && target != nil {
				for _, o := range target.Core.Outcomes {
					if o.ID == outID {
						src = o
					}
				}
			}
			if src == nil {
				p.broken = true
				if (target != nil && target.broken) || slices.Contains(c.unreadable, procID) {
					continue // that procedure's own problems are reported
				}
				errs.AddHint(u.pos, "write it as PROCEDURE.OUTCOME, naming an outcome of this city", "use: %q names no outcome", u.ref)
				continue
			}
			if target.broken {
				p.broken = true // tested once the procedure it uses is fixed
			}
			if len(u.outcome.Visits) == 0 {
				u.outcome.Visits = src.Visits
			}
			u.outcome.Warnings = append(append([]*decide.Item(nil), src.Warnings...), u.outcome.Warnings...)
		}
	}
}

type resolver struct {
	city  *City
	nat   *National
	errs  *diag.List
	date  decide.Date
	sched *Schedule
}

func (r resolver) item(it ItemDef, kind string) *decide.Item {
	out := &decide.Item{When: decide.Cond(it.When.Clauses), Why: it.Why.D(), Pos: toCore(it.Pos)}
	n := 0
	for _, set := range []bool{it.Doc != "", it.Notice != "", !it.Text.IsZero()} {
		if set {
			n++
		}
	}
	if n != 1 {
		r.errs.AddHint(it.Pos, "give exactly one of doc, notice or text", "an item needs one of doc, notice or text")
		return out
	}
	ref, list, lists := it.Doc, "document", func(c *City, n *National) ([]TextEntry, []TextEntry) { return c.Documents, n.Documents }
	if it.Notice != "" {
		ref, list, lists = it.Notice, "notice", func(c *City, n *National) ([]TextEntry, []TextEntry) { return c.Notices, n.Notices }
	}
	if ref == "" {
		out.Text = it.Text.D()
	} else {
		out.Ref = ref
		cityList, natList := lists(r.city, r.nat)
		var e *TextEntry
		var ids []string
		for _, l := range [][]TextEntry{cityList, natList} {
			for i := range l {
				ids = append(ids, l[i].ID)
				if l[i].ID == ref && e == nil {
					e = &l[i]
				}
			}
		}
		if e == nil && (r.nat.broken || r.city.noIDs) {
			return out // national.yaml may define it; its own problem is reported
		}
		if e == nil {
			r.errs.AddHintT(it.Pos, hintFrom(ref, ids), "unknown %s %q (define it in %s or rules/national.yaml)", list, ref, r.city.File)
			return out
		}
		out.Text = e.Name.D()
		if !e.Note.IsZero() {
			out.Notes = append(out.Notes, e.Note.D())
		}
	}
	for _, nt := range it.Notes {
		out.Notes = append(out.Notes, nt.D())
	}
	if !r.sched.window(r.errs, r.date, it.EffectiveFrom, it.EffectiveUntil, it.Pos, out.Text) {
		return nil
	}
	return out
}

// Label names the office in both languages, for change lists and reports.
func (o *Office) Label() decide.Text {
	return decide.Text{Ja: o.Building.Ja + " " + o.Counter.Ja, En: o.Building.En + ", " + o.Counter.En}
}

// HoursLabel names the office with hours h, for change lists and reports.
func (o *Office) HoursLabel(h Hours) decide.Text {
	l := o.Label()
	return decide.Text{Ja: l.Ja + "：" + h.In("ja"), En: l.En + ": " + h.In("en")}
}

// Label states the fee in both languages; a nil fee is one the city does not state.
func (f *Fee) Label() decide.Text {
	if f == nil {
		return decide.Text{Ja: "手数料：記載なし", En: "Fee: not stated"}
	}
	if f.Yen == 0 {
		return decide.Text{Ja: "手数料：無料", En: "Fee: free of charge"}
	}
	return decide.Text{Ja: fmt.Sprintf("手数料：%d円", f.Yen), En: fmt.Sprintf("Fee: %d yen", f.Yen)}
}
