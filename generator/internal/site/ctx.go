package site

import "github.com/tebiki/tebiki/generator/internal/rules"

// ctxChunk is how many Ctx a page's View makes room for at a time: the
// default theme's pages call ctx about five times each.
const ctxChunk = 8

// newCtx is the layouts' ctx: the view, a procedure and a value for a
// partial. A Ctx returned as a value was copied to the heap at each call
// (the template engine boxes a result of a struct type), half a million
// allocations in a national build; it is made in the View instead, ctxChunk
// at a time, and handed over by its address (a partial reads .V, .P and .X
// the same through it). A chunk is never used again once full: a Ctx may
// be kept, in a variable, as long as the page's execution.
func newCtx(v *View, p *rules.Procedure, x any) *Ctx {
	if v == nil {
		return &Ctx{v, p, x}
	}
	if len(v.ctxs) == cap(v.ctxs) {
		v.ctxs = make([]Ctx, 0, ctxChunk)
	}
	v.ctxs = append(v.ctxs, Ctx{v, p, x})
	return &v.ctxs[len(v.ctxs)-1]
}
