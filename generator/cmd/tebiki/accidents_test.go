package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFullWidthInYAML checks that a full-width colon or space, typed with
// the Japanese input method on, is named at its line and column, in rules
// and in a page's front matter, with nothing else about the same file.
func TestFullWidthInYAML(t *testing.T) {
	root := mistakeProject(t)
	change(t, root, "rules/sanda/city.yaml", "  fax: 079-563-2101", "  fax： 079-563-2101")
	change(t, root, "rules/sanda/city.yaml", "  ja: 三田市\n", "  ja:　三田市\n")
	change(t, root, "rules/sakuragawa/city.yaml", "offices:\n  - id:", "offices:\n　- id:")
	change(t, root, "content/sanda/renewal.ja.md", "title: ", "title：")
	setLocale(t, "")
	code, _, stderr := runCmd("check", "-src", root, "-date", "2026-11-22")
	want := `content/sanda/renewal.ja.md:2:6: full-width colon "：" after the key "title" (write the colon in half-width: "title:")
rules/sakuragawa/city.yaml:14:1: full-width space (U+3000) in the indentation (indent with half-width spaces)
rules/sanda/city.yaml:4:6: full-width space (U+3000) after the colon of "ja" (put a half-width space after the colon)
rules/sanda/city.yaml:40:6: full-width colon "：" after the key "fax" (write the colon in half-width: "fax:")
tebiki: 4 problem(s); nothing was written
`
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	code, _, stderr = runCmd("check", "-lang", "ja", "-src", root, "-date", "2026-11-22")
	want = `content/sanda/renewal.ja.md:2:6: キー "title" の後のコロンが全角の「：」になっています（半角の「:」にして「title:」と書いてください）
rules/sakuragawa/city.yaml:14:1: 字下げに全角の空白が使われています（字下げには半角の空白を使ってください）
rules/sanda/city.yaml:4:6: キー "ja" のコロンの後の空白が全角になっています（コロンの後には半角の空白を入れてください）
rules/sanda/city.yaml:40:6: キー "fax" の後のコロンが全角の「：」になっています（半角の「:」にして「fax:」と書いてください）
tebiki: 4件の問題があります。何も書き出していません
`
	if code != 1 || stderr != want {
		t.Errorf("ja: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestStrayFiles checks copies and backups left in rules/ and content/ by a
// file manager or an editor: a copy that would be read as a new city,
// procedure or page is an error naming it; a backup is a warning, which
// alone does not stop the build; files of the operating system are ignored.
func TestStrayFiles(t *testing.T) {
	root := mistakeProject(t)
	copyFile := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("rules/sanda/city.yaml", "rules/sanda/city.yaml.bak")
	copyFile("content/sanda/renewal.ja.md", "content/sanda/~$renewal.ja.md")
	copyFile("rules/sanda/renewal.yaml", "rules/sanda/.DS_Store")
	copyFile("rules/sanda/renewal.yaml", "content/Thumbs.db")
	setLocale(t, "")

	// Backups alone: warnings, and the site is built.
	code, stdout, stderr := runCmd("check", "-src", root, "-date", "2026-11-22")
	want := `content/sanda/~$renewal.ja.md: warning: this looks like a backup or temporary file; Tebiki does not read it (delete it, or move it out of content/sanda/)
rules/sanda/city.yaml.bak: warning: this looks like a backup or temporary file; Tebiki does not read it (delete it, or move it out of rules/sanda/)
`
	if code != 0 || stderr != want || stdout == "" {
		t.Errorf("backups: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr = runCmd("build", "-lang", "ja", "-src", root, "-out", out, "-checker=false", "-date", "2026-11-22")
	want = `content/sanda/~$renewal.ja.md: 警告：バックアップか一時ファイルのようです。Tebiki は読み込みません（削除するか、content/sanda/ の外に移してください）
rules/sanda/city.yaml.bak: 警告：バックアップか一時ファイルのようです。Tebiki は読み込みません（削除するか、rules/sanda/ の外に移してください）
`
	if code != 0 || stderr != want {
		t.Errorf("build: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}

	// Copies that would be read: errors, each once.
	copyFile("rules/sanda/renewal.yaml", "rules/sanda/renewal - コピー.yaml")
	copyFile("rules/sanda/renewal.yaml", "rules/sanda/renewal (1).yaml")
	copyFile("content/sanda/renewal.en.md", "content/sanda/renewal - Copy.en.md")
	if err := os.CopyFS(filepath.Join(root, "rules", "sanda - コピー"), os.DirFS(filepath.Join(root, "rules", "sanda"))); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd("check", "-src", root, "-date", "2026-11-22")
	want = `content/sanda/renewal - Copy.en.md: this looks like a copy made by a file manager, and would be read as a new page (delete it; if it is a new page, rename it with lower-case letters, digits, - and _ only)
rules/sanda - コピー: this looks like a copy made by a file manager, and would be read as a new city (delete it; if it is a new city, rename it with lower-case letters, digits, - and _ only)
rules/sanda/renewal (1).yaml: this looks like a copy made by a file manager, and would be read as a new procedure (delete it; if it is a new procedure, rename it with lower-case letters, digits, - and _ only)
rules/sanda/renewal - コピー.yaml: this looks like a copy made by a file manager, and would be read as a new procedure (delete it; if it is a new procedure, rename it with lower-case letters, digits, - and _ only)
content/sanda/~$renewal.ja.md: warning: this looks like a backup or temporary file; Tebiki does not read it (delete it, or move it out of content/sanda/)
rules/sanda/city.yaml.bak: warning: this looks like a backup or temporary file; Tebiki does not read it (delete it, or move it out of rules/sanda/)
tebiki: 4 problem(s); nothing was written
`
	if code != 1 || stderr != want {
		t.Errorf("copies: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	code, _, stderr = runCmd("check", "-lang", "ja", "-src", root, "-date", "2026-11-22")
	want = `content/sanda/renewal - Copy.en.md: ファイル管理ソフトで作ったコピーのようです。このままでは新しいページとして読み込まれます（削除してください。新しいページなら、英小文字、数字、- と _ だけの名前に変えてください）
rules/sanda - コピー: ファイル管理ソフトで作ったコピーのようです。このままでは新しい市として読み込まれます（削除してください。新しい市なら、英小文字、数字、- と _ だけの名前に変えてください）
rules/sanda/renewal (1).yaml: ファイル管理ソフトで作ったコピーのようです。このままでは新しい手続きとして読み込まれます（削除してください。新しい手続きなら、英小文字、数字、- と _ だけの名前に変えてください）
rules/sanda/renewal - コピー.yaml: ファイル管理ソフトで作ったコピーのようです。このままでは新しい手続きとして読み込まれます（削除してください。新しい手続きなら、英小文字、数字、- と _ だけの名前に変えてください）
content/sanda/~$renewal.ja.md: 警告：バックアップか一時ファイルのようです。Tebiki は読み込みません（削除するか、content/sanda/ の外に移してください）
rules/sanda/city.yaml.bak: 警告：バックアップか一時ファイルのようです。Tebiki は読み込みません（削除するか、rules/sanda/ の外に移してください）
tebiki: 4件の問題があります。何も書き出していません
`
	if code != 1 || stderr != want {
		t.Errorf("copies, ja: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}
