package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/schema"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// fileTypes is which struct each schema describes, stated here rather than
// taken from the package, so that the test checks the mapping too.
var fileTypes = map[string]reflect.Type{
	"national.schema.json":  reflect.TypeFor[rules.NationalFile](),
	"city.schema.json":      reflect.TypeFor[rules.CityFile](),
	"procedure.schema.json": reflect.TypeFor[rules.ProcFile](),
	"test.schema.json":      reflect.TypeFor[rules.TestFile](),
}

// siteLangs are the codes of the repository's languages, which the schemas
// and the decoder both follow.
func siteLangs() []string { return config.Codes(config.LanguagesOf(os.DirFS("../../.."))) }

func files(t *testing.T) map[string][]byte {
	t.Helper()
	f, err := schema.Files(config.LanguagesOf(os.DirFS("../../..")))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func parsed(t *testing.T, name string) map[string]any {
	t.Helper()
	b, ok := files(t)[name]
	if !ok {
		t.Fatalf("Files() has no %s", name)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s is not JSON: %v", name, err)
	}
	return s
}

func TestFilesNames(t *testing.T) {
	f := files(t)
	var got []string
	for k := range f {
		got = append(got, k)
	}
	sort.Strings(got)
	want := []string{"city.schema.json", "national.schema.json", "procedure.schema.json", "test.schema.json"}
	if !slices.Equal(got, want) {
		t.Fatalf("Files() = %v, want %v", got, want)
	}
	for name, b := range f {
		s := parsed(t, name)
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %v", name, s["$schema"])
		}
		if s["title"] == nil || s["description"] == nil {
			t.Errorf("%s: no title or description", name)
		}
		if !bytes.HasPrefix(b, []byte("{\n  \"")) || !bytes.HasSuffix(b, []byte("}\n")) {
			t.Errorf("%s is not indented with 2 spaces and ended with a newline", name)
		}
	}
}

var unmarshalerType = reflect.TypeFor[yamlx.Unmarshaler]()

// TestEveryKeyInSchema walks the rule structs by reflection and checks that
// each struct's yaml keys, and only those, are the properties of its schema,
// with the same required keys, and that unknown keys are refused.
func TestEveryKeyInSchema(t *testing.T) {
	for file, typ := range fileTypes {
		s := parsed(t, file)
		defs, _ := s["$defs"].(map[string]any)
		seen := map[reflect.Type]bool{}
		var walk func(t reflect.Type, obj map[string]any, where string)
		walk = func(rt reflect.Type, obj map[string]any, where string) {
			if seen[rt] {
				return
			}
			seen[rt] = true
			props, _ := obj["properties"].(map[string]any)
			if obj["additionalProperties"] != false {
				t.Errorf("%s %s: additionalProperties is %v, want false", file, where, obj["additionalProperties"])
			}
			var keys, required []string
			for i := 0; i < rt.NumField(); i++ {
				f := rt.Field(i)
				tag := f.Tag.Get("yaml")
				if tag == "" || tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				keys = append(keys, name)
				if strings.Contains(opts, "required") {
					required = append(required, name)
				}
				prop, ok := props[name].(map[string]any)
				if !ok {
					t.Errorf("%s: key %s.%s is not in the schema", file, rt.Name(), name)
					continue
				}
				if desc, _ := prop["description"].(string); desc == "" {
					t.Errorf("%s: key %s.%s has no description", file, rt.Name(), name)
				}
				ft := f.Type
				for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
					ft = ft.Elem()
				}
				if ft.Kind() != reflect.Struct {
					continue
				}
				ref := findRef(prop)
				if ref != "#/$defs/"+ft.Name() {
					t.Errorf("%s: key %s.%s refers to %q, want #/$defs/%s", file, rt.Name(), name, ref, ft.Name())
					continue
				}
				def, ok := defs[ft.Name()].(map[string]any)
				if !ok {
					t.Errorf("%s: no $defs/%s", file, ft.Name())
					continue
				}
				if reflect.PointerTo(ft).Implements(unmarshalerType) {
					continue // decodes itself: checked by the validation tests
				}
				walk(ft, def, "$defs/"+ft.Name())
			}
			var got []string
			for k := range props {
				got = append(got, k)
			}
			sort.Strings(keys)
			sort.Strings(got)
			if !slices.Equal(got, keys) {
				t.Errorf("%s %s: properties %v, want the yaml keys of %s %v", file, where, got, rt.Name(), keys)
			}
			var gotReq []string
			if r, ok := obj["required"].([]any); ok {
				for _, x := range r {
					gotReq = append(gotReq, x.(string))
				}
			}
			sort.Strings(required)
			sort.Strings(gotReq)
			if !slices.Equal(gotReq, required) {
				t.Errorf("%s %s: required %v, want %v", file, where, gotReq, required)
			}
		}
		walk(typ, s, "(root)")
	}
}

