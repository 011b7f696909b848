package diff

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

func answers(as []decide.Asked, lang string) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, rules.AnswerPhrase(lang, a.Question.Text.In(lang), a.Answer.Label.In(lang), false))
	}
	if len(parts) == 0 {
		if lang == "ja" {
			return "（質問なし）"
		}
		return "(no questions)"
	}
	sep := "; "
	if lang == "ja" {
		sep = "　"
	}
	return strings.Join(parts, sep)
}

// Text writes the report for the terminal: each line in Japanese, then English.
func (r *Report) Text(w io.Writer) {
	fmt.Fprintf(w, "住民向けの変更 / Changes for residents: %s → %s\n", r.From, r.To)
	if r.Empty() {
		fmt.Fprintln(w, "変更はありません / Nothing changes for residents.")
		return
	}
	r.writeProcs(w, false)
}

var page = template.Must(template.New("diff").Funcs(template.FuncMap{"answers": answers}).Parse(`<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>住民向けの変更 / Changes for residents: {{.From}} → {{.To}}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.6;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h2{border-bottom:2px solid #0b5cad;font-size:1.2rem}
.op-add{color:#1d6b2f}.op-del{color:#a00}.op-chg{color:#8a4b00}
li{margin:.3rem 0} .en{color:#444;display:block}
.answers{background:#eef4fb;padding:.3rem .6rem;border-radius:4px}
</style>
</head>
<body>
<h1>住民向けの変更 <span lang="en">/ Changes for residents</span></h1>
<p>{{.From}} → {{.To}}</p>
{{if .Empty}}<p>変更はありません。<span lang="en" class="en">Nothing changes for residents.</span></p>{{end}}
{{range .Procs}}
<section>
<h2>{{.CityName.Ja}} {{.Title.Ja}} <span lang="en" class="en">{{.CityName.En}}, {{.Title.En}}</span></h2>
{{if eq .Status "added"}}<p class="op-add">＋ 新しい手続き <span lang="en" class="en">New procedure</span></p>{{end}}
{{if eq .Status "removed"}}<p class="op-del">－ 廃止される手続き <span lang="en" class="en">Procedure removed</span></p>{{end}}
{{with .Where}}<h3>場所・受付時間・手数料 <span lang="en" class="en">Where, when and fee</span></h3>
<ul>{{range .}}{{template "line" .}}{{end}}</ul>{{end}}
{{range .Cases}}
<h3 class="answers">{{answers .Answers "ja"}} <span lang="en" class="en">{{answers .Answers "en"}}</span></h3>
<ul>{{range .Lines}}{{template "line" .}}{{end}}</ul>
{{end}}
</section>
{{end}}
</body>
</html>
{{define "line"}}<li class="{{if eq .Op "+"}}op-add{{else if eq .Op "-"}}op-del{{else}}op-chg{{end}}">{{if eq .Op "+"}}追加 <span lang="en">(added)</span>{{else if eq .Op "-"}}削除 <span lang="en">(removed)</span>{{else}}変更 <span lang="en">(changed)</span>{{end}}: {{.Text.Ja}}<span lang="en" class="en">{{.Text.En}}</span></li>{{end}}
`))

// HTML writes the report as a standalone page for staff.
func (r *Report) HTML(w io.Writer) error { return page.Execute(w, r) }
