package diff

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/wasm/decide"
)

// maxPages is how many pages the text report names for one difference;
// the HTML page and the JSON name them all.
const maxPages = 6

func pageList(pages []PageRef, n int) string {
	var parts []string
	for i, p := range pages {
		if i == n {
			parts = append(parts, fmt.Sprintf("ほか%d件 / and %d more", len(pages)-n, len(pages)-n))
			break
		}
		parts = append(parts, SitePath(p.Path))
	}
	if len(parts) == 0 {
		return "（どのページにも表示されません / shown on no page）"
	}
	return strings.Join(parts, ", ")
}

func opWord(op string) string {
	switch op {
	case "+":
		return "追加 / added"
	case "-":
		return "削除 / removed"
	}
	return "変更 / changed"
}

// Text writes the review for the terminal, in Japanese and English.
func (r *Review) Text(w io.Writer) {
	fmt.Fprintf(w, "住民向けの変更 / Changes for residents: %s → %s\n", r.From, r.To)
	if r.Empty() {
		fmt.Fprintln(w, "変更はありません / Nothing changes for residents.")
		return
	}
	section := func(ja, en string, n int) {
		fmt.Fprintf(w, "\n■ %s / %s (%d)\n", ja, en, n)
	}
	if n := len(r.Added) + len(r.Removed); n > 0 {
		section("ページの追加・削除", "Pages added or removed", n)
		for _, p := range r.Added {
			fmt.Fprintf(w, "  + %s  %s\n", SitePath(p.Path), p.Title)
		}
		for _, p := range r.Removed {
			fmt.Fprintf(w, "  - %s  %s\n", SitePath(p.Path), p.Title)
		}
	}
	if len(r.Announced) > 0 {
		section("変更の予告", "Announcements of scheduled changes", len(r.Announced))
		for _, a := range r.Announced {
			verb := "新しく予告されます / newly announced"
			if a.Op == "-" {
				verb = "予告がなくなります / no longer announced"
			}
			fmt.Fprintf(w, "  %s %s（%s）\n", a.Op, a.Date, verb)
			for _, l := range r.Languages {
				fmt.Fprintf(w, "    [%s] %s: %s\n", l.Code, a.WhereIn(l.Code), a.WhatIn(l.Code))
			}
			fmt.Fprintf(w, "    ページ / pages: %s\n", pageList(a.Pages, maxPages))
		}
	}
	if r.Rules != nil && !r.Rules.Empty() {
		section("手続きの結果（回答の組み合わせごと）", "Outcomes, for every combination of answers", len(r.Rules.Procs))
		r.Rules.writeProcs(w, true)
	}
	if len(r.UI) > 0 {
		section("テーマの画面の文言", "UI strings of the theme", len(r.UI))
		for _, u := range r.UI {
			fmt.Fprintf(w, "  %s %s %s (%s)\n", u.Op, u.Lang, u.Key, opWord(u.Op))
			if u.Op != "+" {
				fmt.Fprintf(w, "      - %s\n", u.Old)
			}
			if u.Op != "-" {
				fmt.Fprintf(w, "      + %s\n", u.New)
			}
			fmt.Fprintf(w, "    ページ / pages: %s\n", pageList(u.Pages, maxPages))
		}
	}
	if len(r.Prose) > 0 {
		section("ページの文章", "Text of the pages", len(r.Prose))
		for _, c := range r.Prose {
			if len(c.Pages) == 1 {
				fmt.Fprintf(w, "  [%s] %s  %s\n", c.Lang, SitePath(c.Pages[0].Path), c.Pages[0].Title)
			} else {
				fmt.Fprintf(w, "  [%s] %d ページ / %d pages: %s\n", c.Lang, len(c.Pages), len(c.Pages), pageList(c.Pages, maxPages))
			}
			if c.After != "" {
				fmt.Fprintf(w, "      （次の後 / after）%s\n", c.After)
			}
			for _, l := range c.Removed {
				fmt.Fprintf(w, "    - %s\n", l)
			}
			for _, l := range c.Added {
				fmt.Fprintf(w, "    + %s\n", l)
			}
		}
	}
}

