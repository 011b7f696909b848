// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"reflect"
	"unsafe"
)

// Tebiki: direct calls. text/template calls every function and method
// through reflect.Value.Call, which builds a call frame from a slice of
// reflect.Values each time. A Caller wraps a function of a known shape so
// that a template calls it directly: put it in a FuncMap in place of the
// function, or register a type's methods with RegisterMethods. The
// template's language is unchanged: the function is checked, named in
// errors and converted exactly as before; when an argument is not exactly
// of the parameter's type (say, a named string type), the call goes through
// reflect as it would have.

// A Caller is a function of a known shape, made by F1 … FAVE or M0 … M2E.
type Caller struct {
	fn   any // the function (a method expression, for a method)
	call caller
	pass reflect.Type        // see Passes
	str  func(string) string // see OnString
}

// Passes tells that c's function, given one argument of type t, returns
// that argument's string unchanged: when it ends a pipeline whose value
// is printed, it is not called for such an argument (the value printed is
// the same). html/template's escapers pass content already of their
// type, such as template.HTML.
func (c Caller) Passes(t reflect.Type) Caller {
	c.pass = t
	return c
}

// OnString tells that c's function, given one argument of type string
// (that very type), returns a string, f of it, and cannot fail: a
// pipeline whose value is printed calls f for such an argument, and the
// string is written as it is, not made a reflect.Value first (Tebiki:
// html/template's escapers end nearly every action).
func (c Caller) OnString(f func(string) string) Caller {
	c.str = f
	return c
}

// StringForm returns the form for strings given by OnString, or nil.
func (c Caller) StringForm() func(string) string { return c.str }

// Func returns the function c calls.
func (c Caller) Func() any { return c.fn }

// caller calls a function with its arguments; ok is false when an argument
// is not exactly of the parameter's type (then nothing was called).
type caller func(b *boxes, args []reflect.Value) (v reflect.Value, ok bool, err error)

// execFunc is a function of a template: its reflect.Value and, when it was
// given as a Caller, its direct call.
type execFunc struct {
	v    reflect.Value
	fast caller
	pass reflect.Type        // see Caller.Passes
	str  func(string) string // see Caller.OnString
	sig  *callSig            // of v's type
}

// result is z as reflect.Value.Call would return it: of the result's
// static type, also when that is an interface.
//
// A result of a string type is kept in b (when not nil), not in an
// allocation of its own: a reflect.Value holds a string through a pointer,
// and pages are made of strings (about 30 % of what rendering a national
// site allocated went to them).
func result[Z any](b *boxes, z Z) reflect.Value {
	switch reflect.TypeFor[Z]().Kind() {
	case reflect.Interface:
		return ifaceResult(z)
	case reflect.String:
		if b != nil {
			return b.value(reflect.TypeFor[Z](), *(*string)(unsafe.Pointer(&z)))
		}
	}
	return reflect.ValueOf(z)
}

// ifaceResult is result for an interface type (apart: z escapes).
func ifaceResult[Z any](z Z) reflect.Value { return reflect.ValueOf(&z).Elem() }

// value returns s, of type t (of kind string), kept in a box: an interface
// of type t on the box, which reflect.ValueOf makes the value, not
// addressable, as a call's result is.
func (b *boxes) value(t reflect.Type, s string) reflect.Value {
	var e any
	*(*eface)(unsafe.Pointer(&e)) = eface{typ: (*iface)(unsafe.Pointer(&t)).data, data: b.put(s)}
	return reflect.ValueOf(e)
}

// eface is the layout of an empty interface: its type is the *abi.Type
// that a reflect.Type holds (iface is the layout of a reflect.Type).
type eface struct{ typ, data unsafe.Pointer }
type iface struct{ tab, data unsafe.Pointer }

// boxes holds the string results of an execution's direct calls, 256 to an
// allocation. A box is never used again: a value may live as long as the
// execution, in a variable, and as an interface handed to a function, as
// long as that function keeps it.
type boxes struct{ strs []string }

// put keeps s in a box of its own and returns the box.
func (b *boxes) put(s string) unsafe.Pointer {
	if len(b.strs) == cap(b.strs) {
		b.strs = make([]string, 0, 256)
	}
	b.strs = append(b.strs, s)
	return unsafe.Pointer(&b.strs[len(b.strs)-1])
}

func arg[A any](v reflect.Value) (A, bool) { return reflect.TypeAssert[A](v) }

// F1 … F3 wrap functions of one to three arguments and one result; F1E …
// F3E, those with a second result of type error.
func F1[A, Z any](f func(A) Z) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok := arg[A](a[0])
		if !ok {
			return reflect.Value{}, false, nil
		}
		return result(b, f(x)), true, nil
	}}
}

func F2[A, B, Z any](f func(A, B) Z) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok1 := arg[A](a[0])
		y, ok2 := arg[B](a[1])
		if !ok1 || !ok2 {
			return reflect.Value{}, false, nil
		}
		return result(b, f(x, y)), true, nil
	}}
}

func F3[A, B, C, Z any](f func(A, B, C) Z) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok1 := arg[A](a[0])
		y, ok2 := arg[B](a[1])
		w, ok3 := arg[C](a[2])
		if !ok1 || !ok2 || !ok3 {
			return reflect.Value{}, false, nil
		}
		return result(b, f(x, y, w)), true, nil
	}}
}

