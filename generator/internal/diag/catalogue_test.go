package diag

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// A msgSite is a message key given in the code.
type msgSite struct {
	pos   string
	key   string // "" when the key is not a literal
	nargs int    // values given with it; -1 when not known (args...)
}

// TestCatalogCoversCode fails when a message or hint in the code is not a key
// of the catalogue, or is not a literal (a message put together before it
// is shown cannot be looked up): it finds every diagnostic built in
// generator/ and wasm/decide and looks its key up.
func TestCatalogCoversCode(t *testing.T) {
	var sites []msgSite
	for _, root := range []string{"../..", "../../../wasm/decide"} {
		sites = append(sites, findSites(t, root)...)
	}
	// Guard against a walker that finds nothing and so passes.
	var decideSites int
	for _, s := range sites {
		if strings.Contains(filepath.ToSlash(s.pos), "wasm/decide/") {
			decideSites++
		}
	}
	if len(sites) < 150 || decideSites < 15 {
		t.Fatalf("found only %d message sites (%d in wasm/decide); is the walker broken?", len(sites), decideSites)
	}
	for _, s := range sites {
		if msg := checkSite(s); msg != "" {
			t.Errorf("%s: %s", s.pos, msg)
		}
	}
	t.Logf("%d message sites checked against %d catalogue entries", len(sites), len(messages)+len(terms))
}

func checkSite(s msgSite) string {
	switch {
	case s.key == "":
		return "the message is not a literal format; pass the format and its values (diag.T) so it can be looked up"
	case !needsTranslation(s.key):
		return ""
	case s.nargs >= 0 && s.nargs != len(verbs(s.key)):
		return fmt.Sprintf("%q has %d verbs but %d values", s.key, len(verbs(s.key)), s.nargs)
	}
	if _, ok := lookup(s.key); !ok {
		return "no Japanese for " + strconv.Quote(s.key) + "; add it to messages in ja.go"
	}
	if s.nargs >= 0 && s.nargs != len(verbs(s.key)) {
		// what go vet checked when messages were formatted where made
		return fmt.Sprintf("%q has %d verbs but %d values", s.key, len(verbs(s.key)), s.nargs)
	}
	return ""
}

// needsTranslation reports whether a key holds words ("%s: %s" does not).
func needsTranslation(key string) bool {
	rest := key
	for _, v := range []string{"%s", "%v", "%q", "%d"} {
		rest = strings.ReplaceAll(rest, v, "")
	}
	return strings.IndexFunc(rest, unicode.IsLetter) >= 0
}

// TestCompletenessSeesNewMessages makes sure the completeness test would
// notice a new message: it runs the same search on a package written here.
func TestCompletenessSeesNewMessages(t *testing.T) {
	dir := t.TempDir()
	src := `package p

func f(errs *diag.List, d *yamlx.Decoder, pos diag.Pos, k string) {
	errs.Add(pos, "missing key %q", k)
	errs.Add(pos, "a brand new problem with %q", k)
	errs.AddHint(pos, "a brand new hint", "the file is empty")
	errs.AddHintT(pos, diag.T("did you mean %q?", k), "a new problem with a hint")
	errs.Warn(pos, diag.Text{}, "a new warning")
	d.Errorf(nil, "another new problem")
	fail := func(pos diag.Pos, format string, args ...any) {}
	fail(pos, "a new rule test failure %d", 3)
	errs.Add(pos, "%v", k)
	errs.Add(pos, "put together "+k)
	errs.Add(pos, "missing key %q")
	wg.Add(1)
	fmt.Errorf("not a diagnostic %q", k)
}
`
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, s := range findSites(t, dir) {
		if checkSite(s) != "" {
			missing = append(missing, s.key)
		}
	}
	want := []string{`a brand new problem with %q`, "a brand new hint", "a new problem with a hint", "a new warning", "another new problem", "a new rule test failure %d", "", "missing key %q"}
	if strings.Join(missing, "|") != strings.Join(want, "|") {
		t.Errorf("untranslated sites = %q, want %q", missing, want)
	}
}

