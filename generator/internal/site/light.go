package site

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Rebuilding some cities without loading the others. An incremental build
// (incremental.go) renders only the changed cities and the pages of no
// city, but those pages list every city, the plan of pages decides which
// links resolve, and a few checks look across cities (copied names, phones
// and buildings). What they need of a city it does not load again comes
// from a summary of it (citySum), kept in the build record:
//
//   - for the pages of no city, the city as a summary makes it (a stub: its
//     ID, weight, name and prefecture, its procedures' IDs and kinds, its
//     offices' buildings, whether it has a contact);
//   - for the plan, its pages: the record's files of the city (each is a
//     page, at the same path in every language's folder);
//   - for the checks across cities, its name, phone and buildings with
//     their positions;
//   - its changes scheduled after the build date, and the warnings of its
//     files, shown again as a full build would show them.
//
// A theme could show on the pages of no city something a stub lacks. So
// every build made with a record renders those pages a second time with
// every city as a stub, and records whether the two agree (Summed): only
// then does the next build use stubs. A build that keeps cities checks the
// cities it loads the same way (see summarizeAll), so a stub that stops
// agreeing (a city gives a value the theme shows for the first time) makes
// the build after it load everything. When nothing those pages show
// changed, they are kept as they are (topUnchanged).
//
// The preview server keeps the cities it loaded before, whole (keptFromSite):
// nothing is summarised there.

// citySum summarises a city for the builds that do not load it.
type citySum struct {
	Weight     int         `json:"w,omitempty"`
	Name       sumText     `json:"name"`
	Prefecture sumText     `json:"pref"`
	Contact    bool        `json:"contact,omitempty"`
	Phone      string      `json:"phone,omitempty"`
	PhonePos   diag.Pos    `json:"phonePos"`
	Offices    []sumOffice `json:"offices,omitempty"`
	Procedures []sumProc   `json:"procs,omitempty"`
	// Set when the record is written.
	Pages       int        `json:"pages"`
	Upcoming    []Upcoming `json:"upcoming,omitempty"`    // its rules' changes after the build date
	PageChanges []Upcoming `json:"pageChanges,omitempty"` // its pages published or withdrawn after it
	Warnings    []warnRec  `json:"warnings,omitempty"`    // of its files, but the checks across cities
}

type sumText struct {
	T   decide.Text `json:"t,omitempty"`
	Pos diag.Pos    `json:"pos"`
}

type sumOffice struct {
	ID       string  `json:"id"`
	Building sumText `json:"building"`
}

type sumProc struct {
	ID    string `json:"id"`
	Kind  string `json:"kind,omitempty"`
	Valid bool   `json:"valid,omitempty"`
	File  string `json:"file"`
}

func sumOf(t rules.Text) sumText   { return sumText{T: t.T, Pos: t.Pos} }
func (t sumText) text() rules.Text { return rules.Text{T: t.T, Pos: t.Pos} }

// summarize returns the summary of a loaded city, but for what is set when
// the record is written.
func summarize(c *rules.City) *citySum {
	cs := &citySum{Weight: c.Weight, Name: sumOf(c.Name), Prefecture: sumOf(c.Prefecture)}
	if c.Contact != nil {
		cs.Contact, cs.Phone, cs.PhonePos = true, c.Contact.Phone, c.Contact.Pos
	}
	for _, o := range c.Offices {
		cs.Offices = append(cs.Offices, sumOffice{ID: o.ID, Building: sumOf(o.Building)})
	}
	for _, p := range c.Procedures {
		sp := sumProc{ID: p.ID, Valid: p.Valid, File: p.File}
		if p.Kind != nil {
			sp.Kind = p.Kind.ID
		}
		cs.Procedures = append(cs.Procedures, sp)
	}
	return cs
}

// stub returns the city as its summary makes it.
func (cs *citySum) stub(id string, nat *rules.National) *rules.City {
	c := &rules.City{ID: id, File: path.Join("rules", id, "city.yaml")}
	c.Weight, c.Name, c.Prefecture = cs.Weight, cs.Name.text(), cs.Prefecture.text()
	if cs.Contact {
		c.Contact = &rules.Contact{Phone: cs.Phone, Pos: cs.PhonePos}
	}
	for _, o := range cs.Offices {
		c.Offices = append(c.Offices, rules.Office{ID: o.ID, Building: o.Building.text()})
	}
	for _, p := range cs.Procedures {
		c.Procedures = append(c.Procedures, &rules.Procedure{ID: p.ID, City: c, Kind: nat.Kind(p.Kind), Valid: p.Valid, File: p.File})
	}
	return c
}

