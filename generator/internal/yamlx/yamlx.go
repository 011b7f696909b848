// Package yamlx decodes YAML into typed structs while keeping every position.
//
// yaml.v3's own decoder stops at the first error and forgets where a value came
// from; its KnownFields check is also lost inside custom unmarshalers
// (go-yaml issue 460). Rule files are written by city staff, who need every
// mistake at once with its line and column, so this package walks the
// yaml.Node tree itself: unknown keys (with a "did you mean"), wrong types and
// missing required keys are all collected into a diag.List.
//
// Struct fields map to keys by their `yaml:"name"` tag; the option
// `yaml:"name,required"` makes a key mandatory. A field of type diag.Pos
// tagged `yaml:"-"` receives the position of the mapping it belongs to, and
// one of type Absent the required keys that were not written.
//
// One mistake gives one message: a misspelt key ("clsoe:") is reported as
// unknown, with the key it was probably meant to be; that key is then not
// reported missing as well. Checks made after decoding skip what Absent
// names, which has been reported.
//
// It imports only diag and the core (for did-you-mean): not the loaders.
package yamlx

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Decoder decodes nodes of one file.
type Decoder struct {
	File string
	Errs *diag.List
	// LineOffset is added to every line number, for YAML embedded in another
	// file (front matter in Markdown).
	LineOffset int
	// Langs are the codes of the site's languages (tebiki.yaml), for types
	// that hold one text per language.
	Langs []string
	// Strings, when not nil, keeps the texts that types holding one text
	// per language decode once each (see Strings).
	Strings *Strings
}

// Unmarshaler is implemented by types that decode themselves from a node.
type Unmarshaler interface {
	UnmarshalYAMLX(d *Decoder, n *yaml.Node)
}

// Checker is implemented by types that validate themselves after decoding.
type Checker interface {
	CheckYAMLX(d *Decoder, n *yaml.Node)
}

// Parse parses src as one YAML document and returns its root node (a mapping,
// sequence or scalar). Syntax errors are reported with their position.
func (d *Decoder) Parse(src []byte) *yaml.Node {
	if !diag.CheckUTF8(d.File, src, 1+d.LineOffset, d.Errs) {
		return nil // yaml.v3 would report it on the last line
	}
	if d.accidents(src) {
		return nil // the YAML parser's view of them would only confuse
	}
	caching := nodeCache.enabled.Load()
	var sum [32]byte
	if caching {
		var n *yaml.Node
		if n, sum = cachedParse(src); n != nil {
			return n
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := 0
		msg := err.Error()
		// yaml.v3 reports "yaml: line N: message".
		if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
			if i := strings.Index(rest, ":"); i > 0 {
				if n, err := strconv.Atoi(rest[:i]); err == nil {
					line = n
					msg = strings.TrimSpace(rest[i+1:])
					// yaml.v3 counts lines from 0 in its parser errors
					// (those "did not find expected …"), from 1 elsewhere.
					if strings.HasPrefix(msg, "did not find expected") {
						line++
					}
				}
			}
		} else {
			// No line given (for example an unclosed quote): the problem
			// shows at the end of the file.
			msg = strings.TrimPrefix(msg, "yaml: ")
			line = strings.Count(strings.TrimRight(string(src), "\n"), "\n") + 1
		}
		d.Errs.AddHint(diag.Pos{File: d.File, Line: line + d.LineOffset, Col: 1}, "check indentation, colons and quotes on this line and the one before", "YAML syntax error: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		d.Errs.Add(diag.Pos{File: d.File, Line: 1 + d.LineOffset, Col: 1}, "the file is empty")
		return nil
	}
	if caching {
		keepParsed(sum, doc.Content[0])
	}
	return doc.Content[0]
}

// Pos returns the position of n.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.File}
	}
	return diag.Pos{File: d.File, Line: n.Line + d.LineOffset, Col: n.Column}
}

// Errorf records a problem at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Errs.Add(d.Pos(n), format, args...)
}

// DecodeFile parses src and decodes it into v (a pointer to a struct).
func (d *Decoder) DecodeFile(src []byte, v any) bool {
	n := d.Parse(src)
	if n == nil {
		return false
	}
	before := d.Errs.Len()
	d.Decode(n, v)
	return d.Errs.Len() == before
}

// Decode decodes n into v, which must be a non-nil pointer.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	d.decode(n, reflect.ValueOf(v).Elem())
}

var (
	posType         = reflect.TypeOf(diag.Pos{})
	absentType      = reflect.TypeOf(Absent(""))
	unmarshalerType = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
	checkerType     = reflect.TypeOf((*Checker)(nil)).Elem()
)

