package site_test

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// Adding a language is data only. testdata/fourlang.txtar is the site of
// single.txtar in four languages: its tebiki.yaml lists ja, en, vi and pt
// (whose pages live in pt-br/ and say lang="pt-BR"); its rules, rule tests,
// content pages and theme strings have every text in every language, and
// the theme gives all the patterns (fmt.*) of the two languages Tebiki has
// none built in for. No Go code knows Vietnamese or Portuguese.
//
//	UPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run FourLangGolden
//
// rewrites testdata/fourlang.golden/; inspect the diff before committing it.

// fourLang is a language of the fixture as its pages must show it.
type fourLang struct{ code, dir, htmlLang, hreflang, name string }

// fourLangs are the fixture's languages, in the order of its tebiki.yaml.
var fourLangs = []fourLang{
	{"ja", "ja", "ja", "ja", "日本語"},
	{"en", "en", "en", "en", "English"},
	{"vi", "vi", "vi", "vi", "Tiếng Việt"},
	{"pt", "pt-br", "pt-BR", "pt-BR", "Português"},
}

// loadFourLang reads testdata/fourlang.txtar as an in-memory project, with
// its tebiki.yaml (loadFixture leaves that file out: it takes every file
// outside a folder for an instruction to the test).
func loadFourLang(t testing.TB) fstest.MapFS {
	t.Helper()
	_, files := readTxtar(t, filepath.Join("testdata", "fourlang.txtar"))
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	if m["tebiki.yaml"] == nil {
		t.Fatal("fourlang.txtar has no tebiki.yaml")
	}
	return m
}