// writeProcs writes the differences of each procedure; with pages, it
// names the pages that show them.
func (r *Report) writeProcs(w io.Writer, pages bool) {
	for _, p := range r.Procs {
		var names []string
		for _, w := range r.Words {
			names = append(names, w.F("city_proc", "city", p.CityName.In(w.Lang()), "proc", p.Title.In(w.Lang())))
		}
		fmt.Fprintf(w, "\n== %s\n", strings.Join(names, " / "))
		if pages && len(p.Pages) > 0 {
			fmt.Fprintf(w, "  ページ / pages: %s\n", pageList(p.Pages, maxPages))
		}
		switch p.Status {
		case "added":
			fmt.Fprintln(w, "  + 新しい手続き / new procedure")
			continue
		case "removed":
			fmt.Fprintln(w, "  - 廃止される手続き / procedure removed")
			continue
		}
		if len(p.Where) > 0 {
			fmt.Fprintln(w, "  場所・受付時間・手数料 / Where, when and fee:")
			for _, l := range p.Where {
				r.writeLine(w, l)
			}
		}
		for _, c := range p.Cases {
			for i, a := range r.inOrder(r.AnswersText(c.Answers)) {
				if i == 0 {
					fmt.Fprintf(w, "  回答 / Answers: %s\n", a.Text)
				} else {
					fmt.Fprintf(w, "                  %s\n", a.Text)
				}
			}
			for _, l := range c.Lines {
				r.writeLine(w, l)
			}
		}
	}
}

// writeLine writes one difference: its text in the first language after
// the operation, each other language below it.
func (r *Report) writeLine(w io.Writer, l Line) {
	for i, t := range r.inOrder(l.Text) {
		if i == 0 {
			fmt.Fprintf(w, "    %s %s\n", l.Op, t.Text)
		} else {
			fmt.Fprintf(w, "      %s\n", t.Text)
		}
	}
}

// The JSON form, for a CI step: plain values, texts as an object with one
// member per language code ({"ja": …, "en": …}).

type jsonText = decide.Text

func jt(t decide.Text) jsonText { return t }

type jsonLine struct {
	Op   string   `json:"op"`
	Text jsonText `json:"text"`
}

type jsonCase struct {
	Answers jsonText   `json:"answers"`
	Lines   []jsonLine `json:"lines"`
}

type jsonProc struct {
	City      string     `json:"city"`
	Procedure string     `json:"procedure"`
	CityName  jsonText   `json:"city_name"`
	Title     jsonText   `json:"title"`
	Status    string     `json:"status,omitempty"`
	Where     []jsonLine `json:"where,omitempty"`
	Cases     []jsonCase `json:"cases,omitempty"`
	Pages     []PageRef  `json:"pages"`
}

type jsonAnnouncement struct {
	Op    string    `json:"op"`
	Date  string    `json:"date"`
	Where jsonText  `json:"where"`
	What  jsonText  `json:"what"`
	Pages []PageRef `json:"pages"`
}

// JSONReview is the review as JSON.
type JSONReview struct {
	From      string             `json:"from"`
	To        string             `json:"to"`
	Changed   bool               `json:"changed"`
	Added     []PageRef          `json:"pages_added"`
	Removed   []PageRef          `json:"pages_removed"`
	Announced []jsonAnnouncement `json:"announcements"`
	Rules     []jsonProc         `json:"rules"`
	UI        []UIChange         `json:"ui_strings"`
	Text      []TextChange       `json:"text"`
}

func lines(ls []Line) []jsonLine {
	out := []jsonLine{}
	for _, l := range ls {
		out = append(out, jsonLine{l.Op, jt(l.Text)})
	}
	return out
}

