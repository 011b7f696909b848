// Package theme loads a theme: its page layouts (html/template), its
// translation table of UI strings (one YAML file per language) and its assets
// (CSS and TypeScript, bundled and minified by esbuild with content-hashed
// names).
//
//	themes/NAME/layouts/base.html      the page skeleton; defines "base"
//	themes/NAME/layouts/partials*.html shared blocks (partials.html, partials-outcome.html, …)
//	themes/NAME/layouts/KIND.html      one per page kind; defines "main"
//	themes/NAME/i18n/LANG.yaml         UI strings: key: text
//	themes/NAME/assets/*.css|*.ts      entry points; files starting with _ are only imported
//
// It owns themes/. It must not import rules, content or site: a layout
// receives the build's views (package site) as data.
package theme

import (
	"bytes"
	"fmt"
	template "github.com/tebiki/tebiki/generator/internal/gotemplate/html"
	"github.com/tebiki/tebiki/generator/internal/gotemplate/parse"
	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// Theme is a loaded theme.
type Theme struct {
	Dir     string
	layouts map[string]*template.Template
	strings map[string]map[string]string // lang -> key -> text
	// Assets maps an entry name ("style.css") to its output path
	// ("assets/style-HASH.css"); Files holds the output bytes by path.
	Assets map[string]string
	Files  map[string][]byte

	sources map[string][]byte // layout sources, for positions

	// plain holds the layouts parsed from their sources as written, for
	// positions in errors; layouts are parsed from the minified sources
	// (see minify.go), or are plain when those cannot be used. Minified
	// tells whether they are.
	plain    map[string]*template.Template
	Minified bool

	idsOnce  sync.Once
	reserved map[string][]string

	// sizes remembers the largest page of each layout so far, so that the
	// next one's buffer is made large enough at once (growing it by
	// doubling was a sixth of what rendering allocated).
	sizes sync.Map // kind -> *atomic.Int64
}

// LoadStrings reads only the UI strings of themes/NAME, by language then
// key, with the problems Load would report about them.
func LoadStrings(fsys fs.FS, name string, langs []string, errs *diag.List) map[string]map[string]string {
	t := &Theme{Dir: path.Join("themes", name), strings: map[string]map[string]string{}}
	if _, err := fs.Stat(fsys, t.Dir); err != nil {
		errs.AddHint(diag.Pos{File: t.Dir}, "create the theme folder, or check its name", "theme %q not found", name)
		return t.strings
	}
	t.loadStrings(fsys, langs, errs)
	return t.strings
}

// Load reads themes/NAME from fsys. funcs are added to every layout; the
// function T(lang, key) is provided by the theme itself.
func Load(fsys fs.FS, name string, langs []string, funcs template.FuncMap, errs *diag.List) *Theme {
	t := &Theme{Dir: path.Join("themes", name), layouts: map[string]*template.Template{}, strings: map[string]map[string]string{}}
	if _, err := fs.Stat(fsys, t.Dir); err != nil {
		errs.AddHint(diag.Pos{File: t.Dir}, "create the theme folder, or check its name", "theme %q not found", name)
		return t
	}
	keyPos := t.loadStrings(fsys, langs, errs)
	t.loadLayouts(fsys, funcs, keyPos, errs)
	t.buildAssets(fsys, errs)
	return t
}

// T returns the UI string key in lang. A key missing from the table is reported
// when the theme is loaded, so at render time it cannot happen for keys
// written literally in a layout.
func (t *Theme) T(lang, key string) (string, error) {
	s, ok := t.strings[lang][key]
	if !ok {
		return "", fmt.Errorf("no translation of %q in %s", key, path.Join(t.Dir, "i18n", lang+".yaml"))
	}
	return s, nil
}

func (t *Theme) loadStrings(fsys fs.FS, langs []string, errs *diag.List) map[string]diag.Pos {
	keyPos := map[string]diag.Pos{}
	perLang := map[string]map[string]diag.Pos{}
	for _, lang := range langs {
		file := path.Join(t.Dir, "i18n", lang+".yaml")
		t.strings[lang] = map[string]string{}
		perLang[lang] = map[string]diag.Pos{}
		if diag.TooLarge(fsys, file, errs) {
			continue
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs.AddHint(diag.Pos{File: file}, "create it with the UI strings in this language", "missing translation table: %v", err)
			continue
		}
		d := &yamlx.Decoder{File: file, Errs: errs}
		root := d.Parse(src)
		if root == nil {
			continue
		}
		if root.Kind != yaml.MappingNode {
			d.Errorf(root, "expected \"key: text\" lines")
			continue
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if v.Kind != yaml.ScalarNode || v.Value == "" {
				d.Errorf(v, "the text of %q must be a non-empty string", k.Value)
				continue
			}
			if _, dup := t.strings[lang][k.Value]; dup {
				d.Errorf(k, "key %q appears twice", k.Value)
			}
			t.strings[lang][k.Value] = v.Value
			perLang[lang][k.Value] = d.Pos(k)
			keyPos[k.Value] = d.Pos(k)
		}
	}
	// Every key needs every language. The patterns ("fmt.*") may come from
	// Tebiki's built-in ones instead: the build checks those (see
	// site.checkWords).
	for _, lang := range langs {
		for _, other := range langs {
			for _, k := range sortedKeys(perLang[other]) {
				if strings.HasPrefix(k, "fmt.") {
					continue
				}
				if _, ok := perLang[lang][k]; !ok && perLang[lang] != nil && len(t.strings[lang]) > 0 {
					errs.AddHintT(perLang[other][k], diag.T("add \"%s: …\" to %s", k, path.Join(t.Dir, "i18n", lang+".yaml")), "missing translation: %q has no %s text", k, lang)
				}
			}
		}
	}
	return keyPos
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (t *Theme) loadLayouts(fsys fs.FS, funcs template.FuncMap, keyPos map[string]diag.Pos, errs *diag.List) {
	dir := path.Join(t.Dir, "layouts")
	fm := template.FuncMap{"T": gotext.F2E(t.T)} // called directly: see gotemplate
	for k, v := range funcs {
		fm[k] = v
	}
	base := template.New("").Funcs(fm)
	var kinds []string
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		errs.Add(diag.Pos{File: dir}, "cannot read layouts: %v", diag.FileError(err))
		return
	}
	parsed := map[string]*template.Template{}
	sources := map[string][]byte{}
	var shared []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".html") {
			continue
		}
		file := path.Join(dir, name)
		if diag.TooLarge(fsys, file, errs) {
			continue
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs.Add(diag.Pos{File: file}, "cannot read: %v", diag.FileError(err))
			continue
		}
		sources[file] = src
		t.sources = sources
		if isShared(name) {
			tt, err := base.New(file).Parse(string(src))
			if err != nil {
				addTemplateErr(errs, file, err)
				continue
			}
			parsed[file] = tt
			shared = append(shared, file)
			continue
		}
		kinds = append(kinds, name)
	}
	if base.Lookup("base") == nil {
		errs.AddHint(diag.Pos{File: path.Join(dir, "base.html")}, "it must define the template \"base\"", "missing page skeleton")
		return
	}
	for _, name := range kinds {
		file := path.Join(dir, name)
		src, _ := fs.ReadFile(fsys, file)
		clone, err := base.Clone()
		if err != nil {
			errs.Add(diag.Pos{File: file}, "%v", err)
			continue
		}
		tt, err := clone.New(file).Parse(string(src))
		if err != nil {
			addTemplateErr(errs, file, err)
			continue
		}
		parsed[file] = tt
		t.layouts[strings.TrimSuffix(name, ".html")] = clone
	}
	t.plain = t.layouts
	t.minifyLayouts(fm, shared)
	// Literal keys in T calls must exist in the table: look in every template
	// of every layout, including those made with define and block, where
	// layouts keep their markup.
	seen := map[*parse.Tree]bool{}
	for _, file := range sortedKeys(parsed) {
		for _, tt := range parsed[file].Templates() {
			tree := tt.Tree
			if tree == nil || seen[tree] {
				continue
			}
			seen[tree] = true
			src := sources[tree.ParseName]
			walk(tree.Root, func(n parse.Node) {
				cmd, ok := n.(*parse.CommandNode)
				if !ok || len(cmd.Args) < 3 {
					return
				}
				if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "T" {
					return
				}
				key, ok := cmd.Args[2].(*parse.StringNode)
				if !ok {
					return
				}
				if _, known := keyPos[key.Text]; !known {
					line, col := diag.LineCol(src, int(key.Pos))
					errs.AddHintT(diag.Pos{File: tree.ParseName, Line: line, Col: col}, diag.T("add \"%s: …\" to every file in %s", key.Text, path.Join(t.Dir, "i18n")), "missing translation: no UI string %q", key.Text)
				}
			})
		}
	}
}

