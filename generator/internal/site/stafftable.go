package site

import (
	"sync"

	"github.com/tebiki/tebiki/generator/internal/graph"
	"github.com/tebiki/tebiki/wasm/decide"
)

// staffTables hands the decision table of a procedure (graph.Table: the
// same in every language) to its staff pages, made for the first of them
// and let go once the last has it. A procedure's staff pages are planned
// one after another, one per language, so a table is kept only while
// they render.
type staffTables struct {
	mu sync.Mutex
	m  map[*decide.Procedure]*staffTable
}

type staffTable struct {
	rows []graph.Row
	left int // staff pages still to ask for it
}

// rows returns graph.Table(p) for one of the pages staff pages of p.
func (t *staffTables) rows(p *decide.Procedure, pages int) []graph.Row {
	t.mu.Lock()
	if e := t.m[p]; e != nil {
		if e.left--; e.left <= 0 {
			delete(t.m, p)
		}
		t.mu.Unlock()
		return e.rows
	}
	t.mu.Unlock()
	rows := graph.Table(p)
	if pages > 1 {
		t.mu.Lock()
		if t.m == nil {
			t.m = map[*decide.Procedure]*staffTable{}
		}
		if t.m[p] == nil { // (two pages making it at once keep one)
			t.m[p] = &staffTable{rows: rows, left: pages - 1}
		}
		t.mu.Unlock()
	}
	return rows
}
