// Package rules loads the rule files under rules/ into typed facts and the
// decision core's procedures.
//
// Layout:
//
//	rules/national.yaml        facts common to every city: certificates, PINs,
//	                           expiry rules, shared documents and notices,
//	                           procedure kinds
//	rules/CITY/city.yaml       one city: name, offices and hours, contact,
//	                           its own documents and notices
//	rules/CITY/PROC.yaml       one procedure of that city: offices, fee,
//	                           questions and outcomes
//	rules/CITY/PROC.test.yaml  rule tests of that procedure
//
// Adding a city is adding a folder; no Go code changes.
//
// It owns rules/: decoding (yamlx), checks with positions, opening hours
// (hours*.go), and turning each procedure into the core's model
// (procedure.go; positions cross to the core in core.go). It must not import
// content, theme or anything that builds a site (enforced by package layers).
package rules

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Text is a text in every language of the site (tebiki.yaml lists them;
// Japanese and English by default), written as one line per language code:
//
//	text:
//	  ja: 窓口で申請されるのはどなたですか。
//	  en: Who will go to the counter?
//
// Every language is required: a missing one is an error at the text's
// position, naming the language.
type Text struct {
	T   decide.Text
	Pos diag.Pos
}

// UnmarshalYAMLX reads one text per language and reports those missing.
func (t *Text) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	t.Pos = d.Pos(n)
	langs, meant, ok := perLanguage(d, n, func(lang string, k, v *yaml.Node) {
		if t.T.Has(lang) {
			d.Errorf(k, "key %q appears twice", k.Value)
			return
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			d.Errorf(v, "expected a text, found %s", yamlx.KindName(v))
			t.T = t.T.With(lang, "")
			return
		}
		t.T = t.T.With(lang, d.Strings.Intern(v.Value))
		if strings.TrimSpace(v.Value) == "" {
			d.Errs.AddHintT(d.Pos(v), diag.T("write the text in this language after \"%s: \"", k.Value), "empty text in language %q", k.Value)
		}
	}, func(langs []string) { t.T = make(decide.Text, 0, len(langs)) })
	if ok {
		reportMissing(d, n, langs, meant, t.T.Has)
	}
}

// perLanguage reads a mapping with one entry per language of the site
// (d.Langs): start is called with the languages first, then each entry of a
// known language goes to each, with the site's own string for its code (so
// that what is kept does not hold on to the YAML node's); an unknown language is reported, with the
// language it was probably meant to be (meant). ok is false when n is not a
// mapping (reported).
func perLanguage(d *yamlx.Decoder, n *yaml.Node, each func(lang string, k, v *yaml.Node), start func(langs []string)) (langs []string, meant map[string]bool, ok bool) {
	langs = d.Langs
	if len(langs) == 0 {
		langs = defaultLangs
	}
	if n.Kind != yaml.MappingNode {
		d.Errs.AddHintT(d.Pos(n), diag.T("write one line per language: %s", langLines(langs)), "expected a text in each language of the site (%s), found %s", strings.Join(langs, ", "), yamlx.KindName(n))
		return langs, nil, false
	}
	start(langs)
	meant = map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		li := slices.Index(langs, k.Value)
		if li < 0 {
			hint := diag.T("the site's languages (tebiki.yaml) are %s", strings.Join(langs, ", "))
			if s := decide.Suggest(k.Value, langs); s != "" {
				hint = diag.T("did you mean %q?", s)
				meant[s] = true
			}
			d.Errs.AddHintT(d.Pos(k), hint, "unknown language %q", k.Value)
			continue
		}
		each(langs[li], k, v)
	}
	return langs, meant, true
}

// reportMissing reports each language without an entry, but those skip
// names (reported as a misspelt language).
func reportMissing(d *yamlx.Decoder, n *yaml.Node, langs []string, skip map[string]bool, has func(lang string) bool) {
	for _, l := range langs {
		if !has(l) && !skip[l] {
			d.Errs.AddHintT(d.Pos(n), diag.T("add a line \"%s: …\" with the text in that language", l), "missing text in language %q", l)
		}
	}
}

var defaultLangs = []string{"ja", "en"}

// langLines shows the lines a text needs: "ja: …", "en: …".
func langLines(langs []string) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = "\"" + l + ": …\""
	}
	return strings.Join(parts, ", ")
}

// D returns the decision core's text.
func (t Text) D() decide.Text { return t.T }

// In returns the text in lang.
func (t Text) In(lang string) string { return t.T.In(lang) }

// Values lists the text in each language, in the order of the language codes.
func (t Text) Values() []string { return t.T.Values() }

// IsZero reports whether the text was not given.
func (t Text) IsZero() bool { return t.T.IsZero() }

