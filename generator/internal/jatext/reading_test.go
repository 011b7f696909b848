package jatext

import (
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	s := "三田市役所で協働を申し込む"
	ws := Words(s)
	var surfaces []string
	got := map[string]Word{}
	for _, w := range ws {
		surfaces = append(surfaces, w.Surface)
		got[w.Surface] = w
	}
	if strings.Join(surfaces, "") != s {
		t.Fatalf("words %q do not give the text back", surfaces)
	}
	for surface, reading := range map[string]string{"三田": "ミタ", "市役所": "シヤクショ", "申し込む": "モウシコム"} {
		if w := got[surface]; w.Reading != reading || !w.Known {
			t.Errorf("%s: %+v; want reading %s", surface, w, reading)
		}
	}
	// 協働 is not in the IPA dictionary: 働 comes out unknown, without reading.
	if w, ok := got["働"]; !ok || w.Known || w.Reading != "" {
		t.Errorf("働: %+v (in %q); want an unknown word without reading", w, surfaces)
	}
	if w := got["三田"]; len(w.POS) == 0 || w.POS[0] != "名詞" {
		t.Errorf("三田: POS %v", w.POS)
	}
}