// keptCities are the cities a build takes as they were instead of loading
// them.
type keptCities struct {
	sums   map[string]*citySum        // by ID, with pages, changes and warnings
	cities map[string]*rules.City     // stubs, or the cities loaded before
	pages  map[string][]*Page         // their pages, when loaded before
	files  map[string]fileRecs        // else their files in the record
	all    map[string]json.RawMessage // every city's summary in the record
	// warnings are those of the summaries of the cities kept from the
	// record, replayed.
	warnings map[string][]diag.Diagnostic
}

func (k *keptCities) has(id string) bool { return k != nil && k.cities[id] != nil }

// keptFromRecord returns the cities an incremental build (plan) takes from
// the record of the last one, or nil when it must load every city.
func keptFromRecord(opts *Options, plan *reuse) *keptCities {
	old := plan.old
	if plan.dirty == nil || old == nil || plan.in == nil || opts.Shard != nil || !old.Summed || len(old.Cities) == 0 {
		return nil
	}
	langs := config.LanguagesOf(opts.Src)
	for _, l := range langs {
		if l.Furigana {
			return nil // its check reads every file, and warns about any
		}
	}
	raw := splitSums(old.Cities)
	if raw == nil {
		return nil
	}
	// The files of each folder under rules/ and content/.
	folders := map[string][]string{}
	for p := range plan.in.files {
		if g, ok := InputGroup(p); ok && g != "" {
			folders[g] = append(folders[g], p)
		}
	}
	if len(plan.dirty) > len(folders)/2 {
		return nil // the build is full
	}
	k := &keptCities{sums: map[string]*citySum{}, cities: map[string]*rules.City{}, files: map[string]fileRecs{}, all: raw, warnings: map[string][]diag.Diagnostic{}}
	// The summaries of the cities kept, decoded in parallel.
	ids := make([]string, 0, len(folders))
	for g := range folders {
		if !slices.Contains(plan.dirty, g) {
			ids = append(ids, g)
		}
	}
	decoded := make([]*citySum, len(ids))
	par.For(len(ids), func(i int) {
		if r := raw[ids[i]]; r != nil {
			if cs, err := decodeSum(r); err == nil {
				decoded[i] = cs
			}
		}
	})
	for i, g := range ids {
		files := folders[g]
		cs, grp := decoded[i], old.Groups[g]
		if cs == nil || grp == nil || len(grp.Files) != cs.Pages || !slices.Contains(files, path.Join("rules", g, "city.yaml")) {
			return nil
		}
		// Its content folder holds its pages only: another page there
		// is a page of no city, which is rendered, so read.
		for _, f := range files {
			if rest, ok := strings.CutPrefix(f, "content/"+g+"/"); ok && !cityPage(rest, cs, langs) {
				return nil
			}
		}
		ws, err := replayWarnings(cs.Warnings)
		if err != nil {
			return nil
		}
		k.sums[g], k.files[g], k.warnings[g] = cs, grp.Files, ws
	}
	return k
}

// splitSums returns each city's summary in the record's cities, or nil
// when they cannot be read. As written ({"ID":{…},…}, no spaces, no
// escapes in the IDs) they are split by a scan; each is decoded by
// encoding/json when used. Anything else goes through encoding/json whole.
func splitSums(d json.RawMessage) map[string]json.RawMessage {
	r := &jsonReader{d: d, ok: true}
	out := make(map[string]json.RawMessage, bytes.Count(d, []byte(`"pages":`)))
	r.lit("{")
	r.list("}", func() {
		k := r.str()
		r.lit(":")
		v := r.value()
		if _, dup := out[k]; dup || len(v) == 0 || v[0] != '{' {
			r.ok = false
		}
		out[k] = v
	})
	if r.ok {
		return out
	}
	var all map[string]json.RawMessage
	if json.Unmarshal(d, &all) != nil {
		return nil
	}
	return all
}