// NationalFile is rules/national.yaml.
type NationalFile struct {
	RenewalWindowMonths int         `yaml:"renewal_window_months,required"`
	Facts               []Fact      `yaml:"facts"`
	PINs                []PIN       `yaml:"pins"`
	Documents           []TextEntry `yaml:"documents"`
	Notices             []TextEntry `yaml:"notices"`
	ProcedureKinds      []KindFile  `yaml:"procedures,required"`
	Pos                 diag.Pos    `yaml:"-"`
}

// Fact is a block of text shown on guide pages: a title, paragraphs and a list.
type Fact struct {
	ID             string       `yaml:"id,required"`
	Title          Text         `yaml:"title,required"`
	Body           []Text       `yaml:"body"`
	List           []Text       `yaml:"list"`
	Note           Text         `yaml:"note"`
	EffectiveFrom  string       `yaml:"effective_from"`  // YYYY-MM-DD: in force from this day
	EffectiveUntil string       `yaml:"effective_until"` // YYYY-MM-DD: in force up to and including this day
	Pos            diag.Pos     `yaml:"-"`
	Absent         yamlx.Absent `yaml:"-"` // required keys not written, reported already
}

// PIN is one of the card's PINs.
type PIN struct {
	ID          string   `yaml:"id,required"`
	Certificate Text     `yaml:"certificate,required"`
	Format      Text     `yaml:"format,required"`
	Lockout     int      `yaml:"lockout,required"`
	Pos         diag.Pos `yaml:"-"`
}

// TextEntry is a named text, such as a document to bring or a notice, that
// rule files refer to by ID.
type TextEntry struct {
	ID     string       `yaml:"id,required"`
	Name   Text         `yaml:"name,required"`
	Note   Text         `yaml:"note"`
	Pos    diag.Pos     `yaml:"-"`
	Absent yamlx.Absent `yaml:"-"` // required keys not written, reported already
}

// KindFile describes a kind of procedure, the same in every city.
type KindFile struct {
	ID       string       `yaml:"id,required"`
	Title    Text         `yaml:"title,required"`
	Summary  Text         `yaml:"summary,required"`
	Facts    []string     `yaml:"facts"`
	ShowPINs bool         `yaml:"pins"`
	Pos      diag.Pos     `yaml:"-"`
	Absent   yamlx.Absent `yaml:"-"` // required keys not written, reported already
}

// CityFile is rules/CITY/city.yaml.
type CityFile struct {
	Name       Text        `yaml:"name,required"`
	Prefecture Text        `yaml:"prefecture,required"`
	Weight     int         `yaml:"weight"`
	Offices    []Office    `yaml:"offices,required"`
	Contact    *Contact    `yaml:"contact"`
	Documents  []TextEntry `yaml:"documents"`
	Notices    []TextEntry `yaml:"notices"`
	Pos        diag.Pos    `yaml:"-"`
}

// Office is a counter where procedures are done.
type Office struct {
	ID             string       `yaml:"id,required"`
	Building       Text         `yaml:"building,required"`
	Counter        Text         `yaml:"counter,required"`
	Hours          []Hours      `yaml:"hours,required"` // in force on the build date, once loaded
	Holidays       HolidayRule  `yaml:"holidays"`       // closed or open on national holidays; unset where the city does not say
	Closed         []Closure    `yaml:"closed"`         // closing days; once loaded, those still to come and the yearly ones
	Note           Text         `yaml:"note"`
	EffectiveFrom  string       `yaml:"effective_from"`  // YYYY-MM-DD: in force from this day
	EffectiveUntil string       `yaml:"effective_until"` // YYYY-MM-DD: in force up to and including this day
	Pos            diag.Pos     `yaml:"-"`
	Absent         yamlx.Absent `yaml:"-"` // required keys not written, reported already
	allHours       []Hours      `yaml:"-"` // every valid entry, whatever its dates
	allClosed      []Closure    `yaml:"-"` // every valid closure, past ones too
}

// Contact is where residents can ask questions.
type Contact struct {
	Name    Text     `yaml:"name,required"`
	Address Text     `yaml:"address"`
	Phone   string   `yaml:"phone"`
	Fax     string   `yaml:"fax"`
	Pos     diag.Pos `yaml:"-"`
}

// ProcFile is rules/CITY/PROC.yaml.
type ProcFile struct {
	Kind      string        `yaml:"kind,required"`
	Offices   []Ref         `yaml:"offices,required"`
	Fee       *Fee          `yaml:"fee"`
	Notes     []Text        `yaml:"notes"`
	Questions []QuestionDef `yaml:"questions"`
	Outcomes  []OutcomeDef  `yaml:"outcomes,required"`
	Pos       diag.Pos      `yaml:"-"`
}

