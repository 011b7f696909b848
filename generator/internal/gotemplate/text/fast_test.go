// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/gotemplate/parse"
)

// exec runs src with data and funcs and returns its output or error.
func execString(t *testing.T, src string, data any, funcs FuncMap) (string, error) {
	t.Helper()
	tmpl, err := New("t").Funcs(funcs).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = tmpl.Execute(&b, data)
	return b.String(), err
}

// A Caller's direct call is what a template runs: here it differs from the
// function on purpose, to tell which one ran.
func TestCallerIsCalledDirectly(t *testing.T) {
	c := F1(func(s string) string { return "direct " + s })
	c.fn = func(s string) string { return "reflect " + s }
	out, err := execString(t, `{{f "a"}} {{"b" | f}}`, nil, FuncMap{"f": c})
	if err != nil {
		t.Fatal(err)
	}
	if out != "direct a direct b" {
		t.Errorf("got %q, want the direct calls", out)
	}
}

type named string

type list []string

// An argument assignable to the parameter's type but not of that very type
// (a named slice type given for []string) is passed by the call through
// reflect, which converts it, as text/template always did.
func TestCallerFallsBackToReflect(t *testing.T) {
	c := F1(func(x []string) string { return "direct" })
	c.fn = func(x []string) string { return "reflect" }
	funcs := FuncMap{"f": c}
	out, err := execString(t, `{{f .}}`, []string{"a"}, funcs)
	if err != nil || out != "direct" {
		t.Errorf("exact type: got %q, %v", out, err)
	}
	out, err = execString(t, `{{f .}}`, list{"a"}, funcs)
	if err != nil || out != "reflect" {
		t.Errorf("assignable type: got %q, %v; want the call through reflect", out, err)
	}
	c2 := F1(func(v any) string { return "direct" })
	c2.fn = func(v any) string { return "reflect" }
	// nil for an interface parameter is a nil interface value, which
	// reflect.TypeAssert does not take: that call goes through reflect.
	out, err = execString(t, `{{f .}} {{f nil}}`, named("x"), FuncMap{"f": c2})
	if err != nil || out != "direct reflect" {
		t.Errorf("any parameter: got %q, %v", out, err)
	}
}

// Errors and panics of a direct call stop the template as text/template's
// own calls do, naming the function.
func TestCallerErrorsAndPanics(t *testing.T) {
	funcs := FuncMap{
		"fails":  F1E(func(s string) (string, error) { return "", errors.New("no " + s) }),
		"panics": F1(func(s string) string { panic("bad " + s) }),
	}
	_, err := execString(t, `{{fails "x"}}`, nil, funcs)
	if err == nil || !strings.Contains(err.Error(), "error calling fails: no x") {
		t.Errorf("error: got %v", err)
	}
	_, err = execString(t, `{{panics "y"}}`, nil, funcs)
	if err == nil || !strings.Contains(err.Error(), "error calling panics: bad y") {
		t.Errorf("panic: got %v", err)
	}
}

type receiver struct{ n int }

func (r *receiver) Twice(s string) string      { return strings.Repeat(s, 2) }
func (r *receiver) N() int                     { return r.n }
func (r *receiver) Join(a, b string) string    { return a + "+" + b }
func (r *receiver) Untouched(s string) string  { return "reflect " + s }
func (r *receiver) Plus(i int) (string, error) { return "", errors.New("plus fails") }