// cityPage reports whether name (in the city's content folder) is the
// page of the city or of one of its procedures, in a language of the site.
func cityPage(name string, cs *citySum, langs []config.Language) bool {
	base, ok := strings.CutSuffix(name, ".md")
	if !ok || strings.Contains(base, "/") {
		return false
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 || !slices.ContainsFunc(langs, func(l config.Language) bool { return l.Code == base[i+1:] }) {
		return false
	}
	key := base[:i]
	return key == "_index" || slices.ContainsFunc(cs.Procedures, func(p sumProc) bool { return p.ID == key })
}

// keptFromSite returns the cities other than these a preview rebuild takes
// from the site built before, or nil when it must load every city.
func keptFromSite(prev *Site, cities []string, date decide.Date) *keptCities {
	if prev == nil || prev.Date != date || prev.Rules == nil {
		return nil
	}
	for _, p := range prev.Pages {
		// A page of no city in a city's folder: that folder is read, so
		// the city too.
		if g, ok := InputGroup(pageFile(p)); p.City == nil && ok && g != "" && !slices.Contains(cities, g) {
			return nil
		}
	}
	k := &keptCities{sums: map[string]*citySum{}, cities: map[string]*rules.City{}, pages: map[string][]*Page{}}
	for _, c := range prev.Rules.Cities {
		if !slices.Contains(cities, c.ID) {
			k.cities[c.ID] = c
			k.sums[c.ID] = &citySum{PageChanges: prev.pageChangesOf(c.ID)}
		}
	}
	for _, p := range prev.Pages {
		if g := groupOf(p); k.cities[g] != nil {
			k.pages[g] = append(k.pages[g], p)
		}
	}
	return k
}

// loadRules reads the national rules and the cities not kept, and adds the
// kept ones.
func (s *Site) loadRules(fsys fs.FS, date decide.Date, kept *keptCities, errs *diag.List) *rules.Rules {
	var load func(string) bool
	if kept != nil {
		load = func(id string) bool { return !kept.has(id) && kept.sums[id] == nil }
	}
	r, names := rules.LoadSome(fsys, date, load, errs)
	if kept != nil {
		for _, n := range names {
			c := kept.cities[n]
			if c == nil && kept.sums[n] != nil {
				c = kept.sums[n].stub(n, r.National)
				kept.cities[n] = c
			}
			if c == nil {
				continue
			}
			r.Cities = append(r.Cities, c)
			for _, w := range kept.warnings[n] {
				errs.Report(w)
			}
		}
	}
	r.SortCities()
	// The checks across cities, apart: their warnings belong to no city.
	var cp diag.List
	rules.WarnCopied(r, &cp)
	s.copied = map[string]bool{}
	for _, w := range cp.Warnings() {
		s.copied[w.Pos.String()+"\x00"+w.Msg.Key] = true
	}
	errs.Merge(&cp)
	return r
}

// keptPages returns the pages of a kept city.
func (s *Site) keptPages(c *rules.City) []*Page {
	if pages, ok := s.kept.pages[c.ID]; ok {
		return pages
	}
	cs, files := s.kept.sums[c.ID], s.kept.files[c.ID]
	langs := s.Config.Languages
	procs := make(map[string]*rules.Procedure, len(cs.Procedures)) // by content key
	for _, p := range cs.Procedures {
		procs[c.ID+"/"+p.ID] = c.Procedure(p.ID)
	}
	out := make([]*Page, 0, len(files))
	slab := make([]Page, len(files)) // one allocation, not one a page
	for f := range files {
		for _, l := range langs {
			if len(f) <= len(l.Path) || f[len(l.Path)] != '/' || f[:len(l.Path)] != l.Path {
				continue
			}
			rest := f[len(l.Path)+1:]
			pg := &slab[len(out)]
			// Its alternates, which only the sitemap reads of a page not
			// rendered, are made when read (keptAlternates).
			*pg = Page{Kind: "kept", Lang: l.Code, Path: f, City: c, rest: rest}
			// The pages of the city and of its procedures come from
			// content: named after their file, as a full build names them.
			key := strings.TrimSuffix(rest, "/index.html")
			if key == c.ID {
				pg.Kind = "city"
				pg.Content = &content.Page{Key: key, Lang: l.Code, File: path.Join("content", key, "_index."+l.Code+".md")}
			} else if p, ok := procs[key]; ok {
				pg.Kind = "guide"
				pg.Content = &content.Page{Key: key, Lang: l.Code, File: path.Join("content", key+"."+l.Code+".md")}
				pg.Proc = p
			}
			out = append(out, pg)
			break
		}
	}
	return out
}

// pageChangesOf lists the city's pages published or withdrawn after the
// build date.
func (s *Site) pageChangesOf(id string) []Upcoming {
	if s.kept != nil && s.kept.sums[id] != nil && s.kept.has(id) {
		return s.kept.sums[id].PageChanges
	}
	s.pageChangesOnce.Do(func() {
		s.pageChanges = map[string][]Upcoming{}
		if s.Content == nil {
			return
		}
		for _, ch := range s.Content.Changes() {
			if g, ok := InputGroup(ch.Page.File); ok && g != "" && strings.HasPrefix(ch.Page.File, "content/") {
				s.pageChanges[g] = append(s.pageChanges[g], pageUpcoming(ch))
			}
		}
	})
	return s.pageChanges[id]
}

// citySums returns the summary of every city for the record of this
// build, and whether the pages of no city came out the same from them.
func (s *Site) citySums(warnings []diag.Diagnostic) (json.RawMessage, bool) {
	if s.sums == nil {
		return nil, false
	}
	book := s.Book()
	// Each city's own warnings (not those of the checks across cities),
	// in order.
	own := map[string][]diag.Diagnostic{}
	for _, w := range warnings {
		if g, ok := InputGroup(w.Pos.File); ok && g != "" && !s.copied[w.Pos.String()+"\x00"+w.Msg.Key] {
			own[g] = append(own[g], w)
		}
	}
	out := make(map[string]*citySum, len(s.Rules.Cities))
	for _, c := range s.Rules.Cities {
		if s.kept.has(c.ID) && s.kept.rawOf(c.ID) != nil {
			continue // as recorded
		}
		cs := *s.sums[c.ID]
		cs.Upcoming = cityUpcoming(c, book)
		cs.PageChanges = s.pageChangesOf(c.ID)
		if len(own[c.ID]) > 0 {
			cs.Warnings = recordWarnings(own[c.ID])
		}
		out[c.ID] = &cs
	}
	for _, p := range s.Pages {
		if p.Kind == "kept" {
			continue // a kept city's, whose summary is as recorded
		}
		if cs := out[groupOf(p)]; cs != nil && !s.kept.has(groupOf(p)) {
			cs.Pages++
		}
	}
	// {"ID":{…},…} by ID, as json.Marshal writes a map; the kept cities'
	// summaries as they were recorded.
	ids := slices.Sorted(maps.Keys(out))
	if s.kept != nil {
		ids = slices.Sorted(func(yield func(string) bool) {
			for id := range out {
				yield(id)
			}
			for id := range s.kept.files {
				if out[id] == nil && !yield(id) {
					return
				}
			}
		})
	}
	size := 2 + 512*len(out)
	for _, id := range ids {
		size += len(id) + 4 + len(s.kept.rawOf(id))
	}
	b := make([]byte, 1, size)
	b[0] = '{'
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(id)
		b = append(append(b, k...), ':')
		v := s.kept.rawOf(id)
		if v == nil {
			var err error
			if v, err = json.Marshal(out[id]); err != nil {
				return nil, false
			}
		}
		b = append(b, v...)
	}
	b = append(b, '}')
	return b, !s.stubsDiffer.Load()
}

