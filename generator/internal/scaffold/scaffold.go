// Package scaffold starts a new city or procedure from an existing one: it
// copies the rule files (with their rule tests) and the content pages,
// renames what names the city (its ID in paths and links, its name in
// Japanese and English), and leaves a TODO marker at every city-specific
// fact (offices, hours, contact, fee, notes, prose). Check and build refuse
// while any marker remains (package todo), so a copy is never published with
// another city's facts.
//
// Nothing is written unless the whole copy is sound: the new files are
// loaded with the rest of the site in memory first, and any problem other
// than the TODO markers stops the scaffold. An existing file is never
// overwritten.
package scaffold

import (
	"errors"
	"fmt"
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

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/todo"
)

// Names is a new city's name, in Japanese (三田市) and English (Sanda City).
// Either may be empty: the English one then comes from the ID, the Japanese
// one is a TODO marker.
type Names struct{ Ja, En string }

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
		return Names{}, err
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

// City copies city from to a new city id under the project folder root.
func City(root, id, from string, names Names) (*Result, error) {
	fsys := os.DirFS(root)
	if err := checkID("city", id, "rules/"+id); err != nil {
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
	given := names.Ja != "" && names.En != ""
	if names.Ja == "" { // 三田市 -> TODO市: every place the name was stays marked
		names.Ja = todo.Marker + strings.TrimPrefix(old.Ja, stemJa(old.Ja))
	}
	if names.En == "" {
		names.En = titleOf(id) + " City"
	}
	if !strings.Contains(names.En, "(") && strings.Contains(old.En, " (") {
		names.En += " (" + names.Ja + ")" // English names keep the Japanese in brackets
	}
	rn := newRenamer(from, id, old, names)
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
		text := rn.replace(string(src))
		switch {
		case e.Name() == "city.yaml":
			text = markCity(text, !given, nextWeight(fsys))
		case strings.HasSuffix(e.Name(), ".test.yaml"):
			// rule tests follow the rules: renamed, nothing to fill in
		default:
			text = markProcedure(text)
		}
		files["rules/"+id+"/"+e.Name()] = []byte(text)
	}
	// The content pages, in every subfolder.
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
		files["content/"+id+"/"+rel] = []byte(markPage(rn.replace(string(src)), p, stemEn(names.En)))
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
		"content/" + fromCity + "/" + fromProc + ".ja.md":   "content/" + city + "/" + proc + ".ja.md",
		"content/" + fromCity + "/" + fromProc + ".en.md":   "content/" + city + "/" + proc + ".en.md",
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
		rn = newRenamer(fromCity, city, old, names)
	}
	target, _ := cityNames(fsys, city)
	files := map[string][]byte{}
	for src, dst := range pairs {
		b, err := fs.ReadFile(fsys, src)
		if errors.Is(err, fs.ErrNotExist) {
			continue // a missing page or test file is reported by the check
		} else if err != nil {
			return nil, err
		}
		text := rn.replace(string(b))
		switch {
		case strings.HasSuffix(dst, ".test.yaml"):
		case strings.HasSuffix(dst, ".yaml"):
			text = markProcedure(text)
		default:
			text = markPage(text, src, stemEn(target.En))
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
	s := site.LoadAt(overlay{fsys, top}, "default", rules.Today(), errs)
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

// overlay is fsys with the files of top added.
type overlay struct {
	base fs.FS
	top  fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	if f, err := o.base.Open(name); err == nil {
		return f, nil
	}
	return o.top.Open(name)
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if f, ok := o.top[name]; ok {
		return f.Data, nil
	}
	return fs.ReadFile(o.base, name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.top[name]; ok {
		return fs.Stat(o.top, name)
	}
	if fi, err := fs.Stat(o.base, name); err == nil {
		return fi, nil
	}
	return fs.Stat(o.top, name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.base, name)
	b, errB := fs.ReadDir(o.top, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range b {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range a {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// titleOf turns an ID into a name: "minami-awaji" -> "Minami Awaji".
func titleOf(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
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

// stemJa is a Japanese city name without its 市, 町, 村 or 区.
func stemJa(s string) string {
	for _, suf := range []string{"市", "町", "村", "区"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return s
}

// stemEn is an English city name without " City" and the Japanese in
// brackets: "Sanda City (三田市)" -> "Sanda".
func stemEn(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "（"); i > 0 {
		s = s[:i]
	}
	for _, suf := range []string{" City", " Town", " Village", " Ward"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return strings.TrimSpace(s)
}

// A renamer replaces, in one pass, what names the old city by what names
// the new one: the full Japanese name, its stem (三田), the English stem as a
// word (Sanda), the ID as a word (sanda, in paths and links).
type renamer struct{ pairs []pair }

type pair struct {
	old, new string
	word     func(byte) bool // characters that must not touch a match; nil: none
}

func isIDChar(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func newRenamer(oldID, newID string, old, names Names) *renamer {
	r := &renamer{}
	add := func(o, n string, word func(byte) bool) {
		if o != "" && o != n {
			r.pairs = append(r.pairs, pair{o, n, word})
		}
	}
	newJa := names.Ja
	if stemJa(old.Ja) != old.Ja && stemJa(newJa) == newJa {
		newJa += strings.TrimPrefix(old.Ja, stemJa(old.Ja)) // 架空 -> 架空市, as the old name had 市
	}
	add(old.Ja, newJa, nil)
	add(stemJa(old.Ja), stemJa(newJa), nil)
	add(old.En, names.En, isAlnum)
	add(stemEn(old.En), stemEn(names.En), isAlnum)
	add(oldID, newID, isIDChar)
	// Longest first, so that a full name wins over its stem.
	sort.SliceStable(r.pairs, func(i, j int) bool { return len(r.pairs[i].old) > len(r.pairs[j].old) })
	return r
}

func (r *renamer) replace(s string) string {
	if len(r.pairs) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for _, p := range r.pairs {
			if !strings.HasPrefix(s[i:], p.old) {
				continue
			}
			end := i + len(p.old)
			if p.word != nil && (i > 0 && p.word(s[i-1]) || end < len(s) && p.word(s[end])) {
				continue
			}
			b.WriteString(p.new)
			i = end
			matched = true
			break
		}
		if !matched {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// A mark is a comment line to insert above the key at line (1-based),
// indented to col.
type mark struct {
	line, col int
	text      string
}

// insert adds the marks to text, each as a comment line above its key.
func insert(text string, marks []mark) string {
	lines := strings.SplitAfter(text, "\n")
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].line > marks[j].line })
	for _, m := range marks {
		if m.line < 1 || m.line > len(lines) {
			continue
		}
		c := strings.Repeat(" ", m.col-1) + "# " + todo.Marker + ": " + m.text + "\n"
		lines = slices.Insert(lines, m.line-1, c)
	}
	return strings.Join(lines, "")
}

// mapping returns the top mapping of a YAML document, or nil.
func mapping(text string) *yaml.Node {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(text), &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	return doc.Content[0]
}

// keys calls f with every key of the mapping m and its value.
func keys(m *yaml.Node, f func(k, v *yaml.Node)) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		f(m.Content[i], m.Content[i+1])
	}
}

// What a city's facts are, for the markers (Japanese / English).
var cityFacts = map[string]string{
	"name":       "市の名前 / the city's name",
	"prefecture": "都道府県 / the prefecture",
	"documents":  "この市が求める書類か確かめる / check that the city asks for these documents",
	"notices":    "この市の案内か確かめる / check that these notices are the city's",
}

var officeFacts = map[string]string{
	"id":       "窓口のID / the office's ID",
	"building": "庁舎の名前 / the building",
	"counter":  "窓口の名前 / the counter",
	"hours":    "受付時間 / the opening hours",
	"note":     "窓口の注意書き / the office's note",
}

var contactFacts = map[string]string{
	"name":    "問い合わせ先の名前 / the contact's name",
	"address": "住所 / the address",
	"phone":   "電話番号 / the phone number",
	"fax":     "ファクス番号 / the fax number",
}

var procFacts = map[string]string{
	"offices":  "手続きをする窓口 / the offices for this procedure",
	"fee":      "手数料 / the fee",
	"notes":    "注意書き / the notes",
	"outcomes": "結果ごとの持ち物と文を確かめる / check each outcome's documents and text",
}

// markCity marks the city-specific facts of a city.yaml and gives it weight.
func markCity(text string, name bool, weight int) string {
	m := mapping(text)
	if m == nil {
		return todo.Marker + ": " + text // unreadable: the check names it
	}
	var marks []mark
	keys(m, func(k, v *yaml.Node) {
		switch k.Value {
		case "name":
			if name {
				marks = append(marks, mark{k.Line, k.Column, cityFacts["name"]})
			}
		case "weight":
			if v.Kind == yaml.ScalarNode {
				lines := strings.SplitAfter(text, "\n")
				l := lines[v.Line-1]
				at := v.Column - 1
				if at+len(v.Value) <= len(l) && l[at:at+len(v.Value)] == v.Value {
					lines[v.Line-1] = l[:at] + strconv.Itoa(weight) + l[at+len(v.Value):]
					text = strings.Join(lines, "")
				}
			}
		case "offices":
			if v.Kind != yaml.SequenceNode {
				break
			}
			for _, o := range v.Content {
				keys(o, func(k, _ *yaml.Node) {
					if t, ok := officeFacts[k.Value]; ok && k.Value != "id" {
						marks = append(marks, mark{k.Line, k.Column, t})
					}
				})
			}
		case "contact":
			keys(v, func(k, _ *yaml.Node) {
				if t, ok := contactFacts[k.Value]; ok {
					marks = append(marks, mark{k.Line, k.Column, t})
				}
			})
		default:
			if t, ok := cityFacts[k.Value]; ok {
				marks = append(marks, mark{k.Line, k.Column, t})
			}
		}
	})
	return insert(text, marks)
}

// markProcedure marks the city-specific facts of a procedure file.
func markProcedure(text string) string {
	m := mapping(text)
	if m == nil {
		return todo.Marker + ": " + text
	}
	var marks []mark
	keys(m, func(k, _ *yaml.Node) {
		if t, ok := procFacts[k.Value]; ok {
			marks = append(marks, mark{k.Line, k.Column, t})
		}
	})
	return insert(text, marks)
}

// markPage puts a TODO paragraph at the start of a content page's text,
// in the page's language.
func markPage(text, file, cityEn string) string {
	msg := fmt.Sprintf("%s: rewrite this page (title, description and text) for %s.", todo.Marker, cityEn)
	if strings.HasSuffix(file, ".ja.md") {
		msg = todo.Marker + "：この市に合わせて、このページ（title、description、本文）を書き直してください。"
	}
	if strings.HasPrefix(text, "---\n") || strings.HasPrefix(text, "---\r\n") {
		rest := text[strings.Index(text, "\n")+1:]
		for off := 0; off < len(rest); {
			nl := strings.IndexByte(rest[off:], '\n')
			line := rest[off:]
			if nl >= 0 {
				line = rest[off : off+nl+1]
			}
			if strings.TrimRight(line, "\r\n") == "---" {
				end := len(text) - len(rest) + off + len(line)
				return text[:end] + msg + "\n\n" + strings.TrimLeft(text[end:], "\r\n")
			}
			if nl < 0 {
				break
			}
			off += nl + 1
		}
	}
	return msg + "\n\n" + text
}