// RegisterMethods finds each method by its function, and the template calls
// it directly; a method not registered is called through reflect.
func TestRegisterMethods(t *testing.T) {
	twice := M1((*receiver).Twice)
	real := twice.call
	twice.call = func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		v, ok, err := real(b, a)
		return reflect.ValueOf("<" + v.String() + ">"), ok, err
	}
	RegisterMethods(twice, M0((*receiver).N), M2((*receiver).Join), M1E((*receiver).Plus))
	typ := reflect.TypeFor[*receiver]()
	for _, name := range []string{"Twice", "N", "Join", "Plus"} {
		if !HasDirectCall(typ, name) {
			t.Errorf("%s: not registered", name)
		}
	}
	if HasDirectCall(typ, "Untouched") {
		t.Error("Untouched: registered, but was not given")
	}
	out, err := execString(t, `{{.Twice "ab"}} {{.N}} {{.Join "x" "y"}} {{.Untouched "z"}}`, &receiver{n: 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out != "<abab> 7 x+y reflect z" {
		t.Errorf("got %q", out)
	}
	if _, err := execString(t, `{{.Plus 1}}`, &receiver{}, nil); err == nil || !strings.Contains(err.Error(), "error calling Plus: plus fails") {
		t.Errorf("error of a method: got %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("RegisterMethods took a function that is not a method")
		}
	}()
	RegisterMethods(M1(func(r *receiver, s string) string { return s }))
}

type withField struct{ Name string }
type withMethod struct{}

func (withMethod) Name() string { return "method" }

type withPtrMethod struct{ n string }

func (p *withPtrMethod) Name() string { return "ptr " + p.n }

// A node remembers what its names resolved to by type: the same node over
// values of different types (a field, a method, a map key, a method of the
// pointer only) resolves each as text/template does.
func TestNodeCacheFollowsTypes(t *testing.T) {
	src := `{{range .}}{{.Name}};{{end}}`
	data := []any{withField{"field"}, withMethod{}, map[string]string{"Name": "key"}, &withPtrMethod{"x"}, withField{"again"}, withMethod{}}
	out, err := execString(t, src, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "field;method;key;ptr x;again;method;"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	// A value of a type without the name fails as before, after others
	// that had it.
	_, err = execString(t, src, []any{withField{"a"}, 3}, nil)
	if err == nil || !strings.Contains(err.Error(), "can't evaluate field Name in type int") {
		t.Errorf("got %v", err)
	}
}

// A function's node follows the template's functions: changed by Funcs
// after a first execution, or different in a clone that shares the trees.
func TestNodeCacheFollowsFuncs(t *testing.T) {
	tmpl, err := New("t").Funcs(FuncMap{"f": func() string { return "one" }}).Parse(`{{f}}`)
	if err != nil {
		t.Fatal(err)
	}
	run := func(tm *Template) string {
		var b strings.Builder
		if err := tm.Execute(&b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if got := run(tmpl); got != "one" {
		t.Errorf("first: %q", got)
	}
	// Funcs after a first execution.
	tmpl.Funcs(FuncMap{"f": func() string { return "two" }})
	if got := run(tmpl); got != "two" {
		t.Errorf("after Funcs: %q", got)
	}
	// A clone shares the trees; its functions are its own, at the same
	// generation as the original's.
	other, err := New("o").Funcs(FuncMap{"f": func() string { return "one" }}).Parse(`{{f}}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := run(other); got != "one" {
		t.Errorf("other: %q", got)
	}
	clone, err := other.Clone()
	if err != nil {
		t.Fatal(err)
	}
	clone.Funcs(FuncMap{"f": func() string { return "clone" }})
	for range 2 {
		if got := run(clone); got != "clone" {
			t.Errorf("clone: %q", got)
		}
		if got := run(other); got != "one" {
			t.Errorf("original of the clone: %q", got)
		}
	}
}

// Calls nested in arguments each keep their own arguments while the stack
// of arguments grows under them (state.args), through reflect or directly.
func TestNestedCallArguments(t *testing.T) {
	join := func(xs ...string) string { return "(" + strings.Join(xs, " ") + ")" }
	funcs := FuncMap{
		"j":   join,     // through reflect
		"jf":  FV(join), // directly
		"two": F2(func(a, b string) string { return "[" + a + "," + b + "]" }),
	}
	src := `{{j "a" (jf "b" (j "c" "d" "e" "f" "g" "h" "i") (two (jf "k" "l") (j "m" (two "n" "o"))) "p") "q" (two "r" "s")}}`
	out, err := execString(t, src, nil, funcs)
	if err != nil {
		t.Fatal(err)
	}
	if want := "(a (b (c d e f g h i) [(k l),(m [n,o])] p) q [r,s])"; out != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
}

// A template called from inside a range declares variables of its own in
// the room above its caller's: the caller's are intact after each call.
func TestTemplateVariablesAboveCallers(t *testing.T) {
	type item struct {
		Name    string
		Letters []string
	}
	src := `{{define "sub"}}{{$a := "in"}}{{$b := .Name}}{{range $j, $y := .Letters}}{{$a}}{{$b}}{{$j}}{{$y}}{{end}};{{end}}` +
		`{{$a := "out"}}{{range $i, $x := .}}{{template "sub" $x}}{{$a}}{{$i}}{{$x.Name}}|{{end}}`
	data := []item{{"p", []string{"x", "y"}}, {"q", []string{"z"}}}
	out, err := execString(t, src, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "inp0xinp1y;out0p|inq0z;out1q|"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

type tag string

// TestStringResultsInBoxes: the string results of direct calls share
// allocations (boxes), and each keeps its own: a result in a variable is
// the same after hundreds of later calls, a named string type stays that
// type, and the results cannot be set through reflect.
func TestStringResultsInBoxes(t *testing.T) {
	var seen []reflect.Value
	funcs := FuncMap{
		"up":   F1(strings.ToUpper),
		"tag":  F1(func(s string) tag { return tag("<" + s + ">") }),
		"keep": F1(func(v reflect.Value) string { seen = append(seen, v); return "" }),
		"seq":  F1(func(n int) []int { return make([]int, n) }),
		"same": F1(func(s string) string { return s }), // allocates nothing
	}
	got, err := execString(t, `{{$first := up "a"}}{{$t := tag "b"}}{{range seq 600}}{{$x := up "c"}}{{keep $x}}{{end}}{{$first}} {{$t}} {{printf "%T" $t}}`, nil, funcs)
	if err != nil {
		t.Fatal(err)
	}
	if want := "A <b> template.tag"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, v := range seen {
		if v.String() != "C" || v.CanSet() || v.CanAddr() {
			t.Fatalf("a result seen by a function: %q, settable %v, addressable %v", v.String(), v.CanSet(), v.CanAddr())
		}
	}
	tmpl := Must(New("t").Funcs(funcs).Parse(`{{range seq 200}}{{same "x"}}{{end}}`))
	allocs := testing.AllocsPerRun(20, func() {
		if err := tmpl.Execute(io.Discard, nil); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 60 {
		t.Errorf("200 calls returning strings allocated %v times: their results are not in boxes", allocs)
	}
}

// TestPassesSkipsCall: a function that passes values of its type (such as
// html/template's escaper of HTML text, given template.HTML) is not called
// at the end of a printed pipeline when the value is of that type; it is
// called for any other value, and where the pipeline's value is not
// printed (a declaration), which keeps the type of its result.
func TestPassesSkipsCall(t *testing.T) {
	calls := 0
	esc := F1(func(v any) string { calls++; return fmt.Sprintf("esc(%v)", v) }).Passes(reflect.TypeFor[tag]())
	funcs := FuncMap{
		"esc":   esc,
		"tag":   F1(func(s string) tag { return tag(s) }),
		"plain": F1(func(s string) string { return s }),
	}
	for _, c := range []struct {
		src, want string
		calls     int
	}{
		{`{{tag "a" | esc}}`, "a", 0},
		{`{{plain "a" | esc}}`, "esc(a)", 1},
		{`{{esc "a"}}`, "esc(a)", 1},
		{`{{$v := tag "a" | esc}}{{printf "%T %s" $v $v}}`, "string esc(a)", 1},
		{`{{if tag "a" | esc}}x{{end}}`, "x", 1},
	} {
		calls = 0
		got, err := execString(t, c.src, nil, funcs)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got != c.want || calls != c.calls {
			t.Errorf("%s: got %q with %d calls, want %q with %d", c.src, got, calls, c.want, c.calls)
		}
	}
}

// A function's form for strings (OnString) is what a pipeline whose value
// is printed calls for a value of type string, also in its middle; a call
// with arguments, a value of another type (a named string type), and a
// pipeline whose value is not printed call the function. The form differs
// from the function on purpose here, to tell which one ran.
func TestOnStringForm(t *testing.T) {
	f := FV1(func(xs ...any) string { return fmt.Sprint("f", xs) }, func(x any) string { return fmt.Sprint("f1(", x, ")") }).
		OnString(func(s string) string { return "str(" + s + ")" })
	g := F1(func(s string) string { return "g(" + s + ")" }).OnString(func(s string) string { return "gs(" + s + ")" })
	data := struct {
		S string
		N named
		P *string
	}{"a", "b", nil}
	for _, c := range []struct{ src, want string }{
		{`{{.S | f}}`, "str(a)"},
		{`{{.S | f | g}}`, "gs(str(a))"},
		{`{{.S | g | f}}`, "str(gs(a))"},
		{`{{.N | f}}`, "f1(b)"},
		{`{{.N | f | g}}`, "gs(f1(b))"},
		{`{{f .S}}`, "f1(a)"},
		{`{{.S | printf "%s" | f}}`, "str(a)"},
		{`{{$x := .S | f}}{{$x}}`, "f1(a)"},
		{`{{if .S | f}}yes{{end}}`, "yes"},
		{`{{.P | f}}`, "f1(<nil>)"},
	} {
		out, err := execString(t, c.src, data, FuncMap{"f": f, "g": g})
		if err != nil || out != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.src, out, err, c.want)
		}
	}
	// Errors are those of the function's call.
	_, err := execString(t, `{{.S | g 1}}`, data, FuncMap{"f": f, "g": g})
	if err == nil || !strings.Contains(err.Error(), "wrong number of args for g: want 1 got 2") {
		t.Errorf("got %v", err)
	}
}

// The builtins of reflect.Values (not, and, or, len, the comparisons) are
// given their arguments as they are (builtinfast.go): as text/template
// gives them, a reflect.Value in the data taken out of it, nil and missing
// values invalid, the pipeline's value last; errors as before. (What is
// wanted below is what the engine of commit 95dbf0c gave.)
func TestValueBuiltins(t *testing.T) {
	three := 3
	type data struct {
		V, VS, VNil reflect.Value
		I           int
		P, NilP     *int
		S           string
		E, L        []int
		B           bool
		Nil, A      any
		M           map[string]any
	}
	d := data{V: reflect.ValueOf(3), VS: reflect.ValueOf([]int{1, 2, 3}), I: 3, P: &three, S: "x", E: []int{}, L: []int{1, 2}, B: true, A: 3,
		M: map[string]any{"V": reflect.ValueOf(3)}}
	for _, c := range []struct{ src, want string }{
		{`{{eq .V 3}} {{eq .I 3}} {{eq 3 .V}} {{ne .V 4}} {{lt .V 4}} {{le .V 3}} {{gt .V 2}} {{ge .V 4}} {{eq .A 3}} {{.V | eq 3}}`, `true true true true true true true false true true`},
		{`{{len .L}} {{len .VS}} {{len .S}} {{.L | len}} {{.VS | len}}`, `2 3 1 2 3`},
		{`{{not .B}} {{not .E}} {{not .Nil}} {{not .VNil}} {{not nil}} {{.B | not}} {{not .NilP}} {{not 0}} {{not "a"}} {{not .V}} {{.VNil | not}}`, `false true true true true false true true false false true`},
		{`{{and 1 .B}} {{and .E 1}} {{or .E .S}} {{or .Nil}} {{.S | and 1}} {{.E | or 0}} {{and .V 0}} {{or .V 0}} {{or .VNil .V}} {{.V | and 1}}`, `true [] x <no value> x [] 0 3 3 3`},
		{`{{eq .S "x" "y"}} {{eq "y" .S "x"}} {{3 | eq .I}} {{eq .I 1 2 3}} {{eq .Nil nil}} {{eq .P .P}} {{eq .NilP nil}}`, `true false true true true true true`},
	} {
		out, err := execString(t, c.src, d, nil)
		if err != nil || out != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.src, out, err, c.want)
		}
	}
	for src, want := range map[string]string{
		`{{len .NilP}}`:   `template: t:1:2: executing "t" at <len .NilP>: error calling len: len of nil pointer`,
		`{{len .P}}`:      `template: t:1:2: executing "t" at <len .P>: error calling len: len of type int`,
		`{{eq .S 1}}`:     `template: t:1:2: executing "t" at <eq .S 1>: error calling eq: incompatible types for comparison: string and int`,
		`{{lt .S true}}`:  `template: t:1:2: executing "t" at <lt .S true>: error calling lt: incompatible types for comparison: string and bool`,
		`{{lt .B true}}`:  `template: t:1:2: executing "t" at <lt .B true>: error calling lt: invalid type for comparison`,
		`{{eq .I}}`:       `template: t:1:2: executing "t" at <eq .I>: error calling eq: missing argument for comparison`,
		`{{not 1 2}}`:     `template: t:1:2: executing "t" at <not>: wrong number of args for not: want 1 got 2`,
		`{{1 | ne 1 2}}`:  `template: t:1:6: executing "t" at <ne>: wrong number of args for ne: want 2 got 3`,
		`{{eq .L .L}}`:    `template: t:1:2: executing "t" at <eq .L .L>: error calling eq: non-comparable type [%!s(int=1) %!s(int=2)]: []int`,
		`{{not .S.Nope}}`: `template: t:1:8: executing "t" at <.S.Nope>: can't evaluate field Nope in type string`,
		`{{eq .M.V 3}}`:   `template: t:1:2: executing "t" at <eq .M.V 3>: error calling eq: incompatible types for comparison: reflect.Value and int`,
		`{{len .VNil}}`:   `template: t:1:2: executing "t" at <len .VNil>: error calling len: reflect: call of reflect.Value.Type on zero Value`,
	} {
		_, err := execString(t, src, d, nil)
		if err == nil || err.Error() != want {
			t.Errorf("%s: got error %v, want %s", src, err, want)
		}
	}
	// No argument is made a reflect.Value of its own: these builtins
	// allocate nothing.
	tmpl := Must(New("t").Parse(`{{if and (not .B) (eq .I 1 2) (lt .I 2) (len .L)}}{{end}}{{if or (not .B) (ne .I 3)}}{{end}}`))
	empty := Must(New("t").Parse(`{{if false}}{{end}}`))
	b := &data{B: false, I: 1, L: []int{1}}
	allocs := testing.AllocsPerRun(100, func() { tmpl.Execute(io.Discard, b) })
	base := testing.AllocsPerRun(100, func() { empty.Execute(io.Discard, b) })
	if allocs > base {
		t.Errorf("the builtins allocated %v times, want none (%v, %v)", allocs-base, allocs, base)
	}
}

type sigA struct{}
type sigB struct{}
type sigC struct{}
type sigD struct{}

func (sigA) M(i int) string             { return fmt.Sprint("A", i) }
func (sigB) M(i, j int) string          { return fmt.Sprint("B", i, j) }
func (sigC) M(i int) (string, bool)     { return "C", true }
func (sigD) M(i int, xs ...int) string  { return fmt.Sprint("D", i, xs) }
func (*sigD) P(s string) (string, bool) { return s, true }

// A method's signature is found once for each type a node meets (callSig):
// the arguments, their count and the results are checked against the
// method of the type at hand.
func TestMethodSignaturesFollowTypes(t *testing.T) {
	for _, c := range []struct {
		src  string
		data any
		want string
	}{
		{`{{range .}}{{.M 1}} {{end}}`, []any{sigA{}, sigD{}, sigA{}, sigD{}}, `A1 D1 [] A1 D1 [] |<nil>`},
		{`{{range .}}{{.M 1}} {{end}}`, []any{sigA{}, sigD{}, sigB{}}, `A1 D1 [] |template: t:1:13: executing "t" at <.M>: wrong number of args for M: want 2 got 1`},
		{`{{range .}}{{.M 1}} {{end}}`, []any{sigA{}, sigC{}}, `A1 |template: t:1:13: executing "t" at <.M>: invalid function signature for M: second return value should be error; is bool`},
		{`{{range .}}{{1 | .M 2}} {{end}}`, []any{sigB{}, sigD{}, sigA{}}, `B2 1 D2 [1] |template: t:1:17: executing "t" at <.M>: wrong number of args for M: want 1 got 2`},
		{`{{range .}}{{.M 1 2 3}} {{end}}`, []any{sigD{}, sigB{}}, `D1 [2 3] |template: t:1:13: executing "t" at <.M>: wrong number of args for M: want 2 got 3`},
		{`{{range .}}{{.M "x"}} {{end}}`, []any{sigA{}}, `|template: t:1:16: executing "t" at <"x">: expected integer; found "x"`},
		{`{{.P "x"}}`, &sigD{}, `|template: t:1:2: executing "t" at <.P>: invalid function signature for P: second return value should be error; is bool`},
		{`{{range .}}{{.M}} {{end}}`, []any{sigD{}}, `|template: t:1:13: executing "t" at <.M>: wrong number of args for M: want at least 1 got 0`},
	} {
		out, err := execString(t, c.src, c.data, nil)
		if got := fmt.Sprintf("%s|%v", out, err); got != c.want {
			t.Errorf("%s: got %q, want %q", c.src, got, c.want)
		}
	}
}

type errData struct {
	I   int
	S   string
	L   []int
	Ch  chan int
	Nil *errData
	Any any
	F   bool
}

func (errData) M1(i int, s string) string     { return fmt.Sprint(i, s) }
func (errData) Cx(c complex128) string        { return fmt.Sprint(c) }
func (errData) U(u uint8) string              { return fmt.Sprint(u) }
func (errData) B(b bool) string               { return fmt.Sprint(b) }
func (errData) Fl(f float64) string           { return fmt.Sprint(f) }
func (errData) St(e fmt.Stringer) string      { return e.String() }
func (errData) Fail(s string) (string, error) { return "", fmt.Errorf("failed %s", s) }
func (errData) Panic() string                 { panic("boom") }

// Errors name the node they happened at and its context as text/template
// names them (the state marks fewer nodes on its way: walk, evalArg and
// printValue mark only where an error can follow). What is wanted below is
// what the engine of commit 95dbf0c gave.
func TestErrorNodes(t *testing.T) {
	d := errData{I: 1, S: "s", L: []int{1, 2}, Ch: make(chan int), F: true, Any: 3}
	for _, c := range []struct{ src, want string }{
		{`{{printf "%s" .NoField}}`, `|template: t:1:14: executing "t" at <.NoField>: can't evaluate field NoField in type template.errData`},
		{`abc{{.M1 "x" "y"}}`, `abc|template: t:1:9: executing "t" at <"x">: expected integer; found "x"`},
		{`{{.M1 3 .I}}`, `|template: t:1:8: executing "t" at <.I>: wrong type for value; expected string; got int`},
		{`{{.I | .M1 3}}`, `|template: t:1:11: executing "t" at <3>: wrong type for value; expected string; got int`},
		{`{{"a" | .M1 3}}`, `3a|<nil>`},
		{`{{.M1 3 nil}}`, `|template: t:1:8: executing "t" at <nil>: cannot assign nil to string`},
		{`{{.M1 3 .}}`, `|template: t:1:8: executing "t" at <.>: wrong type for value; expected string; got template.errData`},
		{`{{.Cx "x"}}`, `|template: t:1:6: executing "t" at <"x">: expected complex; found "x"`},
		{`{{.U "x"}} `, `|template: t:1:5: executing "t" at <"x">: expected unsigned integer; found "x"`},
		{`{{.B 1}}`, `|template: t:1:5: executing "t" at <1>: expected bool; found 1`},
		{`{{.Fl true}}`, `|template: t:1:6: executing "t" at <true>: expected float; found true`},
		{`{{.St 1}}`, `|template: t:1:6: executing "t" at <1>: can't handle 1 for arg of type fmt.Stringer`},
		{`{{.St .}}`, `|template: t:1:6: executing "t" at <.>: wrong type for value; expected fmt.Stringer; got template.errData`},
		{`{{if .F}}x{{.Nope}}{{end}}`, `x|template: t:1:12: executing "t" at <.Nope>: can't evaluate field Nope in type template.errData`},
		{`{{range .L}}{{.}}x{{.Nope}}{{end}}`, `1x|template: t:1:20: executing "t" at <.Nope>: can't evaluate field Nope in type int`},
		{`{{define "x"}}{{.}}{{end}}{{template "x" .Nope}}`, `|template: t:1:41: executing "t" at <.Nope>: can't evaluate field Nope in type template.errData`},
		{`{{.Ch}}`, `|template: t:1:2: executing "t" at <{{.Ch}}>: can't print {{.Ch}} of type chan int`},
		{`{{with $x := .I}}y{{$x.Nope}}{{end}}`, `y|template: t:1:22: executing "t" at <$x.Nope>: can't evaluate field Nope in type int`},
		{`{{.I | (.I)}}`, `|template: t:1:2: executing "t" at <.I>: can't give argument to non-function .I`},
		{`{{.M1 3 "s" | .I}}`, `|template: t:1:14: executing "t" at <.I>: I has arguments but cannot be invoked as function`},
		{`{{.Nil.I}}`, `|template: t:1:6: executing "t" at <.Nil.I>: nil pointer evaluating *template.errData.I`},
		{`{{eq .S .I}}`, `|template: t:1:2: executing "t" at <eq .S .I>: error calling eq: incompatible types for comparison: string and int`},
		{`{{.S | .Fail}}`, `|template: t:1:7: executing "t" at <.Fail>: error calling Fail: failed s`},
		{`x{{.Panic}}`, `x|template: t:1:3: executing "t" at <.Panic>: error calling Panic: boom`},
		{`{{if .Ch | .M1 1}}{{end}}`, `|template: t:1:15: executing "t" at <1>: wrong type for value; expected string; got chan int`},
		{`{{range .I | .Fail}}{{end}}`, `|template: t:1:13: executing "t" at <.Fail>: wrong type for value; expected string; got int`},
		{`{{.M1 1 (.Fail "z")}}`, `|template: t:1:9: executing "t" at <.Fail>: error calling Fail: failed z`},
		{`{{.M1 1 (printf "%d" .I | .Fail)}}`, `|template: t:1:26: executing "t" at <.Fail>: error calling Fail: failed 1`},
		{`{{$y := 1}}{{.M1 $y $y}}`, `|template: t:1:20: executing "t" at <$y>: wrong type for value; expected string; got int`},
		{`{{$y := "a"}}{{.M1 1 $y | .M1 2 | .M1 .S}}`, `|template: t:1:38: executing "t" at <.S>: wrong type for value; expected int; got string`},
		{`{{.Any.X}}`, `|template: t:1:6: executing "t" at <.Any.X>: can't evaluate field X in type interface {}`},
		{`{{not (.M1 .S 1)}}`, `|template: t:1:11: executing "t" at <.S>: wrong type for value; expected int; got string`},
		{`{{and .F (.Fail "q")}}`, `|template: t:1:10: executing "t" at <.Fail>: error calling Fail: failed q`},
		{`{{len 3}}`, `|template: t:1:2: executing "t" at <len 3>: error calling len: len of type int`},
		{`{{len .}}x{{print .Ch | len}}`, `|template: t:1:2: executing "t" at <len .>: error calling len: len of type template.errData`},
		{`{{range .L}}{{end}}{{.Fail .S}}`, `|template: t:1:21: executing "t" at <.Fail>: error calling Fail: failed s`},
	} {
		var b strings.Builder
		err := Must(New("t").Parse(c.src)).Execute(&b, d)
		if got := fmt.Sprintf("%s|%v", b.String(), err); got != c.want {
			t.Errorf("%s: got %q, want %q", c.src, got, c.want)
		}
	}
}

// A range over a slice allocates nothing of its own (its iteration is a
// method, not a closure made at each range), with or without variables,
// and with break ({{continue}} allocates in panicking).
func TestRangeAllocatesNothing(t *testing.T) {
	data := &struct{ L, E []int }{L: []int{1, 2, 3}}
	empty := Must(New("t").Parse(`{{if false}}{{end}}`))
	base := testing.AllocsPerRun(100, func() { empty.Execute(io.Discard, data) })
	for _, src := range []string{
		`{{range .L}}{{end}}`,
		`{{range $i, $x := .L}}{{if eq $x 2}}{{end}}{{if $i}}{{end}}{{end}}`,
		`{{range .L}}{{range $.L}}{{break}}{{end}}{{end}}{{range .E}}{{else}}{{end}}`,
	} {
		tmpl := Must(New("t").Parse(src))
		if allocs := testing.AllocsPerRun(100, func() { tmpl.Execute(io.Discard, data) }); allocs > base {
			t.Errorf("%s: %v allocations, want %v", src, allocs, base)
		}
	}
}

// What a printed pipeline's functions are (pipeFuncs, kept on the
// pipeline) follows Funcs after an execution, and a clone, which shares
// the trees, has its own.
func TestPipeFuncsFollowFuncs(t *testing.T) {
	strForm := func(tag string) Caller {
		return F1(func(s string) string { return "call(" + s + ")" }).OnString(func(s string) string { return tag + "(" + s + ")" })
	}
	tmpl := Must(New("t").Funcs(FuncMap{"f": strForm("one"), "g": F1(func(s string) string { return "g(" + s + ")" })}).Parse(`{{.S | f}} {{.S | f | g}}`))
	run := func(tm *Template) string {
		var b strings.Builder
		if err := tm.Execute(&b, struct{ S string }{"x"}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if got := run(tmpl); got != "one(x) g(one(x))" {
		t.Errorf("first: %q", got)
	}
	tmpl.Funcs(FuncMap{"g": strForm("two"), "f": F1(func(s string) string { return "plain(" + s + ")" })})
	if got := run(tmpl); got != "plain(x) two(plain(x))" {
		t.Errorf("after Funcs: %q", got)
	}
	// A clone whose functions are at the generation of the original's.
	other := Must(New("o").Funcs(FuncMap{"f": strForm("one"), "g": strForm("two")}).Parse(`{{.S | f}} {{.S | f | g}}`))
	if got := run(other); got != "one(x) two(one(x))" {
		t.Errorf("other: %q", got)
	}
	clone := Must(other.Clone())
	clone.Funcs(FuncMap{"f": strForm("clone")})
	for range 2 {
		if got := run(clone); got != "clone(x) two(clone(x))" {
			t.Errorf("clone: %q", got)
		}
		if got := run(other); got != "one(x) two(one(x))" {
			t.Errorf("original of the clone: %q", got)
		}
	}
}

// The template a template action names (kept on the node) follows the
// set: a template defined again after an execution, a clone's own.
func TestTemplateNodeCacheFollowsSet(t *testing.T) {
	run := func(tm *Template) string {
		var b strings.Builder
		if err := tm.Execute(&b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	tmpl := Must(New("t").Parse(`{{define "x"}}one{{end}}[{{template "x"}}]`))
	if got := run(tmpl); got != "[one]" {
		t.Errorf("first: %q", got)
	}
	Must(tmpl.Parse(`{{define "x"}}two{{end}}`))
	if got := run(tmpl); got != "[two]" {
		t.Errorf("after defining x again: %q", got)
	}
	Must(tmpl.New("x").Parse(`three`))
	if got := run(tmpl); got != "[three]" {
		t.Errorf("after New(x).Parse: %q", got)
	}
	// A clone, its set at the generation of the original's.
	clone := Must(tmpl.Clone())
	for clone.tmplGen.Load() < tmpl.tmplGen.Load() {
		Must(clone.Parse(`{{define "x"}}clone{{end}}`))
	}
	if clone.tmplGen.Load() != tmpl.tmplGen.Load() {
		t.Fatal("the clone's generation is not the original's")
	}
	for range 2 {
		if got := run(clone); got != "[clone]" {
			t.Errorf("clone: %q", got)
		}
		if got := run(tmpl); got != "[three]" {
			t.Errorf("original of the clone: %q", got)
		}
	}
	// A node renamed (as html/template renames them) names another.
	tmpl = Must(New("t").Parse(`{{define "x"}}x{{end}}{{define "y"}}y{{end}}{{template "x"}}`))
	if got := run(tmpl); got != "x" {
		t.Errorf("before renaming: %q", got)
	}
	tmpl.Root.Nodes[len(tmpl.Root.Nodes)-1].(*parse.TemplateNode).Name = "y"
	if got := run(tmpl); got != "y" {
		t.Errorf("after renaming: %q", got)
	}
}

type mxInner struct{ S string }

func (m mxInner) Val() string       { return "val " + m.S }
func (m *mxInner) Ptr(n int) string { return fmt.Sprint("ptr ", m.S, n) }
func (m mxInner) Err(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("empty %s", m.S)
	}
	return len(s), nil
}
func (m mxInner) Boom() bool         { panic("boom " + m.S) }
func (m mxInner) Many(xs ...int) int { return len(xs) }
func (m mxInner) Zero() bool         { return m.S == "" }

type mxOuter struct {
	mxInner
	P  *mxInner
	I  interface{ Val() string }
	M  map[string]mxInner
	L  []mxInner
	NP *mxInner
}

// Methods called through reflect are called as functions of their
// receiver (the method expression, mfunc), not as method values: on values
// and pointers, promoted from embedded fields, on map elements (not
// addressable), through interfaces (as method values still), with their
// errors and panics as before. (What is wanted below is what the engine of
// commit 95dbf0c gave.)
func TestMethodsAsFunctions(t *testing.T) {
	in := &mxInner{S: "p"}
	d := &mxOuter{mxInner: mxInner{S: "o"}, P: in, I: mxInner{S: "i"}, M: map[string]mxInner{"k": {S: "m"}}, L: []mxInner{{S: "l0"}, {S: "l1"}}}
	for _, c := range []struct{ src, want string }{
		{`{{.Val}} {{.Ptr 1}} {{.P.Val}} {{.P.Ptr 2}} {{.I.Val}} {{.M.k.Val}} {{range .L}}{{.Val}} {{.Ptr 3}} {{end}}`, `val o ptr o1 val p ptr p2 val i val m val l0 ptr l03 val l1 ptr l13 |<nil>`},
		{`{{.Err "abc"}} {{.Many}} {{.Many 1 2 3}} {{3 | .Many 1 2}} {{if .Zero}}z{{else}}nz{{end}} {{.M.k.Ptr 1}}`, `3 0 3 3 nz |template: t:1:94: executing "t" at <.M.k.Ptr>: can't evaluate field Ptr in type template.mxInner`},
		{`{{.Err ""}}`, `|template: t:1:2: executing "t" at <.Err>: error calling Err: empty o`},
		{`{{.P.Boom}}`, `|template: t:1:4: executing "t" at <.P.Boom>: error calling Boom: boom p`},
		{`{{.NP.Val}}`, `|template: t:1:5: executing "t" at <.NP.Val>: error calling Val: value method github.com/tebiki/tebiki/generator/internal/gotemplate/text.mxInner.Val called using nil *mxInner pointer`},
		{`{{.NP.Ptr 1}}`, `|template: t:1:5: executing "t" at <.NP.Ptr>: error calling Ptr: runtime error: invalid memory address or nil pointer dereference`},
		{`{{.Ptr "x"}}`, `|template: t:1:7: executing "t" at <"x">: expected integer; found "x"`},
		{`{{.Val 1}}`, `|template: t:1:2: executing "t" at <.Val>: wrong number of args for Val: want 0 got 1`},
		{`{{with .M.k}}{{.Ptr 1}}{{end}}`, `|template: t:1:15: executing "t" at <.Ptr>: can't evaluate field Ptr in type template.mxInner`},
		{`{{range .M}}{{.Val}}{{.Zero}}{{end}}`, `val mfalse|<nil>`},
	} {
		var b strings.Builder
		err := Must(New("t").Parse(c.src)).Execute(&b, d)
		if got := fmt.Sprintf("%s|%v", b.String(), err); got != c.want {
			t.Errorf("%s: got %q, want %q", c.src, got, c.want)
		}
	}
	// A call through reflect of a method as a function allocates its
	// results only (the slice of them and the bool), not a copy of the
	// method's code pointer as well.
	empty := Must(New("t").Parse(`{{if false}}{{end}}`))
	zero := Must(New("t").Parse(`{{if .Zero}}{{end}}`))
	base := testing.AllocsPerRun(100, func() { empty.Execute(io.Discard, d) })
	if allocs := testing.AllocsPerRun(100, func() { zero.Execute(io.Discard, d) }); allocs > base+2 {
		t.Errorf("{{if .Zero}}: %v allocations, want %v", allocs, base+2)
	}
}