// findRef returns the $ref of a property, of its items, or of its first anyOf.
func findRef(s map[string]any) string {
	if r, ok := s["$ref"].(string); ok {
		return r
	}
	if it, ok := s["items"].(map[string]any); ok {
		return findRef(it)
	}
	if alts, ok := s["anyOf"].([]any); ok && len(alts) > 0 {
		if a, ok := alts[0].(map[string]any); ok {
			return findRef(a)
		}
	}
	return ""
}

// schemaFor returns the schema of a rule file, by its path under rules/.
func schemaFor(rel string) string {
	switch {
	case rel == "national.yaml":
		return "national.schema.json"
	case strings.HasSuffix(rel, "/city.yaml"):
		return "city.schema.json"
	case strings.HasSuffix(rel, ".test.yaml"):
		return "test.schema.json"
	}
	return "procedure.schema.json"
}

func TestRealRulesValidate(t *testing.T) {
	root := filepath.Join("..", "..", "..", "rules")
	var paths []string
	for _, g := range []string{"national.yaml", "*/*.yaml"} {
		m, err := filepath.Glob(filepath.Join(root, g))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	counts := map[string]int{}
	for _, p := range paths {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		name := schemaFor(rel)
		counts[name]++
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		v := newValidator(t, name)
		for _, e := range v.validateYAML(t, src) {
			t.Errorf("rules/%s: %s", rel, e)
		}
	}
	for name := range fileTypes {
		if counts[name] == 0 {
			t.Errorf("no rule file was checked against %s", name)
		}
	}
	t.Logf("checked %d rule files: %v", len(paths), counts)
}

func TestInvalidRejected(t *testing.T) {
	const okOutcome = "outcomes: [{id: a, title: {ja: あ, en: A}, visits: [{bring: [{doc: card}]}]}]\n"
	const proc = "kind: renewal\noffices: [city_hall]\n"
	const hours = "name: {ja: 市, en: City}\nprefecture: {ja: 県, en: Pref}\noffices:\n  - id: hall\n    building: {ja: 庁舎, en: Hall}\n    counter: {ja: 窓口, en: Counter}\n    hours: [%s]\n"
	const test = "tests:\n  - name: t\n    %s\n    expect: {outcome: a, says: {ja: [], en: []}}\n"
	cases := []struct {
		name, schema, src string
		want              string // a word of the expected error
		decoderRejects    bool   // yamlx (not only the later checks of the loader) rejects it too
	}{
		{"unknown key", "procedure.schema.json", proc + "fees: {yen: 0}\n" + okOutcome, `unknown key "fees"`, true},
		{"unknown key in an outcome", "procedure.schema.json", proc + "outcomes: [{id: a, titel: {ja: あ, en: A}, title: {ja: あ, en: A}}]\n", `unknown key "titel"`, true},
		{"missing required key", "procedure.schema.json", "kind: renewal\n" + okOutcome, `missing key "offices"`, true},
		{"missing en", "procedure.schema.json", proc + "outcomes: [{id: a, title: {ja: あ}}]\n", `missing key "en"`, true},
		{"missing ja", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00"}`) + "contact: {name: {en: Office}}\n", `missing key "ja"`, true},
		{"empty ja", "procedure.schema.json", proc + "outcomes: [{id: a, title: {ja: \"\", en: A}}]\n", "shorter than 1", true},
		{"text as a plain string", "procedure.schema.json", proc + "outcomes: [{id: a, title: Renewal}]\n", "want object", true},
		{"wrong question kind", "procedure.schema.json", proc + "questions: [{id: q, kind: multiple, text: {ja: 問, en: Q}, answers: [{id: x, label: {ja: は, en: X}}]}]\n" + okOutcome, "not one of", false},
		{"wrong outcome kind", "procedure.schema.json", proc + "outcomes: [{id: a, kind: done, title: {ja: あ, en: A}}]\n", "not one of", false},
		{"wrong same_day", "procedure.schema.json", proc + "outcomes: [{id: a, title: {ja: あ, en: A}, visits: [{same_day: maybe, bring: [{doc: card}]}]}]\n", "not one of", false},
		{"same_day as a boolean", "procedure.schema.json", proc + "outcomes: [{id: a, title: {ja: あ, en: A}, visits: [{same_day: true, bring: [{doc: card}]}]}]\n", "want string", false},
		{"bad opening time", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "8:30", close: "17:00"}`), "does not match", false},
		{"closing at 24:00", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "24:00"}`), "does not match", false},
		{"unknown days", "city.schema.json", fmt.Sprintf(hours, `{days: "mon,tue", open: "08:30", close: "17:00"}`), "not one of", false},
		{"unknown day in a list", "city.schema.json", fmt.Sprintf(hours, `{days: [mon, tuesdy], open: "08:30", close: "17:00"}`), "not one of", true},
		{"week 6", "city.schema.json", fmt.Sprintf(hours, `{days: sat, weeks: [2, 6], open: "09:00", close: "12:00"}`), "more than 5", true},
		{"hours without times", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays}`), "oneOf", false},
		{"hours with times and open", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00", times: ["18:00-19:00"]}`), "oneOf", false},
		{"week 0", "city.schema.json", fmt.Sprintf(hours, `{days: sat, weeks: 0, open: "09:00", close: "12:00"}`), "less than 1", true},
		{"break at 25:00", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00", break: "12:00-25:00"}`), "does not match", true},
		{"times as a number", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, times: [930]}`), "want string", true},
		{"holidays typo", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00"}`) + "    holidays: close\n", "not one of", true},
		{"closure with a bad date", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00"}`) + "    closed: [\"29 Dec\"]\n", "does not match", true},
		{"closure without until", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00"}`) + "    closed: [{from: \"12-29\"}]\n", "anyOf", false},
		{"closure with an unknown key", "city.schema.json", fmt.Sprintf(hours, `{days: weekdays, open: "08:30", close: "17:00"}`) + "    closed: [{from: \"12-29\", to: \"01-03\"}]\n", "anyOf", true},
		{"bad ID", "procedure.schema.json", proc + "outcomes: [{id: Self, title: {ja: あ, en: A}}]\n", "does not match", false},
		{"item with two sources", "procedure.schema.json", proc + "outcomes: [{id: a, title: {ja: あ, en: A}, visits: [{bring: [{doc: card, notice: n}]}]}]\n", "oneOf", false},
		{"item with no source", "procedure.schema.json", proc + "outcomes: [{id: a, title: {ja: あ, en: A}, warnings: [{why: {ja: 理由, en: Why}}]}]\n", "oneOf", false},
		{"condition as a string", "procedure.schema.json", proc + "outcomes: [{id: a, when: who, title: {ja: あ, en: A}}]\n", "want object", true},
		{"list in test answers", "test.schema.json", fmt.Sprintf(test, "answers: {who: [self, proxy]}"), "want string", true},
		{"number where a whole number is needed", "national.schema.json", "renewal_window_months: three\nprocedures: []\n", "want integer", true},
		{"bad effective_from", "procedure.schema.json", proc + "outcomes: [{id: a, effective_from: April 2027, title: {ja: あ, en: A}}]\n", "does not match", false},
		{"bad date", "test.schema.json", fmt.Sprintf(test, "today: 1 May 2026"), "does not match", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := newValidator(t, c.schema).validateYAML(t, []byte(c.src))
			if len(errs) == 0 {
				t.Fatalf("the schema accepts\n%s", c.src)
			}
			if !strings.Contains(strings.Join(errs, "\n"), c.want) {
				t.Errorf("errors do not say %q:\n%s", c.want, strings.Join(errs, "\n"))
			}
			if c.decoderRejects {
				var l diag.List
				d := &yamlx.Decoder{File: "x.yaml", Errs: &l, Langs: siteLangs()}
				v := reflect.New(fileTypes[c.schema])
				if d.DecodeFile([]byte(c.src), v.Interface()) {
					t.Errorf("the rule decoder accepts what the schema rejects:\n%s", c.src)
				}
			}
		})
	}
}

