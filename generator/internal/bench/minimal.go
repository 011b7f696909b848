package bench

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// The Tebiki side of the equal-output comparison: a theme that writes what
// the Hugo theme in hugo.go writes (the same page skeleton, the page's
// Markdown, the list of child pages on list pages) and nothing rule-driven
// (no offices, documents, checker or schedule). With it, Tebiki's
// -content-only build and Hugo's build produce pages of about the same
// bytes, so their ratio measures the generators rather than the themes; the
// bench reports the bytes of both.

// MinimalTheme is the name of the theme WriteMinimalTheme writes.
const MinimalTheme = "bench-minimal"

const minimalBase = `{{define "base"}}<!DOCTYPE html>
<html lang="{{.Language.HTMLLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{block "title" .}}{{.Title}} | {{T .Lang "site.name"}}{{end}}</title>
{{with .Content}}{{if .Description}}<meta name="description" content="{{.Description}}">{{end}}{{end}}
<link rel="stylesheet" href="{{.Asset "style.css"}}">
{{range .Languages}}<link rel="alternate" hreflang="{{.Hreflang}}" href="{{$.AltHref .Code}}">
{{end}}</head>
<body>
<a class="skip" href="#main">{{T .Lang "nav.skip"}}</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="{{.Home}}">{{T .Lang "site.name"}}</a>
<nav class="lang-switch" aria-label="{{T .Lang "nav.language"}}">
{{range .Languages}}<a href="{{$.SwitchHref .Code}}" hreflang="{{.Hreflang}}" lang="{{.HTMLLang}}">{{.Name}}</a>{{end}}
</nav>
</div>
</header>
{{block "crumbs" .}}{{end}}
<main id="main" class="wrap">
{{template "main" .}}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{T .Lang "footer.note"}}</p>
</div>
</footer>
</body>
</html>
{{end}}
`

const minimalPartials = `{{define "crumbs-list"}}<nav class="crumbs wrap" aria-label="{{T .Lang "nav.crumbs"}}"><ol>
<li><a href="{{.Home}}">{{T .Lang "nav.home"}}</a></li>
{{if .City}}{{if .Proc}}<li><a href="{{.CityHref .City}}">{{.Tx .City.Name}}</a></li>{{end}}{{end}}
<li aria-current="page">{{.Title}}</li>
</ol></nav>{{end}}
`

const minimalSingle = `{{define "crumbs"}}{{template "crumbs-list" .}}{{end}}
{{define "main"}}
<article class="guide">
<h1>{{.Title}}</h1>
{{with .Content}}{{if .Description}}<p class="lead">{{.Description}}</p>{{end}}{{end}}
{{.Body}}
</article>
{{end}}
`

const minimalHome = `{{define "main"}}
<article>
<h1>{{.Title}}</h1>
{{.Body}}
<ul class="cards">
{{range .Cities}}<li><a href="{{$.CityHref .}}"><strong>{{$.Tx .Name}}</strong></a></li>
{{end}}</ul>
</article>
{{end}}
`

const minimalCity = `{{define "crumbs"}}{{template "crumbs-list" .}}{{end}}
{{define "main"}}
<article>
<h1>{{.Title}}</h1>
{{.Body}}
<ul class="cards">
{{range .City.Procedures}}<li><a href="{{$.GuideHref .}}"><strong>{{$.Tx .Kind.Title}}</strong></a><p>{{$.Tx .Kind.Summary}}</p></li>
{{end}}</ul>
</article>
{{end}}
`

// Hugo's root page (defaultContentLanguageInSubdir) is a redirect to the
// default language; this one is a page of the same size.
const minimalRoot = `{{define "title"}}{{T "ja" "site.name"}}{{end}}
{{define "main"}}<p><a href="{{.LangHref "ja" ""}}">{{T "ja" "root.enter"}}</a></p>{{end}}
`

// WriteMinimalTheme writes the equal-output theme into the project at dir,
// with the default theme's UI strings and stylesheet.
func WriteMinimalTheme(dir string) error {
	def := filepath.Join(dir, "themes", "default")
	theme := filepath.Join(dir, "themes", MinimalTheme)
	files := map[string][]byte{
		filepath.Join(theme, "layouts", "base.html"):     []byte(minimalBase),
		filepath.Join(theme, "layouts", "partials.html"): []byte(minimalPartials),
		filepath.Join(theme, "layouts", "root.html"):     []byte(minimalRoot),
		filepath.Join(theme, "layouts", "home.html"):     []byte(minimalHome),
		filepath.Join(theme, "layouts", "city.html"):     []byte(minimalCity),
		filepath.Join(theme, "layouts", "guide.html"):    []byte(minimalSingle),
		filepath.Join(theme, "layouts", "page.html"):     []byte(minimalSingle),
	}
	for _, rel := range []string{"i18n/ja.yaml", "i18n/en.yaml", "assets/style.css"} {
		b, err := os.ReadFile(filepath.Join(def, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		files[filepath.Join(theme, filepath.FromSlash(rel))] = b
	}
	for _, f := range slices.Sorted(maps.Keys(files)) {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(f, files[f], 0o644); err != nil {
			return err
		}
	}
	return nil
}
