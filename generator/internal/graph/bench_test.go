package graph

import (
	"os"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// realProcedures are the procedures of the real rules, for the benchmarks.
func realProcedures(b *testing.B) []*decide.Procedure {
	var errs diag.List
	r := rules.Load(os.DirFS("../../.."), &errs)
	if errs.Len() > 0 {
		b.Fatalf("the rules have problems: %v", errs.Items())
	}
	var out []*decide.Procedure
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			out = append(out, p.Core)
		}
	}
	if len(out) == 0 {
		b.Fatal("no procedures in the real rules")
	}
	return out
}

// BenchmarkFlowSVG draws every procedure of the real rules in both
// languages, each time anew: a staff page whose flow no other page shares.
func BenchmarkFlowSVG(b *testing.B) {
	procs := realProcedures(b)
	words := benchWords()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range procs {
			for _, lang := range []string{"ja", "en"} {
				FlowSVG(p, lang, lang, words[lang])
			}
		}
	}
}

// benchWords are the default theme's words in each language, made once as
// a site makes them.
func benchWords() map[string]Words {
	out := map[string]Words{}
	for _, lang := range []string{"ja", "en"} {
		out[lang] = rules.NewWords(lang, rules.DefaultWords(lang))
	}
	return out
}

// BenchmarkFlows draws every procedure of the real rules in both languages
// through one Flows kept across iterations, as a build draws the staff
// pages of the cities after the first that share a graph (in the national
// site, half of them).
func BenchmarkFlows(b *testing.B) {
	procs := realProcedures(b)
	words := benchWords()
	var f Flows
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range procs {
			for _, lang := range []string{"ja", "en"} {
				f.SVG(p, lang, lang, words[lang])
			}
		}
	}
}