// rawOf returns the summary of city id as recorded, when the build keeps
// it from the record.
func (k *keptCities) rawOf(id string) json.RawMessage {
	if k == nil {
		return nil
	}
	if _, ok := k.files[id]; !ok {
		return nil
	}
	return k.all[id]
}

// summarizeAll makes the summary and the stub of every city, for a build
// that records them.
//
// A build that loads every city checks the pages of no city with every
// city as a stub. One that keeps some checks only the cities it loaded: the
// kept ones were checked when last loaded. It renders those pages with the
// loaded cities alone, whole and as stubs (a short list, quickly rendered).
func (s *Site) summarizeAll() {
	s.sums = map[string]*citySum{}
	var whole, stubs []*rules.City
	for _, c := range s.Rules.Cities {
		if s.kept.has(c.ID) {
			continue // a stub already, checked before
		}
		cs := summarize(c)
		s.sums[c.ID] = cs
		whole, stubs = append(whole, c), append(stubs, cs.stub(c.ID, s.Rules.National))
	}
	switch {
	case s.kept == nil:
		s.checkWith = stubs // against the pages as rendered
	case len(whole) > 0:
		s.checkWhole, s.checkWith = whole, stubs
	}
}

// sortPageChanges orders changes of pages as content.Set.Changes does: by
// date, then file.
func sortPageChanges(us []Upcoming) {
	sort.SliceStable(us, func(i, j int) bool {
		if us[i].Date != us[j].Date {
			return us[i].Date.Before(us[j].Date)
		}
		return us[i].Page < us[j].Page
	})
}