// Has reports whether the theme has a layout for kind.
func (t *Theme) Has(kind string) bool { return t.layouts[kind] != nil }

// Kinds lists the page kinds the theme has layouts for.
func (t *Theme) Kinds() []string { return sortedKeys(t.layouts) }

// Render executes the layout of kind with data.
func (t *Theme) Render(kind string, data any) ([]byte, error) {
	return t.RenderInto(new(bytes.Buffer), kind, data)
}

// RenderInto is Render writing into buf, which it empties first: the page
// returned is buf's bytes (but on a layout error that the layout as
// written does not make, see Render) and lives as long as buf is not used
// again. Rendering many pages, a caller keeps its buffers for other pages
// instead of having each page grow a new one.
func (t *Theme) RenderInto(buf *bytes.Buffer, kind string, data any) ([]byte, error) {
	buf.Reset()
	l := t.layouts[kind]
	if l == nil {
		return nil, fmt.Errorf("the theme has no layout %q (add %s)", kind, path.Join(t.Dir, "layouts", kind+".html"))
	}
	size, _ := t.sizes.Load(kind)
	if size == nil {
		size, _ = t.sizes.LoadOrStore(kind, new(atomic.Int64))
	}
	largest := size.(*atomic.Int64)
	buf.Grow(int(largest.Load()) + 512)
	defer func() {
		for n := int64(buf.Len()); ; {
			old := largest.Load()
			if n <= old || largest.CompareAndSwap(old, n) {
				break
			}
		}
	}()
	if err := l.ExecuteTemplate(buf, "base", data); err != nil {
		if p := t.plain[kind]; p != l && p != nil {
			// Again from the layout as written: the error's place is in
			// it. Should that layout render (the minified one broke it),
			// the page is written from it, not minified.
			var pbuf bytes.Buffer
			if perr := p.ExecuteTemplate(&pbuf, "base", data); perr != nil {
				return nil, perr
			}
			return pbuf.Bytes(), nil
		}
		return nil, err
	}
	return buf.Bytes(), nil
}

