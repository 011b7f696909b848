package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// handRendered holds real renderings of messages whose shape the
// completeness test cannot work out from the code on its own (a piece made by
// a helper that builds a list in a loop). A message site is covered by an
// example here when the example contains every literal piece of the site, in
// order.
var handRendered = []string{
	// wasm/decide/validate.go: "unknown question "+quote(id)+p.suggestQuestion(id)
	`unknown question "whoo"; the questions are validity, who, form`,
	// wasm/decide/validate.go: names is a list built in a loop
	`the answers validity=open, who=self reach more than one outcome: not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5); make their "when" exclusive`,
	// wasm/decide/decide.go, as flow.go and rule tests report it: with its position
	`rules/sanda/renewal.yaml:2:1: no outcome matches the answers validity=open, who=self`,
	`rules/sanda/renewal.yaml:9:5: question who has no answer "proxi"`,
	`rules/sanda/renewal.yaml:62:5: outcomes not_yet and self both match the answers validity=open, who=self`,
}

// A msgSite is a message or hint in the code, rendered with placeholders.
type msgSite struct {
	pos      string
	rendered string   // "x" for %s, %v and unknown pieces, "x" quoted for %q, 1 for %d
	pieces   []string // the literal text, in order
}

// TestCatalogCoversCode fails when a message or hint in the code has no
// Japanese format: it finds every diagnostic built in generator/ and
// wasm/decide, renders it with placeholder pieces, and translates it.
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
	if len(sites) < 100 || decideSites < 15 {
		t.Fatalf("found only %d message sites (%d in wasm/decide); is the walker broken?", len(sites), decideSites)
	}
	for _, h := range handRendered {
		if ja, ok := translateMessage(h); !ok || ja == h {
			t.Errorf("hand-rendered example has no Japanese: %q", h)
		}
	}
	for _, s := range sites {
		if ja, ok := translateMessage(s.rendered); ok && ja != s.rendered {
			continue
		}
		if coveredByHand(s.pieces) {
			continue
		}
		t.Errorf("%s: no Japanese for %q; add its English format to messages in ja.go", s.pos, s.rendered)
	}
	t.Logf("%d message sites checked against %d catalog entries", len(sites), len(messages))
}

// TestCompletenessSeesNewMessages makes sure the completeness test would
// notice a new message: it runs the same search on a package written here.
func TestCompletenessSeesNewMessages(t *testing.T) {
	dir := t.TempDir()
	src := `package p

func f(errs *diag.List, d *yamlx.Decoder, pos diag.Pos, k string) {
	errs.Add(pos, "missing key %q", k)
	errs.Add(pos, "a brand new problem with %q", k)
	errs.AddHint(pos, "a brand new hint for "+k, "the file is empty")
	d.Errorf(nil, "another new problem")
	fail := func(pos diag.Pos, format string, args ...any) {}
	fail(pos, "a new rule test failure %d", 3)
	errs.Add(pos, "%v", k)
	wg.Add(1)
	fmt.Errorf("not a diagnostic %q", k)
}
`
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, s := range findSites(t, dir) {
		if ja, ok := translateMessage(s.rendered); ok && ja != s.rendered {
			continue
		}
		if !coveredByHand(s.pieces) {
			missing = append(missing, s.rendered)
		}
	}
	want := []string{`a brand new problem with "x"`, "a brand new hint for x", "another new problem", "a new rule test failure 1"}
	if strings.Join(missing, "|") != strings.Join(want, "|") {
		t.Errorf("untranslated sites = %q, want %q", missing, want)
	}
}

func coveredByHand(pieces []string) bool {
	for _, h := range handRendered {
		rest, ok := h, true
		for _, p := range pieces {
			i := strings.Index(rest, p)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(p):]
		}
		if ok {
			if _, known := translateMessage(h); known {
				return true
			}
		}
	}
	return false
}

