// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"reflect"

	"github.com/tebiki/tebiki/generator/internal/gotemplate/parse"
)

// Tebiki: what evalPrinted asks of a printed pipeline's commands (is it a
// lone function that passes a type, or has a form for strings?) is kept on
// the pipeline, found once for the functions of the template set as they
// are (funcsGen): an action's escapers were otherwise looked up on each
// execution through the command, its arguments and its identifier, three
// nodes away.

// pipeFuncs is what the commands of a pipeline are, in the functions of
// one template set (c) as they were at generation gen.
type pipeFuncs struct {
	c   *common
	gen uint64
	n   int        // the pipeline's number of commands
	fs  []pipeFunc // by command
}

// pipeFunc is a command that is a lone function (one argument, an
// identifier) that passes values of type pass (Caller.Passes) or has a
// form for strings (Caller.OnString); the zero pipeFunc for any other.
type pipeFunc struct {
	pass reflect.Type
	str  func(string) string
}

// pipeFuncs returns what pipe's commands are, from its cache.
func (s *state) pipeFuncs(pipe *parse.PipeNode) *pipeFuncs {
	c := s.tmpl.common
	var gen uint64
	if c != nil {
		gen = c.funcsGen.Load()
		if e, _ := pipe.Cache.Load().(*pipeFuncs); e != nil && e.c == c && e.gen == gen && e.n == len(pipe.Cmds) {
			return e
		}
	}
	e := &pipeFuncs{c: c, gen: gen, n: len(pipe.Cmds), fs: make([]pipeFunc, len(pipe.Cmds))}
	for i, cmd := range pipe.Cmds {
		if len(cmd.Args) != 1 {
			continue
		}
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
			if f, _, ok := findFunction(id.Ident, s.tmpl); ok {
				e.fs[i] = pipeFunc{f.pass, f.str}
			}
		}
	}
	if c != nil {
		pipe.Cache.Store(e)
	}
	return e
}
