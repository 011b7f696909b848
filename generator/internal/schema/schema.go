// Package schema generates JSON Schema (draft 2020-12) documents for the rule
// files, so that a YAML-aware editor completes keys and flags mistakes while
// city staff type. With VS Code's YAML extension (yaml-language-server), a
// first line such as
//
//	# yaml-language-server: $schema=PATH/procedure.schema.json
//
// in rules/CITY/PROC.yaml picks the schema up, wherever the caller of Files
// writes the documents.
//
// The schemas are derived by reflection from the structs the loader decodes
// into (package rules), following the same conventions as package yamlx: keys
// come from `yaml:"name"` tags, the option ",required" makes a key mandatory,
// fields tagged "-" (positions) are not keys, and pointer fields are optional
// and may be left empty. Types that decode themselves (yamlx.Unmarshaler) have
// hand-written schemas; a new such type without one makes Files fail, as does
// a description or constraint below that names a key which no longer exists.
//
// The schemas cover what can be checked in one file: keys, types, required
// keys, the fixed values and formats the loader accepts. References between
// files (an office ID, a document ID) and the flow of a procedure are checked
// by `go run ./generator/cmd/tebiki check`.
//
// It imports rules (for the structs), yamlx, diag and the core; not content,
// theme or the build.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// Draft is the JSON Schema dialect of the generated documents.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Patterns the loader enforces (rules/load.go, rules/hours.go and decide.ParseDate).
const (
	IDPattern   = `^[a-z0-9][a-z0-9_-]*$`
	TimePattern = `^([01][0-9]|2[0-3]):[0-5][0-9]$`
	DatePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	// UsePattern is PROCEDURE.OUTCOME.
	UsePattern = `^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*$`
	// SpanPattern is a range of time, HH:MM-HH:MM (also with ～, 〜, ~ or –).
	SpanPattern = `^ *([01][0-9]|2[0-3]):[0-5][0-9] *[-～〜~–] *([01][0-9]|2[0-3]):[0-5][0-9] *$`
	// DayPattern is a date (YYYY-MM-DD) or a day of every year (MM-DD).
	DayPattern = `^([0-9]{4}-)?[0-9]{2}-[0-9]{2}$`
)

// node is the subset of JSON Schema the generator emits. Fields are
// written in this order; maps are written with sorted keys, so the output is
// the same bytes on every run.
type node struct {
	Dialect              string           `json:"$schema,omitempty"`
	Ref                  string           `json:"$ref,omitempty"`
	Title                string           `json:"title,omitempty"`
	Description          string           `json:"description,omitempty"`
	Type                 any              `json:"type,omitempty"` // a type name or a list of them
	Enum                 []string         `json:"enum,omitempty"`
	Pattern              string           `json:"pattern,omitempty"`
	MinLength            int              `json:"minLength,omitempty"`
	Minimum              *int             `json:"minimum,omitempty"`
	Maximum              *int             `json:"maximum,omitempty"`
	Properties           map[string]*node `json:"properties,omitempty"`
	Required             []string         `json:"required,omitempty"`
	PropertyNames        *node            `json:"propertyNames,omitempty"`
	AdditionalProperties any              `json:"additionalProperties,omitempty"` // false or a schema
	Items                *node            `json:"items,omitempty"`
	OneOf                []*node          `json:"oneOf,omitempty"`
	AnyOf                []*node          `json:"anyOf,omitempty"`
	Defs                 map[string]*node `json:"$defs,omitempty"`
}

// root describes one rule file and the struct it decodes into.
type root struct {
	File        string // the schema's file name
	Type        reflect.Type
	Title       string
	Description string
}

// roots lists the schema documents Files returns.
var roots = []root{
	{
		File:        "national.schema.json",
		Type:        reflect.TypeFor[rules.NationalFile](),
		Title:       "Tebiki national rules (全国共通のルール)",
		Description: "rules/national.yaml: facts common to every city: certificates, PINs, shared documents and notices, procedure kinds.",
	},
	{
		File:        "city.schema.json",
		Type:        reflect.TypeFor[rules.CityFile](),
		Title:       "Tebiki city (市区町村)",
		Description: "rules/CITY/city.yaml: the city's name, offices and hours, contact, and its own documents and notices.",
	},
	{
		File:        "procedure.schema.json",
		Type:        reflect.TypeFor[rules.ProcFile](),
		Title:       "Tebiki procedure (手続き)",
		Description: "rules/CITY/PROC.yaml: one procedure of a city: offices, fee, questions and outcomes.",
	},
	{
		File:        "test.schema.json",
		Type:        reflect.TypeFor[rules.TestFile](),
		Title:       "Tebiki rule tests (ルールのテスト)",
		Description: "rules/CITY/PROC.test.yaml: answers (and dates) in, the expected outcome out. Every path through the procedure needs a test.",
	},
}

// Files returns the schema documents by file name: "national.schema.json",
// "city.schema.json", "procedure.schema.json" and "test.schema.json", for a
// site in langs (every text needs each of them). Each is pretty-printed JSON
// with a 2-space indent and a final newline.
func Files(langs []config.Language) (map[string][]byte, error) {
	out := map[string][]byte{}
	used := map[string]bool{}
	for _, r := range roots {
		s, err := generate(r, langs, used)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.File, err)
		}
		b, err := marshal(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.File, err)
		}
		out[r.File] = b
	}
	var stale []string
	for k := range fieldInfo {
		if !used[k] {
			stale = append(stale, k)
		}
	}
	for k := range typeInfo {
		if !used["type "+k] {
			stale = append(stale, "type "+k)
		}
	}
	for k := range keyInfo {
		if !used["key "+k] {
			stale = append(stale, "key "+k)
		}
	}
	for k := range constraints {
		if !used["constraint "+k] {
			stale = append(stale, "constraint "+k)
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return nil, fmt.Errorf("schema descriptions name keys or types the rule files no longer have: %s", strings.Join(stale, ", "))
	}
	return out, nil
}

