package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// textsByLang collects the texts of each language in a rule file: every
// string under a key that is one of codes.
func textsByLang(t *testing.T, src string, codes []string) map[string][]string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	var strs func(n *yaml.Node, lang string)
	strs = func(n *yaml.Node, lang string) {
		if n.Kind == yaml.ScalarNode {
			out[lang] = append(out[lang], n.Value)
		}
		for _, c := range n.Content {
			strs(c, lang)
		}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				for _, c := range codes {
					if n.Content[i].Value == c {
						strs(n.Content[i+1], c)
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return out
}

// A name given in a language that shares the old name with another (Sanda
// is 三田市 in Japanese and in Easy Japanese) reaches that language's texts
// only, in rules, rule tests and pages alike; every page's TODO paragraph
// is in Japanese when its language's html_lang is Japanese.
func TestNewCityNamesEveryLanguage(t *testing.T) {
	root := project(t)
	res, err := City(root, "kaku", "sanda", Names{"ja": "架空市", "en": "Kaku City", "easy": "かくう市"})
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{"ja", "en", "easy"}
	count := map[string]int{} // texts naming the new city, by language
	for _, f := range res.Files {
		src := read(t, root, f)
		texts := map[string][]string{}
		if lang := pageLang(f); strings.HasSuffix(f, ".md") {
			texts[lang] = []string{src}
			want := "\nTODO: rewrite this page (title, description and text) for Kaku.\n"
			if lang != "en" {
				want = "\nTODO：この市に合わせて、このページ（title、description、本文）を書き直してください。\n"
			}
			if !strings.Contains(src, want) {
				t.Errorf("%s: no TODO paragraph %q:\n%s", f, want, src)
			}
		} else {
			texts = textsByLang(t, src, codes)
		}
		for lang, ts := range texts {
			for _, s := range ts {
				var wrong []string
				switch lang {
				case "easy":
					wrong = []string{"三田", "架空", "TODO市", "Sanda"}
				case "ja":
					wrong = []string{"三田", "かくう", "TODO市"}
				case "en":
					wrong = []string{"三田", "かくう", "Sanda"}
				}
				for _, w := range wrong {
					if strings.Contains(s, w) {
						t.Errorf("%s: a text in %s names %q: %q", f, lang, w, s)
					}
				}
				if strings.Contains(s, map[string]string{"ja": "架空", "en": "Kaku", "easy": "かくう"}[lang]) {
					count[lang]++
				}
			}
		}
	}
	for _, lang := range codes {
		if count[lang] < 10 {
			t.Errorf("only %d texts in %s name the new city", count[lang], lang)
		}
	}
	city := read(t, root, "rules/kaku/city.yaml")
	if !strings.Contains(city, "name:\n  ja: 架空市\n  en: Kaku City (架空市)\n  easy: かくう市\n") || strings.Contains(city, "市の名前") {
		t.Errorf("the given names are not the city's, or are marked:\n%s", city[:300])
	}

	// Once the facts are filled in, the site builds: the Easy Japanese
	// rule tests expect what the Easy Japanese rules now say.
	for _, f := range res.Files {
		text := read(t, root, f)
		text = regexp.MustCompile(`(?m)^ *# TODO: .*\n`).ReplaceAllString(text, "")
		text = regexp.MustCompile(`(?m)^TODO[:：].*\n\n`).ReplaceAllString(text, "")
		os.WriteFile(filepath.Join(root, f), []byte(text), 0o644)
	}
	if got := problems(t, root); len(got) != 0 {
		t.Errorf("after the TODOs are filled in, problems remain: %v", got)
	}
}

func TestNewCityRefusesUnknownLanguage(t *testing.T) {
	root := project(t)
	_, err := City(root, "kaku", "sanda", Names{"ja": "架空市", "fr": "Kaku"})
	if err == nil || !strings.Contains(err.Error(), `"fr" is not a language of this site`) || !strings.Contains(err.Error(), "ja, en, easy") {
		t.Errorf("a name in a language the site lacks: %v", err)
	}
	for _, dir := range []string{"rules/kaku", "content/kaku"} {
		if _, err := os.Stat(filepath.Join(root, dir)); err == nil {
			t.Errorf("a refused scaffold wrote %s", dir)
		}
	}
}

// Which pages get the Japanese TODO paragraph follows the languages'
// html_lang in tebiki.yaml, not their codes.
func TestNewPageMarkFollowsHTMLLang(t *testing.T) {
	root := project(t)
	conf := read(t, root, "tebiki.yaml")
	conf = strings.Replace(conf, "{code: ja, name: 日本語, html_lang: ja}", "{code: ja, name: 日本語, html_lang: ja-JP}", 1)
	conf = strings.Replace(conf, "{code: en, name: English, html_lang: en}", "{code: en, name: English, html_lang: ja-x-en}", 1)
	if !strings.Contains(conf, "ja-JP") || !strings.Contains(conf, "ja-x-en") {
		t.Fatal("tebiki.yaml has changed: update this test")
	}
	os.WriteFile(filepath.Join(root, "tebiki.yaml"), []byte(conf), 0o644)
	res, err := Procedure(root, "sanda", "moving", "sanda", "renewal")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range res.Files {
		if strings.HasSuffix(f, ".md") {
			n++
			if !strings.Contains(read(t, root, f), "\nTODO：この市に合わせて") {
				t.Errorf("%s: no Japanese TODO paragraph, though its html_lang is Japanese", f)
			}
		}
	}
	if n != 3 {
		t.Errorf("wrote %d pages, want 3: %v", n, res.Files)
	}
}

// Each language's text, in any YAML style, gets that language's new name;
// what is outside any text (comments, IDs) gets the first language's.
func TestRenameYAMLByLanguage(t *testing.T) {
	codes := []string{"ja", "en", "easy"}
	old := Names{"ja": "三田市", "en": "Sanda City (三田市)", "easy": "三田市"}
	names, all := newNames("kaku", codes, old, Names{"ja": "架空", "easy": "かくう市"})
	if all || names["ja"] != "架空市" || names["en"] != "Kaku City (架空市)" || names["easy"] != "かくう市" {
		t.Fatalf("newNames: %v, all given %v", names, all)
	}
	src := `# 三田市 (sanda): Sanda's rules
name: {ja: 三田市, en: "Sanda City (三田市)", easy: 三田市}
notes:
  - easy: |
      三田市の
      三田駅
    ja: >-
      三田市役所
    en: [Sanda City Hall (三田市役所), sanda/renewal.md]
`
	want := `# 架空市 (kaku): Kaku's rules
name: {ja: 架空市, en: "Kaku City (架空市)", easy: かくう市}
notes:
  - easy: |
      かくう市の
      かくう駅
    ja: >-
      架空市役所
    en: [Kaku City Hall (架空市役所), kaku/renewal.md]
`
	if got := newRenamer("sanda", "kaku", codes, old, names).replaceYAML(src); got != want {
		t.Errorf("renamed:\n%s\nwant:\n%s", got, want)
	}
}
