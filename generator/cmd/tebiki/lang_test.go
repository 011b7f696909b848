package main

import (
	"flag"
	"strings"
	"testing"
)

// setLocale sets the environment as a terminal in lang would ("" for none,
// as on Windows).
func setLocale(t *testing.T, lang string) {
	t.Helper()
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

// TestLangFlag checks that -lang decides the language of every line,
// whatever the environment says, for build, check, serve and diff.
func TestLangFlag(t *testing.T) {
	root := mistakeProject(t)
	change(t, root, "rules/sanda/city.yaml", "  fax: 079-563-2101", "  facks: 079-563-2101")
	change(t, root, "themes/default/layouts/city.html", "{{", "{{ nosuchfunc ")
	out := t.TempDir() + "/public"
	tests := []struct {
		name   string
		env    string
		args   []string
		code   int
		stderr string
	}{
		{"ja flag, no locale (Windows)", "", []string{"check", "-lang", "ja", "-src", root, "-date", "2026-11-22"}, 1,
			`rules/sanda/city.yaml:40:3: 不明なキー "facks" です（"fax" の書き間違いではありませんか？）
themes/default/layouts/city.html:1: テンプレートの誤りです：関数 "nosuchfunc" は定義されていません
tebiki: 2件の問題があります。何も書き出していません
`},
		{"en flag over a Japanese locale", "ja_JP.UTF-8", []string{"build", "-lang=en", "-src", root, "-out", out, "-checker=false", "-date", "2026-11-22"}, 1,
			`rules/sanda/city.yaml:40:3: unknown key "facks" (did you mean "fax"?)
themes/default/layouts/city.html:1: template error: function "nosuchfunc" not defined
tebiki: 2 problem(s); nothing was written
`},
		{"Japanese locale, no flag", "ja_JP.UTF-8", []string{"check", "-src", root, "-date", "2026-11-22"}, 1,
			`rules/sanda/city.yaml:40:3: 不明なキー "facks" です（"fax" の書き間違いではありませんか？）
themes/default/layouts/city.html:1: テンプレートの誤りです：関数 "nosuchfunc" は定義されていません
tebiki: 2件の問題があります。何も書き出していません
`},
		{"unknown flag in Japanese", "", []string{"build", "-lang", "ja", "-nope"}, 2,
			`フラグ -nope はありません
「tebiki build -h」でこのコマンドのフラグの一覧を表示できます
`},
		{"flag without its value in Japanese", "", []string{"check", "-src", root, "-lang=ja", "-date"}, 2,
			`フラグ -date には値が必要です
「tebiki check -h」でこのコマンドのフラグの一覧を表示できます
`},
		{"bad flag value in Japanese", "", []string{"build", "-lang", "ja", "-checker=maybe"}, 2,
			`フラグ -checker の値 "maybe" は使えません：embedded、source、false のどれかを指定してください
「tebiki build -h」でこのコマンドのフラグの一覧を表示できます
`},
		{"bad date in Japanese", "ja_JP.UTF-8", []string{"check", "-src", root, "-date", "2027-13-01"}, 2,
			`tebiki: -date の "2027-13-01" は日付ではありません（YYYY-MM-DD の形で書いてください）
`},
		{"unknown language", "ja_JP.UTF-8", []string{"check", "-lang", "fr"}, 2,
			`tebiki: -lang の "fr" は使えません。ja か en を指定してください
`},
		{"serve address in Japanese", "", []string{"serve", "-lang", "ja", "-addr", "0.0.0.0:1313"}, 2,
			`tebiki: プレビューはこのコンピューターの中だけで開きます。127.0.0.1:1313 のようなアドレスを指定するか、ネットワークに公開するなら -bind を使ってください
`},
		{"diff usage in Japanese", "", []string{"diff", "-lang", "ja", "-rev", "HEAD", "-from", "2027-01-01"}, 2,
			`tebiki: -rev、-against、-from と -to のどれか一つを指定してください
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setLocale(t, tt.env)
			code, _, stderr := runCmd(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if stderr != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, tt.stderr)
			}
		})
	}
}

// TestLangFlagSuccess checks the closing line of a run without problems.
func TestLangFlagSuccess(t *testing.T) {
	root := mistakeProject(t)
	setLocale(t, "C")
	code, stdout, stderr := runCmd("check", "-lang", "ja", "-src", root, "-date", "2026-11-22")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "tebiki: ") || !strings.Contains(stdout, " ページに問題はありません。ルールテスト ") {
		t.Errorf("stdout = %q", stdout)
	}
	code, stdout, _ = runCmd("build", "-lang", "ja", "-src", root, "-out", t.TempDir()+"/public", "-checker=false", "-date", "2026-11-22")
	if code != 0 || !strings.Contains(stdout, "/public に") || !strings.Contains(stdout, "ページ（") || !strings.Contains(stdout, "で作りました") {
		t.Errorf("build: exit %d, stdout %q", code, stdout)
	}
}

func TestLangIn(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.String("src", "", "")
	fs.Bool("checker", true, "")
	fs.String("lang", "", "")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"-lang", "ja"}, "ja"},
		{[]string{"--lang=en", "-src", "x"}, "en"},
		{[]string{"-src", "x", "-lang=ja"}, "ja"},
		{[]string{"-checker", "-lang", "ja"}, "ja"},
		{[]string{"-src", "-lang", "en"}, ""}, // "-lang" is the value of -src
		{[]string{"-nope", "-lang", "ja"}, "ja"},
		{[]string{"-src", "x", "stray", "-lang=ja"}, ""}, // flags end at the first argument
		{[]string{"--", "-lang=ja"}, ""},
		{[]string{"-language", "ja"}, ""},
	} {
		if got := langIn(fs, tt.args); got != tt.want {
			t.Errorf("langIn(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
