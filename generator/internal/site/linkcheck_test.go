package site_test

import (
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	tdhtml "github.com/tdewolff/parse/v2/html"

	"github.com/tebiki/tebiki/generator/internal/config"
)

// The link check reads every page of a built site with an HTML5 tokenizer
// (github.com/tdewolff/parse/v2/html, already a dependency of the minifier)
// and checks that the site works from any folder and from disk: every link
// and asset is relative and exists, fragments name an id of their target,
// nothing loads from another host, and each page has its language, its
// alternates and a language switch to its counterpart.

// htmlDoc is what the link check needs of a page.
type htmlDoc struct {
	lang       string
	ids        map[string]int // id -> how many elements have it
	refs       []htmlRef
	alternates map[string][]string // hreflang -> hrefs of <link rel=alternate>
	switches   []htmlRef           // <a hreflang=...> with their text
}

// htmlRef is a URL in an attribute.
type htmlRef struct {
	tag, attr, val string
	hreflang       string
	text           string // for <a>: the text inside
}

func parseHTML(b []byte) (*htmlDoc, error) {
	d := &htmlDoc{ids: map[string]int{}, alternates: map[string][]string{}}
	l := tdhtml.NewLexer(parse.NewInputBytes(b))
	var tag string
	var attrs map[string]string
	openA := -1 // index in d.refs of the <a> whose text is being read
	var aText strings.Builder
	for {
		tt, data := l.Next()
		switch tt {
		case tdhtml.ErrorToken:
			if l.Err() != io.EOF {
				return nil, l.Err()
			}
			for _, r := range d.refs {
				if r.tag == "a" && r.hreflang != "" {
					d.switches = append(d.switches, r)
				}
			}
			return d, nil
		case tdhtml.StartTagToken:
			tag, attrs = strings.ToLower(string(l.Text())), map[string]string{}
		case tdhtml.AttributeToken:
			v := l.AttrVal()
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			}
			attrs[strings.ToLower(string(l.AttrKey()))] = html.UnescapeString(string(v))
		case tdhtml.StartTagCloseToken, tdhtml.StartTagVoidToken:
			d.element(tag, attrs)
			if tag == "a" {
				openA = len(d.refs) - 1
				aText.Reset()
			}
		case tdhtml.TextToken:
			if openA >= 0 {
				aText.WriteString(html.UnescapeString(string(data)))
			}
		case tdhtml.EndTagToken:
			if strings.EqualFold(string(l.Text()), "a") && openA >= 0 {
				d.refs[openA].text = strings.TrimSpace(aText.String())
				openA = -1
			}
		}
	}
}

// element records the start tag of an element.
func (d *htmlDoc) element(tag string, attrs map[string]string) {
	switch tag {
	case "html":
		if d.lang == "" {
			d.lang = attrs["lang"]
		}
	case "link":
		if attrs["rel"] == "alternate" {
			d.alternates[attrs["hreflang"]] = append(d.alternates[attrs["hreflang"]], attrs["href"])
		}
	}
	if id, ok := attrs["id"]; ok {
		d.ids[id]++
	}
	if name, ok := attrs["name"]; ok && tag == "a" {
		d.ids[name]++
	}
	for _, a := range []string{"href", "src", "action", "formaction", "poster", "data", "srcset"} {
		v, ok := attrs[a]
		if !ok {
			continue
		}
		r := htmlRef{tag: tag, attr: a, val: v, hreflang: attrs["hreflang"]}
		if tag == "link" && attrs["rel"] != "alternate" {
			r.tag = "link rel=" + attrs["rel"] // a stylesheet, an icon: loaded
		}
		d.refs = append(d.refs, r)
	}
	// Scripts read asset paths from data attributes (the checker's
	// data-wasm, data-exec): those must resolve like any other.
	for _, k := range sortedNames(attrs) {
		v := attrs[k]
		if !strings.HasPrefix(k, "data-") {
			continue
		}
		switch path.Ext(strings.SplitN(strings.SplitN(v, "#", 2)[0], "?", 2)[0]) {
		case ".js", ".mjs", ".css", ".wasm", ".json", ".png", ".svg", ".woff2", ".html":
			d.refs = append(d.refs, htmlRef{tag: tag, attr: k, val: v})
		}
	}
}

// linkLang is a language of the site as its pages show it: the folder of its
// pages, what alternates and the switch call it, and its HTML lang.
type linkLang struct{ dir, hreflang, htmlLang string }

