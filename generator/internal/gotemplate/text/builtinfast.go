// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"fmt"
	"reflect"

	"github.com/tebiki/tebiki/generator/internal/gotemplate/parse"
)

// Tebiki: the builtins whose parameters are reflect.Values (not, and, or,
// len, the comparisons) are given the values as they are. text/template
// made each argument a reflect.Value holding a reflect.Value (an
// allocation), which the function then took out again.

// valueBuiltin returns the builtin name's function of reflect.Values, if it
// has one.
func valueBuiltin(name string) func(args []reflect.Value) (reflect.Value, error) {
	switch name {
	case "not":
		return valueNot
	case "len":
		return valueLen
	case "eq":
		return valueEq
	case "ne":
		return valueNe
	case "lt":
		return valueLt
	case "le":
		return valueLe
	case "gt":
		return valueGt
	case "ge":
		return valueGe
	}
	return nil
}

var (
	valueNe = bool2(ne)
	valueLt = bool2(lt)
	valueLe = bool2(le)
	valueGt = bool2(gt)
	valueGe = bool2(ge)
)

func valueNot(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(not(a[0])), nil }

func valueLen(a []reflect.Value) (reflect.Value, error) {
	n, err := length(a[0])
	return reflect.ValueOf(n), err
}

func valueEq(a []reflect.Value) (reflect.Value, error) {
	b, err := eq(a[0], a[1:]...)
	return reflect.ValueOf(b), err
}

func bool2(f func(a, b reflect.Value) (bool, error)) func([]reflect.Value) (reflect.Value, error) {
	return func(a []reflect.Value) (reflect.Value, error) {
		b, err := f(a[0], a[1])
		return reflect.ValueOf(b), err
	}
}

// asValueArg is what a parameter of type reflect.Value receives for v:
// validateType(v, reflectValueType) taken out of its reflect.Value.
func asValueArg(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Kind() == reflect.Struct && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

// evalValueArg is evalArg(dot, reflectValueType, n) as the parameter
// receives it (asValueArg), without the reflect.Value made to hold it.
func (s *state) evalValueArg(dot reflect.Value, n parse.Node) reflect.Value {
	switch arg := n.(type) { // s.at(n) as evalArg has it
	case *parse.DotNode:
		s.at(n)
		return asValueArg(dot)
	case *parse.NilNode:
		s.at(n)
		return reflect.Value{}
	case *parse.FieldNode:
		return asValueArg(s.evalFieldNode(dot, arg, []parse.Node{n}, missingVal))
	case *parse.VariableNode:
		return asValueArg(s.evalVariableNode(dot, arg, nil, missingVal))
	case *parse.PipeNode:
		return asValueArg(s.evalPipeline(dot, arg))
	case *parse.IdentifierNode:
		return asValueArg(s.evalFunction(dot, arg, arg, nil, missingVal))
	case *parse.ChainNode:
		return asValueArg(s.evalChainNode(dot, arg, nil, missingVal))
	}
	return s.evalEmptyInterface(dot, n)
}

// callValueBuiltin calls f with args evaluated by evalValueArg and final,
// if not missing, after them; errors and panics are returned as
// safeFastCall returns them.
func (s *state) callValueBuiltin(f func([]reflect.Value) (reflect.Value, error), dot reflect.Value, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	n := len(args)
	if !isMissing(final) {
		n++
	}
	base := len(s.args)
	argv := s.reserveArgs(n)
	for i, a := range args {
		argv[i] = s.evalValueArg(dot, a)
	}
	if !isMissing(final) {
		argv[n-1] = asValueArg(final)
	}
	v, err := safeValueCall(f, argv)
	s.args = s.args[:base]
	return v, err
}

func safeValueCall(f func([]reflect.Value) (reflect.Value, error), args []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	return f(args)
}
