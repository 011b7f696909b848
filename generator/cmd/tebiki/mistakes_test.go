package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// mistakeProject copies the sample project's inputs into a temporary folder.
func mistakeProject(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, dir := range []string{"content", "rules", "themes"} {
		err := filepath.Walk(filepath.Join("..", "..", "..", dir), func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", "..", ".."), p)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copySiteFiles(t, filepath.Join("..", "..", ".."), dst)
	return dst
}

func change(t *testing.T, root, file, old, new string) {
	t.Helper()
	p := filepath.Join(root, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMistakesInBothLanguages makes each kind of mistake city staff can make
// and checks the exact positioned message in English and in Japanese (as with
// LANG=ja_JP.UTF-8), the exit code, and that public/ is left untouched.
func TestMistakesInBothLanguages(t *testing.T) {
	tests := []struct {
		name           string
		file, old, new string
		en, ja         string
	}{
		{"YAML syntax", "rules/sanda/city.yaml", "  phone: 079-559-5044", "  phone: [079-559-5044",
			`rules/sanda/city.yaml:39:1: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)`,
			`rules/sanda/city.yaml:39:1: YAML の書き方に誤りがあります：「,」か「]」が見つかりません（この行と前の行の字下げ、コロン（:）、引用符を確かめてください）`},
		{"unknown key", "rules/sanda/city.yaml", "  fax: 079-563-2101", "  facks: 079-563-2101",
			`rules/sanda/city.yaml:40:3: unknown key "facks" (did you mean "fax"?)`,
			`rules/sanda/city.yaml:40:3: 不明なキー "facks" です（"fax" の書き間違いではありませんか？）`},
		{"wrong type", "rules/sakuragawa/renewal.yaml", "fee:\n  yen: 0", "fee:\n  yen: free",
			`rules/sakuragawa/renewal.yaml:6:8: expected a whole number, found "free"`,
			`rules/sakuragawa/renewal.yaml:6:8: 整数を書く所に "free" が書かれています`},
		{"unknown reference", "rules/sanda/issuance.yaml", "offices: [city_hall]", "offices: [city_hal]",
			`rules/sanda/issuance.yaml:4:11: unknown office "city_hal" (offices are listed in rules/sanda/city.yaml) (did you mean "city_hall"?)`,
			`rules/sanda/issuance.yaml:4:11: 不明な窓口 "city_hal" です。窓口は rules/sanda/city.yaml に書かれています（"city_hall" の書き間違いではありませんか？）`},
		{"missing translation in rules", "rules/sanda/city.yaml", "  ja: 三田市\n  en: Sanda City (三田市)\n", "  ja: 三田市\n",
			`rules/sanda/city.yaml:4:3: missing text in language "en" (add a line "en: …" with the text in that language)`,
			`rules/sanda/city.yaml:4:3: 言語 "en" の文がありません（その言語の文を「en: …」の行で追加してください）`},
		{"missing UI string", "themes/default/i18n/en.yaml", "guide.fee: Fee\n", "",
			`themes/default/i18n/ja.yaml:15:1: missing translation: "guide.fee" has no en text (add "guide.fee: …" to themes/default/i18n/en.yaml)`,
			`themes/default/i18n/ja.yaml:15:1: 訳がありません："guide.fee" に英語の文がありません（themes/default/i18n/en.yaml に「guide.fee: …」を追加してください）`},
		{"broken link", "content/sanda/renewal.en.md", "(issuance.md)", "(issuance-page.md)",
			`content/sanda/renewal.en.md:7:75: link to a page that does not exist: issuance-page.md (check the file name; links are relative to this file)`,
			`content/sanda/renewal.en.md:7:75: 存在しないページへのリンクです：issuance-page.md（ファイル名を確かめてください。リンクはこのファイルからの相対パスです）`},
		{"unknown question", "rules/sanda/issuance.yaml", "    when: {who: proxy}", "    when: {who: self, proxy: x}",
			`rules/sanda/issuance.yaml:44:23: unknown question "proxy"; the questions are who`,
			`rules/sanda/issuance.yaml:44:23: 不明な質問 "proxy" です。質問は who です`},
		{"outcome never reached", "rules/sanda/renewal.yaml", `when: {who: proxy, validity: open, form: "yes"}`, `when: {who: self, form: "yes"}`,
			`rules/sanda/renewal.yaml:102:5: outcome "proxy_valid" is never reached: no combination of answers satisfies its "when"`,
			`rules/sanda/renewal.yaml:102:5: 結果 "proxy_valid" にたどり着くことはありません。どの回答の組み合わせでも "when" を満たしません`},
		{"question never asked", "rules/sanda/renewal.yaml", "ask_if: {who: proxy, validity: open}", "ask_if: {who: proxy, validity: too_early}",
			`rules/sanda/renewal.yaml:42:5: question "form" can never be asked: no answers to earlier questions satisfy its ask_if`,
			`rules/sanda/renewal.yaml:42:5: 質問 "form" が聞かれることはありません。前の質問のどの回答でも ask_if を満たしません`},
		{"no outcome for some answers", "rules/sanda/issuance.yaml", "    when: {who: proxy}", "    when: {who: self}",
			`rules/sanda/issuance.yaml:3:1: no outcome for the answers who=proxy; add an outcome whose "when" covers them`,
			`rules/sanda/issuance.yaml:3:1: 回答 who=proxy に当てはまる結果がありません。この回答を "when" に含む結果を追加してください`},
		{"failing rule test", "rules/sanda/issuance.yaml", "          - doc: mailed_form_signed\n", "",
			`rules/sanda/issuance.test.yaml:25:11: rule test "proxy, two visits with photo ID on both": visit 2: expected to bring [card, mailed_form_signed, photo_id], got [card, photo_id]`,
			`rules/sanda/issuance.test.yaml:25:11: ルールテスト "proxy, two visits with photo ID on both"：2 回目の来庁：持ち物は [card, mailed_form_signed, photo_id] のはずですが、[card, photo_id] になりました`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mistakeProject(t)
			change(t, root, tt.file, tt.old, tt.new)
			out := filepath.Join(t.TempDir(), "public")
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "sentinel.html"), []byte("old site"), 0o644)
			os.WriteFile(filepath.Join(out, site.ManifestName), []byte(oldRecordOf("sentinel.html")), 0o644)
			for _, lang := range []string{"en", "ja"} {
				if lang == "ja" {
					t.Setenv("LANG", "ja_JP.UTF-8")
				} else {
					t.Setenv("LANG", "C")
				}
				t.Setenv("LC_ALL", "")
				t.Setenv("LC_MESSAGES", "")
				var stdout, stderr bytes.Buffer
				code := run(context.Background(), []string{"build", "-src", root, "-out", out, "-checker=false", "-date", "2026-11-22"}, &stdout, &stderr)
				if code != 1 {
					t.Errorf("%s: exit %d, want 1", lang, code)
				}
				want := tt.en
				if lang == "ja" {
					want = tt.ja
				}
				lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
				found := false
				for _, l := range lines {
					if l == want {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: missing\n  %s\ngot:\n  %s", lang, want, strings.Join(lines, "\n  "))
				}
				if lang == "ja" && !strings.Contains(stderr.String(), "件の問題があります。何も書き出していません") {
					t.Errorf("ja: no Japanese summary:\n%s", stderr.String())
				}
				if lang == "ja" {
					// Every line of the report is in Japanese.
					for _, l := range lines {
						if !hasJapanese(l) {
							t.Errorf("ja: untranslated line %q", l)
						}
					}
				}
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 2 || entries[0].Name() != site.ManifestName || entries[1].Name() != "sentinel.html" {
				t.Errorf("public/ was touched: %v", entries)
			}
			siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.new-*"))
			if len(siblings) > 0 {
				t.Errorf("temporary folders left behind: %v", siblings)
			}
		})
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestProblemsOfEveryKindInOneRun checks that content problems are listed in
// the same run as rule problems, which stop the build before rendering.
func TestProblemsOfEveryKindInOneRun(t *testing.T) {
	root := mistakeProject(t)
	change(t, root, "rules/sanda/city.yaml", "  fax: 079-563-2101", "  facks: 079-563-2101")
	change(t, root, "content/sanda/renewal.en.md", "(issuance.md)", "(issuance-page.md)")
	t.Setenv("LANG", "C")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"check", "-src", root, "-date", "2026-11-22"}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	want := `content/sanda/renewal.en.md:7:75: link to a page that does not exist: issuance-page.md (check the file name; links are relative to this file)
rules/sanda/city.yaml:40:3: unknown key "facks" (did you mean "fax"?)
tebiki: 2 problem(s); nothing was written`
	if got := strings.TrimSpace(stderr.String()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