// jaEn are the languages of a site with the default settings.
var jaEn = []linkLang{{"ja", "ja", "ja"}, {"en", "en", "en"}}

// siteLangs are the languages of the site in fsys (tebiki.yaml).
func siteLangs(fsys fs.FS) []linkLang {
	var out []linkLang
	for _, l := range config.LanguagesOf(fsys) {
		out = append(out, linkLang{l.Path, l.Hreflang, l.HTMLLang})
	}
	return out
}

// pageLang is the language a page must be in: its top folder, or the first
// language for the root page.
func pageLang(p string, langs []linkLang) linkLang {
	if first, _, ok := strings.Cut(p, "/"); ok {
		for _, l := range langs {
			if l.dir == first {
				return l
			}
		}
	}
	return langs[0]
}

// counterpart returns the page's path in lang, or "" for the root page.
func counterpart(p string, lang linkLang, langs []linkLang) string {
	first, rest, ok := strings.Cut(p, "/")
	if !ok {
		return ""
	}
	for _, l := range langs {
		if l.dir == first {
			return lang.dir + "/" + rest
		}
	}
	return ""
}

// remoteCSS finds url() and @import of another site in a stylesheet.
var remoteCSS = regexp.MustCompile(`(?i)(url\(\s*['"]?|@import\s+['"])(https?:)?//`)

// checkSite runs the link check over a built site in Japanese and English.
func checkSite(files map[string][]byte) []string { return checkSiteLangs(files, jaEn) }

// checkSiteLangs runs the link check over a built site in langs and returns
// every problem.
func checkSiteLangs(files map[string][]byte, langs []linkLang) []string {
	var problems []string
	bad := func(page, format string, args ...any) {
		problems = append(problems, page+": "+fmt.Sprintf(format, args...))
	}
	for _, name := range sortedNames(files) {
		if path.Ext(name) == ".css" && remoteCSS.Match(files[name]) {
			bad(name, "loads from another site: %s", remoteCSS.Find(files[name]))
		}
	}
	docs := map[string]*htmlDoc{}
	for _, p := range htmlPages(files) {
		d, err := parseHTML(files[p])
		if err != nil {
			bad(p, "cannot tokenize: %v", err)
			continue
		}
		docs[p] = d
	}
	// resolve turns a relative reference on page p into a path from the root.
	resolve := func(p string, r htmlRef) (target, frag string, ok bool) {
		v := strings.TrimSpace(r.val)
		if v == "" {
			bad(p, "<%s %s> is empty", r.tag, r.attr)
			return "", "", false
		}
		u, err := url.Parse(v)
		if err != nil {
			bad(p, "<%s %s=%q> is not a URL: %v", r.tag, r.attr, v, err)
			return "", "", false
		}
		switch {
		case u.Scheme == "data":
			// inline data (the empty favicon) loads nothing from anywhere
			return "", "", false
		case u.Scheme != "":
			if r.tag != "a" {
				bad(p, "<%s %s=%q> loads from another site", r.tag, r.attr, v)
			} else if s := u.Scheme; s != "http" && s != "https" && s != "mailto" && s != "tel" {
				bad(p, "<a href=%q> uses the scheme %q", v, s)
			}
			return "", "", false
		case strings.HasPrefix(v, "//"):
			bad(p, "<%s %s=%q> is protocol-relative: it loads from another site", r.tag, r.attr, v)
			return "", "", false
		case strings.HasPrefix(u.Path, "/"):
			bad(p, "<%s %s=%q> is an absolute path: the site must work from any folder", r.tag, r.attr, v)
			return "", "", false
		case u.Path == "":
			return p, u.Fragment, true
		case strings.HasSuffix(u.Path, "/"):
			bad(p, "<%s %s=%q> names a folder; from disk it must name index.html", r.tag, r.attr, v)
			return "", "", false
		}
		target = path.Join(path.Dir(p), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			bad(p, "<%s %s=%q> leaves the site", r.tag, r.attr, v)
			return "", "", false
		}
		if _, exists := files[target]; !exists {
			bad(p, "<%s %s=%q>: %s does not exist", r.tag, r.attr, v, target)
			return "", "", false
		}
		return target, u.Fragment, true
	}
	for _, p := range htmlPages(files) {
		d := docs[p]
		if d == nil {
			continue
		}
		lang := pageLang(p, langs)
		if d.lang != lang.htmlLang {
			bad(p, "<html lang=%q>; want %q", d.lang, lang.htmlLang)
		}
		for id, n := range d.ids {
			if n > 1 {
				bad(p, "id %q is used by %d elements", id, n)
			}
		}
		for _, r := range d.refs {
			target, frag, ok := resolve(p, r)
			if !ok || frag == "" {
				continue
			}
			td := docs[target]
			if td == nil {
				bad(p, "<%s %s=%q>: a fragment into %s, which is not a page", r.tag, r.attr, r.val, target)
			} else if td.ids[frag] == 0 {
				bad(p, "<%s %s=%q>: %s has no id %q", r.tag, r.attr, r.val, target, frag)
			}
		}
		// Alternates: one per language, each to the page in that language.
		for _, other := range langs {
			hrefs := d.alternates[other.hreflang]
			if len(hrefs) != 1 {
				bad(p, "%d <link rel=alternate hreflang=%s>; want 1", len(hrefs), other.hreflang)
				continue
			}
			target, _, ok := resolve(p, htmlRef{tag: "link", attr: "href", val: hrefs[0]})
			if !ok {
				continue
			}
			want := counterpart(p, other, langs)
			if want == "" { // the root page: its alternates are the top pages
				want = other.dir + "/index.html"
			}
			if target != want {
				bad(p, "<link rel=alternate hreflang=%s> goes to %s; want %s", other.hreflang, target, want)
			}
			if td := docs[target]; td != nil && td.lang != other.htmlLang {
				bad(p, "<link rel=alternate hreflang=%s> goes to a page in %q", other.hreflang, td.lang)
			}
		}
		if len(d.alternates) != len(langs) {
			bad(p, "alternates for %d languages; want %d", len(d.alternates), len(langs))
		}
		// A visible switch to the same page in the other language.
		for _, other := range langs {
			if other == lang {
				continue
			}
			want := counterpart(p, other, langs)
			if want == "" {
				want = other.dir + "/index.html"
			}
			found := false
			for _, s := range d.switches {
				if s.hreflang != other.hreflang || s.text == "" {
					continue
				}
				u, err := url.Parse(s.val)
				if err == nil && u.Scheme == "" && path.Join(path.Dir(p), u.Path) == want {
					found = true
				}
			}
			if !found {
				bad(p, "no visible <a hreflang=%s> link to %s", other.hreflang, want)
			}
		}
		// Every page exists in every language.
		for _, other := range langs {
			if c := counterpart(p, other, langs); c != "" {
				if _, ok := files[c]; !ok {
					bad(p, "has no counterpart %s", c)
				}
			}
		}
	}
	return problems
}

