package rules

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"regexp"
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

// Load reads rules/ from fsys as in force today in the site's time zone
// (tebiki.yaml). Every problem found is added to errs.
func Load(fsys fs.FS, errs *diag.List) *Rules {
	return LoadAt(fsys, config.Load(fsys, errs).Today(time.Now()), errs)
}

// LoadAt reads rules/ from fsys, keeping what is in force on date and
// recording what is scheduled to change after it.
func LoadAt(fsys fs.FS, date decide.Date, errs *diag.List) *Rules {
	r, _ := LoadSome(fsys, date, nil, errs)
	r.SortCities()
	WarnCopied(r, errs)
	return r
}

// LoadSome reads the national rules and the cities for which load is true
// (all when load is nil), not sorted and without the checks across cities
// (SortCities, WarnCopied): the caller adds the cities it did not load
// first. names lists every city folder under rules/, by name.
func LoadSome(fsys fs.FS, date decide.Date, load func(id string) bool, errs *diag.List) (r *Rules, names []string) {
	r = &Rules{Date: date, Langs: config.Codes(config.LanguagesOf(fsys))}
	r.National = loadNational(fsys, date, r.Langs, errs)
	entries, err := fs.ReadDir(fsys, "rules")
	if err != nil {
		errs.Add(diag.Pos{File: "rules"}, "cannot read the rules folder: %v", diag.FileError(err))
		return r, nil
	}
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
	todo := names
	if load != nil {
		todo = nil
		for _, n := range names {
			if load(n) {
				todo = append(todo, n)
			}
		}
	}
	cities := make([]*City, len(todo))
	lists := make([]diag.List, len(todo))
	par.For(len(todo), func(i int) {
		cities[i] = loadCity(fsys, todo[i], r.National, date, &lists[i])
	})
	r.National.texts = nil // the texts are kept by the rules, not the table
	for i, c := range cities {
		errs.Merge(&lists[i])
		if c != nil {
			r.Cities = append(r.Cities, c)
		}
	}
	return r, names
}

// SortCities puts the cities in the order the site lists them: by weight,
// then by ID.
func (r *Rules) SortCities() {
	sort.SliceStable(r.Cities, func(i, j int) bool {
		if r.Cities[i].Weight != r.Cities[j].Weight {
			return r.Cities[i].Weight < r.Cities[j].Weight
		}
		return r.Cities[i].ID < r.Cities[j].ID
	})
}

// WarnCopied warns where a city looks copied from another (see warnCopied).
func WarnCopied(r *Rules, errs *diag.List) { warnCopied(r.Cities, r.Langs, errs) }

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// checkID reports an ID that is not valid; one that was not written
// (absent names "id") has been reported by the decoder.
func checkID(errs *diag.List, pos diag.Pos, what, id string, absent yamlx.Absent) {
	if !idRE.MatchString(id) && !absent.Has("id") {
		errs.AddHint(pos, "use lower-case letters, digits, - and _ only", "%s ID %q is not valid", what, id)
	}
}

func loadNational(fsys fs.FS, date decide.Date, langs []string, errs *diag.List) *National {
	const file = "rules/national.yaml"
	n := &National{facts: map[string]*Fact{}, allFacts: map[string]bool{}, kinds: map[string]*KindFile{}, langs: langs, texts: &yamlx.Strings{}}
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
	n.sum = sha256.Sum256(src)
	d := &yamlx.Decoder{File: file, Errs: errs, Langs: langs, Strings: n.texts}
	if root := d.Parse(src); root != nil {
		d.Decode(root, &n.NationalFile)
	} else { // not YAML: nothing in it is known
		errs.Root(file)
		n.broken = true
	}
	var facts []Fact
	for _, f := range n.Facts {
		n.allFacts[f.ID] = true
		if n.window(errs, date, f.EffectiveFrom, f.EffectiveUntil, f.Pos, TextLabel(f.Title.D())) {
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
	if c := decide.Suggest(s, candidates); c != "" {
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
	c.sources.add(file, src)
	todo.Find(file, src, marks)
	d := &yamlx.Decoder{File: file, Errs: errs, Langs: nat.langs, Strings: nat.texts}
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
