package todo

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

func TestFindNamesEveryMarkerWithItsPosition(t *testing.T) {
	src := "name:\n  ja: TODO市\n  # TODO: 受付時間 / hours\n  en: Kobe (TODO市) TODO\n"
	errs := &diag.List{}
	Find("rules/kobe/city.yaml", []byte(src), errs)
	var got []string
	for _, d := range errs.Items() {
		if !Is(d) {
			t.Errorf("Is(%v) = false", d)
		}
		got = append(got, d.Pos.String()+" "+d.Msg)
	}
	want := []string{
		"rules/kobe/city.yaml:2:7 unfinished: TODO市",
		"rules/kobe/city.yaml:3:5 unfinished: TODO: 受付時間 / hours",
		"rules/kobe/city.yaml:4:13 unfinished: TODO市) TODO",
		"rules/kobe/city.yaml:4:20 unfinished: TODO",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ja := errs.Items()[0].StringIn("ja")
	if !strings.Contains(ja, "未記入です") || !strings.Contains(ja, "TODO の語を消して") {
		t.Errorf("Japanese: %s", ja)
	}
}

func TestScanLooksAtRulesAndContentOnly(t *testing.T) {
	fsys := fstest.MapFS{
		"rules/kobe/city.yaml":           {Data: []byte("a: TODO\n")},
		"rules/_schema/city.schema.json": {Data: []byte("TODO")},
		"rules/_schema/x.yaml":           {Data: []byte("TODO")},
		"content/kobe/_index.ja.md":      {Data: []byte("---\ntitle: x\n---\nTODO\n")},
		"content/kobe/notes.txt":         {Data: []byte("TODO")},
		"themes/default/i18n/en.yaml":    {Data: []byte("TODO")},
		"content/kobe/renewal.en.md":     {Data: []byte("nothing to do here\n")},
	}
	errs := &diag.List{}
	Scan(fsys, errs)
	var got []string
	for _, d := range errs.Items() {
		got = append(got, d.Pos.String())
	}
	if strings.Join(got, " ") != "content/kobe/_index.ja.md:4:1 rules/kobe/city.yaml:1:4" {
		t.Errorf("markers found at %v", got)
	}
}