// reachable returns the pages that can be reached from index.html by
// following links.
func reachable(files map[string][]byte) map[string]bool {
	seen := map[string]bool{}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		d, err := parseHTML(files[p])
		if err != nil {
			continue
		}
		for _, r := range d.refs {
			u, err := url.Parse(r.val)
			if err != nil || u.Scheme != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
				continue
			}
			t := path.Join(path.Dir(p), u.Path)
			if _, ok := files[t]; ok && path.Ext(t) == ".html" && !seen[t] {
				queue = append(queue, t)
			}
		}
	}
	return seen
}

func TestLinksSampleSite(t *testing.T) {
	out, _ := buildSample(t)
	files := readTree(t, out)
	pages := htmlPages(files)
	if len(pages) < 15 {
		t.Fatalf("the sample site has only %d pages", len(pages))
	}
	for _, p := range checkSiteLangs(files, siteLangs(repoFS(t))) {
		t.Error(p)
	}
	// Every page for residents can be reached from the top; staff pages
	// (CITY/PROC/staff/) are left unlinked on purpose.
	seen := reachable(files)
	for _, p := range pages {
		if !seen[p] && !strings.Contains(p, "/staff/") {
			t.Errorf("%s cannot be reached by following links from index.html", p)
		}
	}
	// Every asset of the site is used by some page.
	used := map[string]bool{}
	for _, p := range pages {
		d, err := parseHTML(files[p])
		if err != nil {
			continue
		}
		for _, r := range d.refs {
			if u, err := url.Parse(r.val); err == nil && u.Scheme == "" && u.Path != "" {
				used[path.Join(path.Dir(p), u.Path)] = true
			}
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "assets/") && !used[name] {
			t.Errorf("%s is not used by any page", name)
		}
	}
}