// JSONValue returns the review as plain values for encoding/json.
func (r *Review) JSONValue() JSONReview {
	j := JSONReview{From: r.From, To: r.To, Changed: !r.Empty(), Added: r.Added, Removed: r.Removed,
		Announced: []jsonAnnouncement{}, Rules: []jsonProc{}, UI: r.UI, Text: r.Prose}
	for _, a := range r.Announced {
		where, what := make(decide.Text, 0, len(r.Languages)), make(decide.Text, 0, len(r.Languages))
		for _, l := range r.Languages {
			where, what = where.With(l.Code, a.WhereIn(l.Code)), what.With(l.Code, a.WhatIn(l.Code))
		}
		j.Announced = append(j.Announced, jsonAnnouncement{a.Op, a.Date.String(), where, what, a.Pages})
	}
	if r.Rules != nil {
		for _, p := range r.Rules.Procs {
			jp := jsonProc{City: p.City, Procedure: p.ID, CityName: jt(p.CityName), Title: jt(p.Title), Status: p.Status, Where: lines(p.Where), Pages: p.Pages}
			for _, c := range p.Cases {
				jp.Cases = append(jp.Cases, jsonCase{r.Rules.AnswersText(c.Answers), lines(c.Lines)})
			}
			j.Rules = append(j.Rules, jp)
		}
	}
	for _, s := range []*[]PageRef{&j.Added, &j.Removed} {
		if *s == nil {
			*s = []PageRef{}
		}
	}
	if j.UI == nil {
		j.UI = []UIChange{}
	}
	if j.Text == nil {
		j.Text = []TextChange{}
	}
	return j
}

// JSON writes the review as indented JSON.
func (r *Review) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.JSONValue())
}

