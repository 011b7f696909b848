package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// repo returns the project's own rules/ as an in-memory tree, so tests can
// change one file without touching the working copy.
func repo(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := filepath.Join("..", "..", "..")
	err := filepath.WalkDir(filepath.Join(root, "rules"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "tebiki.yaml")) // the site's languages
	if err != nil {
		t.Fatal(err)
	}
	fsys["tebiki.yaml"] = &fstest.MapFile{Data: b}
	return fsys
}

func load(fsys fstest.MapFS) (*Rules, TestReport, []string) {
	var errs diag.List
	r := Load(fsys, &errs)
	rep := runTests(fsys, r, &errs)
	var out []string
	for _, d := range errs.Items() {
		out = append(out, d.String())
	}
	return r, rep, out
}

// TestRuleFiles runs the project's rule tests: every path of every procedure
// of both cities must be covered and pass.
func TestRuleFiles(t *testing.T) {
	r, rep, errs := load(repo(t))
	for _, e := range errs {
		t.Error(e)
	}
	if len(r.Cities) != 2 {
		t.Errorf("got %d cities, want 2", len(r.Cities))
	}
	paths := 0
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			paths += len(p.Core.Paths())
		}
	}
	if rep.Run < paths || rep.Failed != 0 || rep.Uncovered != 0 {
		t.Errorf("rule tests: %+v for %d paths", rep, paths)
	}
}

