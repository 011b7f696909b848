// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/tebiki/tebiki/generator/internal/gotemplate/parse"
)

// Tebiki: lookups that text/template repeats on every evaluation, done once
// per type and remembered, beneath the cache each node keeps (state.method,
// state.field): a node that meets another type looks here before asking
// reflect. Layouts run concurrently, so each type's table is replaced whole
// (copy on write) and read without a lock.

// typeInfo is what is known of one type.
type typeInfo struct {
	methods atomic.Pointer[map[string]int] // name -> index in the method set; -1: none
	fields  atomic.Pointer[map[string]fieldInfo]
	callers atomic.Pointer[[]caller] // by method index (RegisterMethods)
}

// callSig is what evalCall needs of a function's type, found once.
type callSig struct {
	typ      reflect.Type
	numIn    int
	variadic bool
	in       []reflect.Type // the parameters' types
	elem     reflect.Type   // a variadic parameter's elements' type
	bad      bool           // goodFunc fails
}

var sigs sync.Map // reflect.Type of a func -> *callSig

// sigOf returns the callSig of the function type t.
func sigOf(t reflect.Type) *callSig {
	if sig, ok := sigs.Load(t); ok {
		return sig.(*callSig)
	}
	sig := &callSig{typ: t, numIn: t.NumIn(), variadic: t.IsVariadic(), bad: goodFunc("", t) != nil}
	for i := range sig.numIn {
		sig.in = append(sig.in, t.In(i))
	}
	if sig.variadic {
		sig.elem = sig.in[sig.numIn-1].Elem()
	}
	v, _ := sigs.LoadOrStore(t, sig)
	return v.(*callSig)
}

// setCaller records the direct call of method i of n.
func (ti *typeInfo) setCaller(i, n int, c caller) {
	for {
		old := ti.callers.Load()
		next := make([]caller, n)
		if old != nil {
			copy(next, *old)
		}
		next[i] = c
		if ti.callers.CompareAndSwap(old, &next) {
			return
		}
	}
}

// caller returns the direct call of method i, if one was registered.
func (ti *typeInfo) caller(i int) caller {
	if cs := ti.callers.Load(); cs != nil && i < len(*cs) {
		return (*cs)[i]
	}
	return nil
}

var types sync.Map // reflect.Type -> *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := types.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti, _ := types.LoadOrStore(t, &typeInfo{})
	return ti.(*typeInfo)
}

// methodIndex returns, from t's info ti, the index of t's method name for reflect.Value.Method,
// or -1 if t has no such (exported) method: what t.MethodByName finds; and
// the method's direct call, if one was registered.
func methodIndex(ti *typeInfo, t reflect.Type, name string) (int, caller) {
	if t.NumMethod() == 0 {
		return -1, nil
	}
	i, ok := lookup(&ti.methods, name)
	if !ok {
		i = -1
		if m, ok := t.MethodByName(name); ok {
			i = m.Index
		}
		store(&ti.methods, name, i)
	}
	if i < 0 {
		return -1, nil
	}
	return i, ti.caller(i)
}

// fieldInfo is what evalField needs of t.FieldByName(name).
type fieldInfo struct {
	index    []int
	exported bool
	ok       bool
}

// fieldIndex returns, from t's info ti, what t.FieldByName(name) finds for
// the struct type t.
func fieldIndex(ti *typeInfo, t reflect.Type, name string) fieldInfo {
	f, ok := lookup(&ti.fields, name)
	if !ok {
		sf, found := t.FieldByName(name)
		f = fieldInfo{index: sf.Index, exported: sf.IsExported(), ok: found}
		store(&ti.fields, name, f)
	}
	return f
}

func lookup[V any](p *atomic.Pointer[map[string]V], name string) (V, bool) {
	if m := p.Load(); m != nil {
		v, ok := (*m)[name]
		return v, ok
	}
	var zero V
	return zero, false
}

// store adds name to the table, copying it: readers hold no lock.
func store[V any](p *atomic.Pointer[map[string]V], name string, v V) {
	for {
		old := p.Load()
		next := make(map[string]V, 1)
		if old != nil {
			for k, x := range *old {
				next[k] = x
			}
		}
		next[name] = v
		if p.CompareAndSwap(old, &next) {
			return
		}
	}
}

