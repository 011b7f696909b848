// Package graph draws a procedure's flow for staff pages, at build time: the
// questions, answers and outcomes as a left-to-right layered graph in inline
// SVG, and the decision table with one row per path.
//
// The graph is derived from the decision core alone: every path of
// decide.Procedure.Paths gives edges from each asked question, by its
// answer, to the next question asked on that path, and from the last
// question to the outcome reached. A question reached on several paths is
// one box, and so is an outcome.
//
// It imports only the core and jatext: not rules, content, theme or site.
package graph

import (
	"github.com/tebiki/tebiki/wasm/decide"
)

// Row is one path through a procedure: the answers in order and the
// outcome's checklist for them. Outcome is nil where the answers reach no
// outcome or more than one (rules that Validate reports).
type Row struct {
	Answers  []decide.Asked
	Outcome  *decide.Outcome
	Visits   []decide.VisitResult
	Warnings []decide.ItemResult
}

// Table returns one row per path of p, in the order of p.Paths.
func Table(p *decide.Procedure) []Row {
	var rows []Row
	for _, path := range p.Paths() {
		row := Row{Answers: path.Asked}
		if r, err := p.Decide(path.Answers); err == nil && r.Next == nil {
			row.Answers, row.Outcome, row.Visits, row.Warnings = r.Asked, r.Outcome, r.Visits, r.Warnings
		}
		rows = append(rows, row)
	}
	return rows
}

type kind int

const (
	startNode    kind = iota // where paths without questions begin
	questionNode             // a question, keyed "q:ID"
	outcomeNode              // an outcome, keyed "o:ID"
	noneNode                 // where paths that reach no outcome end
	labelNode                // the answer labels of an edge, in the gap after its source
	dummyNode                // where a long edge crosses a column
)

// node is a box of the graph, or a point an edge passes through.
type node struct {
	key      string
	kind     kind
	q        *decide.Question
	o        *decide.Outcome
	caption  string   // small line above the text
	text     string   // the text, wrapped into lines when the graph is placed
	lines    []string // the text, wrapped
	chips    []int    // for a label node: how many of the lines each answer has
	w, h     int
	depth    int
	rank     int // column: 2*depth for boxes, odd ranks hold labels
	order    int // position within the column
	y        float64
	x        int
	ins      []*node // neighbours in the previous column
	outs     []*node // neighbours in the next column
	edge     *edge   // for label and dummy nodes
	preds    []*edge
	succs    []*edge
	inPorts  []float64 // for ins, in their order
	outPorts []float64 // for outs
	bary     float64   // while ordering: the mean order of the neighbours
	both     []*node   // ins and outs, once asked for
	ranked   bool
}

// edge joins two boxes, labelled with every answer that leads from one to
// the other (answers between the same two boxes share one arrow).
type edge struct {
	from, to *node
	answers  []*decide.Answer
	chain    []*node // label and dummy nodes, one per column crossed
}

type graph struct {
	lang  string // the language's code, for the texts
	wrap  func(s string, maxEm float64) []string
	words vocabulary
	nodes []*node // boxes, in the order met
	byKey map[string]*node
	edges []*edge
	byEnd map[[2]string]*edge
}

// build walks every path of p and collects the boxes and edges. The texts
// are wrapped by place, with wrap.
func build(p *decide.Procedure, lang string, w Words, wrap func(string, float64) []string) *graph {
	t := words(w)
	g := &graph{lang: lang, wrap: wrap, words: t, byKey: map[string]*node{}, byEnd: map[[2]string]*edge{}}
	get := func(key string, make func() *node) *node {
		if n := g.byKey[key]; n != nil {
			return n
		}
		n := make()
		n.key = key
		g.byKey[key] = n
		g.nodes = append(g.nodes, n)
		return n
	}
	question := func(q *decide.Question) *node {
		return get("q:"+q.ID, func() *node {
			return &node{kind: questionNode, q: q, caption: q.ID, text: orID(q.Text.In(lang), q.ID)}
		})
	}
	outcome := func(o *decide.Outcome) *node {
		return get("o:"+o.ID, func() *node {
			return &node{kind: outcomeNode, o: o, caption: t.kinds[o.Kind] + " · " + o.ID, text: orID(o.Title.In(lang), o.ID)}
		})
	}
	for _, path := range p.Paths() {
		var from *node
		var ans *decide.Answer
		if len(path.Asked) == 0 {
			from = get("start", func() *node { return &node{kind: startNode, text: t.start, lines: []string{t.start}} })
		}
		for _, a := range path.Asked {
			n := question(a.Question)
			if from != nil {
				g.connect(from, n, ans)
			}
			from, ans = n, a.Answer
		}
		if len(path.Outcomes) == 0 {
			g.connect(from, get("none", func() *node { return &node{kind: noneNode, text: t.none} }), ans)
		}
		for _, o := range path.Outcomes {
			g.connect(from, outcome(o), ans)
		}
	}
	return g
}

// connect adds the edge from -> to for answer a (nil from the start node),
// once.
func (g *graph) connect(from, to *node, a *decide.Answer) {
	k := [2]string{from.key, to.key}
	e := g.byEnd[k]
	if e == nil {
		e = &edge{from: from, to: to}
		g.byEnd[k] = e
		g.edges = append(g.edges, e)
		from.succs = append(from.succs, e)
		to.preds = append(to.preds, e)
	}
	if a == nil {
		return
	}
	for _, b := range e.answers {
		if b == a || b.ID == a.ID {
			return
		}
	}
	e.answers = append(e.answers, a)
}

func orID(s, id string) string {
	if s == "" {
		return id
	}
	return s
}

// Words are the graph's words in one language: the theme's patterns (the
// UI strings "fmt.graph.*", see rules.Words), filled in by F.
type Words interface {
	F(key string, slots ...string) string
}

// WordKeys are the patterns the graph uses, with their slots.
var WordKeys = map[string][]string{
	"fmt.graph.start":          nil,
	"fmt.graph.none":           nil,
	"fmt.graph.kind.checklist": nil,
	"fmt.graph.kind.not_yet":   nil,
	"fmt.graph.kind.contact":   nil,
	"fmt.graph.title":          {"proc"},
	"fmt.graph.desc":           {"proc", "questions", "outcomes"},
	"fmt.graph.questions.one":  {"n"},
	"fmt.graph.questions":      {"n"},
	"fmt.graph.outcomes.one":   {"n"},
	"fmt.graph.outcomes":       {"n"},
}

type vocabulary struct {
	start, none string
	kinds       map[decide.OutcomeKind]string
	title       func(proc string) string
	desc        func(proc string, questions, outcomes int) string
}

func words(w Words) vocabulary {
	count := func(n int, what string) string {
		if n == 1 {
			return w.F("graph."+what+".one", "n", itoa(n))
		}
		return w.F("graph."+what, "n", itoa(n))
	}
	return vocabulary{
		start: w.F("graph.start"),
		none:  w.F("graph.none"),
		kinds: map[decide.OutcomeKind]string{decide.Checklist: w.F("graph.kind.checklist"), decide.NotYet: w.F("graph.kind.not_yet"), decide.Contact: w.F("graph.kind.contact")},
		title: func(proc string) string { return w.F("graph.title", "proc", proc) },
		desc: func(proc string, q, o int) string {
			return w.F("graph.desc", "proc", proc, "questions", count(q, "questions"), "outcomes", count(o, "outcomes"))
		},
	}
}
