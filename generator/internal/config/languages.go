package config

import (
	"io/fs"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// Language is one language of the site, as tebiki.yaml lists it:
//
//	languages:
//	  - code: ja          # key of texts in rules/, suffix of content/X.ja.md, themes/NAME/i18n/ja.yaml
//	    name: 日本語       # its name in itself, shown in the language switch
//	    path: ja          # the folder of its pages
//	    html_lang: ja     # the lang attribute of its pages (BCP 47)
//	    hreflang: ja      # what alternate links call it (default: html_lang)
//	    dir: ltr          # ltr or rtl (default ltr)
//	    furigana: false   # readings (<ruby>) on kanji
//
// The first is the site's main language (the root page and the main-language
// text of staff reports).
type Language struct {
	Code     string   `yaml:"code,required"`
	Name     string   `yaml:"name,required"`
	Path     string   `yaml:"path"`
	HTMLLang string   `yaml:"html_lang,required"`
	Hreflang string   `yaml:"hreflang"`
	Dir      string   `yaml:"dir"`
	Furigana bool     `yaml:"furigana"`
	Pos      diag.Pos `yaml:"-"`
}

// DefaultLanguages are the languages of a site that lists none.
func DefaultLanguages() []Language {
	return []Language{
		{Code: "ja", Name: "日本語", Path: "ja", HTMLLang: "ja", Hreflang: "ja", Dir: "ltr"},
		{Code: "en", Name: "English", Path: "en", HTMLLang: "en", Hreflang: "en", Dir: "ltr"},
	}
}

// Codes lists the codes of the languages, in order.
func Codes(langs []Language) []string {
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = l.Code
	}
	return out
}

// Find returns the language with code, or nil.
func (c *Config) Find(code string) *Language {
	for i := range c.Languages {
		if c.Languages[i].Code == code {
			return &c.Languages[i]
		}
	}
	return nil
}

// Codes lists the codes of the site's languages, in order.
func (c *Config) Codes() []string { return Codes(c.Languages) }

var (
	codeRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	// langTagRe is the shape of a BCP 47 tag: language, then subtags of 1 to 8
	// letters or digits ("ja", "pt-BR", "zh-Hant", "ja-x-easy").
	langTagRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
)

// UnmarshalYAMLX reads the list of languages and checks each.
func (ls *Languages) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.Errs.AddHint(d.Pos(n), "list the languages, each with code, name, path and html_lang (see the comments in tebiki.yaml)", "expected a list of languages, found %s", yamlx.KindName(n))
		return
	}
	seen := map[string]diag.Pos{}
	paths := map[string]diag.Pos{}
	var out []Language
	for _, item := range n.Content {
		var l Language
		errs := d.Errs.Len()
		d.Decode(item, &l)
		if d.Errs.Len() > errs {
			continue
		}
		pos := d.Pos(item)
		l.Pos = pos
		if !codeRe.MatchString(l.Code) {
			d.Errs.AddHint(pos, "use lower-case letters and digits, such as ja, en or easy", "language code %q cannot name files", l.Code)
			continue
		}
		if first, dup := seen[l.Code]; dup {
			d.Errs.Add(pos, "language %q redeclared; first declared at %s", l.Code, first)
			continue
		}
		seen[l.Code] = pos
		if l.Path == "" {
			l.Path = l.Code
		}
		if !codeRe.MatchString(l.Path) {
			d.Errs.AddHint(pos, "use lower-case letters and digits, such as ja, en or easy", "language path %q cannot name a folder", l.Path)
			continue
		}
		if first, dup := paths[l.Path]; dup {
			d.Errs.Add(pos, "language path %q redeclared; first declared at %s", l.Path, first)
			continue
		}
		paths[l.Path] = pos
		if l.Hreflang == "" {
			l.Hreflang = l.HTMLLang
		}
		for _, tag := range []string{l.HTMLLang, l.Hreflang} {
			if !langTagRe.MatchString(tag) {
				d.Errs.AddHint(pos, "write a BCP 47 language tag, such as ja, en, pt-BR or ja-x-easy", "%q is not a language tag", tag)
			}
		}
		switch l.Dir {
		case "":
			l.Dir = "ltr"
		case "ltr", "rtl":
		default:
			d.Errs.AddHint(pos, "write ltr or rtl", "unknown text direction %q", l.Dir)
		}
		l.Name = strings.TrimSpace(l.Name)
		out = append(out, l)
	}
	*ls = out
}

// Languages is the list of the site's languages.
type Languages []Language

// LanguagesOf returns the languages of the site in fsys: those tebiki.yaml
// lists, or the defaults. Problems in the file are not reported here (Load
// reports them); the defaults stand in for a list that cannot be read.
func LanguagesOf(fsys fs.FS) []Language {
	return Load(fsys, &diag.List{}).Languages
}