// findSites parses the non-test Go files under root and returns every message
// and hint given to List.Add and List.AddHint, to the Errorf methods
// (yamlx.Decoder), to the fail closure of the rule tests, and, in the decision
// core, to add and to Error{Msg: …}.
func findSites(t *testing.T, root string) []msgSite {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{} // by folder
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
		pkgs[filepath.Dir(p)] = append(pkgs[filepath.Dir(p)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []msgSite
	for dir, files := range pkgs {
		if filepath.Base(dir) == "diag" {
			continue // the definitions, not uses
		}
		funcs := map[string]*ast.FuncDecl{}
		for _, f := range files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					funcs[fd.Name.Name] = fd
				}
			}
		}
		for _, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				x := &extractor{fset: fset, funcs: funcs, fn: fd}
				ast.Inspect(fd.Body, x.visit)
				out = append(out, x.sites...)
			}
		}
	}
	return out
}

type extractor struct {
	fset  *token.FileSet
	funcs map[string]*ast.FuncDecl // the package's functions
	fn    *ast.FuncDecl            // the function being read
	sites []msgSite
}

func (x *extractor) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		name := ""
		var recv ast.Expr
		switch fun := n.Fun.(type) {
		case *ast.SelectorExpr:
			name, recv = fun.Sel.Name, fun.X
		case *ast.Ident:
			name = fun.Name
		}
		switch {
		case name == "Add" && recv != nil && len(n.Args) >= 2:
			x.format(n, n.Args[1], n.Args[2:])
		case name == "AddHint" && recv != nil && len(n.Args) >= 3:
			x.message(n.Args[0], n.Args[1])
			x.format(n, n.Args[2], n.Args[3:])
		case name == "Errorf" && recv != nil && !isIdent(recv, "fmt") && len(n.Args) >= 2:
			x.format(n, n.Args[1], n.Args[2:])
		case name == "fail" && recv == nil && len(n.Args) >= 2:
			x.format(n, n.Args[1], n.Args[2:])
		case name == "add" && recv == nil && len(n.Args) == 2:
			x.message(n.Args[0], n.Args[1])
		}
	case *ast.CompositeLit:
		if isIdent(n.Type, "Error") || isSel(n.Type, "Error") {
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Msg") {
					x.message(kv.Value, kv.Value)
				}
			}
		}
	}
	return true
}

// format records a call's format argument with its pieces.
func (x *extractor) format(call *ast.CallExpr, f ast.Expr, args []ast.Expr) {
	lit, ok := stringLit(f)
	if !ok {
		return // passed through (Errorf's own body, fail's closure)
	}
	rendered, pieces := lit, []string{lit}
	if len(args) > 0 {
		rendered, pieces = renderFormat(lit)
	}
	if strings.TrimSpace(strings.Join(pieces, "")) == "" {
		return // "%v", "%s": another message passed on
	}
	x.add(call, rendered, pieces)
}

// message records a message or hint given as an expression: a literal, a
// concatenation, fmt.Sprintf, a variable set in this function, or a call to
// a function of the package that returns it.
func (x *extractor) message(at ast.Node, e ast.Expr) {
	for _, c := range x.candidates(e) {
		if strings.TrimSpace(strings.Join(c.pieces, "")) == "" {
			continue
		}
		x.add(at, c.text, c.pieces)
	}
}

func (x *extractor) add(at ast.Node, rendered string, pieces []string) {
	x.sites = append(x.sites, msgSite{pos: x.fset.Position(at.Pos()).String(), rendered: rendered, pieces: pieces})
}

type evaluated struct {
	text   string
	pieces []string
}

func (x *extractor) candidates(e ast.Expr) []evaluated {
	switch e := e.(type) {
	case *ast.Ident:
		var out []evaluated
		ast.Inspect(x.fn.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, l := range as.Lhs {
				if isIdent(l, e.Name) {
					out = append(out, eval(as.Rhs[i]))
				}
			}
			return true
		})
		return out
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && x.funcs[id.Name] != nil && x.funcs[id.Name] != x.fn {
			var out []evaluated
			ast.Inspect(x.funcs[id.Name].Body, func(n ast.Node) bool {
				if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
					out = append(out, eval(r.Results[0]))
				}
				return true
			})
			return out
		}
	}
	return []evaluated{eval(e)}
}