// fieldEntry is what a name in a node resolved to (parse.Cache): the method
// of type methodType (index, direct call; -1: none) and the field of struct
// type structType. Entries are never changed, only replaced.
type fieldEntry struct {
	methodType  reflect.Type
	method      int
	sig         *callSig
	fast        caller
	mfunc       reflect.Value // the method expression (see method)
	structType  reflect.Type
	field       fieldInfo
	fieldLooked bool
}

// method is methodIndex, for ptr's type, through the node's cache slot
// (nil: none), with the callSig of the method value's type and the method
// as a function of its receiver and arguments (invalid for an interface's
// method).
func (s *state) method(slot *parse.Cache, ptr reflect.Value, name string) (int, *callSig, caller, reflect.Value) {
	t := ptr.Type()
	var e *fieldEntry
	if slot != nil {
		e, _ = slot.Load().(*fieldEntry)
		if e != nil && e.methodType == t {
			return e.method, e.sig, e.fast, e.mfunc
		}
	}
	i, fast := methodIndex(infoOf(t), t, name)
	var (
		sig   *callSig
		mfunc reflect.Value
	)
	if i >= 0 {
		sig = sigOf(ptr.Method(i).Type())
		if t.Kind() != reflect.Interface {
			mfunc = t.Method(i).Func
		}
	}
	if slot != nil {
		next := &fieldEntry{methodType: t, method: i, sig: sig, fast: fast, mfunc: mfunc}
		if e != nil {
			next.structType, next.field, next.fieldLooked = e.structType, e.field, e.fieldLooked
		}
		slot.Store(next)
	}
	return i, sig, fast, mfunc
}

// field is fieldIndex through the node's cache slot (nil: none).
func (s *state) field(slot *parse.Cache, t reflect.Type, name string) fieldInfo {
	var e *fieldEntry
	if slot != nil {
		e, _ = slot.Load().(*fieldEntry)
		if e != nil && e.fieldLooked && e.structType == t {
			return e.field
		}
	}
	f := fieldIndex(infoOf(t), t, name)
	if slot != nil {
		next := &fieldEntry{structType: t, field: f, fieldLooked: true, method: -1}
		if e != nil {
			next.methodType, next.method, next.sig, next.fast, next.mfunc = e.methodType, e.method, e.sig, e.fast, e.mfunc
		}
		slot.Store(next)
	}
	return f
}

// funcEntry is the function an identifier named in the functions of one
// template set (common) as they were at generation gen.
type funcEntry struct {
	c       *common
	gen     uint64
	f       execFunc
	builtin bool
	ok      bool
}

// function is findFunction through the identifier's cache.
func (s *state) function(node *parse.IdentifierNode) (execFunc, bool, bool) {
	c := s.tmpl.common
	if c == nil {
		return findFunction(node.Ident, s.tmpl)
	}
	gen := c.funcsGen.Load()
	if e, _ := node.Cache.Load().(*funcEntry); e != nil && e.c == c && e.gen == gen {
		return e.f, e.builtin, e.ok
	}
	f, builtin, ok := findFunction(node.Ident, s.tmpl)
	node.Cache.Store(&funcEntry{c, gen, f, builtin, ok})
	return f, builtin, ok
}

// tmplEntry is the template a template action named in the templates of
// one set (common) as they were at generation gen.
type tmplEntry struct {
	c    *common
	gen  uint64
	name string // the node's name (html/template renames nodes)
	t    *Template
}

// lookup is s.tmpl.Lookup(node.Name) through the node's cache: a called
// template was looked up at each call, under the set's lock, which the
// executions running at once share.
func (s *state) lookup(node *parse.TemplateNode) *Template {
	c := s.tmpl.common
	if c == nil {
		return s.tmpl.Lookup(node.Name)
	}
	gen := c.tmplGen.Load()
	if e, _ := node.Cache.Load().(*tmplEntry); e != nil && e.c == c && e.gen == gen && e.name == node.Name {
		return e.t
	}
	t := s.tmpl.Lookup(node.Name)
	if t != nil {
		node.Cache.Store(&tmplEntry{c, gen, node.Name, t})
	}
	return t
}