// marshal writes s as indented JSON, leaving <, > and & unescaped.
func marshal(s *node) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// generate builds the schema of one root. used, if not nil, records the
// entries of the description tables that were applied.
func generate(r root, langs []config.Language, used map[string]bool) (*node, error) {
	if used == nil {
		used = map[string]bool{}
	}
	g := &gen{defs: map[string]*node{}, used: used, langs: langs}
	root, err := g.object(r.Type)
	if err != nil {
		return nil, err
	}
	root.Dialect = Draft
	root.Title = r.Title
	root.Description = r.Description
	if len(g.defs) > 0 {
		root.Defs = g.defs
	}
	return root, nil
}

type gen struct {
	defs  map[string]*node
	used  map[string]bool
	langs []config.Language
}

var (
	posType         = reflect.TypeFor[diag.Pos]()
	unmarshalerType = reflect.TypeFor[yamlx.Unmarshaler]()
)

// defName is the $defs name of a struct type: its Go name.
func defName(t reflect.Type) string { return t.Name() }

// schemaOf returns the schema of a value of type t, adding struct types and
// special types to the definitions.
func (g *gen) schemaOf(t reflect.Type) (*node, error) {
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType) {
		special, ok := specials[t]
		if ls, isLang := langSpecials[t]; isLang {
			special, ok = func() *node { return ls(g.langs) }, true
		}
		if !ok {
			return nil, fmt.Errorf("type %s decodes itself (UnmarshalYAMLX) and has no hand-written schema: add it to specials", t)
		}
		name := defName(t)
		if _, done := g.defs[name]; !done {
			s := special()
			if ti, ok := typeInfo[name]; ok {
				g.used["type "+name] = true
				if s.Description == "" {
					s.Description = ti
				}
			}
			g.defs[name] = s
		}
		return &node{Ref: "#/$defs/" + name}, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		inner, err := g.schemaOf(t.Elem())
		if err != nil {
			return nil, err
		}
		// The decoder takes an empty value ("key:" with nothing after it)
		// as leaving the key out.
		if name, ok := inner.Type.(string); ok && inner.Ref == "" {
			inner.Type = []string{name, "null"}
			return inner, nil
		}
		return &node{AnyOf: []*node{inner, {Type: "null"}}}, nil
	case reflect.String:
		return &node{Type: "string"}, nil
	case reflect.Int:
		return &node{Type: "integer"}, nil
	case reflect.Bool:
		return &node{Type: "boolean"}, nil
	case reflect.Slice:
		items, err := g.schemaOf(t.Elem())
		if err != nil {
			return nil, err
		}
		return &node{Type: "array", Items: items}, nil
	case reflect.Struct:
		name := defName(t)
		if _, done := g.defs[name]; !done {
			g.defs[name] = nil // reserve the name: a type may refer to itself
			s, err := g.object(t)
			if err != nil {
				return nil, err
			}
			g.defs[name] = s
		}
		return &node{Ref: "#/$defs/" + name}, nil
	}
	return nil, fmt.Errorf("no schema for type %s (kind %s)", t, t.Kind())
}

// object returns the schema of a struct decoded key by key.
func (g *gen) object(t reflect.Type) (*node, error) {
	s := &node{Type: "object", Properties: map[string]*node{}, AdditionalProperties: false}
	name := defName(t)
	if d, ok := typeInfo[name]; ok {
		g.used["type "+name] = true
		s.Description = d
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || tag == "" {
			if f.Type != posType && tag == "" {
				return nil, fmt.Errorf("%s.%s has no yaml tag", name, f.Name)
			}
			continue
		}
		key, opts, _ := strings.Cut(tag, ",")
		ps, err := g.schemaOf(f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", name, f.Name, err)
		}
		if err := g.decorate(ps, name, key, f.Type); err != nil {
			return nil, err
		}
		s.Properties[key] = ps
		if strings.Contains(opts, "required") {
			s.Required = append(s.Required, key)
		}
	}
	if c, ok := constraints[name]; ok {
		g.used["constraint "+name] = true
		c(s)
	}
	return s, nil
}

// decorate adds the description and constraints of Type.key to ps.
func (g *gen) decorate(ps *node, typeName, key string, t reflect.Type) error {
	fk := typeName + "." + key
	fi, ok := fieldInfo[fk]
	if ok {
		g.used[fk] = true
	}
	if c, ok := keyInfo[key]; ok && t.Kind() == reflect.String {
		g.used["key "+key] = true
		if fi.Desc == "" {
			fi.Desc = c.Desc
		}
		if fi.Pattern == "" {
			fi.Pattern = c.Pattern
		}
	}
	ps.Description = fi.Desc
	if fi.Pattern == "" && fi.Enum == nil && fi.MinLength == 0 {
		return nil
	}
	// Constraints go on the string itself, or on the items of a list of strings.
	target := ps
	if ps.Items != nil {
		target = ps.Items
	}
	if !typeIs(target, "string") {
		return fmt.Errorf("%s: a pattern, enum or minLength needs a string or a list of strings", fk)
	}
	target.Pattern = fi.Pattern
	target.Enum = fi.Enum
	target.MinLength = fi.MinLength
	return nil
}

func typeIs(s *node, name string) bool {
	switch t := s.Type.(type) {
	case string:
		return t == name
	case []string:
		return len(t) > 0 && t[0] == name
	}
	return false
}