// eval renders a string expression with placeholders for what is not known
// until run time.
func eval(e ast.Expr) evaluated {
	switch e := e.(type) {
	case *ast.BasicLit:
		if s, ok := stringLit(e); ok {
			return evaluated{s, []string{s}}
		}
	case *ast.ParenExpr:
		return eval(e.X)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			l, r := eval(e.X), eval(e.Y)
			return evaluated{l.text + r.text, append(l.pieces, r.pieces...)}
		}
	case *ast.CallExpr:
		switch {
		case isSel(e.Fun, "Sprintf") && len(e.Args) > 0:
			if lit, ok := stringLit(e.Args[0]); ok {
				text, pieces := renderFormat(lit)
				return evaluated{text, pieces}
			}
		case isIdent(e.Fun, "quote") || isSel(e.Fun, "Quote"):
			return evaluated{`"x"`, nil}
		case isIdent(e.Fun, "itoa") || isSel(e.Fun, "Itoa"):
			return evaluated{"1", nil}
		}
	}
	return evaluated{"x", nil}
}

// renderFormat renders a format with "x" for %s and %v, "x" quoted for %q
// and 1 for %d, and returns its literal pieces.
func renderFormat(f string) (string, []string) {
	var b, lit strings.Builder
	var pieces []string
	flush := func() {
		if lit.Len() > 0 {
			pieces = append(pieces, lit.String())
			lit.Reset()
		}
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 == len(f) {
			b.WriteByte(f[i])
			lit.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case '%':
			b.WriteByte('%')
			lit.WriteByte('%')
			continue
		case 'q':
			b.WriteString(`"x"`)
		case 'd':
			b.WriteString("1")
		default:
			b.WriteString("x")
		}
		flush()
	}
	flush()
	return b.String(), pieces
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isSel(e ast.Expr, name string) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && s.Sel.Name == name
}

// TestCatalogWellFormed checks that every format compiles, that no English
// format is listed twice, and that every Japanese format keeps every piece
// (file names, keys, IDs and values must not get lost in translation).
func TestCatalogWellFormed(t *testing.T) {
	for name, src := range map[string][][2]string{"messages": messages, "terms": terms} {
		if _, err := compileCatalog(src); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		seen := map[string]bool{}
		for _, p := range src {
			if seen[p[0]] {
				t.Errorf("%s: %q is listed twice", name, p[0])
			}
			seen[p[0]] = true
			e, err := compileEntry(p[0], p[1])
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			refs, _ := e.jaRefs()
			used := map[int]bool{}
			for _, r := range refs {
				used[r] = true
			}
			for i := 0; i < e.nargs; i++ {
				if !used[i] {
					t.Errorf("%s: %q drops piece %d in %q", name, p[0], i+1, p[1])
				}
			}
			if p[0] == p[1] {
				t.Errorf("%s: %q is not translated", name, p[0])
			}
		}
	}
	if len(messages) < 100 {
		t.Errorf("only %d messages", len(messages))
	}
}