// KindName describes what a node holds, for messages.
func KindName(n *yaml.Node) string { return kindName(n) }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

func (d *Decoder) decode(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		// Aliases can nest into exponentially large documents; rule files
		// share facts by ID instead.
		d.Errs.AddHint(d.Pos(n), "write the value out, or refer to it by its ID", "aliases (*%s) are not supported", n.Value)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		v.Addr().Interface().(Unmarshaler).UnmarshalYAMLX(d, n)
		d.check(n, v)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if n.Tag == "!!null" {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem())
		v.Set(p)
		return
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.Errorf(n, "expected text, found %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || err != nil {
			d.Errorf(n, "expected true or false, found %s", kindName(n))
			return
		}
		v.SetBool(b)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.Errorf(n, "expected a whole number, found %s", kindName(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, "expected a list (lines starting with \"- \"), found %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i))
		}
		v.Set(s)
	case reflect.Struct:
		d.decodeStruct(n, v)
	default:
		panic("yamlx: unsupported type " + v.Type().String())
	}
	d.check(n, v)
}

func (d *Decoder) check(n *yaml.Node, v reflect.Value) {
	if v.CanAddr() && v.Addr().Type().Implements(checkerType) {
		v.Addr().Interface().(Checker).CheckYAMLX(d, n)
	}
}

type field struct {
	name     string
	index    int
	required bool
}

// Fields lists the YAML keys of a struct type, in declaration order.
func Fields(t reflect.Type) []string {
	var names []string
	for _, f := range structFields(t) {
		names = append(names, f.name)
	}
	return names
}

func structFields(t reflect.Type) []field { return typeInfoOf(t).fields }

// typeInfo is what decoding needs of a struct type, found once per type
// (looking at the fields' tags by reflection for every mapping decoded
// took a tenth of the CPU of loading the rules).
type typeInfo struct {
	fields []field
	pos    []int // fields of type diag.Pos tagged "-"
	absent []int // fields of type Absent tagged "-"
}

var typeInfos sync.Map // reflect.Type -> *typeInfo

func typeInfoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("yaml")
		if tag == "-" && sf.Type == posType {
			ti.pos = append(ti.pos, i)
		}
		if tag == "-" && sf.Type == absentType {
			ti.absent = append(ti.absent, i)
		}
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ti.fields = append(ti.fields, field{name: name, index: i, required: strings.Contains(opts, "required")})
	}
	typeInfos.Store(t, ti)
	return ti
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "expected a mapping (key: value), found %s", kindName(n))
		return
	}
	t := v.Type()
	ti := typeInfoOf(t)
	fields := ti.fields
	for _, i := range ti.pos {
		v.Field(i).Set(reflect.ValueOf(d.Pos(n)))
	}
	seen := map[string]bool{}
	meant := map[string]bool{} // keys a misspelt key was probably meant to be
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		var f *field
		for j := range fields {
			if fields[j].name == k.Value {
				f = &fields[j]
			}
		}
		if f == nil {
			names := Fields(t)
			hint := diag.T("allowed keys here: %s", strings.Join(names, ", "))
			if s := decide.Suggest(k.Value, names); s != "" {
				hint = diag.T("did you mean %q?", s)
				meant[s] = true
			}
			d.Errs.AddHintT(d.Pos(k), hint, "unknown key %q", k.Value)
			continue
		}
		if seen[k.Value] {
			d.Errorf(k, "key %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		d.decode(val, v.Field(f.index))
	}
	var absent []string
	for _, f := range fields {
		switch {
		case f.required && !seen[f.name]:
			absent = append(absent, f.name)
			if !meant[f.name] { // else reported as the misspelt key
				d.Errs.AddHint(d.Pos(n), "add it", "missing key %q", f.name)
			}
		case meant[f.name] && !seen[f.name]:
			absent = append(absent, f.name) // reported as the misspelt key
		}
	}
	if len(absent) > 0 {
		for _, i := range ti.absent {
			v.Field(i).SetString("," + strings.Join(absent, ",") + ",")
		}
	}
}

// Absent lists the required keys of a mapping that were not written, and
// the keys a misspelt key was probably meant to be (both were reported). A struct field of this type tagged `yaml:"-"` receives
// it; checks made after decoding skip these keys rather than report their
// empty values again.
type Absent string

// Has reports whether key was required but not written.
func (a Absent) Has(key string) bool { return strings.Contains(string(a), ","+key+",") }