// TestValidAccepted checks documents the decoder accepts that a too strict
// schema would flag.
func TestValidAccepted(t *testing.T) {
	cases := []struct{ name, schema, src string }{
		{"empty contact", "city.schema.json", "name: {ja: 市, en: City, easy: し}\nprefecture: {ja: 県, en: Pref, easy: けん}\noffices: []\ncontact:\n"},
		{"every form of hours", "city.schema.json", "name: {ja: 市, en: City, easy: し}\nprefecture: {ja: 県, en: Pref, easy: けん}\noffices:\n  - id: hall\n    building: {ja: 庁舎, en: Hall, easy: ちょうしゃ}\n    counter: {ja: 窓口, en: Counter, easy: まどぐち}\n    hours:\n" +
			"      - {days: weekdays, open: \"08:30\", close: \"17:15\", break: \"12:00-13:00\"}\n" +
			"      - {days: [thu], times: [\"17:15-19:00\"], effective_from: \"2027-04-01\"}\n" +
			"      - {days: 土, weeks: [2, 4], open: \"09:00\", close: \"12:00\"}\n" +
			"      - {days: [日曜日], weeks: 5, times: \"09:00～10:00\"}\n" +
			"    holidays: closed\n" +
			"    closed:\n      - {from: \"12-29\", until: \"01-03\", name: {ja: 年末年始, en: the year-end holidays, easy: 年末年始}}\n      - \"2027-08-16\"\n      - {on: \"05-01\"}\n      - {from: \"2027-12-27\", until: \"2028-01-04\"}\n"},
		{"fee given as null in a test", "test.schema.json", "tests: [{name: t, expect: {outcome: a, fee: null, says: {ja: [], en: [], easy: []}}}]\n"},
		{"answers and dates", "test.schema.json", "tests: [{name: t, today: 2026-05-01, expiry: {printed: 2026-07-31}, answers: {who: self, form: \"yes\"}, expect: {outcome: a, fee: 300, says: {ja: [あ], en: [a], easy: [あ]}}}]\n"},
		{"condition with a list and an unquoted yes", "procedure.schema.json", "kind: renewal\noffices: [a]\nquestions: [{id: q, text: {ja: 問, en: Q, easy: もん}, ask_if: {p: [x, y]}, answers: [{id: \"yes\", label: {ja: は, en: Y, easy: はい}}]}]\noutcomes: [{id: a, when: {q: yes}, use: renewal.self, title: {ja: あ, en: A, easy: あ}, visits: [{same_day: yes, bring: [{text: {ja: 印, en: Seal, easy: いん}}]}]}]\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, e := range newValidator(t, c.schema).validateYAML(t, []byte(c.src)) {
				t.Error(e)
			}
			var l diag.List
			d := &yamlx.Decoder{File: "x.yaml", Errs: &l, Langs: siteLangs()}
			if !d.DecodeFile([]byte(c.src), reflect.New(fileTypes[c.schema]).Interface()) {
				t.Errorf("the decoder rejects the test document: %v", l.Items())
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a, b := files(t), files(t)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two calls", name)
		}
	}
}

