// Package scaffold starts a new city or procedure from an existing one: it
// copies the rule files (with their rule tests) and the content pages,
// renames what names the city (its ID in paths and links, its name in each
// language of the site), and leaves a TODO marker at every city-specific
// fact (offices, hours, contact, fee, notes, prose). Check and build refuse
// while any marker remains (package todo), so a copy is never published with
// another city's facts.
//
// Nothing is written unless the whole copy is sound: the new files are
// loaded with the rest of the site in memory first, and any problem other
// than the TODO markers stops the scaffold. An existing file is never
// overwritten.
//
// It sits above the build (it loads the copy with package site); only the
// command line imports it.
package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/todo"
)

// Names is a city's name by language code, as its city.yaml gives it:
// {"ja": "三田市", "en": "Sanda City (三田市)", "easy": "三田市"}. For a new
// city, a language may have none: see newNames.
type Names map[string]string

// Result lists what a scaffold wrote.
type Result struct {
	Files []string          // written, slash paths from the project folder
	Todos []diag.Diagnostic // the TODO markers left in them, by position
}

// idRE is the form of a city or procedure ID (as rules requires).
var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func problemAt(pos string, hint, msg diag.Text) error {
	l := &diag.List{}
	l.Report(diag.Diagnostic{Pos: diag.Pos{File: pos}, Msg: msg, Hint: hint})
	return l.Err()
}

func checkID(what, id, where string) error {
	if !idRE.MatchString(id) {
		return problemAt(where, diag.T("use lower-case letters, digits, - and _ only"), diag.T("%s ID %q is not valid", what, id))
	}
	return nil
}

// cityNames reads the name of a city from its city.yaml.
func cityNames(fsys fs.FS, city string) (Names, error) {
	file := "rules/" + city + "/city.yaml"
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	var c struct {
		Name Names `yaml:"name"`
	}
	yaml.Unmarshal(b, &c) // a broken file keeps its names unknown: nothing is renamed
	return c.Name, nil
}

// knownCities lists the folders of rules/ that hold a city.yaml.
func knownCities(fsys fs.FS) []string {
	entries, _ := fs.ReadDir(fsys, "rules")
	var ids []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), "_") && !strings.HasPrefix(e.Name(), ".") {
			if _, err := fs.Stat(fsys, "rules/"+e.Name()+"/city.yaml"); err == nil {
				ids = append(ids, e.Name())
			}
		}
	}
	return ids
}

// checkNames refuses a name in a language that is not the site's.
func checkNames(names Names, codes []string) error {
	given := make([]string, 0, len(names))
	for c := range names {
		given = append(given, c)
	}
	sort.Strings(given)
	for _, c := range given {
		if !slices.Contains(codes, c) {
			return problemAt(config.File, diag.T("known: %s", strings.Join(codes, ", ")), diag.T("%q is not a language of this site", c))
		}
	}
	return nil
}

// japanese reports, by code, whether a language's pages are in Japanese
// (its html_lang is ja or ja-…).
func japanese(langs []config.Language) map[string]bool {
	out := map[string]bool{}
	for _, l := range langs {
		tag := strings.ToLower(l.HTMLLang)
		out[l.Code] = tag == "ja" || strings.HasPrefix(tag, "ja-")
	}
	return out
}

// pageLang is the language code of a content page: renewal.ja.md -> ja.
func pageLang(p string) string {
	return strings.TrimPrefix(path.Ext(strings.TrimSuffix(p, ".md")), ".")
}