// TestJapaneseExamples checks real diagnostics, taken from runs of
// `go run ./generator/cmd/tebiki check` on copies of the project with mistakes in them,
// in English (as String renders them) and in Japanese.
func TestJapaneseExamples(t *testing.T) {
	at := func(file string, line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	tests := []struct {
		d      Diagnostic
		en, ja string
	}{
		{
			Diagnostic{at("rules/sanda/city.yaml", 3, 3), "missing English translation (en)", `add a line "en: …" with the English text`},
			`rules/sanda/city.yaml:3:3: missing English translation (en) (add a line "en: …" with the English text)`,
			`rules/sanda/city.yaml:3:3: 英語の訳（en）がありません（英語の文を「en: …」の行で追加してください）`,
		},
		{
			Diagnostic{at("rules/sanda/city.yaml", 8, 1), `unknown key "wieght"`, `did you mean "weight"?`},
			`rules/sanda/city.yaml:8:1: unknown key "wieght" (did you mean "weight"?)`,
			`rules/sanda/city.yaml:8:1: 不明なキー "wieght" です（"weight" の書き間違いではありませんか？）`,
		},
		{
			Diagnostic{at("rules/sanda/city.yaml", 19, 9), `time "9:00" is not valid`, "write times as HH:MM, for example 08:30"},
			`rules/sanda/city.yaml:19:9: time "9:00" is not valid (write times as HH:MM, for example 08:30)`,
			`rules/sanda/city.yaml:19:9: 時刻 "9:00" は正しくありません（時刻は HH:MM の形で、例えば 08:30 のように書いてください）`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 2, 1), `unknown office "city_hal" (offices are listed in rules/sanda/city.yaml)`, `did you mean "city_hall"?`},
			`rules/sanda/renewal.yaml:2:1: unknown office "city_hal" (offices are listed in rules/sanda/city.yaml) (did you mean "city_hall"?)`,
			`rules/sanda/renewal.yaml:2:1: 不明な窓口 "city_hal" です。窓口は rules/sanda/city.yaml に書かれています（"city_hall" の書き間違いではありませんか？）`,
		},
		{
			Diagnostic{Pos{File: "content/notes.txt"}, "unexpected file", "content/ holds only Markdown pages named NAME.ja.md and NAME.en.md"},
			`content/notes.txt: unexpected file (content/ holds only Markdown pages named NAME.ja.md and NAME.en.md)`,
			`content/notes.txt: ここには置けないファイルです（content/ には NAME.ja.md と NAME.en.md という名前の Markdown のページだけを置いてください）`,
		},
		{
			Diagnostic{at("content/sanda/issuance.ja.md", 1, 1), "missing translation: this page has no English version", "create content/sanda/issuance.en.md with the translation"},
			`content/sanda/issuance.ja.md:1:1: missing translation: this page has no English version (create content/sanda/issuance.en.md with the translation)`,
			`content/sanda/issuance.ja.md:1:1: 訳がありません：このページの英語版がありません（訳を書いた content/sanda/issuance.en.md を作成してください）`,
		},
		{
			Diagnostic{at("rules/sakuragawa/renewal.test.yaml", 8, 7), `rule test "too early, computed from the issue date and birthday": expected outcome "nope_x", got "not_yet"`, ""},
			`rules/sakuragawa/renewal.test.yaml:8:7: rule test "too early, computed from the issue date and birthday": expected outcome "nope_x", got "not_yet"`,
			`rules/sakuragawa/renewal.test.yaml:8:7: ルールテスト "too early, computed from the issue date and birthday"：結果は "nope_x" のはずですが、"not_yet" になりました`,
		},
		{
			Diagnostic{at("rules/sakuragawa/renewal.test.yaml", 7, 14), `rule test "too early, computed from the issue date and birthday": answers say validity=open, but the dates give too_early`, ""},
			`rules/sakuragawa/renewal.test.yaml:7:14: rule test "too early, computed from the issue date and birthday": answers say validity=open, but the dates give too_early`,
			`rules/sakuragawa/renewal.test.yaml:7:14: ルールテスト "too early, computed from the issue date and birthday"：回答は validity=open ですが、日付からは too_early になります`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 38, 14), `question "who" has no answer "proxi"; its answers are self, proxy`, ""},
			`rules/sanda/renewal.yaml:38:14: question "who" has no answer "proxi"; its answers are self, proxy`,
			`rules/sanda/renewal.yaml:38:14: 質問 "who" に回答 "proxi" はありません。回答は self, proxy です`,
		},
		{
			Diagnostic{at("content/sanda/renewal.en.md", 2, 1), `updated "2027-13-01" is not a date`, "write dates as YYYY-MM-DD, for example 2027-04-01"},
			`content/sanda/renewal.en.md:2:1: updated "2027-13-01" is not a date (write dates as YYYY-MM-DD, for example 2027-04-01)`,
			`content/sanda/renewal.en.md:2:1: updated の "2027-13-01" は日付ではありません（日付は YYYY-MM-DD の形で、例えば 2027-04-01 のように書いてください）`,
		},
		{
			Diagnostic{at("rules/sanda/city.yaml", 4, 1), "YAML syntax error: did not find expected ',' or ']'", "check indentation, colons and quotes on this line and the one before"},
			`rules/sanda/city.yaml:4:1: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)`,
			`rules/sanda/city.yaml:4:1: YAML の書き方に誤りがあります：「,」か「]」が見つかりません（この行と前の行の字下げ、コロン（:）、引用符を確かめてください）`,
		},
		{
			Diagnostic{at("rules/sanda/issuance.yaml", 53, 13), `unknown document "photo_id" (define it in rules/sanda/city.yaml or rules/national.yaml)`, "known: card, jlis_form, mailed_form"},
			`rules/sanda/issuance.yaml:53:13: unknown document "photo_id" (define it in rules/sanda/city.yaml or rules/national.yaml) (known: card, jlis_form, mailed_form)`,
			`rules/sanda/issuance.yaml:53:13: 不明な書類 "photo_id" です。rules/sanda/city.yaml か rules/national.yaml で定義してください（使えるもの：card, jlis_form, mailed_form）`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 2, 1), `no outcome for the answers validity=too_early; add an outcome whose "when" covers them`, ""},
			`rules/sanda/renewal.yaml:2:1: no outcome for the answers validity=too_early; add an outcome whose "when" covers them`,
			`rules/sanda/renewal.yaml:2:1: 回答 validity=too_early に当てはまる結果がありません。この回答を "when" に含む結果を追加してください`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 62, 5), `the answers validity=open, who=self reach more than one outcome: not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5); make their "when" exclusive`, ""},
			`rules/sanda/renewal.yaml:62:5: the answers validity=open, who=self reach more than one outcome: not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5); make their "when" exclusive`,
			`rules/sanda/renewal.yaml:62:5: 回答 validity=open, who=self が複数の結果に当てはまります：not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5)。"when" が重ならないようにしてください`,
		},
		{
			Diagnostic{at("content/sanda/renewal.ja.md", 9, 1), "link to a page that does not exist: nothere.md", "check the file name; links are relative to this file"},
			`content/sanda/renewal.ja.md:9:1: link to a page that does not exist: nothere.md (check the file name; links are relative to this file)`,
			`content/sanda/renewal.ja.md:9:1: 存在しないページへのリンクです：nothere.md（ファイル名を確かめてください。リンクはこのファイルからの相対パスです）`,
		},
		{
			Diagnostic{at("content/sanda/renewal.ja.md", 11, 1), "raw HTML", "write it in Markdown; raw HTML is not allowed in content"},
			`content/sanda/renewal.ja.md:11:1: raw HTML (write it in Markdown; raw HTML is not allowed in content)`,
			`content/sanda/renewal.ja.md:11:1: HTML が直接書かれています（Markdown で書いてください。content には HTML を直接書けません）`,
		},
		{
			Diagnostic{at("content/sanda/renewal.ja.md", 13, 1), `link "ftp://example.com/" uses the scheme "ftp"`, "only http, https, mailto and tel links are allowed"},
			`content/sanda/renewal.ja.md:13:1: link "ftp://example.com/" uses the scheme "ftp" (only http, https, mailto and tel links are allowed)`,
			`content/sanda/renewal.ja.md:13:1: リンク "ftp://example.com/" のスキーム "ftp" は使えません（リンクに使えるのは http、https、mailto、tel だけです）`,
		},
		{
			Diagnostic{at("content/sanda/renewal.ja.md", 15, 1), `link "/abs.md" starts with /`, "link to the Markdown file by its relative path, for example ../sanda/renewal.md"},
			`content/sanda/renewal.ja.md:15:1: link "/abs.md" starts with / (link to the Markdown file by its relative path, for example ../sanda/renewal.md)`,
			`content/sanda/renewal.ja.md:15:1: リンク "/abs.md" が / で始まっています（リンク先の Markdown ファイルを相対パスで書いてください。例：../sanda/renewal.md）`,
		},
		{
			Diagnostic{at("rules/sanda/city.yaml", 8, 9), `expected a whole number, found "two"`, ""},
			`rules/sanda/city.yaml:8:9: expected a whole number, found "two"`,
			`rules/sanda/city.yaml:8:9: 整数を書く所に "two" が書かれています`,
		},
		{
			Diagnostic{at("rules/sanda/city.yaml", 31, 10), "expected text, found a list", ""},
			`rules/sanda/city.yaml:31:10: expected text, found a list`,
			`rules/sanda/city.yaml:31:10: 文字列を書く所にリストが書かれています`,
		},
		// The decision core's errors carry their own position (site/flow.go
		// and rule tests print them with %v).
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 2, 1), "rules/sanda/renewal.yaml:2:1: no outcome matches the answers validity=open, who=self", ""},
			`rules/sanda/renewal.yaml:2:1: rules/sanda/renewal.yaml:2:1: no outcome matches the answers validity=open, who=self`,
			`rules/sanda/renewal.yaml:2:1: rules/sanda/renewal.yaml:2:1: 回答 validity=open, who=self に当てはまる結果がありません`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.test.yaml", 3, 5), `rule test "proxy": rules/sanda/renewal.yaml:9:5: question who has no answer "proxi"`, ""},
			`rules/sanda/renewal.test.yaml:3:5: rule test "proxy": rules/sanda/renewal.yaml:9:5: question who has no answer "proxi"`,
			`rules/sanda/renewal.test.yaml:3:5: ルールテスト "proxy"：rules/sanda/renewal.yaml:9:5: 質問 who に回答 "proxi" はありません`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.test.yaml", 12, 7), `rule test "self": the ja outcome does not say "三田市役所"`, ""},
			`rules/sanda/renewal.test.yaml:12:7: rule test "self": the ja outcome does not say "三田市役所"`,
			`rules/sanda/renewal.test.yaml:12:7: ルールテスト "self"：日本語の結果に "三田市役所" が書かれていません`,
		},
		{
			Diagnostic{at("rules/national.yaml", 40, 5), `document "card" is redeclared; first declared at rules/national.yaml:12:5`, ""},
			`rules/national.yaml:40:5: document "card" is redeclared; first declared at rules/national.yaml:12:5`,
			`rules/national.yaml:40:5: 書類 "card" が2回定義されています。最初の定義は rules/national.yaml:12:5 です`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 20, 9), `answer "self" is redeclared in question "who"; first declared at rules/sanda/renewal.yaml:18:9`, ""},
			`rules/sanda/renewal.yaml:20:9: answer "self" is redeclared in question "who"; first declared at rules/sanda/renewal.yaml:18:9`,
			`rules/sanda/renewal.yaml:20:9: 質問 "who" に回答 "self" が2回書かれています。最初の定義は rules/sanda/renewal.yaml:18:9 です`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.yaml", 30, 5), `question "who" depends on "form", which is asked after it; move it below`, ""},
			`rules/sanda/renewal.yaml:30:5: question "who" depends on "form", which is asked after it; move it below`,
			`rules/sanda/renewal.yaml:30:5: 質問 "who" が、後で聞く質問 "form" の回答を条件にしています。"who" を "form" より下に移してください`,
		},
		{
			Diagnostic{Pos{File: "rules/sanda/renewal.yaml"}, "no content page for the procedure sanda/renewal", "create content/sanda/renewal.ja.md and its English version (.en.md)"},
			`rules/sanda/renewal.yaml: no content page for the procedure sanda/renewal (create content/sanda/renewal.ja.md and its English version (.en.md))`,
			`rules/sanda/renewal.yaml: 手続き sanda/renewal のページが content にありません（content/sanda/renewal.ja.md と、その英語版（.en.md）を作成してください）`,
		},
		{
			Diagnostic{at("themes/default/layouts/guide.html", 12, 20), `missing translation: no UI string "print"`, `add "print: …" to every file in themes/default/i18n`},
			`themes/default/layouts/guide.html:12:20: missing translation: no UI string "print" (add "print: …" to every file in themes/default/i18n)`,
			`themes/default/layouts/guide.html:12:20: 訳がありません：画面の文言 "print" がありません（themes/default/i18n のすべてのファイルに「print: …」を追加してください）`,
		},
		{
			Diagnostic{at("rules/sanda/renewal.test.yaml", 20, 7), `rule test "fee": expected a fee of 300 yen, got no stated fee`, ""},
			`rules/sanda/renewal.test.yaml:20:7: rule test "fee": expected a fee of 300 yen, got no stated fee`,
			`rules/sanda/renewal.test.yaml:20:7: ルールテスト "fee"：手数料は 300 円のはずですが、手数料の記載なしになりました`,
		},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.en {
			t.Errorf("String:\n got %s\nwant %s", got, tt.en)
		}
		if got := tt.d.StringIn("en"); got != tt.en {
			t.Errorf("StringIn(en):\n got %s\nwant %s", got, tt.en)
		}
		if got := Localize(tt.d, "en"); got != tt.d {
			t.Errorf("Localize(en) changed %v to %v", tt.d, got)
		}
		if got := tt.d.StringIn("ja"); got != tt.ja {
			t.Errorf("StringIn(ja):\n got %s\nwant %s", got, tt.ja)
		}
	}
}

