package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOneMistakeOneMessage checks that a mistake is reported once, by its
// cause, and that the problems it causes further on are left out.
func TestOneMistakeOneMessage(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, root string)
		en, ja string
	}{
		{"misspelt key", func(t *testing.T, root string) {
			change(t, root, "rules/sanda/city.yaml", `close: "17:30"`, `clsoe: "17:30"`)
		}, `rules/sanda/city.yaml:24:41: unknown key "clsoe" (did you mean "close"?)
tebiki: 1 problem(s); nothing was written
`, `rules/sanda/city.yaml:24:41: 不明なキー "clsoe" です（"close" の書き間違いではありませんか？）
tebiki: 1件の問題があります。何も書き出していません
`},
		{"missing key", func(t *testing.T, root string) {
			change(t, root, "rules/sanda/city.yaml", `, close: "17:30"`, ``)
		}, `rules/sanda/city.yaml:24:9: missing key "close" (add it)
tebiki: 1 problem(s); nothing was written
`, `rules/sanda/city.yaml:24:9: キー "close" がありません（追加してください）
tebiki: 1件の問題があります。何も書き出していません
`},
		{"misspelt office id (procedures refer to it)", func(t *testing.T, root string) {
			change(t, root, "rules/sanda/city.yaml", "  - id: city_hall", "  - idd: city_hall")
		}, `rules/sanda/city.yaml:14:5: unknown key "idd" (did you mean "id"?)
tebiki: 1 problem(s); nothing was written
`, `rules/sanda/city.yaml:14:5: 不明なキー "idd" です（"id" の書き間違いではありませんか？）
tebiki: 1件の問題があります。何も書き出していません
`},
		{"misspelt document id in national.yaml", func(t *testing.T, root string) {
			change(t, root, "rules/national.yaml", "  - id: card\n", "  - ib: card\n")
		}, `rules/national.yaml:122:5: unknown key "ib" (did you mean "id"?)
tebiki: 1 problem(s); nothing was written
`, `rules/national.yaml:122:5: 不明なキー "ib" です（"id" の書き間違いではありませんか？）
tebiki: 1件の問題があります。何も書き出していません
`},
		{"misspelt question id", func(t *testing.T, root string) {
			change(t, root, "rules/sanda/renewal.yaml", "  - id: who\n", "  - idd: who\n")
		}, `rules/sanda/renewal.yaml:30:5: unknown key "idd" (did you mean "id"?)
tebiki: 1 problem(s); nothing was written
`, `rules/sanda/renewal.yaml:30:5: 不明なキー "idd" です（"id" の書き間違いではありませんか？）
tebiki: 1件の問題があります。何も書き出していません
`},
		{"missing national.yaml", func(t *testing.T, root string) {
			if err := os.Remove(filepath.Join(root, "rules", "national.yaml")); err != nil {
				t.Fatal(err)
			}
		}, `rules/national.yaml: cannot read the national rules: no such file or directory (create it: it holds the facts common to every city)
tebiki: 1 problem(s); nothing was written
`, `rules/national.yaml: 全国共通のルールを読み込めません：ファイルもフォルダもありません（作成してください。すべての市に共通する説明を書くファイルです）
tebiki: 1件の問題があります。何も書き出していません
`},
		{"national.yaml that does not parse", func(t *testing.T, root string) {
			change(t, root, "rules/national.yaml", "renewal_window_months: 3", "renewal_window_months: [3")
		}, `rules/national.yaml:6:1: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)
tebiki: 1 problem(s); nothing was written
`, `rules/national.yaml:6:1: YAML の書き方に誤りがあります：「,」か「]」が見つかりません（この行と前の行の字下げ、コロン（:）、引用符を確かめてください）
tebiki: 1件の問題があります。何も書き出していません
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mistakeProject(t)
			tt.break_(t, root)
			setLocale(t, "")
			for _, lang := range []string{"en", "ja"} {
				want := tt.en
				if lang == "ja" {
					want = tt.ja
				}
				code, _, stderr := runCmd("check", "-lang", lang, "-src", root, "-date", "2026-11-22")
				if code != 1 || stderr != want {
					t.Errorf("%s: exit %d, stderr:\n%s\nwant:\n%s", lang, code, stderr, want)
				}
			}
		})
	}
}

// TestRootCauseFirst checks that the problem of a file that explains others
// comes first, even when other files sort before it: with national.yaml
// broken, a city whose own file has a mistake ("aaa", before "national")
// is listed after it.
func TestRootCauseFirst(t *testing.T) {
	root := mistakeProject(t)
	change(t, root, "rules/national.yaml", "renewal_window_months: 3", "renewal_window_months: [3")
	for _, dir := range []string{"rules", "content"} {
		if err := os.Rename(filepath.Join(root, dir, "sanda"), filepath.Join(root, dir, "aaa")); err != nil {
			t.Fatal(err)
		}
	}
	change(t, root, "rules/aaa/city.yaml", "weight: 2", "weight: two")
	setLocale(t, "")
	code, _, stderr := runCmd("check", "-src", root, "-date", "2026-11-22")
	want := `rules/national.yaml:6:1: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)
rules/aaa/city.yaml:11:9: expected a whole number, found "two"
tebiki: 2 problem(s); nothing was written
`
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}