// City copies city from to a new city id under the project folder root,
// naming it given (by language code; a language without one gets a
// marker or a name made from id, see newNames).
func City(root, id, from string, given Names) (*Result, error) {
	fsys := os.DirFS(root)
	if err := checkID("city", id, "rules/"+id); err != nil {
		return nil, err
	}
	langs := config.LanguagesOf(fsys)
	codes := config.Codes(langs)
	if err := checkNames(given, codes); err != nil {
		return nil, err
	}
	known := knownCities(fsys)
	if !slices.Contains(known, from) {
		return nil, problemAt("rules/"+from, diag.T("known: %s", strings.Join(known, ", ")), diag.T("there is no city %q to copy", from))
	}
	for _, dir := range []string{"rules/" + id, "content/" + id} {
		if _, err := fs.Stat(fsys, dir); err == nil {
			return nil, problemAt(dir, diag.T("choose another ID: tebiki new never overwrites a file"), diag.T("%s already exists", dir))
		}
	}
	old, err := cityNames(fsys, from)
	if err != nil {
		return nil, err
	}
	names, all := newNames(id, codes, old, given)
	rn := newRenamer(from, id, codes, old, names)
	files := map[string][]byte{}
	// The rule files: city.yaml, every procedure and its rule tests.
	entries, err := fs.ReadDir(fsys, "rules/"+from)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		src, err := fs.ReadFile(fsys, "rules/"+from+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		text := rn.replaceYAML(string(src))
		switch {
		case e.Name() == "city.yaml":
			text = markCity(text, !all, nextWeight(fsys))
		case strings.HasSuffix(e.Name(), ".test.yaml"):
			// rule tests follow the rules: renamed, nothing to fill in
		default:
			text = markProcedure(text)
		}
		files["rules/"+id+"/"+e.Name()] = []byte(text)
	}
	// The content pages, in every subfolder.
	ja := japanese(langs)
	err = fs.WalkDir(fsys, "content/"+from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".md" {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "content/"+from+"/")
		lang := pageLang(p)
		text := markPage(rn.replacePage(string(src), lang), ja[lang], englishName(id, codes, names, lang))
		files["content/"+id+"/"+rel] = []byte(text)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return write(root, fsys, files)
}

// Procedure copies procedure fromProc of city fromCity to procedure proc of
// city (an existing city).
func Procedure(root, city, proc, fromCity, fromProc string) (*Result, error) {
	fsys := os.DirFS(root)
	for _, c := range [][3]string{{"city", city, "rules/" + city}, {"procedure", proc, "rules/" + city + "/" + proc + ".yaml"}, {"city", fromCity, "rules/" + fromCity}, {"procedure", fromProc, "rules/" + fromCity + "/" + fromProc + ".yaml"}} {
		if err := checkID(c[0], c[1], c[2]); err != nil {
			return nil, err
		}
	}
	known := knownCities(fsys)
	for _, c := range []string{city, fromCity} {
		if !slices.Contains(known, c) {
			return nil, problemAt("rules/"+c, diag.T("known: %s", strings.Join(known, ", ")), diag.T("there is no city %q", c))
		}
	}
	srcRule := "rules/" + fromCity + "/" + fromProc + ".yaml"
	if _, err := fs.Stat(fsys, srcRule); err != nil {
		return nil, problemAt(srcRule, diag.T("known: %s", strings.Join(procedures(fsys, fromCity), ", ")), diag.T("there is no procedure %q in %s to copy", fromProc, fromCity))
	}
	pairs := map[string]string{ // source -> destination
		srcRule: "rules/" + city + "/" + proc + ".yaml",
		"rules/" + fromCity + "/" + fromProc + ".test.yaml": "rules/" + city + "/" + proc + ".test.yaml",
	}
	langs := config.LanguagesOf(fsys)
	codes := config.Codes(langs)
	for _, lang := range codes { // a page in each language of the site
		pairs["content/"+fromCity+"/"+fromProc+"."+lang+".md"] = "content/" + city + "/" + proc + "." + lang + ".md"
	}
	for _, dst := range pairs {
		if _, err := fs.Stat(fsys, dst); err == nil {
			return nil, problemAt(dst, diag.T("choose another ID: tebiki new never overwrites a file"), diag.T("%s already exists", dst))
		}
	}
	rn := &renamer{}
	if city != fromCity {
		old, err := cityNames(fsys, fromCity)
		if err != nil {
			return nil, err
		}
		names, err := cityNames(fsys, city)
		if err != nil {
			return nil, err
		}
		rn = newRenamer(fromCity, city, codes, old, names)
	}
	target, _ := cityNames(fsys, city)
	ja := japanese(langs)
	files := map[string][]byte{}
	for src, dst := range pairs {
		b, err := fs.ReadFile(fsys, src)
		if errors.Is(err, fs.ErrNotExist) {
			continue // a missing page or test file is reported by the check
		} else if err != nil {
			return nil, err
		}
		var text string
		switch lang := pageLang(dst); {
		case strings.HasSuffix(dst, ".test.yaml"):
			text = rn.replaceYAML(string(b))
		case strings.HasSuffix(dst, ".yaml"):
			text = markProcedure(rn.replaceYAML(string(b)))
		default:
			text = markPage(rn.replacePage(string(b), lang), ja[lang], englishName(city, codes, target, lang))
		}
		files[dst] = []byte(text)
	}
	return write(root, fsys, files)
}

func procedures(fsys fs.FS, city string) []string {
	entries, _ := fs.ReadDir(fsys, "rules/"+city)
	var ids []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".yaml") && n != "city.yaml" && !strings.HasSuffix(n, ".test.yaml") {
			ids = append(ids, strings.TrimSuffix(n, ".yaml"))
		}
	}
	return ids
}

// write loads the site with the new files in memory and, when the only
// problems in them are TODO markers, writes them (never over a file).
func write(root string, fsys fs.FS, files map[string][]byte) (*Result, error) {
	top := fstest.MapFS{}
	for p, b := range files {
		top[p] = &fstest.MapFile{Data: b, Mode: 0o644, ModTime: time.Now()}
	}
	errs := &diag.List{}
	site0 := overlay{fsys, top}
	s := site.LoadAt(site0, "default", site.Today(site0, time.Now), errs)
	s.CheckContent(errs)
	res := &Result{}
	bad := &diag.List{}
	for _, d := range errs.Items() {
		if _, ours := files[d.Pos.File]; !ours {
			continue // the rest of the site's problems are not the scaffold's
		}
		if todo.Is(d) {
			res.Todos = append(res.Todos, d)
		} else {
			bad.Report(d)
		}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return res, err
		}
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return res, err
		}
		_, err = f.Write(files[p])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return res, err
		}
		res.Files = append(res.Files, p)
	}
	return res, nil
}

var weightRE = regexp.MustCompile(`(?m)^weight:[ \t]*(-?[0-9]+)`)

// nextWeight is one more than the largest weight of the cities: a new
// city comes last in the list of cities.
func nextWeight(fsys fs.FS) int {
	max := 0
	for _, c := range knownCities(fsys) {
		b, _ := fs.ReadFile(fsys, "rules/"+c+"/city.yaml")
		if m := weightRE.FindSubmatch(b); m != nil {
			if w, err := strconv.Atoi(string(m[1])); err == nil && w > max {
				max = w
			}
		}
	}
	return max + 1
}
