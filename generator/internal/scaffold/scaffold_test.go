package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/todo"
)

// project copies the sample project's inputs into a temporary folder.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "rules", "themes", "tebiki.yaml", "glossary.yaml"} {
		if strings.HasSuffix(sub, ".yaml") {
			b, err := os.ReadFile(filepath.Join("..", "..", "..", sub))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, sub), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// problems loads the project as check does and returns its problems.
func problems(t *testing.T, root string) []diag.Diagnostic {
	t.Helper()
	errs := &diag.List{}
	s := site.Load(os.DirFS(root), "default", errs)
	if errs.Len() == 0 {
		s.Render(1, errs)
	} else {
		s.CheckContent(errs)
	}
	return errs.Items()
}

func read(t *testing.T, root, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, p))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineAfter returns the line that follows line n (1-based) of text.
func lineAfter(text string, n int) string {
	lines := strings.Split(text, "\n")
	if n < len(lines) {
		return lines[n]
	}
	return ""
}

func TestNewCityCopiesRenamesAndMarks(t *testing.T) {
	root := project(t)
	res, err := City(root, "kaku", "sanda", Names{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"rules/kaku/city.yaml", "rules/kaku/renewal.yaml", "rules/kaku/renewal.test.yaml", "rules/kaku/issuance.yaml", "rules/kaku/issuance.test.yaml", "content/kaku/_index.ja.md", "content/kaku/_index.en.md", "content/kaku/renewal.ja.md", "content/kaku/issuance.en.md"} {
		if !strings.Contains(strings.Join(res.Files, " "), f) {
			t.Errorf("%s not written (wrote %v)", f, res.Files)
		}
	}
	city := read(t, root, "rules/kaku/city.yaml")
	for _, s := range []string{"三田", "Sanda", "sanda"} {
		if strings.Contains(city, s) {
			t.Errorf("rules/kaku/city.yaml still names the old city (%q)", s)
		}
	}
	if !strings.Contains(city, "en: Kaku City (TODO市)") || !strings.Contains(city, "weight: 3") {
		t.Errorf("name or weight not set:\n%s", city)
	}

	// The check refuses, naming every marker; every one of them is in
	// the new city's files, and each fact is marked.
	got := problems(t, root)
	if len(got) == 0 {
		t.Fatal("check finds nothing in a fresh copy")
	}
	marked := map[string]bool{}
	for _, d := range got {
		if !todo.Is(d) {
			t.Errorf("a problem other than a TODO marker: %s", d)
			continue
		}
		if !strings.HasPrefix(d.Pos.File, "rules/kaku/") && !strings.HasPrefix(d.Pos.File, "content/kaku/") {
			t.Errorf("marker outside the new city: %s", d)
		}
		if d.Pos.Line == 0 || d.Pos.Col == 0 {
			t.Errorf("marker without a position: %s", d)
		}
		if strings.HasPrefix(d.Pos.File, "rules/kaku/city.yaml") && strings.HasPrefix(d.Msg.String(), "unfinished: TODO: ") {
			key := strings.TrimSpace(strings.SplitN(lineAfter(city, d.Pos.Line), ":", 2)[0])
			marked[key] = true
		}
		if strings.HasSuffix(d.Pos.File, ".md") && strings.Contains(d.Msg.String(), "rewrite this page") {
			marked[d.Pos.File] = true
		}
		if strings.HasSuffix(d.Pos.File, ".test.yaml") || strings.HasSuffix(d.Pos.File, "/renewal.yaml") {
			marked[d.Pos.File] = true // the rule tests and procedures name the city too
		}
	}
	for _, k := range []string{"name", "prefecture", "building", "counter", "hours", "note", "address", "phone", "fax", "documents", "content/kaku/renewal.en.md", "content/kaku/_index.en.md", "rules/kaku/renewal.test.yaml", "rules/kaku/renewal.yaml"} {
		if !marked[k] {
			t.Errorf("no TODO marker for %s", k)
		}
	}
	for _, f := range []string{"rules/kaku/renewal.yaml", "rules/kaku/issuance.yaml"} {
		text := read(t, root, f)
		for _, k := range []string{"offices", "notes", "outcomes"} {
			if !regexp.MustCompile(`(?m)^# TODO: .*\n` + k + `:`).MatchString(text) {
				t.Errorf("%s: no TODO marker above %s", f, k)
			}
		}
	}

	// Once staff fill in the facts, the site builds: rules, rule tests
	// and pages of the copy are consistent.
	for _, f := range res.Files {
		text := read(t, root, f)
		text = regexp.MustCompile(`(?m)^ *# TODO: .*\n`).ReplaceAllString(text, "")
		text = regexp.MustCompile(`(?m)^TODO[:：].*\n\n`).ReplaceAllString(text, "")
		text = strings.ReplaceAll(text, "TODO市", "架空市")
		os.WriteFile(filepath.Join(root, f), []byte(text), 0o644)
	}
	if got := problems(t, root); len(got) != 0 {
		t.Errorf("after the TODOs are filled in, problems remain: %v", got)
	}
}

func TestNewCityWithNames(t *testing.T) {
	root := project(t)
	res, err := City(root, "kaku", "sanda", Names{"ja": "架空市", "en": "Kaku City"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		text := read(t, root, f)
		if strings.Contains(text, "三田") || strings.Contains(text, "Sanda") || strings.Contains(text, "sanda/") {
			t.Errorf("%s still names Sanda", f)
		}
	}
	city := read(t, root, "rules/kaku/city.yaml")
	if !strings.Contains(city, "name:\n  ja: 架空市\n  en: Kaku City (架空市)\n") {
		t.Errorf("the given names are not the city's, or are marked:\n%s", city[:300])
	}
	if !strings.Contains(read(t, root, "rules/kaku/renewal.test.yaml"), "架空市役所") {
		t.Error("the rule tests do not follow the renamed office")
	}
}

func TestNewCityRefuses(t *testing.T) {
	root := project(t)
	before := read(t, root, "rules/sanda/city.yaml")
	for _, tc := range []struct{ id, from, want string }{
		{"Kaku", "sanda", `city ID "Kaku" is not valid`},
		{"../x", "sanda", "is not valid"},
		{"sakuragawa", "sanda", "rules/sakuragawa already exists"},
		{"kaku", "osaka", `there is no city "osaka"`},
	} {
		_, err := City(root, tc.id, tc.from, Names{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("City(%q, %q): %v, want %q", tc.id, tc.from, err, tc.want)
		}
	}
	// content/kaku alone is enough to refuse: nothing is overwritten.
	os.MkdirAll(filepath.Join(root, "content/kaku"), 0o755)
	os.WriteFile(filepath.Join(root, "content/kaku/_index.en.md"), []byte("mine"), 0o644)
	if _, err := City(root, "kaku", "sanda", Names{}); err == nil || !strings.Contains(err.Error(), "content/kaku already exists") {
		t.Errorf("over an existing content folder: %v", err)
	}
	if read(t, root, "content/kaku/_index.en.md") != "mine" || read(t, root, "rules/sanda/city.yaml") != before {
		t.Error("a refused scaffold changed files")
	}
	if _, err := os.Stat(filepath.Join(root, "rules/kaku")); err == nil {
		t.Error("a refused scaffold wrote rules/kaku")
	}
}

func TestNewProcedure(t *testing.T) {
	root := project(t)
	res, err := Procedure(root, "sanda", "renewal2", "sanda", "renewal")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Files, " ") != "content/sanda/renewal2.easy.md content/sanda/renewal2.en.md content/sanda/renewal2.ja.md rules/sanda/renewal2.test.yaml rules/sanda/renewal2.yaml" {
		t.Errorf("wrote %v", res.Files)
	}
	got := problems(t, root)
	files := map[string]bool{}
	for _, d := range got {
		if !todo.Is(d) {
			t.Errorf("a problem other than a TODO marker: %s", d)
		}
		files[d.Pos.File] = true
	}
	for _, f := range []string{"rules/sanda/renewal2.yaml", "content/sanda/renewal2.ja.md", "content/sanda/renewal2.en.md", "content/sanda/renewal2.easy.md"} {
		if !files[f] {
			t.Errorf("no TODO marker in %s", f)
		}
	}
	if !strings.Contains(read(t, root, "rules/sanda/renewal2.yaml"), "# TODO: 手数料 / the fee\n") && strings.Contains(read(t, root, "rules/sanda/renewal.yaml"), "\nfee:") {
		t.Error("the fee is not marked")
	}
	if _, err := Procedure(root, "sanda", "renewal2", "sanda", "renewal"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second scaffold: %v", err)
	}
	// Sakuragawa's procedure names Sakuragawa's offices, which Sanda has
	// not: the copy would not load, so nothing is written.
	_, err = Procedure(root, "sanda", "pin_reset", "sakuragawa", "pin_reset")
	if err == nil || !strings.Contains(err.Error(), `unknown office "iwase"`) {
		t.Errorf("copy across cities with other offices: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "rules/sanda/pin_reset.yaml")); err == nil {
		t.Error("a refused scaffold wrote its rule file")
	}
	if _, err := Procedure(root, "sanda", "x", "sanda", "nope"); err == nil || !strings.Contains(err.Error(), `no procedure "nope"`) {
		t.Errorf("unknown procedure: %v", err)
	}
}

func TestNewProcedureFromAnotherCity(t *testing.T) {
	root := project(t)
	if _, err := City(root, "kana", "sakuragawa", Names{"ja": "仮名市", "en": "Kana City"}); err != nil {
		t.Fatal(err)
	}
	// Sakuragawa's renewal, copied to a city with the same offices: what
	// named Sakuragawa names Kana.
	res, err := Procedure(root, "kana", "renewal2", "sakuragawa", "renewal")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		text := read(t, root, f)
		if strings.Contains(text, "桜川") || strings.Contains(text, "Sakuragawa") || strings.Contains(text, "sakuragawa/") {
			t.Errorf("%s still names Sakuragawa", f)
		}
	}
	if !strings.Contains(read(t, root, "rules/kana/renewal2.test.yaml"), "Kana's certificate renewal") {
		t.Error("the rule tests do not name the new city")
	}
	for _, d := range problems(t, root) {
		if !todo.Is(d) {
			t.Errorf("a problem other than a TODO marker: %s", d)
		}
	}
	// Sanda's offices are not Sakuragawa's: refused, and said why.
	if _, err := Procedure(root, "sakuragawa", "issuance", "sanda", "issuance"); err == nil || !strings.Contains(err.Error(), "unknown office") {
		t.Errorf("copying a procedure whose offices the city lacks: %v", err)
	}
}