// TestGolden keeps the generated schemas in testdata, so that a change to the
// rule structs shows as a diff of the schemas. UPDATE_SNAPSHOTS=1 rewrites
// them; inspect the diff before committing it.
func TestGolden(t *testing.T) {
	for name, got := range files(t) {
		path := filepath.Join("testdata", name)
		if os.Getenv("UPDATE_SNAPSHOTS") == "1" {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run UPDATE_SNAPSHOTS=1 go test ./generator/internal/schema/ and inspect the result)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (UPDATE_SNAPSHOTS=1 go test ./generator/internal/schema/ to accept, then inspect the diff)", name, path)
		}
	}
}

// validator checks a value against the subset of JSON Schema 2020-12 that
// the generator emits. An unknown keyword is an error, so the generator
// cannot start using one that nothing tests.
type validator struct {
	root map[string]any
}

func newValidator(t *testing.T, name string) *validator {
	return &validator{root: parsed(t, name)}
}

func (v *validator) validateYAML(t *testing.T, src []byte) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	if len(doc.Content) == 0 {
		t.Fatal("empty YAML document")
	}
	return v.check(v.root, generic(t, doc.Content[0]), "")
}

// generic converts a YAML node to the values an editor's YAML 1.2 parser
// sees: yaml.v3 resolves an unquoted 2026-05-01 as a timestamp (a YAML 1.1
// type), which the rule decoder and YAML 1.2 read as a string.
func generic(t *testing.T, n *yaml.Node) any {
	t.Helper()
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = generic(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, generic(t, c))
		}
		return s
	case yaml.ScalarNode:
		if n.Tag == "!!timestamp" {
			return n.Value
		}
		var v any
		if err := n.Decode(&v); err != nil {
			t.Fatalf("line %d: %v", n.Line, err)
		}
		return v
	}
	t.Fatalf("line %d: unsupported YAML node kind %v", n.Line, n.Kind)
	return nil
}