// checkStubs renders a page of no city again from the stubs of the cities
// to check, and notes when it comes out otherwise (see summarizeAll).
func (s *Site) checkStubs(p *Page, v *View, raw []byte) {
	if s.checkWhole != nil {
		whole := *v
		whole.cities = s.checkWhole
		var err error
		if raw, err = s.Theme.Render(p.Kind, &whole); err != nil {
			s.stubsDiffer.Store(true)
			return
		}
	}
	alt := *v
	alt.cities = s.checkWith
	if b, err := s.Theme.Render(p.Kind, &alt); err != nil || !bytes.Equal(b, raw) {
		s.stubsDiffer.Store(true)
	}
}

// topUnchanged reports whether the pages of no city would come out of this
// incremental build (plan) as the last build wrote them, so that they need
// not be rendered: their prose is as it was, the site has the same cities,
// each loaded city's summary is as recorded (name, procedures… in the same
// order), and those pages come out the same from the loaded cities as from
// their summaries (the kept ones were checked when last loaded). Links from
// those pages are checked again all the same (fragments.check).
func (s *Site) topUnchanged(plan *reuse) bool {
	k := s.kept
	switch {
	case k == nil || k.pages != nil || s.sums == nil || plan.old == nil || plan.in == nil,
		plan.in.groups[""] != plan.old.Inputs[""], crosses(plan.in.dates[""], plan.old.Date, plan.date),
		len(s.Rules.Cities) != len(k.all):
		return false
	}
	for _, c := range s.Rules.Cities {
		raw, ok := k.all[c.ID]
		if !ok {
			return false
		}
		if k.has(c.ID) {
			continue
		}
		var was citySum
		if json.Unmarshal(raw, &was) != nil || !sameSummary(&was, s.sums[c.ID]) {
			return false
		}
	}
	// A page of no city in a changed city's folder (content/CITY/NAME.md,
	// not the city's nor a procedure's) is rendered, or removed.
	dirty := func(g string) bool { return slices.Contains(plan.dirty, g) }
	for _, p := range s.Pages {
		if g, ok := InputGroup(pageFile(p)); p.City == nil && ok && dirty(g) {
			return false
		}
	}
	if g := plan.old.Groups[""]; g != nil {
		for f := range g.Files {
			for _, l := range s.Config.Languages {
				if rest, ok := strings.CutPrefix(f, l.Path+"/"); ok && strings.Contains(rest, "/") && dirty(rest[:strings.IndexByte(rest, '/')]) {
					return false
				}
			}
		}
	}
	if s.checkWhole == nil {
		return true
	}
	for _, p := range s.Pages {
		if p.City != nil {
			continue
		}
		v := s.view(p)
		whole, stub := *v, *v
		whole.cities, stub.cities = s.checkWhole, s.checkWith
		a, err := s.Theme.Render(p.Kind, &whole)
		if err != nil {
			return false
		}
		if !whole.usedCities {
			continue
		}
		if b, err := s.Theme.Render(p.Kind, &stub); err != nil || !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

// sameSummary compares what two summaries say of a city itself, not what a
// build adds to them (pages, changes, warnings).
func sameSummary(a, b *citySum) bool {
	x, y := *a, *b
	x.Pages, x.Upcoming, x.PageChanges, x.Warnings = 0, nil, nil, nil
	y.Pages, y.Upcoming, y.PageChanges, y.Warnings = 0, nil, nil, nil
	bx, err1 := json.Marshal(&x)
	by, err2 := json.Marshal(&y)
	return err1 == nil && err2 == nil && bytes.Equal(bx, by)
}

func pageFile(p *Page) string {
	if p.Content == nil {
		return ""
	}
	return p.Content.File
}
