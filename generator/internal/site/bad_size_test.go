package site_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// A file over the size limit (diag.MaxFileSize) is not read: the build
// reports it at file:1:1 and writes nothing. (The fixture is generated: 33 MB
// does not belong in testdata.)
func TestBadInputTooLarge(t *testing.T) {
	fsys := loadFixture(t, "site")
	big := func(head string) []byte {
		return append([]byte(head), bytes.Repeat([]byte("市民課の窓口です。\n"), diag.MaxFileSize/28+1)...)
	}
	fsys["content/kawa/pin_reset.ja.md"] = &fstest.MapFile{Data: big("---\ntitle: 暗証番号\n---\n\n")}
	fsys["rules/minato/renewal.test.yaml"] = &fstest.MapFile{Data: big("# too long\n")}
	out, untouched := prepareOut(t)
	_, err := site.Build(site.Options{Src: fsys, Out: out, Theme: "t"})
	got := diagLines(t, err)
	untouched()
	want := []string{
		"content/kawa/pin_reset.ja.md:1:1: the file is too large (33 MB) (split it into files under 32 MB)",
		"rules/minato/renewal.test.yaml:1:1: the file is too large (33 MB) (split it into files under 32 MB)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the build reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