var known = map[string]bool{
	"$schema": true, "$defs": true, "title": true, "description": true,
	"$ref": true, "type": true, "enum": true, "pattern": true, "minLength": true, "minimum": true, "maximum": true,
	"properties": true, "required": true, "additionalProperties": true,
	"propertyNames": true, "items": true, "oneOf": true, "anyOf": true,
}

func (v *validator) check(s map[string]any, x any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) {
		where := at
		if where == "" {
			where = "(top)"
		}
		errs = append(errs, where+": "+fmt.Sprintf(format, args...))
	}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			fail("unsupported keyword %q in the schema", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		def, found := v.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok || !found {
			fail("unresolved $ref %q", ref)
		} else {
			errs = append(errs, v.check(def, x, at)...)
		}
	}
	if tv, ok := s["type"]; ok {
		var types []string
		switch tv := tv.(type) {
		case string:
			types = []string{tv}
		case []any:
			for _, t := range tv {
				types = append(types, t.(string))
			}
		}
		if !slices.Contains(types, typeOf(x)) && !(typeOf(x) == "integer" && slices.Contains(types, "number")) {
			fail("found %s, want %s", typeOf(x), strings.Join(types, " or "))
			return errs // the other keywords would only repeat it
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, x) {
		fail("%v is not one of %v", x, enum)
	}
	if str, ok := x.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
		if n, ok := s["minLength"].(float64); ok && utf8.RuneCountInString(str) < int(n) {
			fail("%q is shorter than %v", str, n)
		}
	}
	if n, ok := x.(int); ok {
		if m, ok := s["minimum"].(float64); ok && float64(n) < m {
			fail("%d is less than %v", n, m)
		}
		if m, ok := s["maximum"].(float64); ok && float64(n) > m {
			fail("%d is more than %v", n, m)
		}
	}
	if obj, ok := x.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		names := make([]string, 0, len(obj))
		for k := range obj {
			names = append(names, k)
		}
		sort.Strings(names)
		if r, ok := s["required"].([]any); ok {
			for _, k := range r {
				if _, ok := obj[k.(string)]; !ok {
					fail("missing key %q", k)
				}
			}
		}
		for _, k := range names {
			if pn, ok := s["propertyNames"].(map[string]any); ok {
				errs = append(errs, v.check(pn, k, at+"/"+k+" (key)")...)
			}
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, v.check(ps, obj[k], at+"/"+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("unknown key %q", k)
				}
			case map[string]any:
				errs = append(errs, v.check(ap, obj[k], at+"/"+k)...)
			}
		}
	}
	if arr, ok := x.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range arr {
				errs = append(errs, v.check(items, it, fmt.Sprintf("%s/%d", at, i))...)
			}
		}
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var all []string
		matched := false
		for _, a := range alts {
			e := v.check(a.(map[string]any), x, at)
			if len(e) == 0 {
				matched = true
				break
			}
			all = append(all, e...)
		}
		if !matched {
			fail("matches no alternative of anyOf: %s", strings.Join(all, "; "))
		}
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, a := range alts {
			if len(v.check(a.(map[string]any), x, at)) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d alternatives of oneOf, want exactly 1", n)
		}
	}
	return errs
}

func typeOf(x any) string {
	switch x := x.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int, int64, uint64:
		return "integer"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", x)
}

// TestCommittedSchemasAreCurrent checks that rules/_schema, which the rule
// files point editors to, matches what the generator writes today; run
// `go run ./generator/cmd/tebiki schema` after changing the rule types.
func TestCommittedSchemasAreCurrent(t *testing.T) {
	files, err := schema.Files(config.LanguagesOf(os.DirFS("../../..")))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "..", "rules", "_schema", name))
		if err != nil {
			t.Errorf("rules/_schema/%s: %v (run go run ./generator/cmd/tebiki schema)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("rules/_schema/%s is out of date: run go run ./generator/cmd/tebiki schema", name)
		}
	}
}