func walk(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	case *parse.ChainNode:
		walk(n.Node, f)
	}
}

// addTemplateErr turns "template: FILE:LINE: msg" into a positioned diagnostic.
func addTemplateErr(errs *diag.List, file string, err error) {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	pos := diag.Pos{File: file}
	if rest, ok := strings.CutPrefix(msg, file+":"); ok {
		var line int
		if _, e := fmt.Sscanf(rest, "%d:", &line); e == nil {
			pos.Line = line
			msg = strings.TrimSpace(rest[strings.Index(rest, ":")+1:])
		}
	}
	errs.Add(pos, "template error: %s", templateDetail(msg))
}

// ExecError turns an error from executing a layout into a positioned
// problem: "template: FILE:LINE:COL: executing … : message" points into the
// layout, so one mistake in a layout is reported once, at its place, however
// many pages use it.
func (t *Theme) ExecError(err error) (diag.Pos, diag.Text, bool) {
	msg, ok := strings.CutPrefix(err.Error(), "template: ")
	if !ok {
		return diag.Pos{}, diag.Text{}, false
	}
	parts := strings.SplitN(msg, ":", 4)
	if len(parts) < 4 {
		return diag.Pos{}, diag.Text{}, false
	}
	var line, col int
	if _, e := fmt.Sscanf(parts[1], "%d", &line); e != nil {
		return diag.Pos{}, diag.Text{}, false
	}
	fmt.Sscanf(parts[2], "%d", &col)
	pos := diag.Pos{File: parts[0], Line: line, Col: col + 1}
	if src, ok := t.sources[parts[0]]; ok && line > 0 {
		// the column counts bytes from 0; editors count characters from 1
		lines := strings.SplitAfter(string(src), "\n")
		if line <= len(lines) && col <= len(lines[line-1]) {
			pos.Col = utf8.RuneCountInString(lines[line-1][:col]) + 1
		}
	}
	return pos, diag.T("template error: %s", templateDetail(strings.TrimSpace(parts[3]))), true
}

var literalID = regexp.MustCompile(`\sid="([^"{}]+)"`)

// ReservedIDs returns the element ids written literally in the layouts a
// page of kind uses (its own layout, the skeleton and the partials), so
// content headings can avoid them.
func (t *Theme) ReservedIDs(kind string) []string {
	t.idsOnce.Do(func() {
		t.reserved = map[string][]string{}
		shared := map[string]bool{}
		for file, src := range t.sources {
			base := path.Base(file)
			if isShared(base) {
				for _, m := range literalID.FindAllSubmatch(src, -1) {
					shared[string(m[1])] = true
				}
			}
		}
		for file, src := range t.sources {
			k := strings.TrimSuffix(path.Base(file), ".html")
			set := map[string]bool{}
			for id := range shared {
				set[id] = true
			}
			for _, m := range literalID.FindAllSubmatch(src, -1) {
				set[string(m[1])] = true
			}
			t.reserved[k] = sortedKeys(set)
		}
	})
	return t.reserved[kind]
}

// isShared reports whether a layout file holds blocks every page kind may
// use (the skeleton and the partials) rather than one page kind.
func isShared(name string) bool {
	return name == "base.html" || (strings.HasPrefix(name, "partials") && strings.HasSuffix(name, ".html"))
}
