package bench

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// The Hugo side of the comparison: a configuration and a minimal theme that
// build the same Markdown (content/, NAME.ja.md and NAME.en.md as
// translations) into a page skeleton like Tebiki's: header with the site
// name and the language switch, the page, a footer, the stylesheet, relative
// URLs. Links between pages (renewal.md) are resolved and checked by a link
// render hook, as Tebiki does. Hugo has no rule-driven pages, so it is
// compared with Tebiki's -content-only build.

// HugoTheme is the name of the theme WriteHugo writes under themes/.
const HugoTheme = "hugo-bench"

const hugoConfig = `# Written by generator/internal/bench for the Tebiki/Hugo comparison.
baseURL = "/"
relativeURLs = true
theme = "` + HugoTheme + `"
title = "Tebiki"
defaultContentLanguage = "ja"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[languages.ja]
weight = 1
languageName = "日本語"
title = "マイナンバーカードの電子証明書の手続き案内"

[languages.en]
weight = 2
languageName = "English"
title = "Tebiki, guides to the My Number Card certificates"

[markup.goldmark.parser]
autoHeadingID = true
autoHeadingIDType = "github"

[markup.goldmark.renderer]
unsafe = false
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">
{{ end }}</head>
<body>
<a class="skip" href="#main">{{ if eq .Lang "ja" }}本文へ移動{{ else }}Skip to the main text{{ end }}</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav class="lang-switch" aria-label="Language">
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}" lang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</nav>
</div>
</header>
{{ if not .IsHome }}<nav class="crumbs wrap" aria-label="Breadcrumbs"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li aria-current="page">{{ .Title }}</li>
</ol></nav>{{ end }}
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{ if eq .Lang "ja" }}このサイトは市の公式ページの内容をまとめたものです。お出かけの前に、最新の情報を市に確認してください。{{ else }}This site restates the cities' official pages. Before you go, check the latest information with the city.{{ end }}</p>
</div>
</footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article class="guide">
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="cards">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}"><strong>{{ .Title }}</strong></a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
</article>
{{ end }}
`

// Links to NAME.md are resolved to the page in the same language, and a
// link to a missing page fails the build, as in Tebiki.
const hugoRenderLink = `{{- $href := .Destination -}}
{{- $u := urls.Parse .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- $p := path.Join .Page.File.Dir (strings.TrimSuffix ".md" $u.Path) -}}
{{- with .Page.GetPage (printf "/%s" $p) -}}{{- $href = .RelPermalink -}}{{- else -}}{{- errorf "%s: link to a page that does not exist: %s" $.Page.File.Path $.Destination -}}{{- end -}}
{{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /**/ -}}
`

// WriteHugo writes the Hugo configuration (hugo.toml) and the theme into
// the project at dir; the stylesheet is the default theme's.
func WriteHugo(dir string) error {
	css, err := os.ReadFile(filepath.Join(dir, "themes", "default", "assets", "style.css"))
	if err != nil {
		return err
	}
	theme := filepath.Join(dir, "themes", HugoTheme)
	files := map[string][]byte{
		filepath.Join(dir, "hugo.toml"):                                            []byte(hugoConfig),
		filepath.Join(theme, "layouts", "_default", "baseof.html"):                 []byte(hugoBaseof),
		filepath.Join(theme, "layouts", "_default", "single.html"):                 []byte(hugoSingle),
		filepath.Join(theme, "layouts", "_default", "list.html"):                   []byte(hugoList),
		filepath.Join(theme, "layouts", "_default", "_markup", "render-link.html"): []byte(hugoRenderLink),
		filepath.Join(theme, "static", "style.css"):                                css,
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
