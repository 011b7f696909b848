// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"fmt"
	"io"
	"strings"
	"testing"

	text "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
)

// The engine's own work, on a page shaped like those of Tebiki's default
// theme (themes/default/layouts): methods of a view called directly, on a
// variable and on the dot; fields of structs; text and template.HTML
// printed through the escapers; if/with on strings, bools and methods;
// range over slices with variables; eq/not/and/or/len; a called template
// given a context made by a function.

type benchText struct{ Ja, En string }

func (t benchText) IsZero() bool { return t.Ja == "" && t.En == "" }

type benchItem struct {
	Text  benchText
	Notes []benchText
	Why   benchText
	When  string
}

type benchVisit struct {
	Title benchText
	Items []benchItem
	Note  benchText
}

type benchOutcome struct {
	ID     string
	Title  benchText
	Visits []benchVisit
}

type benchView struct {
	Lang  string
	Home  string
	Cases []benchOutcome
	Map   map[string]string
}

func (v *benchView) Tx(x any) string {
	if t, ok := x.(benchText); ok {
		if v.Lang == "ja" {
			return t.Ja
		}
		return t.En
	}
	return fmt.Sprint(x)
}

func (v *benchView) Mark(s string) HTML {
	return HTML("<span lang=\"" + v.Lang + "\">" + s + "</span>")
}
func (v *benchView) Many(vs []benchVisit) bool {
	return len(vs) > 1
}
func (v *benchView) Href(id string) string { return "/" + v.Lang + "/" + id + "/" }

// Slow is not registered: it is called through reflect.
func (v *benchView) Slow(s string) string { return s }

type benchCtx struct {
	V *benchView
	X any
}

func init() {
	text.RegisterMethods(
		text.M1((*benchView).Tx),
		text.M1((*benchView).Mark),
		text.M1((*benchView).Many),
		text.M1((*benchView).Href),
	)
}

const benchPage = `{{define "item"}}{{$v := .V}}{{with .X}}
<li><span class="item-text">{{$v.Tx .Text}}</span>
{{range .Notes}}<span class="item-note">{{$v.Tx .}}</span>{{end}}
{{if not .Why.IsZero}}<span class="item-why">{{$v.Tx .Why}}</span>{{else if .When}}<span>{{$v.Mark (T $v.Lang "item.only_when")}} {{.When}}</span>{{end}}
</li>{{end}}{{end}}
{{define "page"}}<!doctype html><html lang="{{.Lang}}"><head><title>{{T .Lang "title"}}</title></head><body>
<nav><a href="{{.Home}}">{{.Mark (T .Lang "nav.home")}}</a> {{.Map.key}} {{.Slow "slow"}}</nav>
{{range $c := .Cases}}{{$o := .}}<section id="case-{{.ID}}" aria-labelledby="{{.ID}}-h">
<h3 id="{{.ID}}-h"><a href="{{$.Href .ID}}">{{$.Tx .Title}}</a></h3>
{{$many := $.Many .Visits}}{{if $many}}<ol>{{end}}
{{range $i, $vi := .Visits}}{{$last := eq (inc $i) (len $o.Visits)}}
{{if $many}}<li>{{end}}<div class="visit">
{{if not $vi.Title.IsZero}}<h4>{{$.Tx $vi.Title}}</h4>{{else}}<h4>{{$.Mark (printf (T $.Lang "visit.n") (inc $i))}}</h4>{{end}}
<ul>{{range $vi.Items}}{{template "item" (ctx $ .)}}{{end}}</ul>
{{if and (not $vi.Note.IsZero) (or $last (not $many))}}<p>{{$.Tx $vi.Note}}</p>{{end}}
</div>{{if $many}}</li>{{end}}
{{end}}{{if $many}}</ol>{{end}}
</section>
{{end}}</body></html>{{end}}`

func benchTemplate(tb testing.TB) (*Template, *benchView) {
	msgs := map[string]string{"title": "Title & <co>", "nav.home": "Home", "item.only_when": "Only when", "visit.n": "Visit %d"}
	tmpl := Must(New("bench").Funcs(FuncMap{
		"T":   text.F2E(func(lang, key string) (string, error) { return msgs[key], nil }),
		"ctx": text.F2(func(v *benchView, x any) benchCtx { return benchCtx{v, x} }),
		"inc": text.F1(func(i int) int { return i + 1 }),
	}).Parse(benchPage))
	v := &benchView{Lang: "en", Home: "/en/", Map: map[string]string{"key": "value <b>"}}
	for c := range 6 {
		o := benchOutcome{ID: fmt.Sprintf("c%d", c), Title: benchText{"件名", "Case <" + fmt.Sprint(c) + ">"}}
		for vi := range c%3 + 1 {
			visit := benchVisit{Note: benchText{"", ""}}
			if vi%2 == 0 {
				visit.Title = benchText{"訪問", "Visit & go"}
				visit.Note = benchText{"注", "Note"}
			}
			for it := range 4 {
				item := benchItem{Text: benchText{"書類", fmt.Sprintf("Document %d \"x\"", it)}}
				if it%2 == 0 {
					item.Notes = []benchText{{"注", "a note"}, {"注", "another"}}
					item.Why = benchText{"理由", "because"}
				} else {
					item.When = "when <x>"
				}
				visit.Items = append(visit.Items, item)
			}
			o.Visits = append(o.Visits, visit)
		}
		v.Cases = append(v.Cases, o)
	}
	return tmpl, v
}

// BenchmarkEngine renders the page above (go test -bench Engine -benchmem).
func BenchmarkEngine(b *testing.B) {
	tmpl, v := benchTemplate(b)
	if err := tmpl.ExecuteTemplate(io.Discard, "page", v); err != nil {
		b.Fatal(err)
	}
	var out strings.Builder
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		out.Grow(16 << 10)
		if err := tmpl.ExecuteTemplate(&out, "page", v); err != nil {
			b.Fatal(err)
		}
	}
}
