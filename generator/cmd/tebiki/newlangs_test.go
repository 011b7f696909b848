package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -name CODE=NAME gives a name in any language of the site; -ja and -en
// are its shorthands.
func TestNewCityNameFlags(t *testing.T) {
	dir := copyProject(t)
	code, stdout, stderr := runCmd("new", "city", "kaku", "--from", "sanda", "-ja", "架空市", "-name", "en=Kaku City", "-name", "easy=かくう市", "-src", dir)
	if code != 0 {
		t.Fatalf("new city: exit %d\n%s%s", code, stdout, stderr)
	}
	city, err := os.ReadFile(filepath.Join(dir, "rules/kaku/city.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(city), "name:\n  ja: 架空市\n  en: Kaku City (架空市)\n  easy: かくう市\n") {
		t.Errorf("names not given to the city:\n%s", city)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "content/kaku/_index.easy.md"))
	if !strings.Contains(string(page), "かくう市") || strings.Contains(string(page), "架空") {
		t.Errorf("the Easy Japanese page does not have its name:\n%s", page)
	}
}

// A code that is not a language of the site is a usage error, said in the
// language of messages, and nothing is written.
func TestNewCityNameFlagRefused(t *testing.T) {
	dir := copyProject(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-name", "fr=Kaku"}, `tebiki: -name: "fr" is not a language of this site; use one of the codes in tebiki.yaml: ja, en, easy`},
		{[]string{"-ja", "架空市", "-name", "kr=가쿠시"}, `"kr" is not a language of this site`},
		{[]string{"-name", "Kaku City"}, `tebiki: -name "Kaku City": write CODE=NAME`},
		{[]string{"-name", "easy="}, `write CODE=NAME`},
		{[]string{"-ja", "架空市", "-name", "ja=仮名市"}, `two names for language "ja": "架空市" and "仮名市"`},
	} {
		args := append([]string{"new", "city", "kaku", "--from", "sanda", "-src", dir}, tc.args...)
		code, stdout, stderr := runCmd(args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s%s", tc.args, code, tc.want, stdout, stderr)
		}
	}
	t.Setenv("LANG", "ja_JP.UTF-8")
	code, _, stderr := runCmd("new", "city", "kaku", "--from", "sanda", "-name", "fr=Kaku", "-src", dir)
	if code != 2 || !strings.Contains(stderr, `"fr" はこのサイトの言語ではありません`) || !strings.Contains(stderr, "ja, en, easy") {
		t.Errorf("in Japanese: exit %d\n%s", code, stderr)
	}
	for _, d := range []string{"rules/kaku", "content/kaku"} {
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			t.Errorf("a refused new city wrote %s", d)
		}
	}
	if code, _, _ := runCmd("new", "procedure", "sanda/moving", "--from", "sanda/renewal", "-name", "ja=架空市", "-src", dir); code != 2 {
		t.Errorf("new procedure with -name: exit %d", code)
	}
}
