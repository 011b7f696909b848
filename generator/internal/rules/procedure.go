package rules

import (
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/todo"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

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
	c.sources.add(file, src)
	if c.marks != nil {
		todo.Find(file, src, c.marks)
	} else {
		todo.Find(file, src, errs)
	}
	var pf ProcFile
	d := &yamlx.Decoder{File: file, Errs: errs, Langs: nat.langs, Strings: nat.texts}
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
		if !p.window(errs, date, od.EffectiveFrom, od.EffectiveUntil, od.Pos, TextLabel(od.Title.D())) {
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
	if !r.sched.window(r.errs, r.date, it.EffectiveFrom, it.EffectiveUntil, it.Pos, TextLabel(out.Text)) {
		return nil
	}
	return out
}