// findSites parses the non-test Go files under root and returns every key
// given to List.Add, AddHint, AddHintT and Warn, to the Errorf methods
// (yamlx.Decoder), to the fail closure of the rule tests, to T, and, in the
// decision core, to add and errorf. A format passed on by name (a
// parameter) is not a site: its callers are.
func findSites(t *testing.T, root string) []msgSite {
	t.Helper()
	fset := token.NewFileSet()
	var out []msgSite
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" || (p != root && strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		inDecide := strings.Contains(filepath.ToSlash(p), "wasm/decide/")
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			var recv ast.Expr
			switch fun := call.Fun.(type) {
			case *ast.SelectorExpr:
				name, recv = fun.Sel.Name, fun.X
			case *ast.Ident:
				name = fun.Name
			}
			var keys []int // which arguments are keys
			switch {
			case name == "Add" && recv != nil && len(call.Args) >= 2 && !isString(call.Args[0]):
				keys = []int{1}
			case name == "AddHint" && recv != nil && len(call.Args) >= 3:
				keys = []int{1, 2}
			case (name == "AddHintT" || name == "Warn") && recv != nil && len(call.Args) >= 3:
				keys = []int{2}
			case name == "Errorf" && recv != nil && !isIdent(recv, "fmt") && len(call.Args) >= 2:
				keys = []int{1}
			case name == "fail" && recv == nil && len(call.Args) >= 2:
				keys = []int{1}
			case (name == "add" || name == "errorf") && recv == nil && len(call.Args) >= 2 && inDecide:
				keys = []int{1}
			case name == "say" && recv == nil && len(call.Args) >= 3:
				keys = []int{2}
			case name == "T" && (recv == nil || isIdent(recv, "diag")) && len(call.Args) >= 1:
				keys = []int{0}
			}
			for _, i := range keys {
				arg := call.Args[i]
				if _, passed := arg.(*ast.Ident); passed {
					continue
				}
				if sel, ok := arg.(*ast.SelectorExpr); ok && sel.Sel.Name == "Format" {
					continue // a key carried from its site (decide.Error), checked there
				}
				key, _ := stringLit(arg)
				nargs := len(call.Args) - i - 1
				switch {
				case name == "AddHint" && i == 1:
					nargs = 0 // the hint
				case call.Ellipsis.IsValid():
					nargs = -1
				}
				out = append(out, msgSite{pos: fset.Position(arg.Pos()).String(), key: key, nargs: nargs})
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// isString reports whether e is a string literal (as the first argument of
// minify's Add, where a diagnostic's is its position).
func isString(e ast.Expr) bool {
	_, ok := stringLit(e)
	return ok
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// TestCatalogWellFormed checks that every entry has both languages: the
// Japanese format parses, is Japanese, keeps every value of the English
// format (file names, keys, IDs and values must not get lost in
// translation) with a verb that suits it, and no key is listed twice.
func TestCatalogWellFormed(t *testing.T) {
	if _, err := compileCatalogue(messages, terms); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range append(append([][2]string(nil), messages...), terms...) {
		en, ja := p[0], p[1]
		if seen[en] {
			t.Errorf("%q is listed twice", en)
		}
		seen[en] = true
		if strings.TrimSpace(en) == "" || strings.TrimSpace(ja) == "" {
			t.Errorf("%q: empty language in %q", en, ja)
			continue
		}
		if needsTranslation(en) && !hasJapanese(ja) {
			t.Errorf("%q: the Japanese %q has no Japanese in it", en, ja)
		}
		enVerbs := verbs(en)
		f, err := parseJa(ja, len(enVerbs))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		used := map[int]bool{}
		for _, part := range f.parts {
			if part.verb == 0 {
				continue
			}
			used[part.arg] = true
			ev := enVerbs[part.arg]
			switch {
			case part.verb == ev:
			case (part.verb == 'w' || part.verb == 'm') && (ev == 's' || ev == 'v'):
			case (part.verb == 's' || part.verb == 'v') && (ev == 's' || ev == 'v'):
			default:
				t.Errorf("%q: value %d is %%%c in English but %%%c in %q", en, part.arg+1, ev, part.verb, ja)
			}
		}
		for i := range enVerbs {
			if !used[i] {
				t.Errorf("%q drops value %d in %q", en, i+1, ja)
			}
		}
	}
	if len(messages) < 100 {
		t.Errorf("only %d messages", len(messages))
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && (unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r == '「' || r == '（' || r == '：') {
			return true
		}
	}
	return false
}
