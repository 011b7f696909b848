package site

import (
	"os"
	"reflect"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/graph"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// TestStaffTablesPerProcedure asks for the tables of the real procedures
// as their staff pages do, one page per language, interleaved: each page
// gets its own procedure's table, and none is kept once its pages have it.
func TestStaffTablesPerProcedure(t *testing.T) {
	var errs diag.List
	r := rules.Load(os.DirFS("../../.."), &errs)
	if errs.Len() > 0 {
		t.Fatal(errs.Items())
	}
	var procs []*decide.Procedure
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			procs = append(procs, p.Core)
		}
	}
	if len(procs) < 2 {
		t.Fatalf("%d procedures in the real rules, want two or more", len(procs))
	}
	const langs = 3
	var tables staffTables
	for lang := 0; lang < langs; lang++ {
		for _, p := range procs {
			got, want := tables.rows(p, langs), graph.Table(p)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s, language %d: another table than the procedure's", p.City, p.ID, lang)
			}
		}
	}
	if len(tables.m) != 0 {
		t.Errorf("%d tables kept after every page had its own", len(tables.m))
	}
}

// BenchmarkStaffTables makes the decision tables of the real procedures'
// staff pages in two languages: each page its own (as before), or shared.
func BenchmarkStaffTables(b *testing.B) {
	var errs diag.List
	r := rules.Load(os.DirFS("../../.."), &errs)
	var procs []*decide.Procedure
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			procs = append(procs, p.Core)
		}
	}
	b.Run("each-page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range procs {
				graph.Table(p)
				graph.Table(p)
			}
		}
	})
	b.Run("shared", func(b *testing.B) {
		var tables staffTables
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range procs {
				tables.rows(p, 2)
				tables.rows(p, 2)
			}
		}
	})
}