// Fee is the fee a city states for a procedure.
type Fee struct {
	Yen            int      `yaml:"yen"`
	Note           Text     `yaml:"note"`
	EffectiveFrom  string   `yaml:"effective_from"`  // YYYY-MM-DD: in force from this day
	EffectiveUntil string   `yaml:"effective_until"` // YYYY-MM-DD: in force up to and including this day
	Pos            diag.Pos `yaml:"-"`
}

// QuestionDef is a question in a procedure file.
type QuestionDef struct {
	ID      string       `yaml:"id,required"`
	Kind    string       `yaml:"kind"` // choice (default) or expiry
	Text    Text         `yaml:"text,required"`
	Help    Text         `yaml:"help"`
	AskIf   Cond         `yaml:"ask_if"`
	Answers []AnswerDef  `yaml:"answers,required"`
	Pos     diag.Pos     `yaml:"-"`
	Absent  yamlx.Absent `yaml:"-"` // required keys not written, reported already
}

// AnswerDef is an answer of a question.
type AnswerDef struct {
	ID     string       `yaml:"id,required"`
	Label  Text         `yaml:"label,required"`
	Pos    diag.Pos     `yaml:"-"`
	Absent yamlx.Absent `yaml:"-"` // required keys not written, reported already
}

// OutcomeDef is an outcome in a procedure file.
type OutcomeDef struct {
	ID             string       `yaml:"id,required"`
	Kind           string       `yaml:"kind"` // checklist (default), not_yet or contact
	When           Cond         `yaml:"when"`
	Use            string       `yaml:"use"` // PROC.OUTCOME of the same city: take its visits and warnings
	Title          Text         `yaml:"title,required"`
	Summary        Text         `yaml:"summary"`
	Visits         []VisitDef   `yaml:"visits"`
	Warnings       []ItemDef    `yaml:"warnings"`
	EffectiveFrom  string       `yaml:"effective_from"`  // YYYY-MM-DD: in force from this day
	EffectiveUntil string       `yaml:"effective_until"` // YYYY-MM-DD: in force up to and including this day
	Pos            diag.Pos     `yaml:"-"`
	Absent         yamlx.Absent `yaml:"-"` // required keys not written, reported already
}

// VisitDef is one visit of an outcome.
type VisitDef struct {
	Title   Text      `yaml:"title"`
	SameDay string    `yaml:"same_day"` // yes, no, or unset where the city does not say
	Note    Text      `yaml:"note"`
	Bring   []ItemDef `yaml:"bring,required"`
	Pos     diag.Pos  `yaml:"-"`
}

// ItemDef is a document to bring or a warning: a reference to a shared
// document or notice, or a text of its own.
type ItemDef struct {
	Doc            string   `yaml:"doc"`
	Notice         string   `yaml:"notice"`
	Text           Text     `yaml:"text"`
	Notes          []Text   `yaml:"notes"`
	When           Cond     `yaml:"when"`
	Why            Text     `yaml:"why"`
	EffectiveFrom  string   `yaml:"effective_from"`  // YYYY-MM-DD: in force from this day
	EffectiveUntil string   `yaml:"effective_until"` // YYYY-MM-DD: in force up to and including this day
	Pos            diag.Pos `yaml:"-"`
}

// Cond is written as a mapping from question ID to one answer ID or a list of them.
type Cond struct {
	Clauses []decide.Clause
}

// UnmarshalYAMLX decodes "question: answer" and "question: [a, b]" pairs.
func (c *Cond) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.Errs.AddHint(d.Pos(n), "write it as \"question_id: answer_id\" lines", "expected a condition, found %q", n.Value)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := d.Pos(k)
		cl := decide.Clause{Question: k.Value, Pos: toCore(p)}
		switch v.Kind {
		case yaml.ScalarNode:
			cl.Answers = []string{v.Value}
		case yaml.SequenceNode:
			for _, a := range v.Content {
				if a.Kind != yaml.ScalarNode {
					d.Errorf(a, "expected an answer ID")
					continue
				}
				cl.Answers = append(cl.Answers, a.Value)
			}
		default:
			d.Errorf(v, "expected an answer ID or a list of them")
			continue
		}
		c.Clauses = append(c.Clauses, cl)
	}
}

// Ref is an ID that refers to something defined elsewhere (an office), kept
// with its position so that an unknown one is reported where it is written.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// UnmarshalYAMLX decodes a plain ID.
func (r *Ref) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	r.Pos = d.Pos(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.Errorf(n, "expected an ID, found %s", yamlx.KindName(n))
		return
	}
	r.ID = n.Value
}
