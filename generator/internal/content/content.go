// Package content loads the Markdown pages under content/ and renders them
// to HTML with goldmark.
//
// A page is a file NAME.LANG.md: content/_index.ja.md is the top page in
// Japanese, content/sakuragawa/_index.en.md the English home page of a city,
// content/sakuragawa/renewal.ja.md the prose of a guide. Every page must exist
// in every language of the site. Front matter (between "---" lines) is YAML
// with the keys title, description and weight; unknown keys are errors.
//
// It owns content/ and the Markdown rendering. It must not import rules,
// theme or site: the build (package site) joins content to the rules.
package content

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
	"github.com/tebiki/tebiki/generator/internal/stray"
	"github.com/tebiki/tebiki/generator/internal/todo"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Front is a page's front matter.
type Front struct {
	Title          string   `yaml:"title,required"`
	Description    string   `yaml:"description"`
	Weight         int      `yaml:"weight"`
	Updated        string   `yaml:"updated"`         // YYYY-MM-DD: when the prose last changed
	EffectiveFrom  string   `yaml:"effective_from"`  // YYYY-MM-DD: publish from this day
	EffectiveUntil string   `yaml:"effective_until"` // YYYY-MM-DD: publish up to and including this day
	Pos            diag.Pos `yaml:"-"`
}

// Page is one Markdown file.
type Page struct {
	Key  string // path without language and extension: "", "sakuragawa", "sakuragawa/renewal"
	Lang string
	// HTMLLang is the HTML lang of the page's language (tebiki.yaml).
	HTMLLang string
	File     string // path in the source tree, for messages
	Front
	Body       []byte // Markdown after the front matter
	BodyOffset int    // bytes before Body in the file
	Src        []byte // the whole file
	lines      *diag.Lines
}

// Set holds every page by key and language.
type Set struct {
	pages map[string]map[string]*Page
	sched pageSchedule
	// Langs are the codes of the site's languages, in order (tebiki.yaml).
	Langs []string
}

// Get returns the page with key in lang, or nil.
func (s *Set) Get(key, lang string) *Page { return s.pages[key][lang] }

// Keys returns the keys of all pages, sorted.
func (s *Set) Keys() []string {
	var keys []string
	for k := range s.pages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Load reads content/ from fsys, keeping the pages in force today in the
// site's time zone (tebiki.yaml).
func Load(fsys fs.FS, errs *diag.List) *Set {
	return LoadAt(fsys, config.Load(fsys, errs).Today(time.Now()), errs)
}

// LoadAt reads content/ from fsys, keeping the pages in force on date: a
// page with effective_from after it, or effective_until before it, is left
// out (and so is its translation).
func LoadAt(fsys fs.FS, date decide.Date, errs *diag.List) *Set {
	return LoadSome(fsys, date, nil, errs)
}

// LoadSome is LoadAt without the folders for which skip is true (slash
// paths such as "content/sanda"): a rebuild after an edit need not read the
// pages of the cities it keeps.
func LoadSome(fsys fs.FS, date decide.Date, skip func(dir string) bool, errs *diag.List) *Set {
	langs := config.LanguagesOf(fsys)
	s := &Set{pages: map[string]map[string]*Page{}, Langs: config.Codes(langs)}
	htmlLang := map[string]string{}
	for _, l := range langs {
		htmlLang[l.Code] = l.HTMLLang
	}
	type file struct{ path, key, lang string }
	var files []file
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(diag.Pos{File: p}, "cannot read: %v", diag.FileError(err))
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if k := stray.Classify(d.Name()); k != stray.None && p != "content" {
			// a copied page or folder would be read as new pages: an error
			stray.Report(errs, p, path.Dir(p)+"/", k, d.IsDir() || strings.HasSuffix(p, ".md"), "page")
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if skip != nil && skip(p) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".md") {
			errs.AddHintT(diag.Pos{File: p}, diag.T("content/ holds only Markdown pages named NAME.LANG.md, where LANG is one of the site's languages (%s)", strings.Join(s.Langs, ", ")), "unexpected file")
			return nil
		}
		base := strings.TrimSuffix(path.Base(p), ".md")
		name, lang, ok := strings.Cut(base, ".")
		if !ok || !slices.Contains(s.Langs, lang) {
			errs.AddHintT(diag.Pos{File: p}, diag.T("name pages NAME.LANG.md, where LANG is one of the site's languages (%s)", strings.Join(s.Langs, ", ")), "the file name does not say the language")
			return nil
		}
		key := strings.TrimPrefix(path.Dir(p), "content")
		key = strings.TrimPrefix(key, "/")
		if name != "_index" {
			key = path.Join(key, name)
		}
		files = append(files, file{p, key, lang})
		return nil
	})
	if err != nil {
		errs.Add(diag.Pos{File: "content"}, "cannot read the content folder: %v", diag.FileError(err))
	}
	// Read and parse the pages in parallel.
	parsed := make([]*Page, len(files))
	par.For(len(files), func(i int) {
		f := files[i]
		if diag.TooLarge(fsys, f.path, errs) {
			// Not read; kept empty so that its translation is not
			// reported missing as well.
			parsed[i] = &Page{Key: f.key, Lang: f.lang, File: f.path}
			return
		}
		src, err := fs.ReadFile(fsys, f.path)
		if err != nil {
			errs.Add(diag.Pos{File: f.path}, "cannot read: %v", diag.FileError(err))
			return
		}
		todo.Find(f.path, src, errs)
		pg := parse(f.path, f.key, f.lang, src, errs)
		pg.HTMLLang = htmlLang[f.lang]
		if pg.inForce(date, errs) {
			parsed[i] = pg
		}
		s.noteChanges(pg, date)
	})
	for i, pg := range parsed {
		if pg == nil {
			continue
		}
		key, lang := files[i].key, files[i].lang
		if s.pages[key] == nil {
			s.pages[key] = map[string]*Page{}
		}
		s.pages[key][lang] = pg
	}
	for _, key := range s.Keys() {
		for _, lang := range s.Langs {
			if s.pages[key][lang] != nil {
				continue
			}
			for _, other := range s.Langs {
				if o := s.pages[key][other]; o != nil {
					want := strings.TrimSuffix(o.File, "."+other+".md") + "." + lang + ".md"
					errs.AddHintT(diag.Pos{File: o.File, Line: 1, Col: 1}, diag.T("create %s with the translation", want), "missing translation: this page has no version in language %q", lang)
					break
				}
			}
		}
	}
	return s
}

