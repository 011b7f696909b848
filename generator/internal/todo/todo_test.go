package todo

import (
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

func TestFindNamesEveryMarkerWithItsPosition(t *testing.T) {
	src := "name:\n  ja: TODO市\n  # TODO: 受付時間 / hours\n  en: Kaku (TODO市) TODO\n"
	errs := &diag.List{}
	Find("rules/kaku/city.yaml", []byte(src), errs)
	var got []string
	for _, d := range errs.Items() {
		if !Is(d) {
			t.Errorf("Is(%v) = false", d)
		}
		got = append(got, d.Pos.String()+" "+d.Msg.String())
	}
	want := []string{
		"rules/kaku/city.yaml:2:7 unfinished: TODO市",
		"rules/kaku/city.yaml:3:5 unfinished: TODO: 受付時間 / hours",
		"rules/kaku/city.yaml:4:13 unfinished: TODO市) TODO",
		"rules/kaku/city.yaml:4:20 unfinished: TODO",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ja := errs.Items()[0].StringIn("ja")
	if !strings.Contains(ja, "未記入です") || !strings.Contains(ja, "TODO の語を消して") {
		t.Errorf("Japanese: %s", ja)
	}
}
