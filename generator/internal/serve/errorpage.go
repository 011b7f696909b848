package serve

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// The preview's own pages (the problems of a failed build, a page not
// built) and their style and script are served from /__tebiki/: external
// files only, so they work under the strict Content-Security-Policy the site
// itself is held to.
const previewCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"

// reloadJS reloads the page after every rebuild, and at once when a
// rebuild happened between the page being served and the script starting
// (the page's version is older than the server's).
const reloadJS = `(function(){
var s=document.currentScript,v=s&&s.getAttribute("data-version");
var es=new EventSource("/__tebiki/events");
es.addEventListener("hello",function(e){if(v!==null&&e.data!==v)location.reload()});
es.addEventListener("reload",function(){location.reload()});
})();
`

const previewCSS = `#tebiki-build-error{position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;background:#fff3f3;color:#600;border-top:3px solid #c00;padding:1rem;font:14px/1.5 monospace;white-space:pre-wrap;z-index:99}
.tebiki-preview{font:16px/1.6 system-ui,sans-serif;color:#222;background:#fff;max-width:50rem;margin:0 auto;padding:1.5rem}
.tebiki-preview h1{color:#900;font-size:1.5rem}
.tebiki-preview ol{padding-left:1.5rem}
.tebiki-preview li{margin:0 0 1rem;padding:.5rem .75rem;border-left:4px solid #c00;background:#fff6f6}
.tebiki-preview .where{font-family:ui-monospace,monospace;font-weight:bold;overflow-wrap:anywhere}
.tebiki-preview .what,.tebiki-preview .todo{margin:.25rem 0}
.tebiki-preview .todo{color:#333}
.tebiki-preview .note{color:#555}
`

// pageText is the wording of the preview's pages in each language.
type pageText struct {
	Lang, Title, Lead, NotBuilt, Problems, What, Waiting, MissingTitle, MissingLead string
}

var pageTexts = map[string]pageText{
	"en": {
		Lang:         "en",
		Title:        "The site could not be built",
		Lead:         "Fix the problems below in your files and save them: this page reloads by itself when the site builds again.",
		NotBuilt:     "This page has not been built yet, or is not in the last version that built.",
		Problems:     "Problems",
		What:         "What to do:",
		Waiting:      "Waiting for your changes…",
		MissingTitle: "There is no page here",
		MissingLead:  "The site has no page at this address. If you are creating it, save its file: this page reloads by itself when the page exists.",
	},
	"ja": {
		Lang:         "ja",
		Title:        "サイトを作れませんでした",
		Lead:         "下の問題をファイルで直して保存してください。サイトが作り直されると、このページは自動で再読み込みされます。",
		NotBuilt:     "このページはまだ作られていないか、前回正しく作れた版にありません。",
		Problems:     "問題",
		What:         "直し方：",
		Waiting:      "変更を待っています…",
		MissingTitle: "このアドレスのページはありません",
		MissingLead:  "サイトにこのアドレスのページはありません。作成中なら、そのファイルを保存してください。ページができると、このページは自動で再読み込みされます。",
	},
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.T.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Problems}}{{.T.Title}}{{else}}{{.T.MissingTitle}}{{end}} – Tebiki</title>
<link rel="stylesheet" href="/__tebiki/preview.css">
</head>
<body class="tebiki-preview">
<main>
{{- if .Problems}}
<h1 id="tebiki-error-title">{{.T.Title}}</h1>
<p>{{.T.Lead}}</p>
{{- if .NotBuilt}}<p class="note">{{.T.NotBuilt}}</p>{{end}}
<h2>{{.T.Problems}} ({{len .Problems}})</h2>
<ol id="tebiki-problems">
{{- range .Problems}}
<li>{{if .Pos.File}}<p class="where">{{.Pos}}</p>{{end}}<p class="what">{{.Msg}}</p>{{if .Hint}}<p class="todo"><strong>{{$.T.What}}</strong> {{.Hint}}</p>{{end}}</li>
{{- end}}
</ol>
{{- else}}
<h1>{{.T.MissingTitle}}</h1>
<p>{{.T.MissingLead}}</p>
{{- end}}
<p class="note" aria-live="polite">{{.T.Waiting}}</p>
</main>
<script src="/__tebiki/reload.js" data-version="{{.Version}}"></script>
</body>
</html>
`))

// previewPage writes one of the preview's own pages: the problems of the
// last build (every one, with its position and what to do, in lang), or,
// when problems is empty, the page for an address with no page.
func previewPage(w http.ResponseWriter, lang string, problems []diag.Diagnostic, notBuilt bool, version int) {
	t, ok := pageTexts[lang]
	if !ok {
		t = pageTexts["en"]
	}
	type problem struct {
		Pos       diag.Pos
		Msg, Hint string
	}
	items := make([]problem, len(problems))
	for i, d := range problems {
		items[i] = problem{Pos: d.Pos, Msg: d.Msg.In(lang)}
		if !d.Hint.IsZero() {
			items[i].Hint = d.Hint.In(lang)
		}
	}
	var b bytes.Buffer
	err := pageTmpl.Execute(&b, struct {
		T        pageText
		Problems []problem
		NotBuilt bool
		Version  int
	}{t, items, notBuilt, version})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", previewCSP)
	if len(problems) > 0 {
		w.WriteHeader(http.StatusInternalServerError)
	} else {
		w.WriteHeader(http.StatusNotFound)
	}
	w.Write(b.Bytes())
}