func F1E[A, Z any](f func(A) (Z, error)) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok := arg[A](a[0])
		if !ok {
			return reflect.Value{}, false, nil
		}
		z, err := f(x)
		return result(b, z), true, err
	}}
}

func F2E[A, B, Z any](f func(A, B) (Z, error)) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok1 := arg[A](a[0])
		y, ok2 := arg[B](a[1])
		if !ok1 || !ok2 {
			return reflect.Value{}, false, nil
		}
		z, err := f(x, y)
		return result(b, z), true, err
	}}
}

func F3E[A, B, C, Z any](f func(A, B, C) (Z, error)) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok1 := arg[A](a[0])
		y, ok2 := arg[B](a[1])
		w, ok3 := arg[C](a[2])
		if !ok1 || !ok2 || !ok3 {
			return reflect.Value{}, false, nil
		}
		z, err := f(x, y, w)
		return result(b, z), true, err
	}}
}

// variadic converts the arguments a variadic parameter receives.
func variadic[B any](a []reflect.Value) ([]B, bool) {
	out := make([]B, len(a))
	for i, v := range a {
		x, ok := arg[B](v)
		if !ok {
			return nil, false
		}
		out[i] = x
	}
	return out, true
}

// FV wraps a variadic function such as html/template's escapers; FAV one
// with a first, fixed argument (fmt.Sprintf); FAVE one that also returns an
// error (the comparisons).
func FV[B, Z any](f func(...B) Z) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		xs, ok := variadic[B](a)
		if !ok {
			return reflect.Value{}, false, nil
		}
		return result(b, f(xs...)), true, nil
	}}
}

// FV1 is FV for a variadic function f with f1, f's form for one argument,
// called when there is one: f1(x) must be f(x), without the slice that
// calling f makes (html/template's escapers).
func FV1[B, Z any](f func(...B) Z, f1 func(B) Z) Caller {
	many := FV(f).call
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		if len(a) != 1 {
			return many(b, a)
		}
		x, ok := arg[B](a[0])
		if !ok {
			return reflect.Value{}, false, nil
		}
		return result(b, f1(x)), true, nil
	}}
}

func FAV[A, B, Z any](f func(A, ...B) Z) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok1 := arg[A](a[0])
		xs, ok2 := variadic[B](a[1:])
		if !ok1 || !ok2 {
			return reflect.Value{}, false, nil
		}
		return result(b, f(x, xs...)), true, nil
	}}
}

func FAVE[A, B, Z any](f func(A, ...B) (Z, error)) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		x, ok1 := arg[A](a[0])
		xs, ok2 := variadic[B](a[1:])
		if !ok1 || !ok2 {
			return reflect.Value{}, false, nil
		}
		z, err := f(x, xs...)
		return result(b, z), true, err
	}}
}

// M0 … M2E wrap methods, given as method expressions such as (*T).Name,
// for RegisterMethods: the receiver comes first.
func M0[R, Z any](f func(R) Z) Caller                       { return F1(f) }
func M1[R, A, Z any](f func(R, A) Z) Caller                 { return F2(f) }
func M2[R, A, B, Z any](f func(R, A, B) Z) Caller           { return F3(f) }
func M0E[R, Z any](f func(R) (Z, error)) Caller             { return F1E(f) }
func M1E[R, A, Z any](f func(R, A) (Z, error)) Caller       { return F2E(f) }
func M2E[R, A, B, Z any](f func(R, A, B) (Z, error)) Caller { return F3E(f) }

// M1Addr is M1 for a method whose one argument is of type any and that
// does for a pointer to a value what it does for the value (Tebiki:
// View.Tx). An argument that is addressable (a field reached through a
// pointer, an element of a slice) and neither a pointer nor an interface
// is handed over as its address: an interface holding a copy of a struct
// or a slice is an allocation at each call, one holding a pointer is not.
func M1Addr[R, Z any](f func(R, any) Z) Caller {
	return Caller{fn: f, call: func(b *boxes, a []reflect.Value) (reflect.Value, bool, error) {
		r, ok := arg[R](a[0])
		if !ok {
			return reflect.Value{}, false, nil
		}
		x := a[1]
		if x.CanAddr() && x.Kind() != reflect.Pointer && x.Kind() != reflect.Interface {
			x = x.Addr()
		}
		y, ok := arg[any](x)
		if !ok {
			return reflect.Value{}, false, nil
		}
		return result(b, f(r, y)), true, nil
	}}
}

// RegisterMethods makes templates call these methods directly. Each is a
// method expression wrapped by M0 … M2E, such as M1((*T).Name); its
// receiver type and name are found from the function itself. It panics if
// one is not a method of its first parameter's type.
func RegisterMethods(methods ...Caller) {
	for _, m := range methods {
		ft := reflect.TypeOf(m.fn)
		if ft.NumIn() == 0 {
			panic("template: RegisterMethods: not a method expression")
		}
		rt := ft.In(0)
		pc := reflect.ValueOf(m.fn).Pointer()
		found := false
		for i := range rt.NumMethod() {
			if rt.Method(i).Func.Pointer() == pc {
				infoOf(rt).setCaller(i, rt.NumMethod(), m.call)
				found = true
				break
			}
		}
		if !found {
			panic("template: RegisterMethods: a function that is not a method of " + rt.String())
		}
	}
}

// HasDirectCall reports whether templates call t's method name directly
// (RegisterMethods).
func HasDirectCall(t reflect.Type, name string) bool {
	i, fast := methodIndex(infoOf(t), t, name)
	return i >= 0 && fast != nil
}