func parse(file, key, lang string, src []byte, errs *diag.List) *Page {
	// Files saved by Windows editors: no byte order mark, LF line ends.
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	p := &Page{Key: key, Lang: lang, File: file, Src: src, lines: diag.NewLines(src)}
	if !diag.CheckUTF8(file, src, 1, errs) {
		// Not rendered: its bytes would reach the page as they are.
		p.Src, p.lines = nil, nil
		return p
	}
	body := src
	if !bytes.HasPrefix(src, []byte("---\n")) {
		errs.AddHint(diag.Pos{File: file, Line: 1, Col: 1}, "start the file with a line \"---\", then \"title: …\", then \"---\"", "missing front matter")
		p.Body = body
		return p
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if bytes.HasPrefix(rest, []byte("---\n")) {
		errs.AddHint(diag.Pos{File: file, Line: 1, Col: 1}, "add a line \"title: …\" between the two \"---\" lines", "missing key %q", "title")
		p.BodyOffset = 8
		p.Body = src[8:]
		return p
	}
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			end = len(rest) - 4
		} else {
			errs.AddHint(diag.Pos{File: file, Line: 1, Col: 1}, "end the front matter with a line \"---\"", "front matter is not closed")
			p.Body = body
			return p
		}
	}
	fm := rest[:end+1]
	d := &yamlx.Decoder{File: file, Errs: errs, LineOffset: 1}
	d.DecodeFile(fm, &p.Front)
	p.BodyOffset = min(4+end+5, len(src))
	p.Body = src[p.BodyOffset:]
	return p
}

// Pos converts a byte offset in the page body to a position in the file.
func (p *Page) Pos(bodyOff int) diag.Pos {
	if p.lines == nil {
		p.lines = diag.NewLines(p.Src)
	}
	return p.lines.Pos(p.File, p.BodyOffset+bodyOff)
}

func (p *Page) inForce(date decide.Date, errs *diag.List) bool {
	check := func(key, v string) (decide.Date, bool) {
		if v == "" {
			return decide.Date{}, true
		}
		d, ok := decide.ParseDate(v)
		if !ok {
			errs.AddHintT(p.Front.Pos, diag.T("write dates as YYYY-MM-DD, for example %s", "2027-04-01"), "%s %q is not a date", key, v)
		}
		return d, ok
	}
	check("updated", p.Updated)
	from, ok1 := check("effective_from", p.EffectiveFrom)
	until, ok2 := check("effective_until", p.EffectiveUntil)
	if !ok1 || !ok2 {
		return true
	}
	if !from.IsZero() && date.Before(from) {
		return false
	}
	return until.IsZero() || !until.Before(date)
}

// UpdatedDate returns the front matter's updated date, or the zero Date.
func (f *Front) UpdatedDate() decide.Date {
	d, _ := decide.ParseDate(f.Updated)
	return d
}
