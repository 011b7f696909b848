package site

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// The interactive checker on a guide page gets everything from the page
// itself (fetching a file would fail from file://):
//
//   - the procedure in the core's wire format (decide.EncodeProcedure), in
//     the page's language: the script draws the questions from it, and the
//     WebAssembly core decides with it;
//   - every outcome of every path, rendered by the generator with the same
//     blocks as the static outcome pages (partials-outcome.html), one
//     <template> per path: the checker shows the one the core names.
//
// This file holds only those page-level pieces; the model and its wire
// format belong to the core.

// CheckerRules returns the procedure's wire form for the page.
func (v *View) CheckerRules() template.JS {
	return template.JS(decide.EncodeProcedure(v.Proc.Core, v.Lang))
}

// CheckerOutcomes returns, for every path through the procedure, a view of
// its outcome for the guide page's checker: the outcome page's view, seen
// from the guide page (links are relative to it), with headings and ids
// for inside the checker.
func (v *View) CheckerOutcomes() []*View {
	var errs diag.List // the same walk planned the flow pages and reported any problem
	var out []*View
	for _, n := range flowNodes(v.Proc, &errs) {
		if n.Result.Outcome == nil {
			continue
		}
		c := *v
		c.Node = n
		c.InChecker = true
		c.IDPrefix = "c" + strconv.Itoa(len(out)) + "-"
		out = append(out, &c)
	}
	return out
}

// CheckerTimeZone is the site's time zone, in which the date helper decides
// which day "today" is, whatever the zone the device is set to.
func (v *View) CheckerTimeZone() string { return v.site.timeZone() }

// Key names the flow node as the core's Step names a path: its answer IDs
// joined by dots.
func (n *FlowNode) Key() string { return strings.Join(n.Segs, ".") }
