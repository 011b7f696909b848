package bench

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/rules"
)

// city is one synthetic city.
type city struct {
	Index          int
	tmpl           *template
	NameJa, NameEn string // 北川市, Kitakawa
	PrefJa, PrefEn string
	Offices        []office
	Contact        *contactY
	Procs          []proc
	docSuffix      []part // per document of the template, in order
	noticeSuffix   []part
	rng            *rand.Rand

	homeJa, homeEn string
	guides         [][2]string // ja, en per procedure
}

type office struct {
	officeY
}

func (o office) hours() rules.Hours {
	return ruleHours(o.Hours[0].Days, o.Hours[0].Open, o.Hours[0].Close)
}

type proc struct {
	tp      templateProc
	Offices []int // indexes into city.Offices, in order
	Fee     *int  // nil: the city states no fee
}

func (c *city) id() string { return fmt.Sprintf("c%04d", c.Index+1) }

// cityNames returns n distinct made-up city names, in an order that depends
// on seed.
func cityNames(n int, seed int64) []part {
	var all []part
	for _, p := range namePrefixes {
		for _, s := range nameSuffixes {
			if p.ja == s.ja || p.ja+s.ja == "桜川" || p.ja+s.ja == "三田" {
				continue
			}
			all = append(all, part{p.ja + s.ja, p.ro + s.ro})
		}
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	out := make([]part, n)
	for i := range n {
		p := all[i%len(all)]
		if k := i / len(all); k > 0 { // more cities than names: number them
			p = part{p.ja + strconv.Itoa(k+1), p.ro + strconv.Itoa(k+1)}
		}
		out[i] = p
	}
	return out
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func newCity(i int, name part, t *template, rng *rand.Rand) *city {
	c := &city{Index: i, tmpl: t, rng: rng, NameJa: name.ja + "市", NameEn: name.ro}
	pref := pick(rng, prefectures)
	c.PrefJa, c.PrefEn = pref.ja, pref.ro

	// 1 to 4 offices: a main building, then district buildings.
	n := 1 + rng.IntN(4)
	used := map[string]bool{}
	mb := pick(rng, mainBuildings)
	c.Offices = append(c.Offices, c.makeOffice(mb, "", ""))
	used[c.Offices[0].ID] = true
	for len(c.Offices) < n {
		d := pick(rng, namePrefixes)
		s := pick(rng, nameSuffixes)
		if d.ja == s.ja {
			continue
		}
		o := c.makeOffice(pick(rng, buildingKinds), d.ja+s.ja, d.ro+s.ro)
		if used[o.ID] {
			continue
		}
		used[o.ID] = true
		c.Offices = append(c.Offices, o)
	}
	// Sanda-like cities name a contact; about half of the others do.
	if t.name == "sanda" || rng.IntN(2) == 0 {
		c.Contact = c.makeContact()
	}
	for _, tp := range t.procs {
		p := proc{tp: tp}
		k := len(c.Offices)
		if tp.kind != "renewal" {
			k = 1 + rng.IntN(len(c.Offices))
		}
		for j := range k {
			p.Offices = append(p.Offices, j)
		}
		switch r := rng.IntN(20); {
		case r < 8: // no stated fee
		case r < 17:
			p.Fee = new(int)
		default:
			fee := 200
			p.Fee = &fee
		}
		c.Procs = append(c.Procs, p)
	}
	for range 8 {
		c.docSuffix = append(c.docSuffix, pick(rng, docSuffixes))
		c.noticeSuffix = append(c.noticeSuffix, pick(rng, noticeSuffixes))
	}
	return c
}

func (c *city) makeOffice(k buildingKind, placeJa, placeRo string) office {
	r := strings.NewReplacer("{PE}", placeRo, "{CE}", c.NameEn, "{P}", placeJa, "{C}", c.NameJa, "{p}", strings.ToLower(placeRo))
	cn := pick(c.rng, counters)
	o := office{officeY{
		ID:       r.Replace(k.id),
		Building: textY{r.Replace(k.ja), r.Replace(k.en)},
		Counter:  textY{cn.ja, cn.ro},
		Hours:    []hoursY{{"weekdays", pick(c.rng, openTimes), pick(c.rng, closeTimes)}},
	}}
	if c.rng.IntN(4) == 0 { // a numbered counter, as in Sanda
		n := 1 + c.rng.IntN(12)
		o.Counter.Ja += fmt.Sprintf("%d番窓口", n)
		o.Counter.En += fmt.Sprintf(", counter %d (%d番窓口)", n, n)
	}
	if c.rng.IntN(3) == 0 {
		nt := pick(c.rng, officeNotes)
		o.Note = &textY{nt.ja, nt.ro}
	}
	return o
}

func (c *city) makeContact() *contactY {
	dep := pick(c.rng, departments)
	cn := c.Offices[0].Counter
	zip := fmt.Sprintf("%03d-%04d", 100+c.rng.IntN(900), c.rng.IntN(10000))
	d := pick(c.rng, namePrefixes)
	s := pick(c.rng, nameSuffixes)
	a, b, e := 1+c.rng.IntN(5), 1+c.rng.IntN(30), 1+c.rng.IntN(20)
	addrJa := fmt.Sprintf("〒%s %s%s%s%d丁目%d番%d号", zip, c.PrefJa, c.NameJa, d.ja+s.ja, a, b, e)
	addrEn := fmt.Sprintf("%d-%d-%d %s, %s, %s %s (%s)", a, b, e, d.ro+s.ro, c.NameEn, c.PrefEn, zip, addrJa)
	area := 100 + c.rng.IntN(900)
	ct := &contactY{
		Name:    textY{dep.ja + " " + cn.Ja, cn.En + ", " + dep.ro},
		Address: textY{addrJa, addrEn},
		Phone:   fmt.Sprintf("0%d-%02d-%04d", area, c.rng.IntN(100), c.rng.IntN(10000)),
	}
	if c.rng.IntN(2) == 0 {
		ct.Fax = fmt.Sprintf("0%d-%02d-%04d", area, c.rng.IntN(100), c.rng.IntN(10000))
	}
	return ct
}

// names replaces the template city's names with this city's in rule text.
func (c *city) names() *strings.Replacer {
	t := c.tmpl
	return strings.NewReplacer(
		t.nameJa, c.NameJa,
		strings.TrimSuffix(t.nameJa, "市"), strings.TrimSuffix(c.NameJa, "市"),
		t.nameEn, c.NameEn,
		t.prefJa, c.PrefJa,
		t.prefEn, c.PrefEn,
	)
}

func (c *city) write(dir string) error {
	id := c.id()
	rdir := filepath.Join(dir, "rules", id)
	cdir := filepath.Join(dir, "content", id)
	for _, d := range []string{rdir, cdir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	cityYAML, err := c.cityFile()
	if err != nil {
		return err
	}
	files := map[string][]byte{filepath.Join(rdir, "city.yaml"): cityYAML}
	for _, p := range c.Procs {
		rule, test, err := c.procFiles(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p.tp.id, err)
		}
		files[filepath.Join(rdir, p.tp.id+".yaml")] = rule
		files[filepath.Join(rdir, p.tp.id+".test.yaml")] = test
	}
	for _, lang := range []string{"ja", "en"} {
		files[filepath.Join(cdir, "_index."+lang+".md")] = []byte(c.homePage(lang))
		for i := range c.Procs {
			files[filepath.Join(cdir, c.Procs[i].tp.id+"."+lang+".md")] = []byte(c.guidePage(i, lang))
		}
	}
	for _, f := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(f, files[f], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// cityFile derives rules/CITY/city.yaml from the template's: new name,
// prefecture, offices and contact; the template's documents and notices,
// their wording varied.
func (c *city) cityFile() ([]byte, error) {
	doc, err := parseDoc(c.tmpl.city)
	if err != nil {
		return nil, err
	}
	m := doc.Content[0]
	set := func(key string, v any) error {
		n := &yaml.Node{}
		if err := n.Encode(v); err != nil {
			return err
		}
		mapSet(m, key, n)
		return nil
	}
	if err := set("name", textY{c.NameJa, c.NameEn + " City (" + c.NameJa + ")"}); err != nil {
		return nil, err
	}
	if err := set("prefecture", textY{c.PrefJa, c.PrefEn}); err != nil {
		return nil, err
	}
	if err := set("weight", c.Index+1); err != nil {
		return nil, err
	}
	var offs []officeY
	for _, o := range c.Offices {
		offs = append(offs, o.officeY)
	}
	if err := set("offices", offs); err != nil {
		return nil, err
	}
	if c.Contact != nil {
		if err := set("contact", c.Contact); err != nil {
			return nil, err
		}
	} else {
		mapDel(m, "contact")
	}
	vary := func(key string, suffixes []part) {
		list := mapGet(m, key)
		if list == nil {
			return
		}
		for i, item := range list.Content {
			name := mapGet(item, "name")
			if name == nil || i >= len(suffixes) {
				continue
			}
			if ja := mapGet(name, "ja"); ja != nil {
				ja.Value += suffixes[i].ja
			}
			if en := mapGet(name, "en"); en != nil {
				en.Value += suffixes[i].ro
			}
		}
	}
	vary("documents", c.docSuffix)
	vary("notices", c.noticeSuffix)
	// The head comment names the city; editor directives in it are kept.
	var head []string
	for _, n := range []*yaml.Node{doc, m, m.Content[0]} {
		for _, l := range strings.Split(n.HeadComment, "\n") {
			if strings.HasPrefix(l, "# yaml-language-server:") {
				head = append(head, l)
			}
		}
		n.HeadComment = ""
	}
	head = append(head, fmt.Sprintf("# %s (%s), %s: a synthetic city derived from %s.", c.NameEn+" City", c.NameJa, c.PrefEn, c.tmpl.name))
	m.Content[0].HeadComment = strings.Join(head, "\n")
	replaceStrings(doc, c.names().Replace)
	return encodeDoc(doc)
}

// procFiles derives a procedure and its rule tests from the template's, with
// this city's offices, fee and names; the tests assert them.
func (c *city) procFiles(p proc) (rule, test []byte, err error) {
	names := c.names().Replace
	doc, err := parseDoc(p.tp.rule)
	if err != nil {
		return nil, nil, err
	}
	m := doc.Content[0]
	mapSet(m, "offices", c.officeList(p))
	mapDel(m, "fee")
	if p.Fee != nil {
		fee := &yaml.Node{}
		if err := fee.Encode(map[string]int{"yen": *p.Fee}); err != nil {
			return nil, nil, err
		}
		mapInsertAfter(m, "offices", "fee", fee)
	}
	replaceStrings(doc, names)
	if rule, err = encodeDoc(doc); err != nil {
		return nil, nil, err
	}

	tdoc, err := parseDoc(p.tp.test)
	if err != nil {
		return nil, nil, err
	}
	tests := mapGet(tdoc.Content[0], "tests")
	if tests == nil {
		return nil, nil, errors.New("test file without tests")
	}
	for _, t := range tests.Content {
		e := mapGet(t, "expect")
		if e == nil {
			continue
		}
		where := mapGet(e, "offices") != nil
		if where {
			mapSet(e, "offices", c.officeList(p))
		}
		if mapGet(e, "fee") != nil || mapGet(e, "no_fee") != nil || where {
			mapDel(e, "fee")
			mapDel(e, "no_fee")
			if p.Fee != nil {
				mapInsertAfter(e, "offices", "fee", scalar(strconv.Itoa(*p.Fee), "!!int"))
			} else {
				mapInsertAfter(e, "offices", "no_fee", scalar("true", "!!bool"))
			}
		}
		says := mapGet(e, "says")
		if says == nil {
			continue
		}
		for _, lang := range []string{"ja", "en"} {
			words := mapGet(says, lang)
			if words == nil {
				continue
			}
			kept := words.Content[:0]
			for _, w := range words.Content {
				if !c.tmpl.isLocation(w.Value) {
					kept = append(kept, w)
				}
			}
			words.Content = kept
			if where {
				for _, w := range c.locationWords(p, lang) {
					words.Content = append(words.Content, scalar(w, "!!str"))
				}
			}
		}
	}
	replaceStrings(tdoc, names)
	test, err = encodeDoc(tdoc)
	return rule, test, err
}

// locationWords are what a test of a procedure's "where" checks: every
// building, the first office's building and counter, hours and note.
func (c *city) locationWords(p proc, lang string) []string {
	var out []string
	for _, i := range p.Offices {
		o := c.Offices[i]
		out = append(out, textIn(o.Building, lang))
	}
	o := c.Offices[p.Offices[0]]
	out = append(out, textIn(o.Building, lang)+" "+textIn(o.Counter, lang), o.hours().In(wordsOf(lang)))
	if o.Note != nil {
		out = append(out, textIn(*o.Note, lang))
	}
	return out
}

func textIn(t textY, lang string) string {
	if lang == "en" {
		return t.En
	}
	return t.Ja
}

func (c *city) officeList(p proc) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, i := range p.Offices {
		n.Content = append(n.Content, scalar(c.Offices[i].ID, "!!str"))
	}
	return n
}