func TestLinksFixtureSites(t *testing.T) {
	for _, name := range goldenFixtures {
		t.Run(name, func(t *testing.T) {
			out, _ := buildSite(t, loadFixture(t, name), "t")
			for _, p := range checkSite(readTree(t, out)) {
				t.Error(p)
			}
		})
	}
}

// The link check itself must catch what it is there for.
func TestLinkCheckFindsProblems(t *testing.T) {
	page := func(lang, body string) []byte {
		return []byte(`<!doctype html><html lang="` + lang + `"><head>` + body)
	}
	good := `<link rel="alternate" hreflang="ja" href="../ja/x.html"><link rel="alternate" hreflang="en" href="x.html"></head><body><a href="../ja/x.html" hreflang="ja">日本語</a>`
	goodJa := `<link rel="alternate" hreflang="ja" href="x.html"><link rel="alternate" hreflang="en" href="../en/x.html"></head><body><a href="../en/x.html" hreflang="en">English</a>`
	cases := []struct {
		name, body, want string
	}{
		{"clean", good + `<a href="#top" id="top">top</a><a href="https://example.jp/">ok</a><a href="tel:000">tel</a>`, ""},
		{"missing file", good + `<a href="nope.html">x</a>`, "en/x.html: <a href=\"nope.html\">: en/nope.html does not exist"},
		{"absolute", good + `<a href="/en/x.html">x</a>`, "is an absolute path"},
		{"folder", good + `<a href="../ja/">x</a>`, "names a folder"},
		{"leaves the site", good + `<a href="../../x.html">x</a>`, "leaves the site"},
		{"remote script", good + `<script src="https://cdn.example/x.js"></script>`, "<script src=\"https://cdn.example/x.js\"> loads from another site"},
		{"data attribute", good + `<div data-wasm="../assets/x.wasm"></div>`, "<div data-wasm=\"../assets/x.wasm\">: assets/x.wasm does not exist"},
		{"remote stylesheet", good + `<link rel="stylesheet" href="http://cdn.example/x.css">`, "loads from another site"},
		{"protocol-relative img", good + `<img src="//cdn.example/x.png">`, "protocol-relative"},
		{"javascript", good + `<a href="javascript:alert(1)">x</a>`, `uses the scheme "javascript"`},
		{"bad fragment", good + `<a href="../ja/x.html#nope">x</a>`, `ja/x.html has no id "nope"`},
		{"escaped fragment", good + `<a href="#%E5%A0%B4%E6%89%80">x</a><h2 id="場所">場所</h2>`, ""},
		{"duplicate id", good + `<p id="a"></p><p id="a"></p>`, `id "a" is used by 2 elements`},
		{"no switch", strings.Replace(good, `hreflang="ja">日本語</a>`, `>日本語</a>`, 1), "no visible <a hreflang=ja>"},
		{"empty switch", strings.Replace(good, `日本語</a>`, `</a>`, 1), "no visible <a hreflang=ja>"},
		{"no alternate", strings.Replace(good, `<link rel="alternate" hreflang="ja" href="../ja/x.html">`, "", 1), "0 <link rel=alternate hreflang=ja>; want 1"},
		{"wrong alternate", strings.Replace(good, `hreflang="ja" href="../ja/x.html"`, `hreflang="ja" href="x.html"`, 1), "<link rel=alternate hreflang=ja> goes to en/x.html; want ja/x.html"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string][]byte{
				"en/x.html": page("en", c.body),
				"ja/x.html": page("ja", goodJa+`<p id="top"></p>`),
			}
			got := strings.Join(checkSite(files), "\n")
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, c.want)
			}
		})
	}
	t.Run("wrong lang and no counterpart", func(t *testing.T) {
		files := map[string][]byte{"en/x.html": page("ja", good)}
		got := strings.Join(checkSite(files), "\n")
		for _, want := range []string{`<html lang="ja">; want "en"`, "has no counterpart ja/x.html"} {
			if !strings.Contains(got, want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, want)
			}
		}
	})
	t.Run("remote font in CSS", func(t *testing.T) {
		files := map[string][]byte{"assets/a.css": []byte(`body{background:url("https://cdn.example/x.png")}`)}
		if got := strings.Join(checkSite(files), "\n"); !strings.Contains(got, "assets/a.css: loads from another site") {
			t.Errorf("problems:\n%s", got)
		}
	})
}