func TestErrorStringIn(t *testing.T) {
	e := &Error{Items: []Diagnostic{
		{Pos: Pos{File: "a.yaml", Line: 1, Col: 1}, Msg: "the file is empty"},
		{Pos: Pos{File: "b.yaml", Line: 2, Col: 3}, Msg: `missing key "id"`, Hint: "add it"},
	}}
	if got := e.StringIn("en"); got != e.Error() {
		t.Errorf("StringIn(en) = %q, want %q", got, e.Error())
	}
	want := "a.yaml:1:1: ファイルが空です\nb.yaml:2:3: キー \"id\" がありません（追加してください）"
	if got := e.StringIn("ja"); got != want {
		t.Errorf("StringIn(ja) = %q, want %q", got, want)
	}
}

func TestUnknownStaysEnglish(t *testing.T) {
	for _, d := range []Diagnostic{
		{Pos: Pos{File: "x"}, Msg: "something nobody has written a translation for", Hint: "really"},
		{Pos: Pos{File: "x"}, Msg: "cannot read: open content/a.md: permission denied"}, // the error itself stays English
		{Pos: Pos{File: "x"}, Msg: `unknown key "a" and more`},                          // anchored: no partial matches
		{Pos: Pos{File: "x"}, Msg: "x.yaml:1:2: not a known message"},                   // a position alone is not enough
		{Pos: Pos{File: "x"}, Msg: ""},
	} {
		got := Localize(d, "ja")
		switch d.Msg {
		case "cannot read: open content/a.md: permission denied":
			if got.Msg != "読み込めません：open content/a.md: permission denied" {
				t.Errorf("got %q", got.Msg)
			}
		default:
			if got != d {
				t.Errorf("Localize(%q) = %q, want it unchanged", d.Msg, got.Msg)
			}
		}
	}
	// An unknown hint keeps its English text, in Japanese parentheses.
	d := Diagnostic{Pos: Pos{File: "f", Line: 1}, Msg: "the file is empty", Hint: "some new hint"}
	if got, want := d.StringIn("ja"), "f:1: ファイルが空です（some new hint）"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Pieces that are not listed terms are kept as they are.
	if got, want := localizeMessage("no content page for news/2027"), "news/2027 のページが content にありません"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := localizeMessage(`expected text, found "abc"`), `文字列を書く所に "abc" が書かれています`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLangFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{nil, "en"},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "ja"}, "ja"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_US.UTF-8"}, "ja"},
		{map[string]string{"LC_MESSAGES": "C", "LANG": "ja_JP.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "C", "LANG": "C"}, "ja"},
		{map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "JA_JP"}, "en"}, // locale names are case-sensitive
	}
	for _, tt := range tests {
		if got := LangFromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("LangFromEnv(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
	if got := LangFromEnv(nil); got != "en" {
		t.Errorf("LangFromEnv(nil) = %q", got)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		n          int
		lang, want string
	}{
		{3, "en", "tebiki: 3 problem(s); nothing was written"},
		{1, "en", "tebiki: 1 problem(s); nothing was written"},
		{3, "ja", "tebiki: 3件の問題があります。何も書き出していません"},
		{12, "ja", "tebiki: 12件の問題があります。何も書き出していません"},
		{2, "fr", "tebiki: 2 problem(s); nothing was written"},
	}
	for _, tt := range tests {
		if got := Summary(tt.n, tt.lang); got != tt.want {
			t.Errorf("Summary(%d, %q) = %q, want %q", tt.n, tt.lang, got, tt.want)
		}
	}
}