var reviewPage = template.Must(template.New("review").Funcs(template.FuncMap{
	"path": SitePath,
	"line": func(langs []config.Language, l Line) struct {
		Langs []config.Language
		L     Line
	} {
		return struct {
			Langs []config.Language
			L     Line
		}{langs, l}
	},
	"htmlLang": func(langs []config.Language, code string) string {
		for _, l := range langs {
			if l.Code == code {
				return l.HTMLLang
			}
		}
		return code
	},
	"opclass": func(op string) string {
		switch op {
		case "+":
			return "op-add"
		case "-":
			return "op-del"
		}
		return "op-chg"
	},
}).Parse(`<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>住民向けの変更 / Changes for residents: {{.From}} → {{.To}}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.6;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h2{border-bottom:2px solid #0b5cad;font-size:1.25rem;margin-top:2rem}
h3{font-size:1.05rem}
.op-add{color:#1d6b2f}.op-del{color:#a00}.op-chg{color:#8a4b00}
li{margin:.3rem 0}.en{color:#444;display:block}.l{display:block}.l+.l{color:#444}
.answers{background:#eef4fb;padding:.3rem .6rem;border-radius:4px}
.pages{font-size:.9rem;color:#333}
del{background:#fde8e8;text-decoration:none;display:block;padding:.1rem .4rem}
ins{background:#e6f4ea;text-decoration:none;display:block;padding:.1rem .4rem}
del::before{content:"− "}ins::before{content:"+ "}
.after{color:#555;font-size:.9rem}
</style>
</head>
<body>
<h1>住民向けの変更 <span lang="en">/ Changes for residents</span></h1>
<p>{{.From}} → {{.To}}</p>
{{if .Empty}}<p>変更はありません。<span lang="en" class="en">Nothing changes for residents.</span></p>{{end}}
{{if or .Added .Removed}}<h2>ページの追加・削除 <span lang="en" class="en">Pages added or removed</span></h2>
<ul>{{range .Added}}<li class="op-add">追加 <span lang="en">(added)</span>: {{path .Path}} {{.Title}}</li>{{end}}
{{range .Removed}}<li class="op-del">削除 <span lang="en">(removed)</span>: {{path .Path}} {{.Title}}</li>{{end}}</ul>{{end}}
{{with .Announced}}<h2>変更の予告 <span lang="en" class="en">Announcements of scheduled changes</span></h2>
<ul>{{range .}}<li class="{{opclass .Op}}">{{if eq .Op "+"}}新しく予告 <span lang="en">(newly announced)</span>{{else}}予告がなくなる <span lang="en">(no longer announced)</span>{{end}}: {{.Date}}{{$a := .}}{{range $.Languages}}<span lang="{{.HTMLLang}}" class="l">{{$a.WhereIn .Code}}: {{$a.WhatIn .Code}}</span>{{end}}{{template "pages" .Pages}}</li>{{end}}</ul>{{end}}
{{if .Rules}}{{if not .Rules.Empty}}<h2>手続きの結果 <span lang="en" class="en">Outcomes, for every combination of answers</span></h2>
{{$rep := .Rules}}{{$langs := .Languages}}{{range .Rules.Procs}}<section>{{$p := .}}
<h3>{{range $langs}}<span lang="{{.HTMLLang}}" class="l">{{$rep.ProcName $p .Code}}</span>{{end}}</h3>
{{template "pages" .Pages}}
{{if eq .Status "added"}}<p class="op-add">＋ 新しい手続き <span lang="en" class="en">New procedure</span></p>{{end}}
{{if eq .Status "removed"}}<p class="op-del">－ 廃止される手続き <span lang="en" class="en">Procedure removed</span></p>{{end}}
{{with .Where}}<h4>場所・受付時間・手数料 <span lang="en" class="en">Where, when and fee</span></h4>
<ul>{{range .}}{{template "line" (line $langs .)}}{{end}}</ul>{{end}}
{{range .Cases}}{{$t := $rep.AnswersText .Answers}}<h4 class="answers">{{range $langs}}<span lang="{{.HTMLLang}}" class="l">{{$t.In .Code}}</span>{{end}}</h4>
<ul>{{range .Lines}}{{template "line" (line $langs .)}}{{end}}</ul>{{end}}
</section>{{end}}{{end}}{{end}}
{{with .UI}}<h2>テーマの画面の文言 <span lang="en" class="en">UI strings of the theme</span></h2>
<ul>{{range .}}<li class="{{opclass .Op}}"><code>{{.Lang}} {{.Key}}</code>{{if ne .Op "+"}}<del>{{.Old}}</del>{{end}}{{if ne .Op "-"}}<ins>{{.New}}</ins>{{end}}{{template "pages" .Pages}}</li>{{end}}</ul>{{end}}
{{with .Prose}}<h2>ページの文章 <span lang="en" class="en">Text of the pages</span></h2>
{{range .}}<section lang="{{htmlLang $.Languages .Lang}}">
<h3><code>{{.Lang}}</code> {{if eq (len .Pages) 1}}{{(index .Pages 0).Title}} <small>{{path (index .Pages 0).Path}}</small>{{else}}{{len .Pages}} ページ <span lang="en">({{len .Pages}} pages)</span>{{end}}</h3>
{{if gt (len .Pages) 1}}{{template "pages" .Pages}}{{end}}
{{with .After}}<p class="after">（次の後 <span lang="en">/ after</span>）{{.}}</p>{{end}}
{{range .Removed}}<del>{{.}}</del>{{end}}{{range .Added}}<ins>{{.}}</ins>{{end}}
</section>{{end}}{{end}}
</body>
</html>
{{define "line"}}<li class="{{opclass .L.Op}}">{{if eq .L.Op "+"}}追加 <span lang="en">(added)</span>{{else if eq .L.Op "-"}}削除 <span lang="en">(removed)</span>{{else}}変更 <span lang="en">(changed)</span>{{end}}:{{$l := .L}}{{range .Langs}}<span lang="{{.HTMLLang}}" class="l">{{$l.Text.In .Code}}</span>{{end}}</li>{{end}}
{{define "pages"}}<details class="pages"><summary>ページ <span lang="en">/ pages</span> ({{len .}})</summary><ul>{{range .}}<li>{{path .Path}} {{.Title}}</li>{{end}}</ul></details>{{end}}
`))

// HTML writes the review as a self-contained page (no external asset, no
// script) for staff to read or share.
func (r *Review) HTML(w io.Writer) error { return reviewPage.Execute(w, r) }