// TestFourLangGolden builds the fixture and compares the whole output with
// testdata/fourlang.golden/, as TestGolden does for the other fixtures.
func TestFourLangGolden(t *testing.T) {
	out, res := buildSite(t, loadFourLang(t), "t")
	got := readTree(t, out)
	var size int64
	for _, b := range got {
		size += int64(len(b))
	}
	if res.Files != len(got) || res.Pages != len(htmlPages(got)) || res.Bytes != size {
		t.Errorf("Result = %d pages, %d files, %d bytes; the output has %d pages, %d files, %d bytes",
			res.Pages, res.Files, res.Bytes, len(htmlPages(got)), len(got), size)
	}
	dir := filepath.Join("testdata", "fourlang.golden")
	if updating() {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, b := range got {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("rewrote %s; inspect the diff (git diff -- %s) before committing", dir, dir)
		return
	}
	if !compareTrees(t, "output vs "+dir, readTree(t, dir), got) {
		t.Errorf("the built site differs from %s.\nIf the change is intended, run\n\tUPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run FourLangGolden\nand inspect the diff before committing it.", dir)
	}
}

// TestFourLangPages: every page exists in the four languages, in the
// folder tebiki.yaml gives (pt-br/ for pt), says its language's html_lang,
// has one alternate per language (hreflang, in the site's order) to its
// counterpart, and a language switch to the three others, each by its name
// in itself.
func TestFourLangPages(t *testing.T) {
	fsys := loadFourLang(t)
	out, _ := buildSite(t, fsys, "t")
	files := readTree(t, out)

	perLang := map[string]int{}
	for _, p := range htmlPages(files) {
		perLang[strings.SplitN(p, "/", 2)[0]]++
	}
	if n := perLang["ja"]; n < 15 || perLang["en"] != n || perLang["vi"] != n || perLang["pt-br"] != n || perLang["index.html"] != 1 || len(perLang) != 5 {
		t.Errorf("pages per top folder: %v; want the root page and as many in each of ja, en, vi and pt-br (at least 15)", perLang)
	}
	for _, p := range fourLangProblems(files) {
		t.Error(p)
	}
	// The repository's own link check, with the languages of tebiki.yaml.
	for _, p := range checkSiteLangs(files, siteLangs(fsys)) {
		t.Error(p)
	}

	// The checks above catch each kind of mistake.
	page := "vi/ichi/renewal/index.html"
	if _, ok := files[page]; !ok {
		t.Fatalf("no page %s", page)
	}
	for _, c := range []struct{ name, old, new, want string }{
		{"html lang", `<html lang="vi">`, `<html lang="vi-VN">`, page + `: <html lang="vi-VN">; want "vi"`},
		{"alternate missing",
			`<link rel="alternate" hreflang="pt-BR" href="../../../pt-br/ichi/renewal/index.html">`, ``,
			page + `: alternates [ja→ja/ichi/renewal/index.html en→en/ichi/renewal/index.html vi→vi/ichi/renewal/index.html]; want [ja→ja/ichi/renewal/index.html en→en/ichi/renewal/index.html vi→vi/ichi/renewal/index.html pt-BR→pt-br/ichi/renewal/index.html]`},
		{"alternate by code",
			`hreflang="pt-BR" href="../../../pt-br/ichi/renewal/index.html">`, `hreflang="pt" href="../../../pt-br/ichi/renewal/index.html">`,
			page + `: alternates [ja→ja/ichi/renewal/index.html en→en/ichi/renewal/index.html vi→vi/ichi/renewal/index.html pt→pt-br/ichi/renewal/index.html]; want [ja→ja/ichi/renewal/index.html en→en/ichi/renewal/index.html vi→vi/ichi/renewal/index.html pt-BR→pt-br/ichi/renewal/index.html]`},
		{"switch by code", `lang="pt-BR">Português</a>`, `lang="pt-BR">pt</a>`,
			page + `: language switch [ja 日本語 ja/ichi/renewal/index.html, en English en/ichi/renewal/index.html, pt-BR pt pt-br/ichi/renewal/index.html]; want [ja 日本語 ja/ichi/renewal/index.html, en English en/ichi/renewal/index.html, pt-BR Português pt-br/ichi/renewal/index.html]`},
	} {
		t.Run("catches "+c.name, func(t *testing.T) {
			doctored := map[string][]byte{}
			for k, v := range files {
				doctored[k] = v
			}
			s := string(files[page])
			if strings.Count(s, c.old) != 1 {
				t.Fatalf("%s holds %q %d times; want once", page, c.old, strings.Count(s, c.old))
			}
			doctored[page] = []byte(strings.Replace(s, c.old, c.new, 1))
			if got := fourLangProblems(doctored); !slices.Equal(got, []string{c.want}) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}

var (
	htmlLangRe  = regexp.MustCompile(`<html lang="([^"]*)"`)
	alternateRe = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">`)
	navRe       = regexp.MustCompile(`(?s)<nav>.*?</nav>`)
	switchRe    = regexp.MustCompile(`<a href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)">([^<]*)</a>`)
)

// fourLangProblems checks the languages of every page of the fixture's
// output: its html lang, its alternates and its language switch.
func fourLangProblems(files map[string][]byte) []string {
	var problems []string
	for _, p := range htmlPages(files) {
		page := string(files[p])
		lang, rest := fourLangs[0], "" // the root page is in the main language
		if first, r, ok := strings.Cut(p, "/"); ok {
			i := slices.IndexFunc(fourLangs, func(l fourLang) bool { return l.dir == first })
			if i < 0 {
				problems = append(problems, p+": in no language's folder")
				continue
			}
			lang, rest = fourLangs[i], r
		}
		// counterpart is the page in l, as a path from the site's root.
		counterpart := func(l fourLang) string {
			if rest == "" {
				return l.dir + "/index.html"
			}
			return l.dir + "/" + rest
		}
		resolve := func(href string) string { return path.Join(path.Dir(p), href) }

		if m := htmlLangRe.FindStringSubmatch(page); m == nil || m[1] != lang.htmlLang {
			got := "(none)"
			if m != nil {
				got = m[1]
			}
			problems = append(problems, p+": <html lang=\""+got+"\">; want \""+lang.htmlLang+"\"")
		}

		var alts, wantAlts []string
		for _, m := range alternateRe.FindAllStringSubmatch(page, -1) {
			alts = append(alts, m[1]+"→"+resolve(m[2]))
		}
		for _, l := range fourLangs {
			wantAlts = append(wantAlts, l.hreflang+"→"+counterpart(l))
			if _, ok := files[counterpart(l)]; !ok {
				problems = append(problems, p+": has no counterpart "+counterpart(l))
			}
		}
		if !slices.Equal(alts, wantAlts) {
			problems = append(problems, p+": alternates ["+strings.Join(alts, " ")+"]; want ["+strings.Join(wantAlts, " ")+"]")
		}

		var switches, wantSwitches []string
		for _, m := range switchRe.FindAllStringSubmatch(navRe.FindString(page), -1) {
			if m[2] != m[3] {
				problems = append(problems, p+": switch link with hreflang "+m[2]+" and lang "+m[3])
			}
			switches = append(switches, m[2]+" "+m[4]+" "+resolve(m[1]))
		}
		for _, l := range fourLangs {
			if l != lang {
				wantSwitches = append(wantSwitches, l.hreflang+" "+l.name+" "+counterpart(l))
			}
		}
		if !slices.Equal(switches, wantSwitches) {
			problems = append(problems, p+": language switch ["+strings.Join(switches, ", ")+"]; want ["+strings.Join(wantSwitches, ", ")+"]")
		}
	}
	return problems
}

// TestFourLangMissingText: a text missing in any of the four languages
// fails the build, at its position and naming the language. Each case
// removes one line of the fixture (or one file) and lists every line the
// build must report.
func TestFourLangMissingText(t *testing.T) {
	cases := []struct {
		name   string
		file   string // the file to change
		remove string // the line to remove ("" to delete the file)
		want   []string
	}{
		{
			name: "vi text in rules", file: "rules/ichi/city.yaml", remove: "      vi: Phòng Công dân\n",
			want: []string{`rules/ichi/city.yaml:19:7: missing text in language "vi" (add a line "vi: …" with the text in that language)`},
		},
		{
			name: "pt words a rule test's outcome says", file: "rules/ichi/renewal.test.yaml", remove: "        pt: [Divisão de Cidadãos]\n",
			want: []string{`rules/ichi/renewal.test.yaml:43:9: missing text in language "pt" (add a line "pt: …" with the text in that language)`},
		},
		{
			name: "pt content page", file: "content/ichi/renewal.pt.md",
			want: []string{`content/ichi/renewal.ja.md:1:1: missing translation: this page has no version in language "pt" (create content/ichi/renewal.pt.md with the translation)`},
		},
		{
			// Reported at the key in each language that has it.
			name: "vi theme string", file: "themes/t/i18n/vi.yaml", remove: "offices: Địa điểm và giờ tiếp nhận\n",
			want: []string{
				`themes/t/i18n/en.yaml:6:1: missing translation: "offices" has no vi text (add "offices: …" to themes/t/i18n/vi.yaml)`,
				`themes/t/i18n/ja.yaml:6:1: missing translation: "offices" has no vi text (add "offices: …" to themes/t/i18n/vi.yaml)`,
				`themes/t/i18n/pt.yaml:6:1: missing translation: "offices" has no vi text (add "offices: …" to themes/t/i18n/vi.yaml)`,
			},
		},
		{
			name: "pt pattern (fmt.*)", file: "themes/t/i18n/pt.yaml", remove: "fmt.fee.yen: \"Taxa: {yen} ienes\"\n",
			want: []string{`themes/t/i18n/pt.yaml:1:1: missing translation: no UI string "fmt.fee.yen" in language "pt" (add "fmt.fee.yen: …" to themes/t/i18n/pt.yaml)`},
		},
		{
			name: "en text in rules", file: "rules/national.yaml", remove: "      en: Issuing certificates\n",
			want: []string{`rules/national.yaml:23:7: missing text in language "en" (add a line "en: …" with the text in that language)`},
		},
		{
			name: "ja text in rules", file: "rules/ichi/issuance.yaml", remove: "          ja: 1回目\n",
			want: []string{`rules/ichi/issuance.yaml:42:11: missing text in language "ja" (add a line "ja: …" with the text in that language)`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := loadFourLang(t)
			f := fsys[c.file]
			if f == nil {
				t.Fatalf("the fixture has no %s", c.file)
			}
			if c.remove == "" {
				delete(fsys, c.file)
			} else {
				src := string(f.Data)
				if n := strings.Count(src, c.remove); n != 1 {
					t.Fatalf("%s holds %q %d times; want once", c.file, c.remove, n)
				}
				fsys[c.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, c.remove, "", 1)), Mode: 0o644}
			}
			out, untouched := prepareOut(t)
			_, err := site.Build(site.Options{Src: fsys, Out: out, Theme: "t"})
			got := diagLines(t, err)
			untouched()
			switch {
			case slices.Equal(got, c.want):
			default:
				t.Errorf("the build reports\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
