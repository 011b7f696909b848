package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyCity copies rules/sanda and content/sanda to a new city, as staff do
// to start one.
func copyCity(t *testing.T, root, id string) {
	t.Helper()
	for _, dir := range []string{"rules", "content"} {
		if err := os.CopyFS(filepath.Join(root, dir, id), os.DirFS(filepath.Join(root, dir, "sanda"))); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCopiedCityWarnings checks that what a copied city still shares with
// its original (name, phone number, office building) is warned about,
// naming both places, in both languages, without failing check or build.
func TestCopiedCityWarnings(t *testing.T) {
	root := mistakeProject(t)
	copyCity(t, root, "tama")
	setLocale(t, "")
	code, stdout, stderr := runCmd("check", "-src", root, "-date", "2026-11-22")
	want := `rules/tama/city.yaml:4:3: warning: the city name "三田市" is also used at rules/sanda/city.yaml:4:3 (one was probably copied from the other; give each city its own name)
rules/tama/city.yaml:16:7: warning: the office building "三田市役所" is also used at rules/sanda/city.yaml:16:7 (one was probably copied from the other; give each city its own offices)
rules/tama/city.yaml:31:3: warning: the phone number "079-559-5044" is also used at rules/sanda/city.yaml:31:3 (one was probably copied from the other; give each city its own phone number)
`
	if code != 0 || stderr != want || !strings.HasPrefix(stdout, "tebiki: no problems in ") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr = runCmd("build", "-lang", "ja", "-src", root, "-out", out, "-checker=false", "-date", "2026-11-22")
	want = `rules/tama/city.yaml:4:3: 警告：市の名前 "三田市" は rules/sanda/city.yaml:4:3 でも使われています（どちらかがもう一方をコピーしたままではありませんか？市ごとに別の名前にしてください）
rules/tama/city.yaml:16:7: 警告：窓口の建物 "三田市役所" は rules/sanda/city.yaml:16:7 でも使われています（どちらかがもう一方をコピーしたままではありませんか？それぞれの市の窓口を書いてください）
rules/tama/city.yaml:31:3: 警告：電話番号 "079-559-5044" は rules/sanda/city.yaml:31:3 でも使われています（どちらかがもう一方をコピーしたままではありませんか？それぞれの市の電話番号を書いてください）
`
	if code != 0 || stderr != want {
		t.Errorf("build: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	// Built again with nothing changed, it warns again: a build that warned
	// never takes the shortcut of a build with nothing to do.
	if code, _, again := runCmd("build", "-lang", "ja", "-src", root, "-out", out, "-checker=false", "-date", "2026-11-22"); code != 0 || again != want {
		t.Errorf("build again: exit %d, stderr:\n%s\nwant:\n%s", code, again, want)
	}

	// With a real problem too, the warnings follow the problems.
	change(t, root, "rules/tama/city.yaml", "weight: 2", "weight: two")
	code, _, stderr = runCmd("check", "-src", root, "-date", "2026-11-22")
	if !strings.HasPrefix(stderr, "rules/tama/city.yaml:11:9: expected a whole number, found \"two\"\nrules/tama/city.yaml:4:3: warning: ") ||
		!strings.HasSuffix(stderr, "\ntebiki: 1 problem(s); nothing was written\n") || code != 1 {
		t.Errorf("with a problem: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestSameNameOtherPrefecture checks that two cities of the same name in
// different prefectures (as 府中市 in Tokyo and Hiroshima) are not warned
// about, while a phone number is unique whatever the prefecture.
func TestSameNameOtherPrefecture(t *testing.T) {
	root := mistakeProject(t)
	copyCity(t, root, "tama")
	change(t, root, "rules/tama/city.yaml", "  ja: 兵庫県\n  en: Hyogo\n  easy: 兵庫県", "  ja: 東京都\n  en: Tokyo\n  easy: 東京都")
	change(t, root, "rules/tama/city.yaml", "  phone: 079-559-5044", "  phone: 0795595044")
	setLocale(t, "")
	code, _, stderr := runCmd("check", "-src", root, "-date", "2026-11-22")
	want := `rules/tama/city.yaml:31:3: warning: the phone number "0795595044" is also used at rules/sanda/city.yaml:31:3 (one was probably copied from the other; give each city its own phone number)
`
	if code != 0 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestCopiedBuilding checks that a copy renamed but still naming the
// original's building is warned about, and that two cities of a prefecture
// both calling their building 本庁舎 (the main building) are not.
func TestCopiedBuilding(t *testing.T) {
	root := mistakeProject(t)
	copyCity(t, root, "tama")
	change(t, root, "rules/tama/city.yaml", "  ja: 三田市\n  en: Sanda City (三田市)\n  easy: 三田市", "  ja: 多摩市\n  en: Tama City (多摩市)\n  easy: 多摩市")
	change(t, root, "rules/tama/city.yaml", "  phone: 079-559-5044", "  phone: 079-000-0000")
	setLocale(t, "")
	code, _, stderr := runCmd("check", "-src", root, "-date", "2026-11-22")
	want := `rules/tama/city.yaml:16:7: warning: the office building "三田市役所" is also used at rules/sanda/city.yaml:16:7 (one was probably copied from the other; give each city its own offices)
`
	if code != 0 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	for _, city := range []string{"sanda", "tama"} {
		files, _ := filepath.Glob(filepath.Join(root, "rules", city, "*.yaml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, []byte(strings.ReplaceAll(string(b), "三田市役所", "本庁舎")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, _, stderr = runCmd("check", "-src", root, "-date", "2026-11-22")
	if code != 0 || stderr != "" {
		t.Errorf("本庁舎 twice: exit %d, stderr:\n%s", code, stderr)
	}
}
