package site

import (
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// FlowNode is one step of a procedure's static checker: a question page or
// an outcome page. The static flow is the checker without JavaScript: each
// answer is a link to the next step, and every path ends on an outcome page
// with its checklist. Segs are the answer IDs given so far, which also name
// the page (see FlowPath); Result.Asked has the answers themselves (the
// map the walk decided with is not kept: a national site has 39,000 steps).
type FlowNode struct {
	Segs   []string
	Result *decide.Result
}

// FlowPath returns the output path of the flow page after the answers segs,
// in the language whose pages are in folder dir: the first question at CITY/PROC/check/index.html, and every later
// step a file beside it named by the answers given, joined by dots (answer
// IDs have none), such as check/open.proxy.html. One folder per procedure
// and language rather than one per step: at national scale, creating
// folders was a large part of writing the site.
func FlowPath(langDir string, p *rules.Procedure, segs []string) string {
	dir := langDir + "/" + p.City.ID + "/" + p.ID + "/check/"
	if len(segs) == 0 {
		return dir + "index.html"
	}
	return dir + strings.Join(segs, ".") + ".html"
}

// flowNodes enumerates every step of the procedure's checker, depth first in
// question and answer order.
func flowNodes(p *rules.Procedure, errs *diag.List) []*FlowNode {
	var out []*FlowNode
	var walk func(segs []string, a decide.Answers)
	walk = func(segs []string, a decide.Answers) {
		r, err := p.Core.Decide(a)
		if err != nil {
			if e, ok := err.(*decide.Error); ok {
				errs.Report(diag.Diagnostic{Pos: diag.Pos{File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col}, Msg: rules.CoreText(e)})
			} else {
				errs.Add(diag.Pos{File: p.File}, "%v", err)
			}
			return
		}
		out = append(out, &FlowNode{Segs: segs, Result: r})
		if r.Next == nil {
			return
		}
		for _, ans := range r.Next.Answers {
			b := make(decide.Answers, len(a)+1)
			for k, v := range a {
				b[k] = v
			}
			b[r.Next.ID] = ans.ID
			walk(append(segs[:len(segs):len(segs)], ans.ID), b)
		}
	}
	walk(nil, decide.Answers{})
	return out
}