func replace(t *testing.T, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(fsys[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func expectErrors(t *testing.T, fsys fstest.MapFS, want ...string) {
	t.Helper()
	_, _, got := load(fsys)
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing error\n  %s\ngot:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d errors, want %d:\n  %s", len(got), len(want), strings.Join(got, "\n  "))
	}
}

func TestRuleTestCatchesAChangedRule(t *testing.T) {
	fsys := repo(t)
	// A city drops the proxy's photo ID from the same-day renewal: the test notices.
	replace(t, fsys, "rules/sanda/renewal.yaml", "          - doc: jlis_form_valid\n          - doc: photo_id\n", "          - doc: jlis_form_valid\n")
	expectErrors(t, fsys,
		`rules/sanda/renewal.test.yaml:82:11: rule test "proxy with the valid sealed form, same day": visit 1: expected to bring [card, jlis_form_valid, photo_id], got [card, jlis_form_valid]`,
		`rules/sanda/renewal.test.yaml:85:9: rule test "proxy with the valid sealed form, same day": the ja outcome does not say "顔写真付き身分証明書"`,
		`rules/sanda/renewal.test.yaml:85:9: rule test "proxy with the valid sealed form, same day": the en outcome does not say "not expired"`,
		`rules/sanda/renewal.test.yaml:85:9: rule test "proxy with the valid sealed form, same day": the easy outcome does not say "顔写真がある身分証明書"`)
}

func TestUncoveredPathIsReported(t *testing.T) {
	fsys := repo(t)
	replace(t, fsys, "rules/sanda/issuance.test.yaml", "answers: {who: self}", "answers: {who: proxy}")
	expectErrors(t, fsys,
		`rules/sanda/issuance.test.yaml:7:7: rule test "holder, same day": expected outcome "self", got "proxy"`,
		`rules/sanda/issuance.test.yaml:1:1: no rule test covers the path who=self (add a test with these answers to rules/sanda/issuance.test.yaml)`)
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		want                 []string
	}{
		{"unknown office", "rules/sanda/issuance.yaml", "offices: [city_hall]", "offices: [cityhall]",
			[]string{`rules/sanda/issuance.yaml:4:11: unknown office "cityhall" (offices are listed in rules/sanda/city.yaml) (did you mean "city_hall"?)`}},
		{"unknown document", "rules/sanda/issuance.yaml", "- doc: photo_id\n      - title", "- doc: photoid\n      - title",
			[]string{`rules/sanda/issuance.yaml:62:13: unknown document "photoid" (define it in rules/sanda/city.yaml or rules/national.yaml) (did you mean "photo_id"?)`}},
		{"same_day typo", "rules/sanda/issuance.yaml", `same_day: "yes"`, `same_day: "yse"`,
			[]string{`rules/sanda/issuance.yaml:35:9: same_day must be yes or no, not "yse" (write "same_day: yes" or "same_day: no", or leave it out where the city does not say)`}},
		{"use names nothing", "rules/sanda/renewal.yaml", "use: issuance.proxy", "use: issuance.proxi",
			[]string{`rules/sanda/renewal.yaml:131:5: use: "issuance.proxi" names no outcome (write it as PROCEDURE.OUTCOME, naming an outcome of this city)`}},
		{"missing English", "rules/sanda/city.yaml", "  ja: 三田市\n  en: Sanda City (三田市)\n", "  ja: 三田市\n",
			[]string{`rules/sanda/city.yaml:4:3: missing text in language "en" (add a line "en: …" with the text in that language)`}},
		{"bad hours", "rules/sanda/city.yaml", `close: "17:30"`, `close: "5:30pm"`,
			[]string{`rules/sanda/city.yaml:24:48: time "5:30pm" is not valid (write times as HH:MM, from 00:00 to 23:59, in quotes, for example "08:30")`}},
		{"unknown procedure kind", "rules/sanda/issuance.yaml", "kind: issuance", "kind: issue",
			[]string{`rules/sanda/issuance.yaml:3:1: unknown procedure kind "issue" (did you mean "issuance"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := repo(t)
			replace(t, fsys, tt.file, tt.old, tt.new)
			expectErrors(t, fsys, tt.want...)
		})
	}
}

// FuzzLoadProcedure feeds arbitrary bytes as a procedure file: loading must
// never panic, and every problem must name the file and, inside it, a line.
// fuzzCity loads the national rules and Sakuragawa's city file once, for
// the fuzz target to load procedures against: parsing them again for every
// input took four fifths of each run.
func fuzzCity(t testing.TB) (*National, *City, decide.Date) {
	base := repo(t)
	fsys := fstest.MapFS{}
	for _, k := range []string{"rules/national.yaml", "rules/sakuragawa/city.yaml", "tebiki.yaml"} {
		fsys[k] = base[k]
	}
	date := config.Default().Today(time.Now())
	var errs diag.List
	nat := loadNational(fsys, date, config.Codes(config.LanguagesOf(fsys)), &errs)
	c := loadCity(fsys, "sakuragawa", nat, date, &errs)
	if err := errs.Err(); err != nil || c == nil {
		t.Fatalf("loading the fuzz target's city: %v", err)
	}
	return nat, c, date
}

// loadFuzzProcedure loads src as the procedure file rules/sakuragawa/fz.yaml
// of a copy of city, and runs its rule tests, as Load and RunTests would.
func loadFuzzProcedure(nat *National, city *City, date decide.Date, src []byte, errs *diag.List) {
	c := *city
	c.Procedures, c.unreadable = nil, nil
	c.Changes = slices.Clip(c.Changes)
	fsys := fstest.MapFS{"rules/sakuragawa/fz.yaml": &fstest.MapFile{Data: src}}
	c.loadProcedures(fsys, nat, []string{"fz.yaml"}, date, true, errs)
	runTests(fsys, &Rules{Date: date, National: nat, Cities: []*City{&c}, Langs: nat.langs}, errs)
}

// The fuzz target's shortcut reports exactly what Load and RunTests report
// for the same project.
func TestFuzzShortcutMatchesLoad(t *testing.T) {
	nat, city, date := fuzzCity(t)
	base := repo(t)
	for _, src := range fuzzSeeds {
		fsys := fstest.MapFS{"rules/sakuragawa/fz.yaml": &fstest.MapFile{Data: src}}
		for _, k := range []string{"rules/national.yaml", "rules/sakuragawa/city.yaml", "tebiki.yaml"} {
			fsys[k] = base[k]
		}
		var want, got diag.List
		runTests(fsys, LoadAt(fsys, date, &want), &want)
		loadFuzzProcedure(nat, city, date, src, &got)
		w, g := fmt.Sprint(want.Items()), fmt.Sprint(got.Items())
		if w != g || want.Len() == 0 {
			t.Errorf("%q:\nLoad reports %s\nthe shortcut %s", src, w, g)
		}
	}
}

var fuzzSeeds = [][]byte{
	// Small seeds: the fuzzer mutates large ones too slowly to be useful here.
	[]byte("kind: issuance\noffices: [iwase]\nquestions:\n  - id: who\n    text: {ja: 誰, en: Who}\n    answers:\n      - id: self\n        label: {ja: 本人, en: Holder}\noutcomes:\n  - id: self\n    when: {who: self}\n    title: {ja: 本人, en: Holder}\n    visits:\n      - same_day: \"yes\"\n        bring:\n          - doc: card\n"),
	[]byte("kind: renewal\noffices: [iwase]\noutcomes:\n  - id: x\n    when: {who: [a, b]}\n    title: {ja: a}\n"),
	[]byte("kind: [\n"),
	[]byte("questions:\n  - id: q\n    ask_if: {q: x}\n    answers: []\n"),
	[]byte("outcomes: &a\n  - *a\n"),
}

func FuzzLoadProcedure(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	nat, city, date := fuzzCity(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		loadFuzzProcedure(nat, city, date, src, &errs)
		for _, d := range errs.Items() {
			if d.Pos.File == "" {
				t.Fatalf("problem without a file: %s", d)
			}
			if d.Pos.File == "rules/sakuragawa/fz.yaml" && d.Pos.Line == 0 {
				t.Fatalf("problem without a line: %s", d)
			}
		}
	})
}

func TestRuleTestCatchesWhereAndFee(t *testing.T) {
	fsys := repo(t)
	replace(t, fsys, "rules/sakuragawa/renewal.yaml", "offices: [iwase, yamato, makabe]\nfee:\n  yen: 0", "offices: [iwase, yamato]\nfee:\n  yen: 200")
	expectErrors(t, fsys,
		`rules/sakuragawa/renewal.test.yaml:22:7: rule test "holder, in the renewal window": expected offices [iwase, yamato, makabe], got [iwase, yamato]`,
		`rules/sakuragawa/renewal.test.yaml:22:7: rule test "holder, in the renewal window": expected a fee of 0 yen, got 200 yen`,
		`rules/sakuragawa/renewal.test.yaml:28:9: rule test "holder, in the renewal window": the ja outcome does not say "真壁庁舎 総合窓口課"`,
		`rules/sakuragawa/renewal.test.yaml:28:9: rule test "holder, in the renewal window": the en outcome does not say "Makabe Government Building"`,
		`rules/sakuragawa/renewal.test.yaml:28:9: rule test "holder, in the renewal window": the easy outcome does not say "真壁庁舎 総合窓口課"`)
}
